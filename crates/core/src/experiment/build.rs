//! Turning settings into a run: the network, the data and the trainer.

use super::*;

impl ExperimentConfig {
    /// The network: the hidden layers, then one output unit per class for three classes
    /// (one for two), tanh units under `tanh-mse`, identity under logistic/softmax.
    pub fn network_config(&self) -> NetworkConfig {
        let classes = self.classes();
        let outputs = if classes > 2 { classes } else { 1 };
        let mut layers: Vec<LayerConfig> = Vec::new();
        for &units in &self.layers {
            if self.batch_norm {
                // FC → BN → activation, as the book's ch15.5 net.
                layers.push(LayerConfig::dense(units, Activation::Identity));
                layers.push(LayerConfig::batch_norm());
                layers.push(LayerConfig::act(self.activation));
            } else {
                layers.push(LayerConfig::dense(units, self.activation));
            }
            if self.dropout > 0.0 {
                layers.push(LayerConfig::Dropout {
                    ratio: self.dropout,
                });
            }
        }
        let (last, output) = match (self.head, outputs) {
            (Head::TanhMse, _) => (Activation::Tanh, Output::Identity),
            (Head::CrossEntropy, 1) => (Activation::Identity, Output::Logistic),
            (Head::CrossEntropy, _) => (Activation::Identity, Output::Softmax),
        };
        layers.push(LayerConfig::Dense {
            units: outputs,
            activation: last,
        });
        NetworkConfig {
            inputs: 2,
            layers,
            output,
            init: self.init,
            seed: self.seed.wrapping_add(2),
            input_shape: None,
        }
    }

    /// The whole data set before the split, labels in the head's style.
    pub fn data(&self) -> Result<Dataset> {
        let pool = |(a, b): (Dataset, Dataset)| {
            let mut d = a;
            d.x.extend_from_slice(&b.x);
            d.y.extend_from_slice(&b.y);
            d.n += b.n;
            d
        };
        let shape = match self.dataset {
            DataChoice::Spiral => Some(playground::Shape::Spiral),
            DataChoice::Circle => Some(playground::Shape::Circle),
            DataChoice::Xor => Some(playground::Shape::Xor),
            DataChoice::Gauss => Some(playground::Shape::Gauss),
            _ => None,
        };
        let mut d = match (shape, self.dataset) {
            (Some(shape), _) => playground::generate(
                shape,
                PLAYGROUND_POINTS,
                self.noise as f64,
                self.seed,
                playground::Labels::ZeroOne,
            )?,
            (None, DataChoice::Ch10Arcs) => pool(book::ch10(self.seed)),
            (None, DataChoice::Ch11Coin) => pool(book::ch11(self.seed)),
            (None, DataChoice::Custom) => points::points_dataset(&self.points),
            (None, _) => book::xor(),
        };
        if self.head == Head::TanhMse {
            // 0/1 (or one-hot) → −1/+1, TF Playground's labels for tanh outputs.
            d.y.iter_mut().for_each(|v| *v = 2.0 * *v - 1.0);
        }
        Ok(d)
    }

    /// Every point of the data set in the order it was generated (before the split):
    /// x₁, x₂ rounded to 3 decimals and the class, as [`points::Point`]s.
    pub fn all_points(&self) -> Result<Vec<points::Point>> {
        let d = self.data()?;
        let signed = self.head == Head::TanhMse;
        Ok((0..d.n)
            .map(|i| {
                let x = d.row(i);
                (
                    points::round3(x[0] as f64),
                    points::round3(x[1] as f64),
                    run::class(d.target(i), signed),
                )
            })
            .collect())
    }

    /// Generates the data with the seed, splits it (`train` percent for training, the rest
    /// for testing), builds the network and its [`Trainer`].
    pub fn build(&self) -> Result<Experiment> {
        self.validate()?;
        let all = self.data()?;
        let (train, test) = if self.dataset == DataChoice::Xor4 {
            (all.clone(), all)
        } else {
            let test_ratio = (100 - self.train_percent) as f64 / 100.0;
            let (train, _, test) = split(&all, test_ratio, 0.0, self.seed.wrapping_add(1));
            if train.n == 0 {
                // Only a tiny custom set can leave nothing to train on (4 points, train=10).
                return Err(err(
                    ErrorKind::OutOfRange,
                    format!(
                        "“train” = {} % of {} points leaves no point to train on; raise “train” or add points.",
                        self.train_percent, all.n
                    ),
                    format!(
                        "{} 个点的 {} %（“train”）不足一个训练点；请调高“train”或添加更多的点。",
                        all.n, self.train_percent
                    ),
                ));
            }
            (train, test)
        };
        let to_data = |d: Dataset| Data::new(d.x, d.y, d.features, d.outputs);
        let (train, test) = (to_data(train)?, to_data(test)?);
        let config = TrainerConfig {
            learning_rate: self.learning_rate,
            batch_size: self.batch as i64,
            max_epochs: self.epochs,
            stop: Stop::Never,
            shuffle: true,
            seed: self.seed.wrapping_add(3),
            eval_train: false,
            optimizer: self.optimizer,
            regularization: self.regularization,
            ..Default::default()
        };
        let trainer = Trainer::new(self.network_config().build()?, train.clone(), None, config)?;
        Ok(Experiment {
            config: self.clone(),
            trainer,
            train,
            test,
            history: Vec::new(),
        })
    }
}
