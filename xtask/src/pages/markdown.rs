//! Markdown → HTML with pulldown-cmark (CommonMark + tables), maths → MathML with math-core.

use math_core::{LatexToMathML, MathCoreConfig, MathDisplay};
use pulldown_cmark::{html, CowStr, Event, Options, Parser};

/// A Markdown renderer with a LaTeX → MathML converter.
pub struct Markdown {
    math: LatexToMathML,
}

/// Whether Markdown source contains a `$` that is not backslash-escaped.
fn unescaped_dollar(src: &str) -> bool {
    let bytes = src.as_bytes();
    (0..bytes.len()).any(|i| bytes[i] == b'$' && (i == 0 || bytes[i - 1] != b'\\'))
}

/// Puts every display formula that spans several lines (`$$` opening a line, `$$` closing a
/// later one) on a single line, outside fenced code. Otherwise Markdown reads lines of maths
/// such as a lone `=` (a setext heading underline) or `+` (a list item) as Markdown.
///
/// Returns the new text and, for each of its lines, the 0-based line it starts at in `text`.
fn join_display_math(text: &str) -> (String, Vec<usize>) {
    let mut out = String::with_capacity(text.len());
    let mut starts = Vec::new();
    let mut fence: Option<&str> = None;
    let mut open = false;
    for (i, line) in text.split_inclusive('\n').enumerate() {
        let trimmed = line.trim();
        if !open {
            if let Some(f) = fence {
                if trimmed.starts_with(f) && trimmed.chars().all(|c| f.starts_with(c)) {
                    fence = None;
                }
            } else if trimmed.starts_with("```") || trimmed.starts_with("~~~") {
                fence = Some(&trimmed[..3]);
            }
        }
        if open {
            out.push(' ');
            out.push_str(line.trim_start());
            open = !line.contains("$$");
        } else {
            starts.push(i);
            out.push_str(line);
            open =
                fence.is_none() && trimmed.starts_with("$$") && trimmed.matches("$$").count() == 1;
        }
        if open && out.ends_with('\n') {
            out.pop();
            if out.ends_with('\r') {
                out.pop();
            }
        }
    }
    if open {
        // Never closed: leave the text alone and let Markdown have it.
        return (
            text.to_string(),
            (0..text.split_inclusive('\n').count()).collect(),
        );
    }
    (out, starts)
}

/// Options used for every page.
fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_MATH | Options::ENABLE_STRIKETHROUGH
}

impl Markdown {
    /// Creates a renderer with math-core's default configuration.
    pub fn new() -> anyhow::Result<Markdown> {
        let math = LatexToMathML::new(MathCoreConfig::default())
            .map_err(|(err, _, def)| anyhow::anyhow!("math-core macro `{def}`: {err}"))?;
        Ok(Markdown { math })
    }

    /// Converts one formula; `display` is true for `$$…$$`.
    pub fn math(&self, latex: &str, display: bool) -> Result<String, String> {
        let mode = if display {
            MathDisplay::Block
        } else {
            MathDisplay::Inline
        };
        self.math
            .convert_with_local_state(latex, mode)
            .map(|r| super::policy::styles_to_classes(&r.mathml))
            .map_err(|e| e.to_string())
    }

    /// Renders Markdown to HTML. `first_line` is the line number of the text's first line in
    /// the file `name`, used in messages; errors look like `line 12: LaTeX error in $…$: …`.
    /// A `$` left over as text (a formula pulldown-cmark did not recognise) gives a warning.
    pub fn to_html(&self, name: &str, text: &str, first_line: usize) -> Result<String, String> {
        let (joined, starts) = join_display_math(text);
        let text = joined.as_str();
        let line_of = |offset: usize| {
            let line = text[..offset].matches('\n').count();
            first_line + starts.get(line).copied().unwrap_or(line)
        };
        let mut events = Vec::new();
        for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
            let (src, display) = match event {
                Event::InlineMath(src) => (src, false),
                Event::DisplayMath(src) => (src, true),
                Event::Text(t) if unescaped_dollar(&text[range.clone()]) => {
                    let line = line_of(range.start);
                    eprintln!(
                        "xtask: warning: {name}:{line}: `$` left as text in \"{t}\" (unbalanced \
                         braces or a space after `$` keep it from being maths; write \\$ for a dollar)"
                    );
                    events.push(Event::Text(t));
                    continue;
                }
                other => {
                    events.push(other);
                    continue;
                }
            };
            let mathml = self.math(&src, display).map_err(|err| {
                let line = line_of(range.start);
                let delim = if display { "$$" } else { "$" };
                format!("line {line}: LaTeX error in {delim}{src}{delim}: {err}")
            })?;
            events.push(Event::InlineHtml(CowStr::from(mathml)));
        }
        let mut out = String::with_capacity(text.len() * 2);
        html::push_html(&mut out, events.into_iter());
        Ok(out)
    }
}
