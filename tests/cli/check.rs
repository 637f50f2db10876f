use super::*;

#[test]
fn the_shipped_dataset_is_valid() {
    let out = stdout(&["check"]);
    assert!(out.starts_with("ok: "), "{out}");
}

#[test]
fn the_events_directory_checks_the_same_as_the_built_in_dataset() {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("events");
    assert_eq!(
        stdout(&["check", "--data", dir.to_str().unwrap()]),
        stdout(&["check"])
    );
}

#[test]
fn a_dataset_with_mistakes_reports_every_one_with_file_line_and_column() {
    let dir = fixture("broken");
    let out = convene()
        .args(["check", "--data", dir.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    let d = dir.display();
    let want = [
        format!("{d}/events.csv:2: column end: end 2023-10-30 is before start 2023-11-01"),
        format!("{d}/events.csv:2: column host: unknown party \"GRB\" (did you mean \"GBR\"?)"),
        format!(
            "{d}/events.csv:3: column id: \"Beta 2024\" is not a valid id: use lower-case letters, digits and '-' (did you mean \"beta-2024\"?)"
        ),
        format!(
            "{d}/events.csv:4: column kind: unknown kind \"meating\" (did you mean \"meeting\"?); expected one of: summit, declaration, meeting, founding, renaming, treaty, resolution, report, commitment, exercise"
        ),
        format!(
            "{d}/events.csv:4: column start: invalid date \"2025-02-30\": day 30 does not exist in 2025-02 (it has 28 days)"
        ),
        format!(
            "{d}/events.csv:4: column reported_parties: \"-3\" is not a count: give a whole number of parties, 0 or more"
        ),
        format!(
            "{d}/events.csv:4: column source: \"not-a-url\" is not a URL (a source must be an http:// or https:// address)"
        ),
        format!(
            "{d}/parties.csv:3: column id: \"gbr2\" is not a valid party id: use upper-case letters, digits and '-'"
        ),
        format!(
            "{d}/parties.csv:4: column aliases: \"uk\" already names party GBR (line 2); a name or alias must name one party"
        ),
        format!(
            "{d}/participation.csv:3: column party: GBR is already listed for alpha-2023 on line 2; one row per event and party"
        ),
        format!(
            "{d}/participation.csv:4: column date: a \"joined\" row needs the date the party joined"
        ),
        format!("{d}/participation.csv:5: column party: unknown party \"DEU\""),
        format!(
            "{d}/participation.csv:6: column event: unknown event \"alpha-2024\" (did you mean \"alpha-2023\"?)"
        ),
        format!("{d}/participation.csv:7: column party: unknown party \"EU\""),
        format!(
            "{d}/participation.csv:7: column role: unknown role \"singatory\" (did you mean \"signatory\"?); expected one of: signatory, joined, member, participant, observer, non-signatory"
        ),
        format!(
            "{d}/event_priorities.csv:2: column priority: unknown priority \"tessting\" (did you mean \"testing\"?)"
        ),
        "error: the dataset has 16 problems; nothing was written".to_string(),
    ];
    let got: Vec<String> = String::from_utf8_lossy(&out.stderr)
        .lines()
        .map(str::to_string)
        .collect();
    assert_eq!(got, want);
}

#[test]
fn every_command_fails_cleanly_on_a_bad_dataset() {
    let dir = fixture("broken");
    for args in [
        vec!["events"],
        vec!["members", "alpha"],
        vec!["diff", "a", "b"],
        vec!["party", "GBR"],
        vec!["show", "alpha"],
    ] {
        let out = convene()
            .arg("--data")
            .arg(&dir)
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        assert!(out.stdout.is_empty(), "{args:?}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(
            err.contains("events.csv:2: column end") && !err.contains("panicked"),
            "{err}"
        );
    }
}

#[test]
fn convene_data_environment_variable_selects_the_dataset() {
    let out = convene()
        .env("CONVENE_DATA", fixture("small"))
        .arg("check")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("ok: 4 events"));
}
