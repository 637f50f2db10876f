//! `convene show`: one event in full, as `key  value` fields.

use super::events::{EVENT_COLUMNS, LIST_COLUMNS, event_cells, list_cells};
use super::grid::Grid;
use super::wrap::wrap_field;
use super::{Format, Rendered, Result, clean, json, md, md_link, opt};
use crate::model::Role;
use crate::query::{PartyRow, ShowView, by_role};

/// The event as text: fields and members by role (table, Markdown), one CSV row, or JSON.
pub fn show(v: &ShowView, f: Format, width: u16) -> Result<Rendered> {
    Ok(Rendered::data(match f {
        Format::Json => json(v)?,
        Format::Csv => csv_grid(v).csv()?,
        Format::Table => {
            let e = &v.event;
            let mut s = format!("{}\n{}\n\n", clean(&e.id), clean(&e.name));
            for (k, val) in &fields(v) {
                s.push_str(&wrap_field(k, &clean(val), width));
            }
            for (role, names) in &groups(v) {
                s.push_str(&wrap_field(
                    &format!("{role} ({})", names.len()),
                    &clean(&names.join(", ")),
                    width,
                ));
            }
            if v.sources.len() > 1 {
                let sources: Vec<String> = v.sources[1..].iter().map(|u| clean(u)).collect();
                s.push_str(&wrap_field("sources", &sources.join("\n"), width));
            }
            s
        }
        Format::Markdown => {
            let e = &v.event;
            let mut s = format!("### {}\n\n`{}`\n\n", md(&e.name), md(&e.id));
            for (k, val) in &fields(v) {
                let val = if *k == "source" {
                    md_link(val, val)
                } else {
                    md(val)
                };
                s.push_str(&format!("- **{k}:** {val}\n"));
            }
            for (role, names) in &groups(v) {
                s.push_str(&format!(
                    "- **{role} ({}):** {}\n",
                    names.len(),
                    md(&names.join(", "))
                ));
            }
            if v.sources.len() > 1 {
                s.push_str("- **sources:**");
                for (i, u) in v.sources[1..].iter().enumerate() {
                    s.push_str(&format!(" {}", md_link(&format!("[{}]", i + 1), u)));
                }
                s.push('\n');
            }
            s
        }
    }))
}

/// The event's fields in display order, the empty ones left out.
fn fields(v: &ShowView) -> Vec<(&'static str, String)> {
    let e = &v.event;
    let hosts: Vec<String> = v
        .host_names
        .iter()
        .zip(&e.host)
        .map(|(n, id)| format!("{n} ({id})"))
        .collect();
    let pri: Vec<String> = v.priorities.iter().map(|p| p.name.clone()).collect();
    let mut fields: Vec<(&str, String)> = vec![
        ("kind", e.kind.to_string()),
        ("date", crate::date::format_span(&e.start, e.end.as_ref())),
        ("place", opt(&e.city)),
        ("host", hosts.join(", ")),
        ("series", opt(&e.series)),
        (
            "part of",
            e.parent
                .as_ref()
                .map(|p| format!("{p} ({})", opt(&v.parent_name)))
                .unwrap_or_default(),
        ),
        ("includes", v.children.join(", ")),
        ("priorities", pri.join(", ")),
        ("parties", e.completeness().sentence()),
        ("source", e.source.clone()),
        ("note", opt(&v.note)),
    ];
    fields.retain(|(_, val)| !val.is_empty());
    fields
}

/// Member names by role, in role order: "New Zealand (2024-10)" when the role began later.
fn groups(v: &ShowView) -> Vec<(Role, Vec<String>)> {
    let name = |p: &PartyRow| match p.date {
        Some(d) => format!("{} ({d})", p.name),
        None => p.name.clone(),
    };
    by_role(&v.parties, |p| p.role)
        .into_iter()
        .map(|(role, ps)| (role, ps.iter().map(name).collect()))
        .collect()
}

/// The event as one CSV row.
fn csv_grid(v: &ShowView) -> Grid<'static> {
    let e = &v.event;
    let priorities: Vec<&str> = v.priorities.iter().map(|p| p.id.as_str()).collect();
    let mut row = event_cells(e);
    row.push(priorities.join(";"));
    row.extend(list_cells(&e.list));
    row.extend([e.source.clone(), opt(&v.note)]);
    Grid {
        headers: EVENT_COLUMNS
            .into_iter()
            .chain(["priorities"])
            .chain(LIST_COLUMNS)
            .chain(["source", "note"])
            .collect(),
        rows: vec![row],
    }
}
