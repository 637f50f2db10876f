//! `convene timeline`: every core event labelled and everything inside the canvas from 480 to
//! 1,600 px, labels with ink where they were placed, crowds left out and counted, and the
//! states of a highlighted party drawn apart.
use super::charts::{all_events, dataset_from, growth_svg, lanes, membership_svg};
use super::svg::*;
use super::*;
use convene::load::load_embedded;
use convene::render::timeline::{self, TimelineOptions};

#[test]
fn timeline_labels_every_event_and_its_legend_names_every_kind() {
    let d = load_embedded().unwrap();
    let events = all_events(&d);
    let svg = timeline::render(&lanes(&d, &events), &TimelineOptions::default()).unwrap();
    let doc = parse(&svg);
    let t = texts(&doc);
    for &e in &events {
        let ev = d.event(e);
        let n = t
            .iter()
            .filter(|s| s.starts_with(&format!("{}, ", ev.label())))
            .count();
        assert_eq!(n, 1, "event {} should have exactly one label", ev.id);
    }
    let mut kinds: Vec<&str> = events.iter().map(|&e| d.event(e).kind.as_str()).collect();
    kinds.sort();
    kinds.dedup();
    for k in kinds {
        assert!(t.iter().any(|s| s == k), "legend lacks kind {k}");
    }
    assert!(
        !svg.contains("left out"),
        "no label of the shipped dataset may be left out"
    );
}

/// The widths: `convene timeline --width W` for the shipped dataset keeps the label of
/// every core event, cuts no label's date, keeps the title's years, and puts nothing outside
/// the canvas or over another text.
#[test]
fn timeline_keeps_every_core_label_and_everything_inside_the_canvas_from_480_to_1600_px() {
    let d = load_embedded().unwrap();
    let view = lanes(&d, &all_events(&d));
    // What a label may say: its label with its date, with the date to the month, or alone.
    let allowed: Vec<Vec<String>> = view
        .entries
        .iter()
        .map(|e| {
            vec![
                format!("{}, {}", e.label, e.when),
                format!("{}, {}", e.label, e.when_month),
                e.label.clone(),
            ]
        })
        .collect();
    for width in [480, 600, 800, 1000, 1200, 1600] {
        let svg = stdout(&["timeline", "--width", &width.to_string(), "-o", "-"]);
        let doc = parse(&svg);
        let root = doc.root_element();
        let size = |a: &str| root.attribute(a).unwrap().parse::<f64>().unwrap();
        let (w, h) = (size("width"), size("height"));
        assert_eq!(w, f64::from(width));
        let boxes = svg_text_boxes(&doc);
        for (i, (t, _, b)) in boxes.iter().enumerate() {
            assert!(
                b.0 >= -0.5 && b.1 >= -0.5 && b.2 <= w + 0.5 && b.3 <= h + 0.5,
                "{width} px: text {t:?} leaves the {w}×{h} canvas: {b:?}"
            );
            for (u, _, c) in &boxes[i + 1..] {
                let apart =
                    b.2 <= c.0 + 0.5 || c.2 <= b.0 + 0.5 || b.3 <= c.1 + 0.5 || c.3 <= b.1 + 0.5;
                assert!(apart, "{width} px: texts {t:?} and {u:?} overlap");
            }
        }
        for (tag, x, y) in svg_shape_points(&doc) {
            assert!(
                (-0.5..=w + 0.5).contains(&x) && (-0.5..=h + 0.5).contains(&y),
                "{width} px: a {tag} reaches ({x}, {y}), outside the canvas"
            );
        }
        // Event labels are the 11.5 px texts; each says one of its allowed forms, whole.
        let labels: Vec<&str> = boxes
            .iter()
            .filter(|(_, px, _)| (px - 11.5).abs() < 0.01)
            .map(|(t, _, _)| t.as_str())
            .collect();
        for l in &labels {
            assert!(
                allowed.iter().flatten().any(|a| a == l),
                "{width} px: label {l:?} is not an event's label with its whole date"
            );
        }
        for id in convene::model::catalog::CORE_EVENTS {
            let e = view
                .entries
                .iter()
                .position(|e| d.event(e.event).id == id)
                .unwrap();
            assert!(
                labels.iter().any(|l| allowed[e].iter().any(|a| a == l)),
                "{width} px: the core event {id} has no label"
            );
        }
        let title: Vec<&str> = boxes
            .iter()
            .filter(|(_, px, _)| *px == 20.0)
            .map(|(t, _, _)| t.as_str())
            .collect();
        assert!(
            title.join(" ").ends_with("2023–2026"),
            "{width} px: title {title:?}"
        );
    }
}

#[test]
fn timeline_layout_of_the_shipped_dataset_has_no_collisions_at_any_width() {
    let d = load_embedded().unwrap();
    let view = lanes(&d, &all_events(&d));
    let l = timeline::layout(&view, &TimelineOptions::default());
    assert_eq!(l.omitted, 0);
    for width in (480..=1600).step_by(40) {
        let l = timeline::layout(
            &view,
            &TimelineOptions {
                width,
                ..Default::default()
            },
        );
        if let Err(e) = timeline::check_layout(&l) {
            panic!("{width} px: {e}");
        }
    }
}

#[test]
fn every_timeline_label_has_ink_where_it_was_placed() {
    let d = load_embedded().unwrap();
    let l = timeline::layout(&lanes(&d, &all_events(&d)), &TimelineOptions::default());
    let pm = raster(&timeline::draw(&l).unwrap());
    for m in &l.marks {
        let lb = m.label.as_ref().unwrap();
        let ink = dark_pixels(&pm, lb.bbox);
        assert!(ink > 40, "label {:?} has {ink} dark pixels", lb.text);
    }
}

#[test]
fn zero_one_and_a_crowd_of_same_day_events_render_legibly() {
    let parties = "id,name,kind\nAAA,Alpha,country\n";
    // no events selected (a dataset always has at least one)
    let empty = dataset_from(
        "id,name,kind,start,source,list\nx,X,summit,2024,https://x.org,complete\n",
        parties,
        "event,party,role\n",
    );
    parse(&timeline::render(&lanes(&empty, &[]), &TimelineOptions::default()).unwrap());
    parse(&membership_svg(&empty, &[]));
    parse(&growth_svg(&empty, &[]));

    let one = dataset_from(
        "id,name,kind,start,source,list\nx,Only event,summit,2024-05-01,https://x.org,complete\n",
        parties,
        "event,party,role\nx,AAA,signatory\n",
    );
    let l = timeline::layout(&lanes(&one, &all_events(&one)), &TimelineOptions::default());
    timeline::check_layout(&l).unwrap();
    parse(&timeline::draw(&l).unwrap());

    let mut ev = String::from("id,name,kind,start,source,list\n");
    for i in 0..120 {
        ev.push_str(&format!(
            "e-{i},Busy day meeting number {i},meeting,2024-06-01,https://x.org/{i},complete\n"
        ));
    }
    let busy = dataset_from(&ev, parties, "event,party,role\n");
    let all = all_events(&busy);
    // At the smallest width a hundred and twenty markers cannot sit side by side: the lane is
    // a density band, one bar of 120.
    let narrow = TimelineOptions {
        width: 480,
        ..TimelineOptions::default()
    };
    let l = timeline::layout(&lanes(&busy, &all), &narrow);
    timeline::check_layout(&l).unwrap();
    let band = l.lanes[0].density.as_ref().expect("a density band");
    assert_eq!(band.bars.len(), 1);
    assert_eq!(band.bars[0].2, 120);
    assert!(l.marks.is_empty());
    parse(&timeline::draw(&l).unwrap());

    // As many as fit side by side at 1,600 px, on one day, with long names: their labels
    // cannot all have room (each stack, above and under the markers, holds 24 rows).
    let mut ev = String::from("id,name,kind,start,source,list\n");
    let wide = TimelineOptions {
        width: 1600,
        ..TimelineOptions::default()
    };
    let axis = timeline::layout(&lanes(&busy, &all), &wide).axis.unwrap();
    let n = timeline::marker_capacity(axis.x0, axis.x1);
    for i in 0..n {
        ev.push_str(&format!(
            "e-{i},Busy day meeting number {i} of a series with a long and winding name,meeting,2024-06-01,https://x.org/{i},complete\n"
        ));
    }
    let busy = dataset_from(&ev, parties, "event,party,role\n");
    let all = all_events(&busy);
    let l = timeline::layout(&lanes(&busy, &all), &wide);
    assert!(l.lanes[0].density.is_none(), "{n} markers fit side by side");
    timeline::check_layout(&l).unwrap();
    let labelled = l.marks.iter().filter(|m| m.label.is_some()).count();
    assert_eq!(labelled + l.omitted, n);
    let svg = timeline::draw(&l).unwrap();
    parse(&svg);
    // The footer must count exactly the labels left out.
    assert!(
        l.omitted > 0,
        "all 120 labels fitted; the case no longer tests omission"
    );
    assert!(
        svg.contains(&format!("{} labels did not fit", l.omitted)),
        "the footer does not count the {} omitted labels",
        l.omitted
    );
}

/// Regression: for GBR the UN resolution adopted by all 193 was dimmed as if the UK had not
/// taken part, and Paris, which the UK refused to sign, was highlighted like Bletchley.
#[test]
fn a_highlight_shows_took_part_did_not_sign_unknown_and_absent_apart() {
    let svg = stdout(&["timeline", "--party", "GBR", "-o", "-"]);
    let doc = parse(&svg);
    let t = texts(&doc);
    assert!(
        t[0].starts_with("United Kingdom (GBR) in international AI safety coordination"),
        "{:?}",
        t[0]
    );
    for key in [
        "GBR took part (",
        "GBR was there but did not sign, or observed (1 event)",
        "GBR not named, list incomplete: unknown (",
        "GBR not in the complete list: did not take part (",
    ] {
        assert!(
            t.iter().any(|s| s.starts_with(key)),
            "no legend line {key:?}"
        );
    }
    let ink = |s: &str| text_ink(&doc, s);
    let full = ("#1A1A1A".to_string(), "1".to_string());
    // Each marker's group says the state, for a designer and for this test.
    let class = |id: &str| {
        doc.descendants()
            .find(|n| n.attribute("id") == Some(id))
            .and_then(|n| n.attribute("class"))
            .unwrap_or_else(|| panic!("no element {id}"))
            .to_string()
    };
    assert_eq!(class("marker-bletchley-2023"), "marker summit took-part");
    assert_eq!(class("marker-paris-2025"), "marker summit did-not-sign");
    assert_eq!(
        class("marker-unga-78-265-2024"),
        "marker resolution unknown"
    );
    assert_eq!(
        class("marker-kr-sg-joint-testing-2026"),
        "marker exercise absent"
    );
    assert_eq!(ink("Bletchley summit, 1–2 Nov 2023"), full);
    assert_eq!(ink("Paris AI Action Summit, 10–11 Feb 2025"), full);
    // Unknown is grey, never faint like an absence.
    let unknown = ink("UN resolution 78/265, 21 Mar 2024");
    assert_eq!(unknown, ("#595959".to_string(), "1".to_string()));
    let absent = ink("Korea-Singapore joint testing, Jan 2026");
    assert!(absent.1.parse::<f64>().unwrap() < 1.0, "{absent:?}");
    // The text alternative says it too.
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
    let desc = desc.text().unwrap();
    assert!(desc.contains(
        "Paris AI Action Summit (summit, 10–11 Feb 2025; GBR was there but did not sign)"
    ));
    assert!(desc.contains(
        "UN resolution 78/265 (resolution, 21 Mar 2024; whether GBR took part is unknown)"
    ));
}

/// A marker set aside from its date (in a crowd of events on nearby days) stays within three
/// pixels of it, or a thin line ties it to a tick at its true date.
#[test]
fn a_dodged_marker_shows_its_true_date_with_a_tick() {
    let d = load_embedded().unwrap();
    let view = lanes(&d, &all_events(&d));
    let num = convene::render::paint::num;
    let mut dodged = 0;
    for width in [480, 900, 1400] {
        let l = timeline::layout(
            &view,
            &TimelineOptions {
                width,
                ..Default::default()
            },
        );
        let svg = timeline::draw(&l).unwrap();
        let doc = parse(&svg);
        let ticks: Vec<&str> = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("ties"))
            .flat_map(|g| g.children().filter_map(|c| c.attribute("d")))
            .collect();
        for m in &l.marks {
            if (m.x - m.true_x).abs() <= 3.0 {
                continue;
            }
            dodged += 1;
            let x = num(m.true_x);
            let tick = ticks.iter().any(|t| {
                let v: Vec<&str> = t.split(['M', 'L', ' ']).filter(|s| !s.is_empty()).collect();
                v.len() == 4 && v[0] == x && v[2] == x && v[1] != v[3]
            });
            assert!(
                tick,
                "{width} px: {} is {:.1} px from its date, with no tick",
                m.id,
                m.x - m.true_x
            );
        }
    }
    assert!(
        dodged > 0,
        "no marker was dodged; the case no longer tests the tick"
    );
}

/// Issue 13, item 9: a range of a few days is zoomed to its days. The Seoul summit alone
/// (21–22 May 2024) gets an axis of days, and its two days take a visible share of the width.
#[test]
fn a_few_days_get_a_day_axis() {
    let svg = stdout(&[
        "timeline",
        "--kind",
        "summit",
        "--from",
        "2024-05-20",
        "--to",
        "2024-05-23",
        "--width",
        "800",
        "-o",
        "-",
    ]);
    let doc = parse(&svg);
    let axis = doc
        .descendants()
        .find(|n| n.attribute("id") == Some("axis"))
        .expect("an axis group");
    let labels: Vec<&str> = axis
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.text())
        .collect();
    assert_eq!(labels, ["20 May 2024", "21 May", "22 May", "23 May"]);
    // each day is over 100 px wide at 800 px (a month axis would give a day 2 px)
    let xs: Vec<f64> = axis
        .descendants()
        .filter(|n| n.has_tag_name("text"))
        .filter_map(|n| n.attribute("x")?.parse().ok())
        .collect();
    assert!(xs.windows(2).all(|w| w[1] - w[0] > 100.0), "{xs:?}");
    // the footer explains only what the chart has: no imprecise date, no marker set aside
    let footer = footer_text(&svg);
    assert!(
        !footer.contains("Hollow") && !footer.contains("side by side"),
        "{footer}"
    );
    let all = load_embedded().unwrap().events().len();
    assert!(
        footer.contains(&format!("1 of {all} events shown")),
        "{footer}"
    );
}
