use super::*;

#[test]
fn show_gives_dates_place_priorities_members_and_sources() {
    let out = stdout(&["show", "sf"]);
    for want in [
        "aisi-network-sf-2024",
        "2024-11-20 – 2024-11-21",
        "San Francisco",
        "Research",
        "member (10)",
        "https://digital-strategy.ec.europa.eu",
    ] {
        assert!(out.contains(want), "missing {want:?} in\n{out}");
    }
}

#[test]
fn show_json_and_csv() {
    let v = json(&["show", "seoul-intent-2024"]);
    assert_eq!(v["parent"], "seoul-declaration-2024");
    assert_eq!(v["parties"].as_array().unwrap().len(), 11);
    let (h, rows) = csv(&["show", "delhi"]);
    assert_eq!(h[0], "id");
    assert_eq!(rows[0][0], "delhi-2026");
}

#[test]
fn show_lists_children_of_a_parent() {
    let v = json(&["show", "seoul-declaration-2024"]);
    let children: Vec<&str> = v["children"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap())
        .collect();
    // The Seoul summit's outcomes hang under the leaders' declaration (AUDIT.md L-findings).
    for c in [
        "seoul-intent-2024",
        "seoul-ministerial-2024",
        "frontier-commitments-2024",
    ] {
        assert!(children.contains(&c), "{c} not among {children:?}");
    }
}
