//! `convene overlap`: the parties of several events, checked against `convene members`.
use super::*;

fn json(args: &[&str]) -> serde_json::Value {
    let out = convene().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

fn ids(v: &serde_json::Value) -> Vec<String> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_str().unwrap().to_string())
        .collect()
}

/// Every party marked "in" an event is a party of it in `convene members`, every party of
/// it there is marked "in", and "not in" appears only where the list is complete or names
/// the party in another standing.
#[test]
fn overlap_agrees_with_members_at_every_event() {
    let v = json(&[
        "overlap",
        "--series",
        "ai-summits",
        "--kind",
        "summit",
        "--format",
        "json",
    ]);
    let events = v["events"].as_array().unwrap();
    assert_eq!(events.len(), 4, "the four summits");
    for e in events {
        let id = e["id"].as_str().unwrap();
        let m = json(&["members", id, "--format", "json"]);
        let party_roles = ["signatory", "joined", "member", "participant"];
        let mut members: Vec<String> = m["parties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| party_roles.contains(&p["role"].as_str().unwrap()))
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect();
        members.sort();
        members.dedup();
        let named: Vec<String> = m["parties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect();
        let mut marked_in = Vec::new();
        for p in v["parties"].as_array().unwrap() {
            let pid = p["id"].as_str().unwrap().to_string();
            if ids(&p["in"]).iter().any(|x| x == id) {
                marked_in.push(pid.clone());
            }
            if ids(&p["not_in"]).iter().any(|x| x == id) {
                assert!(
                    e["complete"] == true || named.contains(&pid),
                    "{pid} called absent from {id}'s incomplete list"
                );
            }
            if ids(&p["unknown"]).iter().any(|x| x == id) {
                assert_eq!(e["complete"], false, "{pid} unknown at complete {id}");
            }
        }
        marked_in.sort();
        assert_eq!(marked_in, members, "{id}");
    }
}

#[test]
fn overlap_formats_agree_on_the_groups() {
    let args = [
        "overlap",
        "bletchley-2023",
        "seoul-declaration-2024",
        "paris-2025",
    ];
    let v = json(&[&args[..], &["--format", "json"]].concat());
    let csv = convene()
        .args(args)
        .args(["--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(csv.stdout).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "id,name,kind,group,bletchley-2023,seoul-declaration-2024,paris-2025"
    );
    let groups: Vec<(String, String)> = v["parties"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            let g = p["group"].as_str().unwrap().to_string();
            (p["id"].as_str().unwrap().to_string(), g)
        })
        .collect();
    let from_csv: Vec<(String, String)> = lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[f.len() - 4].to_string())
        })
        .collect();
    assert_eq!(groups, from_csv);
}

#[test]
fn overlap_needs_two_events_and_not_both_ids_and_filters() {
    for (args, msg) in [
        (
            vec!["overlap", "bletchley-2023"],
            "error: overlap compares two or more events; 1 selected\n",
        ),
        (
            vec!["overlap", "bletchley-2023", "bletchley-2023"],
            "error: overlap compares two or more events; 1 selected\n",
        ),
        (
            vec![
                "overlap",
                "bletchley-2023",
                "paris-2025",
                "--kind",
                "summit",
            ],
            "error: give the events or filters (--kind, --series, …), not both\n",
        ),
    ] {
        let out = convene().args(&args).output().unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(String::from_utf8_lossy(&out.stderr), msg, "{args:?}");
    }
}

#[test]
fn overlap_csv_tells_a_non_signatory_from_an_absent_party() {
    let out = convene()
        .args(["overlap", "bletchley-2023", "paris-2025", "--format", "csv"])
        .output()
        .unwrap();
    let csv = String::from_utf8(out.stdout).unwrap();
    let gbr = csv.lines().find(|l| l.starts_with("GBR,")).unwrap();
    assert_eq!(gbr, "GBR,United Kingdom,country,some,in,named_not_party");
    let none = convene().arg("overlap").output().unwrap();
    assert_eq!(
        none.status.code(),
        Some(2),
        "no events and no filters is a usage error"
    );
}
