//! `convene parties`, `series`, `priorities` and `search`: what the dataset has names for.

use super::grid::Grid;
use super::wrap::wrap;
use super::{Format, Rendered, Result, json, opt};
use crate::query::plural;
use crate::query::vocabulary::{Hit, PartyEntry, PriorityEntry, SeriesEntry};
use crate::text::fold;
use serde::Serialize;

/// A list view: JSON of the entries, or the grid as a table, CSV or Markdown, with a count
/// line under tables and Markdown.
fn list<T: Serialize>(
    entries: &[T],
    grid: Grid,
    noun: (&str, &str),
    f: Format,
    width: u16,
) -> Result<Rendered> {
    counted(entries, entries.len(), grid, noun, f, width)
}

/// [`list`] with the count given: search counts the entries matched, not their fields.
fn counted<T: Serialize>(
    entries: &[T],
    n: usize,
    grid: Grid,
    noun: (&str, &str),
    f: Format,
    width: u16,
) -> Result<Rendered> {
    let count = format!("{n} {}", plural(n, noun.0, noun.1));
    Ok(match f {
        Format::Json => Rendered::data(json(entries)?),
        Format::Csv => Rendered::data(grid.csv()?),
        Format::Table => Rendered::data(format!("{}\n{}", grid.table(width), wrap(&count, width))),
        Format::Markdown => Rendered::data(format!("{}\n{count}\n", grid.markdown_escaped())),
    })
}

/// The parties; the count line names the kind when the list holds one (`--kind country`:
/// "79 countries").
pub fn parties(
    v: &[PartyEntry],
    kind: Option<crate::model::PartyKind>,
    f: Format,
    width: u16,
) -> Result<Rendered> {
    let grid = Grid {
        headers: vec!["id", "name", "kind", "region", "events", "named", "aliases"],
        rows: v
            .iter()
            .map(|p| {
                vec![
                    p.id.clone(),
                    p.name.clone(),
                    p.kind.to_string(),
                    opt(&p.region),
                    p.events.to_string(),
                    p.named.to_string(),
                    p.aliases.join(if f == Format::Csv { ";" } else { "; " }),
                ]
            })
            .collect(),
    };
    let mut r = list(v, grid, super::kind_nouns(kind), f, width)?;
    // The count line says how many took part, as a party or host, and how many are only named.
    let only_named = v.iter().filter(|p| p.events == 0).count();
    if only_named > 0 && matches!(f, Format::Table | Format::Markdown) {
        let took = v.len() - only_named;
        let line = format!(
            "{took} took part in at least one event (as a party or host); {only_named} {} named only as {}.",
            plural(only_named, "is", "are"),
            "observers or non-signatories"
        );
        r.stdout.push_str(&if f == Format::Table {
            wrap(&line, width)
        } else {
            format!("{line}\n")
        });
    }
    Ok(r)
}

/// The series; the table leaves out the latest event's id (CSV and JSON have it), which
/// would leave no room for the name.
pub fn series(v: &[SeriesEntry], f: Format, width: u16) -> Result<Rendered> {
    let table = matches!(f, Format::Table | Format::Markdown);
    let mut headers = vec!["id", "events", "first", "last", "name"];
    if !table {
        headers.extend(["latest", "former_name"]);
    }
    let grid = Grid {
        headers,
        rows: v
            .iter()
            .map(|s| {
                let mut row = vec![
                    s.id.clone(),
                    s.events.to_string(),
                    s.first.to_string(),
                    s.last.to_string(),
                    match &s.former_name {
                        Some(f) if table => format!("{} (formerly {f})", s.name),
                        _ => s.name.clone(),
                    },
                ];
                if !table {
                    row.push(s.latest.clone());
                    row.push(opt(&s.former_name));
                }
                row
            })
            .collect(),
    };
    list(v, grid, ("series", "series"), f, width)
}

pub fn priorities(v: &[PriorityEntry], f: Format, width: u16) -> Result<Rendered> {
    let grid = Grid {
        headers: vec!["id", "name", "events", "description"],
        rows: v
            .iter()
            .map(|p| {
                vec![
                    p.id.clone(),
                    p.name.clone(),
                    p.events.to_string(),
                    opt(&p.description),
                ]
            })
            .collect(),
    };
    list(v, grid, ("priority area", "priority areas"), f, width)
}

/// The words of `text` around the first that holds `word` (folded): a note of a hundred
/// words shows the dozen that matter, with "…" where words were left out.
fn snippet(text: &str, word: &str) -> String {
    const BEFORE: usize = 4;
    const AFTER: usize = 8;
    let words: Vec<&str> = text.split_whitespace().collect();
    let at = words
        .iter()
        .position(|w| fold(w).split(' ').any(|t| t.starts_with(word)))
        .unwrap_or(0);
    let (from, to) = (at.saturating_sub(BEFORE), (at + AFTER + 1).min(words.len()));
    let mut s = words[from..to].join(" ");
    if from > 0 {
        s.insert_str(0, "… ");
    }
    if to < words.len() {
        s.push_str(" …");
    }
    s
}

/// The matches: tables and Markdown show the words around each match; CSV and JSON the whole
/// field.
pub fn search(v: &[Hit], query: &str, f: Format, width: u16) -> Result<Rendered> {
    let first = fold(query)
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_string();
    let whole = matches!(f, Format::Csv | Format::Json);
    let grid = Grid {
        headers: vec!["what", "id", "field", "text"],
        rows: v
            .iter()
            .map(|h| {
                vec![
                    h.what.to_string(),
                    h.id.clone(),
                    h.field.to_string(),
                    if whole {
                        h.text.clone()
                    } else {
                        snippet(&h.text, &first)
                    },
                ]
            })
            .collect(),
    };
    let mut entries: Vec<(&str, &str)> = v.iter().map(|h| (h.what, h.id.as_str())).collect();
    entries.dedup();
    counted(v, entries.len(), grid, ("match", "matches"), f, width)
}
