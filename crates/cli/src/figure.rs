//! `ninestep figure`: the chart the page shows, as SVG or PNG for printed notes.

use ninestep_core::{AnyWidget, Lang};

/// Writes the chart of `w` to `path` (`.svg` or `.png`).
pub fn write(w: &AnyWidget, path: &str, size: (u32, u32), lang: Lang) -> Result<(), String> {
    let lower = path.to_ascii_lowercase();
    if lower.ends_with(".svg") {
        let svg = ninestep_charts::svg(w, size.0, size.1, lang)?;
        std::fs::write(path, svg).map_err(|e| format!("cannot write {path}: {e}"))
    } else if lower.ends_with(".png") {
        // Draw at twice the size (charts scale their fonts and strokes with the width)
        // so the PNG is sharp on paper, then rasterise one to one.
        let svg = ninestep_charts::svg(w, size.0 * 2, size.1 * 2, lang)?;
        let png = rasterize(&svg, lang)?;
        std::fs::write(path, png).map_err(|e| format!("cannot write {path}: {e}"))
    } else {
        Err(format!(
            "“{path}”: the figure file must end in .svg or .png"
        ))
    }
}

/// Renders an SVG document to PNG bytes at its own size, with the system fonts.
pub fn rasterize(svg: &str, lang: Lang) -> Result<Vec<u8>, String> {
    let mut options = resvg::usvg::Options::default();
    let db = options.fontdb_mut();
    db.load_system_fonts();
    // plotters writes the generic family "sans-serif", which fontdb maps to Arial unless
    // told otherwise; pick a face Debian has (Chinese falls back to Noto CJK by glyph).
    let has = |name: &str| {
        db.faces()
            .any(|f| f.families.iter().any(|(n, _)| n == name))
    };
    let families: &[&str] = match lang {
        Lang::En => &["DejaVu Sans", "Liberation Sans", "Noto Sans CJK SC"],
        Lang::Zh => &["Noto Sans CJK SC", "DejaVu Sans", "Liberation Sans"],
    };
    if let Some(family) = families.iter().copied().find(|n| has(n)) {
        db.set_sans_serif_family(family);
    }
    let tree = resvg::usvg::Tree::from_str(svg, &options).map_err(|e| format!("bad SVG: {e}"))?;
    let size = tree.size().to_int_size();
    let mut pixmap =
        resvg::tiny_skia::Pixmap::new(size.width(), size.height()).ok_or("figure too large")?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pixmap.as_mut(),
    );
    pixmap
        .encode_png()
        .map_err(|e| format!("cannot encode PNG: {e}"))
}
