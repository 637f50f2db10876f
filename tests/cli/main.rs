//! Integration tests for the `convene` binary: one test binary, one module per command.

// `clippy.toml` keeps all printing in `convene::output`; these tests print notices (a skipped
// check) for the person running them.
#![allow(clippy::disallowed_macros)]

mod cache;
mod charts;
mod check;
mod consumers;
mod corpus;
mod diff;
mod errors;
mod events;
mod export;
mod help;
mod limits;
mod members;
mod membership;
mod overlap;
mod party;
mod priorities;
mod readme;
mod safety;
mod shell;
mod show;
mod site;
mod svg;
mod terminal;
mod timeline;
mod truth;
mod vocabulary;

use assert_cmd::Command;
use std::path::PathBuf;

/// The binary, with a fixed environment: no dataset override, an 80-column table width, and
/// the snapshot cache in [`test_cache`] (so that a second command on a `--data` directory
/// answers from its snapshot, as a user's would, and the user's own cache is not touched).
pub fn convene() -> Command {
    let mut c = Command::cargo_bin("convene").expect("binary builds");
    c.env_remove("CONVENE_DATA")
        .env_remove("CONVENE_NO_CACHE")
        .env("CONVENE_CACHE_DIR", test_cache())
        .env("COLUMNS", "80");
    c
}

/// The snapshot cache directory the tests' commands use (under cargo's scratch directory for
/// integration tests).
pub fn test_cache() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("cache")
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// Run, expect success, return stdout.
pub fn stdout(args: &[&str]) -> String {
    let out = convene().args(args).output().expect("runs");
    assert!(
        out.status.success(),
        "convene {args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8 output")
}

/// Run with `--format json` and parse.
pub fn json(args: &[&str]) -> serde_json::Value {
    let mut a = args.to_vec();
    a.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&a)).expect("valid JSON")
}

/// Run with `--format csv` and parse into (header, rows).
pub fn csv(args: &[&str]) -> (Vec<String>, Vec<Vec<String>>) {
    let mut a = args.to_vec();
    a.extend(["--format", "csv"]);
    let text = stdout(&a);
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let header = r
        .headers()
        .expect("header")
        .iter()
        .map(str::to_string)
        .collect();
    let rows = r
        .records()
        .map(|x| x.expect("record").iter().map(str::to_string).collect())
        .collect();
    (header, rows)
}

/// The ids (first column) of a CSV result, sorted.
pub fn csv_ids(args: &[&str]) -> Vec<String> {
    let (h, rows) = csv(args);
    assert_eq!(h[0], "id", "CSV output's first column is id");
    let mut ids: Vec<String> = rows.into_iter().map(|r| r[0].clone()).collect();
    ids.sort();
    ids
}

/// Ids of a JSON list of party objects, sorted.
pub fn json_ids(v: &serde_json::Value) -> Vec<String> {
    let mut ids: Vec<String> = v
        .as_array()
        .expect("list")
        .iter()
        .map(|p| p["id"].as_str().expect("id").to_string())
        .collect();
    ids.sort();
    ids
}

pub fn sorted(v: &[&str]) -> Vec<String> {
    let mut v: Vec<String> = v.iter().map(|s| s.to_string()).collect();
    v.sort();
    v
}

/// Runs `convene ARGS` in `dir` with stdin, stdout and stderr on a pseudo-terminal, through
/// util-linux's `script` (present on every Debian system: bsdutils is essential). Returns (exit
/// code, what the terminal showed), with the CRLF the terminal writes for each line end turned
/// back into LF. Each argument reaches `convene` exactly, whatever bytes it holds.
pub fn on_a_terminal(args: &[&str], dir: &std::path::Path) -> (i32, String) {
    let bin = assert_cmd::cargo::cargo_bin("convene");
    let quoted: Vec<String> = std::iter::once(bin.to_str().expect("a UTF-8 path"))
        .chain(args.iter().copied())
        .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
        .collect();
    let out = std::process::Command::new("script")
        .args(["-q", "-e", "-f", "-c"])
        .arg(quoted.join(" "))
        .arg("/dev/null")
        .current_dir(dir)
        .env_remove("CONVENE_DATA")
        .env("CONVENE_CACHE_DIR", test_cache())
        .env("COLUMNS", "80")
        .stdin(std::process::Stdio::null())
        .output()
        .expect("util-linux `script` runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).replace("\r\n", "\n"),
    )
}

/// Split a shell-like command line on spaces, keeping "double quoted" words together.
pub fn split_args(cmd: &str) -> Vec<String> {
    let mut args = Vec::new();
    let mut cur = String::new();
    let mut quoted = false;
    for c in cmd.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !cur.is_empty() {
                    args.push(std::mem::take(&mut cur));
                }
            }
            c => cur.push(c),
        }
    }
    if !cur.is_empty() {
        args.push(cur);
    }
    args
}
