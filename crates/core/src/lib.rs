//! # ninestep-core
//!
//! The nine-step neural-network course as pure Rust: the maths, the lessons as data
//! (each step a record of labelled numbers), the datasets and the URL state. It knows
//! nothing about the page: the web façade and the CLI call [`lesson::AnyWidget::step`]
//! and read tables back.
//!
//! Conventions: samples are rows (`Z = X·W + B`); `grad_x` always means ∂loss/∂x.

pub mod dataset;
pub mod error;
pub mod experiment;
pub mod lesson;
pub mod limits;
pub mod nn;
pub mod open;
pub mod params;
pub mod rng;
pub mod state;
pub mod text;
pub mod widget;

pub use error::{Error, ErrorKind, Result};
pub use lesson::AnyWidget;
pub use params::{ParamKind, ParamSpec, Params};
pub use text::{fmt_num, Lang, Text};
pub use widget::{Column, Outcome, Readout, Table, Widget, WidgetSpec};
