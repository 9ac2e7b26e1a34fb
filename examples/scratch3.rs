use sdp_offer_answer::negotiation::*;
use sdp_offer_answer::sdp::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let text = std::fs::read_to_string(&args[1]).unwrap();
    let iters: u32 = std::env::var("ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let caps = std::sync::Arc::new(LocalCapabilities::demo_softphone());
    for _ in 0..iters {
        let mut n = Negotiator::new(caps.clone(), 7);
        let o = SessionDescription::parse(&text).unwrap();
        let a = n.receive_offer(o).unwrap().serialize();
        std::hint::black_box(a);
        std::hint::black_box(n.confirm_answer().unwrap());
    }
}
