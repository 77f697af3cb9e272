//! Reading and writing an [`ExperimentConfig`] as a query: `parse` (strict, errors name
//! the key), `set` (one key), `validate` (the same ranges for hand-made configs) and
//! `to_query` (every key in a fixed order, so a canonical query round-trips).

use super::*;

impl ExperimentConfig {
    /// Reads `key=value&…` (a leading `?` or `#` is skipped, `%XX` escapes are decoded).
    /// Missing keys keep their defaults; anything else odd is an error naming the key.
    pub fn parse(query: &str) -> Result<ExperimentConfig> {
        let query = query.trim();
        let query = query
            .strip_prefix('?')
            .or_else(|| query.strip_prefix('#'))
            .unwrap_or(query);
        let mut c = ExperimentConfig::default();
        let mut seen: Vec<&str> = Vec::new();
        for pair in query.split('&').filter(|p| !p.is_empty()) {
            let Some((key, raw)) = pair.split_once('=') else {
                return Err(err(
                    ErrorKind::BadState,
                    format!("“{pair}” is not a key=value setting."),
                    format!("“{pair}”不是 key=value 形式的设置。"),
                ));
            };
            let Some(&key) = KEYS.iter().find(|k| **k == key) else {
                let known = KEYS.join(", ");
                return Err(err(
                    ErrorKind::Unknown,
                    format!("Unknown setting “{key}”; known: {known}."),
                    format!("未知的设置“{key}”；可用的有：{known}。"),
                ));
            };
            if seen.contains(&key) {
                return Err(err(
                    ErrorKind::BadState,
                    format!("“{key}” is given twice."),
                    format!("“{key}”出现了两次。"),
                ));
            }
            seen.push(key);
            let value = percent_decode(key, raw)?;
            c.set(key, &value)?;
        }
        if seen.contains(&"points") && c.dataset != DataChoice::Custom {
            return Err(points_not_custom());
        }
        c.validate()?;
        Ok(c)
    }

    /// Sets one key from its query value.
    fn set(&mut self, key: &str, v: &str) -> Result<()> {
        match key {
            "dataset" => {
                self.dataset = DataChoice::ALL
                    .into_iter()
                    .find(|d| d.name() == v)
                    .ok_or_else(|| unknown_choice(key, v, names(&DataChoice::ALL, |d| d.name())))?
            }
            "noise" => self.noise = whole(key, v, 0, 50)? as u32,
            "train" => self.train_percent = whole(key, v, 10, 90)? as u32,
            "batch" => self.batch = whole(key, v, 1, 100)? as u32,
            "lr" => {
                let lr: f32 = v
                    .parse()
                    .ok()
                    .filter(|_| !v.is_empty() && !v.starts_with('+'))
                    .ok_or_else(|| not_a_number(key, v, false))?;
                if !(1e-5..=10.0).contains(&lr) {
                    return Err(out_of_range(key, v, "between 0.00001 and 10"));
                }
                self.learning_rate = lr;
            }
            "act" => {
                self.activation = ACTIVATIONS
                    .iter()
                    .find(|(n, _)| *n == v)
                    .map(|(_, a)| *a)
                    .ok_or_else(|| unknown_choice(key, v, names(&ACTIVATIONS, |a| a.0)))?
            }
            "layers" => {
                let sizes: Vec<&str> = if v.is_empty() {
                    Vec::new()
                } else {
                    v.split(',').collect()
                };
                if sizes.len() > MAX_HIDDEN_LAYERS {
                    return Err(err(
                        ErrorKind::OutOfRange,
                        format!(
                            "“layers” allows at most {MAX_HIDDEN_LAYERS} hidden layers, not {}.",
                            sizes.len()
                        ),
                        format!(
                            "“layers”最多 {MAX_HIDDEN_LAYERS} 个隐藏层，而不是 {} 个。",
                            sizes.len()
                        ),
                    ));
                }
                self.layers = sizes
                    .iter()
                    .map(|s| whole(key, s, 1, MAX_HIDDEN_UNITS as u64).map(|u| u as usize))
                    .collect::<Result<_>>()?;
            }
            "loss" => {
                self.head = HEADS
                    .into_iter()
                    .find(|h| h.name() == v)
                    .ok_or_else(|| unknown_choice(key, v, names(&HEADS, |h| h.name())))?
            }
            "init" => {
                self.init = INITS
                    .into_iter()
                    .find(|i| i.name() == v)
                    .ok_or_else(|| unknown_choice(key, v, names(&INITS, |i| i.name())))?
            }
            "seed" => self.seed = whole(key, v, 0, u64::MAX)?,
            "epochs" => self.epochs = whole(key, v, 1, MAX_EPOCHS as u64)? as usize,
            "optimizer" => {
                self.optimizer = OptimizerConfig::from_name(v).ok_or_else(|| {
                    unknown_choice(key, v, names(&OptimizerConfig::ALL, |o| o.name()))
                })?
            }
            "l1" | "l2" => {
                if self.regularization != Regularization::None {
                    return Err(err(
                        ErrorKind::BadState,
                        "Give “l1” or “l2”, not both.".into(),
                        "“l1”和“l2”只能给出一个。".into(),
                    ));
                }
                let lambda = fraction(key, v, 0.0, MAX_LAMBDA)?;
                self.regularization = if key == "l1" {
                    Regularization::L1(lambda)
                } else {
                    Regularization::L2(lambda)
                };
            }
            "dropout" => self.dropout = fraction(key, v, 0.0, MAX_DROPOUT)?,
            "bn" => self.batch_norm = whole(key, v, 0, 1)? == 1,
            "points" => self.points = points::parse_points(v)?,
            _ => {}
        }
        Ok(())
    }

    /// Checks a hand-made config against the same ranges as [`ExperimentConfig::parse`].
    pub fn validate(&self) -> Result<()> {
        in_range("noise", self.noise, 0, 50)?;
        in_range("train", self.train_percent, 10, 90)?;
        in_range("batch", self.batch, 1, 100)?;
        in_range("lr", self.learning_rate, 1e-5, 10.0)?;
        in_range("epochs", self.epochs, 1, MAX_EPOCHS)?;
        let sizes_ok = self.layers.len() <= MAX_HIDDEN_LAYERS
            && self
                .layers
                .iter()
                .all(|u| (1..=MAX_HIDDEN_UNITS).contains(u));
        if !sizes_ok {
            let value = format!("{:?}", self.layers);
            return Err(out_of_range(
                "layers",
                &value,
                "0 to 6 sizes of 1 to 64 units",
            ));
        }
        in_range("l2", self.regularization.lambda(), 0.0, MAX_LAMBDA)?;
        in_range("dropout", self.dropout, 0.0, MAX_DROPOUT)?;
        self.optimizer.validate()?;
        match (self.dataset, self.points.is_empty()) {
            (DataChoice::Custom, _) => points::check_points(&self.points)?,
            (_, false) => return Err(points_not_custom()),
            (_, true) => {}
        }
        if activation_name(self.activation).is_none() {
            return Err(unknown_choice(
                "act",
                &format!("{:?}", self.activation),
                names(&ACTIVATIONS, |a| a.0),
            ));
        }
        Ok(())
    }

    /// Every key in the order of [`KEYS`] (`points` only for `dataset=custom`);
    /// [`ExperimentConfig::parse`] reads it back exactly.
    pub fn to_query(&self) -> String {
        let layers: Vec<String> = self.layers.iter().map(usize::to_string).collect();
        let points = if self.dataset == DataChoice::Custom {
            format!("&points={}", points::format_points(&self.points))
        } else {
            String::new()
        };
        let mut extra = String::new();
        if self.optimizer != OptimizerConfig::Sgd {
            extra += &format!("&optimizer={}", self.optimizer.name());
        }
        match self.regularization {
            Regularization::None => {}
            Regularization::L1(l) => extra += &format!("&l1={l}"),
            Regularization::L2(l) => extra += &format!("&l2={l}"),
        }
        if self.dropout > 0.0 {
            extra += &format!("&dropout={}", self.dropout);
        }
        if self.batch_norm {
            extra += "&bn=1";
        }
        format!(
            "dataset={}&noise={}&train={}&batch={}&lr={}&act={}&layers={}&loss={}&init={}&seed={}&epochs={}{extra}{points}",
            self.dataset.name(),
            self.noise,
            self.train_percent,
            self.batch,
            self.learning_rate,
            activation_name(self.activation).unwrap_or("tanh"),
            layers.join(","),
            self.head.name(),
            self.init.name(),
            self.seed,
            self.epochs
        )
    }
}
