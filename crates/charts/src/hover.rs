//! Hover read-outs: a chart records the zones of its last drawing (in backend pixels)
//! in a [`Hover`], and [`crate::hover`] turns a pointer position over one of them into a
//! sentence with the exact values under it.

use crate::Frame;

/// One zone of a chart that answers a hover.
#[derive(Clone, Debug, PartialEq)]
pub enum Zone {
    /// A map over the inputs (x₁, x₂): the frame's rectangle and data box.
    Region(Frame),
    /// A neuron's thumbnail: its rectangle and the input box it shows. `layer` 0 is the
    /// inputs, 1 the first hidden layer, the last one the output layer.
    Neuron {
        /// Rectangle and input box of the thumbnail.
        frame: Frame,
        /// The layer (0 = inputs).
        layer: usize,
        /// The unit within the layer (from 0).
        unit: usize,
    },
    /// A connection of the network diagram, a segment in backend pixels.
    Edge {
        /// Start (right side of the source node).
        a: (f64, f64),
        /// End (left side of the target node).
        b: (f64, f64),
        /// The layer the weight belongs to (1 = from the inputs to the first hidden layer).
        layer: usize,
        /// Unit in layer `layer − 1`.
        from: usize,
        /// Unit in layer `layer`.
        to: usize,
    },
    /// A plot over epochs: the frame's rectangle and its epoch/value box.
    Epochs(Frame),
}

/// The hover zones of a drawn chart, first match wins (edges: the nearest one within
/// `tolerance` pixels, only if no other zone is under the pointer).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Hover {
    /// The zones.
    pub zones: Vec<Zone>,
    /// How far from an edge, in backend pixels, the pointer may be.
    pub tolerance: f64,
}

/// Distance from `p` to the segment `a`–`b`.
pub fn segment_distance(p: (f64, f64), a: (f64, f64), b: (f64, f64)) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 > 0.0 {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    } else {
        0.0
    };
    let (cx, cy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - cx).powi(2) + (p.1 - cy).powi(2)).sqrt()
}

impl Hover {
    /// The zone under pixel (px, py), if any.
    pub fn zone_at(&self, px: f64, py: f64) -> Option<&Zone> {
        let inside = |f: &Frame| f.value_at(px, py).is_some();
        let direct = self.zones.iter().find(|z| match z {
            Zone::Region(f) | Zone::Epochs(f) | Zone::Neuron { frame: f, .. } => inside(f),
            Zone::Edge { .. } => false,
        });
        direct.or_else(|| {
            self.zones
                .iter()
                .filter_map(|z| match z {
                    Zone::Edge { a, b, .. } => Some((segment_distance((px, py), *a, *b), z)),
                    _ => None,
                })
                .filter(|(d, _)| *d <= self.tolerance)
                .min_by(|x, y| x.0.total_cmp(&y.0))
                .map(|(_, z)| z)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(l: i32, t: i32) -> Frame {
        Frame {
            px: (l, l + 10),
            py: (t, t + 10),
            x: (0.0, 1.0),
            y: (0.0, 1.0),
            x_key: "",
            y_key: "",
        }
    }

    #[test]
    fn zones_are_found_by_rectangle_then_by_the_nearest_edge() {
        let edge = |y: f64, to| Zone::Edge {
            a: (20.0, y),
            b: (60.0, y),
            layer: 1,
            from: 0,
            to,
        };
        let h = Hover {
            zones: vec![Zone::Region(frame(0, 0)), edge(5.0, 0), edge(9.0, 1)],
            tolerance: 4.0,
        };
        assert_eq!(h.zone_at(5.0, 5.0), Some(&Zone::Region(frame(0, 0))));
        // (40, 8) is 3 px from the first edge and 1 px from the second.
        assert_eq!(h.zone_at(40.0, 8.0), Some(&edge(9.0, 1)));
        assert_eq!(h.zone_at(40.0, 20.0), None);
        // Past the end of a segment the distance is to its end point: (63, 9) is 3 px away.
        assert_eq!(segment_distance((63.0, 9.0), (20.0, 9.0), (60.0, 9.0)), 3.0);
    }
}
