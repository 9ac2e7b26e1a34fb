//! Allocation counts of the hot paths, checked with a counting global
//! allocator: allocation counts are deterministic, so a regression fails CI
//! without timing noise (target: ≤ 25 allocations per answer of offer A).

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
    // 7 measured 2026-12-03 (the performance target, ≤ 4, is not met):
    // a new allocation on this path fails CI.
    assert!(
        n <= 7,
        "{n} allocations per answer of offer A (7 measured; target ≤ 4)"
    );
}

mod call_flow {
    use std::time::Instant;

    use sdp_offer_answer::call::{
        Call, CallConfig, CallEstablishOptions, CallEvent, CallState, Transmit,
    };
    use sdp_offer_answer::media_provider::MediaProvider;
    use sdp_offer_answer::negotiation::LocalCapabilities;
    use sdp_offer_answer::provider::StandardMediaProvider;

    use super::{LOCAL_A, count};

    /// The caller's capabilities, like `audio_offer_a.sdp`.
    const OFFER_A_CAPS: &str = "v=0\r\no=- 3828399811 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\nt=0 0\r\nm=audio 20000 RTP/AVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\na=ptime:20\r\na=sendrecv\r\n";

    fn deliver<P: MediaProvider>(to: &mut Call<P>, t: Transmit, now: Instant) {
        match t {
            Transmit::Request(r) => to.handle_request(r, now),
            Transmit::Response(r) => to.handle_response(r, now),
        }
        .expect("delivered");
    }

    /// INVITE → 200 → ACK between two Calls with the standard provider,
    /// Calls built and dropped inside the count.
    fn invite_200_ack(caller: &StandardMediaProvider, callee: &StandardMediaProvider) {
        let now = Instant::now();
        let mut a = Call::new(caller.clone(), CallConfig::new(1));
        let mut b = Call::new(callee.clone(), CallConfig::new(2));
        a.establish(CallEstablishOptions::new(), now)
            .expect("establish");
        loop {
            if let Some(t) = a.poll_transmit() {
                deliver(&mut b, t, now);
            } else if let Some(t) = b.poll_transmit() {
                deliver(&mut a, t, now);
            } else {
                break;
            }
            while let Some(e) = b.poll_event() {
                if matches!(e, CallEvent::IncomingCall { .. }) {
                    b.accept(now).expect("accept");
                }
            }
            while a.poll_event().is_some() {}
        }
        assert_eq!(
            (a.state(), b.state()),
            (CallState::Established, CallState::Established)
        );
    }

    #[test]
    fn full_call_flow_allocations_are_bounded() {
        let caller = StandardMediaProvider::new(
            LocalCapabilities::from_sdp_text(OFFER_A_CAPS).expect("caps"),
            7,
        );
        let callee =
            StandardMediaProvider::new(LocalCapabilities::from_sdp_text(LOCAL_A).expect("caps"), 8);
        invite_200_ack(&caller, &callee); // warm up lazily built statics
        let ((), n) = count(|| invite_200_ack(&caller, &callee));
        println!("allocations per INVITE → 200 → ACK flow (both Calls): {n}");
        // Measured 2026-11-21; a regression beyond it fails CI.
        assert!(
            n <= CALL_FLOW_ALLOCATION_BUDGET,
            "{n} allocations per call flow (budget {CALL_FLOW_ALLOCATION_BUDGET})"
        );
    }

    /// 65 measured when the test was written; a little room for features, none for regressions.
    const CALL_FLOW_ALLOCATION_BUDGET: usize = 72;
}
