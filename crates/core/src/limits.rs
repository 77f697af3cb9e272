//! Every size limit in one table: what a URL, the CLI or the page's editor may ask for,
//! and what the engine builds at most when a lesson builds a network in code.
//!
//! | limit | value | used by |
//! |---|---|---|
//! | [`URL_MAX_HIDDEN_LAYERS`] | 6 | the playground's editor, the experiment query, `ninestep train` |
//! | [`URL_MAX_UNITS`] | 64 | the same (ch11.2 trains a 64-unit hidden layer) |
//! | [`URL_MAX_EPOCHS`] | 100 000 | the experiment query and the CLI |
//! | [`PLAYGROUND_MAX_EPOCHS`] | 5 000 | the playground widget (its Steps replay in the page) |
//! | [`URL_MAX_POINTS`] | 2 000 | your own points in the address or a CSV |
//! | [`ENGINE_MAX_UNITS`] | 4 096 | any layer the engine builds (784 inputs of the digits fit) |
//! | [`ENGINE_MAX_LAYERS`] | 32 | layers of any network |
//! | [`ENGINE_MAX_VALUES`] | 262 144 | values of one sample at any layer (C·H·W of an image) |
//! | [`ENGINE_MAX_KERNEL`] | 32 | side of a convolution kernel or pooling window, its stride and padding |
//! | [`ENGINE_MAX_CHANNELS`] | 1 024 | channels of a convolution |
//!
//! Every parser checks against these constants and names the key in its message, so a
//! bad link can neither allocate gigabytes nor be silently clamped.

/// Most hidden layers a URL may ask for.
pub const URL_MAX_HIDDEN_LAYERS: usize = 6;
/// Most units of a hidden layer a URL may ask for.
pub const URL_MAX_UNITS: usize = 64;
/// Most epochs of an experiment in a URL or on the command line.
pub const URL_MAX_EPOCHS: usize = 100_000;
/// Most epochs the playground trains (100 Steps of 50 epochs).
pub const PLAYGROUND_MAX_EPOCHS: usize = 5_000;
/// Most points of a custom data set.
pub const URL_MAX_POINTS: usize = 2000;
/// Most units (or inputs) of any layer the engine builds.
pub const ENGINE_MAX_UNITS: usize = 4096;
/// Most layers of any network the engine builds.
pub const ENGINE_MAX_LAYERS: usize = 32;
/// Most values one sample may have at any layer of the engine (C·H·W of an image: the
/// 8×28×28 maps of step 8's first convolution fit, and so does a 3×224×224 photo).
pub const ENGINE_MAX_VALUES: usize = 1 << 18;
/// Largest side of a convolution kernel or pooling window, stride or padding.
pub const ENGINE_MAX_KERNEL: usize = 32;
/// Most channels of a convolution.
pub const ENGINE_MAX_CHANNELS: usize = 1024;
