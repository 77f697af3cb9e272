use super::*;
use crate::lesson::AnyWidget;

#[test]
fn the_digits_net_has_51_450_parameters_by_hand() {
    let (title, config) = preset("digits").unwrap();
    let v = ModelView::from_config(&config, title).unwrap();
    // 784·64 + 64, 64·16 + 16, 16·10 + 10.
    let counts: Vec<usize> = v.layers.iter().map(|l| l.params).collect();
    assert_eq!(counts, vec![50_240, 1_040, 170]);
    assert_eq!(v.total_params(), 51_450);
    assert_eq!(v.layers[0].tensors, vec![("w", (784, 64)), ("b", (1, 64))]);
    assert_eq!(
        v.layers.iter().map(|l| l.activation).collect::<Vec<_>>(),
        vec![Some("sigmoid"), Some("tanh"), Some("linear")]
    );
    assert_eq!(v.layers[1].shape, vec![1, 16]);
    assert_eq!((v.inputs, v.output), (784, Output::Softmax));
}

#[test]
fn every_preset_sums_to_the_networks_own_count() {
    // ch14.6: 100,480 + 8,256 + 2,080 + 528 + 170; ch13.1's Dense(10): 7,850 (Netron's
    // figure in the book).
    for (key, total) in [("digits", 51_450), ("deep", 111_514), ("dense10", 7_850)] {
        let (title, config) = preset(key).unwrap();
        let net = config.build().unwrap();
        let v = ModelView::of_network(&net, title);
        assert_eq!(v.total_params(), net.param_count(), "{key}");
        assert_eq!(v.total_params(), total, "{key}");
    }
}

#[test]
fn batch_norm_statistics_are_counted_apart_from_parameters() {
    let config = NetworkConfig {
        input_shape: None,
        inputs: 4,
        layers: vec![
            LayerConfig::dense(3, Activation::Identity),
            LayerConfig::batch_norm(),
            LayerConfig::Activation {
                activation: Activation::Relu,
            },
            LayerConfig::Dropout { ratio: 0.2 },
            LayerConfig::dense(2, Activation::Identity),
        ],
        output: Output::Softmax,
        init: Init::Xavier,
        seed: 1,
    };
    let v = ModelView::from_config(&config, Text::same("bn")).unwrap();
    let row: Vec<(&str, usize, usize)> = v
        .layers
        .iter()
        .map(|l| (l.kind, l.params, l.statistics))
        .collect();
    assert_eq!(
        row,
        vec![
            ("dense", 15, 0),
            ("batch-norm", 6, 6),
            ("activation", 0, 0),
            ("dropout", 0, 0),
            ("dense", 8, 0)
        ]
    );
    assert_eq!(v.total_params(), config.build().unwrap().param_count());
}

#[test]
fn the_widget_lists_layers_and_takes_a_loaded_net() {
    let mut p = Params::default();
    p.set("net", "deep");
    let mut w = AnyWidget::new("model-view", &p).unwrap();
    assert_eq!(w.table().rows.len(), 5);
    assert_eq!(w.readouts()[1].value, 111_514.0);
    p.set("net", "resnet");
    assert!(AnyWidget::new("model-view", &p).is_err());
    let AnyWidget::ModelView(m) = &mut w else {
        panic!("not a model view")
    };
    let (_, config) = preset("dense10").unwrap();
    m.show(&config.build().unwrap(), Text::same("model.onnx"));
    assert_eq!(m.view().total_params(), 7_850);
    assert_eq!(w.status().map(|t| t.en), Some("model.onnx".into()));
}
