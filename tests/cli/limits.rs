//! What a dataset directory may hold, and how much of it is read: regular files only (a FIFO
//! would block the read, a link to `/dev/zero` would never end), at most `load::MAX_FILE`
//! bytes each, and no more than the memory the process may have. Each ends with exit 1 and
//! one message, never a hang or an abort.
use super::*;
use std::path::Path;
use std::time::Duration;

/// A copy of the small valid dataset.
fn small() -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("small")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    tmp
}

/// The exit code and stderr (the directory written `{dir}`) of `convene ARGS --data DIR`,
/// stopped after a minute: a read that blocks fails the test instead of hanging it.
fn run(cmd: &mut assert_cmd::Command, dir: &Path) -> (Option<i32>, String) {
    let out = cmd
        .arg("--data")
        .arg(dir)
        .timeout(Duration::from_secs(60))
        .output()
        .unwrap();
    let d = dir.to_str().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).replace(d, "{dir}");
    if !out.status.success() {
        assert!(
            out.stdout.is_empty(),
            "a failing command printed results: {stderr}"
        );
    }
    (out.status.code(), stderr)
}

fn check(dir: &Path) -> (Option<i32>, String) {
    run(convene().arg("check"), dir)
}

/// The one-problem report for `message` about file `name`.
fn one(name: &str, message: &str) -> (Option<i32>, String) {
    (
        Some(1),
        format!(
            "{{dir}}/{name}: {message}\nerror: the dataset has 1 problem; nothing was written\n"
        ),
    )
}

#[cfg(unix)]
#[test]
fn a_fifo_in_the_dataset_directory_is_refused_without_blocking() {
    // Regression: the loader opened it and waited for a writer that never came.
    let dir = small();
    let p = dir.path().join("participation.csv");
    std::fs::remove_file(&p).unwrap();
    let made = std::process::Command::new("mkfifo")
        .arg(&p)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo (coreutils) runs");
    assert_eq!(
        check(dir.path()),
        one(
            "participation.csv",
            "is a FIFO (named pipe), not a regular file; a dataset file must be a regular file (or a link to one)"
        )
    );
}

#[cfg(unix)]
#[test]
fn a_link_to_dev_zero_is_refused_unread_and_a_link_to_a_file_is_read() {
    // Regression: the loader read /dev/zero until memory ran out. Reading only: nothing is
    // ever written to /dev.
    let dir = small();
    let p = dir.path().join("parties.csv");
    let kept = dir.path().join("parties.kept");
    std::fs::rename(&p, &kept).unwrap();
    std::os::unix::fs::symlink("/dev/zero", &p).unwrap();
    // Under a memory limit where there is one, so that a loader that reads it anyway fails
    // at once rather than filling the machine's memory.
    let mut cmd = limited(2_000_000_000, &["check"]).unwrap_or_else(|| {
        let mut c = convene();
        c.arg("check");
        c
    });
    assert_eq!(
        run(&mut cmd, dir.path()),
        one(
            "parties.csv",
            "is a character device, not a regular file; a dataset file must be a regular file (or a link to one)"
        )
    );
    std::fs::remove_file(&p).unwrap();
    std::os::unix::fs::symlink(&kept, &p).unwrap();
    let (code, err) = check(dir.path());
    assert_eq!(code, Some(0), "{err}");
}

#[test]
fn a_file_over_the_size_limit_is_refused_unread() {
    // 2 GiB and one byte, sparse: it takes no room on disk, and reading it would take seconds.
    let dir = small();
    let f = std::fs::File::create(dir.path().join("events.csv")).unwrap();
    f.set_len(convene::load::MAX_FILE + 1).unwrap();
    assert_eq!(
        check(dir.path()),
        one(
            "events.csv",
            "file is 2147483649 bytes, over the 2147483648-byte limit for a dataset file"
        )
    );
}

/// `convene ARGS` under an address-space limit of `bytes`, or `None` where `prlimit` (Linux,
/// util-linux) is missing.
fn limited(bytes: u64, args: &[&str]) -> Option<assert_cmd::Command> {
    if std::process::Command::new("prlimit")
        .arg("--version")
        .output()
        .is_err()
    {
        eprintln!("skipped: prlimit is not installed");
        return None;
    }
    let mut c = assert_cmd::Command::new("prlimit");
    c.arg(format!("--as={bytes}"))
        .arg(env!("CARGO_BIN_EXE_convene"))
        .args(args)
        .env_remove("CONVENE_DATA")
        .env("CONVENE_CACHE_DIR", crate::test_cache());
    Some(c)
}

#[test]
fn a_file_that_does_not_fit_in_memory_is_a_clean_error() {
    // A 1.5 GB participation.csv (sparse) under a 1 GB address-space limit: the memory to
    // read it is asked for first, and refused, before anything is read.
    let dir = small();
    let f = std::fs::File::create(dir.path().join("participation.csv")).unwrap();
    f.set_len(1_500_000_000).unwrap();
    let Some(mut cmd) = limited(1_000_000_000, &["check"]) else {
        return;
    };
    assert_eq!(
        run(&mut cmd, dir.path()),
        one(
            "participation.csv",
            "not enough memory: 1500000000 more bytes could not be had (is a memory limit such as `ulimit -v` set?)"
        )
    );
}

#[test]
fn running_out_of_memory_ends_with_a_message_not_an_abort() {
    // Regression: an allocation that failed aborted the process (exit 134, "memory
    // allocation of N bytes failed" and a backtrace); render and export did so on a 300 MB
    // participation.csv under a 2 GB limit. Here a 60 MB events.csv of NUL bytes (sparse)
    // under a 100 MB address-space limit: the file is read, and copying its 60 MB header
    // cannot be had.
    let dir = small();
    let f = std::fs::File::create(dir.path().join("events.csv")).unwrap();
    f.set_len(60_000_000).unwrap();
    let Some(mut cmd) = limited(100_000_000, &["check"]) else {
        return;
    };
    let (code, err) = run(&mut cmd, dir.path());
    assert_eq!(code, Some(1), "{err}");
    assert_eq!(
        err,
        "error: out of memory: 60000000 more bytes could not be had (is a memory limit such as `ulimit -v` set?); the dataset is too large for this command\n"
    );
}
