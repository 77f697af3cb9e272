//! Step 5, nonlinear classification (非线性分类, ch10–12): XOR, the arcs, the coin and the digits.

pub mod arcs;
pub mod coin;
pub mod digits;
pub mod grad_check;
pub mod xor_net;
