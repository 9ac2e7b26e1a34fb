//! `sdpoa`: RFC 3264 SDP offer/answer from the command line, for VoIP engineers.
//!
//! ```text
//! cargo run --release --example sdpoa -- answer                      # answer the bundled offer
//! cargo run --release --example sdpoa -- answer invite.sip           # bare SDP or a whole SIP message
//! cargo run --release --example sdpoa -- answer --codec PCMA --srtp required offer.sdp
//! cargo run --release --example sdpoa -- validate invite.sip 200.sip # every violation of the answer
//! cargo run --release --example sdpoa -- explain invite.sip          # why each item was taken or dropped
//! cargo run --release --example sdpoa -- pcap call.pcapng            # ladders and exchanges of a capture
//! cargo run --release --example sdpoa -- check offer.sdp
//! cargo run --release --example sdpoa -- roundtrip offer.sdp
//! ```
//!
//! `--json` on answer, check, validate, explain and pcap: one object in the
//! schema of `json.rs` (docs/README-cli.md). Exit codes: 0 ok; 1 malformed
//! input or I/O error; 2 usage error; 3 offer not acceptable (`answer`); 5
//! problems or violations found (`check`, `validate`, `pcap`).

mod answer;
mod caps;
mod explain;
mod input;
mod json;
mod pcap;
mod sip;
mod summary;
mod validate;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use serde::Serialize;

use sdp_offer_answer::sdp::check::{Severity, check_text};

use caps::CapsArgs;
use input::Source;

const EXIT_CODES: &str = "\
INPUT is bare SDP, a whole SIP request or response (start line, headers,
body; multipart bodies included: the SDP part is used) or `-` for stdin.

Exit codes:
  0  success (answer: answered; check: no problem; validate: a valid answer)
  1  malformed input or I/O error (the error names the line)
  2  usage error
  3  answer: the offer cannot be accepted (stderr names the reason and the SIP response)
  5  check: problems were found; validate, pcap: violations were found";

/// RFC 3264 SDP offer/answer from the command line.
#[derive(Parser, Debug)]
#[command(name = "sdpoa", version, after_help = EXIT_CODES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Answer an SDP offer: the answer SDP on stdout, one summary line per stream on stderr.
    #[command(after_help = "\
Without OFFER, answers a bundled Lync 2013 audio+video offer. Without --local
or a quick flag, answers as a built-in softphone: audio opus/G722/PCMU/PCMA/
telephone-event, video H264/VP8, SDES and DTLS-SRTP optional, ICE, IPv4
192.0.2.10 and IPv6 2001:db8::10 (documentation addresses; demo keys, not for
real media). Quick flags describe a plain SIP phone instead: --codec (default
opus, G722, PCMU, PCMA, telephone-event, H264, VP8), --srtp (default off),
--dtls, --ipv6 (default IPv4 only).

The offer is read strictly: an o=, c=, b=, m=, a=rtpmap or a=fmtp line that
does not parse is an error (the negotiator alone would skip such a format).

Exit codes: 0 answered; 1 malformed offer, capability SDP or I/O error (the
error names the line; stderr also gives the 488 with Warning 399 a SIP stack
would send); 2 usage error; 3 offer not acceptable: stderr gives the reason
and the SIP response to send, e.g. `488 Not Acceptable Here; Warning: 305`.")]
    Answer {
        #[command(flatten)]
        caps: CapsArgs,
        /// Print one JSON object (schema: docs/README-cli.md).
        #[arg(long)]
        json: bool,
        /// The offer to answer; `-` reads stdin.
        #[arg(value_name = "OFFER")]
        offer: Option<PathBuf>,
    },
    /// Parse an SDP and print it serialized again (CRLF line endings), byte for byte.
    #[command(after_help = "Exit codes: 0 printed; 1 malformed input or I/O error; 2 usage error.")]
    Roundtrip {
        /// The SDP (or SIP message); `-` reads stdin.
        #[arg(value_name = "INPUT")]
        file: PathBuf,
    },
    /// List what a strict peer would reject in an SDP, one `line N: severity: message` per problem.
    #[command(after_help = "\
Problems go to stdout, sorted by line (a problem of the whole description has
no line number), and a count to stderr. Lines are the input's: in a SIP
message, the message's lines.

Exit codes: 0 no problem at all; 5 problems found (warnings or errors);
1 the text does not parse as SDP at all, or an I/O error; 2 usage error.")]
    Check {
        /// Print one JSON object (schema: docs/README-cli.md).
        #[arg(long)]
        json: bool,
        /// The SDP (or SIP message); `-` reads stdin.
        #[arg(value_name = "INPUT")]
        file: PathBuf,
    },
    /// Is ANSWER a correct answer to OFFER? Every RFC 3264/8866/4568/5763 violation, with its line.
    #[command(after_help = "\
Violations go to stdout, one `line N: error: message (RFC ...)` each, lines
being the answer input's: the answer's own RFC 8866 errors, then each fault
against the offer (m-line count, media, protocol, formats, fmtp, direction,
SDES, DTLS). A valid answer prints what was agreed, seen from the offerer.

Exit codes: 0 a valid answer; 5 violations found; 1 malformed input or I/O
error; 2 usage error.")]
    Validate {
        /// Print one JSON object (schema: docs/README-cli.md).
        #[arg(long)]
        json: bool,
        /// The offer; `-` reads stdin.
        #[arg(value_name = "OFFER")]
        offer: PathBuf,
        /// The answer to check; `-` reads stdin.
        #[arg(value_name = "ANSWER")]
        answer: PathBuf,
    },
    /// Per offered m-line, why each format, a=crypto line and ICE/DTLS attribute was taken or dropped.
    #[command(after_help = "\
Answers OFFER as `answer` would (same capability options) and explains, per
m-line, each offered item: `taken` into the answer or `dropped`, and why.

Exit codes: 0 explained (also when nothing is acceptable); 1 malformed input
or I/O error; 2 usage error.")]
    Explain {
        #[command(flatten)]
        caps: CapsArgs,
        /// Print one JSON object (schema: docs/README-cli.md).
        #[arg(long)]
        json: bool,
        /// The offer; `-` reads stdin.
        #[arg(value_name = "OFFER")]
        offer: PathBuf,
    },
    /// The offer/answer of a capture (pcap or pcapng): per dialog, a ladder and each exchange's outcome.
    #[command(after_help = "\
Reads SIP over UDP and TCP (IPv4 and IPv6; IP fragments and TCP streams put
back together), groups the messages by Call-ID, pairs every offer with its
answer (RFC 6337: INVITE/2xx, 2xx/ACK for a delayed offer, reliable 1xx/PRACK,
UPDATE/2xx, re-INVITEs) and prints, per dialog, the ladder and each exchange:
what was agreed (codecs, directions, hold, SRTP, DTLS-SRTP) or every
violation in the answer, with the line of the SIP message it is on. A
progress bar goes to stderr for large files when stderr is a terminal.

Exit codes: 0 every answer valid; 5 violations found; 1 unreadable or broken
capture; 2 usage error.")]
    Pcap {
        /// Print one JSON object (schema: docs/README-cli.md).
        #[arg(long)]
        json: bool,
        /// The capture file (pcap or pcapng).
        #[arg(value_name = "CAPTURE")]
        capture: PathBuf,
    },
}

/// Exit code: malformed input or I/O error.
pub(crate) const EXIT_MALFORMED: u8 = 1;
/// Exit code: `check` found problems, `validate` violations.
pub(crate) const EXIT_PROBLEMS: u8 = 5;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match &cli.command {
        Command::Answer { caps, json, offer } => {
            let source = offer.as_deref().map(Source::from_arg);
            answer::run(caps, source.as_ref(), *json)
        }
        Command::Roundtrip { file } => roundtrip(&Source::from_arg(file)),
        Command::Check { json, file } => check(&Source::from_arg(file), *json),
        Command::Validate {
            json,
            offer,
            answer,
        } => validate::run(&Source::from_arg(offer), &Source::from_arg(answer), *json),
        Command::Explain { caps, json, offer } => {
            explain::run(caps, &Source::from_arg(offer), *json)
        }
        Command::Pcap { json, capture } => pcap::run(capture, *json),
    };
    match result {
        Ok(code) => code,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::from(EXIT_MALFORMED)
        }
    }
}

/// `sdpoa roundtrip`: `serialize(parse(FILE))` on stdout, nothing added.
fn roundtrip(source: &Source) -> Result<ExitCode, String> {
    let sdp = source
        .load()
        .and_then(|l| l.parse())
        .map_err(|e| e.to_string())?;
    write_stdout(sdp.serialize().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `check --json` (see `json.rs`).
#[derive(Serialize)]
struct CheckJson {
    sdpoa: u32,
    command: &'static str,
    input: Option<json::Input>,
    problems: Vec<json::Problem>,
    errors: usize,
    warnings: usize,
    error: Option<json::Error>,
}

/// `sdpoa check`: problems on stdout, a count on stderr.
fn check(source: &Source, as_json: bool) -> Result<ExitCode, String> {
    let mut out = CheckJson {
        sdpoa: json::SCHEMA,
        command: "check",
        input: None,
        problems: Vec::new(),
        errors: 0,
        warnings: 0,
        error: None,
    };
    let checked = source.load().and_then(|l| {
        check_text(&l.text)
            .map(|p| (p, l.clone()))
            .map_err(|e| l.error(e))
    });
    let (problems, loaded) = match checked {
        Ok(found) => found,
        Err(e) if as_json => {
            out.error = Some(json::Error::from(&e));
            json::print(&out)?;
            return Ok(ExitCode::from(EXIT_MALFORMED));
        }
        Err(e) => return Err(e.to_string()),
    };
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    let code = if problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(EXIT_PROBLEMS)
    };
    if as_json {
        out.input = Some(json::Input::from(&loaded));
        out.problems = problems
            .iter()
            .map(|p| json::Problem::from_check(p, &loaded))
            .collect();
        (out.errors, out.warnings) = (errors, warnings);
        json::print(&out)?;
        return Ok(code);
    }
    let mut text = String::new();
    for p in &problems {
        let mut p = p.clone();
        p.line = loaded.line(p.line);
        text.push_str(&format!("{p}\n"));
    }
    write_stdout(text.as_bytes())?;
    if problems.is_empty() {
        eprintln!("{}: no problems", loaded.describe());
    } else {
        eprintln!(
            "{}: {} ({}, {})",
            loaded.describe(),
            plural(problems.len(), "problem"),
            plural(errors, "error"),
            plural(warnings, "warning"),
        );
    }
    Ok(code)
}

pub(crate) fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

/// Writes to stdout; a closed pipe or full disk is an exit-1 error, not a panic.
pub(crate) fn write_stdout(bytes: &[u8]) -> Result<(), String> {
    let mut out = std::io::stdout().lock();
    out.write_all(bytes)
        .and_then(|()| out.flush())
        .map_err(|e| format!("cannot write to stdout: {e}"))
}
