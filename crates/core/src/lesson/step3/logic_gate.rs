//! Step 3, ch6.5 — logic gates as linear classifiers. One logistic neuron
//! a = σ(w1·x1 + w2·x2 + b) learns AND, OR, NAND or NOR from their four input pairs (NOT
//! from its two inputs), with η = 0.5 and one sample per update, until the mean
//! cross-entropy drops below 2·10⁻³. Each learned gate is a line through the unit square
//! that puts the 1-outputs on one side; XOR has no such line (step 5).

use super::epochs::{check_finite, to_f64, Epochs};
use crate::dataset::book::{logic_gate, Gate};
use crate::error::Result;
use crate::lesson::logistic::LogitNeuron;
use crate::params::{ParamSpec, Params};
use crate::rng::Rng;
use crate::text::{fmt_num, Text};
use crate::widget::{Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// The book's stop rule on the loss.
pub const EPS: f64 = 2e-3;
/// The book's epoch limit.
pub const MAX_EPOCHS: usize = 10_000;
/// Epochs per step of the widget.
pub const EPOCHS_PER_STEP: usize = 100;

/// One row of the history: the neuron after `epoch` epochs (loss and accuracy over the
/// truth table).
pub type Record = super::epochs::Record<LogitNeuron>;

/// The `logic-gate` widget.
#[derive(Clone, Debug)]
pub struct LogicGate {
    gate: Gate,
    eta: f64,
    /// Inputs, one row per line of the truth table.
    pub x: Vec<f64>,
    /// The gate's outputs (0/1).
    pub y: Vec<f64>,
    rng: Rng,
    history: Epochs<LogitNeuron>,
}

const GATES: [(&str, &str, &str); 5] = [
    ("and", "AND", "与 AND"),
    ("or", "OR", "或 OR"),
    ("nand", "NAND", "与非 NAND"),
    ("nor", "NOR", "或非 NOR"),
    ("not", "NOT", "非 NOT"),
];

fn specs() -> [ParamSpec; 2] {
    [
        ParamSpec::choice("gate", Text::new("gate", "逻辑门"), &GATES, "and"),
        ParamSpec::eta(0.01, 10.0, 0.01, 0.5),
    ]
}

impl LogicGate {
    /// The gate being learned.
    pub fn gate(&self) -> Gate {
        self.gate
    }

    /// Number of inputs (1 for NOT, else 2).
    pub fn inputs(&self) -> usize {
        self.net().w.len()
    }

    /// The history, one record per step, epoch 0 first.
    pub fn history(&self) -> &[Record] {
        self.history.records()
    }

    /// The neuron now.
    pub fn net(&self) -> &LogitNeuron {
        self.history.net()
    }

    /// Epochs done so far.
    pub fn epoch(&self) -> usize {
        self.history.last().epoch
    }

    /// The truth table's rows with the neuron's output for each.
    pub fn outputs(&self) -> Vec<(Vec<f64>, f64, f64)> {
        let n = self.inputs();
        (0..self.y.len())
            .map(|i| {
                let row = self.x[i * n..(i + 1) * n].to_vec();
                let a = self.net().predict(&row);
                (row, self.y[i], a)
            })
            .collect()
    }
}

impl Widget for LogicGate {
    fn spec() -> WidgetSpec {
        let title = (
            "Logic gates learned by one neuron",
            "用一个神经元学习逻辑门",
        );
        WidgetSpec::new("logic-gate", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (name, eta): (String, f64) = params.read(&specs())?;
        let gate = Gate::parse(&name).unwrap_or(Gate::And);
        let data = logic_gate(gate);
        let (x, y) = (to_f64(&data.x), to_f64(&data.y));
        Ok(LogicGate {
            gate,
            eta,
            history: LogitNeuron::zero_history(data.features, &x, &y),
            x,
            y,
            rng: Rng::new(65),
        })
    }

    fn params(&self) -> Params {
        Params::write(&specs(), (self.gate.name().to_string(), self.eta))
    }

    fn step(&mut self) -> Result<Outcome> {
        if let Some(t) = self.history.done() {
            return Ok(Outcome::Done(t.clone()));
        }
        let (mut net, mut rng) = (self.net().clone(), self.rng.clone());
        let mut epoch = self.epoch();
        let mut loss = f64::INFINITY;
        for _ in 0..EPOCHS_PER_STEP {
            net.epoch(&self.x, &self.y, 1, self.eta, &mut rng);
            epoch += 1;
            loss = net.loss(&self.x, &self.y);
            check_finite(net.finite(), loss)?;
            if loss < EPS || epoch >= MAX_EPOCHS {
                break;
            }
        }
        self.rng = rng;
        let accuracy = net.accuracy(&self.x, &self.y);
        let record = Record {
            epoch,
            loss,
            accuracy,
            net,
        };
        Ok(self.history.push(record, EPS, MAX_EPOCHS))
    }

    fn steps(&self) -> usize {
        self.history.steps()
    }

    fn table(&self) -> Table {
        let two = self.inputs() == 2;
        Table::of_records(4, self.history.records())
            .column(Column::epoch(), |r| r.epoch as f64)
            .column(Column::loss(), |r| r.loss)
            .column(Column::symbol("w1", "W1"), |r| r.net.w[0])
            .maybe(Column::symbol("w2", "W2"), |r| {
                if two {
                    r.net.w.get(1).copied()
                } else {
                    None
                }
            })
            .column(Column::symbol("b", "B"), |r| r.net.b)
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let net = self.net();
        let mut out = vec![Readout::symbol("w1", "W1", net.w[0], 3)];
        if let Some(&w2) = net.w.get(1) {
            out.push(Readout::symbol("w2", "W2", w2, 3));
        }
        out.push(Readout::symbol("b", "B", net.b, 3));
        let keys = ["a1", "a2", "a3", "a4"];
        for (i, (row, _, a)) in self.outputs().into_iter().enumerate() {
            let xs: Vec<String> = row.iter().map(|v| fmt_num(*v, 0)).collect();
            let label = format!("a({})", xs.join(", "));
            out.push(Readout::symbol(keys[i], &label, a, 4));
        }
        out
    }

    fn status(&self) -> Option<Text> {
        self.history.done().cloned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use crate::widget::{refusal, step_times};

    fn learn(gate: &str) -> LogicGate {
        let mut w = LogicGate::from_params(&Params::of(&[("gate", gate)])).unwrap();
        while let Outcome::Stepped = w.step().unwrap() {}
        w
    }

    #[test]
    fn every_gate_matches_table_6_8_in_sign_and_ratio() {
        // Book Table 6-8 (W1, W2, B): AND 11.757, 11.757, −17.804; OR 11.743, 11.743,
        // −11.738; NAND −11.763, −11.763, 17.812; NOR −11.738, −11.738, 5.409; NOT
        // −12.468, —, 6.031. The book's OR bias is a misprint: with B = −11.738 the input
        // (0, 1) would give σ(0.005) ≈ 0.5, not a loss below 2e-3. OR is NOR with every
        // sign flipped, so its bias is −5.409, which is also what we learn (−5.413; AND
        // −17.816 at epoch 4253, NOT −12.469, 6.031 at epoch 2516 in this code, run once).
        // The book's rows cannot be matched to the last digit: its own AND, NAND and NOR
        // weights give losses above 2e-3 (0.002008, 0.002002, 0.002008, even allowing for
        // their rounding; checked in tests/lesson_text.rs), so they are not where the stop
        // rule fired. We check the signs, the ratio B/W1 (±0.3) and that every output
        // rounds to the truth table.
        let book = [
            ("and", 11.757f64, -17.804f64),
            ("or", 11.743, -5.409),
            ("nand", -11.763, 17.812),
            ("nor", -11.738, 5.409),
            ("not", -12.468, 6.031),
        ];
        for (gate, w1, b) in book {
            let w = learn(gate);
            let net = w.net();
            assert!(w.epoch() < MAX_EPOCHS, "{gate} did not reach the loss goal");
            assert!(
                net.w.iter().all(|v| v.signum() == w1.signum()),
                "{gate}: {net:?}"
            );
            assert_eq!(net.b.signum(), b.signum(), "{gate}: {net:?}");
            if let [a, c] = net.w[..] {
                assert!((a - c).abs() < 0.05 * a.abs(), "{gate}: W1 ≈ W2, {net:?}");
            }
            let ratio = net.b / net.w[0];
            assert!(
                (ratio - b / w1).abs() < 0.3,
                "{gate}: {ratio} vs {}",
                b / w1
            );
            for (row, y, a) in w.outputs() {
                assert_eq!(a.round(), y, "{gate} {row:?}: {a}");
            }
        }
    }

    #[test]
    fn and_stops_in_the_thousands_of_epochs() {
        // Book 6.5: AND reaches loss < 2e-3 at epoch 4236 (and NOT after 2515 iterations).
        let w = learn("and");
        assert!((2000..8000).contains(&w.epoch()), "{}", w.epoch());
        assert!(w.table().get(w.steps(), "loss").unwrap() < EPS);
        assert_eq!(learn("not").table().get(1, "w2"), None);
    }

    #[test]
    fn bad_settings_are_bilingual_errors_and_huge_eta_stays_finite() {
        let e = refusal::<LogicGate>(&[("gate", "xnor")]);
        assert_eq!(e.kind, ErrorKind::BadValue);
        assert!(e.text.zh.contains("逻辑门"), "{}", e.text.zh);
        let mut w = LogicGate::from_params(&Params::of(&[("gate", "or"), ("eta", "10")])).unwrap();
        step_times(&mut w, 5);
        assert!(w.table().filled_finite());
    }
}
