//! Output is never lost or corrupted, and text cannot attack a terminal or a spreadsheet.
use super::*;

fn leftovers(dir: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.starts_with(".convene-"))
        .collect()
}

#[test]
fn a_failed_render_leaves_existing_charts_untouched_and_no_temporary_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("timeline.svg"), "old timeline").unwrap();
    std::fs::create_dir(dir.path().join("membership.svg")).unwrap(); // cannot be replaced by a file
    let out = convene()
        .args(["render", "--out-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("membership.svg: is a directory"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(
        std::fs::read_to_string(dir.path().join("timeline.svg")).unwrap(),
        "old timeline"
    );
    assert!(!dir.path().join("growth.svg").exists());
    assert!(
        leftovers(dir.path()).is_empty(),
        "{:?}",
        leftovers(dir.path())
    );
}

#[test]
fn a_failed_export_leaves_the_old_file_and_no_temporary_file() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("not-a-dir");
    std::fs::write(&blocker, "a file where a directory should be").unwrap();
    let out = convene()
        .args(["export", "--format", "json", "-o"])
        .arg(blocker.join("x.json"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert_eq!(
        std::fs::read_to_string(&blocker).unwrap(),
        "a file where a directory should be"
    );
    assert!(leftovers(dir.path()).is_empty());
}

#[test]
fn a_successful_write_replaces_the_file_whole() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("timeline.svg");
    std::fs::write(&f, "old").unwrap();
    let out = convene().args(["timeline", "-o"]).arg(&f).output().unwrap();
    assert!(out.status.success());
    let svg = std::fs::read_to_string(&f).unwrap();
    assert!(svg.starts_with("<svg") && svg.trim_end().ends_with("</svg>"));
    assert!(leftovers(dir.path()).is_empty());
}

fn hostile_dataset() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |f: &str, s: &str| std::fs::write(dir.path().join(f), s).unwrap();
    w(
        "events.csv",
        "id,name,kind,start,source,list\nx-1,\"Evil \u{1b}[2J\u{1b}]0;title\u{7} summit\",summit,2024,https://x.org,complete\n",
    );
    w(
        "parties.csv",
        "id,name,kind\nAAA,\"=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\",organisation\nBBB,\"\u{1b}[31mRed\u{1b}[0m\",organisation\nCCC,@SUM(A1),organisation\nDDD,+1-2,organisation\nEEE,-3,organisation\n",
    );
    w(
        "participation.csv",
        "event,party,role\nx-1,AAA,signatory\nx-1,BBB,signatory\nx-1,CCC,signatory\nx-1,DDD,signatory\nx-1,EEE,signatory\n",
    );
    w("priorities.csv", "id,name\n");
    w("event_priorities.csv", "event,priority,source\n");
    dir
}

#[test]
fn terminal_escape_sequences_are_shown_escaped_in_tables() {
    let dir = hostile_dataset();
    let d = dir.path().to_str().unwrap();
    for args in [
        vec!["members", "x-1"],
        vec!["events"],
        vec!["show", "x-1"],
        vec!["party", "BBB"],
    ] {
        let mut a = vec!["--data", d];
        a.extend(args.iter().copied());
        let out = stdout(&a);
        assert!(
            !out.contains('\u{1b}') && !out.contains('\u{7}'),
            "{args:?}: raw control characters in {out:?}"
        );
        assert!(
            out.contains("\\u{1b}"),
            "{args:?}: escapes should be visible: {out}"
        );
    }
}

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_neutralised() {
    let dir = hostile_dataset();
    let (_, rows) = csv(&["--data", dir.path().to_str().unwrap(), "members", "x-1"]);
    let names: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert!(
        names.contains(&"'=HYPERLINK(\"http://evil\",\"x\")"),
        "{names:?}"
    );
    assert!(
        names.contains(&"'@SUM(A1)") && names.contains(&"'+1-2") && names.contains(&"'-3"),
        "{names:?}"
    );
    for n in names {
        assert!(!n.starts_with(['=', '+', '-', '@']), "{n}");
    }
}

/// Issue 12: `-o` renamed a temporary file over whatever was there, so `-o /dev/null` as root
/// replaced the device with a regular file and a FIFO's reader got nothing.
#[test]
fn output_to_a_fifo_is_written_to_it_and_the_fifo_stays() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("pipe");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success(), "mkfifo (coreutils) runs");
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let out = convene()
        .args(["export", "--format", "json", "-o"])
        .arg(&fifo)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let got = reader.join().unwrap();
    let v: serde_json::Value = serde_json::from_slice(&got).expect("the reader got the JSON");
    assert_eq!(v["schema"], "convene/2");
    use std::os::unix::fs::FileTypeExt;
    assert!(
        std::fs::metadata(&fifo).unwrap().file_type().is_fifo(),
        "still a FIFO"
    );
}

#[test]
fn output_to_a_device_node_leaves_the_device_in_place() {
    // A private node with /dev/null's numbers, in a temporary directory (never the real /dev).
    // mknod needs root, which CI and most containers are; elsewhere there is nothing to test.
    let dir = tempfile::tempdir().unwrap();
    let node = dir.path().join("null");
    let made = std::process::Command::new("mknod")
        .arg(&node)
        .args(["c", "1", "3"])
        .output()
        .unwrap();
    if !made.status.success() {
        eprintln!(
            "skipped: mknod is not permitted here ({})",
            String::from_utf8_lossy(&made.stderr).trim()
        );
        return;
    }
    for args in [
        vec!["export", "--format", "ics", "-o"],
        vec!["timeline", "-o"],
    ] {
        let out = convene().args(&args).arg(&node).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        use std::os::unix::fs::FileTypeExt;
        let m = std::fs::symlink_metadata(&node).unwrap();
        assert!(
            m.file_type().is_char_device(),
            "{args:?} replaced the device node"
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "no temporary file is left beside the node");
}

/// Issue 12: SIGTERM or Ctrl-C while files were being written left `.convene-*.tmp` files.
/// A FIFO among `render`'s targets holds the write after the other charts are staged (a FIFO
/// is opened for writing only once a reader comes), which is when the signal is sent.
#[test]
fn an_interrupt_while_writing_removes_the_staged_files() {
    use std::os::unix::process::ExitStatusExt;
    for signal in ["TERM", "INT"] {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("timeline.svg"), "old timeline").unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(dir.path().join("growth.svg"))
            .status()
            .unwrap();
        assert!(made.success(), "mkfifo (coreutils) runs");
        let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("convene"))
            .env_remove("CONVENE_DATA")
            .env("CONVENE_CACHE_DIR", crate::test_cache())
            .args(["render", "--out-dir"])
            .arg(dir.path())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        let start = std::time::Instant::now();
        while leftovers(dir.path()).len() < 2 {
            assert!(
                start.elapsed().as_secs() < 60,
                "the charts were never staged"
            );
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        let killed = std::process::Command::new("kill")
            .args([format!("-{signal}"), child.id().to_string()])
            .status()
            .unwrap();
        assert!(killed.success());
        let status = child.wait().unwrap();
        let number = if signal == "TERM" { 15 } else { 2 };
        assert_eq!(status.signal(), Some(number), "{signal}: {status:?}");
        assert!(
            leftovers(dir.path()).is_empty(),
            "{signal}: {:?}",
            leftovers(dir.path())
        );
        assert_eq!(
            std::fs::read_to_string(dir.path().join("timeline.svg")).unwrap(),
            "old timeline"
        );
    }
}
