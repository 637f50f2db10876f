//! Every `$ convene …` example in every `--help` runs and succeeds. The commands are found by
//! walking the help itself (each "Commands:" section, recursively), so a new command's examples
//! are run without this file changing. Examples run in a temporary directory holding a copy of
//! `events/` and an empty `output/`, so the files they write never touch the repository.
use super::*;

/// The examples of one help text. An example must fit on its line: a wrapped one (clap wraps
/// help at the terminal width, 80 columns here) cannot be copied and run as shown.
fn examples(help: &str) -> Vec<Vec<String>> {
    let lines: Vec<&str> = help.lines().collect();
    let mut out = Vec::new();
    for (i, l) in lines.iter().enumerate() {
        let Some(cmd) = l.trim().strip_prefix("$ convene ") else {
            continue;
        };
        let next = lines.get(i + 1).map_or("", |n| n.trim());
        assert!(
            next.is_empty() || next.starts_with("$ convene "),
            "the example `{}` is wrapped at 80 columns (its line goes on: `{next}`)",
            l.trim()
        );
        out.push(split_args(cmd));
    }
    out
}

/// The subcommand names listed under "Commands:" (without `help`).
fn subcommands(help: &str) -> Vec<String> {
    help.lines()
        .skip_while(|l| l.trim() != "Commands:")
        .skip(1)
        .take_while(|l| l.starts_with("  "))
        // a command's own line is indented by two; deeper lines continue a wrapped description
        .filter(|l| !l.starts_with("   "))
        .filter_map(|l| l.split_whitespace().next())
        .filter(|c| *c != "help")
        .map(str::to_string)
        .collect()
}

/// Every command path (`[]`, `["events"]`, `["chart", "growth"]`, …) with its help text.
fn all_helps() -> Vec<(Vec<String>, String)> {
    let mut out = Vec::new();
    let mut todo = vec![Vec::<String>::new()];
    while let Some(path) = todo.pop() {
        let mut args: Vec<&str> = path.iter().map(String::as_str).collect();
        args.push("--help");
        let help = stdout(&args);
        for s in subcommands(&help) {
            let mut p = path.clone();
            p.push(s);
            todo.push(p);
        }
        out.push((path, help));
    }
    out.sort();
    out
}

/// The file an example writes with `-o FILE` / `--output FILE` (not `-`), if any.
fn output_file(args: &[String]) -> Option<&str> {
    args.windows(2)
        .find(|w| (w[0] == "-o" || w[0] == "--output") && w[1] != "-")
        .map(|w| w[1].as_str())
}

fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), to.join(e.file_name())).unwrap();
    }
}

#[test]
fn the_help_walk_finds_every_command_including_nested_ones() {
    let paths: Vec<String> = all_helps().into_iter().map(|(p, _)| p.join(" ")).collect();
    for expected in [
        "events",
        "timeline",
        "chart membership",
        "chart growth",
        "export",
    ] {
        assert!(
            paths.iter().any(|p| p == expected),
            "{expected} not found in {paths:?}"
        );
    }
}

#[test]
fn every_help_example_runs_in_a_scratch_directory() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut ran = 0;
    for (path, help) in all_helps() {
        let ex = examples(&help);
        // Every leaf command teaches by example; a command that only groups others need not.
        if subcommands(&help).is_empty() {
            assert!(
                !ex.is_empty(),
                "`convene {} --help` has no examples",
                path.join(" ")
            );
        }
        for args in ex {
            let dir = tempfile::tempdir().unwrap();
            copy_dir(&root.join("events"), &dir.path().join("events"));
            std::fs::create_dir(dir.path().join("output")).unwrap();
            let out = convene()
                .current_dir(dir.path())
                .args(&args)
                .output()
                .unwrap();
            assert!(
                out.status.success(),
                "example `convene {}` failed: {}",
                args.join(" "),
                String::from_utf8_lossy(&out.stderr)
            );
            if let Some(f) = output_file(&args) {
                let written = std::fs::metadata(dir.path().join(f)).map(|m| m.len());
                assert!(
                    written.is_ok_and(|n| n > 0),
                    "example `convene {}` did not write {f}",
                    args.join(" ")
                );
            }
            ran += 1;
        }
    }
    // 44 examples when this was written; fewer means some help lost its examples.
    assert!(ran >= 44, "only {ran} examples ran");
}
