//! Shell completion, man pages and `--version`: what a shell user meets first.
use super::*;

/// Issue 15: completion was static (no event or party ids). In a real bash, the generated
/// script completes `convene members bletch<TAB>` to `bletchley-2023`, and party names.
#[test]
fn bash_completes_event_ids_and_party_names_from_the_dataset() {
    let script = convene().args(["completions", "bash"]).output().unwrap();
    assert!(script.status.success());
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("convene.bash");
    std::fs::write(&file, &script.stdout).unwrap();
    let complete = |words: &[&str]| -> Vec<String> {
        let line = words.join(" ");
        let quoted: Vec<String> = words.iter().map(|w| format!("'{w}'")).collect();
        let program = format!(
            "source '{}'; COMP_WORDS=({}); COMP_CWORD={}; COMP_LINE='{line}'; COMP_POINT=${{#COMP_LINE}}; \
             _convene convene '{}' '{}'; printf '%s\\n' \"${{COMPREPLY[@]}}\"",
            file.display(),
            quoted.join(" "),
            words.len() - 1,
            words[words.len() - 1],
            words[words.len() - 2],
        );
        let out = std::process::Command::new("bash")
            .args(["--norc", "--noprofile", "-c", &program])
            .output()
            .expect("bash runs");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout)
            .unwrap()
            .lines()
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect()
    };
    assert_eq!(
        complete(&["convene", "members", "bletch"]),
        ["bletchley-2023"]
    );
    assert_eq!(
        complete(&["convene", "show", "seoul-int"]),
        ["seoul-intent-2024"]
    );
    assert_eq!(complete(&["convene", "party", "Türk"]), ["Türkiye"]);
    assert!(
        complete(&["convene", "events", "--series", "aisi"]).contains(&"aisi-network".to_string())
    );
    assert_eq!(
        complete(&["convene", "events", "--priority", "test"]),
        ["testing"]
    );
}

#[test]
fn completion_scripts_for_zsh_and_fish_hold_the_event_ids() {
    for shell in ["zsh", "fish"] {
        let out = convene().args(["completions", shell]).output().unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        assert!(
            text.contains("bletchley-2023") && text.contains("aisi-network"),
            "{shell}"
        );
    }
}

/// Issue 15: the man page covered only the top level and pointed to pages that did not exist.
#[test]
fn man_writes_a_page_per_command_and_names_only_pages_that_exist() {
    let dir = tempfile::tempdir().unwrap();
    let out = convene()
        .args(["man", "--out-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let pages: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    for must in [
        "convene.1",
        "convene-members.1",
        "convene-chart-growth.1",
        "convene-help.1",
    ] {
        assert!(pages.contains(&must.to_string()), "{must} in {pages:?}");
    }
    let mut named = 0;
    for p in &pages {
        let text = std::fs::read_to_string(dir.path().join(p)).unwrap();
        // Every "convene\-members(1)" a page names is a file of the set.
        for (at, _) in text.match_indices("(1)") {
            let word = text[..at].rsplit(char::is_whitespace).next().unwrap();
            let file = format!("{}.1", word.replace("\\-", "-"));
            assert!(pages.contains(&file), "{p} names {word}(1): no {file}");
            named += 1;
        }
    }
    assert!(named >= 20, "{named} pages named");
    // Each command's page has every one of its options.
    let members = std::fs::read_to_string(dir.path().join("convene-members.1")).unwrap();
    for opt in [
        "\\-\\-role",
        "\\-\\-as\\-of",
        "\\-\\-current",
        "\\-\\-party\\-kind",
        "\\-\\-format",
    ] {
        assert!(members.contains(opt), "{opt}");
    }
    let top = convene().arg("man").output().unwrap();
    assert_eq!(
        top.stdout,
        std::fs::read(dir.path().join("convene.1")).unwrap(),
        "`convene man` prints the top page"
    );
}

/// Issue 15: `--version` did not say how recent the data is; `--data` was listed under `man`,
/// where it does nothing.
#[test]
fn version_names_the_dataset_and_man_takes_no_data_option() {
    let out = convene().arg("--version").output().unwrap();
    let v = String::from_utf8(out.stdout).unwrap();
    let check = convene().arg("check").output().unwrap();
    let check = String::from_utf8(check.stdout).unwrap();
    let events = check.split(' ').nth(1).unwrap();
    assert!(
        v.starts_with(&format!(
            "convene {} (built-in dataset: {events} events from ",
            env!("CARGO_PKG_VERSION")
        )),
        "{v}"
    );
    let help = convene().args(["man", "--help"]).output().unwrap();
    assert!(!String::from_utf8(help.stdout).unwrap().contains("--data"));
    let help = convene().args(["members", "--help"]).output().unwrap();
    assert!(String::from_utf8(help.stdout).unwrap().contains("--data"));
}
