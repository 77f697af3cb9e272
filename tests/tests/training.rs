//! The lessons of steps 2–5 train in the page: a few steps on every widget, no NaN, no
//! console error, charts still drawn.

use ninestep_e2e::{lessons, Browser};

/// Steps 2–5 train: every steppable widget on their pages takes a few steps with no
/// console error, then either shows its progress (`data-steps`) or a bilingual message
/// (the raw house-price run is meant to diverge), and its chart is still drawn.
#[tokio::test]
async fn lessons_of_steps_2_to_5_train_for_a_few_steps() {
    let b = Browser::start().await;
    for (slug, step) in lessons() {
        if !(2..=5).contains(&step) {
            continue;
        }
        let slug = slug.as_str();
        b.goto(&format!("lessons/{slug}.html#lang=en")).await;
        b.wait_widgets_ready(slug).await;
        for _ in 0..3 {
            b.js("document.querySelectorAll('ninestep-widget button[data-action=step]').forEach(s => { if (!s.disabled) s.click(); }); return true;")
                .await;
        }
        b.wait_for(
            "[...document.querySelectorAll('ninestep-widget')].filter(w => w.querySelector('button[data-action=step]'))
               .every(w => Number(w.dataset.steps || 0) > 0 || w.querySelector('.nw-message').textContent.length > 10)",
            &format!("{slug}: every widget stepped or explained why not"),
        )
        .await;
        let report = b
            .js("return [...document.querySelectorAll('ninestep-widget')].filter(w => w.querySelector('button[data-action=step]')).map(w => [w.id, w.dataset.steps || '0', w.querySelector('.nw-message').textContent])")
            .await;
        let mut stepped = 0;
        for entry in report.as_array().into_iter().flatten() {
            let (id, steps, error) = (
                &entry[0],
                entry[1].as_str().unwrap_or("0"),
                entry[2].as_str().unwrap_or(""),
            );
            assert!(
                !error.contains("NaN"),
                "{slug}/{id}: NaN in a message: {error}"
            );
            if steps != "0" {
                stepped += 1;
            } else {
                assert!(
                    error.len() > 10,
                    "{slug}/{id}: neither stepped nor explained"
                );
            }
        }
        let steppable = report.as_array().map_or(0, Vec::len);
        assert!(steppable == 0 || stepped > 0, "{slug}: no widget trained");
        let cells = b.texts("ninestep-widget td").await;
        assert!(
            cells
                .iter()
                .all(|c| !c.contains("NaN") && !c.contains("inf")),
            "{slug}: NaN or inf in a table"
        );
        let blank = b
            .js("return [...document.querySelectorAll('ninestep-widget canvas')].filter(c => {
                   const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
                   let ink = 0;
                   for (let i = 0; i < d.length; i += 4) if (d[i] < 245 || d[i + 1] < 245 || d[i + 2] < 245) ink++;
                   return ink * 100 < c.width * c.height;
                 }).map(c => c.closest('ninestep-widget').id)")
            .await;
        assert_eq!(
            blank,
            serde_json::json!([]),
            "{slug}: blank charts after training"
        );
        b.assert_no_console_errors(slug).await;
        b.screenshot(&format!("lesson-{slug}-trained-en")).await;
    }
    b.finish().await;
}
