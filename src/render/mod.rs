//! Rendering: views to SVG strings. The only user of plotters (through `paint`); it never
//! reads the clock, the machine's fonts or any file, so the same data gives the same bytes.

pub mod axis;
pub mod font;
pub mod growth;
pub mod layout;
pub mod membership;
pub mod paint;
pub mod style;
pub mod timeline;

use crate::model::{Dataset, EventIx, PartyIx};
use chrono::NaiveDate;

/// The first and last day the events cover, if there are any.
pub fn date_range(data: &Dataset, events: &[EventIx]) -> Option<(NaiveDate, NaiveDate)> {
    events.iter().fold(None, |acc, &e| {
        let ev = &data.events[e];
        let (a, b) = (ev.start.first_day(), ev.last().last_day());
        Some(acc.map_or((a, b), |(lo, hi): (NaiveDate, NaiveDate)| {
            (lo.min(a), hi.max(b))
        }))
    })
}

/// Distinct series of the events (`None`: events in no series), in lane order.
pub fn series_of<'a>(data: &'a Dataset, events: &[EventIx]) -> Vec<Option<&'a str>> {
    let mut series: Vec<Option<&str>> = events
        .iter()
        .map(|&e| data.events[e].series.as_deref())
        .collect();
    series.sort_by_key(|s| style::series_rank(*s));
    series.dedup();
    series
}

/// Distinct parties with a row in any of the events, sorted by index.
pub fn parties_of(data: &Dataset, events: &[EventIx]) -> Vec<PartyIx> {
    let mut p: Vec<PartyIx> = events
        .iter()
        .flat_map(|&e| {
            data.by_event[e]
                .iter()
                .map(|&i| data.participation[i].party)
        })
        .collect();
    p.sort_unstable();
    p.dedup();
    p
}

/// The footer every chart carries: the source, then chart-specific notes, wrapped to `width`.
pub fn footer(data: &Dataset, notes: &str, width: f64) -> Vec<String> {
    let text = format!(
        "Source: convene dataset ({} events, {} parties, {} sources). {notes}",
        data.events.len(),
        data.parties.len(),
        data.source_count()
    );
    font::wrap(text.trim_end(), 11.0, false, width - 32.0)
}

/// Draw a chart's title and subtitle, each cut to fit `width`.
pub fn draw_header(
    p: &paint::Painter,
    title: &str,
    subtitle: &str,
    width: f64,
) -> Result<(), String> {
    p.text(
        &font::fit(title, 20.0, true, width - 32.0),
        16.0,
        26.0,
        20.0,
        true,
        paint::INK,
        paint::Anchor::Start,
    )?;
    p.text(
        &font::fit(subtitle, 13.0, false, width - 32.0),
        16.0,
        50.0,
        13.0,
        false,
        paint::MUTED,
        paint::Anchor::Start,
    )
}

/// Draw footer lines from `y`.
pub fn draw_footer(p: &paint::Painter, lines: &[String], y: f64) -> Result<(), String> {
    for (i, line) in lines.iter().enumerate() {
        p.text(
            line,
            16.0,
            y + i as f64 * 15.0,
            11.0,
            false,
            paint::MUTED,
            paint::Anchor::Start,
        )?;
    }
    Ok(())
}
