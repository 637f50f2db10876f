//! `convene export`: each format parses, is complete, escaped and deterministic.
use super::*;

fn check_counts() -> Vec<usize> {
    // "ok: 30 events, 86 parties, 220 participation rows, 17 priority areas, 38 priority links, 51 sources; …"
    let line = stdout(&["check"]);
    line.split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty())
        .map(|s| s.parse().unwrap())
        .take(6)
        .collect()
}

#[test]
fn json_round_trips_the_counts_of_check() {
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&["export", "--format", "json"])).unwrap();
    assert_eq!(v["schema"], "convene/2");
    let c = &v["counts"];
    let got: Vec<usize> = [
        "events",
        "parties",
        "participation",
        "priorities",
        "priority_links",
        "sources",
    ]
    .iter()
    .map(|k| c[k].as_u64().unwrap() as usize)
    .collect();
    assert_eq!(got, check_counts());
    assert_eq!(v["events"].as_array().unwrap().len(), got[0]);
    let rows: usize = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["parties"].as_array().unwrap().len())
        .sum();
    assert_eq!(rows, got[2]);
}

/// Every key the JSON export writes is documented in the README's schema table, and every
/// documented key is written.
#[test]
fn json_keys_match_the_documented_schema() {
    let readme =
        std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("README.md"))
            .unwrap();
    let section = readme
        .split("### JSON export schema (convene/2)")
        .nth(1)
        .expect("README documents the schema");
    let section = section.split("\n## ").next().unwrap();
    let documented: std::collections::BTreeSet<String> = section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| l.split('`').nth(1).unwrap().to_string())
        .collect();
    let mut written = std::collections::BTreeSet::new();
    fn walk(v: &serde_json::Value, path: &str, out: &mut std::collections::BTreeSet<String>) {
        match v {
            serde_json::Value::Object(m) => {
                for (k, x) in m {
                    let p = if path.is_empty() {
                        k.clone()
                    } else {
                        format!("{path}.{k}")
                    };
                    out.insert(p.clone());
                    walk(x, &p, out);
                }
            }
            serde_json::Value::Array(a) => {
                for x in a {
                    walk(x, &format!("{path}[]"), out);
                }
            }
            _ => {}
        }
    }
    // The whole dataset, and a filtered one that has the keys present only when filtered.
    for args in [
        &["export", "--format", "json"][..],
        &[
            "export",
            "--format",
            "json",
            "--kind",
            "declaration",
            "--party-kind",
            "country",
        ],
    ] {
        let v: serde_json::Value = serde_json::from_str(&stdout(args)).unwrap();
        walk(&v, "", &mut written);
    }
    assert_eq!(
        written, documented,
        "README schema table and JSON export disagree"
    );
}

#[test]
fn json_filters_like_events() {
    let v: serde_json::Value = serde_json::from_str(&stdout(&[
        "export",
        "--format",
        "json",
        "--series",
        "aisi-network",
    ]))
    .unwrap();
    let ids: Vec<&str> = v["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        ids.len(),
        csv_ids(&["events", "--series", "aisi-network"]).len()
    );
    assert!(ids.contains(&"aisi-network-sf-2024"));
    // only the parties those events name
    assert!(
        v["parties"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["id"] != "ANTHROPIC")
    );
}

#[test]
fn timelinejs_slides_have_valid_dates_unique_ids_and_escaped_html() {
    let v: serde_json::Value =
        serde_json::from_str(&stdout(&["export", "--format", "timelinejs"])).unwrap();
    assert!(v["title"]["text"]["headline"].is_string());
    let slides = v["events"].as_array().unwrap();
    assert_eq!(slides.len(), check_counts()[0]);
    let mut ids = std::collections::BTreeSet::new();
    for s in slides {
        let d = &s["start_date"];
        let year = d["year"].as_i64().expect("year") as i32;
        if let Some(m) = d.get("month") {
            let m = m.as_u64().unwrap() as u32;
            assert!((1..=12).contains(&m));
            if let Some(day) = d.get("day") {
                assert!(
                    chrono::NaiveDate::from_ymd_opt(year, m, day.as_u64().unwrap() as u32)
                        .is_some(),
                    "{s}"
                );
            }
        } else {
            assert!(d.get("day").is_none());
        }
        assert!(
            ids.insert(s["unique_id"].as_str().unwrap().to_string()),
            "duplicate unique_id"
        );
    }
    let sd = slides
        .iter()
        .find(|s| s["unique_id"] == "network-san-diego-2025")
        .unwrap();
    assert_eq!(
        sd["start_date"],
        serde_json::json!({"year": 2025, "month": 12}),
        "month precision has no day"
    );
}

#[test]
fn timelinejs_and_markdown_escape_hostile_names() {
    // A quote in the source and the note, written as well-formed CSV (a bare quote in an
    // unquoted field is an error).
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("events.csv"), "id,name,kind,start,city,source,note,list\nx-1,\"<script>alert(1)</script> | *bold* [link](javascript:x)\",summit,2024-02,\"<img src=x onerror=alert(1)>\",\"https://x.org/\"\"q\",\"\"\"note\"\" & <b>\",complete\n").unwrap();
    std::fs::write(
        dir.path().join("parties.csv"),
        "id,name,kind\nAAA,\"<i>Evil</i> & Co\",organisation\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("participation.csv"),
        "event,party,role\nx-1,AAA,signatory\n",
    )
    .unwrap();
    std::fs::write(dir.path().join("priorities.csv"), "id,name\n").unwrap();
    std::fs::write(
        dir.path().join("event_priorities.csv"),
        "event,priority,source\n",
    )
    .unwrap();
    let d = dir.path().to_str().unwrap();
    let t = stdout(&["--data", d, "export", "--format", "timelinejs"]);
    let v: serde_json::Value = serde_json::from_str(&t).unwrap();
    let text = v["events"][0]["text"]["text"].as_str().unwrap();
    let headline = v["events"][0]["text"]["headline"].as_str().unwrap();
    for s in [text, headline] {
        assert!(
            !s.contains("<script") && !s.contains("<img") && !s.contains("<i>"),
            "{s}"
        );
    }
    assert!(text.contains("&lt;i&gt;Evil&lt;/i&gt; &amp; Co"), "{text}");
    // The README's inline-JSON snippet relies on this: the file can sit inside a <script>.
    assert!(!t.to_lowercase().contains("</script"), "{t}");
    let md = stdout(&["--data", d, "export", "--format", "markdown"]);
    assert!(
        !md.contains("<script") && !md.contains("<img") && !md.contains("<i>"),
        "{md}"
    );
    assert!(md.contains("\\*bold\\*") && md.contains("\\|"), "{md}");
}

#[test]
fn markdown_table_has_one_row_per_event() {
    let md = stdout(&["export", "--format", "markdown"]);
    let rows = md
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| date"))
        .count();
    assert_eq!(rows, check_counts()[0]);
    assert!(
        md.contains("\n## bletchley-2023\n\n**AI Safety Summit 2023 (Bletchley Declaration)**\n")
    );
}

#[test]
fn ics_is_parsed_back_by_an_independent_parser() {
    let text = stdout(&["export", "--format", "ics"]);
    assert!(
        text.contains("\r\n") && !text.replace("\r\n", "").contains('\n'),
        "CRLF line ends only"
    );
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "line over 75 octets: {line:?}");
    }
    let cal: icalendar::Calendar = text.parse().expect("parses as iCalendar");
    use icalendar::Component;
    let events: Vec<&icalendar::Event> = cal.events().collect();
    assert_eq!(events.len(), check_counts()[0]);
    let by_uid = |uid: &str| {
        events
            .iter()
            .find(|e| e.get_uid() == Some(uid))
            .copied()
            .unwrap_or_else(|| panic!("no {uid}"))
    };
    let b = by_uid("bletchley-2023@convene");
    let day = |y, m, d| {
        icalendar::DatePerhapsTime::Date(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
    };
    assert_eq!(b.get_start(), Some(day(2023, 11, 1)));
    assert_eq!(
        b.get_end(),
        Some(day(2023, 11, 3)),
        "DTEND is the day after the last day"
    );
    let sd = by_uid("network-san-diego-2025@convene");
    assert_eq!(sd.get_start(), Some(day(2025, 12, 1)));
    assert_eq!(
        sd.get_end(),
        Some(day(2026, 1, 1)),
        "a month-precision event spans its month"
    );
    assert!(
        sd.get_description()
            .unwrap()
            .contains("Date known only as Dec 2025")
    );
    let paris = by_uid("paris-2025@convene");
    assert!(paris.get_description().unwrap().contains("15 of 60 listed"));
    assert_eq!(
        stdout(&["export", "--format", "ics"]),
        text,
        "identical across runs"
    );
}

#[test]
fn export_writes_a_file_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("new/dir/events.md");
    let out = convene()
        .args(["export", "--format", "markdown", "-o"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(
        std::fs::read_to_string(&f)
            .unwrap()
            .starts_with("# International AI safety coordination events")
    );
    let leftovers: Vec<_> = std::fs::read_dir(f.parent().unwrap())
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.file_name().to_string_lossy().ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty());
}

/// Issue 12: a bare CR in a name, city or note ended the iCalendar line, so a parser read the
/// attacker's own VEVENT (with its UID and an ATTACH). Every line break kind is now escaped.
#[test]
fn ics_text_with_bare_carriage_returns_and_unicode_line_breaks_stays_one_event() {
    let dir = tempfile::tempdir().unwrap();
    let evil = "Summit\rEND:VEVENT\rBEGIN:VEVENT\rUID:evil@x\rATTACH:https://evil.example/x";
    let events = format!(
        "id,name,kind,start,city,source,note,list\nx-1,\"{evil}\",summit,2024-02-01,\"Town\u{2028}ATTACH:https://evil.example/c\",https://x.org/,\"a\u{85}ATTACH:https://evil.example/n\u{2029}b\",complete\n"
    );
    for (name, text) in [
        ("events.csv", events.as_str()),
        ("parties.csv", "id,name,kind\n"),
        ("participation.csv", "event,party,role\n"),
        ("priorities.csv", "id,name\n"),
        ("event_priorities.csv", "event,priority,source\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let text = stdout(&["--data", d, "export", "--format", "ics"]);
    assert!(
        !text.replace("\r\n", "").contains('\r'),
        "a bare CR is left"
    );
    for bad in ['\u{2028}', '\u{2029}', '\u{85}'] {
        assert!(!text.contains(bad), "{bad:?} is left");
    }
    let unfolded = text.replace("\r\n ", "");
    assert!(
        !unfolded
            .lines()
            .any(|l| l.starts_with("ATTACH") || l.starts_with("UID:evil"))
    );
    let cal: icalendar::Calendar = text.parse().expect("parses as iCalendar");
    use icalendar::Component;
    let evs: Vec<&icalendar::Event> = cal.events().collect();
    assert_eq!(evs.len(), 1, "one event, not the attacker's second");
    assert_eq!(evs[0].get_uid(), Some("x-1@convene"));
}

/// The TimelineJS export kept bidirectional overrides and isolates, which reorder the page's
/// text around a name; they are dropped from every text it writes, as from the SVG charts.
#[test]
fn timelinejs_drops_bidi_overrides_and_isolates() {
    let dir = tempfile::tempdir().unwrap();
    for (name, text) in [
        (
            "events.csv",
            "id,name,kind,start,city,source,note,list\n\
             x-1,\"Summit \u{202e}gnirts\u{202c} \u{2066}iso\u{2069}\",summit,2024-02-01,\"\u{202d}Town\",https://x.org/\u{202e}x,\"a\u{202b}b\u{202a}c\u{2067}d\u{2068}e \u{200f}mark\",complete\n",
        ),
        (
            "parties.csv",
            "id,name,kind\nAAA,\"\u{202e}Evil\",organisation\n",
        ),
        ("participation.csv", "event,party,role\nx-1,AAA,signatory\n"),
        ("priorities.csv", "id,name\n"),
        ("event_priorities.csv", "event,priority,source\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let d = dir.path().to_str().unwrap();
    let t = stdout(&["--data", d, "export", "--format", "timelinejs"]);
    let overrides = ['\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}'];
    let isolates = ['\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}'];
    for c in overrides.iter().chain(&isolates) {
        assert!(!t.contains(*c), "{c:?} is left in {t}");
    }
    let v: serde_json::Value = serde_json::from_str(&t).unwrap();
    let slide = &v["events"][0]["text"];
    assert_eq!(slide["headline"], "Summit gnirts iso");
    assert_eq!(
        slide["text"],
        "<p>summit · Town</p><p>1 party listed; complete as of 1 Feb 2024.</p>\
         <p><b>Signatories</b> (1): Evil</p><p>abcde \u{200f}mark</p>\
         <p><a href=\"https://x.org/x\" target=\"_blank\" rel=\"noopener\">Source</a></p>",
        "a right-to-left mark is kept: it reorders nothing beyond itself"
    );
}

/// Issue 15: a flat CSV of the participation rows for spreadsheets, each row with its list's
/// status, read back by the csv crate and checked against `convene members`.
#[test]
fn the_flat_csv_has_every_participation_row_with_its_list_status() {
    let out = convene()
        .args(["export", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let h = r.headers().unwrap().clone();
    let col = |name: &str| h.iter().position(|c| c == name).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let bletchley: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|x| &x[col("event")] == "bletchley-2023")
        .collect();
    let m = convene()
        .args(["members", "bletchley-2023", "--format", "json"])
        .output()
        .unwrap();
    let m: serde_json::Value = serde_json::from_slice(&m.stdout).unwrap();
    assert_eq!(bletchley.len(), m["parties"].as_array().unwrap().len());
    assert!(bletchley.iter().all(|x| &x[col("list")] == "complete"));
    let paris: Vec<&csv::StringRecord> = rows
        .iter()
        .filter(|x| &x[col("event")] == "paris-2025")
        .collect();
    assert!(!paris.is_empty());
    assert!(
        paris
            .iter()
            .all(|x| &x[col("list")] == "partial" && &x[col("reported")] == "60")
    );
    let lines = convene()
        .args(["export", "--format", "jsonl"])
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8(lines.stdout).unwrap().lines().count(),
        rows.len()
    );
}

/// Issue 15: a corrected event must replace the old copy when a calendar re-imports the file:
/// SEQUENCE and LAST-MODIFIED come from the event's own data, so a later list date raises them.
#[test]
fn an_event_whose_list_was_updated_gets_a_higher_sequence() {
    let dir = tempfile::tempdir().unwrap();
    for e in std::fs::read_dir(fixture("small")).unwrap() {
        let e = e.unwrap();
        std::fs::copy(e.path(), dir.path().join(e.file_name())).unwrap();
    }
    let seq = |dir: &std::path::Path| -> Vec<(String, u32)> {
        let out = convene()
            .args(["export", "--format", "ics", "--data"])
            .arg(dir)
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8(out.stdout).unwrap().replace("\r\n ", "");
        let mut v = Vec::new();
        let mut n = None;
        for l in text.lines() {
            if let Some(s) = l.strip_prefix("SEQUENCE:") {
                n = Some(s.parse().unwrap());
            }
            if let Some(u) = l.strip_prefix("UID:") {
                v.push((u.to_string(), n.take().expect("SEQUENCE before UID")));
            }
        }
        v
    };
    let before = seq(dir.path());
    assert!(!before.is_empty());
    // The first event's list is checked again, later.
    let first = before[0].0.trim_end_matches("@convene").to_string();
    let path = dir.path().join("events.csv");
    let mut r = csv::Reader::from_path(&path).unwrap();
    let headers = r.headers().unwrap().clone();
    let at = headers.iter().position(|c| c == "list_as_of").unwrap();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(&headers).unwrap();
    for rec in r.records() {
        let mut rec: Vec<String> = rec.unwrap().iter().map(str::to_string).collect();
        if rec[0] == first {
            rec[at] = "2030-01-01".into();
        }
        w.write_record(&rec).unwrap();
    }
    std::fs::write(&path, w.into_inner().unwrap()).unwrap();
    let after = seq(dir.path());
    for ((u, a), (u2, b)) in before.iter().zip(&after) {
        assert_eq!(u, u2);
        if u.starts_with(&format!("{first}@")) {
            assert!(b > a, "{u}: {a} → {b}");
        } else {
            assert_eq!(a, b, "{u} did not change");
        }
    }
}

/// Issue 15: a filtered JSON export named `parent` ids that were not in the file.
#[test]
fn every_parent_id_in_a_filtered_json_export_is_explained() {
    for filter in [
        ["--kind", "declaration"],
        ["--series", "aisi-network"],
        ["--from", "2025-06"],
    ] {
        let out = convene()
            .args(["export", "--format", "json"])
            .args(filter)
            .output()
            .unwrap();
        let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
        let ids: Vec<&str> = v["events"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["id"].as_str().unwrap())
            .collect();
        let outside: Vec<&str> = v["parents_not_included"]
            .as_array()
            .map(|a| a.iter().map(|e| e["id"].as_str().unwrap()).collect())
            .unwrap_or_default();
        for e in v["events"].as_array().unwrap() {
            if let Some(p) = e["parent"].as_str() {
                assert!(
                    ids.contains(&p) != outside.contains(&p),
                    "{filter:?}: parent {p} of {} is in exactly one of events and parents_not_included",
                    e["id"]
                );
            }
        }
        for o in &outside {
            assert!(!ids.contains(o));
        }
    }
}
