//! Step 6, inference and deployment (模型的推理与部署, ch13): the MNIST preprocessing of a
//! drawn digit, the draw-a-digit pad and the model viewer.

pub mod infer;
pub mod model_view;
pub mod pad;
pub mod pad_file;
pub mod pad_nets;
pub mod preprocess;
