//! The worked step as a text table (the CLI's `ninestep model step`, the page's listing).

use super::step::{LayerTrace, Named, WorkedStep};
use crate::text::{fmt_num, Lang};

/// `[a, b; c, d]` with six decimals.
pub fn matrix_text(n: &Named) -> String {
    let cols = n.shape[1].max(1);
    let rows: Vec<String> = n
        .values
        .chunks(cols)
        .map(|r| {
            r.iter()
                .map(|v| fmt_num(*v as f64, 6))
                .collect::<Vec<_>>()
                .join(", ")
        })
        .collect();
    format!("[{}]", rows.join("; "))
}

fn line(out: &mut String, indent: &str, n: &Named, suffix: &str) {
    out.push_str(&format!(
        "{indent}{:<10} {}×{}  {}\n",
        format!("{}{suffix}", n.name),
        n.shape[0],
        n.shape[1],
        matrix_text(n)
    ));
}

/// A layer's heading (`word` is "layer" in the listing's language), then `values`, its
/// forward or its backward ones.
fn layer_lines(out: &mut String, word: &str, l: &LayerTrace, values: &[Named]) {
    out.push_str(&format!("  {word} {} ({})\n", l.layer, l.config.name()));
    for n in values {
        line(out, "    ", n, &l.layer.to_string());
    }
}

impl WorkedStep {
    /// The step as a listing: forward, output and loss, backward, update.
    pub fn text(&self, lang: Lang) -> String {
        let zh = lang == Lang::Zh;
        let t = |en: &'static str, z: &'static str| if zh { z } else { en };
        let mut out = String::new();
        out.push_str(&format!(
            "{} η = {}\n",
            t(
                "One SGD step, p ← p − η·dp, with",
                "一步随机梯度下降 p ← p − η·dp，学习率"
            ),
            self.learning_rate
        ));
        line(&mut out, "", &self.input, "");
        line(&mut out, "", &self.target, "");
        out.push_str(&format!(
            "\n{}\n",
            t("Forward (training mode)", "前向计算（训练模式）")
        ));
        for l in &self.layers {
            layer_lines(&mut out, t("layer", "层"), l, &l.forward);
        }
        out.push_str(&format!(
            "  {} {}\n",
            t("output function", "输出函数"),
            self.output_function.name()
        ));
        line(&mut out, "    ", &self.output, "");
        out.push_str(&format!(
            "  {} J = {}\n",
            t("loss", "损失"),
            fmt_num(self.loss as f64, 6)
        ));
        out.push_str(&format!("\n{}\n", t("Backward", "反向传播")));
        for l in self.layers.iter().rev() {
            layer_lines(&mut out, t("layer", "层"), l, &l.backward);
        }
        out.push_str(&format!("\n{}\n", t("Update", "更新参数")));
        for l in &self.layers {
            for (b, a) in l.before.iter().zip(&l.after) {
                line(
                    &mut out,
                    "  ",
                    b,
                    &format!("{} {}", l.layer, t("before", "更新前")),
                );
                line(
                    &mut out,
                    "  ",
                    a,
                    &format!("{} {}", l.layer, t("after", "更新后")),
                );
            }
        }
        out.push_str(&format!(
            "\n{} J = {} → {}\n",
            t(
                "loss on these rows (inference mode)",
                "这些样本上的损失（推理模式）"
            ),
            fmt_num(self.loss as f64, 6),
            fmt_num(self.loss_after as f64, 6)
        ));
        out
    }
}
