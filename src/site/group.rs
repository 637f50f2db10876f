//! The pages of a series and of a priority area: their events, and a chart of them (a series'
//! membership matrix, a priority area's timeline).

use super::{Context, EventRow, Source, render, svg};
use crate::error::Result;
use crate::model::{EventId, PriorityId, catalog};
use crate::query;
use crate::render::{membership, timeline};
use askama::Template;

const ROOT: &str = "../";

#[derive(Template)]
#[template(path = "site/group.html")]
struct GroupPage {
    page: super::Chrome,
    name: String,
    /// "Formerly …", "Events linked to it by their own texts", a description.
    lines: Vec<String>,
    id: String,
    rows: Vec<EventRow>,
    table_id: &'static str,
    table_caption: String,
    /// The table has a series column (not on a series' own page).
    series_column: bool,
    /// The rows carry the source that links each event here.
    sourced: bool,
    chart: Option<String>,
    /// What the chart shows, in a sentence, for the figure's caption.
    caption: String,
}

/// The page of series `s`.
pub fn series(cx: &Context, s: &str) -> Result<String> {
    let events: Vec<EventId> = cx
        .events
        .iter()
        .copied()
        .filter(|&e| cx.data.event(e).series.as_deref() == Some(s))
        .collect();
    let (name, former) = catalog::current_series_name(s);
    let matrix = query::membership::matrix(cx.data, &events, 0);
    let chart = if matrix.rows.is_empty() {
        None
    } else {
        let svg = membership::render(
            &matrix,
            &membership::MembershipOptions {
                title: Some(format!("Who took part: {name}")),
                source: cx.source,
            },
        )?;
        Some(svg::inline(&svg, "membership"))
    };
    let mut lines: Vec<String> = former
        .into_iter()
        .map(|f| format!("Formerly the {f}."))
        .collect();
    lines.push(format!(
        "{} {} of this site, oldest first.",
        events.len(),
        query::plural(events.len(), "event", "events")
    ));
    let page = GroupPage {
        page: cx.chrome(&format!("series/{s}.html"), &name, "series"),
        table_caption: format!("The events of the {name}"),
        name,
        lines,
        id: s.to_string(),
        rows: events.iter().map(|&e| cx.event_row(ROOT, e)).collect(),
        table_id: "events-caption",
        sourced: false,
        series_column: false,
        chart,
        caption: "Every party a list of the series names, by event: its role in each, and grey where a list is incomplete.".into(),
    };
    render(&page)
}

/// The page of priority area `p`.
pub fn priority(cx: &Context, p: PriorityId) -> Result<String> {
    let data = cx.data;
    let pr = data.priority(p);
    let links: Vec<(EventId, &str)> = cx
        .events
        .iter()
        .flat_map(|&e| {
            data.priorities_of(e)
                .filter(|l| l.priority == p)
                .map(move |l| (e, l.source.as_str()))
        })
        .collect();
    let events: Vec<EventId> = links.iter().map(|&(e, _)| e).collect();
    let view = query::timeline::lanes(
        data,
        &events,
        None,
        &crate::query::chart::COUNTED_BY_DEFAULT,
    );
    let svg = timeline::render(
        &view,
        &timeline::TimelineOptions {
            title: Some(format!("Events linked to “{}”", pr.name)),
            source: cx.source,
            links: Some("../events/{id}.html".into()),
            ..Default::default()
        },
    )?;
    let mut lines: Vec<String> = pr.description.iter().cloned().collect();
    lines.push(format!(
        "{} {} of this site name it in their own texts; each row gives the source that does.",
        events.len(),
        query::plural(events.len(), "event", "events")
    ));
    let rows = links
        .iter()
        .map(|&(e, source)| EventRow {
            source: Some(Source::of(source)),
            ..cx.event_row(ROOT, e)
        })
        .collect();
    let page = GroupPage {
        page: cx.chrome(
            &format!("priorities/{}.html", pr.id),
            &pr.name,
            "priorities",
        ),
        name: pr.name.clone(),
        lines,
        id: pr.id.clone(),
        rows,
        table_id: "events-caption",
        table_caption: format!(
            "The events linked to “{}”, with the source of each link",
            pr.name
        ),
        sourced: true,
        series_column: true,
        chart: Some(svg::inline(&svg, "timeline")),
        caption: "The same events on the timeline, one lane per series.".into(),
    };
    render(&page)
}
