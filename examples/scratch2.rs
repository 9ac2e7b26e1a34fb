use sdp_offer_answer::negotiation::*;
use sdp_offer_answer::sdp::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let caps =
        LocalCapabilities::from_sdp_text(&std::fs::read_to_string(&args[1]).unwrap()).unwrap();
    let text = std::fs::read_to_string(&args[2]).unwrap();
    let mut n = Negotiator::new(caps, 7);
    let a = n
        .receive_offer(SessionDescription::parse(&text).unwrap())
        .unwrap();
    print!("{a}");
    let n2 = std::time::Instant::now();
    let iters: u32 = std::env::var("ITERS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(200000);
    let caps = std::sync::Arc::new(n.capabilities().clone());
    for _ in 0..iters {
        let mut n = Negotiator::new(caps.clone(), 7);
        let o = SessionDescription::parse(&text).unwrap();
        let a = n.receive_offer(o).unwrap().serialize();
        std::hint::black_box(a);
        std::hint::black_box(n.confirm_answer().unwrap());
    }
    println!("{:?} per iter", n2.elapsed() / iters);
}
