//! Property tests of the timeline layout on random datasets.

use super::*;
use crate::load::{InputFile, load_files};
use crate::model::Dataset;
use proptest::prelude::*;

fn dataset(rows: &[(u16, u8, u8, u8)]) -> Dataset {
    let mut ev = String::from("id,name,short,kind,start,end,series,source,list\n");
    let kinds = ["summit", "meeting", "founding", "treaty", "declaration"];
    let series = ["ai-summits", "aisi-network", "institutes", ""];
    for (i, &(day, len, kind, ser)) in rows.iter().enumerate() {
        let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
            + chrono::Days::new(u64::from(day));
        let (start, end) = match kind % 7 {
            5 => (start.format("%Y-%m").to_string(), String::new()),
            6 => (
                start.format("%Y-%m-%d").to_string(),
                (start + chrono::Days::new(3))
                    .format("%Y-%m-%d")
                    .to_string(),
            ),
            _ => (start.format("%Y-%m-%d").to_string(), String::new()),
        };
        let name = "W".repeat(1 + usize::from(len) % 40);
        ev.push_str(&format!(
            "e-{i},{name},{name},{},{start},{end},{},https://x.org/{i},{}\n",
            kinds[usize::from(kind) % kinds.len()],
            series[usize::from(ser) % series.len()],
            // a complete list of a treaty would need its as-of date
            if len % 2 == 0 && kind % 5 != 3 {
                "complete"
            } else {
                "partial"
            }
        ));
    }
    let files = [
        ev.as_str(),
        "id,name,kind\nAAA,A,country\n",
        "event,party,role\n",
        "id,name\n",
        "event,priority,source\n",
    ];
    load_files(
        files
            .iter()
            .zip(crate::load::FILES)
            .map(|(s, n)| InputFile {
                display: n.into(),
                bytes: s.as_bytes().to_vec(),
            })
            .collect(),
    )
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64), ..ProptestConfig::default() })]
    #[test]
    fn random_timelines_keep_every_label_apart_and_inside(
        rows in proptest::collection::vec((0u16..1400, any::<u8>(), any::<u8>(), any::<u8>()), 1..60),
        width in 480u32..=1600,
        highlight in any::<bool>(),
    ) {
        let d = dataset(&rows);
        let all: Vec<EventId> = d.event_ids().collect();
        // A highlighted party adds legend lines, which must wrap inside the canvas too.
        let party = highlight.then(|| d.party_by_id("AAA")).flatten();
        let view = crate::query::timeline::lanes(&d, &all, party, &crate::query::chart::COUNTED_BY_DEFAULT);
        let l = layout(&view, &TimelineOptions { width, ..Default::default() });
        // Every event is labelled, counted as left out, or counted in a density band.
        let banded: u32 = l.lanes.iter().flat_map(|l| l.density.iter()).flat_map(|d| d.bars.iter().map(|b| b.2)).sum();
        prop_assert_eq!(l.marks.iter().filter(|m| m.label.is_some()).count() + l.omitted + banded as usize, all.len());
        if let Err(e) = check_layout(&l) {
            prop_assert!(false, "{}", e);
        }
        let svg = draw(&l).unwrap();
        prop_assert!(roxmltree::Document::parse(&svg).is_ok());
    }
}

#[test]
fn with_links_each_marker_and_label_links_to_its_events_page_and_without_none_does() {
    let d = crate::load::load_embedded().unwrap();
    let all = crate::query::events(&d, &Default::default());
    let view =
        crate::query::timeline::lanes(&d, &all, None, &crate::query::chart::COUNTED_BY_DEFAULT);
    let opts = TimelineOptions {
        links: Some("../events/{id}.html".into()),
        ..Default::default()
    };
    let l = layout(&view, &opts);
    let svg = draw(&l).unwrap();
    let doc = roxmltree::Document::parse(&svg).unwrap();
    let links: Vec<roxmltree::Node> = doc.descendants().filter(|n| n.has_tag_name("a")).collect();
    for m in &l.marks {
        let href = format!("../events/{}.html", m.id);
        let to: Vec<&roxmltree::Node> = links
            .iter()
            .filter(|a| a.attribute("href") == Some(href.as_str()))
            .collect();
        assert_eq!(to.len(), 1 + usize::from(m.label.is_some()), "{href}");
        // The marker's link is named by its event and is in the tab order; the label's is not.
        let marker = to
            .iter()
            .find(|a| {
                a.children()
                    .any(|c| c.attribute("id") == Some(format!("marker-{}", m.id).as_str()))
            })
            .unwrap_or_else(|| panic!("no link around marker-{}", m.id));
        assert_eq!(marker.attribute("tabindex"), None);
        let title = marker.children().find(|c| c.has_tag_name("title")).unwrap();
        assert_eq!(title.text(), Some(m.name.as_str()));
        for a in to.iter().filter(|a| a.id() != marker.id()) {
            assert_eq!(a.attribute("tabindex"), Some("-1"));
            assert_eq!(a.attribute("aria-hidden"), Some("true"));
        }
    }
    // Links inside an image are controls nobody can reach: the linked chart is a group.
    assert_eq!(doc.root_element().attribute("role"), Some("group"));
    let plain = draw(&layout(&view, &TimelineOptions::default())).unwrap();
    assert!(!plain.contains("<a "), "no links unless asked for");
    assert!(plain.contains(" role=\"img\">"));
}

/// `n` meetings of one series, a day apart from 2023-01-01 on, and one summit of another.
fn crowded(n: usize) -> Dataset {
    let rows: Vec<(u16, u8, u8, u8)> = (0..n)
        .map(|i| (((i * 4) % 1400) as u16, 3, 1, 1))
        .chain([(10, 2, 0, 0)])
        .collect();
    dataset(&rows)
}

#[test]
fn a_lane_too_full_for_its_markers_is_drawn_as_a_density_band() {
    let d = crowded(300);
    let all: Vec<EventId> = d.event_ids().collect();
    let view =
        crate::query::timeline::lanes(&d, &all, None, &crate::query::chart::COUNTED_BY_DEFAULT);
    for width in [480, 900, 1400] {
        let l = layout(
            &view,
            &TimelineOptions {
                width,
                ..Default::default()
            },
        );
        let capacity = marker_capacity(l.axis.as_ref().unwrap().x0, l.axis.as_ref().unwrap().x1);
        assert!(capacity < 300, "{width}: capacity {capacity}");
        let dense: Vec<&Lane> = l.lanes.iter().filter(|l| l.density.is_some()).collect();
        assert_eq!(dense.len(), 1, "{width}: only the crowded lane is a band");
        let band = dense[0].density.as_ref().unwrap();
        assert_eq!(
            band.bars.iter().map(|b| b.2).sum::<u32>(),
            300,
            "every event counted once"
        );
        assert_eq!(
            band.bin,
            Bin::Month,
            "a span of over two years is binned by month"
        );
        assert_eq!(band.tallest, band.bars.iter().map(|b| b.2).max().unwrap());
        // Bars sit in their lane, apart, inside the axis.
        for w in band.bars.windows(2) {
            assert!(w[0].1 <= w[1].0 + 0.01, "{width}: bars overlap: {w:?}");
        }
        let axis = l.axis.as_ref().unwrap();
        assert!(
            band.bars
                .iter()
                .all(|b| b.0 >= axis.x0 - 0.01 && b.1 <= axis.x1 + 0.01)
        );
        assert!(band.base - DENSE_BAR_H >= dense[0].top && band.base <= dense[0].bottom);
        // Its events are not drawn one by one; the other lane's summit still is.
        assert_eq!(l.marks.len(), 1);
        assert!(l.legend.keys.iter().any(|k| k.swatch == Swatch::Density));
        let footer = l.footer.join(" ");
        assert!(footer.contains("density band"), "{footer}");
        assert!(
            footer.contains(&format!("({capacity} at this width)")),
            "{footer}"
        );
        check_layout(&l).unwrap();
        let svg = draw(&l).unwrap();
        let doc = roxmltree::Document::parse(&svg).unwrap();
        let bars = doc
            .descendants()
            .filter(|n| n.attribute("class") == Some("density"))
            .flat_map(|g| g.children().filter(|c| c.is_element()))
            .count();
        assert_eq!(bars, band.bars.len(), "{width}");
    }
}

#[test]
fn a_lane_that_fits_keeps_its_markers() {
    let d = crowded(20);
    let all: Vec<EventId> = d.event_ids().collect();
    let view =
        crate::query::timeline::lanes(&d, &all, None, &crate::query::chart::COUNTED_BY_DEFAULT);
    let l = layout(&view, &TimelineOptions::default());
    assert!(l.lanes.iter().all(|l| l.density.is_none()));
    assert_eq!(l.marks.len(), 21);
    assert!(!l.footer.join(" ").contains("density"));
}
