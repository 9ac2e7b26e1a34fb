//! `sdpoa pcap CAPTURE`: the SIP offer/answer of a capture, per dialog.
//!
//! Reads pcap and pcapng ([`capture`]), groups SIP messages by Call-ID,
//! pairs every offer with its answer by RFC 6337's rules and validates
//! each answer ([`dialogs`]), then prints per dialog a ladder and each
//! exchange's outcome (what was agreed: codecs, directions, hold, SRTP,
//! DTLS-SRTP) with every violation found in the answers.

mod capture;
mod dialogs;
mod tcp;

use std::cell::Cell;
use std::io::{IsTerminal, Read};
use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;
use std::rc::Rc;

use serde::Serialize;

use crate::{EXIT_MALFORMED, EXIT_PROBLEMS, json, plural, write_stdout};
use capture::{Capture, Counts};
use dialogs::{Dialog, Dialogs};

/// Files at least this big get a progress bar (when stderr is a terminal).
const PROGRESS_FROM: u64 = 8 * 1024 * 1024;

#[derive(Serialize)]
struct PcapJson<'a> {
    sdpoa: u32,
    command: &'static str,
    capture: String,
    counts: Counts,
    dialogs: &'a [Dialog],
    dialogs_not_kept: u64,
    error: Option<json::Error>,
}

/// Counts the bytes read, for the progress bar.
struct Counting<R> {
    inner: R,
    read: Rc<Cell<u64>>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> std::io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.read.set(self.read.get() + n as u64);
        Ok(n)
    }
}

/// Runs `sdpoa pcap`.
pub fn run(path: &Path, as_json: bool) -> Result<ExitCode, String> {
    let name = path.display().to_string();
    let file = std::fs::File::open(path).map_err(|e| format!("cannot read {name}: {e}"))?;
    let size = file.metadata().map(|m| m.len()).unwrap_or(0);
    let read = Rc::new(Cell::new(0u64));
    let reader = Counting {
        inner: std::io::BufReader::with_capacity(256 * 1024, file),
        read: Rc::clone(&read),
    };
    let bar = (size >= PROGRESS_FROM && std::io::stderr().is_terminal()).then(|| {
        let bar = indicatif::ProgressBar::new(size);
        if let Ok(style) =
            indicatif::ProgressStyle::with_template("{bar:40} {bytes}/{total_bytes} {msg}")
        {
            bar.set_style(style);
        }
        bar
    });
    let mut capture = Capture::open(reader).map_err(|e| format!("{name}: {e}"))?;
    let mut dialogs = Dialogs::default();
    let result = capture.run(|seen| {
        dialogs.add(seen);
        if let Some(bar) = &bar {
            bar.set_position(read.get());
        }
    });
    if let Some(bar) = &bar {
        bar.finish_and_clear();
    }
    let error = result
        .err()
        .map(|e| format!("{name}: the capture breaks off: {e}"));
    let violations: usize = dialogs
        .dialogs
        .iter()
        .flat_map(|d| &d.exchanges)
        .filter(|x| !x.violations.is_empty())
        .count();
    if as_json {
        json::print(&PcapJson {
            sdpoa: json::SCHEMA,
            command: "pcap",
            capture: name,
            counts: capture.counts,
            dialogs: &dialogs.dialogs,
            dialogs_not_kept: dialogs.dialogs_not_kept,
            error: error.clone().map(json::Error::message),
        })?;
    } else {
        let mut text = String::new();
        for (i, d) in dialogs.dialogs.iter().enumerate() {
            ladder(&mut text, i + 1, d);
        }
        write_stdout(text.as_bytes())?;
        let c = capture.counts;
        let exchanges: usize = dialogs.dialogs.iter().map(|d| d.exchanges.len()).sum();
        eprintln!(
            "{name}: {}, {}, {}, {} ({} with violations)",
            plural(c.packets as usize, "packet"),
            plural(c.sip_messages as usize, "SIP message"),
            plural(dialogs.dialogs.len(), "dialog"),
            plural(exchanges, "offer/answer exchange"),
            violations,
        );
        if let Some(e) = &error {
            eprintln!("error: {e}");
        }
    }
    Ok(if error.is_some() {
        ExitCode::from(EXIT_MALFORMED)
    } else if violations > 0 {
        ExitCode::from(EXIT_PROBLEMS)
    } else {
        ExitCode::SUCCESS
    })
}

/// One dialog: its parties, its messages, its exchanges.
fn ladder(out: &mut String, n: usize, d: &Dialog) {
    let Some(first) = d.messages.first() else {
        return;
    };
    let (a, b) = (first.from, first.to);
    out.push_str(&format!(
        "dialog {n}  Call-ID {}\n  A = {a}  B = {b}\n",
        d.call_id
    ));
    let arrow = |from: SocketAddr, to: SocketAddr| {
        if from == a && to == b {
            "A -> B".to_owned()
        } else if from == b && to == a {
            "A <- B".to_owned()
        } else {
            format!("{from} -> {to}")
        }
    };
    let width = d
        .messages
        .iter()
        .map(|m| m.label.chars().count())
        .max()
        .unwrap_or(0);
    for m in &d.messages {
        let note = match (&m.sdp, m.exchange) {
            (Some(what), Some(x)) => format!("  {what} {x}"),
            (Some(what), None) => format!("  {what}"),
            (None, Some(x)) => format!("  rejects {x}"),
            (None, None) => String::new(),
        };
        let label = format!("{:<width$}", m.label);
        out.push_str(
            format!(
                "  +{:.3}  {}  {}  {label}{note}",
                m.time,
                arrow(m.from, m.to),
                m.transport
            )
            .trim_end(),
        );
        out.push('\n');
    }
    if d.messages_not_kept > 0 {
        out.push_str(&format!(
            "  ... {} more messages not shown\n",
            d.messages_not_kept
        ));
    }
    for x in &d.exchanges {
        let answer = x
            .answer
            .as_deref()
            .or(x.rejected_by.as_deref())
            .unwrap_or("no answer");
        let result = match x.outcome {
            "agreed" => format!("agreed: {}", x.agreed.join(", ")),
            "violations" => {
                let mut s = plural(x.violations.len(), "violation");
                if !x.agreed.is_empty() {
                    s.push_str(&format!(" (as read: {})", x.agreed.join(", ")));
                }
                s
            }
            other => other.to_owned(),
        };
        out.push_str(&format!(
            "  exchange {}  {} / {answer}: {result}\n",
            x.n, x.offer
        ));
        for v in &x.violations {
            out.push_str(&format!("    line {}: error: {}\n", v.line, v.message));
        }
    }
}
