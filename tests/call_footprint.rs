//! What one established call costs to keep: `size_of::<Call<StandardMediaProvider>>()`
//! and the heap both Calls of an INVITE → 200 → ACK pair hold once
//! established (and after a re-INVITE), per Call. Deterministic (sizes and
//! bytes allocated by this thread), measured with a counting allocator;
//! `--nocapture` prints the figures. Heap per Call meets its 8 KB target
//! (6.7 KB measured, 6.9 KB after a re-INVITE); the size budget is today's
//! 2,000 bytes, the 1 KiB target not met yet.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::time::Instant;

use sdp_offer_answer::call::{
    Call, CallConfig, CallEstablishOptions, CallEvent, CallState, RenegotiationMode, Transmit,
};
use sdp_offer_answer::media_provider::MediaProvider;
use sdp_offer_answer::negotiation::LocalCapabilities;
use sdp_offer_answer::provider::StandardMediaProvider;

struct Counting;

thread_local! {
    static IN_USE: Cell<isize> = const { Cell::new(0) };
}

// The crate forbids unsafe, but a test harness allocator needs `unsafe
// impl`; it only forwards to `System` and counts bytes per thread.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        IN_USE.with(|c| c.set(c.get() + layout.size() as isize));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        IN_USE.with(|c| c.set(c.get() - layout.size() as isize));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        IN_USE.with(|c| c.set(c.get() + new_size as isize - layout.size() as isize));
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const LOCAL_A: &str = include_str!("data/bench/audio_local_a.sdp");
const OFFER_A_CAPS: &str = "v=0\r\no=- 3828399811 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

/// `size_of::<Call<StandardMediaProvider>>()` today (target 1 KiB).
const SIZE_BUDGET: usize = 2100;
/// Heap per established Call, in bytes: the 8 KB target.
const HEAP_BUDGET: isize = 8_000;

type C = Call<StandardMediaProvider>;

fn deliver<P: MediaProvider>(to: &mut Call<P>, t: Transmit, now: Instant) {
    let _ = match t {
        Transmit::Request(r) => to.handle_request(r, now),
        Transmit::Response(r) => to.handle_response(r, now),
    };
}

fn settle(a: &mut C, b: &mut C, now: Instant) {
    loop {
        let mut moved = false;
        while let Some(t) = a.poll_transmit() {
            deliver(b, t, now);
            moved = true;
        }
        while let Some(t) = b.poll_transmit() {
            deliver(a, t, now);
            moved = true;
        }
        while let Some(e) = b.poll_event() {
            if matches!(e, CallEvent::IncomingCall { .. }) {
                let _ = b.accept(now);
            }
        }
        while a.poll_event().is_some() {}
        if !moved {
            break;
        }
    }
}

fn in_use() -> isize {
    IN_USE.with(Cell::get)
}

#[test]
fn an_established_call_costs_a_bounded_footprint() {
    let size = std::mem::size_of::<C>();
    let caller =
        StandardMediaProvider::new(LocalCapabilities::from_sdp_text(OFFER_A_CAPS).unwrap(), 7);
    let callee = StandardMediaProvider::new(LocalCapabilities::from_sdp_text(LOCAL_A).unwrap(), 8);
    let now = Instant::now();
    let config = |seed| CallConfig::new(seed).with_renegotiation_mode(RenegotiationMode::Automatic);
    let base = in_use();
    let mut a = Call::new(caller.clone(), config(1));
    let mut b = Call::new(callee.clone(), config(2));
    a.establish(CallEstablishOptions::new(), now).unwrap();
    settle(&mut a, &mut b, now);
    assert_eq!(
        (a.state(), b.state()),
        (CallState::Established, CallState::Established)
    );
    let established = (in_use() - base) / 2;
    a.begin_renegotiation(now).unwrap();
    settle(&mut a, &mut b, now);
    let after_reinvite = (in_use() - base) / 2;
    println!(
        "size_of Call<StandardMediaProvider> {size} B; heap per established Call {established} B, {after_reinvite} B after a re-INVITE"
    );
    assert!(size <= SIZE_BUDGET, "{size}");
    assert!(established <= HEAP_BUDGET, "{established}");
    assert!(after_reinvite <= HEAP_BUDGET, "{after_reinvite}");
    drop((a, b));
}
