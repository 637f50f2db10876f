//! Facts that guard the facts: no output calls a list complete that is not, every open
//! instrument's complete list says as of when, and stale lists are found by `check --strict`.
use super::*;
use convene::model::{EventKind, ListStatus, Role};

#[test]
fn every_complete_list_of_an_open_instrument_says_as_of_when() {
    let d = convene::load::load_embedded().unwrap();
    for ev in d.event_ids() {
        let e = d.event(ev);
        let open = matches!(e.kind, EventKind::Treaty | EventKind::Commitment)
            || d.rows_of(ev).any(|r| r.role == Role::Joined);
        if open && e.list.status == ListStatus::Complete {
            assert!(
                e.list.as_of.is_some(),
                "{} is open but its complete list has no list_as_of",
                e.id
            );
        }
    }
}

/// The ids of the shipped events whose list is partial or not kept, and of all events.
fn incomplete_and_all() -> (Vec<String>, Vec<String>) {
    let d = convene::load::load_embedded().unwrap();
    let all: Vec<String> = d.events().iter().map(|e| e.id.clone()).collect();
    let incomplete = d
        .events()
        .iter()
        .filter(|e| e.list.status != ListStatus::Complete)
        .map(|e| e.id.clone())
        .collect();
    (incomplete, all)
}

#[test]
fn no_output_calls_a_partial_or_unkept_list_complete() {
    let (incomplete, all) = incomplete_and_all();
    assert!(
        incomplete.len() >= 20,
        "only {} incomplete lists",
        incomplete.len()
    );
    for id in &incomplete {
        for cmd in ["members", "show"] {
            for f in ["table", "csv", "json", "markdown"] {
                let out = convene().args([cmd, id, "--format", f]).output().unwrap();
                assert!(out.status.success(), "{cmd} {id} --format {f}");
                let text = format!(
                    "{}{}",
                    String::from_utf8_lossy(&out.stdout),
                    String::from_utf8_lossy(&out.stderr)
                );
                assert!(
                    !text.contains("complete as of"),
                    "{cmd} {id} --format {f}:\n{text}"
                );
                assert!(
                    !text.contains("\"complete\": true"),
                    "{cmd} {id} --format {f}"
                );
                if f == "json" {
                    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
                    assert_eq!(v["complete"], false, "{cmd} {id}");
                    assert!(
                        ["partial", "none"].contains(&v["list"].as_str().unwrap()),
                        "{cmd} {id}"
                    );
                }
            }
        }
    }
    // The exports: one "complete as of" per complete list, none for the others.
    let complete = all.len() - incomplete.len();
    for f in ["markdown", "timelinejs", "ics"] {
        let text = stdout(&["export", "--format", f]).replace("\r\n ", "");
        assert_eq!(
            text.matches("complete as of").count(),
            complete,
            "export {f}"
        );
    }
    let v = json(&["export"]);
    for e in v["events"].as_array().unwrap() {
        let id = e["id"].as_str().unwrap().to_string();
        assert_eq!(e["complete"], !incomplete.contains(&id), "export json {id}");
        assert_eq!(e["complete"], e["list"] == "complete", "export json {id}");
    }
}

#[test]
fn check_strict_finds_stale_lists_of_open_instruments() {
    let plain = convene().arg("check").output().unwrap();
    assert!(plain.status.success());
    let strict = convene().args(["check", "--strict"]).output().unwrap();
    let err = String::from_utf8_lossy(&strict.stderr);
    // Bletchley's list (open: New Zealand joined later) was last checked in October 2024,
    // more than a year before the newest shipped event.
    assert_eq!(strict.status.code(), Some(1), "{err}");
    // At the row to edit, as the loader's own messages are.
    let line = std::fs::read_to_string(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("events/events.csv"),
    )
    .unwrap()
    .lines()
    .position(|l| l.starts_with("bletchley-2023,"))
    .unwrap()
        + 1;
    assert!(
        err.contains(&format!(
            "events/events.csv:{line}: column list_as_of: warning: bletchley-2023: the list is as of Oct 2024"
        )),
        "{err}"
    );
    assert!(
        !err.contains("coe-ai-convention-2024"),
        "checked in Jan 2026: {err}"
    );
    assert_eq!(strict.stdout, plain.stdout, "the summary is the same");
}

#[test]
fn a_party_that_joined_in_a_month_is_unknown_inside_it_not_absent() {
    // New Zealand joined the Bletchley Declaration in October 2024 (the day is not sourced).
    let inside = json(&["members", "bletchley-2023", "--as-of", "2024-10-15"]);
    assert!(!json_ids(&inside["parties"]).contains(&"NZL".to_string()));
    assert_eq!(json_ids(&inside["unknown_on_date"]), ["NZL"]);
    let table = stdout(&["members", "bletchley-2023", "--as-of", "2024-10-15"]);
    assert!(
        table.contains("Unknown on 2024-10-15: New Zealand (NZL)"),
        "{table}"
    );
    let after = json(&["members", "bletchley-2023", "--as-of", "2024-11-01"]);
    assert!(json_ids(&after["parties"]).contains(&"NZL".to_string()));
    assert!(after["unknown_on_date"].as_array().unwrap().is_empty());
    let before = json(&["members", "bletchley-2023", "--as-of", "2024-09-30"]);
    assert!(
        before["unknown_on_date"].as_array().unwrap().is_empty(),
        "not yet joined"
    );
    let party = json(&["party", "NZL", "--as-of", "2024-10-15"]);
    assert_eq!(party["unknown_on_date"][0], "bletchley-2023");
    assert!(
        !party["unknown"]
            .as_array()
            .unwrap()
            .contains(&"bletchley-2023".into())
    );
}

/// Issue 12: `--as-of` before the event said "0 of 19 listed; incomplete (the count as of
/// 27 Jan 2026)", mixing a later count into a day when no one could have taken part.
#[test]
fn as_of_before_the_event_says_there_was_no_party_yet() {
    let out = convene()
        .args(["members", "coe-ai-convention-2024", "--as-of", "2020-01-01"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("No party yet on 2020-01-01: the event is dated 5 Sep 2024, after that day."),
        "{text}"
    );
    assert!(!text.contains("of 19 listed"), "{text}");
}

/// Issue 15: `--as-of` needed a full day while `--from`/`--to` took `YYYY-MM`. A month means
/// its last day: as things stood at its end.
#[test]
fn as_of_a_month_means_its_last_day() {
    let at = |d: &str| {
        let out = convene()
            .args([
                "members",
                "coe-ai-convention-2024",
                "--as-of",
                d,
                "--format",
                "json",
            ])
            .output()
            .unwrap();
        assert!(out.status.success(), "{d}");
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let month = at("2025-02");
    assert_eq!(month["as_of"], "2025-02-28");
    assert_eq!(month["parties"], at("2025-02-28")["parties"]);
    assert_eq!(at("2025")["as_of"], "2025-12-31");
}

/// Issue 15: "Who is in the Network today?" needed knowing which meeting was the latest roster.
#[test]
fn the_current_roster_of_a_series_is_its_latest_complete_list_with_its_date() {
    let json = |args: &[&str]| {
        let out = convene().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    let v = json(&[
        "members",
        "--series",
        "aisi-network",
        "--current",
        "--format",
        "json",
    ]);
    assert_eq!(v["complete"], true);
    assert_eq!(v["current"]["series"], "aisi-network");
    assert_eq!(
        v["current"]["former_name"],
        "International Network of AI Safety Institutes"
    );
    // No later event of the series (other than exercises, reports, renamings) has a complete list.
    let events = json(&["events", "--series", "aisi-network", "--format", "json"]);
    let events = events.as_array().unwrap();
    let at = events.iter().position(|e| e["id"] == v["event"]).unwrap();
    for e in &events[at + 1..] {
        let kind = e["kind"].as_str().unwrap();
        if !["exercise", "report", "renaming"].contains(&kind) {
            assert_eq!(e["complete"], false, "{}", e["id"]);
        }
    }
    let table = convene()
        .env("COLUMNS", "200")
        .args(["members", "--series", "aisi-network", "--current"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(table.starts_with("Current roster of the International Network for Advanced AI Measurement, Evaluation and Science (formerly the International Network of AI Safety Institutes): its latest complete list of a summit,"), "{table}");
}

#[test]
fn a_partys_current_standing_is_unknown_wherever_a_list_is_incomplete() {
    let out = convene()
        .args(["party", "KEN", "--current", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    for s in v["standings"].as_array().unwrap() {
        match s["standing"].as_str().unwrap() {
            // Unknown: an incomplete list, or a complete roster with a later incomplete list.
            "unknown" => assert!(
                s["complete"] == false || s["later_incomplete"].is_string(),
                "{s}"
            ),
            "in" => assert!(s["role"].is_string(), "{s}"),
            "not_in" => assert!(
                (s["complete"] == true && s["later_incomplete"].is_null()) || s["role"].is_string(),
                "{s}"
            ),
            other => panic!("standing {other}"),
        }
    }
    let network = v["standings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["series"] == "aisi-network")
        .unwrap();
    assert_eq!(
        network["standing"], "in",
        "Kenya is a member of the Network"
    );
}

/// A newcomer's trial: `party --current` called Kenya "not listed" at the summits although a
/// later summit list (Delhi) is incomplete, left out Bletchley (open: a party joined later),
/// and `members --as-of` called a list complete on a day one party's status was unknown.
#[test]
fn current_standing_and_as_of_never_claim_more_than_the_lists_hold() {
    let json = |args: &[&str]| -> serde_json::Value {
        let out = convene().args(args).output().unwrap();
        assert!(out.status.success(), "{args:?}");
        serde_json::from_slice(&out.stdout).unwrap()
    };
    let ken = json(&["party", "KEN", "--current", "--format", "json"]);
    let at = |v: &serde_json::Value, pred: &dyn Fn(&serde_json::Value) -> bool| {
        v["standings"]
            .as_array()
            .unwrap()
            .iter()
            .find(|s| pred(s))
            .cloned()
            .unwrap()
    };
    let summits = at(&ken, &|s| s["series"] == "ai-summits");
    assert_eq!(summits["standing"], "unknown", "{summits}");
    assert_eq!(summits["later_incomplete"], "delhi-2026");
    let nzl = json(&["party", "NZL", "--current", "--format", "json"]);
    let bletchley = at(&nzl, &|s| s["event"] == "bletchley-2023");
    assert_eq!(bletchley["role"], "joined");
    let day = json(&[
        "members",
        "bletchley-2023",
        "--as-of",
        "2024-10-15",
        "--format",
        "json",
    ]);
    assert_eq!(day["complete_on_date"], false);
    let after = json(&[
        "members",
        "bletchley-2023",
        "--as-of",
        "2024-11-15",
        "--format",
        "json",
    ]);
    assert_eq!(after["complete_on_date"], true);
}
