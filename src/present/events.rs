//! `convene events`: a list of event summaries.

use super::grid::Grid;
use super::wrap::wrap;
use super::{Format, Rendered, Result, json, md, opt};
use crate::query::{Completeness, EventSummary, plural};

/// The list as text: a table or Markdown table with a count line, CSV with every field, or JSON.
pub fn events(list: &[EventSummary], f: Format, width: u16) -> Result<Rendered> {
    let out = match f {
        Format::Json => json(list)?,
        Format::Csv => csv_grid(list).csv()?,
        Format::Table | Format::Markdown => {
            let md_mode = f == Format::Markdown;
            let grid = Grid {
                headers: vec!["date", "id", "kind", "parties", "name"],
                rows: list
                    .iter()
                    .map(|e| {
                        let name = if md_mode {
                            md(&e.label)
                        } else {
                            e.label.clone()
                        };
                        vec![
                            e.start.to_string(),
                            e.id.clone(),
                            e.kind.to_string(),
                            e.completeness().short(),
                            name,
                        ]
                    })
                    .collect(),
            };
            let mut s = if md_mode {
                grid.markdown()
            } else {
                grid.table(width)
            };
            let partial = list
                .iter()
                .filter(|e| e.completeness().is_incomplete())
                .count();
            let mut footer = format!("{} {}", list.len(), plural(list.len(), "event", "events"));
            if partial > 0 {
                footer.push_str(&format!(
                    "; {partial} with incomplete lists (\"15 of 60\": 15 of 60 parties listed; \"8+\": 8 listed, total not reported; \"–\": no list kept)"
                ));
            }
            s.push('\n');
            s.push_str(&wrap(&footer, width));
            s
        }
    };
    Ok(Rendered::data(out))
}

/// The columns of an event's CSV row up to its hosts.
pub(super) const EVENT_COLUMNS: [&str; 9] = [
    "id", "name", "kind", "start", "end", "series", "parent", "city", "host",
];
/// The columns of an event's CSV row that say what its list holds.
pub(super) const LIST_COLUMNS: [&str; 5] = ["listed", "list", "reported", "list_as_of", "complete"];

/// The cells under [`EVENT_COLUMNS`].
pub(super) fn event_cells(e: &EventSummary) -> Vec<String> {
    vec![
        e.id.clone(),
        e.name.clone(),
        e.kind.to_string(),
        e.start.to_string(),
        opt(&e.end),
        opt(&e.series),
        opt(&e.parent),
        opt(&e.city),
        e.host.join(";"),
    ]
}

/// The cells under [`LIST_COLUMNS`].
pub(super) fn list_cells(c: &Completeness) -> [String; 5] {
    [
        c.listed.to_string(),
        c.list.to_string(),
        opt(&c.reported),
        c.list_as_of.to_string(),
        c.complete.to_string(),
    ]
}

/// Every field of every event, one row each.
fn csv_grid(list: &[EventSummary]) -> Grid<'static> {
    Grid {
        headers: EVENT_COLUMNS
            .into_iter()
            .chain(LIST_COLUMNS)
            .chain(["source"])
            .collect(),
        rows: list
            .iter()
            .map(|e| {
                let mut row = event_cells(e);
                row.extend(list_cells(&e.list));
                row.push(e.source.clone());
                row
            })
            .collect(),
    }
}
