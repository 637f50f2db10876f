//! `convene members`: one event's parties, with roles and the list's completeness.

use super::grid::Grid;
use super::wrap::wrap;
use super::{Format, Rendered, Result, clean, json, md, md_link, opt};
use crate::model::ListStatus;
use crate::query::{MembersView, PartyRow};

/// "signatory", or "joined (2024-10)" when the role began after the event.
fn role_cell(p: &PartyRow) -> String {
    match &p.date {
        Some(d) => format!("{} ({d})", p.role),
        None => p.role.to_string(),
    }
}

/// The members as text. CSV sends the completeness caveat to stderr; table and Markdown put
/// the completeness sentence above the list.
pub fn members(v: &MembersView, f: Format, width: u16) -> Result<Rendered> {
    let c = v.completeness();
    let as_of = v.as_of.map(|d| format!(" as of {d}")).unwrap_or_default();
    let headline = format!("{} — {}{as_of}", v.event, v.name);
    let roster = v.current.as_ref().map(|r| roster_line(v, r));
    let unsure = unknown_on_date(v);
    Ok(match f {
        Format::Json => Rendered::data(json(v)?),
        Format::Csv => {
            let grid = Grid {
                headers: vec!["id", "name", "kind", "role", "date", "source"],
                rows: v
                    .parties
                    .iter()
                    .map(|p| {
                        vec![
                            p.id.clone(),
                            p.name.clone(),
                            p.kind.to_string(),
                            p.role.to_string(),
                            opt(&p.date),
                            p.source.clone(),
                        ]
                    })
                    .collect(),
            };
            let mut stderr = if c.complete && !before_start(v) && v.party_kind.is_none() {
                vec![]
            } else {
                vec![format!("note: {}: {}", v.event, list_sentence(v))]
            };
            stderr.extend(unsure.iter().map(|u| format!("note: {}: {u}", v.event)));
            stderr.extend(roster.iter().map(|r| format!("note: {}: {r}", v.event)));
            Rendered {
                stdout: grid.csv()?,
                stderr,
            }
        }
        Format::Table => {
            let grid = Grid {
                headers: vec!["id", "name", "role", "kind"],
                rows: v
                    .parties
                    .iter()
                    .map(|p| {
                        vec![
                            p.id.clone(),
                            p.name.clone(),
                            role_cell(p),
                            p.kind.to_string(),
                        ]
                    })
                    .collect(),
            };
            let notes: String = unsure.iter().map(|u| wrap(&clean(u), width)).collect();
            Rendered::data(format!(
                "{}{}{notes}\n{}",
                roster
                    .as_ref()
                    .map(|r| wrap(&clean(r), width))
                    .unwrap_or_default()
                    + &wrap(&clean(&headline), width),
                wrap(&format!("{}.", list_sentence(v)), width),
                grid.table(width)
            ))
        }
        Format::Markdown => {
            let grid = Grid {
                headers: vec!["id", "name", "role", "source"],
                rows: v
                    .parties
                    .iter()
                    .map(|p| {
                        vec![
                            md(&p.id),
                            md(&p.name),
                            md(&role_cell(p)),
                            md_link("source", &p.source),
                        ]
                    })
                    .collect(),
            };
            let notes: String = unsure.iter().map(|u| format!("\n\n{}", md(u))).collect();
            // The roster line is a paragraph of its own: bold cannot span two.
            Rendered::data(format!(
                "{}**{}**\n\n{}.{notes}\n\n{}",
                roster
                    .as_ref()
                    .map(|r| format!("{}\n\n", md(r)))
                    .unwrap_or_default(),
                md(&headline),
                list_sentence(v),
                grid.markdown()
            ))
        }
    })
}

/// "Current roster of the International Network for … (formerly …): its latest complete list,
/// as of Feb 2026." and, when a later list is incomplete, a sentence naming it.
fn roster_line(v: &MembersView, r: &crate::query::current::CurrentRoster) -> String {
    let former = r
        .former_name
        .as_ref()
        .map(|f| format!(" (formerly the {f})"))
        .unwrap_or_default();
    let mut s = format!(
        "Current roster of the {}{former}: its latest complete list of a summit, meeting, declaration, founding, treaty or commitment, as of {}.",
        r.series_name,
        crate::date::human_span(&v.list.list_as_of, None)
    );
    if let Some(l) = &r.later_incomplete {
        s.push_str(&format!(
            " The later list of {l} is incomplete and may name newer members."
        ));
    }
    s
}

/// Whether `--as-of` is a day before the event began, when no one can have taken part yet.
fn before_start(v: &MembersView) -> bool {
    v.as_of.is_some_and(|d| d < v.start.first_day())
}

/// The list's completeness sentence; before the event, that there was no party yet (the list's
/// count, given for a later day, would mislead).
fn list_sentence(v: &MembersView) -> String {
    match v.as_of {
        Some(d) if before_start(v) => format!(
            "No party yet on {d}: the event is dated {}, after that day",
            crate::date::human_span(&v.start, v.end.as_ref())
        ),
        Some(d) => {
            // On a given day: the parties of that day, then what the list is as of its date
            // (the count of a partial list is for its own date, not this day).
            let c = v.completeness();
            // Parties only (signatory, joined, member, participant), as the list's count is.
            let n = c.listed;
            let unsure = v
                .unknown_on_date
                .iter()
                .filter(|p| p.role.is_party())
                .count();
            let mut s = format!("{n} {} on {d}", crate::query::plural(n, "party", "parties"));
            if unsure > 0 {
                s.push_str(&format!(", {unsure} more unknown that day"));
            }
            let as_of = crate::date::human_span(&c.list_as_of, None);
            s.push_str(&match (c.list, c.reported) {
                (ListStatus::Complete, _) => format!("; the list is complete as of {as_of}"),
                (ListStatus::Partial, Some(r)) => {
                    format!("; the list is incomplete ({r} parties reported as of {as_of})")
                }
                (ListStatus::Partial, None) => {
                    format!("; the list is incomplete, its total not reported (as of {as_of})")
                }
                (ListStatus::None, _) => "; no party list is kept".to_string(),
            });
            s
        }
        None => {
            let mut s = v.completeness().sentence();
            if let Some(k) = v.party_kind {
                let n = v.parties.len();
                let (one, many) = super::kind_nouns(Some(k));
                s.push_str(&format!(
                    "; showing its {n} {}",
                    crate::query::plural(n, one, many)
                ));
            }
            s
        }
    }
}

/// "Unknown on 2024-10-15: New Zealand (NZL), joined 2024-10 (a date known only to the month or
/// year)." for each party whose row dates it only to a period `as_of` falls in.
fn unknown_on_date(v: &MembersView) -> Vec<String> {
    let Some(d) = v.as_of else {
        return Vec::new();
    };
    v.unknown_on_date
        .iter()
        .map(|p| {
            format!(
                "Unknown on {d}: {} ({}), {} {} (a date known only to the month or year).",
                p.name,
                p.id,
                p.role,
                opt(&p.date)
            )
        })
        .collect()
}
