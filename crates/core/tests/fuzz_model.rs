//! Property tests of the model-file reader (`nn::model::read`): real files cut, mutated and
//! spliced with hostile tokens, and plain random bytes. Whatever comes in, the reader must
//! not panic, and a rejection must be a short message in both languages with no hidden
//! characters. A file that is accepted must predict. Bounded: a few seconds.

use ninestep_core::nn::model::{read, write, Json, Model};
use ninestep_core::nn::{testnets, Activation};
use ninestep_core::text::{is_hidden_control, MAX_MESSAGE_CHARS};
use ninestep_core::Lang;
use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

struct SerdeJson;
impl Json for SerdeJson {
    fn parse<T: DeserializeOwned>(&self, text: &str) -> Result<T, String> {
        serde_json::from_str(text).map_err(|e| e.to_string())
    }
    fn write<T: Serialize>(&self, value: &T) -> Result<String, String> {
        serde_json::to_string(value).map_err(|e| e.to_string())
    }
}

/// A small real file: dense → batch norm → relu → dropout → dense, softmax.
fn good_file() -> String {
    let net = testnets::bn_dropout(3, 4, Activation::LeakyRelu(0.1), 0.3, 2, 3)
        .build()
        .expect("net");
    write(&Model::new(net), &SerdeJson).expect("writes")
}

/// Tokens that break a model in interesting ways.
const TOKENS: &[&str] = &[
    "null",
    "1e39",
    "-1e39",
    "-1",
    "0",
    "4096",
    "99999999999999999999",
    "\"x\"",
    "[]",
    "{}",
    "[1,2]",
    "\"dense\"",
    "\"conv9d\"",
    "true",
    ",",
    ":",
    "\"",
    "]",
    "}",
    "\u{feff}",
    "\u{202e}",
    "\\u0000",
    "中",
    "NaN",
    "Infinity",
    "2",
    "\"version\":2",
    "\"layer\":0",
];

fn check(bytes: &[u8]) {
    match read(bytes, &SerdeJson) {
        Ok(mut m) => {
            let n = m.network.inputs();
            // Absurd but finite weights (1e20) may overflow; the point is no panic.
            let out = m.predict(&vec![0.5; n]).expect("predicts");
            assert_eq!(out.cols, m.network.outputs());
        }
        Err(e) => {
            for lang in [Lang::En, Lang::Zh] {
                let msg = e.message(lang);
                assert!(!msg.trim().is_empty());
                assert!(!msg.chars().any(is_hidden_control), "{msg:?}");
                assert!(msg.chars().count() <= MAX_MESSAGE_CHARS, "{msg}");
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 300, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_cut_file_is_rejected_without_panic(cut in 0usize..2000) {
        let good = good_file();
        let cut = cut.min(good.len());
        check(&good.as_bytes()[..cut]);
    }

    #[test]
    fn a_mutated_file_is_read_or_rejected(
        edits in prop::collection::vec((0usize..4000, 0usize..8, prop::sample::select(TOKENS)), 1..4)
    ) {
        let mut text = good_file().into_bytes();
        for (at, del, token) in edits {
            let at = at % (text.len() + 1);
            let end = (at + del).min(text.len());
            text.splice(at..end, token.bytes());
        }
        check(&text);
    }

    #[test]
    fn random_bytes_are_rejected(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
        check(&bytes);
    }
}

#[test]
fn the_good_file_itself_loads() {
    let good = good_file();
    assert!(read(good.as_bytes(), &SerdeJson).is_ok());
}
