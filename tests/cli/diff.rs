use super::*;

#[test]
fn statement_of_intent_to_san_francisco() {
    let v = json(&["diff", "seoul-intent-2024", "aisi-network-sf-2024"]);
    assert_eq!(json_ids(&v["joined"]), ["KEN"]);
    assert_eq!(json_ids(&v["left"]), sorted(&["DEU", "ITA"]));
    assert_eq!(v["stayed"].as_array().unwrap().len(), 9);
    assert_eq!(v["changed"].as_array().unwrap().len(), 0);
    assert_eq!(v["complete"], true);
    assert_eq!(v["a"], "seoul-intent-2024");
    assert_eq!(v["b"], "aisi-network-sf-2024");
}

#[test]
fn diff_reports_role_change_when_signatory_becomes_non_signatory() {
    let v = json(&["diff", "bletchley-2023", "paris-2025"]);
    let changed: Vec<(String, String, String)> = v["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["id"].as_str().unwrap().into(),
                c["from_role"].as_str().unwrap().into(),
                c["to_role"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        changed,
        [
            (
                "GBR".to_string(),
                "signatory".to_string(),
                "non-signatory".to_string()
            ),
            (
                "USA".to_string(),
                "signatory".to_string(),
                "non-signatory".to_string()
            )
        ]
    );
    assert_eq!(v["complete"], false);
}

#[test]
fn absence_from_an_incomplete_list_is_unknown_not_left() {
    let v = json(&["diff", "bletchley-2023", "paris-2025"]);
    assert!(v["left"].as_array().unwrap().is_empty());
    assert!(json_ids(&v["unknown_in_b"]).contains(&"KEN".to_string()));
    let table = stdout(&["diff", "bletchley-2023", "paris-2025"]);
    assert!(table.contains("15 of 60 listed"), "{table}");
    assert!(table.contains("unknown, not absent"), "{table}");
}

#[test]
fn csv_has_one_row_per_party_with_its_change() {
    let (h, rows) = csv(&["diff", "seoul-intent-2024", "aisi-network-sf-2024"]);
    assert_eq!(h, ["id", "name", "change", "role_a", "role_b"]);
    assert_eq!(rows.len(), 12);
    assert!(rows.iter().any(|r| r[0] == "KEN" && r[2] == "joined"));
}

#[test]
fn diff_of_an_event_with_itself_changes_nothing() {
    let v = json(&["diff", "delhi", "delhi"]);
    for k in ["joined", "left", "changed", "unknown_in_a", "unknown_in_b"] {
        assert!(v[k].as_array().unwrap().is_empty(), "{k}");
    }
}

#[test]
fn markdown_diff_is_a_table() {
    let md = stdout(&["diff", "sf", "san-diego", "--format", "markdown"]);
    assert!(md.contains("| change | id | name | at A | at B |"), "{md}");
}

/// Issue 15: "Signed Bletchley but not Paris?" needed jq to drop the organisations and the
/// unknown rows: --only and --party-kind narrow the diff, and the counts say what is shown.
#[test]
fn only_and_party_kind_narrow_a_diff_and_its_counts() {
    let out = convene()
        .args(["diff", "bletchley-2023", "paris-2025", "--format", "json"])
        .args(["--only", "left,changed", "--party-kind", "country"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["only"], serde_json::json!(["left", "changed"]));
    assert_eq!(v["party_kind"], "country");
    for empty in ["joined", "stayed", "unknown_in_a", "unknown_in_b"] {
        assert_eq!(v[empty], serde_json::json!([]), "{empty}");
    }
    let changed: Vec<&str> = v["changed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].as_str().unwrap())
        .collect();
    assert_eq!(changed, ["GBR", "USA"]);
    let table = convene()
        .args(["diff", "bletchley-2023", "paris-2025"])
        .args(["--only", "left,changed", "--party-kind", "country"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.contains("\nleft 0, changed 2 (countries only)\n"),
        "{table}"
    );
}
