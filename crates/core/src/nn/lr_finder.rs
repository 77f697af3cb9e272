//! The learning-rate finder (ch12.3): train with a rate that grows step by step over a
//! log scale and watch the loss — it falls while the rate is useful and turns up where the
//! rate becomes too large. The book sweeps 1e-4 … 1.1 with 10 updates per value and reads
//! off "about 0.8, or 0.75 to be safe" for its MNIST net.
//!
//! ```text
//! ηₖ = start · (end/start)^(k/(values − 1)),  k = 0 … values − 1;  `per_value` updates at each ηₖ
//! ```
//!
//! The sweep trains a copy of the network; the one passed in is left as it was.

use super::data::Data;
use super::matrix::Matrix;
use super::network::Network;
use crate::error::{Error, ErrorKind, Result};
use crate::rng::Rng;

/// The settings of a sweep.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FinderConfig {
    /// The first rate (> 0).
    pub start: f32,
    /// The last rate (> start).
    pub end: f32,
    /// How many rates, evenly spaced in log scale (≥ 2).
    pub values: usize,
    /// Updates at each rate (≥ 1).
    pub per_value: usize,
    /// Samples per update.
    pub batch_size: usize,
    /// Seed of the batch draws.
    pub seed: u64,
}

impl FinderConfig {
    /// The book's sweep: 1e-4 … 1.1, here in 41 values of 10 updates each.
    pub fn book(batch_size: usize, seed: u64) -> FinderConfig {
        FinderConfig {
            start: 1e-4,
            end: 1.1,
            values: 41,
            per_value: 10,
            batch_size,
            seed,
        }
    }

    /// Rate number k of the sweep.
    pub fn rate(&self, k: usize) -> f32 {
        let t = k as f64 / (self.values.max(2) - 1) as f64;
        let (s, e) = (self.start as f64, self.end as f64);
        (s * (e / s).powf(t)) as f32
    }
}

/// One point of the sweep: the rate and the mean loss of its updates.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct FinderPoint {
    /// The learning rate.
    pub lr: f32,
    /// Mean training loss of the updates at that rate.
    pub loss: f32,
}

/// A sweep in progress: one rate at a time ([`Finder::next`]), so a page can draw the
/// curve as it grows. Trains its own copy of the network with plain SGD.
#[derive(Clone, Debug)]
pub struct Finder {
    config: FinderConfig,
    net: Network,
    rng: Rng,
    points: Vec<FinderPoint>,
    best: f32,
    done: bool,
}

impl Finder {
    /// A sweep of a copy of `net` over `data`; checks the settings.
    pub fn new(net: &Network, data: &Data, config: FinderConfig) -> Result<Finder> {
        let ok = config.start > 0.0
            && config.end > config.start
            && config.end.is_finite()
            && config.values >= 2
            && config.per_value >= 1
            && config.batch_size >= 1
            && !data.is_empty();
        if !ok {
            return Err(Error::new(
                ErrorKind::OutOfRange,
                "The rate finder needs 0 < start < end, at least 2 rates, 1 update per rate, a batch of 1 or more and some data.",
                "学习率查找需要 0 < 起点 < 终点、至少 2 个学习率、每个学习率至少 1 次更新、批大小至少为 1，并且要有数据。",
            ));
        }
        Ok(Finder {
            config,
            net: net.clone(),
            rng: Rng::new(config.seed),
            points: Vec::with_capacity(config.values),
            best: f32::INFINITY,
            done: false,
        })
    }

    /// The points so far.
    pub fn points(&self) -> &[FinderPoint] {
        &self.points
    }

    /// Whether the sweep has ended (every rate done, or the loss blew up).
    pub fn done(&self) -> bool {
        self.done
    }

    /// The settings.
    pub fn config(&self) -> &FinderConfig {
        &self.config
    }

    /// Trains `per_value` updates at the next rate and returns its point; `None` once
    /// the sweep has ended. It ends early once the loss is not finite or above four times
    /// the best seen (it has blown up). `data` must be the set the finder was made with.
    pub fn next(&mut self, data: &Data) -> Option<FinderPoint> {
        let k = self.points.len();
        if self.done || k >= self.config.values || data.is_empty() {
            self.done = true;
            return None;
        }
        let (mut bx, mut by) = (Matrix::default(), Matrix::default());
        let n = data.len();
        let bs = self.config.batch_size.min(n);
        let lr = self.config.rate(k);
        let mut sum = 0.0f64;
        for _ in 0..self.config.per_value {
            bx.resize(bs, data.x.cols);
            by.resize(bs, data.y.cols);
            for r in 0..bs {
                let i = self.rng.below(n as u64) as usize;
                bx.row_mut(r).copy_from_slice(data.x.row(i));
                by.row_mut(r).copy_from_slice(data.y.row(i));
            }
            sum += self.net.train_batch(&bx, &by, lr) as f64;
        }
        let loss = (sum / self.config.per_value as f64) as f32;
        let point = FinderPoint { lr, loss };
        self.points.push(point);
        if !loss.is_finite() || loss > 4.0 * self.best || k + 1 == self.config.values {
            self.done = true;
        }
        self.best = self.best.min(loss);
        Some(point)
    }
}

/// Runs the whole sweep on a copy of `net` with plain SGD (see [`Finder::next`]).
pub fn sweep(net: &Network, data: &Data, config: FinderConfig) -> Result<Vec<FinderPoint>> {
    let mut finder = Finder::new(net, data, config)?;
    while finder.next(data).is_some() {}
    Ok(finder.points)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rates_span_the_log_scale() {
        let c = FinderConfig {
            start: 1e-4,
            end: 1.0,
            values: 5,
            per_value: 1,
            batch_size: 1,
            seed: 1,
        };
        let rates: Vec<f32> = (0..5).map(|k| c.rate(k)).collect();
        for (r, want) in rates.iter().zip([1e-4, 1e-3, 1e-2, 1e-1, 1.0]) {
            assert!((r / want - 1.0).abs() < 1e-5, "{rates:?}");
        }
    }
}
