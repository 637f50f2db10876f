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

/// Issue 15: `party` listed dates out of order: a later joiner's row sat at its joining date
/// but showed the event's. The date column is the one the rows are ordered by, for every party.
#[test]
fn every_partys_history_is_in_date_order() {
    let parties = convene()
        .args(["parties", "--format", "csv"])
        .output()
        .unwrap();
    let ids: Vec<String> = String::from_utf8(parties.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .map(|l| l.split(',').next().unwrap().to_string())
        .collect();
    assert!(ids.len() > 50);
    for id in ids {
        let out = convene()
            .env("COLUMNS", "200")
            .args(["party", &id])
            .output()
            .unwrap();
        let text = String::from_utf8(out.stdout).unwrap();
        let dates: Vec<&str> = text
            .lines()
            .skip_while(|l| !l.starts_with('─'))
            .skip(1)
            .take_while(|l| !l.is_empty())
            .filter_map(|l| l.split_whitespace().next())
            .filter(|d| d.starts_with("20"))
            .collect();
        // YYYY < YYYY-MM < YYYY-MM-DD within a period, as the rows are sorted.
        assert!(dates.windows(2).all(|w| w[0] <= w[1]), "{id}: {dates:?}");
    }
}

/// The caveat under a history tells partial lists (unknown) from events that keep no list.
#[test]
fn a_history_tells_partial_lists_from_events_that_keep_none() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = convene().args(args).output().unwrap();
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let events = json(&["events", "--format", "json"]);
    let list_of = |id: &str| {
        events
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["id"] == id)
            .map(|e| e["list"].as_str().unwrap().to_string())
            .unwrap()
    };
    let v = json(&["party", "KOR", "--format", "json"]);
    let ids = |k: &str| -> Vec<String> {
        v[k].as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    let (unknown, no_list) = (ids("unknown"), ids("no_list"));
    assert!(!unknown.is_empty() && !no_list.is_empty());
    assert!(unknown.iter().all(|e| list_of(e) == "partial"));
    assert!(no_list.iter().all(|e| list_of(e) == "none"));
    let named = v["events"].as_array().unwrap().len();
    let incomplete = events
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["complete"] == false)
        .count();
    let named_incomplete = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["event_complete"] == false)
        .count();
    assert_eq!(unknown.len() + no_list.len() + named_incomplete, incomplete);
    assert!(named > 0);
}
