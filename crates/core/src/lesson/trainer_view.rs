//! What the playground's network diagram shows: every neuron's output over a grid of
//! input points (one forward pass for all of them), and the weights and biases on the
//! lines and nodes, read straight from the trained network.

use super::Playground;
use crate::nn::activation::Activation;
use crate::nn::loss::Output;
use crate::nn::matrix::Matrix;

impl Playground {
    /// The output A of every neuron at the points `xy`, computed in one forward pass over
    /// all points: `maps[l][n][p]` is neuron `n` of layer `l` (the hidden layers first,
    /// the output layer last) at point `p`. The output layer shows the network's output
    /// (after the logistic or softmax function under cross-entropy). Empty if a point is
    /// not finite.
    pub fn neuron_maps(&self, xy: &[(f64, f64)]) -> Vec<Vec<Vec<f64>>> {
        if xy.iter().any(|&(a, b)| !a.is_finite() || !b.is_finite()) {
            return Vec::new();
        }
        let x = Matrix {
            rows: xy.len(),
            cols: 2,
            data: xy.iter().flat_map(|&(a, b)| [a as f32, b as f32]).collect(),
        };
        let mut net = self.exp.trainer.network().clone();
        if net.inputs() != 2 {
            return Vec::new();
        }
        net.forward(&x);
        let blocks = net.blocks();
        let columns = |m: &Matrix| -> Vec<Vec<f64>> {
            (0..m.cols)
                .map(|j| (0..m.rows).map(|i| m.data[i * m.cols + j] as f64).collect())
                .collect()
        };
        blocks
            .iter()
            .enumerate()
            .map(|(k, b)| {
                if k + 1 == blocks.len() {
                    columns(net.a())
                } else {
                    columns(net.layers()[b.end - 1].output())
                }
            })
            .collect()
    }

    /// Units per layer, the two inputs first, then the hidden layers and the output layer.
    pub fn layer_units(&self) -> Vec<usize> {
        let net = self.exp.trainer.network();
        std::iter::once(net.inputs())
            .chain(net.dense_layers().map(|l| l.units()))
            .collect()
    }

    /// The weight from unit `from` of layer `layer − 1` to unit `to` of layer `layer`,
    /// counting layers as [`Playground::layer_units`] does (layer 1 is the first hidden
    /// layer, fed by the inputs). `None` outside the network.
    pub fn weight(&self, layer: usize, from: usize, to: usize) -> Option<f64> {
        let d = self.dense(layer)?;
        (from < d.inputs() && to < d.units()).then(|| d.w[(from, to)] as f64)
    }

    /// The bias of unit `unit` of layer `layer` (layer 1 is the first hidden layer).
    pub fn bias(&self, layer: usize, unit: usize) -> Option<f64> {
        let d = self.dense(layer)?;
        d.b.data.get(unit).map(|&b| b as f64)
    }

    /// The dense layer `layer` (1 = the first hidden layer, as in [`Playground::layer_units`]).
    fn dense(&self, layer: usize) -> Option<&crate::nn::Dense> {
        self.exp
            .trainer
            .network()
            .dense_layers()
            .nth(layer.checked_sub(1)?)
    }

    /// The range a neuron of `layer` (1 = first hidden layer) can output, for colouring:
    /// (−1, 1) for tanh, (0, 1) for sigmoid and for the output under logistic or softmax,
    /// `None` when unbounded (ReLU, linear).
    pub fn value_range(&self, layer: usize) -> Option<(f64, f64)> {
        let net = self.exp.trainer.network();
        let blocks = net.blocks();
        let block = blocks.get(layer.checked_sub(1)?)?;
        if layer == blocks.len() && net.output() != Output::Identity {
            return Some((0.0, 1.0));
        }
        match net.block_activation(block) {
            Activation::Tanh => Some((-1.0, 1.0)),
            Activation::Sigmoid | Activation::Step => Some((0.0, 1.0)),
            _ => None,
        }
    }

    /// Whether the output layer's values are ±1-coded (tanh with squared error), so a
    /// score of 0 is the boundary between the two classes rather than 0.5.
    pub fn signed_output(&self) -> bool {
        self.signed()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::params::Params;
    use crate::widget::Widget;

    fn playground(pairs: &[(&str, &str)]) -> Playground {
        Playground::from_params(&Params::of(pairs)).unwrap()
    }

    #[test]
    fn the_output_map_is_the_score_and_shapes_follow_the_layers() {
        for (pairs, signed) in [
            (vec![("layers", "8,8"), ("dataset", "spiral")], true),
            (vec![("loss", "cross-entropy"), ("layers", "4")], false),
        ] {
            let mut w = playground(&pairs);
            w.step().unwrap();
            let xy = [(0.0, 0.0), (1.5, -2.0), (-3.0, 4.0)];
            let maps = w.neuron_maps(&xy);
            let units = w.layer_units();
            assert_eq!(units[0], 2);
            assert_eq!(maps.len(), units.len() - 1);
            for (l, m) in maps.iter().enumerate() {
                assert_eq!(m.len(), units[l + 1]);
                assert!(m.iter().all(|n| n.len() == xy.len()));
            }
            // scores() maps a ±1-coded output v to (v + 1)/2 and leaves a logistic output.
            let out = &maps[maps.len() - 1][0];
            for (p, s) in out.iter().zip(w.scores(&xy)) {
                let back = if signed { 2.0 * s - 1.0 } else { s };
                assert!((p - back).abs() < 1e-6, "{p} vs {back}");
            }
            assert_eq!(w.signed_output(), signed);
        }
        let w = playground(&[]);
        assert!(w.neuron_maps(&[(f64::NAN, 0.0)]).is_empty());
        assert_eq!(w.weight(0, 0, 0), None);
        assert_eq!(w.weight(1, 2, 0), None);
        assert_eq!(w.bias(9, 0), None);
    }

    #[test]
    fn a_hand_set_2_2_1_network_gives_hand_computed_maps() {
        let mut w = playground(&[("layers", "2")]);
        {
            let net = w.exp.trainer.network_mut();
            let mut layers: Vec<_> = net.dense_layers_mut().collect();
            // Hidden: h1 = tanh(x1 + 0.5), h2 = tanh(−x2); output: tanh(2·h1 − h2 − 0.25).
            layers[0].w = Matrix::from_rows(&[[1.0, 0.0], [0.0, -1.0]]);
            layers[0].b.data = vec![0.5, 0.0];
            layers[1].w = Matrix::from_rows(&[[2.0], [-1.0]]);
            layers[1].b.data = vec![-0.25];
        }
        let maps = w.neuron_maps(&[(0.3, 0.7)]);
        // By hand: h1 = tanh(0.8) = 0.664037, h2 = tanh(−0.7) = −0.604368,
        // out = tanh(2·0.664037 + 0.604368 − 0.25) = tanh(1.682441) = 0.933178.
        let (h1, h2) = (0.8f64.tanh(), (-0.7f64).tanh());
        let out = (2.0 * h1 - h2 - 0.25).tanh();
        assert!((maps[0][0][0] - 0.664037).abs() < 1e-5 && (h1 - 0.664037).abs() < 1e-6);
        assert!((maps[0][1][0] - -0.604368).abs() < 1e-5 && (h2 + 0.604368).abs() < 1e-6);
        assert!((maps[1][0][0] - out).abs() < 1e-5 && (out - 0.933178).abs() < 1e-5);
        assert_eq!(w.weight(1, 1, 1), Some(-1.0));
        assert_eq!(w.weight(2, 0, 0), Some(2.0));
        assert_eq!(w.bias(1, 0), Some(0.5));
        assert_eq!(w.bias(2, 0), Some(-0.25));
        assert_eq!(w.layer_units(), vec![2, 2, 1]);
        assert_eq!(w.value_range(1), Some((-1.0, 1.0)));
        assert_eq!(w.value_range(3), None);
    }

    #[test]
    fn value_ranges_follow_the_activation_and_the_output() {
        let w = playground(&[("act", "relu"), ("loss", "cross-entropy"), ("layers", "4")]);
        assert_eq!(w.value_range(1), None);
        assert_eq!(w.value_range(2), Some((0.0, 1.0)));
        let w = playground(&[("act", "sigmoid")]);
        assert_eq!(w.value_range(1), Some((0.0, 1.0)));
        // The tanh-mse output layer is tanh whatever the hidden activation.
        assert_eq!(w.value_range(3), Some((-1.0, 1.0)));
    }
}
