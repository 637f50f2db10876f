use super::*;

#[test]
fn a_party_resolves_by_alias_ignoring_case() {
    let v = json(&["party", "south korea"]);
    assert_eq!(v["id"], "KOR");
    assert_eq!(v["first"]["event"], "bletchley-2023");
    let events: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert!(events.contains(&"aisi-network-sf-2024"));
}

#[test]
fn accents_do_not_matter() {
    assert_eq!(json(&["party", "turkiye"])["id"], "TUR");
    assert_eq!(json(&["party", "Türkiye"])["id"], "TUR");
}

#[test]
fn hosted_events_are_in_the_history() {
    let v = json(&["party", "IND"]);
    let delhi = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["event"] == "delhi-2026")
        .expect("delhi");
    assert_eq!(delhi["host"], true);
    assert_eq!(
        delhi["role"],
        serde_json::Value::Null,
        "India is not named as an endorser"
    );
}

#[test]
fn incomplete_lists_that_do_not_name_the_party_are_unknown() {
    let table = stdout(&["party", "KEN"]);
    assert!(table.contains("unknown, not absent"), "{table}");
}

#[test]
fn csv_first_column_is_the_event_id() {
    let (h, rows) = csv(&["party", "NZL"]);
    assert_eq!(h[0], "id");
    assert!(
        rows.iter()
            .any(|r| r[0] == "bletchley-2023" && r[4] == "joined")
    );
}

#[test]
fn as_of_cuts_the_history() {
    let v = json(&["party", "New Zealand", "--as-of", "2024-06-01"]);
    let events: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["event"].as_str().unwrap())
        .collect();
    assert_eq!(events, ["seoul-ministerial-2024"]);
}

#[test]
fn unknown_party_suggests() {
    let out = convene().args(["party", "Grmany"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("DEU"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
