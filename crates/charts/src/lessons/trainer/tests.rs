//! Tests of the playground chart: layout helpers and hover read-outs.

use super::readout::num;
use super::*;
use ninestep_core::Lang;

#[test]
fn bounds_pad_the_points_and_survive_degenerate_input() {
    let (x, y) = bounds(&[(0.0, 0.0, 0), (10.0, 1.0, 1)]);
    assert!((x.0 + 0.6).abs() < 1e-9 && (x.1 - 10.6).abs() < 1e-9);
    assert!((y.0 + 0.06).abs() < 1e-9);
    assert_eq!(bounds(&[]), ((-1.0, 1.0), (-1.0, 1.0)));
}

#[test]
fn the_grid_runs_row_by_row_from_the_top() {
    // 2×2 cells over [0, 2]²: centres at 0.5 and 1.5; the first row is the top (x₂ = 1.5).
    assert_eq!(
        grid((0.0, 2.0), (0.0, 2.0), 2, 2),
        vec![(0.5, 1.5), (1.5, 1.5), (0.5, 0.5), (1.5, 0.5)]
    );
    assert_eq!(shown(8), 8);
    assert_eq!(shown(32), MAX_SHOWN - 1);
    assert_eq!(diverging(0.0), WHITE);
    assert_eq!(diverging(f64::NAN), WHITE);
}

fn drawn(pairs: &[(&str, &str)], steps: usize) -> (ninestep_core::AnyWidget, Chart) {
    let mut p = ninestep_core::Params::default();
    for (k, v) in pairs {
        p.set(k, *v);
    }
    let w = ninestep_core::AnyWidget::replay("trainer", &p, steps).unwrap();
    let mut out = String::new();
    let root = SVGBackend::with_string(&mut out, (900, 560)).into_drawing_area();
    let chart = crate::draw_with(
        &w,
        &root,
        Lang::En,
        1.0,
        &mut crate::raster::Rects::new(&root),
    )
    .unwrap();
    drop(root);
    (w, chart)
}

#[test]
fn hover_reads_out_the_map_neurons_weights_and_losses() {
    let (w, chart) = drawn(&[("loss", "cross-entropy"), ("layers", "4,2")], 2);
    let ninestep_core::AnyWidget::Trainer(pg) = &w else {
        panic!("not the playground")
    };
    let h = chart.hover.unwrap();
    let f = chart.frame.unwrap();
    // The click frame is the region map under names no setting has.
    assert_eq!((f.x_key, f.y_key), MAP_KEYS);
    let text = |px: f64, py: f64, lang| crate::hover(&w, &h, px, py, lang);
    let mid = (
        (f.px.0 + f.px.1) as f64 / 2.0,
        (f.py.0 + f.py.1) as f64 / 2.0,
    );
    let map = text(mid.0, mid.1, Lang::En).unwrap();
    assert!(
        map.starts_with("x₁ = ") && map.contains("→ P(class 1) = "),
        "{map}"
    );
    // The probability printed is the network's output at the data point under the pixel.
    let at = f.value_at(mid.0, mid.1).unwrap();
    let p = pg.scores(&[at])[0];
    assert!(map.ends_with(&num(p, 3)), "{map} vs {p}");
    assert!(text(mid.0, mid.1, Lang::Zh)
        .unwrap()
        .contains("类别 1 的概率"));

    let mut kinds = [false; 3];
    for z in &h.zones {
        match z {
            Zone::Neuron {
                frame,
                layer: 1,
                unit: 2,
                ..
            } => {
                let c = (
                    (frame.px.0 + frame.px.1) as f64 / 2.0,
                    (frame.py.0 + frame.py.1) as f64 / 2.0,
                );
                let t = text(c.0, c.1, Lang::En).unwrap();
                // Bias of neuron 3 of layer 1, as the network holds it.
                let b = num(pg.bias(1, 2).unwrap(), 4);
                assert!(
                    t.starts_with(&format!("layer 1, neuron 3: bias b = {b}; output ")),
                    "{t}"
                );
                assert!(text(c.0, c.1, Lang::Zh)
                    .unwrap()
                    .starts_with("第 1 层第 3 个神经元"));
                kinds[0] = true;
            }
            Zone::Edge {
                a,
                b,
                layer: 1,
                from: 1,
                to: 2,
            } => {
                // Near the source, where the lines leaving x₂ have fanned out but cross no
                // other line yet; exactly on the segment.
                let c = (a.0 + 0.15 * (b.0 - a.0), a.1 + 0.15 * (b.1 - a.1));
                let t = text(c.0, c.1, Lang::En).unwrap();
                let v = num(pg.weight(1, 1, 2).unwrap(), 4);
                assert_eq!(t, format!("weight w = {v} (layer 1, x₂ → neuron 3)"));
                kinds[1] = true;
            }
            Zone::Epochs(f) => {
                // Epoch 20 (two steps of ten) is at the right edge of the loss plot.
                let t = text(
                    f.px.1 as f64 - 1.0,
                    (f.py.0 + f.py.1) as f64 / 2.0,
                    Lang::En,
                )
                .unwrap();
                let last = pg.curve()[20];
                assert_eq!(
                    t,
                    format!(
                        "epoch 20: train {}, test {}",
                        num(last.train_loss as f64, 4),
                        num(last.test_loss as f64, 4)
                    )
                );
                assert!(text(f.px.0 as f64 + 1.0, f.py.1 as f64 - 1.0, Lang::Zh)
                    .unwrap()
                    .starts_with("第 0 轮：训练 "));
                kinds[2] = true;
            }
            _ => {}
        }
    }
    assert_eq!(
        kinds, [true; 3],
        "a neuron, an edge and the loss plot were found"
    );
    assert_eq!(text(-5.0, -5.0, Lang::En), None);
}

#[test]
fn a_wide_layer_shows_its_first_units_and_three_classes_read_three_values() {
    let (w, chart) = drawn(&[("dataset", "ch11-coin")], 0);
    let h = chart.hover.unwrap();
    let f = chart.frame.unwrap();
    let t = crate::hover(&w, &h, f.px.0 as f64 + 2.0, f.py.0 as f64 + 2.0, Lang::En).unwrap();
    // Three tanh outputs, comma-separated, then the winning class.
    assert_eq!(t.matches(", ").count(), 3, "{t}");
    assert!(t.contains("tanh outputs") && t.contains(": class "), "{t}");
    // The default network is 2-4-2-3 here: 2 + 4 + 2 + 3 thumbnails.
    let neurons = h
        .zones
        .iter()
        .filter(|z| matches!(z, Zone::Neuron { .. }))
        .count();
    assert_eq!(neurons, 11);
}
