//! A FIFO with a fixed capacity: the Call's outbound queues.

use std::collections::VecDeque;

/// A FIFO that never holds more than `cap` items.
#[derive(Debug, Clone)]
pub(crate) struct BoundedQueue<T> {
    items: VecDeque<T>,
    cap: usize,
}

impl<T> BoundedQueue<T> {
    pub(crate) fn new(cap: usize) -> Self {
        BoundedQueue {
            items: VecDeque::new(),
            cap,
        }
    }

    /// Whether `n` more items fit.
    pub(crate) fn has_room(&self, n: usize) -> bool {
        self.items.len() + n <= self.cap
    }

    /// Appends `item`; dropped when full (callers check [`Self::has_room`]
    /// before any input, so this does not happen).
    pub(crate) fn push(&mut self, item: T) {
        if self.items.len() < self.cap {
            self.items.push_back(item);
        }
    }

    pub(crate) fn pop(&mut self) -> Option<T> {
        self.items.pop_front()
    }

    pub(crate) fn len(&self) -> usize {
        self.items.len()
    }
}
