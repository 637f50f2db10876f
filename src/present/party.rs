//! `convene party`: one party's history, with its first appearance and the events that may
//! have left it out.

use super::grid::Grid;
use super::wrap::wrap;
use super::{Format, Rendered, Result, clean, json, md, opt};
use crate::query::{HistoryRow, PartyView, plural};

/// "signatory", "host", "member, host (2024-10)".
fn role(r: &HistoryRow) -> String {
    let mut s = r.role.map(|x| x.to_string()).unwrap_or_default();
    if r.host {
        s = if s.is_empty() {
            "host".into()
        } else {
            format!("{s}, host")
        };
    }
    if r.date.is_some() {
        s.push_str(&format!(" ({} {})", "event", r.start));
    }
    s
}

/// How many of the events whose partial lists do not name the party the text names.
const UNKNOWN_SHOWN: usize = 20;

/// The events whose incomplete lists do not name the party, and those that date it only to a
/// period the `--as-of` day falls in, as sentences.
fn caveat(v: &PartyView) -> Option<String> {
    let mut s = Vec::new();
    if !v.unknown.is_empty() {
        // Named up to a screenful; a dataset of thousands of partial lists would otherwise
        // bury the history under them. The count is always whole, and the JSON names all.
        let shown = &v.unknown[..v.unknown.len().min(UNKNOWN_SHOWN)];
        let rest = v.unknown.len() - shown.len();
        let more = if rest > 0 {
            format!(" and {rest} more (the JSON lists them all as unknown)")
        } else {
            String::new()
        };
        s.push(format!(
            "{} {} with partial lists do not name {}: unknown, not absent: {}{more}.",
            v.unknown.len(),
            plural(v.unknown.len(), "event", "events"),
            v.id,
            shown.join(", ")
        ));
    }
    if !v.no_list.is_empty() {
        s.push(format!(
            "{} other {} keep no party list (foundings, reports, renamings…), so whether {} took part is not recorded (the JSON lists them as no_list).",
            v.no_list.len(),
            plural(v.no_list.len(), "event", "events"),
            v.id
        ));
    }
    if let (Some(d), false) = (v.as_of, v.unknown_on_date.is_empty()) {
        s.push(format!(
            "Unknown on {d}: {} ({}'s date there is known only to the month or year).",
            v.unknown_on_date.join(", "),
            v.id
        ));
    }
    (!s.is_empty()).then(|| s.join(" "))
}

/// "GBR — United Kingdom (country, Europe; also “UK”) as of 2024-06-01".
fn head(v: &PartyView) -> String {
    let region = v.region.map(|r| format!(", {r}")).unwrap_or_default();
    let aliases = if v.aliases.is_empty() {
        String::new()
    } else {
        format!("; also “{}”", v.aliases.join("”, “"))
    };
    let as_of = v.as_of.map(|d| format!(" as of {d}")).unwrap_or_default();
    format!("{} — {} ({}{region}{aliases}){as_of}", v.id, v.name, v.kind)
}

/// The history as text. CSV sends the caveat to stderr; table and Markdown print a headline,
/// the first appearance, the list and the caveat.
pub fn party(v: &PartyView, f: Format, width: u16) -> Result<Rendered> {
    let caveat = caveat(v);
    Ok(match f {
        Format::Json => Rendered::data(json(v)?),
        Format::Csv => Rendered {
            stdout: csv_grid(v).csv()?,
            stderr: caveat.into_iter().map(|c| format!("note: {c}")).collect(),
        },
        Format::Table | Format::Markdown => {
            let m = f == Format::Markdown;
            let text = |s: &str| {
                if m {
                    format!("{}\n", md(s))
                } else {
                    wrap(&clean(s), width)
                }
            };
            let grid = Grid {
                headers: vec!["date", "event", "role", "name"],
                rows: v
                    .events
                    .iter()
                    .map(|r| {
                        // The date the party's part began, the order of the rows: a later
                        // joiner's row shows its joining date (its role, the event's).
                        let cells = vec![
                            r.date.unwrap_or(r.start).to_string(),
                            r.event.clone(),
                            role(r),
                            r.label.clone(),
                        ];
                        if m {
                            cells.iter().map(|c| md(c)).collect()
                        } else {
                            cells
                        }
                    })
                    .collect(),
            };
            let mut s = if m {
                format!("**{}**\n\n", md(&head(v)))
            } else {
                wrap(&clean(&head(v)), width)
            };
            if let Some(r) = &v.first {
                s.push_str(&text(&format!(
                    "First appearance: {} {} ({}).",
                    r.date.unwrap_or(r.start),
                    r.event,
                    role(r)
                )));
            }
            s.push('\n');
            s.push_str(&if m {
                grid.markdown()
            } else {
                grid.table(width)
            });
            s.push_str(&format!(
                "\n{} {}\n",
                v.events.len(),
                plural(v.events.len(), "event", "events")
            ));
            if let Some(c) = &caveat {
                s.push_str(&if m {
                    format!("\n> {}\n", md(c))
                } else {
                    wrap(&format!("Note: {}", clean(c)), width)
                });
            }
            Rendered::data(s)
        }
    })
}

/// Every field of every history row.
fn csv_grid(v: &PartyView) -> Grid<'static> {
    Grid {
        headers: vec![
            "id",
            "name",
            "kind",
            "start",
            "role",
            "host",
            "date",
            "source",
            "event_complete",
        ],
        rows: v
            .events
            .iter()
            .map(|r| {
                vec![
                    r.event.clone(),
                    r.name.clone(),
                    r.kind.to_string(),
                    r.start.to_string(),
                    opt(&r.role),
                    r.host.to_string(),
                    opt(&r.date),
                    r.source.clone(),
                    r.event_complete.to_string(),
                ]
            })
            .collect(),
    }
}

/// `party P --current`: a row per series roster and open instrument, with the party's
/// standing and the date each list holds as of.
pub fn party_current(
    v: &crate::query::current::CurrentView,
    f: Format,
    width: u16,
) -> Result<Rendered> {
    let standing = |s: &crate::query::current::Standing| match (s.standing, s.role) {
        ("in", Some(r)) => r.to_string(),
        ("not_in", Some(r)) => r.to_string(),
        ("not_in", None) => "absent".to_string(),
        _ => match &s.later_incomplete {
            Some(l) if s.list.complete => format!("unknown ({l})"),
            _ => "unknown".to_string(),
        },
    };
    let grid = Grid {
        headers: vec!["series", "event", "list_as_of", "standing", "list"],
        rows: v
            .standings
            .iter()
            .map(|s| {
                vec![
                    s.series.clone().unwrap_or_else(|| "(open)".into()),
                    s.event.clone(),
                    s.list.list_as_of.to_string(),
                    standing(s),
                    s.list.short(),
                ]
            })
            .collect(),
    };
    let head = format!(
        "{} — {}: where it stands now, at each series' latest complete list and at every open instrument",
        v.id, v.name
    );
    let foot = "\"absent\": a complete list does not name it; \"unknown\": an incomplete list does \
not name it, or \"unknown (X)\": the roster does not, but a later list of the series, X, is \
incomplete. A roster is a series' latest complete list of a summit, meeting, declaration, \
founding, treaty or commitment; \"(open)\" rows are instruments others can still join.";
    Ok(match f {
        Format::Json => Rendered::data(json(v)?),
        Format::Csv => Rendered::data(grid.csv()?),
        Format::Table => Rendered::data(format!(
            "{}\n{}\n{}",
            wrap(&clean(&head), width),
            grid.table(width),
            wrap(foot, width)
        )),
        Format::Markdown => Rendered::data(format!(
            "**{}**\n\n{}\n{}\n",
            md(&head),
            grid.markdown_escaped(),
            md(foot)
        )),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PartyKind;

    fn view(unknown: usize) -> PartyView {
        PartyView {
            id: "XYZ".into(),
            name: "Xyzland".into(),
            kind: PartyKind::Country,
            region: None,
            aliases: Vec::new(),
            as_of: None,
            first: None,
            events: Vec::new(),
            unknown: (0..unknown).map(|i| format!("e-{i:04}")).collect(),
            no_list: Vec::new(),
            unknown_on_date: Vec::new(),
        }
    }

    #[test]
    fn the_text_names_at_most_a_screenful_of_unknown_events_and_the_json_names_all() {
        let v = view(UNKNOWN_SHOWN + 5);
        let text = party(&v, Format::Table, 80).unwrap().stdout;
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("25 events with partial lists"), "{flat}");
        assert!(flat.contains("e-0019 and 5 more"), "{flat}");
        assert!(!flat.contains("e-0020"), "{flat}");
        let json: serde_json::Value =
            serde_json::from_str(&party(&v, Format::Json, 80).unwrap().stdout).unwrap();
        assert_eq!(json["unknown"].as_array().unwrap().len(), 25);
        // At the cap, every one is named and nothing more is said.
        let text = party(&view(UNKNOWN_SHOWN), Format::Table, 80)
            .unwrap()
            .stdout;
        let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(flat.contains("e-0019.") && !flat.contains("more"), "{flat}");
    }
}
