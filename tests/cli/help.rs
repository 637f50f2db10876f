//! Every `$ convene …` example in the help text runs and succeeds.
use super::*;

fn examples(help: &str) -> Vec<Vec<String>> {
    help.lines()
        .filter_map(|l| l.trim().strip_prefix("$ convene "))
        .map(split_args)
        .collect()
}

#[test]
fn every_help_example_runs() {
    let mut ran = 0;
    let top = stdout(&["--help"]);
    let subcommands = [
        "events",
        "show",
        "members",
        "diff",
        "party",
        "check",
        "completions",
        "man",
    ];
    let mut all = examples(&top);
    for s in subcommands {
        let h = stdout(&[s, "--help"]);
        let ex = examples(&h);
        assert!(!ex.is_empty(), "`convene {s} --help` has no examples");
        all.extend(ex);
    }
    let root = env!("CARGO_MANIFEST_DIR");
    for args in all {
        let out = convene().current_dir(root).args(&args).output().unwrap();
        assert!(
            out.status.success(),
            "example `convene {}` failed: {}",
            args.join(" "),
            String::from_utf8_lossy(&out.stderr)
        );
        ran += 1;
    }
    assert!(ran >= 20, "only {ran} examples");
}
