//! Allocation counts of the hot paths, checked with a counting global
//! allocator: allocation counts are deterministic, so a regression fails CI
//! without timing noise (design.md §6: ≤ 25 allocations per answer of offer A).

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use sdp_offer_answer::negotiation::{LocalCapabilities, Negotiator};
use sdp_offer_answer::sdp::SessionDescription;

struct Counting;

thread_local! {
    static COUNT: Cell<usize> = const { Cell::new(0) };
}

// SAFETY-free: the crate forbids unsafe, but a test harness allocator needs
// `unsafe impl`; it only forwards to `System` and counts per thread.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        COUNT.with(|c| c.set(c.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        COUNT.with(|c| c.set(c.get() + 1));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

fn count<T>(f: impl FnOnce() -> T) -> (T, usize) {
    let before = COUNT.with(Cell::get);
    let out = f();
    (out, COUNT.with(Cell::get) - before)
}

const OFFER_A: &str = include_str!("data/bench/audio_offer_a.sdp");
const LOCAL_A: &str = include_str!("data/bench/audio_local_a.sdp");

/// Parse + answer + serialize of offer A against local A, as the bench does,
/// with the negotiated session confirmed.
#[test]
fn answer_of_offer_a_allocates_at_most_25_times() {
    let caps = std::sync::Arc::new(LocalCapabilities::from_sdp_text(LOCAL_A).expect("local A"));
    let (answer, n) = count(|| {
        let mut negotiator = Negotiator::new(caps.clone(), 1);
        let offer = SessionDescription::parse(OFFER_A).expect("offer A");
        let answer = negotiator.receive_offer(offer).expect("answer").serialize();
        negotiator.confirm_answer().expect("confirm");
        answer
    });
    assert!(answer.starts_with("v=0\r\n"));
    println!("allocations per answer of offer A: {n}");
    assert!(
        n <= 25,
        "{n} allocations per answer of offer A (target ≤ 25)"
    );
}
