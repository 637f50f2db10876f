//! `convene parties`, `series`, `priorities`, `search`: the names a newcomer needs first.
use super::*;

fn run(args: &[&str]) -> (String, String) {
    let out = convene().args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn json(args: &[&str]) -> serde_json::Value {
    serde_json::from_str(&run(&[args, &["--format", "json"]].concat()).0).unwrap()
}

/// Each series' count is the number of events `convene events --series` lists for it.
#[test]
fn every_series_is_listed_with_the_events_it_filters_to() {
    let series = json(&["series"]);
    let series = series.as_array().unwrap();
    assert!(series.len() >= 6);
    for s in series {
        let id = s["id"].as_str().unwrap();
        let events = json(&["events", "--series", id]);
        let events = events.as_array().unwrap();
        assert_eq!(s["events"], events.len(), "{id}");
        assert_eq!(s["latest"], events.last().unwrap()["id"], "{id}");
    }
}

#[test]
fn priorities_count_the_events_that_filter_to_them() {
    for p in json(&["priorities"]).as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        let events = json(&["events", "--priority", id]);
        assert_eq!(p["events"], events.as_array().unwrap().len(), "{id}");
    }
}

#[test]
fn parties_filter_by_kind_and_region_ignoring_case() {
    let all = json(&["parties"]);
    let all = all.as_array().unwrap();
    let (summary, _) = run(&["check"]);
    assert!(
        summary.contains(&format!("{} parties", all.len())),
        "{summary}"
    );
    let african = json(&["parties", "--kind", "Country", "--region", "africa"]);
    let african = african.as_array().unwrap();
    assert!(!african.is_empty());
    assert!(
        african
            .iter()
            .all(|p| p["kind"] == "country" && p["region"] == "Africa")
    );
    let kenya = african.iter().find(|p| p["id"] == "KEN").unwrap();
    let history = json(&["party", "KEN"]);
    assert_eq!(
        kenya["events"],
        history["events"].as_array().unwrap().len(),
        "one history row per event"
    );
    assert_eq!(
        kenya["first"], history["first"]["start"],
        "{kenya} vs {history}"
    );
}

#[test]
fn search_finds_a_city_with_its_accent_and_a_party_by_alias() {
    let (out, _) = run(&["search", "montreal"]);
    assert!(
        out.contains("ca-caisi-founding-2024") && out.contains("Montréal"),
        "{out}"
    );
    let hits = json(&["search", "south", "KOREA"]);
    assert!(
        hits.as_array()
            .unwrap()
            .iter()
            .any(|h| h["id"] == "KOR" && h["field"] == "alias"),
        "{hits}"
    );
}

#[test]
fn an_empty_result_says_so_on_stderr_and_succeeds() {
    let (out, err) = run(&["search", "nothing-like-this"]);
    assert!(out.contains("0 matches"), "{out}");
    assert_eq!(err, "note: nothing matches \"nothing-like-this\"\n");
    let (out, err) = run(&["search", "nothing-like-this", "--format", "csv"]);
    assert_eq!(out, "what,id,field,text\n");
    assert_eq!(err, "note: nothing matches \"nothing-like-this\"\n");
}

/// "How many countries have taken part?": hosts count, observers and non-signatories do not.
#[test]
fn parties_count_those_that_took_part_apart_from_those_only_named() {
    let v = json(&["parties", "--kind", "country"]);
    let v = v.as_array().unwrap();
    let took = v
        .iter()
        .filter(|p| p["events"].as_u64().unwrap() > 0)
        .count();
    assert!(
        took < v.len(),
        "some countries are only named (non-signatories)"
    );
    let (table, _) = run(&["parties", "--kind", "country"]);
    assert!(
        table.contains(&format!(
            "{took} took part in at least one event (as a party or host)"
        )),
        "{table}"
    );
    let srb = v.iter().find(|p| p["id"] == "SRB").unwrap();
    assert!(srb["events"].as_u64().unwrap() >= 1, "a host takes part");
}
