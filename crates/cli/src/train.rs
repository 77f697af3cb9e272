//! `ninestep train '<query>' [--epochs N] [--csv FILE] [--json] [--lang en|zh]`: runs one
//! experiment of the trainer (the query of `ninestep_core::experiment`, as in the page's
//! URL) and prints its history and final scores. `--csv` trains on the points of a CSV
//! file (x1, x2, label), as the page's upload does: `dataset=custom&points=…`. `--save FILE`
//! writes the trained model (docs/model-format.md) for `ninestep model …`.

use ninestep_core::experiment::points::points_from_csv;
use ninestep_core::experiment::{
    DataChoice, Evaluation, Experiment, ExperimentConfig, ExperimentRecord,
};
use ninestep_core::{fmt_num, Lang};
use serde_json::json;

/// Most history lines in text mode (the JSON has every epoch).
const TEXT_LINES: usize = 20;

/// Parsed arguments of `train`.
#[derive(Debug, PartialEq)]
pub struct TrainArgs {
    /// The experiment query.
    pub query: String,
    /// Overrides the query's `epochs`.
    pub epochs: Option<usize>,
    /// JSON instead of text.
    pub json: bool,
    /// Language of messages.
    pub lang: Lang,
    /// A CSV file of points (x1, x2, label) to train on instead of the query's data.
    pub csv: Option<String>,
    /// Where to save the trained model (docs/model-format.md).
    pub save: Option<String>,
}

/// Parses the arguments after `train`.
pub fn parse_args(args: &[String]) -> Result<TrainArgs, String> {
    let mut a = TrainArgs {
        query: String::new(),
        epochs: None,
        json: false,
        lang: Lang::En,
        csv: None,
        save: None,
    };
    let mut query = None;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--json" => a.json = true,
            "--epochs" | "--lang" | "--csv" | "--save" => {
                let v = it.next().ok_or_else(|| format!("{arg} needs a value"))?;
                if arg == "--save" {
                    a.save = Some(v.clone());
                } else if arg == "--csv" {
                    a.csv = Some(v.clone());
                } else if arg == "--epochs" {
                    let n = v
                        .parse::<usize>()
                        .map_err(|_| format!("--epochs needs a whole number, not “{v}”"))?;
                    a.epochs = Some(n);
                } else {
                    a.lang = Lang::parse(v)
                        .ok_or_else(|| format!("unknown language “{v}” (en or zh)"))?;
                }
            }
            flag if flag.starts_with("--") => return Err(format!("unknown option “{flag}”")),
            q if query.is_none() => query = Some(q.to_string()),
            extra => return Err(format!("unexpected argument “{extra}” (quote the query)")),
        }
    }
    a.query = query.ok_or("missing the experiment query, e.g. 'dataset=spiral&layers=8,8'")?;
    Ok(a)
}

/// Epochs shown in text mode: about [`TEXT_LINES`] evenly spaced, always the first and last.
pub fn thinned(epochs: usize) -> Vec<usize> {
    let step = epochs.div_ceil(TEXT_LINES).max(1);
    let mut out: Vec<usize> = (1..=epochs).filter(|e| e % step == 0 || *e == 1).collect();
    if out.last() != Some(&epochs) && epochs > 0 {
        out.push(epochs);
    }
    out
}

fn describe(e: &Experiment) -> String {
    let c = &e.config;
    let net = e.trainer.network();
    let sizes: Vec<String> = std::iter::once(net.inputs())
        .chain(net.dense_layers().map(|l| l.units()))
        .map(|u| u.to_string())
        .collect();
    let act = ninestep_core::experiment::activation_name(c.activation).unwrap_or("?");
    format!(
        "{} (noise {} %) · {} {} → {} · {} train / {} test · η {}, batch {}, init {}, seed {}",
        c.dataset.name(),
        c.noise,
        sizes.join("-"),
        act,
        c.head.name(),
        e.train.len(),
        e.test.len(),
        c.learning_rate,
        c.batch,
        c.init.name(),
        c.seed
    )
}

fn history_table(history: &[ExperimentRecord], lang: Lang) -> String {
    let head = match lang {
        Lang::Zh => ["轮", "训练损失", "测试损失", "训练准确率", "测试准确率"],
        _ => ["epoch", "train loss", "test loss", "train acc", "test acc"],
    };
    let mut out = format!(
        "{:>6}  {:>10}  {:>10}  {:>9}  {:>9}\n",
        head[0], head[1], head[2], head[3], head[4]
    );
    for e in thinned(history.len()) {
        let r = history[e - 1];
        out.push_str(&format!(
            "{:>6}  {:>10}  {:>10}  {:>9}  {:>9}\n",
            r.epoch,
            fmt_num(r.train_loss as f64, 6),
            fmt_num(r.test_loss as f64, 6),
            fmt_num(r.train_accuracy as f64, 4),
            fmt_num(r.test_accuracy as f64, 4)
        ));
    }
    out
}

fn evaluation_text(name: &str, ev: &Evaluation) -> String {
    let cm = &ev.confusion;
    let mut out = format!(
        "{name}: loss {} · accuracy {} · precision {} · recall {} · F1 {}\n",
        fmt_num(ev.loss as f64, 6),
        fmt_num(ev.accuracy, 4),
        fmt_num(ev.precision, 4),
        fmt_num(ev.recall, 4),
        fmt_num(ev.f1, 4)
    );
    out.push_str("  confusion (rows: actual class, columns: predicted)\n");
    out.push_str(&format!("  {:>8}", ""));
    for p in 0..cm.classes {
        out.push_str(&format!(" {:>7}", format!("pred {p}")));
    }
    out.push('\n');
    for a in 0..cm.classes {
        out.push_str(&format!("  {:>8}", format!("class {a}")));
        for p in 0..cm.classes {
            out.push_str(&format!(" {:>7}", cm.get(a, p)));
        }
        out.push('\n');
    }
    out
}

/// Runs `ninestep train`.
pub fn run(args: &[String]) -> Result<String, String> {
    let a = parse_args(args)?;
    let mut config =
        ExperimentConfig::parse(&a.query).map_err(|e| e.message(a.lang).to_string())?;
    if let Some(n) = a.epochs {
        config.epochs = n;
    }
    if let Some(path) = &a.csv {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
        let msg = |e: ninestep_core::Error| format!("{path}: {}", e.message(a.lang));
        config.points = points_from_csv(&text).map_err(msg)?;
        config.dataset = DataChoice::Custom;
        config.validate().map_err(msg)?;
    }
    let mut exp = config.build().map_err(|e| e.message(a.lang).to_string())?;
    let stopped = exp.run().err().map(|e| e.message(a.lang).to_string());
    let (train, test) = (exp.evaluate_train(), exp.evaluate_test());
    if let Some(path) = &a.save {
        // The experiment's points go into the net unscaled, so the model has no input scaling.
        let mut m = ninestep_core::nn::model::Model::new(exp.trainer.network().clone());
        m.description = config.to_query();
        crate::model::save(&m, path, a.lang)?;
    }
    if a.json {
        let v = json!({
            "query": config.to_query(),
            "config": config,
            "history": exp.history,
            "final": { "train": train, "test": test },
            "error": stopped,
        });
        return serde_json::to_string_pretty(&v).map_err(|e| e.to_string());
    }
    let mut out = format!("{}\n{}\n", describe(&exp), config.to_query());
    out.push_str(&history_table(&exp.history, a.lang));
    if let Some(msg) = stopped {
        out.push_str(&format!("stopped: {msg}\n"));
    }
    out.push_str(&format!("after {} epochs\n", exp.history.len()));
    out.push_str(&evaluation_text("train", &train));
    out.push_str(&evaluation_text("test ", &test));
    Ok(out.trim_end().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn v(s: &[&str]) -> Vec<String> {
        s.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn arguments() {
        let a = parse_args(&v(&["dataset=xor", "--epochs", "5", "--json"])).unwrap();
        assert_eq!(
            (a.query.as_str(), a.epochs, a.json, a.lang),
            ("dataset=xor", Some(5), true, Lang::En)
        );
        assert!(parse_args(&v(&[])).is_err());
        assert!(parse_args(&v(&["a=1", "b=2"])).is_err());
        assert!(parse_args(&v(&["x", "--epochs"])).is_err());
        assert!(parse_args(&v(&["x", "--epochs", "many"])).is_err());
        assert!(parse_args(&v(&["x", "--fast"])).is_err());
    }

    #[test]
    fn thinning_keeps_first_and_last() {
        assert_eq!(thinned(3), vec![1, 2, 3]);
        let t = thinned(1000);
        assert_eq!((t[0], t[t.len() - 1]), (1, 1000));
        assert!(t.len() <= TEXT_LINES + 2, "{}", t.len());
        let t = thinned(37);
        assert_eq!(t.last(), Some(&37));
        assert!(t.len() <= TEXT_LINES + 2);
    }

    #[test]
    fn text_and_json_reports() {
        let out = run(&v(&["dataset=xor4&layers=4&epochs=30"])).unwrap();
        assert!(out.contains("xor4") && out.contains("confusion") && out.contains("F1"));
        assert!(out.contains("after 30 epochs"), "{out}");
        let out = run(&v(&[
            "dataset=ch11-coin&loss=cross-entropy&epochs=500",
            "--epochs",
            "3",
            "--json",
        ]))
        .unwrap();
        let j: serde_json::Value = serde_json::from_str(&out).unwrap();
        assert_eq!(j["history"].as_array().unwrap().len(), 3);
        assert_eq!(j["final"]["test"]["confusion"]["classes"], 3);
        assert!(j["query"].as_str().unwrap().contains("epochs=3"));
        let e = run(&v(&["dataset=moons"])).unwrap_err();
        assert!(e.contains("dataset"), "{e}");
        let e = run(&v(&["dataset=spiral", "--epochs", "0"])).unwrap_err();
        assert!(e.contains("epochs"), "{e}");
    }

    #[test]
    fn custom_points_from_the_query_and_from_a_csv_file() {
        // Two points per XOR quadrant (class 1 where x1·x2 > 0).
        let points = "1,1,1;1.2,0.8,1;-1,-1,1;-0.8,-1.2,1;1,-1,0;0.8,-1.2,0;-1,1,0;-1.2,0.8,0";
        let q = format!("dataset=custom&layers=4&epochs=5&points={points}");
        let out = run(&v(&[&q, "--json"])).unwrap();
        let j: serde_json::Value = serde_json::from_str(&out).unwrap();
        // The canonical query ends with the points, exactly as given (they have ≤ 3 decimals).
        assert!(j["query"]
            .as_str()
            .unwrap()
            .ends_with(&format!("&points={points}")));
        assert_eq!(j["history"].as_array().unwrap().len(), 5);
        // Two classes; train=50 of 8 points: round(8·0.5) = 4 test points.
        assert_eq!(j["final"]["test"]["confusion"]["classes"], 2);
        let counts = j["final"]["test"]["confusion"]["counts"]
            .as_array()
            .unwrap();
        let total: u64 = counts.iter().filter_map(|c| c.as_u64()).sum();
        assert_eq!(total, 4);
        let text = run(&v(&[&q])).unwrap();
        assert!(text.starts_with("custom"), "{text}");
        // The same points from a CSV file (a header, −1/+1 labels) give the same run.
        let dir = std::env::temp_dir().join(format!("ninestep-cli-csv-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("xor.csv");
        let csv: String = points
            .split(';')
            .map(|p| {
                let f: Vec<&str> = p.split(',').collect();
                format!(
                    "{},{},{}\n",
                    f[0],
                    f[1],
                    if f[2] == "1" { "1" } else { "-1" }
                )
            })
            .collect();
        std::fs::write(&file, format!("x1,x2,label\n{csv}")).unwrap();
        let path = file.to_string_lossy().to_string();
        let from_csv = run(&v(&["layers=4&epochs=5", "--csv", &path])).unwrap();
        assert_eq!(from_csv, text);
        // A bad row: the message names the file and the line (the header is line 1).
        std::fs::write(&file, "x1,x2,label\n1,1,1\n2,2,9\n").unwrap();
        let e = run(&v(&["epochs=5", "--csv", &path])).unwrap_err();
        assert!(e.contains("xor.csv") && e.contains("line 3"), "{e}");
        let e = run(&v(&["epochs=5", "--csv", &path, "--lang", "zh"])).unwrap_err();
        assert!(e.contains("第 3 行"), "{e}");
        std::fs::remove_dir_all(&dir).ok();
        // points without dataset=custom is an error naming the key.
        let e = run(&v(&[&format!("dataset=xor&points={points}")])).unwrap_err();
        assert!(e.contains("points"), "{e}");
    }
}
