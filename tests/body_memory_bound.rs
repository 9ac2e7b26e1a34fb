//! Memory for parsing a body is bounded by its size: the peak heap in use
//! while `parse_body` runs (the tree it returns included) is at most 4× the
//! bytes parsed (the body plus its Content-Type value) for the worst shapes
//! near every bound of `BodyLimits` (many headers, many parts, deep
//! nesting, long folded headers, many parameters), plus, for small bodies,
//! a fixed cost per part, header and parameter that those bounds cap.
//! Measured with a counting global allocator (as `alloc_counts.rs` counts
//! allocations); `--nocapture` prints the figures.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

use sdp_offer_answer::body::{BodyError, BodyLimits, MAX_PARAMS, parse_body};

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

/// The peak heap bytes in use while `f` runs (and while its result lives
/// until it is dropped inside), above what was in use before.
fn peak_of<T>(f: impl FnOnce() -> T) -> usize {
    let base = IN_USE.with(Cell::get);
    PEAK.with(|p| p.set(base));
    let out = f();
    drop(out);
    let peak = PEAK.with(Cell::get);
    usize::try_from(peak - base).unwrap_or(0)
}

/// Parses `body` as `content_type` with `limits`, prints the figures and
/// returns the result kind and the peak/input ratio.
fn measure(
    name: &str,
    content_type: &str,
    body: &[u8],
    limits: &BodyLimits,
) -> (Result<(), BodyError>, f64) {
    let input = body.len() + content_type.len();
    let mut outcome = Ok(());
    let peak = peak_of(|| {
        let parsed = parse_body(content_type, body, limits);
        outcome = parsed.as_ref().map(|_| ()).map_err(Clone::clone);
        parsed
    });
    let ratio = peak as f64 / input as f64;
    let kind = match &outcome {
        Ok(()) => "Ok".to_owned(),
        Err(e) => format!("{e:?}").chars().take(60).collect(),
    };
    println!("{name}: input {input} B, peak {peak} B, ratio {ratio:.2}, {kind}");
    (outcome, ratio)
}

/// The default limits but a 1 MiB size cap, so that shapes far past the
/// other bounds can be fed.
const BIG: BodyLimits = BodyLimits {
    max_size: 1 << 20,
    ..BodyLimits::DEFAULT
};

/// A multipart body framed by `boundary` around `parts` (each its header
/// block, blank line and content, as bytes).
fn multipart(boundary: &str, parts: &[Vec<u8>]) -> Vec<u8> {
    let mut body = Vec::new();
    for p in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        body.extend_from_slice(p);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    body
}

/// `count` parameters `;pN="value"` with values of `len` bytes.
fn params(count: usize, len: usize) -> String {
    (0..count)
        .map(|i| format!(";p{i}=\"{}\"", "v".repeat(len)))
        .collect()
}

/// Asserts the peak of parsing `body` as `content_type` is at most 4× the
/// input, and that the parse gave `expected` (`Ok` or an error's variant
/// name).
fn assert_within_4x(
    name: &str,
    content_type: &str,
    body: &[u8],
    limits: &BodyLimits,
    expected: &str,
) -> f64 {
    let (outcome, ratio) = measure(name, content_type, body, limits);
    let kind = match &outcome {
        Ok(()) => "Ok".to_owned(),
        Err(e) => format!("{e:?}")
            .split([' ', '('])
            .next()
            .unwrap_or("")
            .to_owned(),
    };
    assert_eq!(kind, expected, "{name}");
    assert!(ratio <= 4.0, "{name}: peak is {ratio:.2}× the input");
    ratio
}

#[test]
fn one_part_with_85k_tiny_headers_is_refused_in_bounded_memory() {
    let mut part = b"a:b\n".repeat(85_000);
    part.extend_from_slice(b"\nx");
    let body = multipart("b", &[part]);
    let (outcome, ratio) = measure("85k headers", "multipart/mixed;boundary=b", &body, &BIG);
    assert_eq!(
        outcome,
        Err(BodyError::TooManyHeaders { part: 1, limit: 64 })
    );
    // Only the first 64 headers were ever held.
    assert!(ratio < 0.05, "{ratio}");
}

#[test]
fn worst_shapes_stay_within_4x_their_size() {
    let mixed = "multipart/mixed;boundary=b";
    let mut worst: f64 = 0.0;
    let mut track = |r: f64| worst = worst.max(r);

    // 64 headers (the cap) in each of 16 parts (the cap), values filling
    // ~200 KiB.
    let header_block = |value_len: usize| {
        let mut part = Vec::new();
        for i in 0..64 {
            part.extend_from_slice(format!("X-H{i}: {}\r\n", "h".repeat(value_len)).as_bytes());
        }
        part.extend_from_slice(b"\r\nx");
        part
    };
    let body = multipart("b", &vec![header_block(200); 16]);
    track(assert_within_4x(
        "16 parts × 64 headers",
        mixed,
        &body,
        &BIG,
        "Ok",
    ));
    // 65 headers: refused at the 65th.
    let mut part = header_block(3000);
    part.splice(0..0, b"X-One: more\r\n".iter().copied());
    let body = multipart("b", &[part]);
    track(assert_within_4x(
        "65 headers",
        mixed,
        &body,
        &BIG,
        "TooManyHeaders",
    ));

    // 16 parts of ~16 KiB each, and 60 000 tiny parts (refused at the 17th).
    let body = multipart(
        "b",
        &vec![b"\r\n".iter().chain(&[b'p'; 16_000]).copied().collect(); 16],
    );
    track(assert_within_4x(
        "16 parts × 16 KiB",
        mixed,
        &body,
        &BIG,
        "Ok",
    ));
    let mut body = b"--b\n".repeat(60_000);
    body.extend_from_slice(b"--b--");
    track(assert_within_4x(
        "60k tiny parts",
        mixed,
        &body,
        &BIG,
        "TooManyParts",
    ));

    // Nesting at the depth cap (4), 4 parts per level, a 200 KiB leaf.
    let mut content = vec![b'n'; 200_000];
    let mut content_type = "text/plain".to_owned();
    for level in (0..4).rev() {
        let boundary = format!("level{level}");
        let mut parts = vec![format!("Content-Type: {content_type}\r\n\r\n").into_bytes()];
        parts[0].extend_from_slice(&content);
        for _ in 0..3 {
            parts.push(b"\r\nsmall".to_vec());
        }
        content = multipart(&boundary, &parts);
        content_type = format!("multipart/mixed;boundary={boundary}");
    }
    track(assert_within_4x(
        "depth 4",
        &content_type,
        &content,
        &BIG,
        "Ok",
    ));

    // Long folded headers: one other header, a Content-Type with a quoted
    // parameter, a Content-Disposition, a Content-ID, each folded over
    // thousands of lines.
    let fold = |head: &str, piece: &str, lines: usize| {
        let mut h = head.as_bytes().to_vec();
        for _ in 0..lines {
            h.extend_from_slice(b"\r\n ");
            h.extend_from_slice(piece.as_bytes());
        }
        h.extend_from_slice(b"\r\n");
        h
    };
    let mut part = fold("X-Folded: a", "b", 60_000);
    part.extend_from_slice(b"\r\nx");
    track(assert_within_4x(
        "folded header",
        mixed,
        &multipart("b", &[part]),
        &BIG,
        "Ok",
    ));
    let mut part = fold("Content-Type: text/plain;p=\"a", "bb", 50_000);
    part.pop();
    part.pop();
    part.extend_from_slice(b"\"\r\n\r\nx");
    track(assert_within_4x(
        "folded Content-Type",
        mixed,
        &multipart("b", &[part]),
        &BIG,
        "Ok",
    ));
    let mut part = fold("Content-Disposition: render;p=\"a", "bb", 50_000);
    part.pop();
    part.pop();
    part.extend_from_slice(b"\"\r\n\r\nx");
    track(assert_within_4x(
        "folded Content-Disposition",
        mixed,
        &multipart("b", &[part]),
        &BIG,
        "Ok",
    ));
    let mut part = fold("Content-ID: <a", "bb", 50_000);
    part.extend_from_slice(b"\r\nx");
    track(assert_within_4x(
        "folded Content-ID",
        mixed,
        &multipart("b", &[part]),
        &BIG,
        "Ok",
    ));
    let mut part = fold("Content-Type: text/plain;p=a", "x", 60_000);
    part.extend_from_slice(b"\r\nx");
    track(assert_within_4x(
        "folded invalid Content-Type",
        mixed,
        &multipart("b", &[part]),
        &BIG,
        "InvalidContentType",
    ));

    // Parameters at the cap (32) with long values, in the message's
    // Content-Type, a part's Content-Type and a part's Content-Disposition.
    let ct = format!("multipart/mixed;boundary=b{}", params(31, 6000));
    track(assert_within_4x(
        "32 message params",
        &ct,
        &multipart("b", &[b"\r\nx".to_vec()]),
        &BIG,
        "Ok",
    ));
    let part = format!(
        "Content-Type: text/plain{}\r\nContent-Disposition: render{}\r\n\r\nx",
        params(32, 3000),
        params(32, 3000)
    );
    track(assert_within_4x(
        "32 part params",
        mixed,
        &multipart("b", &[part.into_bytes()]),
        &BIG,
        "Ok",
    ));
    // Far too many parameters: refused at the 33rd.
    let ct = format!("text/plain{}", params(40_000, 1));
    track(assert_within_4x(
        "40k params",
        &ct,
        b"x",
        &BIG,
        "TooManyParameters",
    ));

    // A single 256 KiB body.
    track(assert_within_4x(
        "single part",
        "application/sdp",
        &vec![b's'; 256 * 1024],
        &BIG,
        "Ok",
    ));
    println!("worst ratio: {worst:.2}");
}

/// Small bodies have a fixed cost per part, header and parameter (the
/// tree's own structs: a `MimePart`, a `(String, String)` per header, the
/// `mime` crate's index pair per parameter) that no ratio bounds; the part,
/// header and parameter bounds cap it. The costliest small body: every cap
/// reached with the smallest pieces (one-byte names and values, names
/// repeated where that is allowed).
#[test]
fn smallest_body_at_every_cap_costs_a_bounded_constant() {
    let names = "abcdefghijklmnopqrstuvwxyz0123456789";
    let tiny_params: String = names.chars().take(32).map(|c| format!(";{c}=v")).collect();
    let mut part = format!(
        "Content-Type:a/b{tiny_params}\nContent-Disposition:c{tiny_params}\nContent-ID:i\n"
    );
    part.push_str(&"h:v\n".repeat(61));
    part.push('\n');
    let body = multipart("b", &vec![part.into_bytes(); 16]);
    let content_type = "multipart/mixed;boundary=b";
    let (outcome, ratio) = measure(
        "every cap, smallest pieces",
        content_type,
        &body,
        &BodyLimits::DEFAULT,
    );
    assert_eq!(outcome, Ok(()));
    let input = body.len() + content_type.len();
    let peak = (ratio * input as f64).round() as usize;
    println!(
        "every cap: {peak} B for {input} B, {} B over 4×",
        peak.saturating_sub(4 * input)
    );
    // The fixed cost: per part at most 256 B (its `MimePart`), 56 B per
    // header and 88 B per parameter (in a Content-Type and a
    // Content-Disposition), all capped.
    let limits = BodyLimits::DEFAULT;
    let per_part = 256 + 56 * limits.max_headers + 88 * MAX_PARAMS;
    assert!(
        peak <= 4 * input + limits.max_parts * per_part,
        "{peak} B for {input} B"
    );
}
