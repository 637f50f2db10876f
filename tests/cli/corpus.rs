//! The bad-input corpus: `tests/fixtures/invalid/<case>/`, one concern each. A case holds the
//! files that replace those of the valid `tests/fixtures/small` dataset, and optionally:
//! `remove` (files to delete), `mkdir` (files to replace by a directory), `args` (the command,
//! default `check --data {dir}`). `expected` holds the exit code and the exact stderr, with the
//! dataset directory written `{dir}`. `CONVENE_UPDATE_FIXTURES=1 cargo test corpus` rewrites
//! the `expected` files (review the diff before committing).
//!
//! `tests/fixtures/valid/<case>/` are inputs that must load: BOM, CRLF, quoted commas and
//! newlines, trailing blank lines, columns in another order.
use super::*;

const SPECIAL: [&str; 4] = ["remove", "mkdir", "args", "expected"];

fn build(case: &std::path::Path) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("small")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), tmp.path().join(e.file_name())).unwrap();
    }
    for e in std::fs::read_dir(case).unwrap() {
        let e = e.unwrap();
        let name = e.file_name().to_string_lossy().to_string();
        if !SPECIAL.contains(&name.as_str()) {
            std::fs::copy(e.path(), tmp.path().join(&name)).unwrap();
        }
    }
    let list = |f: &str| {
        std::fs::read_to_string(case.join(f))
            .map(|s| s.lines().map(str::to_string).collect::<Vec<_>>())
            .unwrap_or_default()
    };
    for f in list("remove") {
        std::fs::remove_file(tmp.path().join(f)).unwrap();
    }
    for f in list("mkdir") {
        std::fs::remove_file(tmp.path().join(&f)).unwrap();
        std::fs::create_dir(tmp.path().join(&f)).unwrap();
    }
    tmp
}

fn cases(kind: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(fixture(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_dir())
        .collect();
    v.sort();
    v
}

#[test]
fn every_bad_input_gets_its_exact_error_and_exit_code() {
    let update = std::env::var_os("CONVENE_UPDATE_FIXTURES").is_some();
    let all = cases("invalid");
    assert!(all.len() >= 40, "the corpus has {} cases", all.len());
    let mut failures = Vec::new();
    for case in &all {
        let tmp = build(case);
        let dir = tmp.path().to_str().unwrap();
        let args = std::fs::read_to_string(case.join("args"))
            .unwrap_or_else(|_| "check --data {dir}".into());
        let args: Vec<String> = split_args(args.trim())
            .into_iter()
            .map(|a| a.replace("{dir}", dir))
            .collect();
        let out = convene().args(&args).output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr).replace(dir, "{dir}");
        assert!(!stderr.contains("panicked"), "{}: {stderr}", case.display());
        let got = format!("exit: {}\n{stderr}", out.status.code().unwrap_or(-1));
        let path = case.join("expected");
        if update {
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        if got != want {
            failures.push(format!(
                "{}:\n--- expected\n{want}--- got\n{got}",
                case.file_name().unwrap().to_string_lossy()
            ));
        }
        if out.status.code() != Some(0) {
            assert!(
                out.stdout.is_empty(),
                "{}: a failing command printed results",
                case.display()
            );
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        all.len(),
        failures.join("\n")
    );
}

#[test]
fn accepted_variants_load() {
    let all = cases("valid");
    assert!(all.len() >= 4);
    for case in all {
        let tmp = build(&case);
        let out = convene()
            .arg("check")
            .arg("--data")
            .arg(tmp.path())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}: {}",
            case.display(),
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: "));
    }
}

#[test]
fn quoted_newlines_survive_into_the_output() {
    let tmp = build(&fixture("valid/quoted-commas-and-newlines"));
    let v = json(&["--data", tmp.path().to_str().unwrap(), "show", "delta-2026"]);
    assert_eq!(v["name"], "Delta, the \"second\"\nmeeting");
    assert_eq!(v["city"], "Paris, France");
}
