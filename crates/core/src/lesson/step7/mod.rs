//! Step 7, 深度神经网络 (ch14–16): deep networks, initialisation, optimizers, batch
//! norm and regularisation, on the layer engine ([`crate::nn`]).

pub mod init_hist;
