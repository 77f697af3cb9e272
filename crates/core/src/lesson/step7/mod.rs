//! Step 7 — deep networks (the book's ch14–ch16): the MiniFramework's layers, better
//! optimizers, initialisation, batch norm and regularisation, one module per lesson.

pub mod deep_digits;
pub mod init_hist;
pub mod lr_finder;
pub mod optimizers;
pub mod overfit_net;
pub mod regularization;
pub mod zero_init;
