use super::*;
use crate::lesson::step8::cnn_nets::digits_cnn;
use crate::nn::workload::mnist_cnn_net;

#[test]
fn the_presets_are_the_books_net_and_w3() {
    // The default preset with Xavier weights is exactly the book's ch18.4 net …
    let book = blocks_net(PRESETS[0].0, Init::Xavier, 7).unwrap();
    assert_eq!(book, digits_cnn(7));
    // … and the second, with MSRA weights, W3's ConvNetJS net.
    let w3 = blocks_net(PRESETS[1].0, Init::Msra, 3).unwrap();
    assert_eq!(w3, mnist_cnn_net(3));
    // The dense comparison: 784 → 128 → 64 → 10, no image layer but the flatten.
    let dense = blocks_net(PRESETS[2].0, Init::Xavier, 1).unwrap();
    let shapes = dense.shapes().unwrap();
    let sizes: Vec<usize> = shapes.iter().map(|s| s.len()).collect();
    assert_eq!(sizes, [784, 784, 128, 128, 64, 64, 10]);
    // 784·128 + 128 + 128·64 + 64 + 64·10 + 10 trained values.
    assert_eq!(
        dense.build().unwrap().param_count(),
        784 * 128 + 128 + 128 * 64 + 64 + 64 * 10 + 10
    );
}

#[test]
fn conv_blocks_read_stride_and_padding() {
    let l = parse_blocks("c4k3s2p1, ap2s1 ,tanh", Shape::new(1, 28, 28)).unwrap();
    assert_eq!(
        l,
        [
            LayerConfig::Conv2d {
                channels: 4,
                kernel: 3,
                stride: 2,
                padding: 1,
                bias: true
            },
            LayerConfig::AvgPool { size: 2, stride: 1 },
            LayerConfig::Activation {
                activation: Activation::Tanh
            },
        ]
    );
    // p2 is short for mp2.
    assert_eq!(
        parse_blocks("p2", Shape::new(1, 28, 28)).unwrap(),
        [LayerConfig::MaxPool { size: 2, stride: 2 }]
    );
}

#[test]
fn a_bad_block_is_named_in_both_languages() {
    let e = blocks_net("c8k5,relu,x7,d10", Init::Xavier, 1).unwrap_err();
    assert_eq!(e.kind, ErrorKind::BadValue);
    assert!(e.text.en.contains("Block 3 “x7”"), "{}", e.text.en);
    assert!(e.text.zh.contains("第 3 块“x7”"), "{}", e.text.zh);
    for bad in [
        "",
        "c8",
        "c8k5q1",
        "d",
        "mp",
        "relu,,relu",
        "c8k5p2s1",
        "dd3",
        "c8k5s1s1",
    ] {
        assert!(blocks_net(bad, Init::Xavier, 1).is_err(), "{bad}");
    }
    let e = blocks_net("c99k5", Init::Xavier, 1).unwrap_err();
    assert_eq!(e.kind, ErrorKind::OutOfRange);
    assert!(e.text.en.contains("between 1 and 32"), "{}", e.text.en);
    assert!(e.text.zh.contains("卷积核个数"), "{}", e.text.zh);
    // Padding must stay below the kernel side.
    assert!(blocks_net("c8k3p3", Init::Xavier, 1).is_err());
    let many = vec!["relu"; MAX_BLOCKS + 1].join(",");
    assert!(blocks_net(&many, Init::Xavier, 1).is_err());
}

#[test]
fn a_shape_that_does_not_fit_names_the_block_and_its_input() {
    // 28 → conv 9 → 20 → pool 4 → 5 → conv 9 does not fit a 5×5 input.
    let e = blocks_net("c8k9,mp4,c8k9", Init::Xavier, 1).unwrap_err();
    assert!(e.text.en.starts_with("Block 3 (conv2d)"), "{}", e.text.en);
    assert!(e.text.en.contains("5×5 input"), "{}", e.text.en);
    assert!(e.text.en.contains("gets 8×5×5"), "{}", e.text.en);
    assert!(e.text.zh.starts_with("第 3 块（conv2d）"), "{}", e.text.zh);
    assert!(e.text.zh.contains("8×5×5"), "{}", e.text.zh);
    // A convolution after a dense block has no image to slide over.
    let e = blocks_net("d32,c8k3", Init::Xavier, 1).unwrap_err();
    assert!(e.text.en.contains("Block 2 “c8k3”"), "{}", e.text.en);
    assert!(e.text.zh.contains("全连接块之后"), "{}", e.text.zh);
}
