//! Portable `f32` exp, ln, tanh and the logistic function, written with `+ − × ÷` only.
//!
//! Why not `f32::exp`? The standard library calls the platform's libm (glibc natively, a
//! Rust port of musl in wasm), and those may differ in the last bit. A training run
//! repeats these functions millions of times, so one bit becomes a different history.
//! With plain IEEE arithmetic (no fused multiply-add) the same seed replays bit for bit
//! in every browser and natively. They are also branch-free, so loops over them vectorise.
//!
//! * `exp`: Cody–Waite reduction `x = n·ln2 + r`, |r| ≤ ln2/2, a degree-6 polynomial for
//!   eʳ (Cephes `expf`), then `2ⁿ` built from its bits. About 1 ulp.
//! * `ln`: `x = m·2ᵉ` with m in [√½, √2), a degree-9 polynomial in `m − 1` (Cephes `logf`).
//! * `tanh`: the rational 13/6 minimax approximation used by Eigen, clamped at ±7.9053
//!   where it reaches 1; error below 1e-6 absolute.
//! * `sigmoid`: σ(z) = 1 / (1 + e^{−z}), which is exact to a few ulp at both tails.

/// exp(x) is 0 below this (its true value, ~1e-38, is below the normal range anyway).
const EXP_LO: f32 = -87.33655;
/// exp(x) is +∞ above this.
const EXP_HI: f32 = 88.72283;
/// 1.5·2²³: adding it rounds to the nearest integer and leaves that integer in the low bits.
const ROUND_MAGIC: f32 = 12_582_912.0;

/// eˣ in `f32`, portable to the bit. NaN stays NaN, +∞ gives +∞, −∞ gives 0.
#[inline(always)]
pub fn exp(x: f32) -> f32 {
    // f32::clamp keeps NaN (f32::max would drop it), so NaN reaches the result.
    let xc = x.clamp(EXP_LO, EXP_HI);
    let t = xc * std::f32::consts::LOG2_E + ROUND_MAGIC;
    let n = t - ROUND_MAGIC;
    let ni = (t.to_bits() as i32).wrapping_sub(ROUND_MAGIC.to_bits() as i32);
    // r = x − n·ln2 in two steps (ln2 split into an exact high part and a correction).
    let r = xc - n * 0.693_359_4;
    let r = r - n * -2.121_944_4e-4;
    let mut p = 1.987_569_1e-4_f32;
    p = p * r + 1.398_199_9e-3;
    p = p * r + 8.333_452e-3;
    p = p * r + 4.166_579_6e-2;
    p = p * r + 1.666_666_5e-1;
    p = p * r + 0.5; // Cephes: 5.0000001201e-1, which rounds to 0.5 in f32
    let y = p * (r * r) + r + 1.0;
    // 2ⁿ from its exponent bits; n is in [−126, 128) after the clamp. At n = 128 the
    // exponent field overflows, so the top end is handled by the EXP_HI branch below.
    let scale = f32::from_bits((ni.wrapping_add(127) as u32).wrapping_shl(23));
    let v = y * scale;
    if x > EXP_HI {
        f32::INFINITY
    } else if x < EXP_LO {
        0.0
    } else {
        v
    }
}

/// The natural logarithm ln x in `f32`, portable to the bit. ln 0 = −∞, ln x = NaN for
/// x < 0, ln ∞ = ∞.
#[inline(always)]
pub fn ln(x: f32) -> f32 {
    // Subnormal inputs are scaled into the normal range first.
    let small = x < f32::MIN_POSITIVE;
    let xs = if small { x * 8_388_608.0 } else { x };
    let bits = xs.to_bits();
    let mut e = ((bits >> 23) & 0xff) as i32 - 126 - if small { 23 } else { 0 };
    let m = f32::from_bits((bits & 0x007f_ffff) | 0x3f00_0000); // m in [0.5, 1)
    let f = if m < std::f32::consts::FRAC_1_SQRT_2 {
        e -= 1;
        m + m - 1.0
    } else {
        m - 1.0
    };
    let ef = e as f32;
    let z = f * f;
    let mut p = 7.037_683_6e-2_f32;
    p = p * f - 1.151_461e-1;
    p = p * f + 1.167_699_9e-1;
    p = p * f - 1.242_014_1e-1;
    p = p * f + 1.424_932_3e-1;
    p = p * f - 1.666_805_8e-1;
    p = p * f + 2.000_071_4e-1;
    p = p * f - 2.499_999_4e-1;
    p = p * f + 3.333_333e-1;
    let mut y = p * f * z;
    y += ef * -2.121_944_4e-4;
    y += -0.5 * z;
    let v = f + y + ef * 0.693_359_4;
    if x.is_nan() || x < 0.0 {
        f32::NAN
    } else if x == 0.0 {
        f32::NEG_INFINITY
    } else if x == f32::INFINITY {
        f32::INFINITY
    } else {
        v
    }
}

/// ln(1 + x) accurate for small |x| (Goldberg's trick: ln(u)·x/(u − 1) with u = 1 + x).
#[inline(always)]
pub fn ln_1p(x: f32) -> f32 {
    let u = 1.0 + x;
    let d = u - 1.0;
    if d == 0.0 {
        x
    } else {
        ln(u) * (x / d)
    }
}

/// tanh x in `f32` (rational approximation, error < 1e-6), portable to the bit.
#[inline(always)]
pub fn tanh(x: f32) -> f32 {
    const CLAMP: f32 = 7.905_311;
    let xc = x.clamp(-CLAMP, CLAMP);
    let x2 = xc * xc;
    let mut p = -2.760_768_5e-16_f32;
    p = p * x2 + 2.000_188e-13;
    p = p * x2 - 8.604_672e-11;
    p = p * x2 + 5.122_297e-8;
    p = p * x2 + 1.485_722_4e-5;
    p = p * x2 + 6.372_619_3e-4;
    p = p * x2 + 4.893_524_6e-3;
    let p = p * xc;
    let mut q = 1.198_258_4e-6_f32;
    q = q * x2 + 1.185_347_1e-4;
    q = q * x2 + 2.268_434_6e-3;
    q = q * x2 + 4.893_525e-3;
    if x.abs() < 4e-4 {
        x
    } else {
        p / q
    }
}

/// The logistic function σ(z) = 1 / (1 + e^{−z}) in `f32`, portable to the bit.
#[inline(always)]
pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + exp(-z))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Relative error against the f64 standard library, on a dense grid.
    fn worst(lo: f32, hi: f32, f: fn(f32) -> f32, g: fn(f64) -> f64, abs_floor: f64) -> f64 {
        let steps = 200_000;
        (0..=steps)
            .map(|i| {
                let x = lo + (hi - lo) * i as f32 / steps as f32;
                let want = g(x as f64);
                (f(x) as f64 - want).abs() / want.abs().max(abs_floor)
            })
            .fold(0.0, f64::max)
    }

    #[test]
    fn exp_is_within_two_ulp_of_f64() {
        assert!(worst(-87.0, 88.0, exp, f64::exp, 0.0) < 2.5e-7);
        assert!(worst(-1.0, 1.0, exp, f64::exp, 0.0) < 2.5e-7);
    }

    #[test]
    fn ln_is_within_two_ulp_of_f64() {
        assert!(worst(1e-30, 1.0, ln, f64::ln, 1e-3) < 2.5e-7);
        assert!(worst(0.5, 3e4, ln, f64::ln, 1e-3) < 2.5e-7);
        assert!((ln(1e-40) as f64 - 1e-40f64.ln()).abs() < 1e-4);
        assert!(worst(-0.9, 1e3, ln_1p, f64::ln_1p, 1e-30) < 3e-7);
    }

    #[test]
    fn tanh_and_sigmoid_are_close_to_f64() {
        assert!(worst(-10.0, 10.0, tanh, f64::tanh, 1.0) < 1e-6);
        assert!(worst(-0.01, 0.01, tanh, f64::tanh, 0.0) < 1e-6);
        let s64 = |z: f64| 1.0 / (1.0 + (-z).exp());
        assert!(worst(-80.0, 80.0, sigmoid, s64, 0.0) < 5e-7);
        for x in [-20.0f32, -8.0, 8.0, 20.0, 1e30] {
            assert!(tanh(x).abs() <= 1.0 && tanh(-x) == -tanh(x));
        }
    }

    #[test]
    fn special_values_propagate() {
        assert!(exp(f32::NAN).is_nan() && ln(f32::NAN).is_nan() && tanh(f32::NAN).is_nan());
        assert_eq!(exp(1000.0), f32::INFINITY);
        assert_eq!(exp(-1000.0), 0.0);
        assert_eq!(exp(0.0), 1.0);
        assert_eq!(ln(1.0), 0.0);
        assert_eq!(ln(0.0), f32::NEG_INFINITY);
        assert!(ln(-1.0).is_nan());
        assert_eq!(ln(f32::INFINITY), f32::INFINITY);
        assert_eq!((sigmoid(-1000.0), sigmoid(1000.0)), (0.0, 1.0));
        assert_eq!(tanh(f32::INFINITY), tanh(100.0));
    }
}
