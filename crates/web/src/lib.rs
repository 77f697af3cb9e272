//! # ninestep-web
//!
//! The thin wasm façade the page talks to. A [`WidgetHandle`] owns one lesson widget
//! ([`AnyWidget`]), the scope it uses in the URL hash, and the pixel→setting mapping of its
//! last chart. Every method returns plain JS data (objects, arrays, strings, numbers).
//!
//! Nothing here panics on user input: a bad attribute, a malformed link or a rejected
//! setting becomes an error object `{kind, en, zh}` and the widget keeps its last good
//! state. (A panic would kill the whole page, so nothing here may panic on a `None` or `Err`.)

mod bench;
mod blit;
mod data;
mod gallery;
mod hover;
mod js;
mod pad;
mod settings;
mod worker;

use js::{draw_error, error_js, outcome_js, to_js};
use ninestep_charts::hover::Hover;
use ninestep_charts::Frame;
use ninestep_core::open::{open, snap, Opened};
use ninestep_core::state::{format_widget, parse_hash};
use ninestep_core::{AnyWidget, Error, Lang};
use plotters::prelude::IntoDrawingArea;
use plotters_canvas::CanvasBackend;
use settings::parse_lang;
use wasm_bindgen::prelude::*;
use web_sys::HtmlCanvasElement;

/// Installs the panic hook: the message goes to the console and into a visible banner.
#[wasm_bindgen(start)]
pub fn start() {
    std::panic::set_hook(Box::new(|info| {
        console_error_panic_hook::hook(info);
        show_panic_banner(&info.to_string());
    }));
}

/// Puts a red banner at the top of the page (best effort; silent if there is no DOM).
fn show_panic_banner(message: &str) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = doc.body() else {
        return;
    };
    if let Ok(div) = doc.create_element("div") {
        div.set_class_name("error-banner");
        div.set_attribute("role", "alert").ok();
        div.set_text_content(Some(&format!(
            "ninestep crashed — please reload the page / 程序崩溃，请刷新页面: {message}"
        )));
        body.prepend_with_node_1(&div).ok();
    }
}

/// One lesson widget on the page.
#[wasm_bindgen]
pub struct WidgetHandle {
    pub(crate) widget: AnyWidget,
    scope: String,
    pub(crate) frame: Option<Frame>,
    /// The hover zones of the last chart (read by `hover`, in hover.rs).
    hover: Option<Hover>,
    last_error: Option<Error>,
    /// Steps a link asked for that wait for the widget's data file.
    pending_steps: usize,
}

#[wasm_bindgen]
impl WidgetHandle {
    /// Builds the widget `name` for the element scope `scope`: spec defaults, then the
    /// element's attributes (`attrs`, an object of strings; only keys of the spec and
    /// `steps` are read), then the entries `scope.key=value` of the URL `hash`.
    ///
    /// Bad attributes or a bad hash never throw: the widget falls back to the last good
    /// layer (attributes, else defaults) and `lastError()` says what was wrong. Only an
    /// unknown widget name throws (as an error object), since there is nothing to show.
    #[wasm_bindgen(constructor)]
    pub fn new(
        name: &str,
        scope: &str,
        attrs: JsValue,
        hash: &str,
    ) -> Result<WidgetHandle, JsValue> {
        // Layering and replay live in core (`ninestep_core::open`); this only reads the
        // attributes object.
        let attr = |key: &str| -> Option<String> {
            if !attrs.is_object() {
                return None;
            }
            js_sys::Reflect::get(&attrs, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
        };
        let Opened {
            widget,
            error: last_error,
            pending_steps,
        } = open(name, scope, &attr, hash).map_err(|e| error_js(&e))?;
        Ok(WidgetHandle {
            widget,
            scope: scope.to_string(),
            frame: None,
            hover: None,
            last_error,
            pending_steps,
        })
    }

    /// The widget's name.
    #[wasm_bindgen(js_name = name)]
    pub fn name(&self) -> String {
        self.widget.name().to_string()
    }

    /// The scope (element id) used in the URL hash.
    #[wasm_bindgen(js_name = scope)]
    pub fn scope(&self) -> String {
        self.scope.clone()
    }

    /// The last error from building the widget or from a chart click, as
    /// `{kind, en, zh}`, or `null`.
    #[wasm_bindgen(js_name = lastError)]
    pub fn last_error(&self) -> JsValue {
        match &self.last_error {
            Some(e) => error_js(e),
            None => JsValue::NULL,
        }
    }

    /// Forgets the last error.
    #[wasm_bindgen(js_name = clearError)]
    pub fn clear_error(&mut self) {
        self.last_error = None;
    }

    /// `{name, title:{en,zh}, params:[{key,label,kind:{type,…},default}], steppable}`.
    #[wasm_bindgen(js_name = spec)]
    pub fn spec(&self) -> JsValue {
        to_js(&self.widget.spec())
    }

    /// Current settings as an object `{key: "value"}`.
    #[wasm_bindgen(js_name = params)]
    pub fn params(&self) -> JsValue {
        let obj = js_sys::Object::new();
        for (k, v) in &self.widget.params().0 {
            js_sys::Reflect::set(&obj, &JsValue::from_str(k), &JsValue::from_str(v)).ok();
        }
        obj.into()
    }

    /// Attaches the bytes of the data file named in the spec (`spec.data`), then replays
    /// the steps a link asked for. Returns `null`, or the error object of a broken file
    /// (the widget then keeps waiting) or of a failed replay step.
    #[wasm_bindgen(js_name = attachData)]
    pub fn attach_data(&mut self, bytes: &[u8]) -> JsValue {
        if let Err(e) = self.widget.attach_data(bytes) {
            return error_js(&e);
        }
        let steps = std::mem::take(&mut self.pending_steps);
        match self.widget.run(steps) {
            Ok(_) => JsValue::NULL,
            Err(e) => error_js(&e),
        }
    }

    /// Whether the widget still waits for its data file.
    #[wasm_bindgen(js_name = awaitingData)]
    pub fn awaiting_data(&self) -> bool {
        self.widget.awaiting_data()
    }

    /// Changes one setting and starts over. Returns `null`, or the error object when the
    /// value is rejected (the widget then keeps its last good state).
    #[wasm_bindgen(js_name = set)]
    pub fn set(&mut self, key: &str, value: &str) -> JsValue {
        match self.widget.set(key, value) {
            Ok(()) => JsValue::NULL,
            Err(e) => error_js(&e),
        }
    }

    /// One iteration: `{outcome: "stepped"|"done", text}` or an error object.
    #[wasm_bindgen(js_name = step)]
    pub fn step(&mut self) -> JsValue {
        match self.widget.step() {
            Ok(o) => outcome_js(&o),
            Err(e) => error_js(&e),
        }
    }

    /// Up to `max_steps` iterations, stopping early when done; same result as `step`.
    #[wasm_bindgen(js_name = run)]
    pub fn run(&mut self, max_steps: u32) -> JsValue {
        match self.widget.run(max_steps as usize) {
            Ok(o) => outcome_js(&o),
            Err(e) => error_js(&e),
        }
    }

    /// Back to the start with the same settings.
    #[wasm_bindgen(js_name = reset)]
    pub fn reset(&mut self) {
        self.widget.reset();
    }

    /// Iterations done so far.
    #[wasm_bindgen(js_name = steps)]
    pub fn steps(&self) -> u32 {
        self.widget.steps().min(u32::MAX as usize) as u32
    }

    /// `{columns:[{key,label:{en,zh}}], rows:[[number|null]], digits}`.
    #[wasm_bindgen(js_name = table)]
    pub fn table(&self) -> JsValue {
        to_js(&self.widget.table())
    }

    /// `[{key, label:{en,zh}, value, digits}]`.
    #[wasm_bindgen(js_name = readouts)]
    pub fn readouts(&self) -> JsValue {
        to_js(&self.widget.readouts())
    }

    /// A note on the current state as `{en, zh}`, or `null`.
    #[wasm_bindgen(js_name = status)]
    pub fn status(&self) -> JsValue {
        to_js(&self.widget.status())
    }

    /// This widget's part of the URL hash (`scope.key=value&…&scope.steps=N`).
    #[wasm_bindgen(js_name = hashFragment)]
    pub fn hash_fragment(&self) -> String {
        format_widget(&self.scope, &self.widget.params(), self.widget.steps())
    }

    /// Draws the chart on `canvas` (at its backing-store size) with labels in `lang`.
    /// Returns `null`, or an error object `{kind: "draw", en, zh}`.
    #[wasm_bindgen(js_name = draw)]
    pub fn draw(&mut self, canvas: HtmlCanvasElement, lang: &str) -> JsValue {
        match self.draw_inner(canvas, parse_lang(lang)) {
            Ok(()) => JsValue::NULL,
            Err(msg) => to_js(&draw_error(&msg)),
        }
    }

    /// A click at backing-store pixel (px, py): if the last chart maps that pixel to two
    /// settings, sets them (rounded to the slider step) and returns `true`. A rejected
    /// value returns `false` and is kept in `lastError()`.
    #[wasm_bindgen(js_name = click)]
    pub fn click(&mut self, px: f64, py: f64) -> bool {
        self.last_error = None;
        let Some(frame) = &self.frame else {
            return false;
        };
        let Some((vx, vy)) = frame.value_at(px, py) else {
            return false;
        };
        let spec = self.widget.spec();
        let mut params = self.widget.params();
        let mut changed = false;
        for (key, v) in [(frame.x_key, vx), (frame.y_key, vy)] {
            if let Some(value) = snap(&spec, key, v) {
                params.set(key, value);
                changed = true;
            }
        }
        if !changed {
            return false;
        }
        match AnyWidget::new(self.widget.name(), &params) {
            Ok(w) => {
                let old = std::mem::replace(&mut self.widget, w);
                self.widget.share_data_from(&old);
                true
            }
            Err(e) => {
                self.last_error = Some(e);
                false
            }
        }
    }
}

impl WidgetHandle {
    fn draw_inner(&mut self, canvas: HtmlCanvasElement, lang: Lang) -> Result<(), String> {
        // Device pixels per CSS pixel, from the canvas itself (its backing store is sized
        // by devicePixelRatio in ninestep.js), so labels are sized for the CSS width.
        let css = canvas.client_width();
        let ratio = if css > 0 {
            canvas.width() as f64 / css as f64
        } else {
            1.0
        };
        // Heatmaps go onto the same 2D context as one image each (blit.rs).
        let ctx = blit::CanvasRaster::context_of(&canvas)
            .ok_or_else(|| "the canvas has no 2D context".to_string())?;
        let mut raster = blit::CanvasRaster::new(ctx);
        let backend = CanvasBackend::with_canvas_object(canvas)
            .ok_or_else(|| "the canvas has no 2D context".to_string())?;
        let area = backend.into_drawing_area();
        let chart = ninestep_charts::draw_with(&self.widget, &area, lang, ratio, &mut raster)?;
        area.present().map_err(|e| e.to_string())?;
        self.frame = chart.frame;
        self.hover = chart.hover;
        Ok(())
    }

    /// The widget itself (for Rust callers and tests).
    pub fn widget(&self) -> &AnyWidget {
        &self.widget
    }
}

/// Names of all widgets, in course order.
#[wasm_bindgen(js_name = widgetNames)]
pub fn widget_names() -> Vec<String> {
    AnyWidget::NAMES.iter().map(|s| s.to_string()).collect()
}

/// The spec of the widget `name` (the same object as [`WidgetHandle::spec`], the table
/// `ninestep list` prints) without building the widget, or an error object for an unknown
/// name. embed.html reads it to pass on only the keys the widget takes.
#[wasm_bindgen(js_name = widgetSpec)]
pub fn widget_spec(name: &str) -> Result<JsValue, JsValue> {
    AnyWidget::spec_of(name)
        .map(|spec| to_js(&spec))
        .map_err(|e| error_js(&e))
}

/// The `lang=` entry of a URL hash (`"en"`/`"zh"`), or `null` if absent or unreadable.
#[wasm_bindgen(js_name = parseHashLang)]
pub fn parse_hash_lang(hash: &str) -> Option<String> {
    parse_hash(hash)
        .ok()
        .and_then(|s| s.lang)
        .map(|l| l.tag().to_string())
}

/// Formats a number the way the course prints it (`digits` decimals, no `-0`).
#[wasm_bindgen(js_name = fmtNum)]
pub fn fmt_num(v: f64, digits: u32) -> String {
    ninestep_core::fmt_num(v, digits as usize)
}
