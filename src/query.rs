//! Queries: pure functions from the dataset to views (plain structs that `format` renders).
//!
//! Nothing here prints or reads files. Every view that shows members carries the event's
//! completeness, so no output can present a partial list as a whole one.

pub mod chart;
pub mod growth;
pub mod membership;
pub mod timeline;

use crate::date::PartialDate;
use crate::model::*;
use chrono::NaiveDate;
use serde::Serialize;

/// Whether a participation row is in force at `as_of`. A row counts from its own date, else
/// from its event's start; a date given only to the month or year counts from its last day,
/// so `--as-of` never shows a party before the sources say it was there.
pub fn in_force(data: &Dataset, p: &Participation, as_of: Option<NaiveDate>) -> bool {
    match as_of {
        None => true,
        Some(d) => {
            p.date
                .as_ref()
                .unwrap_or(&data.events[p.event].start)
                .last_day()
                <= d
        }
    }
}

/// How much of an event's party list the dataset holds.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Completeness {
    /// Parties listed (signatories, later joiners, members, participants).
    pub listed: usize,
    /// The count a source gives, where the list may be partial.
    pub reported: Option<u32>,
    pub reported_as_of: Option<PartialDate>,
    /// True when the listed parties are all the parties: no larger count is reported and at
    /// least one party is listed.
    pub complete: bool,
}

impl Completeness {
    /// "10 parties listed (complete)", "15 of 60 listed; the list is incomplete", …
    pub fn sentence(&self) -> String {
        match self.reported {
            _ if self.complete => format!(
                "{} {} listed; the list is complete",
                self.listed,
                plural(self.listed, "party", "parties")
            ),
            Some(r) => {
                let as_of = self
                    .reported_as_of
                    .map(|d| format!(" (count as of {d})"))
                    .unwrap_or_default();
                format!(
                    "{} of {r} listed{as_of}; the list is incomplete",
                    self.listed
                )
            }
            None => "no parties are recorded for this event".to_string(),
        }
    }
    /// "15 of 60", "29", "–".
    pub fn short(&self) -> String {
        match self.reported {
            Some(r) if !self.complete => format!("{} of {r}", self.listed),
            _ if self.listed == 0 => "–".to_string(),
            _ => self.listed.to_string(),
        }
    }
}

pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

pub fn completeness(data: &Dataset, ev: EventIx, as_of: Option<NaiveDate>) -> Completeness {
    let listed = data.by_event[ev]
        .iter()
        .map(|&i| &data.participation[i])
        .filter(|p| p.role.is_party() && in_force(data, p, as_of))
        .count();
    let e = &data.events[ev];
    let reported = e.reported.as_ref().map(|r| r.count);
    let complete = match reported {
        Some(r) => listed as u64 >= u64::from(r) && listed > 0,
        None => listed > 0,
    };
    Completeness {
        listed,
        reported,
        reported_as_of: e.reported.as_ref().and_then(|r| r.as_of),
        complete,
    }
}

/// Filters of `convene events` (and later of the charts and exports).
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub kinds: Vec<EventKind>,
    pub series: Option<String>,
    pub party: Option<PartyIx>,
    pub priority: Option<usize>,
    /// Keep events that end on or after this date.
    pub from: Option<PartialDate>,
    /// Keep events that start on or before this date.
    pub to: Option<PartialDate>,
}

impl EventFilter {
    pub fn matches(&self, data: &Dataset, ev: EventIx) -> bool {
        let e = &data.events[ev];
        if !self.kinds.is_empty() && !self.kinds.contains(&e.kind) {
            return false;
        }
        if let Some(s) = &self.series
            && e.series.as_deref() != Some(s.as_str())
        {
            return false;
        }
        if let Some(p) = self.party
            && !e.hosts.contains(&p)
            && !data.by_event[ev]
                .iter()
                .any(|&i| data.participation[i].party == p)
        {
            return false;
        }
        if let Some(pr) = self.priority
            && !data.priorities_by_event[ev]
                .iter()
                .any(|&i| data.event_priorities[i].priority == pr)
        {
            return false;
        }
        if let Some(f) = &self.from
            && e.last().last_day() < f.first_day()
        {
            return false;
        }
        if let Some(t) = &self.to
            && e.start.first_day() > t.last_day()
        {
            return false;
        }
        true
    }
}

/// Events matching a filter, oldest first.
pub fn events(data: &Dataset, filter: &EventFilter) -> Vec<EventIx> {
    (0..data.events.len())
        .filter(|&i| filter.matches(data, i))
        .collect()
}

/// One event as a row of `convene events`.
#[derive(Debug, Clone, Serialize)]
pub struct EventSummary {
    pub id: String,
    pub name: String,
    pub kind: EventKind,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub series: Option<String>,
    pub parent: Option<String>,
    pub city: Option<String>,
    pub host: Vec<String>,
    pub listed: usize,
    pub reported: Option<u32>,
    pub reported_as_of: Option<PartialDate>,
    pub complete: bool,
    pub source: String,
    #[serde(skip)]
    pub label: String,
}

pub fn summary(data: &Dataset, ev: EventIx) -> EventSummary {
    let e = &data.events[ev];
    let c = completeness(data, ev, None);
    EventSummary {
        id: e.id.clone(),
        name: e.name.clone(),
        kind: e.kind,
        start: e.start,
        end: e.end,
        series: e.series.clone(),
        parent: e.parent.map(|p| data.events[p].id.clone()),
        city: e.city.clone(),
        host: e
            .hosts
            .iter()
            .map(|&h| data.parties[h].id.clone())
            .collect(),
        listed: c.listed,
        reported: c.reported,
        reported_as_of: c.reported_as_of,
        complete: c.complete,
        source: e.source.clone(),
        label: e.label().to_string(),
    }
}

/// A party in an event: the party object of the JSON outputs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PartyRow {
    pub id: String,
    pub name: String,
    pub kind: PartyKind,
    pub role: Role,
    /// When the role began, if not the event's start.
    pub date: Option<PartialDate>,
    /// The URL of the source that names this party in this role.
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

pub fn party_row(data: &Dataset, p: &Participation) -> PartyRow {
    let party = &data.parties[p.party];
    PartyRow {
        id: party.id.clone(),
        name: party.name.clone(),
        kind: party.kind,
        role: p.role,
        date: p.date,
        source: data.row_source(p).to_string(),
        note: data.row_note(p).map(str::to_string),
    }
}

/// `convene members`: the parties of one event.
#[derive(Debug, Clone, Serialize)]
pub struct MembersView {
    pub event: String,
    pub name: String,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub as_of: Option<NaiveDate>,
    pub listed: usize,
    pub reported: Option<u32>,
    pub reported_as_of: Option<PartialDate>,
    pub complete: bool,
    /// Parties in display order: by role (signatory, joined, member, participant, observer,
    /// non-signatory), then name.
    pub parties: Vec<PartyRow>,
}

impl MembersView {
    pub fn completeness(&self) -> Completeness {
        Completeness {
            listed: self.listed,
            reported: self.reported,
            reported_as_of: self.reported_as_of,
            complete: self.complete,
        }
    }
}

pub fn members(
    data: &Dataset,
    ev: EventIx,
    roles: &[Role],
    as_of: Option<NaiveDate>,
) -> MembersView {
    let e = &data.events[ev];
    let c = completeness(data, ev, as_of);
    let parties = data.by_event[ev]
        .iter()
        .map(|&i| &data.participation[i])
        .filter(|p| (roles.is_empty() || roles.contains(&p.role)) && in_force(data, p, as_of))
        .map(|p| party_row(data, p))
        .collect();
    MembersView {
        event: e.id.clone(),
        name: e.name.clone(),
        start: e.start,
        end: e.end,
        as_of,
        listed: c.listed,
        reported: c.reported,
        reported_as_of: c.reported_as_of,
        complete: c.complete,
        parties,
    }
}

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
    /// Events whose list is incomplete and does not name this party: unknown, not absent.
    pub unknown: Vec<String>,
}

pub fn party(data: &Dataset, px: PartyIx, as_of: Option<NaiveDate>) -> PartyView {
    let party = &data.parties[px];
    let mut rows: Vec<HistoryRow> = Vec::new();
    for (ev, e) in data.events.iter().enumerate() {
        let part = data.by_event[ev]
            .iter()
            .map(|&i| &data.participation[i])
            .find(|p| p.party == px);
        let part = part.filter(|p| in_force(data, p, as_of));
        let host = e.hosts.contains(&px) && as_of.is_none_or(|d| e.start.last_day() <= d);
        if part.is_none() && !host {
            continue;
        }
        rows.push(HistoryRow {
            event: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            start: e.start,
            role: part.map(|p| p.role),
            host,
            date: part.and_then(|p| p.date),
            source: part.map_or_else(|| e.source.clone(), |p| data.row_source(p).to_string()),
            event_complete: completeness(data, ev, as_of).complete,
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
    let unknown = data
        .events
        .iter()
        .enumerate()
        .filter(|(ev, e)| {
            as_of.is_none_or(|d| e.start.last_day() <= d)
                && !rows.iter().any(|r| r.event == e.id)
                && e.reported.is_some()
                && !completeness(data, *ev, as_of).complete
        })
        .map(|(_, e)| e.id.clone())
        .collect();
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
    }
}

/// `convene show`: one event in full.
#[derive(Debug, Clone, Serialize)]
pub struct ShowView {
    #[serde(flatten)]
    pub event: EventSummary,
    pub short: Option<String>,
    pub note: Option<String>,
    pub host_names: Vec<String>,
    pub parent_name: Option<String>,
    /// Events whose parent this is.
    pub children: Vec<String>,
    pub priorities: Vec<PriorityLink>,
    pub parties: Vec<PartyRow>,
    /// Every distinct source used by this event's rows, the event's own first.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PriorityLink {
    pub id: String,
    pub name: String,
    pub source: String,
}

pub fn show(data: &Dataset, ev: EventIx) -> ShowView {
    let e = &data.events[ev];
    let parties: Vec<PartyRow> = data.by_event[ev]
        .iter()
        .map(|&i| party_row(data, &data.participation[i]))
        .collect();
    let priorities: Vec<PriorityLink> = data.priorities_by_event[ev]
        .iter()
        .map(|&i| {
            let l = &data.event_priorities[i];
            let p = &data.priorities[l.priority];
            PriorityLink {
                id: p.id.clone(),
                name: p.name.clone(),
                source: l.source.clone(),
            }
        })
        .collect();
    let mut sources = vec![e.source.clone()];
    for s in parties
        .iter()
        .map(|p| &p.source)
        .chain(priorities.iter().map(|p| &p.source))
    {
        if !sources.contains(s) {
            sources.push(s.clone());
        }
    }
    ShowView {
        event: summary(data, ev),
        short: e.short.clone(),
        note: e.note.clone(),
        host_names: e
            .hosts
            .iter()
            .map(|&h| data.parties[h].name.clone())
            .collect(),
        parent_name: e.parent.map(|p| data.events[p].name.clone()),
        children: data
            .events
            .iter()
            .filter(|c| c.parent == Some(ev))
            .map(|c| c.id.clone())
            .collect(),
        priorities,
        parties,
        sources,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::resolve;

    fn ids(v: &MembersView) -> Vec<&str> {
        let mut ids: Vec<&str> = v.parties.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn san_francisco_members_are_the_ten_founding_members() {
        let d = load_embedded().unwrap();
        let v = members(&d, d.event_ix["aisi-network-sf-2024"], &[], None);
        assert_eq!(
            ids(&v),
            [
                "AUS", "CAN", "EU", "FRA", "GBR", "JPN", "KEN", "KOR", "SGP", "USA"
            ]
        );
        assert!(v.complete);
    }

    #[test]
    fn as_of_hides_a_party_that_joined_later() {
        let d = load_embedded().unwrap();
        let ev = d.event_ix["bletchley-2023"];
        let before = members(&d, ev, &[], NaiveDate::from_ymd_opt(2024, 1, 1));
        let after = members(&d, ev, &[], NaiveDate::from_ymd_opt(2024, 11, 1));
        assert!(!ids(&before).contains(&"NZL"));
        assert!(ids(&after).contains(&"NZL"));
        assert_eq!(after.listed, before.listed + 1);
    }

    #[test]
    fn partial_lists_say_how_many_of_how_many() {
        let d = load_embedded().unwrap();
        let c = completeness(&d, d.event_ix["paris-2025"], None);
        assert!(!c.complete);
        assert_eq!(c.reported, Some(60));
        assert!(
            c.sentence()
                .starts_with(&format!("{} of 60 listed", c.listed))
        );
    }

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

    #[test]
    fn filters_combine() {
        let d = load_embedded().unwrap();
        let f = EventFilter {
            kinds: vec![EventKind::Summit],
            from: PartialDate::parse("2025").ok(),
            ..Default::default()
        };
        let got: Vec<&str> = events(&d, &f)
            .iter()
            .map(|&i| d.events[i].id.as_str())
            .collect();
        assert_eq!(got, ["paris-2025", "delhi-2026"]);
    }
}
