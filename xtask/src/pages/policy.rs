//! The site's Content Security Policy in a generated page: the `<meta http-equiv>` copy of
//! the policy the dev server sends (so it also holds on a plain static host), and a check
//! that a page has no inline code — no inline `<script>` or `<style>`, no `on…=` event
//! handlers, no `javascript:` addresses (all blocked by the policy), and no `style="…"`
//! attributes (allowed by the policy only because plotters measures text with one). A lesson's
//! Markdown may carry raw HTML and its maths becomes MathML, so the renderer checks every page
//! it writes, and a test checks the hand-written pages of `www/`.

use ninestep_devserver::{CONTENT_SECURITY_POLICY, REFERRER_POLICY};

/// The two `<meta>` lines every page carries in its `<head>`, right after the charset.
pub fn meta() -> String {
    format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"{CONTENT_SECURITY_POLICY}\">\n\
         <meta name=\"referrer\" content=\"{REFERRER_POLICY}\">\n"
    )
}

/// The style attributes math-core writes for our lessons (the columns of an `aligned` block),
/// each with the class of `style.css` that does the same. [`styles_to_classes`] swaps them,
/// since the policy forbids style attributes; a style not listed here fails the build.
const MATH_STYLES: [(&str, &str); 2] = [
    (
        "text-align: left;justify-items: start;padding-left: 0;",
        "math-col-left",
    ),
    (
        "text-align: right;justify-items: end;padding-right: 0;",
        "math-col-right",
    ),
];

/// `mathml` with each style attribute of [`MATH_STYLES`] replaced by its class.
pub fn styles_to_classes(mathml: &str) -> String {
    let mut out = mathml.to_string();
    for (style, class) in MATH_STYLES {
        out = out.replace(
            &format!(" style=\"{style}\""),
            &format!(" class=\"{class}\""),
        );
    }
    out
}

/// One start tag: its lower-cased name and `(lower-cased name, value)` attributes.
#[derive(Debug, PartialEq, Eq)]
struct Tag {
    name: String,
    attrs: Vec<(String, String)>,
}

/// The start tags of `html` (comments, doctype and end tags skipped). A small scanner, not a
/// full HTML parser: enough for pages we write ourselves.
fn start_tags(html: &str) -> Vec<Tag> {
    let mut tags = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find('<') {
        rest = &rest[i + 1..];
        if let Some(after) = rest.strip_prefix("!--") {
            rest = after.find("-->").map_or("", |j| &after[j + 3..]);
            continue;
        }
        if !rest.starts_with(|c: char| c.is_ascii_alphabetic()) {
            continue;
        }
        let end = rest
            .find(|c: char| c.is_whitespace() || c == '>' || c == '/')
            .unwrap_or(rest.len());
        let mut tag = Tag {
            name: rest[..end].to_ascii_lowercase(),
            attrs: Vec::new(),
        };
        rest = &rest[end..];
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_whitespace() || c == '/');
            if rest.is_empty() {
                break;
            }
            if let Some(after) = rest.strip_prefix('>') {
                rest = after;
                break;
            }
            let end = rest
                .find(|c: char| c.is_whitespace() || c == '=' || c == '>' || c == '/')
                .unwrap_or(rest.len())
                .max(1);
            let name = rest[..end].to_ascii_lowercase();
            rest = rest[end..].trim_start();
            let mut value = String::new();
            if let Some(after) = rest.strip_prefix('=') {
                let after = after.trim_start();
                let (v, tail) = match after.chars().next() {
                    Some(q @ ('"' | '\'')) => {
                        let body = &after[1..];
                        let close = body.find(q).unwrap_or(body.len());
                        (&body[..close], body.get(close + 1..).unwrap_or(""))
                    }
                    _ => {
                        let close = after
                            .find(|c: char| c.is_whitespace() || c == '>')
                            .unwrap_or(after.len());
                        (&after[..close], &after[close..])
                    }
                };
                value = v.to_string();
                rest = tail;
            }
            tag.attrs.push((name, value));
        }
        tags.push(tag);
    }
    tags
}

/// Attributes whose value is an address (where `javascript:` would run a script).
const URL_ATTRS: [&str; 6] = ["href", "src", "action", "formaction", "xlink:href", "data"];

/// `Ok` if `html` has no inline code: nothing the policy blocks (inline `<script>`, `<style>`
/// blocks, `on…=` handlers, `javascript:` addresses) and no `style="…"` either, which the
/// policy lets through only for plotters' text measuring; else says what, in which tag.
pub fn check(html: &str) -> Result<(), String> {
    const BLOCKED: &str = "which the site's Content-Security-Policy blocks \
                           (put scripts in .js files and styles in a stylesheet)";
    for tag in start_tags(html) {
        let attr = |n: &str| tag.attrs.iter().find(|(k, _)| k == n);
        let found = match tag.name.as_str() {
            "script" if attr("src").is_none() => Some(("an inline <script>".to_string(), BLOCKED)),
            "style" => Some(("a <style> block".to_string(), BLOCKED)),
            _ => tag.attrs.iter().find_map(|(k, v)| {
                if k.starts_with("on") {
                    Some((format!("an event-handler attribute `{k}`"), BLOCKED))
                } else if k == "style" {
                    let why = if tag.name.starts_with('m') {
                        "a style math-core writes, and the Content-Security-Policy allows style \
                         attributes only for plotters: give it a class in MATH_STYLES \
                         (xtask/src/pages/policy.rs) and style.css"
                    } else {
                        "and the Content-Security-Policy allows style attributes only for \
                         plotters: use a class and a rule in style.css"
                    };
                    Some((format!("a style attribute `style=\"{v}\"`"), why))
                } else if URL_ATTRS.contains(&k.as_str())
                    && v.trim().to_ascii_lowercase().starts_with("javascript:")
                {
                    Some((format!("a `javascript:` address in `{k}`"), BLOCKED))
                } else {
                    None
                }
            }),
        };
        if let Some((what, why)) = found {
            return Err(format!("<{}> has {what}, {why}", tag.name));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_start_tags_and_their_attributes() {
        let tags = start_tags(
            "<!doctype html><!-- <script>x</script> --><P Class=a id='b c' hidden>t</p>\
             <img src=x.png alt=\"1 > 0\"/><math display=\"block\"><mi>x</mi></math>",
        );
        let names: Vec<&str> = tags.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["p", "img", "math", "mi"]);
        assert_eq!(
            tags[0].attrs,
            [
                ("class".into(), "a".into()),
                ("id".into(), "b c".into()),
                ("hidden".into(), String::new())
            ]
        );
        assert_eq!(tags[1].attrs[1], ("alt".into(), "1 > 0".into()));
    }

    #[test]
    fn flags_what_the_policy_blocks() {
        let ok = "<script type=\"module\" src=\"../site.js\"></script>\
                  <p class=\"x\">a &lt;script&gt; in text, onclick=1 in text</p>\
                  <a href=\"https://example.org/\">x</a><math><mspace width=\"1em\"/></math>";
        assert_eq!(check(ok), Ok(()));
        for (bad, says) in [
            ("<script>alert(1)</script>", "inline <script>"),
            ("<style>p{}</style>", "<style> block"),
            ("<p onclick=\"alert(1)\">x</p>", "`onclick`"),
            ("<img src=x ONERROR=alert(1)>", "`onerror`"),
            ("<mspace style=\"margin-left:-0.1em\"/>", "style attribute"),
            ("<a href=\" JavaScript:alert(1)\">x</a>", "`javascript:`"),
        ] {
            let err = check(bad).expect_err(bad);
            assert!(err.contains(says), "{bad}: {err}");
            assert!(err.contains("Content-Security-Policy"), "{err}");
        }
    }

    #[test]
    fn the_styles_of_aligned_maths_become_classes() {
        let md = crate::pages::Markdown::new().unwrap();
        let mathml = md
            .math("\\begin{aligned} a &= b \\\\ c &= d \\end{aligned}", true)
            .unwrap();
        let html = mathml;
        assert_eq!(check(&html), Ok(()), "{html}");
        assert!(html.contains("<mtd class=\"math-col-left\">"), "{html}");
        assert!(html.contains("<mtd class=\"math-col-right\">"), "{html}");
        let raw = "<mtd style=\"text-align: left;justify-items: start;padding-left: 0;\">";
        assert_eq!(styles_to_classes(raw), "<mtd class=\"math-col-left\">");
        // Any other style still fails, and says where to add it.
        let err = check("<mtd style=\"color: red\">").unwrap_err();
        assert!(err.contains("MATH_STYLES"), "{err}");
    }

    #[test]
    fn the_meta_copy_is_the_served_policy() {
        let meta = meta();
        assert!(meta.contains(&format!("content=\"{CONTENT_SECURITY_POLICY}\"")));
        assert!(!CONTENT_SECURITY_POLICY.contains('"'));
        assert_eq!(check(&meta), Ok(()));
    }
}
