//! Step 3, linear classification (线性分类, ch6–7): logistic regression, the logic gates, softmax.

pub mod epochs;
pub mod logic_gate;
pub mod logistic;
pub mod softmax;
pub mod tanh_classifier;
pub mod tanh_loss;
