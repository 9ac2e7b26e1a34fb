//! Runs the `sdpoa` example from the `cli_*` tests.
//!
//! Cargo gives integration tests no path to an example binary, and
//! `cargo test --test cli_sdpoa` does not build examples. So the first test
//! to need it runs `cargo build --example sdpoa --message-format=json` once
//! and takes the executable path from cargo's own report; every test then
//! runs that binary directly.
#![allow(dead_code)]

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::OnceLock;

pub const MANIFEST_DIR: &str = env!("CARGO_MANIFEST_DIR");

/// The `sdpoa` executable, built once per test run.
pub fn sdpoa_binary() -> &'static Path {
    static BINARY: OnceLock<PathBuf> = OnceLock::new();
    BINARY.get_or_init(|| {
        let mut cmd = Command::new(env!("CARGO"));
        cmd.current_dir(MANIFEST_DIR)
            .args(["build", "--quiet", "--example", "sdpoa"])
            .arg("--message-format=json-render-diagnostics")
            .stderr(Stdio::inherit());
        if !cfg!(debug_assertions) {
            cmd.arg("--release");
        }
        let out = cmd.output().expect("cargo runs");
        assert!(out.status.success(), "cargo build --example sdpoa failed");
        let stdout = String::from_utf8(out.stdout).expect("cargo prints UTF-8");
        stdout
            .lines()
            .filter(|l| l.contains(r#""kind":["example"]"#) && l.contains(r#""name":"sdpoa""#))
            .find_map(json_executable)
            .expect("cargo reports the sdpoa executable")
    })
}

/// The `"executable"` string of a cargo `compiler-artifact` JSON line.
fn json_executable(line: &str) -> Option<PathBuf> {
    let start = line.find(r#""executable":""#)? + r#""executable":""#.len();
    let mut path = String::new();
    let mut chars = line[start..].chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Some(PathBuf::from(path)),
            '\\' => path.push(chars.next()?),
            c => path.push(c),
        }
    }
    None
}

/// What one run printed and returned.
pub struct Run {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
}

/// Runs `sdpoa args...` from the crate root, feeding `stdin`.
pub fn sdpoa(args: &[&str], stdin: &[u8]) -> Run {
    let mut child = Command::new(sdpoa_binary())
        .current_dir(MANIFEST_DIR)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("sdpoa starts");
    child
        .stdin
        .take()
        .expect("stdin is piped")
        .write_all(stdin)
        .expect("stdin takes the input");
    let Output {
        status,
        stdout,
        stderr,
    } = child.wait_with_output().expect("sdpoa ends");
    Run {
        code: status.code().expect("sdpoa exits with a code"),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// Writes `text` to a file under cargo's scratch directory for tests.
pub fn temp_file(name: &str, text: &str) -> String {
    let path = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::write(&path, text).expect("temp file written");
    path.to_str().expect("UTF-8 temp path").to_owned()
}

pub fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(MANIFEST_DIR).join(path)).expect("test data present")
}
