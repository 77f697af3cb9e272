//! # ninestep-charts
//!
//! One function per chart, generic over the plotters [`DrawingBackend`], so the same
//! picture renders to SVG in a native test or the CLI and to a canvas in the page.
//! [`draw`] picks the chart of a widget. Charts only draw; they never change a widget.

pub mod axes;
pub mod contour;
pub mod graph;
pub mod hover;
pub mod lessons;
pub mod pen;
pub mod plot;
pub mod raster;
pub mod style;

use hover::Hover;
use ninestep_core::{AnyWidget, Lang};
use pen::{Brush, Pen};
use plotters::coord::Shift;
use plotters::prelude::*;
use raster::{Raster, Rects};
use style::Scale;

/// How pixels of a chart's plotting area map back to two settings of the widget, so a
/// click on the chart can set them (e.g. clicking the loss contour sets w and b).
#[derive(Clone, Debug, PartialEq)]
pub struct Frame {
    /// Left and right pixel of the plotting area.
    pub px: (i32, i32),
    /// Top and bottom pixel of the plotting area.
    pub py: (i32, i32),
    /// Data value at the left and right edge.
    pub x: (f64, f64),
    /// Data value at the bottom and top edge.
    pub y: (f64, f64),
    /// The setting the horizontal axis controls.
    pub x_key: &'static str,
    /// The setting the vertical axis controls; empty when a click sets only `x_key`.
    pub y_key: &'static str,
}

impl Frame {
    /// The frame of `chart`'s plotting area, spanning the data ranges `x` and `y`, a click
    /// on it setting the settings `keys` (x key, y key).
    pub fn of<DB: DrawingBackend, CT: plotters::coord::CoordTranslate>(
        chart: &ChartContext<'_, DB, CT>,
        x: (f64, f64),
        y: (f64, f64),
        (x_key, y_key): (&'static str, &'static str),
    ) -> Frame {
        let (px, py) = chart.plotting_area().get_pixel_range();
        Frame {
            px: (px.start, px.end),
            py: (py.start, py.end),
            x,
            y,
            x_key,
            y_key,
        }
    }

    /// The data point under pixel (px, py), or `None` outside the plotting area.
    pub fn value_at(&self, px: f64, py: f64) -> Option<(f64, f64)> {
        let (l, r) = (self.px.0 as f64, self.px.1 as f64);
        let (t, b) = (self.py.0 as f64, self.py.1 as f64);
        if px < l || px > r || py < t || py > b || r <= l || b <= t {
            return None;
        }
        let fx = (px - l) / (r - l);
        let fy = (b - py) / (b - t);
        Some((
            self.x.0 + fx * (self.x.1 - self.x.0),
            self.y.0 + fy * (self.y.1 - self.y.0),
        ))
    }
}

/// Error of a chart: the backend failed to draw.
pub type DrawResult<T> = Result<T, String>;

/// What a drawn chart tells the page: how a click maps to settings, and the zones that
/// answer a hover with a read-out (see [`hover()`]).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Chart {
    /// The click mapping, if the chart has one.
    pub frame: Option<Frame>,
    /// The hover zones, if the chart has any.
    pub hover: Option<Hover>,
}

/// Draws the chart of `widget` on `area` with labels in `lang`. Returns the click
/// mapping when the chart has one.
pub fn draw<DB: DrawingBackend>(
    widget: &AnyWidget,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
) -> DrawResult<Option<Frame>> {
    draw_at(widget, area, lang, 1.0)
}

/// Like [`draw`] on a canvas whose backing store has `pixel_ratio` device pixels per CSS
/// pixel: text and strokes are sized for the CSS width, so a phone shows readable labels.
pub fn draw_at<DB: DrawingBackend>(
    widget: &AnyWidget,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
    pixel_ratio: f64,
) -> DrawResult<Option<Frame>> {
    draw_with(widget, area, lang, pixel_ratio, &mut Rects::new(area)).map(|c| c.frame)
}

/// Like [`draw_at`], with heatmaps handed to `raster` as low-resolution images (in the
/// page: one canvas blit each) and the hover zones returned with the click frame.
/// `raster` draws in backend pixels of `area`'s backend.
pub fn draw_with<DB: DrawingBackend>(
    widget: &AnyWidget,
    area: &DrawingArea<DB, Shift>,
    lang: Lang,
    pixel_ratio: f64,
    raster: &mut dyn Raster,
) -> DrawResult<Chart> {
    use lessons::*;
    area.fill(&WHITE).map_err(|e| e.to_string())?;
    let pen = Pen::new(lang, Scale::for_canvas(area.dim_in_pixel().0, pixel_ratio));
    let mut brush = Brush { pen, raster };
    let frame = match widget {
        AnyWidget::Neuron(n) => neuron::neuron(area, n, pen),
        AnyWidget::NeuronLayer(l) => neuron::layer(area, l, pen),
        AnyWidget::LinearBackprop(l) => backprop::linear(area, l, pen),
        AnyWidget::BackpropChain(c) => backprop::chain(area, c, pen),
        AnyWidget::Gd1d(g) => descent::gd_1d(area, g, pen),
        AnyWidget::Gd2d(g) => descent::gd_2d(area, g, &mut brush),
        AnyWidget::LearningRate(l) => descent::learning_rate(area, l, pen),
        AnyWidget::MseLine(m) => loss::line(area, &m.0, pen),
        AnyWidget::MseCurves(m) => loss::curves(area, &m.0, pen),
        AnyWidget::MseContour(m) => loss::contour_map(area, &m.0, &mut brush),
        AnyWidget::Entropy(e) => loss::entropy(area, e, pen),
        AnyWidget::CrossEntropy(c) => loss::cross_entropy(area, c, pen),
        AnyWidget::MseVsCe(m) => loss::mse_vs_ce(area, m, pen),
        AnyWidget::LsPaths(l) => regression::ls_paths(area, l, &mut brush),
        AnyWidget::HousePrice(h) => regression::house_price(area, h, pen),
        AnyWidget::Logistic(l) => classify::logistic(area, l, &mut brush),
        AnyWidget::LogicGate(g) => gates::logic_gate(area, g, &mut brush),
        AnyWidget::Softmax(m) => classify::softmax(area, m, &mut brush),
        AnyWidget::Activations(a) => fit::activations(area, a, pen),
        AnyWidget::CurveFit(c) => fit::curve_fit(area, c, pen),
        AnyWidget::PolyFit(p) => fit::poly_fit(area, p, pen),
        AnyWidget::XorNet(w) => nonlinear::xor(area, w, &mut brush),
        AnyWidget::Arcs(w) => nonlinear::arcs(area, w, &mut brush),
        AnyWidget::Coin(w) => nonlinear::coin(area, w, &mut brush),
        AnyWidget::Digits(w) => digits::digits(area, w.run(), pen),
        AnyWidget::Trainer(w) => return trainer::trainer(area, w, &mut brush),
        AnyWidget::InitHistograms(w) => init::init_histograms(area, w, pen),
        AnyWidget::OptimizerRace(r) => optimizers::race(area, r, &mut brush),
        AnyWidget::OptimizerWb(o) => optimizers::wb(area, o, &mut brush),
        AnyWidget::Regularization(w) => regularize::regularization(area, w, pen),
        AnyWidget::DeepDigits(w) => digits::digits(area, w.run(), pen),
        AnyWidget::LrFinder(w) => lr_finder::lr_finder(area, w, pen),
        AnyWidget::ZeroInit(w) => fit::curve_fit(area, w.fit(), pen),
        AnyWidget::TanhClassifier(w) => checks::tanh_classifier(area, w, &mut brush),
        AnyWidget::GradCheck(w) => checks::grad_check(area, w, pen),
        AnyWidget::DigitPad(w) => pad::digit_pad(area, w, &mut brush),
        AnyWidget::ModelView(m) => model::model_graph(area, m.view(), pen),
        AnyWidget::ConvSteps(w) => conv_grid::conv_steps(area, w, pen),
        AnyWidget::Pooling(w) => pool_grid::pooling(area, w, pen),
        AnyWidget::LearnKernel(w) => conv_images::learn_kernel(area, w, &mut brush),
        AnyWidget::Kernels(w) => conv_images::kernels(area, w, &mut brush),
        AnyWidget::RnnEcho(w) => recurrent::echo(area, w, pen),
        AnyWidget::RnnMinus(w) => recurrent_unrolled::minus(area, w, pen),
        AnyWidget::RnnVanishing(w) => recurrent::vanishing(area, w, pen),
        AnyWidget::RnnForecast(w) => forecast::forecast(area, w, pen),
        AnyWidget::CnnTrainer(w) => cnn::cnn_trainer(area, w, &mut brush),
        AnyWidget::RnnGates(w) => recurrent_gates::gates(area, w, pen),
        AnyWidget::RnnRows(w) => recurrent_rows::rows(area, w, pen),
        AnyWidget::ShapesCnn(w) => shapes::shapes_cnn(area, w, &mut brush),
    };
    frame.map(|frame| Chart { frame, hover: None })
}

/// The read-out under backend pixel (px, py) of a chart of `widget` drawn with the hover
/// zones `hover` (from [`draw_with`]): a sentence with the exact values there, or `None`
/// away from every zone or when the widget no longer matches the drawing.
pub fn hover(widget: &AnyWidget, hover: &Hover, px: f64, py: f64, lang: Lang) -> Option<String> {
    if !px.is_finite() || !py.is_finite() {
        return None;
    }
    match widget {
        AnyWidget::Trainer(w) => lessons::trainer::hover_text(w, hover, px, py, lang),
        _ => None,
    }
}

/// Renders the chart of `widget` as an SVG document of `width`×`height` pixels.
pub fn svg(widget: &AnyWidget, width: u32, height: u32, lang: Lang) -> DrawResult<String> {
    let mut out = String::new();
    {
        let root = SVGBackend::with_string(&mut out, (width, height)).into_drawing_area();
        draw(widget, &root, lang)?;
        root.present().map_err(|e| e.to_string())?;
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use ninestep_core::Params;

    #[test]
    fn every_widget_draws_in_both_languages() {
        for name in AnyWidget::NAMES {
            let w = AnyWidget::replay(name, &Params::default(), 3).unwrap();
            for lang in [Lang::En, Lang::Zh] {
                let svg = svg(&w, 640, 400, lang).unwrap();
                // Something was drawn: axes or nodes (paths/circles) and text labels.
                let shapes = svg.matches("<path").count()
                    + svg.matches("<circle").count()
                    + svg.matches("<polyline").count();
                assert!(shapes >= 5, "{name} {lang:?}: only {shapes} shapes");
                assert!(
                    svg.matches("<text").count() >= 3,
                    "{name} {lang:?}: no labels"
                );
            }
        }
    }

    /// One image drawn: where, and its cols, rows and number of bytes.
    type Blit = (raster::Rect, usize, usize, usize);

    /// A [`Raster`] that only remembers what it was asked to draw.
    #[derive(Default)]
    struct Recorder(Vec<Blit>);

    impl Raster for Recorder {
        fn put(
            &mut self,
            image: raster::Image<'_>,
            at: raster::Rect,
            _: raster::Cells,
        ) -> Result<(), String> {
            self.0.push((at, image.cols, image.rows, image.rgba.len()));
            Ok(())
        }
    }

    /// The blits and the SVG of `name` drawn through a [`Recorder`].
    fn recorded(name: &str) -> (Vec<Blit>, String) {
        let w = AnyWidget::replay(name, &Params::default(), 3).unwrap();
        let mut rec = Recorder::default();
        let mut out = String::new();
        {
            let root = SVGBackend::with_string(&mut out, (640, 400)).into_drawing_area();
            draw_with(&w, &root, Lang::En, 1.0, &mut rec).unwrap();
            root.present().unwrap();
        }
        (rec.0, out)
    }

    #[test]
    fn heatmaps_go_through_the_raster_as_one_image() {
        let cells = |n: usize| (n, n, n * n * 4);
        for (name, (cols, rows, bytes), blits) in [
            ("gd-2d", cells(contour::CELLS), 1),
            ("mse-contour", cells(contour::CELLS), 1),
            ("ls-paths", cells(contour::CELLS), 1),
            ("logistic", cells(lessons::classify::CELLS), 1),
            ("softmax", cells(lessons::classify::CELLS), 1),
            ("optimizer-race", cells(contour::CELLS), 1),
            ("optimizer-wb", cells(contour::CELLS), 1),
            ("logic-gate", cells(lessons::classify::CELLS), 1),
            ("xor-net", cells(lessons::nonlinear::CELLS), 1),
            ("arcs", cells(lessons::nonlinear::CELLS), 2),
            ("coin", cells(lessons::nonlinear::CELLS), 1),
        ] {
            let (got, svg) = recorded(name);
            assert_eq!(got.len(), blits, "{name}: {got:?}");
            for &(at, c, r, len) in &got {
                let raster::Rect {
                    left,
                    top,
                    width,
                    height,
                } = at;
                assert_eq!((c, r, len), (cols, rows, bytes), "{name}");
                // Inside the 640×400 chart and not a sliver.
                assert!(left >= 0 && top >= 0 && left + width <= 640 && top + height <= 400);
                assert!(width > 100 && height > 100, "{name}: {width}×{height}");
            }
            // No cell rectangles were drawn besides the image: the heatmap alone used to
            // be thousands of them.
            assert!(svg.matches("<rect").count() < 50, "{name}");
        }
    }

    #[test]
    fn chinese_labels_appear_in_chinese_charts() {
        let w = AnyWidget::replay("backprop-chain", &Params::default(), 2).unwrap();
        assert!(svg(&w, 640, 400, Lang::Zh).unwrap().contains("迭代点"));
        assert!(svg(&w, 640, 400, Lang::En).unwrap().contains("iterates"));
    }

    #[test]
    fn clicks_map_back_to_settings() {
        // The contour spans w ∈ [0, 4], b ∈ [1, 5]: the centre of its plotting area is
        // (2, 3), and the frame names the settings a click changes.
        let w = AnyWidget::new("mse-contour", &Params::default()).unwrap();
        let mut out = String::new();
        let root = SVGBackend::with_string(&mut out, (640, 400)).into_drawing_area();
        let f = draw(&w, &root, Lang::En).unwrap().unwrap();
        drop(root);
        assert_eq!((f.x_key, f.y_key), ("w", "b"));
        let mid = (
            (f.px.0 + f.px.1) as f64 / 2.0,
            (f.py.0 + f.py.1) as f64 / 2.0,
        );
        let (wv, bv) = f.value_at(mid.0, mid.1).unwrap();
        assert!(
            (wv - 2.0).abs() < 0.02 && (bv - 3.0).abs() < 0.02,
            "{wv} {bv}"
        );
        assert_eq!(f.value_at(-5.0, 10.0), None);
    }
}
