//! Memory for `sdp::check` is bounded by the size of what it checks: the
//! peak heap it uses (the problems it returns included) is at most 4× the
//! SDP text, for the shapes that make it report the most (a problem on
//! every line, thousands of unknown group ids, repeated mids). Beyond a
//! cap the report ends with one summary problem. Measured with a counting
//! global allocator; `--nocapture` prints the figures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Bytes in use by this thread's allocations, and the peak since reset.
    static IN_USE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

fn grow(by: usize) {
    let now = IN_USE.with(|c| {
        let v = c.get() + by as isize;
        c.set(v);
        v
    });
    PEAK.with(|p| p.set(p.get().max(now)));
}

fn shrink(by: usize) {
    IN_USE.with(|c| c.set(c.get() - by as isize));
}

// The crate forbids unsafe, but a test harness allocator needs `unsafe
// impl`; it only forwards to `System` and counts bytes per thread.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        grow(layout.size());
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        shrink(layout.size());
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Counted as a move: the new block is in use before the old one is
        // freed (the conservative reading of an in-place growth).
        grow(new_size);
        shrink(layout.size());
        // SAFETY: forwarded unchanged to the system allocator.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;
use sdp_offer_answer::sdp::SessionDescription;
use sdp_offer_answer::sdp::check::check;

fn peak_of<T>(f: impl FnOnce() -> T) -> usize {
    let base = IN_USE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    drop(out);
    let peak = PEAK.with(Cell::get);
    usize::try_from(peak - base).unwrap_or(0)
}

const HDR: &str = "v=0\r\no=- 1 1 IN IP4 192.0.2.1\r\ns=-\r\nc=IN IP4 192.0.2.1\r\nt=0 0\r\n";

fn fill(head: &str, line: impl Fn(usize) -> String) -> String {
    let mut s = format!("{HDR}{head}");
    let mut i = 0;
    while s.len() < 64 * 1024 - 64 {
        s.push_str(&line(i));
        i += 1;
    }
    s
}

#[test]
fn check_uses_at_most_four_times_its_input() {
    let shapes = [
        (
            "invalid rtpmap on every line",
            fill("m=audio 4000 RTP/AVP 0\r\n", |_| "a=rtpmap:x\r\n".into()),
        ),
        (
            "unknown line type on every line",
            fill("", |_| "q=\r\n".into()),
        ),
        (
            "rtpmap for unlisted formats",
            fill("m=audio 4000 RTP/AVP 0\r\n", |i| {
                format!("a=rtpmap:{} X/1\r\n", 96 + i % 32)
            }),
        ),
        ("group of unknown ids", {
            let mut s = format!("{HDR}a=group:BUNDLE");
            while s.len() < 64 * 1024 - 64 {
                s.push_str(" x");
            }
            s.push_str("\r\nm=audio 4000 RTP/AVP 0\r\n");
            s
        }),
        (
            "mid on every line",
            fill("m=audio 4000 RTP/AVP 0\r\n", |_| "a=mid:a\r\n".into()),
        ),
        ("256 m-lines of 32 payload types without rtpmap", {
            let pts: Vec<String> = (96..128).map(|p| p.to_string()).collect();
            let line = format!("m=audio 4000 RTP/AVP {}\r\n", pts.join(" "));
            format!("{HDR}{}", line.repeat(256))
        }),
    ];
    for (name, text) in shapes {
        let Ok(sdp) = SessionDescription::parse(&text) else {
            panic!("{name}: does not parse");
        };
        let mut count = 0;
        let mut summary = String::new();
        let peak = peak_of(|| {
            let problems = check(&sdp);
            count = problems.len();
            summary = problems
                .first()
                .map(|p| p.message.clone())
                .unwrap_or_default();
            problems
        });
        // 16 + one per 128 bytes listed, then one summary, first (line 0).
        if count > 16 + text.len() / 128 {
            assert_eq!(count, 16 + text.len() / 128 + 1, "{name}");
            assert!(
                summary.ends_with(" more problems not listed"),
                "{name}: {summary}"
            );
        }
        let ratio = peak as f64 / text.len() as f64;
        println!(
            "{name}: {} bytes, {count} problems, peak {peak} B = {ratio:.2}x",
            text.len()
        );
        assert!(ratio <= 4.0, "{name}: {ratio:.2}x");
        assert!(count > 0, "{name}");
    }
}
