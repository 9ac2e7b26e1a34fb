//! `sdpoa`: RFC 3264 SDP offer/answer from the command line, for VoIP engineers.
//!
//! ```text
//! cargo run --release --example sdpoa -- answer                      # answer the bundled offer
//! cargo run --release --example sdpoa -- answer --local caps.sdp offer.sdp
//! cargo run --release --example sdpoa -- roundtrip offer.sdp
//! cargo run --release --example sdpoa -- check offer.sdp
//! ```
//!
//! Exit codes: 0 ok; 1 malformed input or I/O error; 2 usage error; 3 offer
//! not acceptable (`answer`); 5 problems found (`check`).

mod answer;
mod input;
mod summary;

use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use sdp_offer_answer::sdp::check::{Severity, check_text};

use input::{InputError, Source};

const EXIT_CODES: &str = "\
Exit codes:
  0  success (answer: the offer was answered; check: no problem found)
  1  malformed input or I/O error (the error names the line)
  2  usage error
  3  answer: the offer cannot be accepted (stderr names the reason and the SIP response)
  5  check: problems were found (warnings or errors)";

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
Without OFFER, answers a bundled Lync 2013 audio+video offer. Without --local,
answers as a built-in softphone: audio opus/G722/PCMU/PCMA/telephone-event,
video H264/VP8, SDES and DTLS-SRTP optional, ICE, IPv4 192.0.2.10 and IPv6
2001:db8::10 (documentation addresses; demo keys, not for real media).

The offer is read strictly: an o=, c=, b=, m=, a=rtpmap or a=fmtp line that
does not parse is an error (the negotiator alone would skip such a format).

Exit codes: 0 answered; 1 malformed offer, capability SDP or I/O error (the
error names the line; stderr also gives the 488 with Warning 399 a SIP stack
would send); 2 usage error; 3 offer not acceptable: stderr gives the reason
and the SIP response to send, e.g. `488 Not Acceptable Here; Warning: 305`.")]
    Answer {
        /// Capability SDP (PJSIP/Sofia-SIP style local SDP) to answer with.
        #[arg(long, value_name = "CAPS.sdp")]
        local: Option<PathBuf>,
        /// The offer to answer; `-` reads stdin.
        #[arg(value_name = "OFFER.sdp")]
        offer: Option<PathBuf>,
    },
    /// Parse an SDP and print it serialized again (CRLF line endings), byte for byte.
    #[command(after_help = "Exit codes: 0 printed; 1 malformed input or I/O error; 2 usage error.")]
    Roundtrip {
        /// The SDP file; `-` reads stdin.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
    /// List what a strict peer would reject in an SDP, one `line N: severity: message` per problem.
    #[command(after_help = "\
Problems go to stdout, sorted by line (a problem of the whole description has
no line number), and a count to stderr.

Exit codes: 0 no problem at all; 5 problems found (warnings or errors);
1 the text does not parse as SDP at all, or an I/O error; 2 usage error.")]
    Check {
        /// The SDP file; `-` reads stdin.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

/// Exit code: malformed input or I/O error.
pub(crate) const EXIT_MALFORMED: u8 = 1;
/// Exit code: `check` found problems.
const EXIT_PROBLEMS: u8 = 5;

fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Answer { local, offer } => answer::run(local, offer),
        Command::Roundtrip { file } => roundtrip(&Source::from_arg(&file)),
        Command::Check { file } => check(&Source::from_arg(&file)),
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
    let sdp = source.read_sdp().map_err(|e| e.to_string())?;
    write_stdout(sdp.serialize().as_bytes())?;
    Ok(ExitCode::SUCCESS)
}

/// `sdpoa check`: problems on stdout, a count on stderr.
fn check(source: &Source) -> Result<ExitCode, String> {
    let text = source.read_text().map_err(|e| e.to_string())?;
    let problems =
        check_text(&text).map_err(|e| InputError::Sdp(source.to_string(), e).to_string())?;
    let mut out = String::new();
    for p in &problems {
        out.push_str(&format!("{p}\n"));
    }
    write_stdout(out.as_bytes())?;
    let errors = problems
        .iter()
        .filter(|p| p.severity == Severity::Error)
        .count();
    let warnings = problems.len() - errors;
    if problems.is_empty() {
        eprintln!("{source}: no problems");
        return Ok(ExitCode::SUCCESS);
    }
    eprintln!(
        "{source}: {} ({}, {})",
        plural(problems.len(), "problem"),
        plural(errors, "error"),
        plural(warnings, "warning"),
    );
    Ok(ExitCode::from(EXIT_PROBLEMS))
}

fn plural(n: usize, word: &str) -> String {
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
