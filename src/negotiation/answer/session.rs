//! What an answer agrees, read off the decisions that wrote it.

use super::*;

/// What the answer agrees for one stream (the same values
/// `exchange::complete` reads back from the offer/answer pair).
pub(super) fn negotiated_stream(
    pl: &Plan<'_, '_>,
    bundle: Option<&Bundle<'_>>,
    keys: &SessionKeys,
    (ice, caps): (&crate::negotiation::ice::SessionIce, &LocalCapabilities),
) -> NegotiatedStream {
    let index = pl.scan.media.index();
    let a = match &pl.outcome {
        Err(RejectReason::DisabledInOffer) => {
            return inactive_stream(index, &pl.scan, StreamState::Disabled);
        }
        Err(r) => return inactive_stream(index, &pl.scan, StreamState::Rejected(*r)),
        Ok(a) => a,
    };
    let bundle_port = bundle
        .filter(|bd| pl.scan.mid.is_some_and(|m| bd.mids.contains(&m)))
        .map(|bd| bd.port);
    let mut s = inactive_stream(index, &pl.scan, StreamState::Active);
    s.direction = a.direction;
    // As `exchange::complete` reads it: the offer holds us when it drops
    // RECV or says `c=0.0.0.0`; we hold it when we drop RECV it offered.
    s.held_by_remote = !pl.scan.direction.contains(Direction::RECV) || pl.scan.is_old_style_hold();
    s.holding_remote =
        !a.direction.contains(Direction::RECV) && pl.scan.direction.contains(Direction::SEND);
    s.local_port = bundle_port.unwrap_or(a.port);
    s.rtcp_mux = a.rtcp_mux;
    s.codecs = a
        .formats
        .iter()
        .map(|c| NegotiatedCodec {
            encoding_name: if *c.codec.name == *c.offered.encoding.name {
                c.codec.name.clone()
            } else {
                Arc::from(c.offered.encoding.name)
            },
            clock_rate: c.offered.encoding.clock_rate,
            channels: c.offered.encoding.channels,
            send_payload_type: c.offered.pt,
            recv_payload_type: c.offered.pt,
            send_fmtp: match (c.offered.fmtp, &c.codec.fmtp) {
                (Some(f), Some(ours)) if f == &**ours => Some(ours.clone()),
                (f, _) => f.map(Arc::from),
            },
            recv_fmtp: match (&c.fmtp, &c.codec.fmtp) {
                (Some(Cow::Borrowed(f)), Some(ours)) if *f == &**ours => Some(ours.clone()),
                (f, _) => f.as_deref().map(Arc::from),
            },
        })
        .collect();
    match &a.keying {
        Keying::Plain => {}
        Keying::Sdes { offered, .. } => {
            if let Some(key) = keys.get(pl.scan.media.index(), offered.suite) {
                s.sdes = Some(SdesSrtp {
                    suite: offered.suite,
                    tag: offered.tag,
                    send: SrtpKeying {
                        master_keys: vec![key.clone()],
                        session_params: offered.params.answered(),
                    },
                    receive: SrtpKeying {
                        master_keys: offered.keys.to_vec(),
                        session_params: offered.params,
                    },
                });
            }
        }
        Keying::Dtls { setup } => {
            s.dtls = pl.scan.fingerprint.map(|fp| DtlsSrtp {
                remote_hash_function: fp.hash_function.to_ascii_lowercase(),
                remote_fingerprint: fp.fingerprint.to_owned(),
                local_setup: *setup,
            });
        }
    }
    remote_side(&mut s, &pl.scan, a.ice, a.session_ptime);
    s.ice_mismatch = a.ice_mismatch;
    if s.ice.is_some() {
        s.local_ice = ice.creds(index, caps).map(|(ufrag, pwd)| LocalIce {
            ufrag: ufrag.to_owned(),
            pwd: pwd.to_owned(),
        });
    }
    s
}
