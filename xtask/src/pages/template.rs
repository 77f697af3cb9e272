//! The HTML page around a lesson.

use super::Lesson;

/// Step names (English, Chinese) for steps 1 to 9.
const STEPS: [(&str, &str); 9] = [
    ("Basics", "基本概念"),
    ("Linear regression", "线性回归"),
    ("Linear classification", "线性分类"),
    ("Nonlinear regression", "非线性回归"),
    ("Nonlinear classification", "非线性分类"),
    ("Inference & deployment", "模型的推理与部署"),
    ("Deep networks", "深度神经网络"),
    ("Convolutional networks", "卷积神经网络"),
    ("Recurrent networks", "循环神经网络"),
];

/// Chinese numerals for steps 1 to 9.
const ZH_NUMBERS: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];

/// The number of steps in the course.
pub const STEP_COUNT: u8 = STEPS.len() as u8;

/// Escapes text for element content and (double- or single-quoted) attribute values.
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The breadcrumb, e.g. `Step 1 · Basics` / `第一步 · 基本概念`. `step` must be 1..=9.
fn crumb(step: u8) -> String {
    let i = usize::from(step.clamp(1, STEP_COUNT) - 1);
    let (en, zh) = STEPS[i];
    format!(
        "<span lang=\"en\">Step {step} · {}</span><span lang=\"zh\">第{}步 · {}</span>",
        escape(en),
        ZH_NUMBERS[i],
        escape(zh)
    )
}

/// Both titles as `<span lang>` pairs.
fn titles(lesson: &Lesson) -> String {
    format!(
        "<span lang=\"en\">{}</span><span lang=\"zh\">{}</span>",
        escape(&lesson.title_en),
        escape(&lesson.title_zh)
    )
}

fn pager(prev: Option<&Lesson>, next: Option<&Lesson>) -> String {
    let mut out = String::from("<nav class=\"pager\">");
    if let Some(p) = prev {
        out.push_str(&format!(
            "<a class=\"prev\" rel=\"prev\" href=\"{}.html\">← {}</a>",
            escape(&p.slug),
            titles(p)
        ));
    }
    if let Some(n) = next {
        out.push_str(&format!(
            "<a class=\"next\" rel=\"next\" href=\"{}.html\">{} →</a>",
            escape(&n.slug),
            titles(n)
        ));
    }
    out.push_str("</nav>");
    out
}

/// The whole page; `body` is the interleaved prose and widget blocks.
pub fn page(lesson: &Lesson, prev: Option<&Lesson>, next: Option<&Lesson>, body: &str) -> String {
    format!(
        r#"<!doctype html>
<html lang="en" data-lang="en">
<head><meta charset="utf-8">
{meta}<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} · ninestep</title>
<link rel="icon" href="../favicon.svg" type="image/svg+xml">
<link rel="stylesheet" href="../style.css">
<link rel="stylesheet" href="../widget.css">
<script type="module" src="../site.js"></script>
<script type="module" src="../ninestep.js"></script></head>
<body>
<header class="site-header"><a class="brand" href="../index.html">ninestep</a>
  <span class="crumb">{crumb}</span>
  <button type="button" class="lang-switch" aria-label="Switch language / 切换语言">中文</button></header>
<main class="lesson"><h1>{titles}</h1>
{body}</main>
{pager}
</body></html>
"#,
        title = escape(&lesson.title_en),
        crumb = crumb(lesson.step),
        titles = titles(lesson),
        pager = pager(prev, next),
        meta = super::policy::meta(),
    )
}
