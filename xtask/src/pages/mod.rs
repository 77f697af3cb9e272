//! The lesson renderer: `content/lessons.toml` + `content/lessons/<slug>.{en,zh}.md`
//! → `www/lessons/<slug>.html`.
//!
//! Each lesson's two Markdown files are split at their widget markers (see [`markers`]) and
//! interleaved: a `<div class="prose">` holding both languages, then the widget element, then
//! the next prose pair, and so on.

mod markdown;
mod markers;
mod policy;
mod template;
#[cfg(test)]
mod tests;

use std::collections::HashSet;
use std::path::Path;

use anyhow::{bail, Context, Result};
use serde::Deserialize;

pub use markdown::Markdown;
use markers::{Marker, Split};
use template::escape;

/// One `[[lesson]]` entry of `content/lessons.toml`.
#[derive(Clone, Debug, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Lesson {
    /// File stem of the Markdown sources and of the page.
    pub slug: String,
    /// Which of the nine steps the lesson belongs to (1–9).
    pub step: u8,
    /// English title.
    pub title_en: String,
    /// Chinese title.
    pub title_zh: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct LessonsFile {
    #[serde(default)]
    lesson: Vec<Lesson>,
}

/// Parses and checks `lessons.toml` text (slugs unique and made of `a-z0-9-`, steps 1–9).
pub fn parse_lessons(text: &str) -> Result<Vec<Lesson>> {
    let file: LessonsFile = toml::from_str(text)?;
    let mut seen = HashSet::new();
    for lesson in &file.lesson {
        let slug = &lesson.slug;
        let slug_ok = !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !slug_ok {
            bail!("lesson slug `{slug}`: use only a-z, 0-9 and -");
        }
        if !seen.insert(slug.as_str()) {
            bail!("lesson slug `{slug}` appears twice");
        }
        if !(1..=template::STEP_COUNT).contains(&lesson.step) {
            bail!("lesson `{slug}`: step {} is not 1–9", lesson.step);
        }
    }
    Ok(file.lesson)
}

/// One language of one lesson.
pub struct Source<'a> {
    /// Path shown in error messages.
    pub name: &'a str,
    /// The Markdown text.
    pub text: &'a str,
}

/// The `<ninestep-widget>` element for a marker.
fn widget(marker: &Marker) -> String {
    let mut out = format!(
        "<ninestep-widget name=\"{}\" id=\"{}\"",
        escape(&marker.name),
        escape(marker.id())
    );
    for (key, value) in marker.attrs.iter().filter(|(k, _)| k != "id") {
        out.push_str(&format!(" {key}=\"{}\"", escape(value)));
    }
    out.push_str("></ninestep-widget>\n");
    out
}

fn split(source: &Source) -> Result<Split> {
    markers::split(source.text).map_err(|e| anyhow::anyhow!("{}: {e}", source.name))
}

/// Renders the interleaved prose and widget blocks of one lesson.
pub fn render_body(md: &Markdown, en: &Source, zh: &Source) -> Result<String> {
    let (en_split, zh_split) = (split(en)?, split(zh)?);
    markers::compare(&en_split.markers, &zh_split.markers)
        .map_err(|e| anyhow::anyhow!("{} vs {}: {e}", en.name, zh.name))?;
    let mut ids = HashSet::new();
    for marker in &en_split.markers {
        if !ids.insert(marker.id()) {
            bail!(
                "{}: widget id `{}` is used twice (line {}); add a distinct id=… to the marker",
                en.name,
                marker.id(),
                marker.line
            );
        }
    }
    let mut body = String::new();
    for (i, (pe, pz)) in en_split.prose.iter().zip(&zh_split.prose).enumerate() {
        if !pe.text.trim().is_empty() || !pz.text.trim().is_empty() {
            let html_en = md
                .to_html(en.name, &pe.text, pe.first_line)
                .map_err(|e| anyhow::anyhow!("{}: {e}", en.name))?;
            let html_zh = md
                .to_html(zh.name, &pz.text, pz.first_line)
                .map_err(|e| anyhow::anyhow!("{}: {e}", zh.name))?;
            body.push_str(&format!(
                "<div class=\"prose\"><div lang=\"en\">\n{html_en}</div><div lang=\"zh\">\n{html_zh}</div></div>\n"
            ));
        }
        if let Some(marker) = en_split.markers.get(i) {
            body.push_str(&widget(marker));
        }
    }
    Ok(body)
}

/// Renders the full page for `lessons[index]`.
pub fn render_page(
    md: &Markdown,
    lessons: &[Lesson],
    index: usize,
    en: &Source,
    zh: &Source,
) -> Result<String> {
    let lesson = &lessons[index];
    let prev = index.checked_sub(1).and_then(|i| lessons.get(i));
    let next = lessons.get(index + 1);
    let body = render_body(md, en, zh)?;
    let html = template::page(lesson, prev, next, &body);
    policy::check(&html).map_err(|e| anyhow::anyhow!("{} / {}: {e}", en.name, zh.name))?;
    Ok(html)
}

/// The page around `body` for `lesson`, without neighbours (for checks of the template).
#[cfg(test)]
pub fn page_html(lesson: &Lesson, body: &str) -> String {
    template::page(lesson, None, None, body)
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))
}

/// Renders every lesson listed in `<content>/lessons.toml` into `<out>/<slug>.html` and removes
/// stale `.html` files from `out`. Returns the number of pages written.
pub fn render_all(content: &Path, out: &Path) -> Result<usize> {
    let lessons = parse_lessons(&read(&content.join("lessons.toml"))?)
        .with_context(|| format!("in {}", content.join("lessons.toml").display()))?;
    let md = Markdown::new()?;
    std::fs::create_dir_all(out).with_context(|| format!("cannot create {}", out.display()))?;
    for (index, lesson) in lessons.iter().enumerate() {
        let paths = ["en", "zh"].map(|lang| {
            content
                .join("lessons")
                .join(format!("{}.{lang}.md", lesson.slug))
        });
        let [en_text, zh_text] = [read(&paths[0])?, read(&paths[1])?];
        // Name files relative to the content directory's parent, e.g. `content/lessons/x.en.md`.
        let base = content.parent().unwrap_or(content);
        let [en_name, zh_name] = paths
            .each_ref()
            .map(|p| p.strip_prefix(base).unwrap_or(p).display().to_string());
        let en = Source {
            name: &en_name,
            text: &en_text,
        };
        let zh = Source {
            name: &zh_name,
            text: &zh_text,
        };
        let html = render_page(&md, &lessons, index, &en, &zh)?;
        let file = out.join(format!("{}.html", lesson.slug));
        std::fs::write(&file, html).with_context(|| format!("cannot write {}", file.display()))?;
    }
    let keep: HashSet<String> = lessons.iter().map(|l| format!("{}.html", l.slug)).collect();
    for entry in std::fs::read_dir(out)?.flatten() {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".html") && !keep.contains(&name) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
    Ok(lessons.len())
}
