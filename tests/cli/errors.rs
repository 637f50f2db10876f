//! Exit codes, usage errors and pipes.
use super::*;
use std::io::Write;
use std::process::Stdio;

#[test]
fn usage_errors_exit_2() {
    for args in [
        vec!["frobnicate"],
        vec!["members"],
        vec!["members", "sf", "--as-of", "2024-13-01"],
        vec!["events", "--kind", "party"],
        vec!["members", "sf", "--as-of", "2024-5"],
    ] {
        let out = convene().args(&args).output().unwrap();
        assert_eq!(
            out.status.code(),
            Some(2),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

#[test]
fn a_missing_data_directory_is_an_error_naming_it() {
    let out = convene()
        .args(["check", "--data", "/nonexistent/convene"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).starts_with("/nonexistent/convene: no such directory")
    );
}

#[test]
fn a_data_path_that_is_a_file_is_an_error() {
    let f = fixture("small").join("events.csv");
    let out = convene()
        .arg("check")
        .arg("--data")
        .arg(&f)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("is a file, not a directory"));
}

#[test]
fn a_missing_file_in_the_data_directory_is_named() {
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "events.csv",
        "parties.csv",
        "participation.csv",
        "priorities.csv",
    ] {
        std::fs::copy(fixture("small").join(f), dir.path().join(f)).unwrap();
    }
    let out = convene()
        .arg("check")
        .arg("--data")
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("event_priorities.csv: file not found"),
        "{err}"
    );
}

/// Regression: writing to a closed pipe must end quietly with 0, not panic.
#[test]
fn a_closed_pipe_ends_quietly() {
    // A dataset big enough that `events` output overflows the pipe buffer.
    let dir = tempfile::tempdir().unwrap();
    for f in [
        "parties.csv",
        "participation.csv",
        "priorities.csv",
        "event_priorities.csv",
    ] {
        std::fs::write(
            dir.path().join(f),
            match f {
                "parties.csv" => "id,name,kind\nGBR,United Kingdom,country\n",
                "participation.csv" => "event,party,role\n",
                "priorities.csv" => "id,name\n",
                _ => "event,priority,source\n",
            },
        )
        .unwrap();
    }
    let mut ev = std::fs::File::create(dir.path().join("events.csv")).unwrap();
    writeln!(ev, "id,name,kind,start,source,list").unwrap();
    for i in 0..5000 {
        writeln!(
            ev,
            "event-{i},A fairly long event name number {i},meeting,2024,https://example.org/{i},complete"
        )
        .unwrap();
    }
    drop(ev);
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("convene"))
        .env("CONVENE_CACHE_DIR", crate::test_cache())
        .args(["events", "--format", "csv", "--data"])
        .arg(dir.path())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away, as with `| head -0`
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn completions_and_man_page_are_generated() {
    assert!(stdout(&["completions", "bash"]).contains("convene"));
    assert!(stdout(&["man"]).contains(".TH convene"));
}

/// Issue 12: `CONVENE_DATA=` (set but empty, as a shell script's unset variable often leaves
/// it) made every command fail with "a value is required for '--data'".
#[test]
fn an_empty_convene_data_counts_as_unset() {
    let out = convene()
        .env("CONVENE_DATA", "")
        .arg("check")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let shipped = convene().arg("check").output().unwrap();
    assert_eq!(out.stdout, shipped.stdout, "the built-in dataset was read");
}

/// Issue 12: a full or closed stderr made `eprintln!` panic (exit 101) after the work was done.
#[test]
fn a_full_stderr_does_not_turn_an_error_into_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&std::ffi::OsStr]| {
        std::process::Command::new(assert_cmd::cargo::cargo_bin("convene"))
            .env_remove("CONVENE_DATA")
            .env("CONVENE_CACHE_DIR", crate::test_cache())
            .args(args)
            // /dev/full: every write to stderr fails with "no space left on device"
            .stderr(
                std::fs::OpenOptions::new()
                    .write(true)
                    .open("/dev/full")
                    .unwrap(),
            )
            .output()
            .unwrap()
    };
    let out = run(&["members".as_ref(), "no-such-event-at-all".as_ref()]);
    assert_eq!(out.status.code(), Some(1));
    let out = run(&[
        "render".as_ref(),
        "--out-dir".as_ref(),
        dir.path().as_os_str(),
    ]);
    assert_eq!(out.status.code(), Some(0));
    assert!(dir.path().join("timeline.svg").exists());
}

/// Issue 15: "north korea" suggested the Republic of Korea, "PRC" Greece and "nowhere" Cohere,
/// while the real typos "bletchly" and "saftey" got no suggestion.
#[test]
fn suggestions_name_real_typos_and_nothing_across_a_mismatch() {
    let stderr = |args: &[&str]| {
        let out = convene().args(args).output().unwrap();
        String::from_utf8(out.stderr).unwrap()
    };
    for q in ["north korea", "nowhere", "Republic of Narnia"] {
        let e = stderr(&["party", q]);
        assert!(
            e.starts_with("error: no party matches") && !e.contains("did you mean"),
            "{e}"
        );
    }
    assert!(
        stderr(&["members", "bletchly"]).contains("(did you mean \"bletchley-2023\"?)"),
        "{}",
        stderr(&["members", "bletchly"])
    );
    assert!(stderr(&["party", "Untied Kingdom"]).contains("did you mean GBR — United Kingdom?"));
    assert_eq!(
        stderr(&["search", "saftey"]),
        "note: nothing matches \"saftey\" (did you mean \"safety\"?)\n"
    );
}

/// A newcomer's trial: `members --series S` without --current, and a diff read backwards.
#[test]
fn members_series_needs_current_and_a_backwards_diff_says_so() {
    let out = convene()
        .args(["members", "--series", "aisi-network"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--series needs --current"));
    let out = convene()
        .args(["diff", "paris-2025", "bletchley-2023", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .contains("note: A (paris-2025) is later than B (bletchley-2023)")
    );
    let out = convene().args(["completions", "BASH"]).output().unwrap();
    assert!(out.status.success(), "shell names ignore case too");
}
