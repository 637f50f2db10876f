use super::*;

/// The complete confirmed lists of the core events, as in FACTS.md.
const CORE: &[(&str, &str)] = &[
    (
        "bletchley-2023",
        "AUS BRA CAN CHL CHN FRA DEU IND IDN IRL ISR ITA JPN KEN NGA PHL KOR RWA SAU SGP ESP CHE EU NLD TUR ARE UKR GBR USA",
    ),
    (
        "seoul-declaration-2024",
        "AUS CAN EU FRA DEU ITA JPN KOR SGP GBR USA",
    ),
    (
        "seoul-intent-2024",
        "AUS CAN EU FRA DEU ITA JPN KOR SGP GBR USA",
    ),
    (
        "aisi-network-sf-2024",
        "AUS CAN EU FRA JPN KEN KOR SGP GBR USA",
    ),
    (
        "network-san-diego-2025",
        "AUS CAN EU FRA JPN KEN KOR SGP GBR USA",
    ),
    (
        "coe-ai-convention-2024",
        "AND GEO ISL NOR MDA SMR GBR ISR USA EU",
    ),
];

#[test]
fn san_francisco_csv_lists_exactly_the_ten_members() {
    assert_eq!(
        csv_ids(&["members", "aisi-network-sf-2024"]),
        sorted(&[
            "AUS", "CAN", "EU", "FRA", "JPN", "KEN", "KOR", "SGP", "GBR", "USA"
        ])
    );
}

#[test]
fn core_events_have_their_confirmed_founding_lists() {
    for (ev, ids) in CORE {
        let want: Vec<&str> = ids.split(' ').collect();
        let got = json(&["members", ev]);
        let founding: Vec<&str> = got["parties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| ["signatory", "member"].contains(&p["role"].as_str().unwrap()))
            .map(|p| p["id"].as_str().unwrap())
            .collect();
        assert_eq!(sorted(&founding), sorted(&want), "{ev}");
        // The Council of Europe convention stays open for signature, and one signatory's date
        // is not sourced: its list is partial (AUDIT.md H1); the others are complete.
        let open = *ev == "coe-ai-convention-2024";
        assert_eq!(got["complete"], !open, "{ev}");
        assert_eq!(
            got["list"],
            if open { "partial" } else { "complete" },
            "{ev}"
        );
        assert!(got["list_as_of"].is_string(), "{ev} says as of when");
    }
}

#[test]
fn the_council_of_europe_convention_names_its_later_signatories_and_as_of_when() {
    let table = stdout(&["members", "coe-ai-convention-2024"]);
    for (name, date) in [
        ("Canada", "2025-02-11"),
        ("Japan", "2025-02-11"),
        ("Liechtenstein", "2025-02-27"),
        ("Switzerland", "2025-03-27"),
        ("Ukraine", "2025-05-15"),
        ("Uruguay", "2025-09-02"),
        ("Armenia", "2026-01-27"),
    ] {
        let line = table
            .lines()
            .find(|l| l.contains(name))
            .unwrap_or_else(|| panic!("{name} missing:\n{table}"));
        assert!(line.contains(&format!("joined ({date})")), "{line}");
    }
    assert!(
        table.contains("18 of 19 listed; incomplete (the count as of 27 Jan 2026)"),
        "{table}"
    );
    assert!(!table.contains("complete as of"), "{table}");
}

#[test]
fn audit_fixes_hold_for_the_g7_the_frontier_commitments_and_seoul() {
    let g7 = csv_ids(&["members", "g7-hiroshima-process-2023"]);
    assert!(g7.contains(&"EU".to_string()), "{g7:?}");
    let fc = json(&["members", "frontier-commitments-2024"]);
    assert_eq!(fc["reported"], 20);
    assert_eq!(fc["list"], "partial");
    assert_eq!(fc["complete"], false);
    let seoul = csv_ids(&["members", "seoul-ministerial-2024"]);
    assert!(seoul.contains(&"AUS".to_string()), "{seoul:?}");
}

#[test]
fn later_accessions_are_joined_rows_with_dates() {
    let v = json(&["members", "bletchley-2023", "--role", "joined"]);
    assert_eq!(json_ids(&v["parties"]), ["NZL"]);
    assert_eq!(v["parties"][0]["date"], "2024-10");
    let v = json(&["members", "coe-ai-convention-2024", "--role", "joined"]);
    assert_eq!(
        json_ids(&v["parties"]),
        sorted(&["ARM", "CAN", "CHE", "JPN", "LIE", "MNE", "UKR", "URY"])
    );
    let v = json(&["members", "delhi-2026", "--role", "joined"]);
    assert_eq!(json_ids(&v["parties"]), sorted(&["BGD", "CRI", "GTM"]));
}

#[test]
fn json_has_the_documented_shape() {
    let v = json(&["members", "paris-2025"]);
    assert_eq!(v["event"], "paris-2025");
    assert_eq!(v["reported"], 60);
    assert_eq!(v["complete"], false);
    assert_eq!(v["listed"], 15);
    for p in v["parties"].as_array().unwrap() {
        for key in ["id", "name", "kind", "role", "source"] {
            assert!(p.get(key).is_some(), "party object lacks {key}: {p}");
        }
        assert!(p["source"].as_str().unwrap().starts_with("http"));
    }
}

#[test]
fn partial_lists_say_so_in_every_format() {
    let table = stdout(&["members", "seoul-ministerial-2024"]);
    assert!(table.contains("8 of 28 listed"), "{table}");
    assert!(table.contains("; incomplete"), "{table}");
    let md = stdout(&["members", "seoul-ministerial-2024", "--format", "markdown"]);
    assert!(md.contains("8 of 28 listed"), "{md}");
    let out = convene()
        .args(["members", "seoul-ministerial-2024", "--format", "csv"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stderr).contains("8 of 28 listed"));
    assert!(
        !String::from_utf8_lossy(&out.stdout).contains("listed"),
        "CSV stdout stays pure data"
    );
}

#[test]
fn non_signatories_are_listed_with_their_role_and_not_counted() {
    let v = json(&["members", "paris-2025", "--role", "non-signatory"]);
    assert_eq!(json_ids(&v["parties"]), sorted(&["GBR", "USA"]));
    let v = json(&[
        "members",
        "seoul-ministerial-2024",
        "--role",
        "non-signatory",
    ]);
    assert_eq!(json_ids(&v["parties"]), ["CHN"]);
}

#[test]
fn as_of_shows_the_list_before_a_later_accession() {
    let before = csv_ids(&["members", "bletchley", "--as-of", "2024-01-01"]);
    let after = csv_ids(&["members", "bletchley", "--as-of", "2024-11-01"]);
    assert!(!before.contains(&"NZL".to_string()));
    assert!(after.contains(&"NZL".to_string()));
}

#[test]
fn an_ambiguous_event_is_an_error_listing_the_candidates() {
    let out = convene().args(["members", "seoul"]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    for id in [
        "seoul-declaration-2024",
        "seoul-intent-2024",
        "seoul-ministerial-2024",
    ] {
        assert!(err.contains(id), "{err}");
    }
    assert!(out.stdout.is_empty());
}

#[test]
fn events_resolve_by_a_unique_word_prefix() {
    assert_eq!(json(&["members", "sf"])["event"], "aisi-network-sf-2024");
    assert_eq!(json(&["members", "Bletchley"])["event"], "bletchley-2023");
}

#[test]
fn members_on_a_fixture_dataset() {
    let dir = fixture("small");
    let v = json(&["--data", dir.to_str().unwrap(), "members", "beta"]);
    assert_eq!(v["listed"], 2);
    assert_eq!(v["reported"], 5);
    assert_eq!(v["complete"], false);
    assert_eq!(json_ids(&v["parties"]), sorted(&["GBR", "KOR", "USA"]));
}

#[test]
fn party_kind_keeps_only_that_kind_and_says_so() {
    let out = convene()
        .args(["members", "delhi-2026", "--party-kind", "organisation"])
        .args(["--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let parties = v["parties"].as_array().unwrap();
    assert!(!parties.is_empty());
    assert!(parties.iter().all(|p| p["kind"] == "organisation"));
    // The list's own counts are unchanged: they describe the whole list.
    assert_eq!(v["reported"], 91);
    let table = convene()
        .env("COLUMNS", "200")
        .args(["members", "delhi-2026", "--party-kind", "organisation"])
        .output()
        .unwrap();
    let table = String::from_utf8(table.stdout).unwrap();
    assert!(
        table.contains(&format!("showing its {} organisations.", parties.len())),
        "{table}"
    );
}
