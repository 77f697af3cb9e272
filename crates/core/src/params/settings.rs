//! All the settings of a widget read at once, typed, in the order of its specs:
//! `let (eta, seed): (f64, u64) = params.read(&specs())?` checks every value against
//! its [`ParamSpec`] (range, choices, whole numbers) and `Params::write(&specs(), (eta,
//! seed))` writes them back for the URL. The one gate of `from_params`.

use super::{format_layers, format_value, ParamSpec, Params};
use crate::error::{Error, ErrorKind, Result};

/// A value one setting holds: read from [`Params`] as its spec says, written back as
/// URL text.
pub trait Setting: Sized {
    /// Reads `spec.key` from `params` (a missing key gives the spec's default).
    fn read(params: &Params, spec: &ParamSpec) -> Result<Self>;
    /// The value as the URL holds it.
    fn write(&self) -> String;
}

/// A number inside the spec's range ([`Params::number`]).
impl Setting for f64 {
    fn read(params: &Params, spec: &ParamSpec) -> Result<f64> {
        params.number(spec)
    }
    fn write(&self) -> String {
        format_value(*self)
    }
}

/// A whole number inside the spec's range (a seed): see [`whole`].
impl Setting for u64 {
    fn read(params: &Params, spec: &ParamSpec) -> Result<u64> {
        whole(params, spec)
    }
    fn write(&self) -> String {
        self.to_string()
    }
}

/// A whole number inside the spec's range (a count): see [`whole`].
impl Setting for usize {
    fn read(params: &Params, spec: &ParamSpec) -> Result<usize> {
        Ok(whole(params, spec)? as usize)
    }
    fn write(&self) -> String {
        self.to_string()
    }
}

/// One of the spec's choices, or the text typed ([`Params::choice`]).
impl Setting for String {
    fn read(params: &Params, spec: &ParamSpec) -> Result<String> {
        params.choice(spec)
    }
    fn write(&self) -> String {
        self.clone()
    }
}

/// Hidden-layer sizes ([`Params::layers`]).
impl Setting for Vec<usize> {
    fn read(params: &Params, spec: &ParamSpec) -> Result<Vec<usize>> {
        params.layers(spec)
    }
    fn write(&self) -> String {
        format_layers(self)
    }
}

/// Reads a setting that must be a whole number (a seed, a count of units).
pub fn whole(params: &Params, spec: &ParamSpec) -> Result<u64> {
    let v = params.number(spec)?;
    if v.fract() != 0.0 || v < 0.0 {
        return Err(Error::new(
            ErrorKind::BadValue,
            format!(
                "“{}” must be a whole number, not {}.",
                spec.label.en,
                format_value(v)
            ),
            format!(
                "“{}”必须是整数，而不是 {}。",
                spec.label.zh,
                format_value(v)
            ),
        ));
    }
    Ok(v as u64)
}

/// `N` settings as a tuple, one [`Setting`] per spec, in order.
pub trait Settings<const N: usize>: Sized {
    /// Reads each value from `params`; the first bad one is the error.
    fn read(params: &Params, specs: &[ParamSpec; N]) -> Result<Self>;
    /// The values as URL text.
    fn write(&self) -> [String; N];
}

/// `impl Settings<N> for (A, B, …)`: each element read with its spec.
macro_rules! tuple_settings {
    ($n:literal: $($t:ident $i:tt),+) => {
        impl<$($t: Setting),+> Settings<$n> for ($($t,)+) {
            fn read(params: &Params, specs: &[ParamSpec; $n]) -> Result<Self> {
                Ok(($($t::read(params, &specs[$i])?,)+))
            }
            fn write(&self) -> [String; $n] {
                [$(self.$i.write()),+]
            }
        }
    };
}

tuple_settings!(2: A 0, B 1);
tuple_settings!(3: A 0, B 1, C 2);
tuple_settings!(4: A 0, B 1, C 2, D 3);
tuple_settings!(5: A 0, B 1, C 2, D 3, E 4);
tuple_settings!(6: A 0, B 1, C 2, D 3, E 4, F 5);
tuple_settings!(7: A 0, B 1, C 2, D 3, E 4, F 5, G 6);
tuple_settings!(8: A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7);
tuple_settings!(9: A 0, B 1, C 2, D 3, E 4, F 5, G 6, H 7, I 8);

impl Params {
    /// Every setting of `specs`, typed and checked, as a tuple in the specs' order:
    /// `let (eta, seed): (f64, u64) = params.read(&specs())?`.
    pub fn read<T: Settings<N>, const N: usize>(&self, specs: &[ParamSpec; N]) -> Result<T> {
        T::read(self, specs)
    }

    /// The settings of `specs` with these typed values, one per spec in order (what
    /// [`Params::read`] reads back).
    pub fn write<T: Settings<N>, const N: usize>(specs: &[ParamSpec; N], values: T) -> Params {
        Params::zip(specs, values.write())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::Text;

    fn specs() -> [ParamSpec; 3] {
        [
            ParamSpec::eta(0.01, 2.0, 0.01, 0.1),
            ParamSpec::values("size", Text::same("size"), &["16", "32"], "32"),
            ParamSpec::seed(1000.0),
        ]
    }

    #[test]
    fn settings_read_typed_and_write_back() {
        let p = Params::of(&[("eta", "0.5"), ("seed", "7")]);
        let (eta, size, seed): (f64, String, u64) = p.read(&specs()).unwrap();
        assert_eq!((eta, size.as_str(), seed), (0.5, "32", 7));
        let back = Params::write(&specs(), (eta, size, seed));
        assert_eq!(
            back,
            Params::of(&[("eta", "0.5"), ("size", "32"), ("seed", "7")])
        );
    }

    #[test]
    fn the_first_bad_setting_is_the_error() {
        let p = Params::of(&[("seed", "1.5")]);
        let e = p.read::<(f64, String, u64), 3>(&specs()).err().unwrap();
        assert_eq!(e.kind, ErrorKind::BadValue);
        assert!(e.text.en.contains("whole number"), "{}", e.text.en);
        let p = Params::of(&[("size", "64"), ("seed", "1.5")]);
        let e = p.read::<(f64, String, u64), 3>(&specs()).err().unwrap();
        assert!(e.text.en.contains("“64”"), "{}", e.text.en);
    }
}
