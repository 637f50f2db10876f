use super::*;

#[test]
fn events_are_listed_oldest_first() {
    let (h, rows) = csv(&["events"]);
    assert_eq!(h[0], "id");
    let starts: Vec<&String> = rows.iter().map(|r| &r[3]).collect();
    let mut sorted = starts.clone();
    sorted.sort();
    assert_eq!(starts, sorted);
    for id in [
        "bletchley-2023",
        "seoul-declaration-2024",
        "seoul-intent-2024",
        "seoul-ministerial-2024",
        "aisi-network-sf-2024",
        "paris-2025",
        "network-san-diego-2025",
        "delhi-2026",
        "coe-ai-convention-2024",
    ] {
        assert!(rows.iter().any(|r| r[0] == id), "core event {id} missing");
    }
}

#[test]
fn filters_by_kind_series_party_priority_and_dates() {
    assert_eq!(
        csv_ids(&["events", "--kind", "summit", "--from", "2025"]),
        sorted(&["paris-2025", "delhi-2026"])
    );
    let network = csv_ids(&["events", "--series", "aisi-network"]);
    assert!(
        network.contains(&"aisi-network-sf-2024".to_string())
            && network.contains(&"network-san-diego-2025".to_string())
    );
    let ken = csv_ids(&["events", "--party", "Kenya", "--to", "2024"]);
    assert!(
        ken.contains(&"bletchley-2023".to_string())
            && ken.contains(&"aisi-network-sf-2024".to_string())
    );
    assert!(!ken.contains(&"network-san-diego-2025".to_string()));
    assert!(
        csv_ids(&["events", "--priority", "testing"]).contains(&"aisi-network-sf-2024".to_string())
    );
}

#[test]
fn every_event_has_a_source_url() {
    let v = json(&["events"]);
    for e in v.as_array().unwrap() {
        assert!(e["source"].as_str().unwrap().starts_with("http"), "{e}");
    }
}

#[test]
fn unknown_series_is_a_lookup_error_with_a_suggestion() {
    let out = convene()
        .args(["events", "--series", "ai-sumits"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("did you mean \"ai-summits\""));
}

#[test]
fn table_fits_in_80_columns() {
    for args in [
        vec!["events"],
        vec!["members", "delhi"],
        vec!["party", "GBR"],
        vec!["diff", "bletchley", "paris"],
        vec!["members", "paris"],
        vec!["party", "south korea"],
        vec!["show", "delhi"],
    ] {
        // A URL is never broken across lines, so lines holding one may be wider.
        for line in stdout(&args).lines().filter(|l| !l.contains("http")) {
            assert!(
                line.chars().count() <= 80,
                "{args:?}: {line:?} is {} wide",
                line.chars().count()
            );
        }
    }
}

#[test]
fn markdown_table_has_one_row_per_event() {
    let md = stdout(&["events", "--format", "markdown"]);
    let rows = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| date"))
        .count();
    assert_eq!(rows, json(&["events"]).as_array().unwrap().len());
}

/// Issue 15: piped tables wrapped at 80 columns, so `convene events | grep "Action Summit"`
/// returned a name fragment without its id or date.
#[test]
fn a_piped_table_has_one_line_per_event_with_its_id_and_date() {
    let out = convene()
        .env_remove("COLUMNS")
        .arg("events")
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let list = convene()
        .args(["events", "--format", "json"])
        .output()
        .unwrap();
    let list: serde_json::Value = serde_json::from_slice(&list.stdout).unwrap();
    let list = list.as_array().unwrap();
    let lines: Vec<&str> = text.lines().skip(2).take(list.len()).collect();
    for (line, e) in lines.iter().zip(list) {
        let (id, start) = (e["id"].as_str().unwrap(), e["start"].as_str().unwrap());
        assert!(
            line.starts_with(start) && line.contains(id),
            "{line:?} lacks {start} {id}"
        );
    }
    assert_eq!(text.lines().nth(2 + list.len()), Some(""), "{text}");
}

/// Issue 15: `COLUMNS=40 convene party KOR` collapsed columns to one letter a line.
#[test]
fn a_narrow_table_keeps_every_column_at_least_six_wide() {
    let out = convene()
        .env("COLUMNS", "40")
        .args(["party", "KOR"])
        .output()
        .unwrap();
    let text = String::from_utf8(out.stdout).unwrap();
    let rule = text
        .lines()
        .find(|l| l.starts_with('─'))
        .expect("a header rule");
    for col in rule.split(' ').filter(|c| !c.is_empty()) {
        assert!(col.chars().count() >= 6, "a column {col:?} in\n{text}");
    }
}

/// Issue 15: --party and --series took one value while --kind took a list.
#[test]
fn filters_take_lists_and_a_party_kind() {
    let ids = |args: &[&str]| -> Vec<String> {
        let out = convene()
            .arg("events")
            .args(args)
            .args(["--format", "json"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        v.as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap().to_string())
            .collect()
    };
    let both = ids(&["--series", "council-of-europe,united-nations"]);
    let mut one_by_one = ids(&["--series", "council-of-europe"]);
    one_by_one.extend(ids(&["--series", "united-nations"]));
    one_by_one.sort();
    let mut sorted = both.clone();
    sorted.sort();
    assert_eq!(sorted, one_by_one);
    // A party list: events of either; a name holding a comma is still one party.
    let ken = ids(&["--party", "KEN"]);
    let either = ids(&["--party", "KEN,VAT"]);
    assert!(ken.iter().all(|e| either.contains(e)) && either.len() > ken.len());
    assert_eq!(
        ids(&["--party", "Korea, Republic of"]),
        ids(&["--party", "KOR"])
    );
    let companies = ids(&["--party-kind", "company"]);
    assert!(companies.contains(&"frontier-commitments-2024".to_string()));
    assert!(!companies.contains(&"bletchley-2023".to_string()));
}

/// Issue 15: an empty result passed silently.
#[test]
fn an_empty_result_says_so_on_stderr_and_exits_0() {
    for (args, note) in [
        (
            vec!["events", "--kind", "treaty", "--series", "ai-summits"],
            "note: no event matches these filters\n",
        ),
        (
            vec![
                "events",
                "--kind",
                "treaty",
                "--series",
                "ai-summits",
                "--format",
                "csv",
            ],
            "note: no event matches these filters\n",
        ),
        (
            vec!["members", "aisi-network-sf-2024", "--role", "observer"],
            "note: no party of this event's list matches --role / --party-kind\n",
        ),
        (
            vec![
                "export",
                "--format",
                "ics",
                "--kind",
                "treaty",
                "--series",
                "ai-summits",
            ],
            "note: no event matches these filters; the export holds none\n",
        ),
    ] {
        let out = convene().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), note, "{args:?}");
    }
}
