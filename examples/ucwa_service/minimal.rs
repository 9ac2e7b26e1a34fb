//! The minimal `conversation` and `audioVideoSession` resources, and event
//! pages (with the long-poll wait).

use std::time::Duration;

use sdp_offer_answer::call::CallState;
use sdp_offer_answer::renegotiation::ucwa::{UCWA_NAMESPACE, UcwaEventSender, UcwaEvents};

use crate::hub::{Hub, Page};
use crate::paths::Paths;
use crate::repr::{Repr, escape};

/// A resource with links and string properties, in `repr`.
fn resource(
    repr: Repr,
    rel: &str,
    href: &str,
    links: &[(&str, String)],
    props: &[(&str, &str)],
) -> String {
    match repr {
        Repr::Json => {
            let mut map = serde_json::Map::new();
            map.insert("rel".into(), rel.into());
            for (k, v) in props {
                map.insert((*k).into(), (*v).into());
            }
            let mut l = serde_json::Map::new();
            l.insert("self".into(), serde_json::json!({ "href": href }));
            for (k, v) in links {
                l.insert((*k).into(), serde_json::json!({ "href": v }));
            }
            map.insert("_links".into(), l.into());
            serde_json::Value::Object(map).to_string()
        }
        Repr::Xml => {
            let mut out = format!(
                "<?xml version=\"1.0\" encoding=\"utf-8\"?><resource rel=\"{rel}\" href=\"{}\" xmlns=\"{UCWA_NAMESPACE}\">",
                escape(href)
            );
            for (k, v) in links {
                out.push_str(&format!("<link rel=\"{k}\" href=\"{}\"/>", escape(v)));
            }
            out.push_str(&format!("<property name=\"rel\">{rel}</property>"));
            for (k, v) in props {
                out.push_str(&format!("<property name=\"{k}\">{}</property>", escape(v)));
            }
            out.push_str("</resource>");
            out
        }
    }
}

/// UCWA's state names for a call.
fn state(state: CallState) -> &'static str {
    match state {
        CallState::Established => "Connected",
        CallState::Terminated => "Disconnected",
        CallState::Terminating => "Disconnecting",
        _ => "Connecting",
    }
}

/// The `conversation` resource.
pub fn conversation(paths: &Paths, conv: &str, call: CallState, repr: Repr) -> String {
    let links = [
        (
            "audioVideo",
            paths.session(conv).replace("/audioVideoSession", ""),
        ),
        ("audioVideoSession", paths.session(conv)),
    ];
    resource(
        repr,
        "conversation",
        &paths.conversation(conv),
        &links,
        &[("state", state(call))],
    )
}

/// The `audioVideoSession` resource.
pub fn session(paths: &Paths, conv: &str, call: CallState, repr: Repr) -> String {
    let links = [
        ("conversation", paths.conversation(conv)),
        ("renegotiations", paths.renegotiations(conv)),
    ];
    resource(
        repr,
        "audioVideoSession",
        &paths.session(conv),
        &links,
        &[("state", state(call))],
    )
}

/// The events page at `ack`, waiting up to `poll` for one.
pub async fn wait_page(hub: &Hub, paths: &Paths, ack: u64, poll: Duration, repr: Repr) -> String {
    let deadline = tokio::time::Instant::now() + poll;
    loop {
        let notified = hub.notify.notified();
        tokio::pin!(notified);
        notified.as_mut().enable();
        match hub.page(ack) {
            Page::Events(events, next) => {
                let sender = UcwaEventSender::new("communication", paths.communication(), events);
                let page =
                    UcwaEvents::new(paths.events(ack), Some(paths.events(next)), vec![sender]);
                return match repr {
                    Repr::Json => page.to_json(),
                    Repr::Xml => page.to_xml(),
                };
            }
            Page::Resync(from) => {
                let links = [("resync", paths.events(from))];
                return resource(repr, "events", &paths.events(ack), &links, &[]);
            }
            Page::Empty => {}
        }
        if tokio::time::timeout_at(deadline, notified).await.is_err() {
            let page = UcwaEvents::new(paths.events(ack), Some(paths.events(ack)), Vec::new());
            return match repr {
                Repr::Json => page.to_json(),
                Repr::Xml => page.to_xml(),
            };
        }
    }
}
