//! The timeline view: the events to draw, what each one says (kind, label, date, how precise,
//! whether it is dimmed), and the lanes they fall into, one per series.
//!
//! Pure: the dataset in, a [`Timeline`] out. Positions, label placement and text measurement
//! belong to the renderer (`render::timeline`), not here.

use super::chart::{Credit, date_range, series_of, took_part};
use crate::date::{PartialDate, Precision, human_span, month_abbrev};
use crate::model::catalog::{CORE_EVENTS, series_name};
use crate::model::{Dataset, EventId, EventKind, PartyId, PartyKind};
use chrono::NaiveDate;

/// One event as the timeline shows it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub event: EventId,
    /// The event's id in the dataset.
    pub id: String,
    pub kind: EventKind,
    /// The event's label (its short name, else its name).
    pub label: String,
    /// Its date as people write it ("1–2 Nov 2023").
    pub when: String,
    /// The same to the month ("Nov 2023"), for a label short of room.
    pub when_month: String,
    /// The first and last day it covers (the whole month or year of an imprecise date).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The start or end is known only to the month or year.
    pub imprecise: bool,
    /// The highlighted party's part in the event, if a party is highlighted.
    pub presence: Option<Presence>,
    /// One of the core events (`model::catalog::CORE_EVENTS`).
    pub core: bool,
    /// Parties it counts: those listed, or the total a source reports if that is larger.
    pub parties: usize,
}

impl Entry {
    /// How much the event's label matters, most first: summits and the core events, then by
    /// number of parties. Sorting entries by this (then by date) gives the order in which
    /// labels claim room, so that when one must go it is never a core event for a lesser one.
    pub fn importance(&self) -> (bool, std::cmp::Reverse<usize>) {
        (
            !(self.core || self.kind == EventKind::Summit),
            std::cmp::Reverse(self.parties),
        )
    }
}

/// What the dataset says of the highlighted party at an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Presence {
    /// A party of it (signatory, joined, member, participant) or its host.
    TookPart,
    /// There, but did not sign (non-signatory) or only watched (observer).
    DidNotSign,
    /// Not named, and the event's list is incomplete (or none is kept): nobody can tell.
    Unknown,
    /// Not named in a complete list: it did not take part.
    Absent,
}

impl Presence {
    /// The party's presence at event `e`, from the rows and the list's completeness.
    pub fn of(data: &Dataset, e: EventId, p: PartyId) -> Self {
        let row = data.rows_of(e).find(|r| r.party == p);
        match row.map(|r| r.role) {
            Some(r) if r.is_party() => Presence::TookPart,
            _ if data.event(e).hosts.contains(&p) => Presence::TookPart,
            Some(_) => Presence::DidNotSign,
            None if super::completeness(data, e, None).complete => Presence::Absent,
            None => Presence::Unknown,
        }
    }
}

/// One lane: a series and its events.
#[derive(Debug, Clone)]
pub struct Lane {
    /// The series' id (`None`: events in no series).
    pub series: Option<String>,
    /// The series' display name ("Other" for events in no series).
    pub name: String,
    /// Positions in [`Timeline::entries`], in the order given.
    pub entries: Vec<usize>,
}

/// The highlighted party.
#[derive(Debug, Clone)]
pub struct Highlight {
    pub name: String,
    pub id: String,
}

/// Everything the timeline shows.
#[derive(Debug, Clone)]
pub struct Timeline {
    /// The events in the order given.
    pub entries: Vec<Entry>,
    /// One lane per series of the events, in lane order.
    pub lanes: Vec<Lane>,
    /// The first and last day the events cover.
    pub span: Option<(NaiveDate, NaiveDate)>,
    /// Distinct parties of the kinds `counted` that took part in the events (in a role that
    /// makes a party of an event: observers and non-signatories are not counted), as the
    /// growth chart counts them.
    pub parties: usize,
    /// The kinds of party `parties` counts, in vocabulary order.
    pub counted: Vec<PartyKind>,
    /// The kinds of the events, in vocabulary order.
    pub kinds: Vec<EventKind>,
    pub highlight: Option<Highlight>,
    pub credit: Credit,
}

/// The timeline of `events`, with the part `highlight` played in each if a party is given;
/// its count of parties counts the kinds `counted`.
pub fn lanes(
    data: &Dataset,
    events: &[EventId],
    highlight: Option<PartyId>,
    counted: &[PartyKind],
) -> Timeline {
    let entries: Vec<Entry> = events
        .iter()
        .map(|&e| {
            let ev = data.event(e);
            let imprecise = ev.start.precision() != Precision::Day
                || ev.end.is_some_and(|d| d.precision() != Precision::Day);
            let presence = highlight.map(|p| Presence::of(data, e, p));
            let listed = data.rows_of(e).filter(|r| r.role.is_party()).count();
            let reported = ev.list.reported.map_or(0, |n| n as usize);
            Entry {
                event: e,
                id: ev.id.clone(),
                kind: ev.kind,
                label: ev.label().to_string(),
                when: human_span(&ev.start, ev.end.as_ref()),
                when_month: month_span(&ev.start, ev.end.as_ref()),
                first_day: ev.start.first_day(),
                last_day: ev.last().last_day(),
                imprecise,
                presence,
                core: CORE_EVENTS.contains(&ev.id.as_str()),
                parties: listed.max(reported),
            }
        })
        .collect();
    let lanes = series_of(data, events)
        .into_iter()
        .map(|s| Lane {
            series: s.map(str::to_string),
            name: series_name(s),
            entries: (0..events.len())
                .filter(|&i| data.event(events[i]).series.as_deref() == s)
                .collect(),
        })
        .collect();
    let mut kinds: Vec<EventKind> = events.iter().map(|&e| data.event(e).kind).collect();
    kinds.sort();
    kinds.dedup();
    Timeline {
        entries,
        lanes,
        span: date_range(data, events),
        parties: took_part(data, events, counted),
        counted: PartyKind::ALL
            .iter()
            .copied()
            .filter(|k| counted.contains(k))
            .collect(),
        kinds,
        highlight: highlight.map(|p| Highlight {
            name: data.party(p).name.clone(),
            id: data.party(p).id.clone(),
        }),
        credit: Credit::of(data),
    }
}

/// A span to the month at most: "Nov 2023", "May–Dec 2023", "Dec 2024 – Jan 2025", "2025".
fn month_span(start: &PartialDate, end: Option<&PartialDate>) -> String {
    let one = |d: &PartialDate| match d.month() {
        Some(m) => format!("{} {}", month_abbrev(m), d.year()),
        None => d.year().to_string(),
    };
    let Some(e) = end else {
        return one(start);
    };
    match (start.month(), e.month()) {
        (Some(a), Some(b)) if start.year() == e.year() && a == b => one(e),
        (Some(a), Some(b)) if start.year() == e.year() => {
            format!("{}–{} {}", month_abbrev(a), month_abbrev(b), e.year())
        }
        (None, None) if start.year() == e.year() => one(e),
        _ => format!("{} – {}", one(start), one(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::query::{EventFilter, events};

    #[test]
    fn a_highlight_tells_took_part_did_not_sign_unknown_and_absent_apart() {
        let d = load_embedded().unwrap();
        let all = events(&d, &EventFilter::default());
        let gbr = d.party_by_id("GBR").unwrap();
        let t = lanes(&d, &all, Some(gbr), PartyKind::ALL);
        let of = |id: &str| {
            t.entries
                .iter()
                .find(|e| d.event(e.event).id == id)
                .and_then(|e| e.presence)
                .unwrap()
        };
        assert_eq!(
            of("bletchley-2023"),
            Presence::TookPart,
            "a signatory, and the host"
        );
        assert_eq!(of("uk-aisi-founding-2023"), Presence::TookPart, "its host");
        // The UK refused to sign the Paris statement.
        assert_eq!(of("paris-2025"), Presence::DidNotSign);
        // Adopted by all 193; the dataset names only the proposer and co-sponsors.
        assert_eq!(of("unga-78-265-2024"), Presence::Unknown);
        // The Korea-Singapore exercise's list is complete and does not name the UK.
        assert_eq!(of("kr-sg-joint-testing-2026"), Presence::Absent);
        for e in &t.entries {
            let p = e.presence.unwrap();
            let named = d.rows_of(e.event).any(|r| r.party == gbr);
            let complete = crate::query::completeness(&d, e.event, None).complete;
            match p {
                Presence::Absent => assert!(!named && complete, "{}", e.label),
                Presence::Unknown => assert!(!named && !complete, "{}", e.label),
                _ => {}
            }
        }
        assert!(
            lanes(&d, &all, None, PartyKind::ALL)
                .entries
                .iter()
                .all(|e| e.presence.is_none())
        );
    }

    #[test]
    fn the_short_date_keeps_the_month_and_year_of_both_ends() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(
            month_span(&d("2023-11-01"), Some(&d("2023-11-02"))),
            "Nov 2023"
        );
        assert_eq!(month_span(&d("2024-05-21"), None), "May 2024");
        assert_eq!(
            month_span(&d("2023-05"), Some(&d("2023-12-06"))),
            "May–Dec 2023"
        );
        assert_eq!(
            month_span(&d("2024-12-30"), Some(&d("2025-01-02"))),
            "Dec 2024 – Jan 2025"
        );
        assert_eq!(month_span(&d("2025"), None), "2025");
    }

    #[test]
    fn summits_and_core_events_come_first_then_events_with_more_parties() {
        let d = load_embedded().unwrap();
        let all = events(&d, &EventFilter::default());
        let t = lanes(&d, &all, None, PartyKind::ALL);
        let by_id = |id: &str| {
            t.entries
                .iter()
                .find(|e| d.event(e.event).id == id)
                .unwrap()
        };
        let (bletchley, intent, un) = (
            by_id("bletchley-2023"),
            by_id("seoul-intent-2024"),
            by_id("unga-78-265-2024"),
        );
        assert!(bletchley.core && intent.core && !un.core);
        // the UN resolution was adopted by all 193 member states; its list names few of them
        assert_eq!(un.parties, 193);
        assert!(
            intent.importance() < un.importance(),
            "a core event before any other"
        );
        assert!(
            by_id("iasr-2025").importance() > un.importance(),
            "then by parties"
        );
        let first_other = t
            .entries
            .iter()
            .filter(|e| !e.core && e.kind != EventKind::Summit);
        assert!(
            first_other
                .clone()
                .all(|e| e.importance() > bletchley.importance())
        );
    }

    #[test]
    fn every_event_is_in_exactly_one_lane_in_the_order_given() {
        let d = load_embedded().unwrap();
        let all = events(&d, &EventFilter::default());
        let t = lanes(&d, &all, None, PartyKind::ALL);
        let mut seen: Vec<usize> = t.lanes.iter().flat_map(|l| l.entries.clone()).collect();
        assert!(
            t.lanes
                .iter()
                .all(|l| l.entries.windows(2).all(|w| w[0] < w[1]))
        );
        seen.sort_unstable();
        assert_eq!(seen, (0..all.len()).collect::<Vec<_>>());
        assert_eq!(t.lanes[0].name, "AI summits");
    }
}
