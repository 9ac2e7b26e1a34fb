//! Reading SDP input: a file, stdin (`-`) or the bundled default offer,
//! with every failure turned into a message for exit code 1.

use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

use sdp_offer_answer::sdp::{ParseLimits, SdpError, SessionDescription};

/// Where an SDP text comes from.
#[derive(Clone, Debug)]
pub enum Source {
    /// A file path.
    File(PathBuf),
    /// Standard input (`-` on the command line).
    Stdin,
    /// A text compiled into the binary, with a name to show.
    Bundled(&'static str, &'static str),
}

impl Source {
    /// `-` is stdin, anything else a path.
    pub fn from_arg(arg: &Path) -> Self {
        if arg == Path::new("-") {
            Source::Stdin
        } else {
            Source::File(arg.to_path_buf())
        }
    }

    /// Reads the whole input as bytes.
    fn read_bytes(&self) -> Result<Vec<u8>, InputError> {
        let io = |e: std::io::Error| InputError::Io(self.to_string(), e);
        match self {
            Source::File(path) => std::fs::read(path).map_err(io),
            Source::Stdin => {
                let mut buf = Vec::new();
                std::io::stdin().lock().read_to_end(&mut buf).map_err(io)?;
                Ok(buf)
            }
            Source::Bundled(_, text) => Ok(text.as_bytes().to_vec()),
        }
    }

    /// Reads the input as UTF-8 text. Bytes that are not UTF-8 give the
    /// SDP layer's typed error, with the line of the first bad byte.
    pub fn read_text(&self) -> Result<String, InputError> {
        let bytes = self.read_bytes()?;
        match String::from_utf8(bytes) {
            Ok(text) => Ok(text),
            Err(e) => {
                let err = match SessionDescription::parse_bytes(e.as_bytes(), &ParseLimits::DEFAULT)
                {
                    // parse_bytes checks UTF-8 first, so this is the usual path.
                    Err(err) => err,
                    Ok(_) => SdpError::InvalidUtf8 { line: 1 },
                };
                Err(InputError::Sdp(self.to_string(), err))
            }
        }
    }

    /// Reads and parses the input with the default limits (64 KiB, 256 m-lines).
    pub fn read_sdp(&self) -> Result<SessionDescription, InputError> {
        let text = self.read_text()?;
        SessionDescription::parse(&text).map_err(|e| InputError::Sdp(self.to_string(), e))
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::File(path) => write!(f, "{}", path.display()),
            Source::Stdin => f.write_str("<stdin>"),
            Source::Bundled(name, _) => f.write_str(name),
        }
    }
}

/// Input that could not be read or parsed (exit code 1).
#[derive(Debug)]
pub enum InputError {
    /// The file or stdin could not be read.
    Io(String, std::io::Error),
    /// The text is not SDP; the error carries the line number.
    Sdp(String, SdpError),
}

impl fmt::Display for InputError {
    /// `<source>: line 7: invalid a=rtpmap: clock rate is not a number`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            InputError::Io(source, e) => write!(f, "cannot read {source}: {e}"),
            InputError::Sdp(source, e) => write!(f, "{source}: {e}"),
        }
    }
}
