//! Which m-lines an offer has: kept, disabled, reused or appended (RFC 3264 §8).

use super::*;

/// Decides every m-line of the offer.
pub(super) fn plan<'a>(p: &OfferParams<'a>) -> Vec<Slot<'a>> {
    let caps = p.caps;
    let mut slots = Vec::new();
    let mut uses: SmallVec<[u8; 8]> = smallvec::smallvec![0; caps.media.len()];
    // The capability for a stream of `media`: `preferred` (the one that
    // carried it in the session), else the first unused one of its type,
    // else the first of its type shared on a port 2 higher per extra stream.
    let mut take_cap =
        |media: MediaType, preferred: Option<usize>| -> Option<(&'a MediaCapability, u16, usize)> {
            let of_type = |k: &usize| caps.media.get(*k).is_some_and(|c| c.media == media);
            let k = preferred
                .filter(of_type)
                .or_else(|| (0..caps.media.len()).find(|k| of_type(k) && uses[*k] == 0))
                .or_else(|| (0..caps.media.len()).find(of_type))?;
            let cap = caps.media.get(k)?;
            let port = cap.port.checked_add(2 * u16::from(uses[k]))?;
            uses[k] = uses[k].saturating_add(1);
            Some((cap, port, k))
        };
    let mut adds = p.add.iter().copied();
    let Some(local) = p.local else {
        let initial = caps.media.iter().map(|c| c.media).chain(adds);
        for (i, media) in initial.enumerate() {
            if let Some((cap, port, cap_index)) = take_cap(media, None) {
                let mid = caps.bundle.then(|| i.to_string());
                slots.push(Slot::Stream {
                    cap,
                    cap_index,
                    port,
                    mid,
                    previous: None,
                    remote: None,
                });
            }
        }
        return slots;
    };
    let mut pending_add: Option<MediaType> = adds.next();
    let mut used_mids: Vec<String> = local
        .media_descriptions()
        .filter_map(|m| {
            m.attribute("mid")
                .and_then(|a| a.value())
                .map(str::to_owned)
        })
        .collect();
    for (i, lm) in local.media_descriptions().enumerate() {
        let active = p
            .negotiated
            .and_then(|n| n.streams.get(i))
            .is_some_and(|s| s.is_active());
        let media = lm
            .media_line()
            .map(|l| l.media_type())
            .unwrap_or(MediaType::Other);
        let remote = p.remote.and_then(|r| r.media(i));
        if active && !p.remove.contains(&i) {
            let port = lm.media_line().map(|l| l.port).unwrap_or(0);
            let preferred = p.stream_caps.get(i).copied().flatten().map(usize::from);
            if let Some((cap, fresh, cap_index)) = take_cap(media, preferred) {
                let mid = lm
                    .attribute("mid")
                    .and_then(|a| a.value())
                    .map(str::to_owned);
                let port = if port != 0 { port } else { fresh };
                slots.push(Slot::Stream {
                    cap,
                    cap_index,
                    port,
                    mid,
                    previous: Some(lm),
                    remote,
                });
                continue;
            }
        }
        if !active && !p.remove.contains(&i) {
            if let Some(media) = pending_add.take() {
                if let Some((cap, port, cap_index)) = take_cap(media, None) {
                    pending_add = adds.next();
                    let mid = caps.bundle.then(|| fresh_mid(&mut used_mids));
                    slots.push(Slot::Stream {
                        cap,
                        cap_index,
                        port,
                        mid,
                        previous: None,
                        remote: None,
                    });
                    continue;
                }
            }
        }
        slots.push(Slot::Disabled(lm));
    }
    for media in pending_add.into_iter().chain(adds) {
        if let Some((cap, port, cap_index)) = take_cap(media, None) {
            let mid = caps.bundle.then(|| fresh_mid(&mut used_mids));
            slots.push(Slot::Stream {
                cap,
                cap_index,
                port,
                mid,
                previous: None,
                remote: None,
            });
        }
    }
    distinct_ports(&mut slots, caps);
    slots
}

/// A new stream never takes the port of another stream of the offer (a
/// kept one, or a new one before it): a reused slot before a kept stream
/// of its kind would otherwise get that stream's port (RFC 3264 §8.1).
fn distinct_ports(slots: &mut [Slot<'_>], caps: &LocalCapabilities) {
    for i in 0..slots.len() {
        let Slot::Stream {
            cap,
            previous: None,
            ..
        } = &slots[i]
        else {
            continue;
        };
        let media = cap.media;
        let taken = |port: u16| {
            slots.iter().enumerate().any(|(j, s)| {
                matches!(s, Slot::Stream { port: q, previous, .. }
                    if j != i && *q == port && (j < i || previous.is_some()))
            })
        };
        let Slot::Stream { port, .. } = &slots[i] else {
            continue;
        };
        let mut next = *port;
        let mut k = 0;
        while taken(next) {
            match caps.media_for(media, k) {
                Some((_, p)) => next = p,
                None => break,
            }
            k += 1;
        }
        if let Slot::Stream { port, .. } = &mut slots[i] {
            *port = next;
        }
    }
}

fn fresh_mid(used: &mut Vec<String>) -> String {
    let mut n = used.len();
    loop {
        let candidate = n.to_string();
        if !used.contains(&candidate) {
            used.push(candidate.clone());
            return candidate;
        }
        n += 1;
    }
}
