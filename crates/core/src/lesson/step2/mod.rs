//! Step 2, linear regression (线性回归, ch4–5): least squares, gradient descent on the line, the house prices.

pub mod house_price;
pub mod least_squares;

use crate::error::{Error, ErrorKind, Result};

/// Parameters larger than this mean the descent has blown up.
const BLOW_UP: f64 = 1e12;

/// `v` as a whole number; a fraction is a `BadValue` error naming the setting (`en`, `zh`).
fn whole(v: f64, en: &str, zh: &str) -> Result<usize> {
    if v.fract() != 0.0 {
        return Err(Error::new(
            ErrorKind::BadValue,
            format!("The {en} must be a whole number."),
            format!("{zh}必须是整数。"),
        ));
    }
    Ok(v as usize)
}
