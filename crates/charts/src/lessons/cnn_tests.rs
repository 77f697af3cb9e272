use ninestep_core::Lang;

#[test]
fn the_four_panels_draw_in_both_languages_and_on_a_phone() {
    let Some(mut w) = crate::lessons::with_digits("cnn-trainer", 480) else {
        return;
    };
    w.step().unwrap();
    for (lang, word) in [(Lang::En, "Confusion matrix"), (Lang::Zh, "混淆矩阵")] {
        for (wd, ht) in [(960, 720), (390, 780)] {
            let svg = crate::svg(&w, wd, ht, lang).unwrap();
            assert!(svg.contains(word), "{wd}×{ht}");
            // 100 cells of the confusion matrix, filled and outlined.
            assert!(svg.matches("<rect").count() >= 200, "{wd}×{ht}");
            assert!(svg.contains("16×4×4") && svg.contains("3216"));
        }
    }
}
