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
        prop_assert_eq!(l.marks.iter().filter(|m| m.label.is_some()).count() + l.omitted, all.len());
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
