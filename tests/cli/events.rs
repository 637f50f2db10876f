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
