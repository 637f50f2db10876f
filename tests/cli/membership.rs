//! `convene chart membership`, read back from its SVG: hosts ringed, no label cut or outside
//! its column, column totals equal to the cells each column shows (and to `convene members`),
//! `--max-rows` with its "and N more" line, parties party to no event left out, and
//! `--party-kind`.
use super::svg::*;
use super::*;

const PARTY_C: &str = "#0072B2";

fn chart(args: &[&str]) -> String {
    let mut a = vec!["chart", "membership"];
    a.extend_from_slice(args);
    a.extend(["-o", "-"]);
    stdout(&a)
}

/// The group with this id.
fn group<'a>(doc: &'a roxmltree::Document, id: &str) -> Option<roxmltree::Node<'a, 'a>> {
    doc.descendants()
        .find(|n| n.has_tag_name("g") && n.attribute("id") == Some(id))
}

fn num(n: &roxmltree::Node, a: &str) -> f64 {
    n.attribute(a).and_then(|v| v.parse().ok()).unwrap()
}

/// The texts of the group `id`: (text, x).
fn texts_in(doc: &roxmltree::Document, id: &str) -> Vec<(String, f64)> {
    group(doc, id).map_or_else(Vec::new, |g| {
        g.descendants()
            .filter(|n| n.has_tag_name("text"))
            .map(|n| (n.text().unwrap_or("").to_string(), num(&n, "x")))
            .collect()
    })
}

/// The column totals, left to right: (x of the column's centre, the total as written).
fn totals(doc: &roxmltree::Document) -> Vec<(f64, String)> {
    let g = group(doc, "totals").expect("a totals group");
    g.descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("font-weight") == Some("bold"))
        .filter(|n| n.attribute("text-anchor") == Some("middle"))
        .map(|n| (num(&n, "x"), n.text().unwrap().to_string()))
        .collect()
}

/// The rows drawn: their group ids.
fn rows(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("row"))
        .map(|n| n.attribute("id").unwrap().to_string())
        .collect()
}

/// The cells drawn as a party (a filled dot, or a ring in the party colour: joined later) at x.
fn party_cells_at(doc: &roxmltree::Document, x: f64) -> usize {
    doc.descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("class") == Some("row"))
        .flat_map(|r| r.descendants().filter(|n| n.has_tag_name("circle")))
        .filter(|c| (num(c, "cx") - x).abs() < 0.5)
        .filter(|c| {
            c.attribute("fill") == Some(PARTY_C)
                || (c.attribute("fill") == Some("#FFFFFF")
                    && c.attribute("stroke") == Some(PARTY_C))
        })
        .count()
}

/// The leading number of a total ("15 of 60", "8+", "30").
fn leading(t: &str) -> usize {
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    digits.parse().unwrap_or(0)
}

#[test]
fn every_column_total_is_the_party_cells_the_column_shows() {
    for args in [
        &[][..],
        &["--max-rows", "5"],
        &["--max-rows", "1"],
        &["--min-events", "3"],
        &["--max-rows", "0", "--min-events", "0"],
        &["--series", "ai-summits"],
        &[
            "--events",
            "frontier-commitments,seoul-declaration",
            "--party-kind",
            "company,country",
        ],
    ] {
        let svg = chart(args);
        let doc = parse(&svg);
        let more = texts_in(&doc, "more");
        let t = totals(&doc);
        assert!(!t.is_empty(), "{args:?}");
        for (x, total) in &t {
            let drawn = party_cells_at(&doc, *x);
            let summed: usize = more
                .iter()
                .filter(|(s, mx)| s.starts_with('+') && (mx - x).abs() < 0.5)
                .map(|(s, _)| s[1..].parse::<usize>().unwrap())
                .sum();
            assert_eq!(
                leading(total),
                drawn + summed,
                "{args:?}: the column at {x} says {total}"
            );
            if total != "–" {
                assert!(drawn + summed > 0 || total == "0", "{args:?} {total}");
            }
        }
    }
}

#[test]
fn column_totals_agree_with_convene_members_for_countries_and_organisations() {
    let events = [
        "bletchley-2023",
        "coe-ai-convention-2024",
        "paris-2025",
        "delhi-2026",
    ];
    let svg = chart(&["--events", &events.join(","), "--max-rows", "10"]);
    let t = totals(&parse(&svg));
    assert_eq!(t.len(), events.len());
    for ((_, total), e) in t.iter().zip(events) {
        let m = json(&["members", e]);
        let parties = m["parties"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["kind"] != "company")
            .filter(|p| {
                ["signatory", "joined", "member", "participant"]
                    .contains(&p["role"].as_str().unwrap())
            })
            .count();
        let expected = match m["reported"].as_u64() {
            Some(r) if m["list"] != "complete" => format!("{parties} of {r}"),
            _ => parties.to_string(),
        };
        assert_eq!(total, &expected, "{e}");
    }
}

#[test]
fn hosts_are_ringed_india_at_new_delhi_among_them() {
    let svg = chart(&[]);
    let doc = parse(&svg);
    let india = group(&doc, "host-ind-delhi-2026").expect("India's cell at New Delhi is a host's");
    assert!(
        india
            .descendants()
            .any(|c| c.has_tag_name("circle") && c.attribute("fill") == Some("none")),
        "a ring"
    );
    assert!(
        texts(&doc)
            .iter()
            .any(|t| t == "host (ring around the mark)")
    );
    // Every host drawn is ringed at the events it hosted, and nobody else is.
    let drawn = rows(&doc);
    let mut expected = Vec::new();
    for e in json(&["events"]).as_array().unwrap() {
        let id = e["id"].as_str().unwrap();
        if !convene::model::catalog::CORE_EVENTS.contains(&id) {
            continue;
        }
        for h in e["host"].as_array().unwrap() {
            let h = h.as_str().unwrap().to_lowercase();
            if drawn.contains(&format!("row-{h}")) {
                expected.push(format!("host-{h}-{id}"));
            }
        }
    }
    let mut rings: Vec<String> = doc
        .descendants()
        .filter(|n| n.attribute("class") == Some("host"))
        .map(|n| n.attribute("id").unwrap().to_string())
        .collect();
    rings.sort();
    expected.sort();
    assert!(expected.len() >= 8, "{expected:?}");
    assert_eq!(rings, expected);
}

#[test]
fn no_label_is_cut_or_passes_its_column_or_the_canvas() {
    let svg = chart(&["--max-rows", "0", "--min-events", "0"]);
    let doc = parse(&svg);
    let root = doc.root_element();
    let width = num(&root, "width");
    let height = num(&root, "height");
    let boxes = svg_text_boxes(&doc);
    for (t, _, (x0, y0, x1, y1)) in &boxes {
        assert!(!t.contains('…'), "{t:?} is cut");
        assert!(
            *x0 >= 0.0 && *x1 <= width && *y0 >= 0.0 && *y1 <= height,
            "{t:?} leaves the canvas"
        );
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let (p, q) = (a.2, b.2);
            let apart = p.2 <= q.0 || q.2 <= p.0 || p.3 <= q.1 || q.3 <= p.1;
            assert!(apart, "{:?} overlaps {:?}", a.0, b.0);
        }
    }
    // Each header line fits its column, whose edges are the grid's rules.
    let mut rules: Vec<f64> = group(&doc, "totals")
        .unwrap()
        .children()
        .filter(|n| n.has_tag_name("path"))
        .filter_map(|n| {
            let d: Vec<f64> = n
                .attribute("d")?
                .replace(['M', 'L'], " ")
                .split_whitespace()
                .map(|v| v.parse().unwrap())
                .collect();
            (d[0] == d[2]).then_some(d[0])
        })
        .collect();
    rules.sort_by(f64::total_cmp);
    let head_boxes = &boxes;
    let columns = group(&doc, "columns").unwrap();
    let head_texts: Vec<String> = columns
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap().trim().to_string())
        .collect();
    for (t, _, (x0, _, x1, _)) in head_boxes.iter().filter(|b| head_texts.contains(&b.0)) {
        if t == "events" {
            continue;
        }
        let inside = rules.windows(2).any(|w| *x0 >= w[0] && *x1 <= w[1]);
        assert!(inside, "{t:?} ({x0}–{x1}) is wider than its column");
    }
    // The OECD's name is whole, over two lines.
    let oecd = texts_in(&doc, "row-oecd");
    let name: Vec<&str> = oecd
        .iter()
        .map(|(t, _)| t.as_str())
        .filter(|t| t.chars().any(char::is_alphabetic))
        .collect();
    assert_eq!(
        name.join(" "),
        "Organisation for Economic Co-operation and Development (OECD)"
    );
}

#[test]
fn max_rows_draws_at_most_n_rows_and_says_how_many_more() {
    let every = chart(&["--max-rows", "0"]);
    let doc = parse(&every);
    let all = rows(&doc).len();
    assert!(all > 40, "the shipped core events name {all} parties");
    assert!(group(&doc, "more").is_none());
    for n in [3usize, 12, 40] {
        let svg = chart(&["--max-rows", &n.to_string()]);
        let doc = parse(&svg);
        let drawn = rows(&doc).len();
        assert!(drawn <= n && drawn > 0, "--max-rows {n}: {drawn} rows");
        let line = &texts_in(&doc, "more")[0].0;
        let more = format!("and {} more parties, each party to ", all - drawn);
        assert!(line.starts_with(&more), "--max-rows {n}: {line:?}");
    }
    // The default is 40: the chart `convene render` writes.
    let default = chart(&[]);
    let drawn = rows(&parse(&default)).len();
    assert!(drawn <= convene::query::membership::DEFAULT_MAX_ROWS && drawn < all);
}

#[test]
fn parties_party_to_no_event_are_left_out_unless_min_events_is_0() {
    let svg = chart(&["--max-rows", "0"]);
    let doc = parse(&svg);
    let drawn = rows(&doc);
    // The OECD was at Bletchley and Seoul but signed neither.
    assert!(!drawn.contains(&"row-oecd".to_string()));
    for r in &drawn {
        let t = texts_in(&doc, r);
        let total = &t.last().unwrap().0;
        assert_ne!(total, "0", "{r} is party to no event");
    }
    let sub = texts(&doc)[1].clone();
    assert!(
        sub.contains("present only as non-signatories, observers or hosts left out"),
        "{sub}"
    );
    let every = rows(&parse(&chart(&["--max-rows", "0", "--min-events", "0"])));
    assert!(every.contains(&"row-oecd".to_string()));
    assert!(every.len() > drawn.len());
}

#[test]
fn party_kind_chooses_what_is_shown_and_counted() {
    let companies: Vec<String> = json_ids(&json(&["parties", "--kind", "company"]))
        .into_iter()
        .map(|c| format!("row-{}", c.to_lowercase()))
        .collect();
    let events = "frontier-commitments,seoul-declaration";
    let default = chart(&["--events", events]);
    let drawn = rows(&parse(&default));
    assert!(!drawn.is_empty());
    assert!(drawn.iter().all(|r| !companies.contains(r)), "{drawn:?}");
    assert!(
        footer_text(&default).contains("Companies party to these events ("),
        "{}",
        footer_text(&default)
    );
    let only = chart(&["--events", events, "--party-kind", "company"]);
    let doc = parse(&only);
    let drawn = rows(&doc);
    assert!(drawn.len() >= 10, "{drawn:?}");
    assert!(drawn.iter().all(|r| companies.contains(r)), "{drawn:?}");
    assert!(
        texts(&doc)[1].contains("companies party to"),
        "{}",
        texts(&doc)[1]
    );
    let countries = rows(&parse(&chart(&["--party-kind", "country"])));
    assert!(!countries.contains(&"row-eu".to_string()));
    assert!(countries.contains(&"row-gbr".to_string()));
}
