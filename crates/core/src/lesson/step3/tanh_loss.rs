//! The four losses of ch6.6 (tanh as a binary classifier), one per attempt: what each
//! attempt computes for the loss of one sample and for ∂J/∂z. Used by
//! [`super::tanh_classifier`], whose docs tell the story.

/// The four attempts of ch6.6.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Attempt {
    /// Cross-entropy unchanged: ∂J/∂z = (a − y)(1 + a)/a.
    Naive,
    /// Cross-entropy on 1 ± a: ∂J/∂z = 2(a − y), negative loss.
    Ce,
    /// Cross-entropy on (1 ± a)/2 with labels 0/1: shifted border.
    Half,
    /// Cross-entropy on (1 ± a)/2 with labels −1/1: right.
    Pm1,
}

impl Attempt {
    /// The setting's value.
    pub fn key(self) -> &'static str {
        match self {
            Attempt::Naive => "naive",
            Attempt::Ce => "ce",
            Attempt::Half => "half",
            Attempt::Pm1 => "pm1",
        }
    }

    /// The attempt named by the setting's value (the last one for anything else).
    pub fn parse(s: &str) -> Attempt {
        match s {
            "naive" => Attempt::Naive,
            "ce" => Attempt::Ce,
            "half" => Attempt::Half,
            _ => Attempt::Pm1,
        }
    }

    /// The label of a class-0 point: −1 only in the last attempt.
    pub fn negative_label(self) -> f64 {
        if self == Attempt::Pm1 {
            -1.0
        } else {
            0.0
        }
    }

    /// ∂J/∂z for output a and label y.
    pub fn dz(self, a: f64, y: f64) -> f64 {
        match self {
            Attempt::Naive => (a - y) * (1.0 + a) / a,
            _ => 2.0 * (a - y),
        }
    }

    /// The loss of one sample.
    pub fn loss(self, a: f64, y: f64) -> f64 {
        match self {
            Attempt::Naive => -(y * a.ln() + (1.0 - y) * (1.0 - a).ln()),
            Attempt::Ce => -((1.0 + y) * (1.0 + a).ln() + (1.0 - y) * (1.0 - a).ln()),
            Attempt::Half | Attempt::Pm1 => {
                -((1.0 + y) * ((1.0 + a) / 2.0).ln() + (1.0 - y) * ((1.0 - a) / 2.0).ln())
            }
        }
    }
}
