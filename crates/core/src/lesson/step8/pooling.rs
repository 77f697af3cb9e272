//! Step 8, ch17.5 — max and mean pooling, forward and backward, on a 6×6 grid. Each Step
//! takes the next window: forward, it gives its largest value (max) or its mean; backward,
//! the gradient dY of that output goes back into the window — all of it to the cell that
//! was the largest (max), or split evenly, dY/F², over every cell (mean). Where windows
//! overlap (stride below the window size) a cell collects from each window it is in.
//!
//! The forward values and the full dX come from the engine's [`Pool`] layer; the route of
//! each gradient is written out here, so a test holds the two against each other.

use crate::error::Result;
use crate::nn::{Layer, LayerConfig, Matrix, Mode, Pool, PoolKind, Shape};
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{show_next, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// Side of the input grid.
pub const SIDE: usize = 6;

/// The widget: one pooling layer on a fixed 6×6 grid and a fixed dY.
#[derive(Clone, Debug)]
pub struct Pooling {
    kind: PoolKind,
    size: usize,
    stride: usize,
    x: Vec<f32>,
    out: Shape,
    y: Vec<f32>,
    dy: Vec<f32>,
    /// The engine's dX for the whole dY.
    dx: Vec<f32>,
    /// For max pooling, the input cell each output came from.
    argmax: Vec<u32>,
    done: usize,
}

fn specs() -> [ParamSpec; 3] {
    [
        ParamSpec::choice(
            "kind",
            Text::new("pooling", "池化"),
            &[("max", "max", "最大值"), ("mean", "mean", "平均值")],
            "max",
        ),
        ParamSpec::number("size", Text::new("window F", "窗口 F"), 2.0, 3.0, 1.0, 2.0),
        ParamSpec::number(
            "stride",
            Text::new("stride S", "步长 S"),
            1.0,
            3.0,
            1.0,
            2.0,
        ),
    ]
}

/// The input: 0 … 35 scattered over the grid, x = 17·q mod 37 for cell q (all different,
/// so every window has one largest cell).
pub fn input_grid() -> Vec<f32> {
    (0..SIDE * SIDE).map(|q| ((17 * q) % 37) as f32).collect()
}

impl Pooling {
    /// Max or mean.
    pub fn kind(&self) -> PoolKind {
        self.kind
    }
    /// (window F, stride S).
    pub fn geometry(&self) -> (usize, usize) {
        (self.size, self.stride)
    }
    /// The input grid.
    pub fn x(&self) -> &[f32] {
        &self.x
    }
    /// Output side.
    pub fn out_size(&self) -> usize {
        self.out.height
    }
    /// The pooled output (all of it).
    pub fn y(&self) -> &[f32] {
        &self.y
    }
    /// The gradient arriving at each output: 1, 2, 3, … in reading order.
    pub fn dy(&self) -> &[f32] {
        &self.dy
    }
    /// The engine's dX for the whole dY.
    pub fn dx(&self) -> &[f32] {
        &self.dx
    }
    /// Windows done so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// The input cells of output `cell`'s window, in reading order.
    pub fn window(&self, cell: usize) -> Vec<usize> {
        let n = self.out_size().max(1);
        let (oy, ox) = (cell / n * self.stride, cell % n * self.stride);
        (0..self.size * self.size)
            .map(|t| (oy + t / self.size) * SIDE + ox + t % self.size)
            .collect()
    }

    /// Where output `cell`'s gradient goes: (input cell, share of dY).
    pub fn route(&self, cell: usize) -> Vec<(usize, f64)> {
        let dy = self.dy[cell] as f64;
        match self.kind {
            PoolKind::Max => vec![(self.argmax[cell] as usize, dy)],
            PoolKind::Mean => {
                let share = dy / (self.size * self.size) as f64;
                self.window(cell).into_iter().map(|i| (i, share)).collect()
            }
        }
    }

    /// dX collected from the first `done` windows.
    pub fn dx_so_far(&self) -> Vec<f64> {
        let mut dx = vec![0.0; SIDE * SIDE];
        for cell in 0..self.done {
            for (i, g) in self.route(cell) {
                dx[i] += g;
            }
        }
        dx
    }
}

impl Widget for Pooling {
    fn spec() -> WidgetSpec {
        let title = ("Pooling forward and backward", "池化的前向与反向");
        WidgetSpec::new("pooling", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (kind, size, stride): (String, usize, usize) = params.read(&specs())?;
        let kind = match kind.as_str() {
            "mean" => PoolKind::Mean,
            _ => PoolKind::Max,
        };
        let input = Shape::new(1, SIDE, SIDE);
        let out = LayerConfig::MaxPool { size, stride }.output_shape(1, input)?;
        let mut layer = Pool::new(kind, input, out, size, stride);
        let x = input_grid();
        let xm = Matrix::from_vec(1, SIDE * SIDE, x.clone()).unwrap_or_default();
        let y = layer.forward(&xm, Mode::Train).data.clone();
        let dy: Vec<f32> = (1..=y.len()).map(|v| v as f32).collect();
        let dym = Matrix::from_vec(1, y.len(), dy.clone()).unwrap_or_default();
        layer.backward(&dym, true);
        Ok(Pooling {
            kind,
            size,
            stride,
            argmax: layer.argmax(0).to_vec(),
            dx: layer.grad_x().data.clone(),
            x,
            out,
            y,
            dy,
            done: 0,
        })
    }

    fn params(&self) -> Params {
        let kind = if self.kind == PoolKind::Max {
            "max"
        } else {
            "mean"
        };
        Params::write(&specs(), (kind.to_string(), self.size, self.stride))
    }

    fn step(&mut self) -> Result<Outcome> {
        let total = self.y.len();
        Ok(show_next(&mut self.done, total, || {
            Text::new(
                format!("All {total} windows done: dX is complete."),
                format!("全部 {total} 个窗口都做完了：dX 已完整。"),
            )
        }))
    }

    fn steps(&self) -> usize {
        self.done
    }

    /// One row per window done: its output, its dY and where the gradient went.
    fn table(&self) -> Table {
        let cells = (0..self.done).map(|cell| (cell, self.route(cell)));
        Table::of_records(2, cells)
            .column(Column::count("cell", "output", "输出"), |&(cell, _)| {
                cell as f64
            })
            .column(Column::symbol("y", "y"), |&(cell, _)| self.y[cell] as f64)
            .column(Column::symbol("dy", "dY"), |&(cell, _)| {
                self.dy[cell] as f64
            })
            .maybe(
                Column::count("to", "dY goes to cell", "dY 流向"),
                |(_, route)| (route.len() == 1).then(|| route[0].0 as f64),
            )
            .maybe(Column::symbol("share", "each gets"), |(_, route)| {
                route.first().map(|r| r.1)
            })
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let size = self.out_size() as f64;
        vec![
            Readout::of("out", ("output size", "输出大小"), size, 0),
            Readout::of("done", ("windows done", "已做窗口"), self.done as f64, 0),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with(kind: &str, size: u32, stride: u32) -> Pooling {
        let mut p = Params::default();
        p.set("kind", kind);
        p.set("size", size.to_string());
        p.set("stride", stride.to_string());
        Pooling::from_params(&p).unwrap()
    }

    #[test]
    fn the_first_windows_by_hand() {
        // Rows 0–1 of the grid: 0 17 34 14 31 11 / 28 8 25 5 22 2.
        let w = with("max", 2, 2);
        assert_eq!(
            &w.x()[..12],
            &[0., 17., 34., 14., 31., 11., 28., 8., 25., 5., 22., 2.]
        );
        assert_eq!(&w.y()[..3], &[28., 34., 31.]);
        // Window 0's maximum is 28 at cell 6 (row 1, column 0): dY = 1 goes there.
        assert_eq!(w.route(0), [(6, 1.0)]);
        let m = with("mean", 2, 2);
        assert_eq!(m.y()[0], (0. + 17. + 28. + 8.) / 4.);
        assert_eq!(m.route(1), [(2, 0.5), (3, 0.5), (8, 0.5), (9, 0.5)]);
    }

    #[test]
    fn the_routes_add_up_to_the_engine_dx() {
        let mut x = input_grid();
        x.sort_by(f32::total_cmp);
        x.dedup();
        assert_eq!(x.len(), 36, "all values differ");
        for kind in ["max", "mean"] {
            for (f, s) in [(2, 2), (2, 1), (3, 3), (3, 2), (3, 1)] {
                let mut w = with(kind, f, s);
                while let Outcome::Stepped = w.step().unwrap() {}
                let got = w.dx_so_far();
                for (q, (&a, &b)) in got.iter().zip(w.dx()).enumerate() {
                    assert!((a - b as f64).abs() < 1e-5, "{kind} {f}/{s} [{q}]");
                }
                // Nothing is lost on the way back: Σ dX = Σ dY.
                let (sx, sy): (f64, f64) =
                    (got.iter().sum(), w.dy().iter().map(|&v| v as f64).sum());
                assert!((sx - sy).abs() < 1e-4, "{kind} {f}/{s}");
            }
        }
    }
}
