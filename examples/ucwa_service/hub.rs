//! The event channel's store: one bounded queue of UCWA events for the
//! application, numbered from 1, kept until acknowledged.
//!
//! `GET .../events?ack=N` acknowledges every event numbered below `N` (they
//! are dropped) and returns those from `N` on (at most [`PAGE_EVENTS`]);
//! the page's `next` link is `ack=` one past its last event (`ack=N+1` for
//! a page of one event; `ack=N` again for an empty page). When no event is
//! there yet, the GET waits (long poll, bounded by `--poll-secs`).
//! At most [`MAX_QUEUED`] unacknowledged events are kept: on overflow the
//! oldest is dropped, and a client whose `ack` is then below the oldest
//! kept event gets the page with a `resync` link (`ack=` the oldest kept)
//! instead of events: it should re-read its resources, then follow it.

use std::collections::VecDeque;
use std::sync::Mutex;

use sdp_offer_answer::renegotiation::ucwa::UcwaEvent;
use tokio::sync::Notify;

/// Most unacknowledged events kept.
pub const MAX_QUEUED: usize = 256;
/// Most events in one page.
pub const PAGE_EVENTS: usize = 16;

/// The queue and the wake-up of waiting long polls.
#[derive(Debug, Default)]
pub struct Hub {
    queue: Mutex<Queue>,
    /// Woken on every new event.
    pub notify: Notify,
}

#[derive(Debug, Default)]
struct Queue {
    /// Number of the first event in `events`.
    first: u64,
    events: VecDeque<UcwaEvent>,
}

/// What a GET with `ack` gets.
#[derive(Debug)]
pub enum Page {
    /// Events numbered from the ack on, and the next ack.
    Events(Vec<UcwaEvent>, u64),
    /// Nothing new yet.
    Empty,
    /// Events were lost to overflow: resync from this ack.
    Resync(u64),
}

impl Hub {
    /// Adds an event and wakes the waiting polls.
    pub fn push(&self, event: UcwaEvent) {
        if let Ok(mut q) = self.queue.lock() {
            if q.first == 0 {
                q.first = 1;
            }
            if q.events.len() >= MAX_QUEUED {
                q.events.pop_front();
                q.first += 1;
            }
            q.events.push_back(event);
        }
        self.notify.notify_waiters();
    }

    /// Acknowledges events below `ack` and reads from `ack` on.
    pub fn page(&self, ack: u64) -> Page {
        let Ok(mut q) = self.queue.lock() else {
            return Page::Empty;
        };
        if q.first == 0 {
            q.first = 1;
        }
        if ack < q.first {
            return Page::Resync(q.first);
        }
        let drop = usize::try_from(ack - q.first)
            .unwrap_or(usize::MAX)
            .min(q.events.len());
        q.events.drain(..drop);
        q.first += drop as u64;
        if q.events.is_empty() || ack > q.first {
            return Page::Empty;
        }
        let events: Vec<UcwaEvent> = q.events.iter().take(PAGE_EVENTS).cloned().collect();
        let next = ack + events.len() as u64;
        Page::Events(events, next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sdp_offer_answer::renegotiation::ucwa::{UcwaEventType, UcwaLink};

    fn event(n: usize) -> UcwaEvent {
        UcwaEvent::new(
            UcwaLink::new("audioVideoRenegotiation", format!("/r/{n}")),
            UcwaEventType::Started,
        )
    }

    #[test]
    fn ack_drops_what_came_before_and_pages_from_there() {
        let hub = Hub::default();
        assert!(matches!(hub.page(1), Page::Empty));
        hub.push(event(1));
        hub.push(event(2));
        let Page::Events(events, next) = hub.page(1) else {
            panic!("events expected")
        };
        assert_eq!((events.len(), next), (2, 3));
        let Page::Events(events, next) = hub.page(2) else {
            panic!("events expected")
        };
        assert_eq!((events[0].link.href.as_str(), next), ("/r/2", 3));
        // Event 1 is acknowledged and gone: asking for it again means a resync.
        assert!(matches!(hub.page(1), Page::Resync(2)));
        assert!(matches!(hub.page(3), Page::Empty));
        assert!(matches!(hub.page(9), Page::Empty));
    }

    #[test]
    fn overflow_drops_the_oldest_and_asks_for_a_resync() {
        let hub = Hub::default();
        for n in 0..MAX_QUEUED + 10 {
            hub.push(event(n));
        }
        assert!(matches!(hub.page(1), Page::Resync(11)));
        let Page::Events(events, next) = hub.page(11) else {
            panic!("events expected")
        };
        assert_eq!((events.len(), next), (PAGE_EVENTS, 11 + PAGE_EVENTS as u64));
    }
}
