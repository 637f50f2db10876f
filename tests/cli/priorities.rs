//! `convene chart priorities`, read back from its SVG: a dot for each link of
//! `event_priorities.csv` of the events shown and no other, each linking to its source; totals
//! that count the dots; filters and lookup errors as elsewhere; and no text cut, outside the
//! canvas or over another.
use super::svg::*;
use super::*;
use std::collections::BTreeMap;

fn chart(args: &[&str]) -> String {
    let mut a = vec!["chart", "priorities"];
    a.extend_from_slice(args);
    a.extend(["-o", "-"]);
    stdout(&a)
}

/// The dataset's links, read from the CSV itself: (event, priority) → source.
fn links_in_csv() -> BTreeMap<(String, String), String> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("events/event_priorities.csv");
    let mut r = csv::Reader::from_path(path).unwrap();
    r.records()
        .map(|x| {
            let x = x.unwrap();
            ((x[0].to_string(), x[1].to_string()), x[2].to_string())
        })
        .collect()
}

/// The dots drawn: the `link-EVENT-PRIORITY` group of each, with the address it links to.
fn dots(doc: &roxmltree::Document) -> BTreeMap<String, String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("cell"))
        .map(|g| {
            let a = g
                .children()
                .find(|n| n.has_tag_name("a"))
                .expect("a dot links to its source");
            assert!(
                a.descendants().any(|n| n.has_tag_name("circle")),
                "the link holds the dot"
            );
            let title = a.children().find(|n| n.has_tag_name("title")).unwrap();
            let href = a.attribute("href").unwrap().to_string();
            assert!(
                title.text().unwrap().ends_with(&href),
                "the tooltip names the source"
            );
            (g.attribute("id").unwrap().to_string(), href)
        })
        .collect()
}

fn expected_dots(events: &[String]) -> BTreeMap<String, String> {
    links_in_csv()
        .into_iter()
        .filter(|((e, _), _)| events.contains(e))
        .map(|((e, p), s)| (format!("link-{e}-{p}"), s))
        .collect()
}

fn event_ids(args: &[&str]) -> Vec<String> {
    let mut a = vec!["events"];
    a.extend_from_slice(args);
    json(&a)
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_dot_for_every_link_of_the_events_shown_and_no_other() {
    for filter in [
        &[][..],
        &["--series", "aisi-network"],
        &["--kind", "summit", "--from", "2024"],
        &["--priority", "testing,inclusion"],
    ] {
        let doc_text = chart(filter);
        let doc = parse(&doc_text);
        let expected = expected_dots(&event_ids(filter));
        assert!(!expected.is_empty(), "{filter:?}");
        assert_eq!(dots(&doc), expected, "{filter:?}");
        // A row per linked event, grouped by series.
        let rows: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("row"))
            .map(|n| n.attribute("id").unwrap())
            .collect();
        let mut linked: Vec<String> = expected
            .keys()
            .map(|k| {
                let (e, _) = links_in_csv()
                    .into_keys()
                    .find(|(e, p)| format!("link-{e}-{p}") == *k)
                    .unwrap();
                format!("row-{e}")
            })
            .collect();
        linked.sort();
        linked.dedup();
        let mut drawn: Vec<String> = rows.iter().map(|s| s.to_string()).collect();
        drawn.sort();
        assert_eq!(drawn, linked, "{filter:?}");
    }
}

#[test]
fn every_area_shown_has_a_dot_and_totals_count_the_dots() {
    let svg = chart(&[]);
    let doc = parse(&svg);
    let num = |n: &roxmltree::Node, a: &str| -> f64 { n.attribute(a).unwrap().parse().unwrap() };
    let circles: Vec<f64> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("cell"))
        .flat_map(|g| g.descendants().filter(|n| n.has_tag_name("circle")))
        .map(|c| num(&c, "cx"))
        .collect();
    let totals = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("totals"))
        .unwrap();
    let mut columns = 0;
    for t in totals.descendants().filter(|n| n.has_tag_name("text")) {
        if t.text() == Some("events") {
            continue;
        }
        let x = num(&t, "x");
        let n = circles.iter().filter(|c| (*c - x).abs() < 0.5).count();
        assert_eq!(
            t.text().unwrap().parse::<usize>().unwrap(),
            n,
            "the column at {x}"
        );
        assert!(n > 0);
        columns += 1;
    }
    let areas: std::collections::BTreeSet<String> =
        links_in_csv().into_keys().map(|k| k.1).collect();
    assert_eq!(columns, areas.len());
    // Each row's total is its dots.
    for row in doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("row"))
    {
        let dots = row
            .descendants()
            .filter(|n| n.attribute("class") == Some("cell"))
            .count();
        let last = row.descendants().rfind(|n| n.has_tag_name("text")).unwrap();
        assert_eq!(last.text().unwrap(), dots.to_string());
    }
    let all = event_ids(&[]).len();
    let linked = links_in_csv()
        .into_keys()
        .map(|k| k.0)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let sub = &texts(&doc)[1];
    assert!(
        sub.contains(&format!(
            "{} events with no priority area linked are not shown",
            all - linked
        )),
        "{sub}"
    );
}

#[test]
fn no_text_is_cut_or_leaves_the_canvas_or_covers_another() {
    for filter in [
        &[][..],
        &["--series", "aisi-network"],
        &["--series", "united-nations"],
    ] {
        let svg = chart(filter);
        let doc = parse(&svg);
        let root = doc.root_element();
        let size = |a: &str| -> f64 { root.attribute(a).unwrap().parse().unwrap() };
        let (width, height) = (size("width"), size("height"));
        // Names read upwards are turned about their start: their box stands on it.
        let boxes: Vec<(String, Rect)> = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .zip(svg_text_boxes(&doc))
            .map(|(n, (t, px, b))| match n.attribute("transform") {
                Some(_) => {
                    let (x, y) = (b.0, (b.1 + b.3) / 2.0);
                    let w = b.2 - b.0;
                    (t, (x - px / 2.0, y - w, x + px / 2.0, y))
                }
                None => (t, b),
            })
            .collect();
        for (t, b) in &boxes {
            assert!(!t.contains('…'), "{t:?} is cut");
            assert!(
                b.0 >= 0.0 && b.2 <= width && b.1 >= 0.0 && b.3 <= height,
                "{filter:?}: {t:?} {b:?} leaves the {width}×{height} canvas"
            );
        }
        for (i, (ta, a)) in boxes.iter().enumerate() {
            for (tb, b) in &boxes[i + 1..] {
                let apart = a.2 <= b.0 || b.2 <= a.0 || a.3 <= b.1 || b.3 <= a.1;
                assert!(apart, "{filter:?}: {ta:?} {a:?} overlaps {tb:?} {b:?}");
            }
        }
    }
}

#[test]
fn the_chart_is_accessible_deterministic_editable_and_cites_its_source() {
    let a = chart(&[]);
    assert_eq!(a, chart(&[]));
    let doc = parse(&a);
    let root = doc.root_element();
    let desc = root
        .children()
        .find(|n| n.has_tag_name("desc"))
        .and_then(|n| n.text())
        .unwrap();
    assert!(
        desc.contains("Testing: ") && desc.contains("Inclusion: "),
        "{desc}"
    );
    assert!(root.children().any(|n| n.has_tag_name("title")));
    let mut ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    for id in [
        "header",
        "legend",
        "columns",
        "rows",
        "totals",
        "footer",
        "series-ai-summits",
    ] {
        assert!(ids.contains(&id), "no group {id}");
    }
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids repeat");
    for (attr, v) in svg_numbers(&doc) {
        let frac = v.split_once('.').map_or("", |(_, f)| f);
        assert!(frac.len() <= 2, "{attr}=\"{v}\"");
    }
    let version = env!("CARGO_PKG_VERSION");
    let f = footer_text(&a);
    let events = event_ids(&[]).len();
    assert!(
        f.starts_with(&format!(
            "Source: convene dataset v{version} (events to 2026-06), "
        )),
        "{f}"
    );
    assert!(f.contains(&format!(" of {events} events and ")), "{f}");
    // As PNG too.
    let dir = tempfile::tempdir().unwrap();
    let png = dir.path().join("p.png");
    convene()
        .args(["chart", "priorities", "--scale", "1", "-o"])
        .arg(&png)
        .assert()
        .success();
    let pm = decode_png(&std::fs::read(&png).unwrap());
    assert_eq!(
        pm.width() as f64,
        root.attribute("width").unwrap().parse::<f64>().unwrap()
    );
}

#[test]
fn unknown_series_and_areas_are_lookup_errors_with_suggestions() {
    let out = convene()
        .args(["chart", "priorities", "--series", "aisi-netwrk", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("did you mean \"aisi-network\""), "{err}");
    assert!(out.stdout.is_empty());
    let out = convene()
        .args(["chart", "priorities", "--priority", "nope", "-o", "-"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown priority area \"nope\""));
    // Nothing chosen: the chart says so rather than drawing an empty grid.
    let svg = chart(&["--from", "2030"]);
    assert!(
        texts(&parse(&svg))
            .iter()
            .any(|t| t == "No event chosen is linked to a priority area.")
    );
}
