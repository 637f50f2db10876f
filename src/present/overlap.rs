//! `convene overlap`: the parties of several events, by how many of them they took part in.

use super::grid::Grid;
use super::wrap::wrap;
use super::{Format, Rendered, Result, clean, json, md};
use crate::query::overlap::{Group, OverlapRow, OverlapView, Presence};
use crate::query::plural;

/// The mark of a party's presence at one event, in tables.
fn mark(r: &OverlapRow, i: usize) -> &'static str {
    match r.presence[i] {
        Presence::In => "✓",
        Presence::NamedNotParty => "✗",
        Presence::NotIn => "·",
        Presence::Unknown => "?",
    }
}

const LEGEND: &str = "✓ a party (signatory, joined, member, participant); ✗ named, not a party (observer, \
non-signatory); · not on a complete list; ? not on an incomplete list: unknown";

/// The overlap as text. CSV has one column per event (`in`, `not_in`, `unknown`) and sends
/// the caveats to stderr; table and Markdown number the events and mark each party.
pub fn overlap(v: &OverlapView, f: Format, width: u16) -> Result<Rendered> {
    let notes = notes(v);
    Ok(match f {
        Format::Json => Rendered::data(json(v)?),
        Format::Csv => {
            let mut headers = vec!["id", "name", "kind", "group"];
            headers.extend(v.events.iter().map(|e| e.id.as_str()));
            let rows = v
                .parties
                .iter()
                .map(|r| {
                    let mut row = vec![
                        r.id.clone(),
                        r.name.clone(),
                        r.kind.to_string(),
                        r.group.as_str().to_string(),
                    ];
                    row.extend(r.presence.iter().map(|p| p.as_str().to_string()));
                    row
                })
                .collect();
            Rendered {
                stdout: Grid { headers, rows }.csv()?,
                stderr: notes.iter().map(|n| format!("note: {n}")).collect(),
            }
        }
        Format::Table | Format::Markdown => {
            let md_mode = f == Format::Markdown;
            let numbers: Vec<String> = (1..=v.events.len()).map(|i| i.to_string()).collect();
            let mut headers = vec!["in", "id", "name"];
            headers.extend(numbers.iter().map(String::as_str));
            let esc = |s: &str| if md_mode { md(s) } else { s.to_string() };
            let rows = v
                .parties
                .iter()
                .map(|r| {
                    let mut row = vec![group_cell(r, v.events.len()), esc(&r.id), esc(&r.name)];
                    row.extend((0..v.events.len()).map(|i| mark(r, i).to_string()));
                    row
                })
                .collect();
            let grid = Grid { headers, rows };
            let mut s = String::new();
            for (i, e) in v.events.iter().enumerate() {
                let (n, sentence) = (i + 1, e.list.sentence());
                if md_mode {
                    s.push_str(&format!(
                        "{n}. {} — {}: {sentence}\n",
                        md(&e.id),
                        md(&e.name)
                    ));
                } else {
                    let line = format!("{n}  {} — {}: {sentence}", e.id, e.name);
                    s.push_str(&wrap(&clean(&line), width));
                }
            }
            s.push('\n');
            s.push_str(&if md_mode {
                grid.markdown()
            } else {
                grid.table(width)
            });
            s.push('\n');
            let footer = format!("{}. {}", counts(v), LEGEND);
            for line in std::iter::once(footer).chain(notes) {
                if md_mode {
                    s.push_str(&format!("\n> {}\n", md(&line)));
                } else {
                    s.push_str(&wrap(&line, width));
                }
            }
            Rendered::data(s)
        }
    })
}

/// "all", "3 of 4", "none", "?".
fn group_cell(r: &OverlapRow, n: usize) -> String {
    match r.group {
        Group::All => "all".into(),
        Group::None => "none".into(),
        Group::Unknown => "?".into(),
        Group::AllKnown | Group::Some => format!(
            "{} of {n}{}",
            r.in_events.len(),
            if r.unknown.is_empty() { "" } else { "+?" }
        ),
    }
}

/// "12 parties in all 4; 5 in every one whose list can tell; 20 in some; 3 unknown; 0 in none".
fn counts(v: &OverlapView) -> String {
    let n = v.events.len();
    let total = v.parties.len();
    let mut parts = Vec::new();
    for (g, k) in v.counts() {
        parts.push(match g {
            Group::All => format!("{k} in all {n}"),
            Group::AllKnown => format!("{k} in all whose lists tell (\"+?\": unknown at the rest)"),
            Group::Some => format!("{k} in some"),
            Group::Unknown => format!("{k} named but whose taking part is unknown"),
            Group::None => format!("{k} in none"),
        });
    }
    if parts.is_empty() {
        parts.push("no party".to_string());
    }
    format!("{total} {}: {}", noun(v, total), parts.join("; "))
}

/// "parties", or with `--party-kind` "countries", "organisations", "companies".
fn noun(v: &OverlapView, n: usize) -> &'static str {
    let (one, many) = super::kind_nouns(v.party_kind);
    plural(n, one, many)
}

/// What the lists cannot tell: incomplete lists, and the parties they do not name.
fn notes(v: &OverlapView) -> Vec<String> {
    use crate::model::ListStatus;
    let with = |status: ListStatus| -> Vec<&str> {
        v.events
            .iter()
            .filter(|e| e.list.list == status)
            .map(|e| e.id.as_str())
            .collect()
    };
    let (partial, none) = (with(ListStatus::Partial), with(ListStatus::None));
    let mut notes = Vec::new();
    if !partial.is_empty() {
        notes.push(format!(
            "{}: {}; a party {} does not name is unknown there, not absent.",
            plural(partial.len(), "Partial list", "Partial lists"),
            partial.join(", "),
            plural(partial.len(), "it", "one")
        ));
    }
    if !none.is_empty() {
        notes.push(format!(
            "No party list kept: {}; every party is unknown there.",
            none.join(", ")
        ));
    }
    if v.none_asked && !v.complete {
        notes.push(
            "--none lists the parties no list names only when every list is complete; here they are unknown, so they are counted, not listed."
                .to_string(),
        );
    }
    if v.unnamed > 0 && v.complete {
        notes.push(format!(
            "{} other {} of the dataset took part in none of these events (--none lists {}).",
            v.unnamed,
            noun(v, v.unnamed),
            plural(v.unnamed, "it", "them")
        ));
    } else if v.unnamed > 0 {
        notes.push(format!(
            "{} other {} of the dataset {} named by none of these lists; whether {} took part is unknown.",
            v.unnamed,
            noun(v, v.unnamed),
            plural(v.unnamed, "is", "are"),
            plural(v.unnamed, "it", "they")
        ));
    }
    notes
}
