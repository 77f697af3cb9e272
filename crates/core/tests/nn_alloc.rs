//! Training allocates nothing per mini-batch: a counting allocator watches 100 epochs
//! (2500 batches) of the W1 workload after a warm-up epoch.

// A global allocator needs `unsafe impl`; this test binary is the only place that has one.
#![allow(unsafe_code)]
#![allow(clippy::unwrap_used)] // fixtures

use ninestep_core::nn::workload::{spiral_mlp, synthetic_spiral};
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

struct Counting;
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::Relaxed);
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn no_allocation_per_batch() {
    let (x, y) = synthetic_spiral(250, 1);
    let mut t = spiral_mlp(x, y, 1).unwrap();
    t.epoch().unwrap();
    let before = ALLOCATIONS.load(Ordering::Relaxed);
    for _ in 0..100 {
        t.epoch().unwrap();
    }
    let during = ALLOCATIONS.load(Ordering::Relaxed) - before;
    // Only the history's vector grows (doubling: about log2(100) times).
    assert!(during <= 10, "{during} allocations in 100 epochs");
}
