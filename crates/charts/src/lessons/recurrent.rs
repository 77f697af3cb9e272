//! Charts of step 9 (ch19): the echo task's loss curves and test predictions, and the
//! gradient reaching each step of a plain RNN and an LSTM. The unrolled subtraction net is in
//! [`super::recurrent_unrolled`].

use crate::lessons::Area;
use crate::pen::{Drawn, Pen};
use crate::plot::{padded, plot, Axes, Plot, Series};
use crate::style::{tr, BLUE, GREEN, ORANGE};
use ninestep_core::fmt_num;
use ninestep_core::lesson::step9::echo::Echo;
use ninestep_core::lesson::step9::vanishing::Vanishing;
use plotters::prelude::*;

/// Loss per epoch (left) and the 50 test targets against the net's answers (right).
pub fn echo<DB: DrawingBackend>(area: &Area<DB>, w: &Echo, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (a, b) = super::halves(area);
    let rows = w.rows();
    let curve = |f: fn(&ninestep_core::lesson::step9::echo::EchoRow) -> f64| {
        rows.iter()
            .map(|r| (r.epoch as f64, f(r)))
            .collect::<Vec<_>>()
    };
    let (train, test) = (curve(|r| r.train_loss), curve(|r| r.test_loss));
    let top = train.iter().chain(&test).map(|p| p.1).fold(0.0, f64::max);
    let title = tr(lang, "Loss at the last step", "最后一步的损失");
    plot(
        &a,
        &Plot {
            axes: Axes::new(
                title,
                (tr(lang, "epoch", "轮"), tr(lang, "loss", "损失")),
                (0.0, 100.0),
                (0.0, (top * 1.1).max(1e-3)),
            ),
            series: Series::train_test(train, test, lang),
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    let (_, y, p) = w.test_predictions();
    let pts = |m: &[f32]| -> Vec<(f64, f64)> {
        m.iter()
            .enumerate()
            .map(|(i, &v)| (i as f64, v as f64))
            .collect()
    };
    let r2 = rows.last().map_or(0.0, |r| r.r2);
    let title = tr(
        lang,
        &format!("Test: x₁ and the echo (R² = {})", fmt_num(r2, 4)),
        &format!("测试：x₁ 与回声（R² = {}）", fmt_num(r2, 4)),
    );
    plot(
        &b,
        &Plot {
            axes: Axes::new(
                title,
                (
                    tr(lang, "test sample", "测试样本"),
                    tr(lang, "value", "数值"),
                ),
                (0.0, (y.rows.max(2) - 1) as f64),
                padded(y.data.iter().chain(&p.data).map(|&v| v as f64)),
            ),
            series: vec![
                Series::new(pts(&y.data), GREEN, tr(lang, "target x₁", "目标 x₁")),
                Series::new(
                    pts(&p.data),
                    ORANGE,
                    tr(lang, "net at step 2", "网络在第 2 步的输出"),
                ),
            ],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )?;
    Ok(None)
}

/// log₁₀ of the gradient reaching each step, relative to the last step, against the number
/// of steps back: plain RNN and LSTM.
pub fn vanishing<DB: DrawingBackend>(area: &Area<DB>, w: &Vanishing, pen: Pen) -> Drawn {
    let Pen { lang, s } = pen;
    let (rnn, lstm) = w.profiles();
    let back = |v: &[f64]| -> Vec<(f64, f64)> {
        let n = v.len();
        v.iter()
            .enumerate()
            .map(|(t, &g)| ((n - 1 - t) as f64, g.max(-30.0)))
            .collect()
    };
    let lo = rnn
        .iter()
        .chain(lstm)
        .fold(0.0f64, |m, &v| m.min(v.max(-30.0)));
    let hi = rnn.iter().chain(lstm).fold(0.0f64, |m, &v| m.max(v));
    let title = tr(
        lang,
        "Gradient reaching each step (log₁₀, relative to the last step)",
        "传到各时间步的梯度（log₁₀，相对最后一步）",
    );
    plot(
        area,
        &Plot {
            axes: Axes::new(
                title,
                (
                    tr(lang, "steps back from the end", "距最后一步的步数"),
                    "log₁₀ ‖∂J/∂x_t‖",
                ),
                (0.0, (rnn.len().max(2) - 1) as f64),
                (lo.floor() - 0.5, hi.ceil() + 0.5),
            ),
            series: vec![
                Series::new(back(rnn), BLUE, tr(lang, "plain RNN", "普通 RNN")),
                Series::new(back(lstm), ORANGE, "LSTM"),
            ],
            integer_x: true,
            ..Plot::default()
        },
        s,
    )
}
