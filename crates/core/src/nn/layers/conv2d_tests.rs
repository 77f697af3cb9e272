use super::*;
use crate::nn::gradcheck;

fn layer(input: Shape, channels: usize, k: usize, s: usize, p: usize, bias: bool) -> Conv2d {
    let cfg = LayerConfig::Conv2d {
        channels,
        kernel: k,
        stride: s,
        padding: p,
        bias,
    };
    let out = cfg.output_shape(1, input).unwrap();
    let mut c = Conv2d::new(input, out, k, s, p, bias, Init::Xavier, &mut Rng::new(4));
    assert_eq!(c.config(), cfg);
    if bias {
        let mut rng = Rng::new(9);
        c.b.data
            .iter_mut()
            .for_each(|b| *b = rng.range(-0.5, 0.5) as f32);
    }
    c
}

/// The definition, written out with f64 sums: an independent reference.
fn direct(c: &Conv2d, x: &[f32]) -> Vec<f64> {
    let (i, o, g) = (c.window.input, c.output, c.window);
    let k = g.kernel;
    let mut y = vec![0.0; o.len()];
    for oc in 0..o.channels {
        for oy in 0..o.height {
            for ox in 0..o.width {
                let mut sum = if c.bias { c.b.data[oc] as f64 } else { 0.0 };
                for ic in 0..i.channels {
                    for ky in 0..k {
                        for kx in 0..k {
                            let yy = (oy * g.stride + ky) as isize - g.padding as isize;
                            let xx = (ox * g.stride + kx) as isize - g.padding as isize;
                            if yy < 0 || xx < 0 || yy >= i.height as isize || xx >= i.width as isize
                            {
                                continue;
                            }
                            let wv = c.w.data[((oc * i.channels + ic) * k + ky) * k + kx];
                            sum += wv as f64 * x[i.index(ic, yy as usize, xx as usize)] as f64;
                        }
                    }
                }
                y[o.index(oc, oy, ox)] = sum;
            }
        }
    }
    y
}

#[test]
fn a_3x3_input_and_a_2x2_kernel_by_hand() {
    // x = 1 2 3 / 4 5 6 / 7 8 9, kernel 1 2 / 3 4, bias 0.5:
    // y00 = 1·1 + 2·2 + 4·3 + 5·4 + 0.5 = 37.5, y01 = 2 + 6 + 15 + 24 + 0.5 = 47.5,
    // y10 = 4 + 10 + 21 + 32 + 0.5 = 67.5,       y11 = 5 + 12 + 24 + 36 + 0.5 = 77.5.
    let w = Matrix::from_rows(&[[1.0, 2.0, 3.0, 4.0]]);
    let (i, o) = (Shape::new(1, 3, 3), Shape::new(1, 2, 2));
    let mut c = Conv2d::from_weights(i, o, 2, 1, 0, w.clone(), true);
    c.b.data[0] = 0.5;
    let x = Matrix::from_rows(&[[1., 2., 3., 4., 5., 6., 7., 8., 9.]]);
    assert_eq!(c.forward(&x, Mode::Train).data, [37.5, 47.5, 67.5, 77.5]);
    // dY = 1 everywhere: dW[tap] = the sum of the pixels that tap saw, dB = 4, and dX
    // counts, for each pixel, the kernel entries that touched it.
    c.backward(&Matrix::from_rows(&[[1.0; 4]]), true);
    assert_eq!(c.grad_w().data, [12., 16., 24., 28.]);
    assert_eq!(c.grad_b().data, [4.]);
    assert_eq!(c.grad_x().data, [1., 3., 2., 4., 10., 6., 3., 7., 4.]);
    // Padding 1: a 4×4 output whose corner sees only x00 under the kernel's last entry.
    let mut p = Conv2d::from_weights(i, Shape::new(1, 4, 4), 2, 1, 1, w, false);
    let y = p.forward(&x, Mode::Infer).data.clone();
    assert_eq!((y[0], y[3], y[5], y[15]), (4.0, 9.0, 37.0, 9.0));
}

#[test]
fn forward_matches_the_definition_with_stride_and_padding() {
    let mut rng = Rng::new(2);
    for (input, ch, k, s, p, bias) in [
        (Shape::new(3, 7, 6), 4, 3, 1, 1, true),
        (Shape::new(2, 9, 9), 3, 3, 2, 1, true),
        (Shape::new(1, 28, 28), 8, 5, 1, 2, true),
        (Shape::new(2, 6, 7), 5, 2, 2, 0, false),
        (Shape::new(3, 32, 32), 2, 5, 1, 0, true),
    ] {
        let mut c = layer(input, ch, k, s, p, bias);
        let x = Matrix::from_fn(2, input.len(), |_, _| rng.range(-1.0, 1.0) as f32);
        let y = c.forward(&x, Mode::Train).clone();
        for r in 0..2 {
            let want = direct(&c, x.row(r));
            for (q, (&got, &w)) in y.row(r).iter().zip(&want).enumerate() {
                assert!(
                    (got as f64 - w).abs() < 1e-5,
                    "{input} k{k} s{s} p{p} [{q}]"
                );
            }
        }
    }
}

#[test]
fn backward_matches_central_differences() {
    // Stride 2 with padding, stride 1 with padding, a kernel wider than the stride with a
    // leftover column, no bias, several channels in and out.
    for (input, ch, k, s, p, bias) in [
        (Shape::new(2, 5, 5), 3, 3, 2, 1, true),
        (Shape::new(1, 6, 6), 2, 3, 1, 1, true),
        (Shape::new(2, 5, 6), 2, 2, 2, 0, false),
        (Shape::new(3, 4, 4), 4, 3, 1, 2, true),
        (Shape::new(1, 7, 7), 2, 5, 2, 2, true),
    ] {
        let c = layer(input, ch, k, s, p, bias);
        let r = gradcheck::check(&c, 2, input.len(), Mode::Train, 13);
        let params = c.w.data.len() + if bias { ch } else { 0 };
        assert_eq!(r.checked, 2 * input.len() + params);
        eprintln!("gradcheck conv2d {input} k{k} s{s} p{p} bias {bias}: {r:?}");
        assert!(r.max_error < 2e-3, "{input} k{k} s{s} p{p}: {r:?}");
    }
}

#[test]
fn without_bias_there_is_no_bias_parameter() {
    let c = layer(Shape::new(1, 4, 4), 2, 3, 1, 0, false);
    let mut names = Vec::new();
    c.visit(&mut |p| names.push(p.name));
    assert_eq!(names, ["w"]);
    let c = layer(Shape::new(1, 4, 4), 2, 3, 1, 0, true);
    let mut shapes = Vec::new();
    c.visit(&mut |p| shapes.push(p.shape));
    assert_eq!(shapes, [(2, 9), (1, 2)]);
}
