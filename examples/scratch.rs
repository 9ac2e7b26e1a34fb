use sdp_offer_answer::negotiation::*;
use sdp_offer_answer::sdp::*;
fn main() {
    let caps = LocalCapabilities::demo_softphone();
    for f in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&f).unwrap();
        let offer = SessionDescription::parse(&text).unwrap();
        let mut n = Negotiator::new(caps.clone(), 7);
        println!("===== {f}");
        match n.receive_offer(offer) {
            Ok(a) => {
                print!("{a}");
                let s = n.confirm_answer();
                match s {
                    Ok(s) => {
                        for st in &s.streams {
                            println!(
                                "  #{} {:?} {:?} dir={} codec={:?} te={:?} remote={:?}",
                                st.index,
                                st.media,
                                st.state,
                                st.direction,
                                st.codec().map(|c| (&c.encoding_name, c.send_payload_type)),
                                st.telephone_event().map(|c| c.send_payload_type),
                                st.remote_rtp
                            )
                        }
                    }
                    Err(e) => println!("CONFIRM ERR {e}"),
                }
            }
            Err(e) => println!("ERR {e} -> {:?}", e.sip_decline().map(|d| d.to_string())),
        }
    }
}
