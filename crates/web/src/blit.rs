//! The canvas [`Raster`]: a heatmap's few thousand cells go to the page as one small
//! image (`putImageData` on a scratch canvas) stretched over its rectangle by one
//! `drawImage` with smoothing on, instead of one plotters rectangle per cell. Plotters'
//! canvas backend draws straight onto the same 2D context, so axes drawn before and
//! points drawn after the image stack as they should.

use ninestep_charts::raster::{Cells, Image, Raster, Rect};
use wasm_bindgen::{Clamped, JsCast, JsValue};
use web_sys::{CanvasRenderingContext2d, HtmlCanvasElement, ImageData};

/// Blits onto the 2D context `ctx` of the chart's canvas.
pub(crate) struct CanvasRaster {
    ctx: CanvasRenderingContext2d,
    /// The scratch canvas and its context, made on the first image and reused.
    scratch: Option<(HtmlCanvasElement, CanvasRenderingContext2d)>,
}

fn js_err(what: &str, e: JsValue) -> String {
    format!(
        "{what}: {}",
        e.as_string().unwrap_or_else(|| format!("{e:?}"))
    )
}

impl CanvasRaster {
    /// A raster drawing on `ctx`.
    pub(crate) fn new(ctx: CanvasRenderingContext2d) -> Self {
        CanvasRaster { ctx, scratch: None }
    }

    /// The 2D context of `canvas`, if it has one.
    pub(crate) fn context_of(canvas: &HtmlCanvasElement) -> Option<CanvasRenderingContext2d> {
        canvas
            .get_context("2d")
            .ok()
            .flatten()
            .and_then(|c| c.dyn_into::<CanvasRenderingContext2d>().ok())
    }

    fn scratch(&mut self) -> Result<&(HtmlCanvasElement, CanvasRenderingContext2d), String> {
        if self.scratch.is_none() {
            let doc = web_sys::window()
                .and_then(|w| w.document())
                .ok_or("no document for the scratch canvas")?;
            let canvas = doc
                .create_element("canvas")
                .map_err(|e| js_err("createElement(canvas)", e))?
                .dyn_into::<HtmlCanvasElement>()
                .map_err(|_| "the scratch element is not a canvas".to_string())?;
            let ctx = Self::context_of(&canvas).ok_or("the scratch canvas has no 2D context")?;
            self.scratch = Some((canvas, ctx));
        }
        self.scratch
            .as_ref()
            .ok_or_else(|| "no scratch canvas".to_string())
    }
}

impl Raster for CanvasRaster {
    /// The image stretched over the rectangle, smoothed or with sharp cells.
    fn put(&mut self, image: Image<'_>, at: Rect, cells: Cells) -> Result<(), String> {
        let Image { cols, rows, rgba } = image;
        let (c, r) = (
            u32::try_from(cols).map_err(|_| "image too wide")?,
            u32::try_from(rows).map_err(|_| "image too tall")?,
        );
        let data = ImageData::new_with_u8_clamped_array_and_sh(Clamped(rgba), c, r)
            .map_err(|e| js_err("ImageData", e))?;
        let (canvas, sctx) = self.scratch()?.clone();
        if canvas.width() != c || canvas.height() != r {
            canvas.set_width(c);
            canvas.set_height(r);
        }
        sctx.put_image_data(&data, 0.0, 0.0)
            .map_err(|e| js_err("putImageData", e))?;
        self.ctx.save();
        self.ctx.set_image_smoothing_enabled(cells == Cells::Smooth);
        let drawn = self
            .ctx
            .draw_image_with_html_canvas_element_and_sw_and_sh_and_dx_and_dy_and_dw_and_dh(
                &canvas,
                0.0,
                0.0,
                c as f64,
                r as f64,
                at.left as f64,
                at.top as f64,
                at.width as f64,
                at.height as f64,
            );
        self.ctx.restore();
        drawn.map_err(|e| js_err("drawImage", e))
    }
}
