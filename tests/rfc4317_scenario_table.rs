//! Table-driven RFC 4317 check over the machine-readable scenario table of
//! tests/data/rfc4317/README.md: for every offer/answer pair of every
//! section, a negotiator built from the answerer's capabilities as the
//! table states them answers the RFC's offer, and its answer must agree
//! with the RFC's answer in every negotiated value (acceptance, formats,
//! PT numbers, rtpmaps, directions) and use the configured ports, except
//! for three documented differences (2.3 step 2, 5.2 step 2, 3.2 step 4); the rows of the
//! known-issues block must fail an RFC 3264 §6.1 direction check and every
//! other row must pass it. The per-section tests (rfc4317_*.rs) drive the
//! multi-step flows through one negotiator.

mod common;

use common::*;
use sdp_offer_answer::negotiation::{Codec, LocalCapabilities, MediaCapability, Negotiator};
use sdp_offer_answer::sdp::{Direction, MediaType, SessionDescription};

#[derive(Debug)]
struct Row {
    section: String,
    step: u32,
    from: String,
    kind: String,
    file: String,
    caps: String,
}

fn readme() -> String {
    data_text("rfc4317", "README.md")
}

/// The lines of every fenced block whose info string is `info`.
fn blocks(text: &str, info: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut inside = false;
    for line in text.lines() {
        if inside {
            if line.starts_with("```") {
                inside = false;
            } else if !line.trim().is_empty() {
                out.push(line.to_owned());
            }
        } else if line.trim() == format!("```{info}") {
            inside = true;
        }
    }
    out
}

fn rows() -> Vec<Row> {
    blocks(&readme(), "scenario")
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split(" | ").collect();
            assert_eq!(f.len(), 6, "{l}");
            Row {
                section: f[0].to_owned(),
                step: f[1].parse().unwrap(),
                from: f[2].to_owned(),
                kind: f[3].to_owned(),
                file: f[4].to_owned(),
                caps: f[5].to_owned(),
            }
        })
        .collect()
}

fn known_issues() -> Vec<(String, u32, String)> {
    blocks(&readme(), "known-issues")
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split(" | ").collect();
            assert_eq!(f.len(), 3, "{l}");
            (f[0].to_owned(), f[1].parse().unwrap(), f[2].to_owned())
        })
        .collect()
}

/// Each offer row followed by its answer row.
fn exchanges() -> Vec<(Row, Row)> {
    let mut out = Vec::new();
    let mut it = rows().into_iter().peekable();
    while let Some(offer) = it.next() {
        assert_eq!(offer.kind, "offer", "{offer:?}");
        let answer = it.next().expect("an answer row follows each offer row");
        assert_eq!(answer.kind, "answer");
        assert_eq!(answer.section, offer.section);
        assert_eq!(answer.step, offer.step + 1);
        assert_ne!(answer.from, offer.from);
        out.push((offer, answer));
    }
    out
}

fn direction(word: &str) -> Direction {
    match word {
        "sendrecv" => Direction::SENDRECV,
        "sendonly" => Direction::SEND,
        "recvonly" => Direction::RECV,
        "inactive" => Direction::INACTIVE,
        other => panic!("direction {other}"),
    }
}

/// Capabilities from the table's answerer column, one media capability
/// per accepted m-line, on the port of the RFC's answer.
fn capabilities(column: &str, rfc_answer: &SessionDescription) -> LocalCapabilities {
    let mut b = LocalCapabilities::builder().ipv4("192.0.2.20".parse().unwrap());
    if column == "none" {
        return b.build().unwrap();
    }
    let ports = mlines(rfc_answer);
    for (i, entry) in column.split("; ").enumerate() {
        let (media, rest) = entry.split_once(':').unwrap();
        if rest == "rejected" {
            continue;
        }
        let (codecs, dir) = rest.split_once(' ').unwrap();
        let mut cap =
            MediaCapability::new(MediaType::parse(media), ports[i].port).direction(direction(dir));
        for codec in codecs.split(',') {
            let parts: Vec<&str> = codec.split('/').collect();
            let mut c = Codec::new(parts[0], parts[1].parse().unwrap());
            if let Some(ch) = parts.get(2) {
                c = c.channels(ch.parse().unwrap());
            }
            cap = cap.codec(c);
        }
        b = b.media(cap);
    }
    b.build().unwrap()
}

/// RFC 3264 §6.1 checks on a printed answer: same m-line count, an
/// accepted stream lists a format and its direction is one the offer allows.
fn conformance(offer: &SessionDescription, answer: &SessionDescription) -> Result<(), String> {
    let (o, a) = (mlines(offer), mlines(answer));
    if o.len() != a.len() {
        return Err(format!("{} m-lines answer {}", a.len(), o.len()));
    }
    for (i, (o, a)) in o.iter().zip(&a).enumerate() {
        if a.accepted() && !o.accepted() {
            return Err(format!(
                "stream {} accepted but disabled in the offer",
                i + 1
            ));
        }
        if a.accepted() && a.formats.is_empty() {
            return Err(format!("stream {} accepted with no format", i + 1));
        }
        if a.accepted() && !o.direction.reversed().contains(a.direction) {
            return Err(format!(
                "stream {} answered {} to a {} offer",
                i + 1,
                a.direction,
                o.direction
            ));
        }
    }
    Ok(())
}

#[test]
fn table_covers_all_sections_and_files() {
    let ex = exchanges();
    let sections: Vec<&str> = ex.iter().map(|(o, _)| o.section.as_str()).collect();
    let mut distinct = sections.clone();
    distinct.dedup();
    assert_eq!(
        distinct,
        [
            "2.1", "2.2", "2.3", "2.4", "2.5", "2.6", "2.7", "2.8", "3.1", "3.2", "4.1", "4.2",
            "4.3", "5.1", "5.2", "5.3"
        ]
    );
    assert_eq!(ex.len(), 27);
    let mut files: Vec<String> = std::fs::read_dir(data_dir("rfc4317"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".sdp"))
        .collect();
    files.sort();
    let mut listed: Vec<String> = rows().into_iter().map(|r| r.file).collect();
    listed.sort();
    assert_eq!(files, listed);
    assert_eq!(files.len(), 54);
}

#[test]
fn every_rfc_answer_is_reproduced_from_the_answerer_capabilities() {
    let mut checked = 0;
    for (offer_row, answer_row) in exchanges() {
        let offer = rfc(&offer_row.file);
        let theirs = rfc(&answer_row.file);
        let caps = capabilities(&answer_row.caps, &theirs);
        let mut n = Negotiator::new(caps, 7);
        let ours = n
            .receive_offer(offer.clone())
            .unwrap_or_else(|e| panic!("{}: {e}", answer_row.file))
            .clone();
        n.confirm_answer().unwrap();
        // Our answer is always a conforming answer on the configured ports.
        conformance(&offer, &ours).unwrap();
        for (o, t) in mlines(&ours).iter().zip(mlines(&theirs)) {
            assert_eq!(o.port, t.port, "{}: configured port", answer_row.file);
            if o.accepted() {
                assert_eq!(o.address.as_deref(), Some("192.0.2.20"));
            }
        }
        let key = (answer_row.section.as_str(), answer_row.step);
        match key {
            // We keep the offerer's PT (`manual::negotiation_rules`); the RFC's Bob renumbers 97 → 99.
            ("2.3", 2) => {
                let (o, t) = (mlines(&ours), mlines(&theirs));
                assert_eq!(o[0].formats(), ["97"]);
                assert_eq!(t[0].formats(), ["99"]);
                assert_eq!(o[0].codecs(), t[0].codecs());
                assert_eq!(o[1].formats, t[1].formats);
            }
            // The RFC's answer is not legal (known issue); ours answers recvonly
            // and lists only the offered iLBC.
            ("3.2", 4) => {
                let (o, t) = (mlines(&ours), mlines(&theirs));
                assert_eq!(o[0].formats(), ["97"]);
                assert_eq!(o[0].direction, Direction::RECV);
                assert_eq!(t[0].direction, Direction::SENDRECV);
                assert_eq!(o[1].formats, t[1].formats);
                assert_eq!(o[1].direction, t[1].direction);
            }
            _ => assert_same_negotiated_values(&ours, &theirs),
        }
        checked += 1;
    }
    assert_eq!(checked, 27);
}

#[test]
fn only_the_known_issue_rows_break_rfc3264_directions() {
    let issues = known_issues();
    assert_eq!(issues.len(), 1);
    let mut failing = Vec::new();
    for (offer_row, answer_row) in exchanges() {
        let verdict = conformance(&rfc(&offer_row.file), &rfc(&answer_row.file));
        if let Err(reason) = verdict {
            failing.push((answer_row.section.clone(), answer_row.step, reason));
        }
    }
    assert_eq!(
        failing,
        [(
            "3.2".to_owned(),
            4,
            "stream 1 answered sendrecv to a sendonly offer".to_owned()
        )]
    );
    let (section, step, reason) = &issues[0];
    assert_eq!((section.as_str(), *step), ("3.2", 4));
    assert!(reason.starts_with(&failing[0].2), "{reason}");
}
