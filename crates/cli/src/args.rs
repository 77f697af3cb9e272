//! Command-line arguments: `<widget> [--key value …] [--steps N] [--json] [--lang zh]
//! [--out FILE] [--width W] [--height H] [--data-file FILE]`. Unknown `--key`s are widget settings and are
//! checked by the widget itself.

use ninestep_core::{Lang, Params};

/// Parsed arguments of `lesson` and `figure`.
#[derive(Debug, Default)]
pub struct Args {
    /// Widget name.
    pub widget: String,
    /// Widget settings.
    pub params: Params,
    /// Iterations to run (`None`: until the stop rule).
    pub steps: Option<usize>,
    /// Print JSON instead of a table.
    pub json: bool,
    /// Language of labels.
    pub lang: Lang,
    /// Output file of a figure.
    pub out: Option<String>,
    /// Figure size in pixels.
    pub size: (u32, u32),
    /// The data file of a widget that needs one (`--data-file FILE`; default: the shipped copy
    /// under `www/`).
    pub data: Option<String>,
}

/// Parses `args` (without the program and subcommand names).
pub fn parse(args: &[String]) -> Result<Args, String> {
    let mut it = args.iter();
    let widget = it
        .next()
        .ok_or("missing widget name (try `ninestep list`)")?
        .clone();
    let mut a = Args {
        widget,
        size: (800, 500),
        ..Args::default()
    };
    while let Some(flag) = it.next() {
        let Some(key) = flag.strip_prefix("--") else {
            return Err(format!(
                "unexpected argument “{flag}” (settings are written --key value)"
            ));
        };
        if key == "json" {
            a.json = true;
            continue;
        }
        let value = it.next().ok_or_else(|| format!("--{key} needs a value"))?;
        let number = |v: &str| {
            v.parse::<u32>()
                .map_err(|_| format!("--{key} needs a whole number, not “{v}”"))
        };
        match key {
            "steps" => a.steps = Some(number(value)? as usize),
            "lang" => {
                a.lang = Lang::parse(value)
                    .ok_or_else(|| format!("unknown language “{value}” (en or zh)"))?
            }
            "out" => a.out = Some(value.clone()),
            "data-file" => a.data = Some(value.clone()),
            "width" => a.size.0 = number(value)?.clamp(200, 4000),
            "height" => a.size.1 = number(value)?.clamp(150, 4000),
            _ => a.params.set(key, value.clone()),
        }
    }
    Ok(a)
}

/// A command line split at white space, as a shell splits plain words (the tests' argv).
#[cfg(test)]
pub(crate) fn words(line: &str) -> Vec<String> {
    line.split_whitespace().map(String::from).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_and_flags_are_separated() {
        let a = parse(&words(
            "backprop-chain --x 2 --target 2.13 --json --steps 3 --lang zh",
        ))
        .unwrap();
        assert_eq!(a.widget, "backprop-chain");
        assert_eq!(a.params.raw("x"), Some("2"));
        assert_eq!(a.params.raw("target"), Some("2.13"));
        assert!(a.json);
        assert_eq!((a.steps, a.lang), (Some(3), Lang::Zh));
    }

    #[test]
    fn data_is_a_widget_setting_and_data_file_a_flag() {
        // curve-fit and poly-fit have a setting `data` (sine or cobra).
        let a = parse(&words("curve-fit --data cobra --data-file x.bin")).unwrap();
        assert_eq!(a.params.raw("data"), Some("cobra"));
        assert_eq!(a.data.as_deref(), Some("x.bin"));
    }

    #[test]
    fn malformed_arguments_are_errors() {
        assert!(parse(&words("gd-1d --eta")).is_err());
        assert!(parse(&words("gd-1d eta 0.3")).is_err());
        assert!(parse(&words("gd-1d --steps many")).is_err());
        assert!(parse(&[]).is_err());
    }
}
