//! Current standing: "who is in the Network today?" and "where does this party stand now?".
//!
//! A series' current roster is the party list of its latest *roster event*: a summit, meeting,
//! declaration, founding, treaty or commitment whose list is complete (exercises, reports and
//! renamings are not rosters: a report's list is its expert panel, not who took part). It holds
//! as of that list's date, which every output gives. A later roster event whose list is
//! incomplete is named too: it may hold newer members, so a party the roster does not name is
//! unknown, not absent, while one is.

use super::{Completeness, completeness};
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::model::{Dataset, EventId, EventKind, ListStatus, PartyId, Role, catalog};
use serde::Serialize;

/// Whether an event's list can be a series' roster.
fn is_roster(kind: EventKind) -> bool {
    !matches!(
        kind,
        EventKind::Exercise | EventKind::Report | EventKind::Renaming
    )
}

/// The roster event of a series: its latest roster event with a complete list, and the
/// latest later one whose list is incomplete, if any.
pub fn roster(data: &Dataset, series: &str) -> Option<(EventId, Option<EventId>)> {
    // Event ids are in date order; the latest list date wins among events of one date.
    let candidates: Vec<EventId> = data
        .event_ids()
        .filter(|&e| {
            let ev = data.event(e);
            ev.series.as_deref() == Some(series) && is_roster(ev.kind)
        })
        .collect();
    let key = |e: EventId| (data.event(e).start.sort_key(), data.event(e).list_as_of());
    let complete = candidates
        .iter()
        .copied()
        .filter(|&e| data.event(e).list.status == ListStatus::Complete)
        .max_by_key(|&e| key(e))?;
    let later_partial = candidates
        .iter()
        .copied()
        .filter(|&e| data.event(e).list.status == ListStatus::Partial && key(e) > key(complete))
        .max_by_key(|&e| key(e));
    Some((complete, later_partial))
}

/// What `members --series S --current` says above the list.
#[derive(Debug, Clone, Serialize)]
pub struct CurrentRoster {
    pub series: String,
    /// The series' current name.
    pub series_name: String,
    /// Its former name, when it was renamed.
    pub former_name: Option<String>,
    /// A later roster event whose list is incomplete: it may name newer members.
    pub later_incomplete: Option<String>,
}

/// The roster event of `series` and what to say about it, or an error naming why there is
/// none.
pub fn current_roster(data: &Dataset, series: &str) -> Result<(EventId, CurrentRoster)> {
    let Some((ev, later)) = roster(data, series) else {
        return Err(Error::Lookup(format!(
            "the series \"{series}\" has no event with a complete party list; see `convene events --series {series}`"
        )));
    };
    let (name, former) = catalog::current_series_name(series);
    Ok((
        ev,
        CurrentRoster {
            series: series.to_string(),
            series_name: name,
            former_name: former,
            later_incomplete: later.map(|e| data.event(e).id.clone()),
        },
    ))
}

/// A party's standing at one series' roster event, or at one open instrument.
#[derive(Debug, Clone, Serialize)]
pub struct Standing {
    /// The series id, or `None` for an open instrument outside any roster.
    pub series: Option<String>,
    pub event: String,
    pub name: String,
    pub start: PartialDate,
    /// The event's list: listed, list, list_as_of, reported, complete.
    #[serde(flatten)]
    pub list: Completeness,
    /// The party's role there; `None` when its list does not name the party.
    pub role: Option<Role>,
    /// `in`, `not_in` (a complete list that does not name it, or a non-party role) or
    /// `unknown` (an incomplete list that does not name it, or a complete one that does not
    /// while a later list of the series is incomplete).
    pub standing: &'static str,
    /// A later roster event of the series whose list is incomplete: it may name the party.
    pub later_incomplete: Option<String>,
}

/// `party P --current`: where a party stands now, series by series (at each one's roster
/// event) and at every open instrument (treaty, commitments), whose list can still grow.
#[derive(Debug, Clone, Serialize)]
pub struct CurrentView {
    pub id: String,
    pub name: String,
    pub standings: Vec<Standing>,
}

pub fn party_current(data: &Dataset, px: PartyId) -> CurrentView {
    let mut events: Vec<(Option<String>, EventId, Option<EventId>)> = Vec::new();
    let mut series = data.series();
    series.sort_by_key(|s| catalog::series_rank(Some(s)));
    for s in series {
        if let Some((ev, later)) = roster(data, s) {
            events.push((Some(s.to_string()), ev, later));
        }
    }
    // Open instruments: treaties and commitments, and any event others joined later (the
    // rule `check --strict` follows).
    for e in data.event_ids() {
        let open = data.event(e).stays_open() || data.rows_of(e).any(|r| r.role == Role::Joined);
        if open && !events.iter().any(|(_, x, _)| *x == e) {
            events.push((None, e, None));
        }
    }
    let standings = events
        .into_iter()
        .map(|(series, e, later)| {
            let ev = data.event(e);
            let list = completeness(data, e, None);
            let role = data
                .events_of(px)
                .filter(|p| p.event == e)
                .map(|p| p.role)
                .min_by_key(|r| !r.is_party());
            let standing = match role {
                Some(r) if r.is_party() => "in",
                Some(_) => "not_in",
                None if list.complete && later.is_none() => "not_in",
                None => "unknown",
            };
            Standing {
                series,
                event: ev.id.clone(),
                name: ev.name.clone(),
                start: ev.start,
                list,
                role,
                standing,
                later_incomplete: later.map(|l| data.event(l).id.clone()),
            }
        })
        .collect();
    let p = data.party(px);
    CurrentView {
        id: p.id.clone(),
        name: p.name.clone(),
        standings,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    #[test]
    fn the_networks_roster_is_its_latest_complete_list() {
        let d = load_embedded().unwrap();
        let (ev, note) = current_roster(&d, "aisi-network").unwrap();
        let e = d.event(ev);
        assert_eq!(e.list.status, ListStatus::Complete);
        // No later roster event of the series has a complete list.
        for later in d.event_ids().filter(|&x| x > ev) {
            let l = d.event(later);
            if l.series.as_deref() == Some("aisi-network") && is_roster(l.kind) {
                assert_ne!(l.list.status, ListStatus::Complete, "{}", l.id);
            }
        }
        assert!(note.former_name.is_some(), "the Network was renamed");
    }

    #[test]
    fn a_party_stands_in_not_in_or_unknown_at_each_roster() {
        let d = load_embedded().unwrap();
        let gbr = d.party_by_id("GBR").unwrap();
        let v = party_current(&d, gbr);
        let at = |id: &str| {
            v.standings
                .iter()
                .find(|s| s.event == id)
                .map(|s| s.standing)
        };
        let (network, _) = roster(&d, "aisi-network").unwrap();
        assert_eq!(at(&d.event(network).id), Some("in"));
        assert_eq!(at("coe-ai-convention-2024"), Some("in"));
        for s in &v.standings {
            if s.standing == "unknown" {
                assert!(!s.list.complete);
            }
        }
    }
}
