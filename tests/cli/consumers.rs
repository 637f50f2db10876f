//! The exports, made from hostile names, cities and notes, read back by independent programs:
//! the iCalendar file by Python's `icalendar` and `vobject` and by `ical.js` (Thunderbird's
//! parser), the JSON and TimelineJS files by Python's `json`. Each must see exactly the events
//! the dataset has, with exactly the text it holds: no line break, `;`, `,` or `\` in a value
//! may end it early or add a property (`UID`, `URL`, `ATTACH`) or an event of the attacker's.
//!
//! The programs live in `tests/consumers/` and are installed by `.ci/run` (pinned in
//! `requirements.txt` and `package-lock.json`). When one is missing the test prints a notice
//! and skips it, except when `CI` is set: there a missing parser fails the test.
use super::*;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

/// A name that tries to close its event and open the attacker's, with every line break kind.
const EVIL_NAME: &str =
    "Summit\rEND:VEVENT\r\nBEGIN:VEVENT\r\nUID:evil@x\r\nATTACH:https://evil.example/a";
/// A city with the characters that separate iCalendar values, and a Unicode line separator.
const EVIL_CITY: &str = "Town;Place,Region\\Back\u{2028}URL:https://evil.example/c";
/// A note with LF, bare CR, CRLF, NEL, VT, FF, a paragraph separator, BEL and a nested alarm.
const EVIL_NOTE: &str = "a\nb\rc\r\nd\u{85}e\u{0B}f\u{0C}g\u{2029}h ; , \\ end\u{7}\nBEGIN:VALARM\nTRIGGER:-PT5M\nEND:VALARM\nEND:VCALENDAR";
const EVIL_PARTY: &str = "Evil\rATTACH:https://evil.example/p;x,y";
const SECOND_NAME: &str = "Plain; with, commas \\ and \"quotes\"\nEND:VEVENT";

fn csv_field(s: &str) -> String {
    format!("\"{}\"", s.replace('"', "\"\""))
}

/// Three events: two hostile (one known only to the month), one plain.
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let events = format!(
        "id,name,kind,start,end,city,source,note,list\n\
         x-1,{},summit,2024-02-01,2024-02-02,{},\"https://x.org/a?b=1;c=2,d\",{},complete\n\
         x-2,{},meeting,2024-03,,\"Bare\rCR\",https://x.org/b,,complete\n\
         x-3,Plain summit,summit,2024-04-05,,,https://x.org/c\u{1b}[2J\u{7},,complete\n",
        csv_field(EVIL_NAME),
        csv_field(EVIL_CITY),
        csv_field(EVIL_NOTE),
        csv_field(SECOND_NAME),
    );
    let parties = format!(
        "id,name,kind\nAAA,{},organisation\nBBB,\"Bee \\; Co\",organisation\n",
        csv_field(EVIL_PARTY)
    );
    for (name, text) in [
        ("events.csv", events.as_str()),
        ("parties.csv", parties.as_str()),
        (
            "participation.csv",
            "event,party,role\nx-1,AAA,signatory\nx-1,BBB,signatory\nx-2,AAA,participant\n",
        ),
        ("priorities.csv", "id,name\n"),
        ("event_priorities.csv", "event,priority,source\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    dir
}

/// Export the dataset in `dir` to `dir/out.FORMAT` and return the path.
fn export(dir: &Path, format: &str) -> PathBuf {
    let file = dir.join(format!("out.{format}"));
    let out = convene()
        .arg("--data")
        .arg(dir)
        .args(["export", "--format", format, "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    file
}

/// Whether this run is CI's (`CI=true`), where every consumer must be installed.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

/// The Python that has the parsers: `.ci/run`'s virtual environment, else `python3`.
fn python() -> PathBuf {
    let venv = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("target/consumers/venv/bin/python3");
    if venv.exists() {
        venv
    } else {
        PathBuf::from("python3")
    }
}

fn script(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/consumers")
        .join(name)
}

/// Run a consumer; its JSON account of the file, or `None` when it is not installed here (a
/// failure under CI).
fn consumer(program: &Path, args: &[&Path], what: &str) -> Option<Value> {
    let missing = |why: String| {
        let notice = format!("{what}: {why}; the install block of .ci/run installs it");
        assert!(!in_ci(), "CI must have every consumer: {notice}");
        eprintln!("skipped: {notice}");
        None
    };
    let out = match Command::new(program).args(args).output() {
        Ok(out) => out,
        Err(e) => return missing(format!("{}: {e}", program.display())),
    };
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(77) {
        return missing(stderr.trim().to_string());
    }
    assert!(out.status.success(), "{what} failed: {stderr}");
    Some(serde_json::from_slice(&out.stdout).unwrap_or_else(|e| panic!("{what}: {e}")))
}

/// One event as a parser must see it.
struct Expected {
    uid: &'static str,
    summary: &'static str,
    location: Option<&'static str>,
    description: &'static str,
    url: &'static str,
    start: &'static str,
    end: &'static str,
}

/// The events of [`hostile`], each text value as it was written: every line break kind a
/// newline, other control characters dropped, `;`, `,` and `\` themselves; in the source's URI,
/// control characters percent-encoded.
fn expected_events() -> [Expected; 3] {
    [
        Expected {
            uid: "x-1@convene",
            summary: "Summit\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil@x\nATTACH:https://evil.example/a",
            location: Some("Town;Place,Region\\Back\nURL:https://evil.example/c"),
            description: "Summit\nEND:VEVENT\nBEGIN:VEVENT\nUID:evil@x\nATTACH:https://evil.example/a (summit).\n\n\
                2 parties listed; complete as of 2 Feb 2024. Signatories (2): Bee \\; Co, Evil\nATTACH:https://evil.example/p;x,y.\n\n\
                a\nb\nc\nd\ne\nf\ng\nh ; , \\ end\nBEGIN:VALARM\nTRIGGER:-PT5M\nEND:VALARM\nEND:VCALENDAR\n\n\
                Source: https://x.org/a?b=1;c=2,d",
            url: "https://x.org/a?b=1;c=2,d",
            start: "20240201",
            end: "20240203",
        },
        Expected {
            uid: "x-2@convene",
            summary: "Plain; with, commas \\ and \"quotes\"\nEND:VEVENT",
            location: Some("Bare\nCR"),
            description: "Date known only as Mar 2024: this entry spans the whole period.\n\n\
                Plain; with, commas \\ and \"quotes\"\nEND:VEVENT (meeting).\n\n\
                1 party listed; complete as of Mar 2024. Participants (1): Evil\nATTACH:https://evil.example/p;x,y.\n\n\
                Source: https://x.org/b",
            url: "https://x.org/b",
            start: "20240301",
            end: "20240401",
        },
        Expected {
            uid: "x-3@convene",
            summary: "Plain summit",
            location: None,
            description: "Plain summit (summit).\n\n0 parties listed; complete as of 5 Apr 2024.\n\nSource: https://x.org/c%1B[2J%07",
            url: "https://x.org/c%1B[2J%07",
            start: "20240405",
            end: "20240406",
        },
    ]
}

/// The digits of a date or date-time as a parser shows it (`2024-02-01`, `20240201T000000Z`,
/// `2024-02-01 00:00:00+00:00`), UTC offset left out.
fn digits(v: &str) -> String {
    v.trim_end_matches("+00:00")
        .chars()
        .filter(char::is_ascii_digit)
        .collect()
}

/// Check one parser's account of the calendar against the dataset.
fn check_calendar(seen: &Value) {
    let parser = seen["parser"].as_str().unwrap();
    assert_eq!(seen["calendars"], 1, "{parser}: one calendar");
    let events = seen["events"].as_array().unwrap();
    let expected = expected_events();
    let uids: Vec<&str> = events
        .iter()
        .map(|e| e["properties"]["UID"][0].as_str().unwrap_or("?"))
        .collect();
    assert_eq!(
        uids,
        expected.iter().map(|e| e.uid).collect::<Vec<_>>(),
        "{parser}: exactly the dataset's events"
    );
    for (e, x) in events.iter().zip(&expected) {
        let props: BTreeMap<String, Vec<String>> =
            serde_json::from_value(e["properties"].clone()).unwrap();
        let mut names = vec![
            "DESCRIPTION",
            "DTEND",
            "DTSTAMP",
            "DTSTART",
            "LAST-MODIFIED",
            "SEQUENCE",
            "SUMMARY",
            "UID",
            "URL",
        ];
        if x.location.is_some() {
            names.push("LOCATION");
            names.sort_unstable();
        }
        assert_eq!(
            props.keys().collect::<Vec<_>>(),
            names,
            "{parser}: {}: the properties written, and no other",
            x.uid
        );
        let one = |name: &str| -> &str {
            match props[name].as_slice() {
                [v] => v,
                vs => panic!(
                    "{parser}: {}: {name} has {} values: {vs:?}",
                    x.uid,
                    vs.len()
                ),
            }
        };
        assert_eq!(one("SUMMARY"), x.summary, "{parser}: {}: SUMMARY", x.uid);
        assert_eq!(
            one("DESCRIPTION"),
            x.description,
            "{parser}: {}: DESCRIPTION",
            x.uid
        );
        assert_eq!(one("URL"), x.url, "{parser}: {}: URL", x.uid);
        if let Some(l) = x.location {
            assert_eq!(one("LOCATION"), l, "{parser}: {}: LOCATION", x.uid);
        }
        assert_eq!(
            digits(one("DTSTART")),
            x.start,
            "{parser}: {}: DTSTART",
            x.uid
        );
        assert_eq!(digits(one("DTEND")), x.end, "{parser}: {}: DTEND", x.uid);
        assert_eq!(
            digits(one("DTSTAMP")),
            "20240405000000",
            "{parser}: DTSTAMP"
        );
        assert_eq!(
            e["components"],
            serde_json::json!([]),
            "{parser}: {}: nothing nested",
            x.uid
        );
        assert_eq!(
            e["errors"],
            serde_json::json!([]),
            "{parser}: {}: no error",
            x.uid
        );
    }
}

#[test]
fn ics_from_hostile_text_is_read_exactly_by_python_icalendar_vobject_and_ical_js() {
    let dir = hostile();
    let ics = export(dir.path(), "ics");
    let py = python();
    for parser in ["icalendar", "vobject"] {
        let what = format!("Python {parser}");
        let arg = PathBuf::from(parser);
        if let Some(seen) = consumer(&py, &[&script("ics_python.py"), &arg, &ics], &what) {
            check_calendar(&seen);
        }
    }
    let node = PathBuf::from("node");
    if let Some(seen) = consumer(&node, &[&script("ics_icaljs.mjs"), &ics], "ical.js") {
        check_calendar(&seen);
    }
}

/// Python's `json` reads the file, strictly (no duplicate key, no NaN), and what it read is
/// what serde_json reads: every string comes back exactly.
fn python_json(file: &Path) -> Option<Value> {
    let seen = consumer(&python(), &[&script("json_python.py"), file], "Python json")?;
    let ours: Value = serde_json::from_str(&std::fs::read_to_string(file).unwrap()).unwrap();
    assert_eq!(
        seen,
        ours,
        "Python json and serde_json read {} alike",
        file.display()
    );
    Some(seen)
}

#[test]
fn json_and_timelinejs_from_hostile_text_round_trip_through_python_json() {
    let dir = hostile();
    if let Some(doc) = python_json(&export(dir.path(), "json")) {
        let ev = &doc["events"];
        assert_eq!(ev[0]["name"], EVIL_NAME);
        assert_eq!(ev[0]["city"], EVIL_CITY);
        assert_eq!(ev[0]["note"], EVIL_NOTE);
        assert_eq!(ev[0]["source"], "https://x.org/a?b=1;c=2,d");
        assert_eq!(ev[1]["name"], SECOND_NAME);
        assert_eq!(ev[1]["city"], "Bare\rCR");
        assert_eq!(doc["parties"][0]["name"], EVIL_PARTY);
        assert_eq!(doc["parties"][1]["name"], "Bee \\; Co");
    }
    if let Some(doc) = python_json(&export(dir.path(), "timelinejs")) {
        let slides = doc["events"].as_array().unwrap();
        let ids: Vec<&str> = slides
            .iter()
            .map(|s| s["unique_id"].as_str().unwrap())
            .collect();
        assert_eq!(ids, ["x-1", "x-2", "x-3"]);
        // A control character in the source is percent-encoded in the link, not replaced.
        assert_eq!(
            slides[2]["text"]["text"],
            "<p>summit</p><p>0 parties listed; complete as of 5 Apr 2024.</p>\
             <p><a href=\"https://x.org/c%1B[2J%07\" target=\"_blank\" rel=\"noopener\">Source</a></p>"
        );
        // HTML text: markup escaped, control characters (CR here) replaced by U+FFFD.
        assert_eq!(
            slides[0]["text"]["headline"],
            "Summit\u{FFFD}END:VEVENT\u{FFFD}\nBEGIN:VEVENT\u{FFFD}\nUID:evil@x\u{FFFD}\nATTACH:https://evil.example/a"
        );
        assert_eq!(
            slides[1]["text"]["headline"],
            "Plain; with, commas \\ and &quot;quotes&quot;\nEND:VEVENT"
        );
        assert_eq!(
            slides[0]["text"]["text"],
            "<p>summit · Town;Place,Region\\Back\u{2028}URL:https://evil.example/c</p>\
             <p>2 parties listed; complete as of 2 Feb 2024.</p>\
             <p><b>Signatories</b> (2): Bee \\; Co, Evil\u{FFFD}ATTACH:https://evil.example/p;x,y</p>\
             <p>a\nb\u{FFFD}c\u{FFFD}\nd\u{FFFD}e\u{FFFD}f\u{FFFD}g\u{2029}h ; , \\ end\u{FFFD}\nBEGIN:VALARM\nTRIGGER:-PT5M\nEND:VALARM\nEND:VCALENDAR</p>\
             <p><a href=\"https://x.org/a?b=1;c=2,d\" target=\"_blank\" rel=\"noopener\">Source</a></p>"
        );
    }
}

/// A line break in a name, city or party name cannot start a heading, a list item or a table
/// row of its own in the Markdown export.
#[test]
fn markdown_keeps_hostile_line_breaks_inside_their_line() {
    let dir = hostile();
    let evil = "Fine\n# Injected heading\r- injected item\r\n1. injected\u{2028}## also";
    let events = std::fs::read_to_string(dir.path().join("events.csv")).unwrap()
        + &format!(
            "x-4,{},summit,2024-05-01,,{},https://x.org/d,,complete\n",
            csv_field(evil),
            csv_field("City\n| fake | row |")
        );
    std::fs::write(dir.path().join("events.csv"), events).unwrap();
    let md = stdout(&[
        "--data",
        dir.path().to_str().unwrap(),
        "export",
        "--format",
        "markdown",
    ]);
    for line in md.lines() {
        for injected in [
            "# Injected",
            "- injected",
            "1. injected",
            "## also",
            "| fake",
            "END:",
            "BEGIN:",
            "ATTACH",
            "URL:",
            "UID:",
        ] {
            assert!(
                !line.starts_with(injected),
                "a line starts with {injected:?}: {line:?}"
            );
        }
    }
    let headings: Vec<&str> = md.lines().filter(|l| l.starts_with('#')).collect();
    let ids: Vec<String> = std::iter::once("# International AI safety coordination events".into())
        .chain(
            md.lines()
                .filter_map(|l| l.strip_prefix("## "))
                .map(|id| format!("## {id}")),
        )
        .collect();
    assert_eq!(headings, ids);
    // Each section's heading is its id; the name is the bold line under it, on one line.
    let names: Vec<&str> = md
        .lines()
        .filter(|l| l.starts_with("**") && l.ends_with("**") && l.len() > 4)
        .collect();
    assert_eq!(
        names,
        [
            "**Summit END:VEVENT  BEGIN:VEVENT  UID:evil@x  ATTACH:https://evil.example/a**",
            "**Plain; with, commas \\\\ and \"quotes\" END:VEVENT**",
            "**Plain summit**",
            "**Fine \\# Injected heading - injected item  1. injected\\\\u{2028}\\#\\# also**",
        ]
    );
    // A control character would end a CommonMark link destination early: it is percent-encoded.
    assert!(
        md.contains(
            "\n- **source:** [https://x.org/c\\\\u{1b}\\[2J\\\\u{7}](https://x.org/c%1B[2J%07)\n"
        ),
        "{md}"
    );
    assert!(
        md.contains("\n- **place:** City \\| fake \\| row \\|\n"),
        "{md}"
    );
    assert!(
        md.contains("\n- Signatories (2): Bee \\\\; Co, Evil ATTACH:https://evil.example/p;x,y — [source](https://x.org/a?b=1;c=2,d)\n"),
        "{md}"
    );
}

/// Issue 15: URLs inside notes came out broken in every GFM renderer (`\_` inside the link,
/// `&amp;` in the query), and the section anchors were raw `<a id>` tags that GitHub's safe
/// mode strips. Rendered by markdown-it with heading ids (markdown-it-anchor), every `#` link
/// must reach an id, and the addresses in a note must come out as written.
#[test]
fn markdown_links_and_anchors_survive_markdown_it() {
    let dir = tempfile::tempdir().unwrap();
    let note = "See https://x.example/a_b?c=1&d=2 (and https://y.example/p_(q)_r).";
    let events = format!(
        "id,name,kind,start,parent,source,note,list\n\
         top-2024,Top summit,summit,2024-02-01,,https://x.org/a,,complete\n\
         part-2024,Part of it,declaration,2024-02-02,top-2024,https://x.org/b,{},complete\n",
        csv_field(note)
    );
    for (name, text) in [
        ("events.csv", events.as_str()),
        ("parties.csv", "id,name,kind\nAAA,Aa,organisation\n"),
        (
            "participation.csv",
            "event,party,role\ntop-2024,AAA,signatory\n",
        ),
        ("priorities.csv", "id,name\n"),
        ("event_priorities.csv", "event,priority,source\n"),
    ] {
        std::fs::write(dir.path().join(name), text).unwrap();
    }
    let node = PathBuf::from("node");
    let run = |file: &Path| consumer(&node, &[&script("md_markdownit.mjs"), file], "markdown-it");
    let Some(seen) = run(&export(dir.path(), "markdown")) else {
        return;
    };
    let strings = |v: &Value| -> Vec<String> {
        v.as_array()
            .unwrap()
            .iter()
            .map(|x| x.as_str().unwrap().to_string())
            .collect()
    };
    let (hrefs, ids) = (strings(&seen["hrefs"]), strings(&seen["ids"]));
    for want in ["https://x.example/a_b?c=1&d=2", "https://y.example/p_(q)_r"] {
        assert!(hrefs.iter().any(|h| h == want), "{want} not in {hrefs:?}");
    }
    for h in hrefs.iter().filter_map(|h| h.strip_prefix('#')) {
        assert!(ids.iter().any(|i| i == h), "#{h} reaches no id in {ids:?}");
    }
    assert!(ids.contains(&"top-2024".to_string()) && ids.contains(&"part-2024".to_string()));
    // The shipped dataset: every internal link resolves, no address keeps an escape.
    let shipped = tempfile::tempdir().unwrap();
    let file = shipped.path().join("all.md");
    let out = convene()
        .args(["export", "--format", "markdown", "-o"])
        .arg(&file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let seen = run(&file).unwrap();
    let (hrefs, ids) = (strings(&seen["hrefs"]), strings(&seen["ids"]));
    let mut internal = 0;
    for h in &hrefs {
        assert!(!h.contains('\\') && !h.contains("&amp;"), "{h}");
        if let Some(id) = h.strip_prefix('#') {
            internal += 1;
            assert!(ids.iter().any(|i| i == id), "#{id}");
        }
    }
    assert!(internal >= 54, "{internal} internal links");
}
