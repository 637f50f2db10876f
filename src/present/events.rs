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
            let mut footer = format!("{} {}", list.len(), plural(list.len(), "event", "events"));
            footer.push_str(&list_footer(list));
            s.push('\n');
            s.push_str(&wrap(&footer, width));
            s
        }
    };
    Ok(Rendered::data(out))
}

/// "; 21 with partial lists ("15 of 60": …), 22 with no list kept ("–")", explaining only the
/// notations the list uses.
fn list_footer(list: &[EventSummary]) -> String {
    use crate::model::ListStatus;
    let partial: Vec<&EventSummary> = list
        .iter()
        .filter(|e| e.completeness().list == ListStatus::Partial)
        .collect();
    let none = list
        .iter()
        .filter(|e| e.completeness().list == ListStatus::None)
        .count();
    let mut parts = Vec::new();
    if !partial.is_empty() {
        let mut legend = Vec::new();
        if partial.iter().any(|e| e.completeness().reported.is_some()) {
            legend.push("\"15 of 60\": 15 of 60 parties listed");
        }
        if partial.iter().any(|e| e.completeness().reported.is_none()) {
            legend.push("\"8+\": 8 listed, total not reported");
        }
        parts.push(format!(
            "{} with partial lists ({})",
            partial.len(),
            legend.join("; ")
        ));
    }
    if none > 0 {
        parts.push(format!("{none} with no party list kept (\"–\")"));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("; {}", parts.join(", "))
    }
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
