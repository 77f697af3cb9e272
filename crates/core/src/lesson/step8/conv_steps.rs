//! Step 8, ch17.1 — a convolution stepped one output cell at a time on a small grid. Each
//! Step moves the kernel's window to the next output position and shows the products
//! x·w under it and their sum; stride and padding change the path, and the output size
//! follows the book's formula
//!
//! ```text
//! H′ = (H + 2P − F) / S + 1      (rounded down)
//! ```
//!
//! The output grid comes from the engine's own [`Conv2d`] layer (im2col + gemm); the
//! multiply-and-add shown for each window is written out here, in f64, so a test can hold
//! the two against each other.

use crate::error::Result;
use crate::nn::{Conv2d, Layer, LayerConfig, Matrix, Mode, Shape};
use crate::params::{ParamSpec, Params};
use crate::text::Text;
use crate::widget::{show_next, Column, Outcome, Readout, Table, Widget, WidgetSpec};

/// One term of a window: the input position read (`None` in the padding), x there and w.
pub type Term = (Option<(usize, usize)>, f64, f64);

/// The widget: a `size × size` input, one `k × k` kernel, stride and padding.
#[derive(Clone, Debug)]
pub struct ConvSteps {
    size: usize,
    kernel: usize,
    stride: usize,
    padding: usize,
    x: Vec<f32>,
    w: Vec<f32>,
    out: Shape,
    y: Vec<f32>,
    /// Output cells computed so far (0 = none yet).
    done: usize,
}

fn specs() -> [ParamSpec; 4] {
    let n = |key, en, zh, min, max, default| {
        ParamSpec::number(key, Text::new(en, zh), min, max, 1.0, default)
    };
    [
        n("size", "input size H = W", "输入大小 H = W", 3.0, 8.0, 5.0),
        n("kernel", "kernel size F", "卷积核大小 F", 1.0, 4.0, 3.0),
        n("stride", "stride S", "步长 S", 1.0, 3.0, 1.0),
        n("padding", "padding P", "填充 P", 0.0, 2.0, 0.0),
    ]
}

/// The input grid: small whole numbers, x[i][j] = (3i + 5j + 1) mod 7.
pub fn input_grid(size: usize) -> Vec<f32> {
    (0..size * size)
        .map(|q| ((3 * (q / size) + 5 * (q % size) + 1) % 7) as f32)
        .collect()
}

/// The kernel of side `k`: for 3, the Sobel kernel for vertical edges.
pub fn kernel_grid(k: usize) -> Vec<f32> {
    match k {
        1 => vec![2.0],
        2 => vec![1.0, 2.0, 0.0, -1.0],
        3 => vec![1.0, 0.0, -1.0, 2.0, 0.0, -2.0, 1.0, 0.0, -1.0],
        _ => (0..k * k)
            .map(|q| ((q / k + q % k) % 3) as f32 - 1.0)
            .collect(),
    }
}

impl ConvSteps {
    /// Input side H = W.
    pub fn size(&self) -> usize {
        self.size
    }
    /// (kernel F, stride S, padding P).
    pub fn geometry(&self) -> (usize, usize, usize) {
        (self.kernel, self.stride, self.padding)
    }
    /// The input grid, row-major.
    pub fn x(&self) -> &[f32] {
        &self.x
    }
    /// The kernel, row-major.
    pub fn w(&self) -> &[f32] {
        &self.w
    }
    /// Output side H′ (= W′).
    pub fn out_size(&self) -> usize {
        self.out.height
    }
    /// The whole output, row-major, as the engine's layer computed it.
    pub fn y(&self) -> &[f32] {
        &self.y
    }
    /// Output cells revealed so far.
    pub fn done(&self) -> usize {
        self.done
    }

    /// The window of output cell `cell`: for each kernel entry (ky, kx), the input
    /// position it reads (`None` in the padding) and the value there (0 in the padding).
    pub fn window(&self, cell: usize) -> Vec<Term> {
        let n = self.out_size().max(1);
        let (oy, ox) = (cell / n, cell % n);
        let (k, s, p) = (self.kernel, self.stride, self.padding);
        let mut terms = Vec::with_capacity(k * k);
        for ky in 0..k {
            for kx in 0..k {
                let (iy, ix) = (
                    (oy * s + ky) as isize - p as isize,
                    (ox * s + kx) as isize - p as isize,
                );
                let inside =
                    iy >= 0 && ix >= 0 && (iy as usize) < self.size && (ix as usize) < self.size;
                let pos = inside.then_some((iy as usize, ix as usize));
                let x = pos.map_or(0.0, |(r, c)| self.x[r * self.size + c] as f64);
                terms.push((pos, x, self.w[ky * k + kx] as f64));
            }
        }
        terms
    }

    /// Σ x·w over the window of `cell`, summed here in f64.
    pub fn window_sum(&self, cell: usize) -> f64 {
        self.window(cell).iter().map(|(_, x, w)| x * w).sum()
    }
}

impl Widget for ConvSteps {
    fn spec() -> WidgetSpec {
        let title = ("Convolution, one window at a time", "卷积：一次一个窗口");
        WidgetSpec::new("conv-steps", title, &specs())
    }

    fn from_params(params: &Params) -> Result<Self> {
        let (size, kernel, stride, padding) = params.read(&specs())?;
        let input = Shape::new(1, size, size);
        let config = LayerConfig::Conv2d {
            channels: 1,
            kernel,
            stride,
            padding,
            bias: false,
        };
        // The engine's check: a kernel that does not fit gives its message.
        let out = config.output_shape(1, input)?;
        let (x, w) = (input_grid(size), kernel_grid(kernel));
        let mut layer = Conv2d::from_weights(
            input,
            out,
            kernel,
            stride,
            padding,
            Matrix::from_vec(1, kernel * kernel, w.clone()).unwrap_or_default(),
            false,
        );
        let xm = Matrix::from_vec(1, size * size, x.clone()).unwrap_or_default();
        let y = layer.forward(&xm, Mode::Infer).data.clone();
        Ok(ConvSteps {
            size,
            kernel,
            stride,
            padding,
            x,
            w,
            out,
            y,
            done: 0,
        })
    }

    fn params(&self) -> Params {
        let values = (self.size, self.kernel, self.stride, self.padding);
        Params::write(&specs(), values)
    }

    fn step(&mut self) -> Result<Outcome> {
        let total = self.y.len();
        Ok(show_next(&mut self.done, total, || {
            Text::new(
                format!("All {total} output cells are computed."),
                format!("全部 {total} 个输出单元都算完了。"),
            )
        }))
    }

    fn steps(&self) -> usize {
        self.done
    }

    /// The products of the current window, one row per kernel entry.
    fn table(&self) -> Table {
        let terms = self.done.checked_sub(1).map(|cell| self.window(cell));
        let k = self.kernel;
        // Entry q of the window is kernel row q / k, column q % k.
        Table::of_records(0, terms.into_iter().flatten().enumerate())
            .column(Column::count("ky", "kernel row", "核的行"), |(q, _)| {
                (q / k) as f64
            })
            .column(
                Column::count("kx", "kernel column", "核的列"),
                |(q, _)| (q % k) as f64,
            )
            .column(Column::symbol("x", "x"), |&(_, (_, x, _))| x)
            .column(Column::symbol("w", "w"), |&(_, (_, _, w))| w)
            .column(Column::symbol("xw", "x·w"), |&(_, (_, x, w))| x * w)
            .into()
    }

    fn readouts(&self) -> Vec<Readout> {
        let size = self.out_size() as f64;
        let mut r = vec![
            Readout::of("out", ("output size H′", "输出大小 H′"), size, 0),
            Readout::of("cell", ("cells done", "已算单元"), self.done as f64, 0),
        ];
        if self.done > 0 {
            let y = self.y[self.done - 1] as f64;
            r.push(Readout::of("y", ("this cell Σx·w", "本单元 Σx·w"), y, 0));
        }
        r
    }

    fn status(&self) -> Option<Text> {
        let (h, f, s, p) = (self.size, self.kernel, self.stride, self.padding);
        let n = self.out_size();
        Some(Text::same(format!(
            "H′ = ⌊({h} + 2·{p} − {f}) / {s}⌋ + 1 = {n}"
        )))
    }
}

#[cfg(test)]
#[path = "conv_steps_tests.rs"]
mod tests;
