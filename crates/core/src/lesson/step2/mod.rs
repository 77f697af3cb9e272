//! Step 2, linear regression (线性回归, ch4–5): least squares, gradient descent on the line, the house prices.

pub mod house_price;
pub mod least_squares;

/// Parameters larger than this mean the descent has blown up.
const BLOW_UP: f64 = 1e12;
