//! Step 5, ch10.3–10.4 — XOR with a 2-2-1 network (and, for the ch10.4 sweep, 2-n-1).
//!
//! No line separates (0,1), (1,0) from (0,0), (1,1), so one logistic neuron fails. A hidden
//! layer of two sigmoid units first maps each input to A1 = σ(X·W1 + B1); in that new plane
//! the four points *are* separable, and the logistic output A2 = σ(A1·W2 + B2) draws the
//! line there. Settings as in the book: Xavier weights, η 0.1, batch 1, stop at loss 0.005
//! (the book stops after about 5900 epochs), at most 10000 epochs.
//! The training loop lives in [`crate::lesson::run`].

use crate::dataset::book;
use crate::error::Result;
use crate::lesson::run::{book_config, steps_by_run, to_data, two_layer, Run};
use crate::nn::{Data, Trainer};
use crate::params::{format_value, ParamSpec, Params};
use crate::widget::{finite, Column, Readout, Table, Widget, WidgetSpec};

/// The book's stop rule for XOR: loss below 0.005.
pub const EPS: f32 = 0.005;
/// The book's epoch limit for XOR.
pub const MAX_EPOCHS: usize = 10_000;
/// Epochs per Step.
pub const EPOCHS_PER_STEP: usize = 100;

/// The widget: XOR learned by a 2-2-1 network.
#[derive(Clone, Debug)]
pub struct XorNet {
    eta: f64,
    hidden: usize,
    seed: u64,
    data: Data,
    run: Run,
}

fn specs() -> [ParamSpec; 3] {
    [
        ParamSpec::eta(0.01, 2.0, 0.01, 0.1),
        ParamSpec::seed(1000.0),
        // ch10.4's sweep.
        ParamSpec::units([1.0, 16.0, 1.0, 2.0]),
    ]
}

/// The book's Table 10-9 sweep: hidden units and the epochs it needed to reach ε
/// (`None`: not reached in 10000 epochs).
pub const BOOK_SWEEP: [(usize, Option<usize>); 6] = [
    (1, None),
    (2, Some(6200)),
    (3, Some(4900)),
    (4, Some(4300)),
    (8, Some(4400)),
    (16, Some(4500)),
];

impl XorNet {
    /// The training run.
    pub fn run(&self) -> &Run {
        &self.run
    }

    /// The four inputs (0,0), (0,1), (1,0), (1,1) and their labels 0, 1, 1, 0.
    pub fn data(&self) -> &Data {
        &self.data
    }
}

impl Widget for XorNet {
    fn spec() -> WidgetSpec {
        let title = ("XOR with a 2-n-1 network", "用 2-n-1 网络解决异或问题");
        WidgetSpec::new("xor-net", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (eta, seed, hidden) = params.read(&specs())?;
        let data = to_data(&book::xor())?;
        let config = book_config(eta, 1, MAX_EPOCHS, EPS, seed);
        let trainer = Trainer::new(two_layer(2, hidden, 1, seed)?, data.clone(), None, config)?;
        Ok(XorNet {
            eta,
            hidden,
            seed,
            data,
            run: Run::new(trainer, EPOCHS_PER_STEP),
        })
    }

    fn params(&self) -> Params {
        let mut p = Params(vec![
            ("eta".into(), format_value(self.eta)),
            ("seed".into(), self.seed.to_string()),
        ]);
        // Written only when not the book's 2, so older links stay as they were.
        if self.hidden != 2 {
            p.set("units", self.hidden.to_string());
        }
        p
    }

    steps_by_run!(run);

    /// The book's Table 10-9: Z1, A1 and A2 for each of the four inputs.
    fn table(&self) -> Table {
        let mut t = Table::new(
            vec![
                Column::symbol("x1", "x₁"),
                Column::symbol("x2", "x₂"),
                Column::symbol("y", "y"),
                Column::symbol("z1_1", "Z1₁"),
                Column::symbol("z1_2", "Z1₂"),
                Column::symbol("a1_1", "A1₁"),
                Column::symbol("a1_2", "A1₂"),
                Column::symbol("a2", "A2"),
            ],
            6,
        );
        for c in &mut t.columns[..3] {
            c.digits = Some(0);
        }
        let Some(net) = self.run.forward(&self.data.x.data) else {
            return t;
        };
        let Some(hidden) = net.dense(0) else {
            return t;
        };
        for i in 0..self.data.len() {
            let x = self.data.x.row(i);
            let (z, a) = (hidden.z().row(i), hidden.a().row(i));
            // Other unit counts than 2 (the ch10.4 sweep) show the first two units.
            let at = |v: &[f32], k: usize| v.get(k).copied().unwrap_or(f32::NAN);
            let row = [x[0], x[1], self.data.y.row(i)[0]]
                .into_iter()
                .chain([at(z, 0), at(z, 1), at(a, 0), at(a, 1)])
                .chain([net.a().row(i)[0]])
                .map(|v| finite(v as f64))
                .collect();
            t.rows.push(row);
        }
        t
    }

    fn readouts(&self) -> Vec<Readout> {
        let a = self.run.predict(&self.data.x.data);
        let acc = finite(crate::nn::metrics::accuracy(&a, &self.data.y) as f64).unwrap_or(0.0);
        let mut r = self.run.readouts(("loss", "损失"), 6);
        r.push(Readout::of("accuracy", ("accuracy", "准确率"), acc, 2));
        r
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::widget::{refusal, refused, Outcome};

    fn trained(seed: u64) -> XorNet {
        let mut p = Params::default();
        p.set("seed", seed.to_string());
        let mut w = XorNet::from_params(&p).unwrap();
        while let Ok(Outcome::Stepped) = w.step() {}
        w
    }

    fn accuracy(w: &XorNet) -> f64 {
        Readout::value_of(&w.readouts(), "accuracy").unwrap_or(0.0)
    }

    #[test]
    fn the_default_seed_learns_xor_like_table_10_9() {
        // Book ch10.3/Table 10-9: stops at loss < 0.005 after about 5900 epochs with
        // A2 = 0.004241, 0.994532, 0.994527, 0.004764. Our Xavier draw differs from the
        // book's, so Z1 and the epoch count differ; the outputs land on the same sides.
        let w = trained(1);
        assert_eq!(accuracy(&w), 1.0);
        assert!(w.run().loss() < EPS as f64, "{}", w.run().loss());
        let t = w.table();
        for (i, y) in [0.0, 1.0, 1.0, 0.0].into_iter().enumerate() {
            let a2 = t.get(i, "a2").unwrap();
            assert!((a2 - y).abs() < 0.1, "row {i}: A2 = {a2}");
        }
        assert_eq!(w.run().epochs(), 6805);
    }

    #[test]
    fn every_seed_from_1_to_5_learns_xor() {
        // Measured with this engine: seeds 1–5 stop after 6805, 6201, 6733, 5856 and 6396
        // epochs (book: about 5900). Two hidden units can stall in a poor minimum on
        // other draws, so this pins only these five.
        for seed in 1..=5 {
            let w = trained(seed);
            assert_eq!(accuracy(&w), 1.0, "seed {seed}");
            assert!(w.run().epochs() < MAX_EPOCHS, "seed {seed}");
        }
    }

    #[test]
    fn hidden_unit_sweep_like_table_10_9() {
        // Book ch10.4: 1 unit fails; 2 → 6200, 3 → 4900, 4 → 4300, 8 → 4400, 16 → 4500
        // epochs to loss 0.005. Ours (seed 1, our Xavier draw): 1 fails, then 6805, 5446,
        // 5278, 4781, 4246 — the book's shape: one unit never gets there, two need the
        // most epochs, three and more fewer (our 8 and 16 keep falling where the book's
        // level off at 4400–4500).
        let epochs = |units: usize| {
            let mut p = Params::default();
            p.set("units", units.to_string());
            let mut w = XorNet::from_params(&p).unwrap();
            while let Ok(Outcome::Stepped) = w.step() {}
            (w.run().epochs(), accuracy(&w))
        };
        let got: Vec<(usize, (usize, f64))> =
            BOOK_SWEEP.iter().map(|&(u, _)| (u, epochs(u))).collect();
        assert_eq!(got[0].1 .0, MAX_EPOCHS, "{got:?}");
        assert!(got[0].1 .1 < 1.0, "{got:?}");
        for &(u, (e, acc)) in &got[1..] {
            assert!(e < MAX_EPOCHS && acc == 1.0, "{u} units: {e} epochs, {acc}");
        }
        let two = got[1].1 .0;
        assert!(got[2..].iter().all(|&(_, (e, _))| e < two), "{got:?}");
        assert_eq!(
            got.iter().map(|&(_, (e, _))| e).collect::<Vec<_>>(),
            SWEEP_EPOCHS.to_vec()
        );
    }

    /// Epochs our engine needs for 1, 2, 3, 4, 8 and 16 hidden units (seed 1).
    const SWEEP_EPOCHS: [usize; 6] = [10_000, 6805, 5446, 5278, 4781, 4246];

    #[test]
    fn bad_settings_are_bilingual_errors() {
        assert!(refusal::<XorNet>(&[("seed", "1.5")])
            .text
            .zh
            .contains("整数"));
        assert_eq!(refused::<XorNet>("eta", "0"), ErrorKind::OutOfRange);
    }
}
