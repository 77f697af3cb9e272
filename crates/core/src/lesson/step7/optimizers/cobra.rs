//! Step 7, ch15.3 — how many epochs each optimizer needs on the cobra net: the ch9 cobra
//! data (a tenth held out for validation), 1-3-1 with sigmoid units and Xavier weights,
//! batch 10, at most 10,000 epochs, stopping when the validation loss reaches 0.001 (the
//! book's StopLoss). The set-up is `curve-fit`'s ([`fit_trainer`]); only the optimizer and
//! η change. The lesson prints [`BOOK_ROWS`] with our count beside each, pinned by a test.

use crate::error::Result;
use crate::lesson::curve_fit::fit_trainer;
use crate::nn::{OptimizerConfig, Stop, StopReason, TrainerConfig};

/// The book's StopLoss on the cobra net.
pub const TARGET: f32 = 0.001;
/// The book's max_epoch.
pub const MAX_EPOCHS: usize = 10_000;
/// Hidden units of the book's ch15 cobra net.
pub const HIDDEN: usize = 3;

/// The book's ch15.3 runs: optimizer (URL name), η, and what the book reports.
pub const BOOK_ROWS: [(&str, f32, &str); 8] = [
    ("sgd", 0.1, "10000 not enough"),
    ("sgd", 0.3, "5000"),
    ("momentum", 0.1, "2000"),
    ("nag", 0.1, "1400"),
    ("adagrad", 0.7, "1750"),
    ("adadelta", 0.1, "same as η 0.01 (η ignored)"),
    ("rmsprop", 0.01, "best of 0.1 / 0.01 / 0.005"),
    ("adam", 0.01, "best of 0.1 / 0.01 / 0.005 / 0.001"),
];

/// Epochs the cobra net needs with `optimizer` at rate `eta` to bring the validation loss
/// to [`TARGET`], or `None` if [`MAX_EPOCHS`] are not enough; data and weights from `seed`.
pub fn epochs_to_target(optimizer: OptimizerConfig, eta: f32, seed: u64) -> Result<Option<usize>> {
    let (mut trainer, _, _) = fit_trainer("cobra", HIDDEN, seed, |c| TrainerConfig {
        learning_rate: eta,
        batch_size: 10,
        max_epochs: MAX_EPOCHS,
        stop: Stop::Loss(TARGET),
        eval_train: false,
        optimizer,
        ..c
    })?;
    let reason = trainer.run()?;
    let epochs = trainer.history().epochs();
    Ok((reason == StopReason::Loss).then_some(epochs))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lesson(lang: &str) -> String {
        let path = format!(
            "{}/../../content/lessons/optimizers.{lang}.md",
            env!("CARGO_MANIFEST_DIR")
        );
        std::fs::read_to_string(&path).unwrap()
    }

    #[test]
    fn every_book_row_is_computed_and_printed_in_the_lesson() {
        // Book ch15.3 (1-3-1 cobra, batch 10, StopLoss 0.001): SGD 0.1 does not make it in
        // 10,000 epochs, SGD 0.3 5000, Momentum 2000, NAG 1400, AdaGrad 0.7 1750. Each of
        // our counts is pinned by the lesson's table (both languages).
        let (en, zh) = (lesson("en"), lesson("zh"));
        let ours: Vec<Option<usize>> = BOOK_ROWS
            .iter()
            .map(|&(name, eta, _)| {
                let opt = OptimizerConfig::from_name(name).unwrap();
                let n = epochs_to_target(opt, eta, 1).unwrap();
                eprintln!("cobra {name} η {eta}: {n:?}");
                n
            })
            .collect();
        for ((name, eta, _), n) in BOOK_ROWS.iter().zip(&ours) {
            for (lang, text, never) in
                [("en", &en, "not in 10000"), ("zh", &zh, "10000 轮内未达到")]
            {
                let row = text
                    .lines()
                    .find(|l| l.starts_with(&format!("| {name} | {eta} |")))
                    .unwrap_or_else(|| panic!("optimizers.{lang}.md: no row for {name} {eta}"));
                let shown = row.trim_end_matches('|').rsplit('|').next().unwrap().trim();
                let want = n.map_or(never.to_string(), |n| n.to_string());
                assert_eq!(shown, want, "{lang}: {row}");
            }
        }
        // The book's order where it gives numbers: the momentum family beats plain SGD.
        let get = |i: usize| ours[i].unwrap_or(usize::MAX);
        assert!(get(2) < get(1) && get(3) < get(1), "{ours:?}");
    }
}
