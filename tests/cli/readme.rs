//! The README's tour is real output: each ```console block's `$ convene …` line is run and its
//! output compared. `CONVENE_UPDATE_README=1 cargo test readme` rewrites the blocks.
use super::*;

#[test]
fn readme_tour_matches_the_binary() {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut out = String::new();
    let mut lines = text.lines().peekable();
    let mut blocks = 0;
    let mut stale = Vec::new();
    while let Some(line) = lines.next() {
        out.push_str(line);
        out.push('\n');
        if line != "```console" {
            continue;
        }
        let cmd = lines.next().expect("a command after ```console");
        let args = split_args(
            cmd.strip_prefix("$ convene ")
                .expect("block starts with $ convene"),
        );
        let mut old = String::new();
        for l in lines.by_ref() {
            if l == "```" {
                break;
            }
            old.push_str(l);
            old.push('\n');
        }
        let run = convene().args(&args).output().unwrap();
        let mut new = String::from_utf8(run.stdout).unwrap();
        new.push_str(&String::from_utf8(run.stderr).unwrap());
        if new != old {
            stale.push(cmd.to_string());
        }
        out.push_str(cmd);
        out.push('\n');
        out.push_str(&new);
        out.push_str("```\n");
        blocks += 1;
    }
    assert!(blocks >= 5);
    if std::env::var_os("CONVENE_UPDATE_README").is_some() {
        std::fs::write(&path, out).unwrap();
    } else {
        assert!(
            stale.is_empty(),
            "README output is stale for {stale:?}; run CONVENE_UPDATE_README=1 cargo test readme"
        );
    }
}
