//! The front page (what the dataset is, its counts, the timeline with a link per marker, the
//! events table, the search, the downloads) and the lists of parties, series and priority
//! areas.

use super::{Context, EventRow, Link, When, data, render, svg};
use crate::error::Result;
use crate::query::{self, plural};
use crate::render::timeline;
use askama::Template;

#[derive(Template)]
#[template(path = "site/index.html")]
struct FrontPage {
    page: super::Chrome,
    /// "This site shows 12 of the dataset's 54 events, chosen by …", when filtered.
    selection: Option<String>,
    counts: Vec<(String, &'static str)>,
    latest: Option<(Link, When)>,
    chart: String,
    rows: Vec<EventRow>,
    table_id: &'static str,
    table_caption: String,
    /// The table has a series column (not on a series' own page).
    series_column: bool,
    sourced: bool,
    downloads: Vec<data::Download>,
}

/// The front page.
pub fn front(cx: &Context, files: &[data::DataFile]) -> Result<String> {
    let data = cx.data;
    let view = query::export::export_view(data, cx.events, None);
    let lanes = query::timeline::lanes(data, cx.events, None, &query::chart::COUNTED_BY_DEFAULT);
    let (complete, partial, none) = query::status_counts(data, cx.events.iter().copied());
    let n = |k: usize, one: &'static str, many: &'static str| (k.to_string(), plural(k, one, many));
    let counts = vec![
        n(cx.events.len(), "event", "events"),
        // As the timeline's subtitle counts them, and then everyone the lists name.
        n(
            lanes.parties,
            "country or organisation took part",
            "countries and organisations took part",
        ),
        n(
            query::chart::parties_of(data, cx.events).len(),
            "party named in all (companies, observers and non-signatories too)",
            "parties named in all (companies, observers and non-signatories too)",
        ),
        n(
            view.participation(),
            "participation row",
            "participation rows",
        ),
        n(cx.priorities.len(), "priority area", "priority areas"),
        n(view.source_count(), "distinct source", "distinct sources"),
        n(complete, "complete party list", "complete party lists"),
        n(partial, "incomplete party list", "incomplete party lists"),
        n(
            none,
            "event with no party list",
            "events with no party list",
        ),
    ];
    let latest = cx
        .events
        .iter()
        .copied()
        .max_by_key(|&e| {
            let d = *cx.data.event(e).last();
            (d.last_day(), d.precision())
        })
        .map(|e| {
            let ev = data.event(e);
            (
                cx.event_link("", e, false),
                When::of(&ev.start, ev.end.as_ref()),
            )
        });
    let selection = (cx.events.len() < data.events().len()).then(|| {
        format!(
            "This site shows {} of the dataset's {} events, those the filters it was built with select, with the parties, series and priority areas they name.",
            cx.events.len(),
            data.events().len()
        )
    });
    let svg = timeline::render(
        &lanes,
        &timeline::TimelineOptions {
            source: cx.source,
            links: Some("events/{id}.html".into()),
            ..Default::default()
        },
    )?;
    let page = FrontPage {
        page: cx.chrome(
            "index.html",
            "International AI safety coordination: events, parties and sources",
            "index",
        ),
        selection,
        counts,
        latest,
        chart: svg::inline(&svg, "timeline"),
        rows: cx.events.iter().map(|&e| cx.event_row("", e)).collect(),
        table_id: "events-caption",
        table_caption: format!(
            "{} {}, oldest first",
            cx.events.len(),
            plural(cx.events.len(), "event", "events")
        ),
        sourced: false,
        series_column: true,
        downloads: data::downloads(files),
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "site/parties.html")]
struct PartiesPage {
    page: super::Chrome,
    rows: Vec<PartyRow>,
}

struct PartyRow {
    link: Link,
    id: String,
    kind: &'static str,
    region: &'static str,
    aliases: String,
    events: usize,
}

/// The list of parties, by name.
pub fn parties(cx: &Context) -> Result<String> {
    let data = cx.data;
    let mut named = vec![0usize; data.parties().len()];
    for &ev in cx.events {
        let mut seen: Vec<usize> = data.event(ev).hosts.iter().map(|h| h.index()).collect();
        seen.extend(data.rows_of(ev).map(|r| r.party.index()));
        seen.sort_unstable();
        seen.dedup();
        for p in seen {
            named[p] += 1;
        }
    }
    let mut rows: Vec<PartyRow> = cx
        .parties
        .iter()
        .map(|&p| {
            let party = data.party(p);
            PartyRow {
                link: cx.party_link("", p),
                id: party.id.clone(),
                kind: party.kind.as_str(),
                region: party.region.map_or("", |r| r.as_str()),
                aliases: party.aliases.join("; "),
                events: named[p.index()],
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (crate::text::fold(&a.link.text), &a.id).cmp(&(crate::text::fold(&b.link.text), &b.id))
    });
    render(&PartiesPage {
        page: cx.chrome("parties.html", "Parties", "parties"),
        rows,
    })
}

#[derive(Template)]
#[template(path = "site/series.html")]
struct SeriesPage {
    page: super::Chrome,
    rows: Vec<(Link, String, usize, String)>,
}

/// The list of series, in the timeline's lane order.
pub fn series(cx: &Context) -> Result<String> {
    let rows = cx
        .series
        .iter()
        .map(|s| {
            let evs: Vec<_> = cx
                .events
                .iter()
                .filter(|&&e| cx.data.event(e).series.as_deref() == Some(s.as_str()))
                .collect();
            let (first, last) = (cx.data.event(*evs[0]), cx.data.event(*evs[evs.len() - 1]));
            let span = crate::date::human_span(&first.start, Some(&last.start));
            (cx.series_link("", s), s.clone(), evs.len(), span)
        })
        .collect();
    render(&SeriesPage {
        page: cx.chrome("series.html", "Series", "series"),
        rows,
    })
}

#[derive(Template)]
#[template(path = "site/priorities.html")]
struct PrioritiesPage {
    page: super::Chrome,
    rows: Vec<(Link, String, usize)>,
}

/// The list of priority areas, in the dataset's order.
pub fn priorities(cx: &Context) -> Result<String> {
    let data = cx.data;
    let rows = cx
        .priorities
        .iter()
        .map(|&p| {
            let n = cx
                .events
                .iter()
                .filter(|&&e| data.priorities_of(e).any(|l| l.priority == p))
                .count();
            let description = data.priority(p).description.clone().unwrap_or_default();
            (cx.priority_link("", p), description, n)
        })
        .collect();
    render(&PrioritiesPage {
        page: cx.chrome("priorities.html", "Priority areas", "priorities"),
        rows,
    })
}
