//! The snapshot cache, end to end: whatever state a snapshot is in — missing, current,
//! stale, damaged, foreign — a command answers exactly as it does without the cache.

use crate::convene;
use std::path::{Path, PathBuf};

/// A copy of the shipped dataset in a directory of its own, and a cache directory of its own.
struct Setup {
    _tmp: tempfile::TempDir,
    data: PathBuf,
    cache: PathBuf,
}

fn setup() -> Setup {
    let tmp = tempfile::tempdir().unwrap();
    let data = tmp.path().join("data");
    std::fs::create_dir(&data).unwrap();
    for f in convene::load::FILES {
        std::fs::copy(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("events").join(f),
            data.join(f),
        )
        .unwrap();
    }
    let cache = tmp.path().join("cache");
    Setup {
        _tmp: tmp,
        data,
        cache,
    }
}

/// What a run gave: exit code, stdout, stderr.
type Outcome = (Option<i32>, String, String);

fn run(s: &Setup, cache: bool, args: &[&str]) -> Outcome {
    let mut c = convene();
    c.env("CONVENE_CACHE_DIR", &s.cache)
        .arg("--data")
        .arg(&s.data);
    if !cache {
        c.arg("--no-cache");
    }
    let out = c.args(args).output().unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The snapshot files in the cache directory.
fn snapshots(s: &Setup) -> Vec<PathBuf> {
    let Ok(list) = std::fs::read_dir(&s.cache) else {
        return Vec::new();
    };
    let mut v: Vec<PathBuf> = list
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "snapshot"))
        .collect();
    v.sort();
    v
}

fn status(s: &Setup) -> String {
    let out = convene()
        .env("CONVENE_CACHE_DIR", &s.cache)
        .args(["cache", "status"])
        .output()
        .unwrap();
    assert!(out.status.success());
    String::from_utf8(out.stdout).unwrap()
}

/// The questions asked of every cache state: they read events, parties, rows, their texts,
/// priority links and the indexes.
const QUESTIONS: &[&[&str]] = &[
    &["members", "bletchley-2023", "--format", "json"],
    &["diff", "bletchley-2023", "paris-2025"],
    &["party", "USA", "--format", "csv"],
    &["party", "GBR", "--format", "json"],
    &["show", "seoul-2024"],
    &["events", "--kind", "summit", "--format", "csv"],
    &["export", "--format", "json"],
];

fn same_answers(s: &Setup) {
    for q in QUESTIONS {
        let plain = run(s, false, q);
        assert_eq!(
            run(s, true, q),
            plain,
            "convene {q:?}: the cache changed the answer"
        );
    }
}

#[test]
fn a_warm_command_answers_as_a_cold_one() {
    let s = setup();
    let cold = run(&s, true, QUESTIONS[0]);
    assert_eq!(
        snapshots(&s).len(),
        1,
        "the first command writes a snapshot"
    );
    assert_eq!(cold, run(&s, false, QUESTIONS[0]));
    same_answers(&s);
    assert!(status(&s).contains("current"), "{}", status(&s));
}

#[test]
fn no_cache_writes_no_snapshot() {
    let s = setup();
    run(&s, false, QUESTIONS[0]);
    let mut c = convene();
    c.env("CONVENE_CACHE_DIR", &s.cache)
        .env("CONVENE_NO_CACHE", "1")
        .arg("--data")
        .arg(&s.data)
        .args(QUESTIONS[0])
        .assert()
        .success();
    assert!(snapshots(&s).is_empty());
}

/// Change one byte of a file (its last lower-case letter, to another) and put its
/// modification time back, so that only its bytes (and its change time) tell.
fn edit_one_byte(path: &Path) {
    let mut bytes = std::fs::read(path).unwrap();
    let at = bytes
        .iter()
        .rposition(u8::is_ascii_lowercase)
        .expect("a letter to change");
    bytes[at] = if bytes[at] == b'z' {
        b'y'
    } else {
        bytes[at] + 1
    };
    let modified = std::fs::metadata(path).unwrap().modified().unwrap();
    std::fs::write(path, &bytes).unwrap();
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(modified)
        .unwrap();
}

#[test]
fn editing_one_byte_of_any_csv_file_invalidates_the_snapshot() {
    for f in convene::load::FILES {
        let s = setup();
        run(&s, true, QUESTIONS[0]);
        assert!(status(&s).contains("current"));
        edit_one_byte(&s.data.join(f));
        assert!(
            status(&s).contains(&format!("stale: {f} changed")),
            "after editing {f}: {}",
            status(&s)
        );
        same_answers(&s);
    }
}

/// Damage the one snapshot with `f`, then check that every answer is still the CSV files'
/// and that the snapshot was written anew.
fn damaged(what: &str, f: impl Fn(&mut Vec<u8>)) {
    let s = setup();
    run(&s, true, QUESTIONS[0]);
    let [snap] = &snapshots(&s)[..] else {
        panic!("one snapshot")
    };
    let mut bytes = std::fs::read(snap).unwrap();
    f(&mut bytes);
    std::fs::write(snap, &bytes).unwrap();
    assert!(!status(&s).contains("current"), "{what}: {}", status(&s));
    same_answers(&s);
    assert!(
        status(&s).contains("current"),
        "{what}: not rewritten: {}",
        status(&s)
    );
}

#[test]
fn a_corrupt_snapshot_never_changes_an_answer() {
    damaged("a flipped bit", |b| {
        let mid = b.len() / 2;
        b[mid] ^= 0x04;
    });
}

/// A snapshot is checked block by block as it is read: a damaged block read by a query makes
/// that query answer from the CSV files, exactly as without the cache, and write the snapshot
/// anew. (That a query reads only the blocks it needs is a unit test of the format:
/// `a_query_checks_only_the_blocks_it_reads`.)
#[test]
fn a_query_that_meets_a_damaged_block_answers_from_the_csv_files() {
    let s = setup();
    let ask = ["members", "bletchley-2023", "--format", "json"];
    let plain = run(&s, false, &ask);
    run(&s, true, &ask);
    let [snap] = &snapshots(&s)[..] else {
        panic!("one snapshot")
    };
    let mut bytes = std::fs::read(snap).unwrap();
    // The event's own record: its id, as the id index's probe reads it.
    let id = b"bletchley-2023";
    let at = bytes
        .windows(id.len())
        .position(|w| w == id)
        .expect("the id is in the snapshot");
    bytes[at + 3] ^= 0x20;
    std::fs::write(snap, &bytes).unwrap();
    let before = std::fs::metadata(snap).unwrap().modified().unwrap();
    assert!(!status(&s).contains("current"), "{}", status(&s));
    assert_eq!(run(&s, true, &ask), plain, "the damage changed the answer");
    assert!(
        status(&s).contains("current"),
        "not rewritten: {}",
        status(&s)
    );
    assert_ne!(std::fs::metadata(snap).unwrap().modified().unwrap(), before);
    same_answers(&s);
}

#[test]
fn a_truncated_snapshot_never_changes_an_answer() {
    damaged("cut in half", |b| b.truncate(b.len() / 2));
    damaged("emptied", Vec::clear);
}

#[test]
fn a_foreign_version_snapshot_never_changes_an_answer() {
    damaged("another format", |b| b[16] ^= 0x7f);
}

#[test]
fn a_hostile_snapshot_never_changes_an_answer() {
    damaged("not a snapshot at all", |b| {
        *b = b"convene snapshot".repeat(1000);
    });
    damaged("its size field a lie", |b| {
        b[32..40].copy_from_slice(&u64::MAX.to_ne_bytes());
    });
}

#[test]
fn a_stale_snapshot_never_changes_an_answer() {
    let s = setup();
    run(&s, true, QUESTIONS[0]);
    // A real edit: a party renamed.
    let parties = s.data.join("parties.csv");
    let text = std::fs::read_to_string(&parties).unwrap();
    std::fs::write(
        &parties,
        text.replace("United Kingdom", "United Kingdom of GB"),
    )
    .unwrap();
    let (_, out, _) = run(&s, true, &["party", "GBR"]);
    assert!(out.contains("United Kingdom of GB"), "{out}");
    same_answers(&s);
}

#[test]
fn an_unwritable_cache_directory_is_not_an_error() {
    let s = setup();
    // A file where the cache directory should be: nothing can be written under it.
    std::fs::write(&s.cache, "not a directory").unwrap();
    same_answers(&s);
    assert_eq!(
        std::fs::read_to_string(&s.cache).unwrap(),
        "not a directory"
    );
}

#[test]
fn cache_clear_removes_snapshots_and_nothing_else() {
    let s = setup();
    run(&s, true, QUESTIONS[0]);
    std::fs::write(s.cache.join("notes.txt"), "mine").unwrap();
    let out = convene()
        .env("CONVENE_CACHE_DIR", &s.cache)
        .args(["cache", "clear"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("removed 1 snapshot "));
    assert!(snapshots(&s).is_empty());
    assert_eq!(
        std::fs::read_to_string(s.cache.join("notes.txt")).unwrap(),
        "mine"
    );
}

#[test]
fn commands_writing_one_snapshot_at_once_leave_one_whole_snapshot() {
    let s = setup();
    let children: Vec<_> = (0..4)
        .map(|_| {
            std::process::Command::new(assert_cmd::cargo::cargo_bin("convene"))
                .env_remove("CONVENE_DATA")
                .env("CONVENE_CACHE_DIR", &s.cache)
                .arg("--data")
                .arg(&s.data)
                .args(QUESTIONS[0])
                .stdout(std::process::Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    for mut c in children {
        assert!(c.wait().unwrap().success());
    }
    assert_eq!(snapshots(&s).len(), 1);
    assert!(status(&s).contains("current"), "{}", status(&s));
    let leftovers = std::fs::read_dir(&s.cache).unwrap().count();
    assert_eq!(leftovers, 1, "no temporary file is left behind");
    same_answers(&s);
}
