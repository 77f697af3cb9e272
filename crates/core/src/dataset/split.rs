//! Seeded shuffles and train / validation / test splits (the book's `Shuffle` and
//! `GenerateValidationSet`).

use super::Dataset;
use crate::rng::Rng;

/// `0..n` in a seeded random order.
pub fn shuffled_indices(n: usize, seed: u64) -> Vec<usize> {
    let mut idx: Vec<usize> = (0..n).collect();
    Rng::new(seed).shuffle(&mut idx);
    idx
}

/// The whole set in a seeded random order (inputs and targets stay paired).
pub fn shuffle(data: &Dataset, seed: u64) -> Dataset {
    data.subset(&shuffled_indices(data.n, seed))
}

fn named(mut d: Dataset, base: &str, part: &str) -> Dataset {
    d.name = format!("{base}.{part}");
    d
}

/// Shuffles `data` with `seed` and cuts it into `(train, validation, test)`:
/// round(n·test_ratio) test samples, round(n·validation_ratio) validation samples, the
/// rest for training. Ratios are clamped to [0, 1] (NaN counts as 0); if they add up to
/// more than 1 the validation set gives way first, then the test set is all there is.
/// Parts are named `<name>.train`, `.validation`, `.test`.
pub fn split(
    data: &Dataset,
    test_ratio: f64,
    validation_ratio: f64,
    seed: u64,
) -> (Dataset, Dataset, Dataset) {
    let count = |r: f64| {
        let r = if r.is_nan() { 0.0 } else { r.clamp(0.0, 1.0) };
        ((data.n as f64 * r).round() as usize).min(data.n)
    };
    let n_test = count(test_ratio);
    let n_val = count(validation_ratio).min(data.n - n_test);
    let idx = shuffled_indices(data.n, seed);
    let (test, rest) = idx.split_at(n_test);
    let (val, train) = rest.split_at(n_val);
    (
        named(data.subset(train), &data.name, "train"),
        named(data.subset(val), &data.name, "validation"),
        named(data.subset(test), &data.name, "test"),
    )
}

/// The book's `GenerateValidationSet(k)`: shuffles the training set with `seed`, takes the
/// first n/k samples (whole-number division) as the validation set and keeps the rest
/// for training. Returns `(train, validation)`; k = 0 is read as "no validation set".
/// The book uses k = 10 (k = 12 for MNIST, holding out 5000 of 60000).
pub fn generate_validation_set(train: &Dataset, k: usize, seed: u64) -> (Dataset, Dataset) {
    let n_val = train.n.checked_div(k).unwrap_or(0);
    let idx = shuffled_indices(train.n, seed);
    let (val, rest) = idx.split_at(n_val);
    (
        named(train.subset(rest), &train.name, "train"),
        named(train.subset(val), &train.name, "validation"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::book;

    fn ids(d: &Dataset) -> Vec<u32> {
        // ch06's x1 values are all distinct, so they identify the samples.
        d.column(0).iter().map(|v| v.to_bits()).collect()
    }

    #[test]
    fn split_is_a_seeded_partition() {
        let d = book::ch06(1);
        let (tr, va, te) = split(&d, 0.2, 0.1, 5);
        assert_eq!((tr.n, va.n, te.n), (140, 20, 40));
        assert_eq!(
            (tr.name.as_str(), va.name.as_str(), te.name.as_str()),
            ("ch06.train", "ch06.validation", "ch06.test")
        );
        let mut all: Vec<u32> = [ids(&tr), ids(&va), ids(&te)].concat();
        let mut orig = ids(&d);
        all.sort_unstable();
        orig.sort_unstable();
        assert_eq!(all, orig);
        // Pairs stay together: every label still follows the ch06 rule.
        for i in 0..tr.n {
            let (x1, x2) = (tr.row(i)[0] as f64, tr.row(i)[1] as f64);
            assert_eq!(tr.label_class(i), (x2 > 2.0 * x1 - 0.5) as usize);
        }
        assert_eq!(split(&d, 0.2, 0.1, 5), (tr.clone(), va, te));
        assert_ne!(split(&d, 0.2, 0.1, 6).0, tr);
    }

    #[test]
    fn split_clamps_odd_ratios() {
        let d = book::ch06(1);
        let (tr, va, te) = split(&d, 0.7, 0.6, 1);
        assert_eq!((tr.n, va.n, te.n), (0, 60, 140));
        let (tr, va, te) = split(&d, f64::NAN, -3.0, 1);
        assert_eq!((tr.n, va.n, te.n), (200, 0, 0));
        let (tr, _, te) = split(&d, 5.0, 0.0, 1);
        assert_eq!((tr.n, te.n), (0, 200));
    }

    #[test]
    fn validation_set_is_the_first_kth_of_the_shuffle() {
        let (train, _) = book::ch11(2);
        let (rest, val) = generate_validation_set(&train, 10, 3);
        assert_eq!((rest.n, val.n), (900, 100));
        let order = shuffle(&train, 3);
        assert_eq!(val.x, order.x[..200]);
        assert_eq!(rest.y, order.y[300..]);
        let (rest, val) = generate_validation_set(&train, 0, 3);
        assert_eq!((rest.n, val.n), (1000, 0));
        let (rest, val) = generate_validation_set(&train, 3, 3);
        assert_eq!((rest.n, val.n), (667, 333));
    }
}
