use super::*;
use std::f64::consts::PI;

fn ink(mask: &[f32]) -> f64 {
    mask.iter().filter(|&&v| v > 0.0).count() as f64
}

/// The first `n` training images of `task` drawn from `seed`, each with its label.
fn first_images(task: Task, seed: u64, n: usize) -> Vec<(Vec<f32>, usize)> {
    let (train, _) = generate(task, seed);
    (0..n)
        .map(|i| (train.image(i).to_vec(), train.labels[i]))
        .collect()
}

/// (columns, rows) of the smallest box holding every ink pixel.
fn bbox(mask: &[f32]) -> (usize, usize) {
    let lit: Vec<(usize, usize)> = (0..PIXELS)
        .filter(|&i| mask[i] > 0.0)
        .map(|i| (i % SIDE, i / SIDE))
        .collect();
    let span = |f: fn(&(usize, usize)) -> usize| {
        let lo = lit.iter().map(f).min().unwrap_or(0);
        let hi = lit.iter().map(f).max().unwrap_or(0);
        hi + 1 - lo
    };
    (span(|p| p.0), span(|p| p.1))
}

fn close(got: f64, want: f64, share: f64) -> bool {
    (got - want).abs() <= share * want
}

#[test]
fn each_figure_covers_the_area_its_formula_gives() {
    let (p0, p1) = ((2.0, 3.0), (24.0, 25.0));
    // Ellipse with half-axes 11 × 11: πab = 380.1.
    let circle = ink(&rasterise(Figure::Circle, p0, p1, 0.0));
    assert!(close(circle, PI * 11.0 * 11.0, 0.02), "circle {circle}");
    let ellipse = ink(&rasterise(Figure::Circle, (2.0, 8.0), (24.0, 18.0), 0.0));
    assert!(close(ellipse, PI * 11.0 * 5.0, 0.03), "ellipse {ellipse}");
    // The box 22 × 22 exactly: the pixel centres 2.5 … 23.5 lie inside.
    assert_eq!(ink(&rasterise(Figure::Rectangle, p0, p1, 0.0)), 22.0 * 22.0);
    // Rhombus: 2ab = 242; triangle: base 22, height 22 → 242.
    let diamond = ink(&rasterise(Figure::Diamond, p0, p1, 0.0));
    assert!(close(diamond, 2.0 * 11.0 * 11.0, 0.1), "diamond {diamond}");
    // By hand: centres (13 ± (k + ½), 14 ± (m + ½)) with (k + ½ + m + ½)/11 ≤ 1, i.e.
    // k + m ≤ 10: 66 per quadrant (the edge's centres count), 264 in all.
    assert_eq!(diamond, 264.0);
    let tri = ink(&rasterise(Figure::Triangle, p0, p1, 20.0));
    assert!(close(tri, 22.0 * 22.0 / 2.0, 0.06), "triangle {tri}");
    // A triangle is never a box: the apex row has few pixels, the base row many.
    let t = rasterise(Figure::Triangle, p0, p1, 20.0);
    let row = |r: usize| ink(&t[r * SIDE..(r + 1) * SIDE]);
    assert!(row(3) <= 2.0 && row(24) >= 20.0, "{} {}", row(3), row(24));
}

#[test]
fn a_line_is_two_pixels_wide() {
    // Horizontal: every column between the ends holds exactly rows 9 and 10.
    let h = rasterise(Figure::Line, (3.0, 10.0), (20.0, 10.0), 0.0);
    for c in 4..19 {
        let rows: Vec<usize> = (0..SIDE).filter(|&r| h[r * SIDE + c] > 0.0).collect();
        assert_eq!(rows, [9, 10], "column {c}");
    }
    // Diagonal, mirrored: about 2 × length plus the round caps (π · 1²).
    let d = rasterise(Figure::Line, (2.0, 2.0), (22.0, 22.0), 1.0);
    let len = (20.0f64 * 20.0 * 2.0).sqrt();
    assert!(close(ink(&d), 2.0 * len + PI, 0.1), "diagonal {}", ink(&d));
    // Mirrored: the top right corner is inked, the top left is not.
    assert!(d[2 * SIDE + 21] > 0.0 && d[2 * SIDE + 2] == 0.0);
}

#[test]
fn every_class_is_present_in_equal_numbers() {
    for task in Task::ALL {
        let (train, test) = generate(task, 7);
        let s = task.sizes();
        assert_eq!((train.len(), test.len()), (s.train, s.test));
        for set in [&train, &test] {
            let k = task.classes();
            let mut counts = vec![0; k];
            for (i, &c) in set.labels.iter().enumerate() {
                counts[c] += 1;
                assert_eq!(set.data.y.row(i)[c], 1.0);
                assert_eq!(set.data.y.row(i).iter().sum::<f32>(), 1.0);
            }
            let (lo, hi) = (set.len() / k, set.len().div_ceil(k));
            assert!(counts.iter().all(|n| (lo..=hi).contains(n)), "{counts:?}");
            // Shuffled: the first ten are not class 0, 1, 2, … in order.
            assert_ne!(set.labels[..k], (0..k).collect::<Vec<_>>()[..]);
        }
    }
    // 1000/200 per figure and 600/100 per (figure, colour), as the book.
    let (train, test) = generate(Task::Shape, 3);
    assert!((0..5).all(|c| train.labels.iter().filter(|&&l| l == c).count() == 1000));
    assert!((0..5).all(|c| test.labels.iter().filter(|&&l| l == c).count() == 200));
    let (train, _) = generate(Task::ShapeColour, 3);
    assert!((0..9).all(|c| train.labels.iter().filter(|&&l| l == c).count() == 600));
}

#[test]
fn labels_match_the_colour_in_the_channels() {
    for task in [Task::Colour, Task::ShapeColour] {
        for (i, (img, c)) in first_images(task, 11, 300).into_iter().enumerate() {
            let rgb = COLOURS[if task == Task::Colour { c } else { c % 3 }].0;
            let mut inked = 0;
            for p in 0..PIXELS {
                let px = [img[p], img[PIXELS + p], img[2 * PIXELS + p]];
                if px != [0.0; 3] {
                    assert_eq!(px, rgb, "{task:?} image {i}");
                    inked += 1;
                }
            }
            assert!(inked > 0, "image {i} is black");
        }
    }
}

#[test]
fn labels_match_the_figure_drawn() {
    // A rectangle fills its ink's bounding box; a circle, triangle, diamond or thick line
    // leaves corners of it dark (unless it is a sliver one pixel wide).
    for task in [Task::Shape, Task::ShapeColour] {
        for (i, (img, label)) in first_images(task, 5, 400).into_iter().enumerate() {
            let planes = img.len() / PIXELS;
            let mask: Vec<f32> = (0..PIXELS)
                .map(|p| (0..planes).map(|c| img[c * PIXELS + p]).sum())
                .collect();
            let mask = &mask[..];
            let (w, h) = bbox(mask);
            let figure = if task == Task::Shape {
                FIGURES[label]
            } else {
                FIGURES[label / 3]
            };
            let full = ink(mask) == (w * h) as f64;
            if figure == Figure::Rectangle {
                assert!(full, "{task:?} image {i}");
            } else if w > 2 && h > 2 {
                assert!(!full, "{task:?} image {i} ({figure:?}) fills its box");
            }
        }
    }
}

#[test]
fn the_same_seed_draws_the_same_images() {
    let (a, _) = generate(Task::ShapeColour, 42);
    let (b, _) = generate(Task::ShapeColour, 42);
    let (c, _) = generate(Task::ShapeColour, 43);
    assert_eq!(a.data, b.data);
    assert_eq!(a.labels, b.labels);
    assert_ne!(a.data.x, c.data.x);
    // Training and test images are different draws.
    let (train, test) = generate(Task::Shape, 42);
    assert_ne!(train.image(0), test.image(0));
}

#[test]
fn greyscale_uses_the_books_weights() {
    let (train, _) = generate(Task::Colour, 2);
    let grey = train.greyscale();
    assert_eq!((grey.x.cols, grey.y.cols), (PIXELS, 6));
    // Red 0.299, green 0.587, blue 0.114, yellow 0.886, cyan 0.701, magenta 0.413.
    let want = [0.299, 0.587, 0.114, 0.886, 0.701, 0.413];
    for i in 0..60 {
        let levels: Vec<f32> = grey.x.row(i).iter().copied().filter(|&v| v > 0.0).collect();
        let w = want[train.labels[i]];
        assert!(levels.iter().all(|v| (v - w).abs() < 1e-6), "image {i}");
    }
    let (shape, _) = generate(Task::Shape, 2);
    assert_eq!(shape.greyscale(), shape.data);
}

#[test]
fn names_round_trip() {
    for t in Task::ALL {
        assert_eq!(Task::from_name(t.name()), Some(t));
    }
    assert_eq!(Task::from_name("texture"), None);
    assert_eq!(Task::ShapeColour.class_name(5).0, "blue rectangle");
    assert_eq!(Task::ShapeColour.class_name(6).1, "红三角形");
    assert_eq!(Task::Shape.class_name(4).0, "line");
}
