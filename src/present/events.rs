//! `convene events`: a list of event summaries.

use super::grid::Grid;
use super::wrap::wrap;
use super::{Format, Rendered, Result, json, md, opt};
use crate::query::{EventSummary, plural};

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

/// Every field of every event, one row each.
fn csv_grid(list: &[EventSummary]) -> Grid {
    Grid {
        headers: vec![
            "id",
            "name",
            "kind",
            "start",
            "end",
            "series",
            "parent",
            "city",
            "host",
            "listed",
            "list",
            "reported",
            "list_as_of",
            "complete",
            "source",
        ],
        rows: list
            .iter()
            .map(|e| {
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
                    e.list.listed.to_string(),
                    e.list.list.to_string(),
                    opt(&e.list.reported),
                    e.list.list_as_of.to_string(),
                    e.list.complete.to_string(),
                    e.source.clone(),
                ]
            })
            .collect(),
    }
}
