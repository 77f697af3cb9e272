//! A bidirectional recurrent layer (ch19.7): two unrolls of the same kind of cell with
//! parameters of their own, one reading the sequence forwards and one backwards, their
//! hidden states side by side.
//!
//! ```text
//! forward direction   h→_t = cell→(x_t, h→_{t−1})     t = 1 … T
//! backward direction  h←_t = cell←(x_t, h←_{t+1})     t = T … 1
//! output              Y_t = [h→_t  h←_t]               (All: every t;  Last: [h→_T  h←_1])
//! backward pass       each direction runs its own BPTT on its half of dY;
//!                     dX = dX→ + dX← (the backward unroll's dX read in reverse time)
//! ```
//!
//! With `Last`, each direction gives the state it ends with, after reading the whole
//! sequence: h→_T and h←_1. The backward direction is a [`Recurrent`] run on X with its
//! steps in reverse order; its tensors are walked after the forward one's, named with
//! `_back` (`u_back`, `w_back`, `b_back`, …) so a model file keeps them apart.
//!
//! # Shapes
//! X: `m × (T·F)`; Y: `m × (T·2H)` (All, step t in columns `t·2H .. (t+1)·2H`, forward
//! half first) or `m × 2H` (Last).

use super::recurrent::{Cell, Recurrent, SeqOutput};
use super::{check_grad_y, layer_boilerplate, Layer, LayerConfig, Mode, Param, ParamMut};
use crate::nn::matrix::Matrix;
use serde::{Deserialize, Serialize};

/// Which cell a bidirectional layer runs in each direction.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum CellType {
    /// The tanh cell with a bias ([`super::RnnCell`]).
    Rnn,
    /// [`super::LstmCell`].
    Lstm,
    /// [`super::GruCell`].
    Gru,
}

/// Two unrolls of a cell, forwards and backwards in time.
#[derive(Clone, Debug)]
pub struct Bidirectional<C: Cell> {
    /// The unroll over t = 1 … T.
    pub fwd: Recurrent<C>,
    /// The unroll over t = T … 1 (its step k is time T−1−k).
    pub bwd: Recurrent<C>,
    cell: CellType,
    xr: Matrix,
    y: Matrix,
    gy: [Matrix; 2],
    grad_x: Matrix,
}

/// `dst` = `src` with its `steps` blocks of `width` columns in reverse order.
fn reverse_steps(src: &Matrix, steps: usize, width: usize, dst: &mut Matrix) {
    dst.resize(src.rows, src.cols);
    for i in 0..src.rows {
        let (s, d) = (src.row(i), dst.row_mut(i));
        for t in 0..steps {
            let r = steps - 1 - t;
            d[r * width..(r + 1) * width].copy_from_slice(&s[t * width..(t + 1) * width]);
        }
    }
}

/// The name of a backward-direction tensor.
fn back_name(name: &str) -> &'static str {
    match name {
        "u" => "u_back",
        "w" => "w_back",
        "b" => "b_back",
        "w_zr" => "w_zr_back",
        "w_n" => "w_n_back",
        _ => "back",
    }
}

impl<C: Cell> Bidirectional<C> {
    /// `fwd` reads forwards and `bwd` backwards, both over `steps` steps; `cell` names
    /// their kind for the config.
    ///
    /// # Panics
    /// If the two cells differ in inputs or units.
    pub fn new(fwd: C, bwd: C, cell: CellType, steps: usize, output: SeqOutput) -> Self {
        assert!(
            fwd.inputs() == bwd.inputs() && fwd.units() == bwd.units(),
            "Bidirectional: both directions need the same sizes"
        );
        Bidirectional {
            fwd: Recurrent::new(fwd, steps, output),
            bwd: Recurrent::new(bwd, steps, output),
            cell,
            xr: Matrix::default(),
            y: Matrix::default(),
            gy: Default::default(),
            grad_x: Matrix::default(),
        }
    }

    /// h→ and h← of time step t (t = 0 … T−1) of the last forward pass (`m × H` each).
    pub fn states(&self, t: usize) -> (&Matrix, &Matrix) {
        let last = self.fwd.steps() - 1;
        (&self.fwd.hs()[t], &self.bwd.hs()[last - t])
    }
}

impl<C: Cell> Layer for Bidirectional<C> {
    fn config(&self) -> LayerConfig {
        LayerConfig::Bidirectional {
            cell: self.cell,
            units: self.fwd.cell.units(),
            steps: self.fwd.steps(),
            output: self.fwd.seq_output(),
        }
    }

    fn outputs(&self) -> usize {
        2 * self.fwd.outputs()
    }

    fn forward(&mut self, x: &Matrix, mode: Mode) -> &Matrix {
        let (t_max, f, h) = (
            self.fwd.steps(),
            self.fwd.cell.inputs(),
            self.fwd.cell.units(),
        );
        reverse_steps(x, t_max, f, &mut self.xr);
        let output = self.fwd.seq_output();
        let yf = self.fwd.forward(x, mode);
        let yb = self.bwd.forward(&self.xr, mode);
        let m = x.rows;
        match output {
            SeqOutput::Last => {
                self.y.resize(m, 2 * h);
                for i in 0..m {
                    let row = self.y.row_mut(i);
                    row[..h].copy_from_slice(yf.row(i));
                    row[h..].copy_from_slice(yb.row(i));
                }
            }
            SeqOutput::All => {
                self.y.resize(m, t_max * 2 * h);
                for i in 0..m {
                    let (rf, rb, row) = (yf.row(i), yb.row(i), self.y.row_mut(i));
                    for t in 0..t_max {
                        let k = t_max - 1 - t;
                        row[2 * t * h..(2 * t + 1) * h].copy_from_slice(&rf[t * h..(t + 1) * h]);
                        row[(2 * t + 1) * h..(2 * t + 2) * h]
                            .copy_from_slice(&rb[k * h..(k + 1) * h]);
                    }
                }
            }
        }
        &self.y
    }

    /// Each direction's BPTT on its half of dY.
    ///
    /// # Panics
    /// If `grad_y` does not have the shape of Y.
    fn backward(&mut self, grad_y: &Matrix, need_grad_x: bool) {
        check_grad_y("Bidirectional", grad_y, &self.y);
        let (t_max, f, h) = (
            self.fwd.steps(),
            self.fwd.cell.inputs(),
            self.fwd.cell.units(),
        );
        let all = self.fwd.seq_output() == SeqOutput::All;
        let (m, blocks) = (grad_y.rows, if all { t_max } else { 1 });
        let [gf, gb] = &mut self.gy;
        gf.resize(m, blocks * h);
        gb.resize(m, blocks * h);
        for i in 0..m {
            let (src, rf, rb) = (grad_y.row(i), gf.row_mut(i), gb.row_mut(i));
            for t in 0..blocks {
                let k = blocks - 1 - t;
                rf[t * h..(t + 1) * h].copy_from_slice(&src[2 * t * h..(2 * t + 1) * h]);
                rb[k * h..(k + 1) * h].copy_from_slice(&src[(2 * t + 1) * h..(2 * t + 2) * h]);
            }
        }
        self.fwd.backward(gf, need_grad_x);
        self.bwd.backward(gb, need_grad_x);
        if need_grad_x {
            reverse_steps(self.bwd.grad_x(), t_max, f, &mut self.grad_x);
            for (d, s) in self.grad_x.data.iter_mut().zip(&self.fwd.grad_x().data) {
                *d += s;
            }
        } else {
            self.grad_x.resize(0, 0);
        }
    }

    fn visit(&self, f: &mut dyn FnMut(Param<'_>)) {
        self.fwd.visit(f);
        self.bwd.visit(&mut |p| {
            f(Param {
                name: back_name(p.name),
                ..p
            })
        });
    }

    fn visit_mut(&mut self, f: &mut dyn FnMut(ParamMut<'_>)) {
        self.fwd.visit_mut(f);
        self.bwd.visit_mut(&mut |p| {
            f(ParamMut {
                name: back_name(p.name),
                ..p
            })
        });
    }

    layer_boilerplate!(y, grad_x);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::nn::gradcheck;
    use crate::nn::init::Init;
    use crate::nn::layers::{GruCell, LstmCell, RnnCell};
    use crate::rng::Rng;

    #[test]
    fn both_directions_match_central_differences() {
        let mut rng = Rng::new(17);
        for output in [SeqOutput::All, SeqOutput::Last] {
            let rnn = |rng: &mut Rng| RnnCell::new(2, 3, true, Init::Xavier, rng);
            let lstm = |rng: &mut Rng| LstmCell::new(2, 3, Init::Xavier, rng);
            let gru = |rng: &mut Rng| GruCell::new(2, 3, Init::Xavier, rng);
            let layers: [(Box<dyn Layer>, usize); 3] = [
                (
                    Box::new(Bidirectional::new(
                        rnn(&mut rng),
                        rnn(&mut rng),
                        CellType::Rnn,
                        4,
                        output,
                    )),
                    6 + 9 + 3,
                ),
                (
                    Box::new(Bidirectional::new(
                        lstm(&mut rng),
                        lstm(&mut rng),
                        CellType::Lstm,
                        4,
                        output,
                    )),
                    24 + 36 + 12,
                ),
                (
                    Box::new(Bidirectional::new(
                        gru(&mut rng),
                        gru(&mut rng),
                        CellType::Gru,
                        4,
                        output,
                    )),
                    18 + 18 + 9 + 9,
                ),
            ];
            for (layer, per_direction) in layers {
                let r = gradcheck::check(layer.as_ref(), 3, 8, Mode::Train, 5);
                println!("{:?} {output:?}: {r:?}", layer.config());
                assert!(r.max_error < 2e-3, "{output:?}: {r:?}");
                assert_eq!(r.checked, 3 * 8 + 2 * per_direction);
            }
        }
    }

    #[test]
    fn the_backward_half_reads_the_sequence_reversed() {
        // One unit, U = 1, W = 0.5, b = 0 in both directions: h→ and h← by hand.
        let cell = || {
            RnnCell::from_weights(
                Matrix::from_rows(&[[1.0]]),
                Matrix::from_rows(&[[0.5]]),
                vec![0.0],
                true,
            )
        };
        let mut bi = Bidirectional::new(cell(), cell(), CellType::Rnn, 3, SeqOutput::All);
        let x = [0.3f64, -0.2, 0.5];
        let y = bi
            .forward(&Matrix::from_rows(&[[0.3, -0.2, 0.5]]), Mode::Infer)
            .clone();
        let mut hf = [0.0; 3];
        let mut hb = [0.0; 3];
        let mut h = 0.0f64;
        for t in 0..3 {
            h = (x[t] + 0.5 * h).tanh();
            hf[t] = h;
        }
        h = 0.0;
        for t in (0..3).rev() {
            h = (x[t] + 0.5 * h).tanh();
            hb[t] = h;
        }
        for t in 0..3 {
            assert!((y.data[2 * t] as f64 - hf[t]).abs() < 1e-6, "h→ at {t}");
            assert!((y.data[2 * t + 1] as f64 - hb[t]).abs() < 1e-6, "h← at {t}");
        }
        let mut last = Bidirectional::new(cell(), cell(), CellType::Rnn, 3, SeqOutput::Last);
        let y = last
            .forward(&Matrix::from_rows(&[[0.3, -0.2, 0.5]]), Mode::Infer)
            .clone();
        assert!((y.data[0] as f64 - hf[2]).abs() < 1e-6 && (y.data[1] as f64 - hb[0]).abs() < 1e-6);
        let mut names = Vec::new();
        last.visit(&mut |p| names.push(p.name));
        assert_eq!(names, ["u", "w", "b", "u_back", "w_back", "b_back"]);
    }

    #[test]
    fn a_model_file_saves_and_loads_both_directions() {
        use crate::nn::model::{read, tests::SerdeJson, write, Model};
        use crate::nn::{Activation, NetworkConfig, Output};
        let net = NetworkConfig {
            input_shape: None,
            inputs: 12,
            layers: vec![
                LayerConfig::Bidirectional {
                    cell: CellType::Gru,
                    units: 3,
                    steps: 4,
                    output: SeqOutput::Last,
                },
                LayerConfig::dense(2, Activation::Identity),
            ],
            output: Output::Softmax,
            init: Init::Xavier,
            seed: 3,
        }
        .build()
        .expect("builds");
        let mut m = Model::new(net);
        let text = write(&m, &SerdeJson).expect("writes");
        assert!(text.contains(r#""type":"bidirectional","cell":"gru""#));
        assert!(text.contains(r#""name":"w_zr_back""#));
        let mut back = read(text.as_bytes(), &SerdeJson).expect("reads");
        let x: Vec<f32> = (0..12).map(|i| (i as f32 * 0.7).sin()).collect();
        assert_eq!(
            back.predict(&x).expect("predicts").data,
            m.predict(&x).expect("predicts").data
        );
        // A file missing the backward half is refused, naming the tensor.
        let cut = text.replace("w_n_back", "w_n_gone");
        let e = read(cut.as_bytes(), &SerdeJson).unwrap_err();
        assert!(e.text.en.contains("w_n_back"), "{}", e.text.en);
    }
}
