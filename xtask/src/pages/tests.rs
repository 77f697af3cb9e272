#![allow(clippy::unwrap_used)]

use super::*;
use std::path::PathBuf;

fn lesson(slug: &str, step: u8, en: &str, zh: &str) -> Lesson {
    Lesson {
        slug: slug.into(),
        step,
        title_en: en.into(),
        title_zh: zh.into(),
    }
}

fn src<'a>(name: &'a str, text: &'a str) -> Source<'a> {
    Source { name, text }
}

fn body(en: &str, zh: &str) -> Result<String> {
    let md = Markdown::new().unwrap();
    render_body(&md, &src("a.en.md", en), &src("a.zh.md", zh))
}

#[test]
fn maths_becomes_mathml() {
    let md = Markdown::new().unwrap();
    let html = md
        .to_html(
            "t.md",
            "Inline $\\sigma(z)=\\frac1{1+e^{-z}}$ and\n\n$$\\sum_{i=1}^n x_i$$\n",
            1,
        )
        .unwrap();
    assert_eq!(html.matches("<math").count(), 2, "{html}");
    assert!(html.contains("display=\"block\""), "{html}");
    assert!(!html.contains('$'), "{html}");
    // Unbalanced braces are not maths for pulldown-cmark: the text stays (with a warning).
    assert!(md
        .to_html("t.md", "$\\frac{1$ and \\$5", 1)
        .unwrap()
        .contains("$\\frac{1$"));
}

#[test]
fn multi_line_display_maths_is_not_markdown() {
    let md = Markdown::new().unwrap();
    let text = "Intro:\n\n$$\na\n=\nb\n+\n\\begin{pmatrix} 1 \\\\ 2 \\end{pmatrix}\n$$\n\n```\n$$\n=\n```\n\nthen $\\nosuch$\n";
    let err = md.to_html("t.md", text, 10).unwrap_err();
    // The error line is counted in the original text (line 10 + 15).
    assert!(err.starts_with("line 25:"), "{err}");
    let html = md
        .to_html("t.md", &text.replace("\\nosuch", "x"), 1)
        .unwrap();
    assert_eq!(html.matches("<math display=\"block\"").count(), 1, "{html}");
    assert!(!html.contains("<h1>") && !html.contains("<li>"), "{html}");
    assert!(html.contains("<mtable"), "{html}");
    assert!(
        html.contains("<code>$$\n=\n</code>"),
        "code blocks are left alone: {html}"
    );
}

#[test]
fn tables_render() {
    let md = Markdown::new().unwrap();
    let html = md
        .to_html("t.md", "| a | b |\n|---|---|\n| 1 | 2 |\n", 1)
        .unwrap();
    assert!(
        html.contains("<table>") && html.contains("<td>2</td>"),
        "{html}"
    );
}

#[test]
fn latex_errors_name_file_line_and_formula() {
    let err = body("ok\n\nbad $\\nosuchmacro x$ here\n", "好\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("a.en.md"), "{err}");
    assert!(err.contains("line 3"), "{err}");
    assert!(err.contains("$\\nosuchmacro x$"), "{err}");
}

#[test]
fn markers_interleave_with_prose() {
    let en = "# Intro\n\nHello.\n\n{{widget neuron w=0.5 label=\"two words\"}}\nMiddle.\n{{widget plot id=p2}}\n";
    let zh = "# 介绍\n\n你好。\n\n{{widget neuron label=\"two words\" w=0.5}}\n中间。\n{{widget plot id=p2}}\n";
    let html = body(en, zh).unwrap();
    let first_widget = "<ninestep-widget name=\"neuron\" id=\"neuron\" w=\"0.5\" label=\"two words\"></ninestep-widget>";
    let second_widget = "<ninestep-widget name=\"plot\" id=\"p2\"></ninestep-widget>";
    let order = [
        "<div class=\"prose\"><div lang=\"en\">",
        "Hello.",
        "<div lang=\"zh\">",
        "你好。",
        first_widget,
        "<div class=\"prose\">",
        "Middle.",
        "中间。",
        second_widget,
    ];
    let mut at = 0;
    for piece in order {
        let found = html[at..]
            .find(piece)
            .unwrap_or_else(|| panic!("{piece} after {at} in\n{html}"));
        at += found + piece.len();
    }
    // Nothing follows the last marker, so no empty prose pair is emitted.
    assert!(html.trim_end().ends_with(second_widget), "{html}");
    assert_eq!(html.matches("class=\"prose\"").count(), 2);
}

#[test]
fn mismatched_markers_fail() {
    let err = body("{{widget a}}\n", "{{widget b}}\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("#1") && err.contains("widget a") && err.contains("widget b"),
        "{err}"
    );

    let err = body("{{widget a k=1}}\n", "{{widget a k=2}}\n")
        .unwrap_err()
        .to_string();
    assert!(err.contains("k=1") && err.contains("k=2"), "{err}");

    let err = body("{{widget a}}\n{{widget b}}\n", "{{widget a}}\n")
        .unwrap_err()
        .to_string();
    assert!(
        err.contains("en has 2") && err.contains("zh has 1") && err.contains("widget b"),
        "{err}"
    );
}

#[test]
fn bad_markers_and_duplicate_ids_fail() {
    assert!(body("{{widget a k}}\n", "{{widget a k}}\n").is_err());
    assert!(body("{{widget a name=x}}\n", "{{widget a name=x}}\n").is_err());
    assert!(body("{{widget a k=\"open}}\n", "{{widget a k=\"open}}\n").is_err());
    let err = body(
        "{{widget a}}\n{{widget a}}\n",
        "{{widget a}}\n{{widget a}}\n",
    )
    .unwrap_err();
    assert!(err.to_string().contains("used twice"), "{err}");
    assert!(body(
        "{{widget a}}\n{{widget a id=a2}}\n",
        "{{widget a}}\n{{widget a id=a2}}\n"
    )
    .is_ok());
}

#[test]
fn markers_in_code_blocks_and_attributes_are_escaped() {
    let text = "```\n{{widget not-a-marker}}\n```\n{{widget w caption=\"a<b & 'c'\"}}\n";
    let html = body(text, text).unwrap();
    assert!(html.contains("{{widget not-a-marker}}"), "{html}");
    assert!(
        html.contains("caption=\"a&lt;b &amp; &#39;c&#39;\""),
        "{html}"
    );
}

#[test]
fn page_has_template_crumb_and_pager() {
    let lessons = [
        lesson("one", 1, "First", "第一"),
        lesson("two", 3, "A & B", "二"),
        lesson("three", 3, "Third", "第三"),
    ];
    let md = Markdown::new().unwrap();
    let page = render_page(&md, &lessons, 1, &src("x", "Hi\n"), &src("y", "你好\n")).unwrap();
    assert!(page.starts_with("<!doctype html>\n<html lang=\"en\" data-lang=\"en\">"));
    assert!(page.contains("<title>A &amp; B · ninestep</title>"));
    assert!(page.contains("<span lang=\"en\">Step 3 · Linear classification</span><span lang=\"zh\">第三步 · 线性分类</span>"));
    assert!(page.contains("<h1><span lang=\"en\">A &amp; B</span><span lang=\"zh\">二</span></h1>"));
    assert!(page.contains(
        "href=\"one.html\">← <span lang=\"en\">First</span><span lang=\"zh\">第一</span></a>"
    ));
    assert!(page.contains("href=\"three.html\"><span lang=\"en\">Third</span>"));
    assert!(page.trim_end().ends_with("</body></html>"));

    let first = render_page(&md, &lessons, 0, &src("x", ""), &src("y", "")).unwrap();
    assert!(!first.contains("rel=\"prev\"") && first.contains("rel=\"next\""));
    let last = render_page(&md, &lessons, 2, &src("x", ""), &src("y", "")).unwrap();
    assert!(last.contains("rel=\"prev\"") && !last.contains("rel=\"next\""));
}

#[test]
fn lessons_toml_is_checked() {
    let ok = "[[lesson]]\nslug = \"a-1\"\nstep = 9\ntitle_en = \"A\"\ntitle_zh = \"甲\"\n";
    assert_eq!(parse_lessons(ok).unwrap(), [lesson("a-1", 9, "A", "甲")]);
    assert!(parse_lessons(&ok.replace("step = 9", "step = 10")).is_err());
    assert!(parse_lessons(&ok.replace("a-1", "A 1")).is_err());
    assert!(parse_lessons(&format!("{ok}{ok}")).is_err());
    assert!(parse_lessons(&format!("{ok}colour = \"red\"\n")).is_err());
}

#[test]
fn the_real_lessons_toml_parses() {
    let path = crate::util::workspace_root().join("content/lessons.toml");
    let lessons = parse_lessons(&std::fs::read_to_string(path).unwrap()).unwrap();
    let slugs: Vec<_> = lessons.iter().map(|l| l.slug.as_str()).collect();
    assert_eq!(
        slugs[..5],
        [
            "neuron",
            "linear-backprop",
            "backprop-chain",
            "gradient-descent",
            "loss"
        ]
    );
}

#[test]
fn render_all_writes_pages_and_removes_stale_ones() {
    let dir: PathBuf = std::env::temp_dir().join(format!("ninestep-pages-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    let content = dir.join("content");
    let out = dir.join("www/lessons");
    std::fs::create_dir_all(content.join("lessons")).unwrap();
    std::fs::create_dir_all(&out).unwrap();
    std::fs::write(out.join("old.html"), "stale").unwrap();
    let toml =
        "[[lesson]]\nslug = \"alpha\"\nstep = 1\ntitle_en = \"Alpha\"\ntitle_zh = \"甲\"\n\n\
                [[lesson]]\nslug = \"beta\"\nstep = 2\ntitle_en = \"Beta\"\ntitle_zh = \"乙\"\n";
    std::fs::write(content.join("lessons.toml"), toml).unwrap();
    let files = [
        ("alpha.en.md", "A $x^2$.\n\n{{widget neuron}}\n"),
        ("alpha.zh.md", "甲 $x^2$。\n\n{{widget neuron}}\n"),
        ("beta.en.md", "B\n"),
        ("beta.zh.md", "乙\n"),
    ];
    for (name, text) in files {
        std::fs::write(content.join("lessons").join(name), text).unwrap();
    }
    assert_eq!(render_all(&content, &out).unwrap(), 2);
    let alpha = std::fs::read_to_string(out.join("alpha.html")).unwrap();
    assert!(alpha.contains("<math") && alpha.contains("<ninestep-widget name=\"neuron\""));
    assert!(alpha.contains("href=\"beta.html\""));
    assert!(out.join("beta.html").exists() && !out.join("old.html").exists());

    // A missing language file fails the build and names the file.
    std::fs::remove_file(content.join("lessons/beta.zh.md")).unwrap();
    let err = format!("{:#}", render_all(&content, &out).unwrap_err());
    assert!(err.contains("beta.zh.md"), "{err}");
    // Errors name files relative to the content directory's parent.
    std::fs::write(content.join("lessons/beta.zh.md"), "{{widget extra}}\n").unwrap();
    let err = format!("{:#}", render_all(&content, &out).unwrap_err());
    assert!(
        err.contains("content/lessons/beta.en.md vs content/lessons/beta.zh.md"),
        "{err}"
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn raw_html_that_the_policy_blocks_fails_the_build() {
    let md = Markdown::new().unwrap();
    let lessons = [lesson("alpha", 1, "Alpha", "甲")];
    for raw in [
        "<p onclick=\"alert(1)\">x</p>",
        "<script>alert(1)</script>",
        "<span style=\"color:red\">x</span>",
    ] {
        let en = format!("Text.\n\n{raw}\n");
        let err = render_page(
            &md,
            &lessons,
            0,
            &src("a.en.md", &en),
            &src("a.zh.md", "文。\n"),
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.contains("a.en.md") && err.contains("Content-Security-Policy"),
            "{err}"
        );
    }
}

#[test]
fn every_page_carries_the_policy_and_no_inline_code() {
    // The lesson pages, rendered from the real content (render_all checks each page)…
    let root = crate::util::workspace_root();
    let out = std::env::temp_dir().join(format!("ninestep-policy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&out);
    let n = render_all(&root.join("content"), &out).unwrap();
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(pages.len(), n);
    // …and the hand-written pages of www/.
    for entry in std::fs::read_dir(root.join("www")).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            pages.push(path);
        }
    }
    assert!(pages.len() >= n + 3, "index, embed and embed-demo too");
    for page in &pages {
        let html = std::fs::read_to_string(page).unwrap();
        let head = &html[..html.find("</head>").unwrap()];
        assert!(
            head.contains(&policy::meta()),
            "{}: no (or a different) policy <meta>",
            page.display()
        );
        assert_eq!(policy::check(&html), Ok(()), "{}", page.display());
    }
    let _ = std::fs::remove_dir_all(&out);
}
