//! One table of samples and splits: how many points each data set has and how the lessons
//! cut it. The generators ([`super::book`]), the playground ([`crate::experiment`]), the
//! digit widgets ([`crate::lesson::digit_run`]) and the lessons' validation splits read
//! their counts here, so a number the book gives is written once.
//!
//! | set | train | test | book |
//! |---|---|---|---|
//! | ch04 | 100 | — | ch4 |
//! | ch05 | 1000 | — | ch5 house prices |
//! | ch06, ch07 | 200 (ch7: drawn; those fitting no class are dropped) | — | ch6, ch7 |
//! | ch08 (sine) | 500 | 100 | ch9 |
//! | ch09 (cobra) | 1000 | 200 | ch9, ch14.1, ch15.3 |
//! | ch10 (arcs) | 2 × 200 | 2 × 50 | ch10, ch14.3 |
//! | ch11 (coin) | 1000 | 500 | ch11, ch14.5 |
//! | playground sets | 500 in all, `train` % of them for training | | TF Playground |
//! | shipped digits | 8,000 | 2,000 | ch12 (the book: 55,000 + 5,000 + 10,000) |
//! | ch18 colour | 5000 | 1000 | ch18.1 (six colours) |
//! | ch18 shape | 5 × 1000 | 5 × 200 | ch18.2 (five figures) |
//! | ch18 shape + colour | 9 × 600 | 9 × 100 | ch18.3 |
//!
//! Validation: the book's `GenerateValidationSet(k = 10)` holds out a tenth of the training
//! set ([`VALIDATION_K`], [`VALIDATION_SHARE`]).

/// Training and test samples of a generated set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Sizes {
    /// Training samples.
    pub train: usize,
    /// Test samples (0: the set has no test part).
    pub test: usize,
}

impl Sizes {
    /// `train` training and `test` test samples.
    pub const fn new(train: usize, test: usize) -> Sizes {
        Sizes { train, test }
    }
}

/// Ch4's 100 samples.
pub const CH04: Sizes = Sizes::new(100, 0);
/// Ch5's 1000 houses.
pub const CH05: Sizes = Sizes::new(1000, 0);
/// Ch6's 200 points; ch7 draws 200 and keeps those that fit a class.
pub const CH06_CH07: Sizes = Sizes::new(200, 0);
/// Ch9's sine data (`ch08.train/test`).
pub const CH08: Sizes = Sizes::new(500, 100);
/// Ch9's cobra data (`ch09.train/test`).
pub const CH09: Sizes = Sizes::new(1000, 200);
/// Ch10's arcs, per class (two classes).
pub const CH10_PER_CLASS: Sizes = Sizes::new(200, 50);
/// Ch11's copper coin.
pub const CH11: Sizes = Sizes::new(1000, 500);
/// The digits the site ships (`data/mnist-10k.bin`): the first 8,000 train, the last 2,000
/// are held out.
pub const DIGITS: Sizes = Sizes::new(8_000, 2_000);
/// Ch18.1's colour images (six classes, so not all of equal count).
pub const COLOUR: Sizes = Sizes::new(5000, 1000);
/// Ch18.2's shape images, per class (five classes).
pub const SHAPE_PER_CLASS: Sizes = Sizes::new(1000, 200);
/// Ch18.3's shape-and-colour images, per class (nine classes).
pub const SHAPE_COLOUR_PER_CLASS: Sizes = Sizes::new(600, 100);
/// Points in each TF-Playground-style set (split by the `train` percentage).
pub const PLAYGROUND_POINTS: usize = 500;

/// The book's `GenerateValidationSet(k)`: one k-th of the training set validates.
pub const VALIDATION_K: usize = 10;
/// The same as a share of the training set.
pub const VALIDATION_SHARE: f32 = 1.0 / VALIDATION_K as f32;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dataset::book;

    #[test]
    fn the_generators_make_the_tables_counts() {
        let counts = |(a, b): (crate::dataset::Dataset, crate::dataset::Dataset)| (a.n, b.n);
        assert_eq!(counts(book::ch08(1)), (CH08.train, CH08.test));
        assert_eq!(counts(book::ch09(1)), (CH09.train, CH09.test));
        assert_eq!(counts(book::ch11(1)), (CH11.train, CH11.test));
        let per = CH10_PER_CLASS;
        assert_eq!(counts(book::ch10(1)), (2 * per.train, 2 * per.test));
        assert_eq!(book::ch04(1).n, CH04.train);
        assert_eq!(book::ch05(1).n, CH05.train);
        assert_eq!(book::ch06(1).n, CH06_CH07.train);
        // Ch7 draws 200 and drops the points that fit no class.
        assert!((100..CH06_CH07.train).contains(&book::ch07(1).n));
        assert_eq!(VALIDATION_SHARE, 0.1);
        // Ch18: 5000/1000, 5000/1000, 5400/900 images.
        use crate::dataset::shapes::Task;
        let sizes: Vec<_> = Task::ALL.iter().map(|t| t.sizes()).collect();
        assert_eq!(
            sizes,
            [
                Sizes::new(5000, 1000),
                Sizes::new(5000, 1000),
                Sizes::new(5400, 900)
            ]
        );
        let (train, test) = crate::dataset::shapes::generate(Task::Shape, 1);
        assert_eq!((train.len(), test.len()), (5000, 1000));
    }
}
