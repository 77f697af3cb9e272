//! Hostile links and the Content Security Policy. embed.html passes on only the keys a widget
//! takes, so a link with `onfocus=`, `onclick=`, `style=`… sets nothing and runs nothing; and
//! the site's policy would stop an inline handler, script or style even if one slipped through.
//! Also: the digits widget shows what was wrong with its link once its data has loaded.

use ninestep_e2e::Browser;
use serde_json::json;

/// The policy every page carries (as the dev server's header and a `<meta>` copy).
const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
    worker-src 'self' blob:; style-src 'self'; style-src-attr 'unsafe-inline'; \
    img-src 'self' data:; connect-src 'self'; \
    object-src 'none'; base-uri 'none'; form-action 'none'";

/// Fails if a JavaScript dialog (alert, confirm, prompt) is open.
async fn assert_no_dialog(b: &Browser, what: &str) {
    match b.client.get_alert_text().await {
        Err(e) if e.is_no_such_alert() => {}
        Ok(text) => panic!("{what}: a dialog opened: {text:?}"),
        Err(e) => panic!("{what}: cannot ask for dialogs: {e}"),
    }
}

/// The embedded widget's attribute names, `data-*` left out, sorted.
async fn widget_attributes(b: &Browser) -> serde_json::Value {
    b.js(
        "return [...document.querySelector('ninestep-widget').attributes]
            .map(a => a.name).filter(n => !n.startsWith('data-')).sort()",
    )
    .await
}

/// Opens a hostile embed link, waits for the widget, then clicks its title (the pointer moves
/// over the widget on the way) and checks that no dialog opened, that nothing has focus, and
/// that the widget is shown.
async fn open_and_poke(b: &Browser, link: &str) {
    b.goto(link).await;
    b.wait_widgets_ready(link).await;
    assert_no_dialog(b, link).await;
    b.click("ninestep-widget .nw-title").await;
    tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    assert_no_dialog(b, link).await;
    let state = b
        .js("const w = document.querySelector('ninestep-widget');
             return [document.activeElement === w, w.offsetHeight > 100, getComputedStyle(w).display]")
        .await;
    assert_eq!(state, json!([false, true, "block"]), "{link}");
}

#[tokio::test]
async fn hostile_embed_links_run_nothing_and_set_nothing() {
    let b = Browser::start().await;

    // The report's first link: focusable, autofocused, with a focus handler.
    let focus = "embed.html#name=learning-rate&lang=en&tabindex=0&autofocus=&onfocus=alert(3)";
    open_and_poke(&b, focus).await;
    assert_eq!(
        widget_attributes(&b).await,
        json!(["id", "lang", "name", "no-url"]),
        "only what the widget takes"
    );
    let notice = b.texts(".embed-notice").await.join(" ");
    for key in ["tabindex", "autofocus", "onfocus"] {
        assert!(notice.contains(key), "the notice names {key}: {notice}");
    }
    assert!(
        notice.contains("learning-rate") && notice.contains("eta"),
        "{notice}"
    );
    assert!(
        !notice.contains("alert(3)"),
        "values are not repeated: {notice}"
    );
    b.assert_no_console_errors("hostile link (focus)").await;
    b.screenshot("embed-hostile-en").await;

    // Click and hover handlers, one under a name no list of handlers would have, a style
    // that hides the widget, an id, an unknown key, and a real setting that still applies
    // (in Chinese this time).
    let pointer = "embed.html#name=learning-rate&eta=0.6&onclick=alert(1)&onmouseover=alert(2)\
                   &onninestepdemo=alert(4)&style=display:none&id=x&bogus=1&lang=zh";
    open_and_poke(&b, pointer).await;
    assert_eq!(
        widget_attributes(&b).await,
        json!(["eta", "id", "lang", "name", "no-url"])
    );
    let id_eta = b
        .js("const w = document.querySelector('ninestep-widget');
             return [w.id, document.querySelector('input.nw-number[data-key=eta]').value]")
        .await;
    assert_eq!(id_eta, json!(["embed", "0.6"]), "id refused, eta taken");
    let notice = b.texts(".embed-notice").await.join(" ");
    assert!(notice.starts_with("已忽略"), "a Chinese notice: {notice}");
    for key in [
        "onclick",
        "onmouseover",
        "onninestepdemo",
        "style",
        "id",
        "bogus",
    ] {
        assert!(
            notice.contains(&format!("{key}、")) || notice.contains(&format!("{key}。")),
            "the notice names {key}: {notice}"
        );
    }
    b.assert_no_console_errors("hostile link (pointer)").await;
    b.screenshot("embed-hostile-zh").await;

    // Defence in depth: the page carries the policy (header and <meta>), and an inline
    // handler, script or <style> that some future bug let through is blocked and reported.
    let policies = b
        .js(
            "return fetch(location.href).then(r => [r.headers.get('content-security-policy'),
               document.querySelector('meta[http-equiv=Content-Security-Policy]').content])",
        )
        .await;
    assert_eq!(policies, json!([CSP, CSP]));
    b.js("window.e2eViolations = [];
          document.addEventListener('securitypolicyviolation',
            (e) => window.e2eViolations.push(e.effectiveDirective));
          const w = document.querySelector('ninestep-widget');
          w.setAttribute('onclick', 'window.e2eRan = 1');
          const s = document.createElement('script');
          s.textContent = 'window.e2eRan = 2';
          document.body.append(s);
          const css = document.createElement('style');
          css.textContent = 'ninestep-widget .nw-title { display: none; }';
          document.head.append(css);
          return true")
        .await;
    b.click("ninestep-widget .nw-buttons button[data-action=copy]")
        .await;
    b.wait_for(
        "window.e2eViolations.length >= 3",
        "the policy's violation reports",
    )
    .await;
    let after = b
        .js(
            "return [[...new Set(window.e2eViolations)].sort(), window.e2eRan ?? null,
                     document.querySelector('ninestep-widget .nw-title').offsetHeight > 0]",
        )
        .await;
    assert_eq!(
        after,
        json!([
            ["script-src-attr", "script-src-elem", "style-src-elem"],
            null,
            true
        ]),
        "blocked: the handler, the script and the style sheet"
    );
    assert_no_dialog(&b, "after the violations").await;
    // Chromium also logs each violation as a console error, so the console checks of every
    // other page test would catch a page that breaks its own policy.
    let errors = b.console_errors().await.join("\n");
    assert!(errors.contains("Content Security Policy"), "{errors}");
    b.finish().await;
}

#[tokio::test]
async fn the_digits_widget_reports_a_bad_link_once_its_data_has_loaded() {
    let b = Browser::start().await;
    for (hash, says) in [
        ("#lang=en&digits.eta=NaN", "η"),
        ("#garbage", "could not be read"),
    ] {
        b.goto(&format!("lessons/nonlinear-classification.html{hash}"))
            .await;
        b.wait_widgets_ready(hash).await;
        let message = b.texts("#digits .nw-message.nw-error").await;
        assert!(
            message.first().is_some_and(|m| m.contains(says)),
            "{hash}: digits message {message:?}"
        );
        if hash == "#garbage" {
            // The same message as every other widget on the page.
            let arcs = b.texts("#arcs .nw-message.nw-error").await;
            assert_eq!(arcs, message, "{hash}");
        }
    }
    b.assert_no_console_errors("nonlinear-classification (bad links)")
        .await;
    b.finish().await;
}
