//! Header extension ids of an offer (RFC 8285, RFC 8843 §9.2).

use super::*;

/// RTP header extension ids of the offer (RFC 8285), one mapping for the
/// whole session: bundled m-lines share one RTP stream demultiplexer, so an
/// id must name the same extension in every one of them (RFC 8843 §9.2;
/// Chromium refuses an offer that maps one id to two URIs: "A BUNDLE group
/// contains a codec collision for header extension id=2"). Ids of our
/// previous SDP are kept (a re-offer does not remap them); other URIs take
/// the lowest free id, one-byte ids (1..=14, RFC 8285 §4.2) first.
pub(super) fn extmap_ids<'a>(
    caps: &'a LocalCapabilities,
    local: Option<&'a SessionDescription>,
) -> Vec<(&'a str, u16)> {
    let mut ids: Vec<(&str, u16)> = Vec::new();
    let wanted = |uri: &str| {
        caps.media
            .iter()
            .any(|m| m.extmaps.iter().any(|u| &**u == uri))
    };
    for m in local.iter().flat_map(|l| l.media_descriptions()) {
        for attr in m.attributes().filter(|a| a.name() == "extmap") {
            let (id, rest) = crate::sdp::views::split_token(attr.value().unwrap_or(""));
            let (uri, _) = crate::sdp::views::split_token(rest);
            let id = id.split('/').next().and_then(|i| i.parse::<u16>().ok());
            if let Some(id) = id.filter(|i| (1..=255).contains(i)) {
                if wanted(uri) && !ids.iter().any(|(u, i)| *u == uri || *i == id) {
                    ids.push((uri, id));
                }
            }
        }
    }
    for uri in caps.media.iter().flat_map(|m| m.extmaps.iter()) {
        if ids.iter().any(|(u, _)| *u == &**uri) {
            continue;
        }
        if let Some(id) = (1u16..=255).find(|i| !ids.iter().any(|(_, t)| t == i)) {
            ids.push((uri, id));
        }
    }
    ids
}
