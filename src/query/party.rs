//! The view of `convene party`: one party's history, and the events that may have left it out.

use super::{in_force, is_incomplete, unsure_at};
use crate::date::PartialDate;
use crate::model::{
    Dataset, EventId, EventKind, ListStatus, Participation, PartyId, PartyKind, Region, Role,
};
use chrono::NaiveDate;
use serde::Serialize;

/// One line of a party's history.
#[derive(Debug, Clone, Serialize)]
pub struct HistoryRow {
    pub event: String,
    pub name: String,
    pub kind: EventKind,
    pub start: PartialDate,
    /// The party's role; `None` when the party only hosted the event.
    pub role: Option<Role>,
    pub host: bool,
    /// When the role began, if not the event's start.
    pub date: Option<PartialDate>,
    pub source: String,
    /// Whether the event's party list is complete.
    pub event_complete: bool,
    #[serde(skip)]
    pub label: String,
}

/// `convene party`: one party's history.
#[derive(Debug, Clone, Serialize)]
pub struct PartyView {
    pub id: String,
    pub name: String,
    pub kind: PartyKind,
    pub region: Option<Region>,
    pub aliases: Vec<String>,
    pub as_of: Option<NaiveDate>,
    /// The first event the party appears in (as a party or host), with its date.
    pub first: Option<HistoryRow>,
    pub events: Vec<HistoryRow>,
    /// Events whose partial list does not name this party: unknown, not absent.
    pub unknown: Vec<String>,
    /// Events that keep no party list (an institute's founding, a report) and do not name it
    /// as host: whether it took part is not recorded.
    pub no_list: Vec<String>,
    /// With `as_of`: events that name this party with a date known only to a month or year
    /// that `as_of` falls in, so whether it was a party on that day is unknown.
    pub unknown_on_date: Vec<String>,
}

/// The history of party `px` up to `as_of`. Its cost follows the answer: the party's own rows
/// and hosted events (from their indexes) and the dataset's incomplete events (for the
/// unknowns), never a pass over every event. A party named by most of a million-row dataset's
/// events was quadratic here (issue 16), and a rare one paid for a pass over all events.
pub fn party(data: &Dataset, px: PartyId, as_of: Option<NaiveDate>) -> PartyView {
    let party = data.party(px);
    // The events the party is named in or hosts, oldest first, each with its row if any (a
    // party has one row per event).
    let mut touched: Vec<(EventId, Option<Participation>)> =
        data.events_of(px).map(|p| (p.event, Some(p))).collect();
    touched.extend(data.hosted_by(px).map(|ev| (ev, None)));
    // Rows before hosts at the same event, so that dedup keeps the row.
    touched.sort_by_key(|&(ev, p)| (ev, p.is_none()));
    touched.dedup_by_key(|&mut (ev, _)| ev);
    let mut rows: Vec<HistoryRow> = Vec::new();
    // Events in the history, and those whose row dates the party only to a month or year that
    // `as_of` falls in; oldest first, for the unknowns' lookups.
    let mut named: Vec<EventId> = Vec::new();
    let mut unsure: Vec<EventId> = Vec::new();
    for (ev, part) in touched {
        let e = data.event(ev);
        let was_unsure = part.is_some_and(|p| unsure_at(&p, as_of));
        if was_unsure {
            unsure.push(ev);
        }
        let part = part.filter(|p| in_force(data, p, as_of));
        let host = e.hosts.contains(&px) && as_of.is_none_or(|d| e.start.last_day() <= d);
        if part.is_none() && !host {
            if was_unsure {
                named.push(ev);
            }
            continue;
        }
        named.push(ev);
        rows.push(HistoryRow {
            event: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            start: e.start,
            role: part.map(|p| p.role),
            host,
            date: part.and_then(|p| p.date),
            source: part.map_or_else(|| e.source.clone(), |p| data.row_source(&p).to_string()),
            event_complete: !is_incomplete(data, ev),
            label: e.label().to_string(),
        });
    }
    // Sort by the date the party's involvement began.
    rows.sort_by(|a, b| {
        (a.date.unwrap_or(a.start), a.start, &a.event).cmp(&(
            b.date.unwrap_or(b.start),
            b.start,
            &b.event,
        ))
    });
    let (mut unknown, mut no_list) = (Vec::new(), Vec::new());
    for &ev in data.incomplete_events() {
        let (id, start, status) = data.event_brief(ev);
        if as_of.is_none_or(|d| start.last_day() <= d) && named.binary_search(&ev).is_err() {
            match status {
                ListStatus::None => no_list.push(id.to_string()),
                _ => unknown.push(id.to_string()),
            }
        }
    }
    PartyView {
        id: party.id.clone(),
        name: party.name.clone(),
        kind: party.kind,
        region: party.region,
        aliases: party.aliases.clone(),
        as_of,
        first: rows.first().cloned(),
        events: rows,
        unknown,
        no_list,
        unknown_on_date: unsure.iter().map(|&ev| data.event(ev).id.clone()).collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::query::resolve;

    #[test]
    fn party_history_starts_with_the_first_appearance() {
        let d = load_embedded().unwrap();
        let v = party(&d, resolve::party(&d, "south korea").unwrap(), None);
        assert_eq!(v.first.as_ref().unwrap().event, "bletchley-2023");
        assert!(
            v.events
                .iter()
                .any(|r| r.event == "seoul-declaration-2024" && r.host)
        );
    }
}
