//! The timeline view: the events to draw, what each one says (kind, label, date, how precise,
//! whether it is dimmed), and the lanes they fall into, one per series.
//!
//! Pure: the dataset in, a [`Timeline`] out. Positions, label placement and text measurement
//! belong to the renderer (`render::timeline`), not here.

use super::chart::{Credit, date_range, parties_of, series_of};
use crate::date::{Precision, human_span};
use crate::model::catalog::series_name;
use crate::model::{Dataset, EventId, EventKind, PartyId};
use chrono::NaiveDate;

/// One event as the timeline shows it.
#[derive(Debug, Clone)]
pub struct Entry {
    pub event: EventId,
    pub kind: EventKind,
    /// The event's label (its short name, else its name).
    pub label: String,
    /// Its date as people write it ("1–2 Nov 2023").
    pub when: String,
    /// The first and last day it covers (the whole month or year of an imprecise date).
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The start or end is known only to the month or year.
    pub imprecise: bool,
    /// A party is highlighted and this event is neither hosted by it nor lists it.
    pub dimmed: bool,
}

/// One lane: a series and its events.
#[derive(Debug, Clone)]
pub struct Lane {
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
    /// Distinct parties named in the events.
    pub parties: usize,
    /// The kinds of the events, in vocabulary order.
    pub kinds: Vec<EventKind>,
    pub highlight: Option<Highlight>,
    pub credit: Credit,
}

/// The timeline of `events`, dimming those without `highlight` if a party is given.
pub fn lanes(data: &Dataset, events: &[EventId], highlight: Option<PartyId>) -> Timeline {
    let entries: Vec<Entry> = events
        .iter()
        .map(|&e| {
            let ev = data.event(e);
            let imprecise = ev.start.precision() != Precision::Day
                || ev.end.is_some_and(|d| d.precision() != Precision::Day);
            let dimmed = highlight
                .is_some_and(|p| !ev.hosts.contains(&p) && !data.rows_of(e).any(|r| r.party == p));
            Entry {
                event: e,
                kind: ev.kind,
                label: ev.label().to_string(),
                when: human_span(&ev.start, ev.end.as_ref()),
                first_day: ev.start.first_day(),
                last_day: ev.last().last_day(),
                imprecise,
                dimmed,
            }
        })
        .collect();
    let lanes = series_of(data, events)
        .into_iter()
        .map(|s| Lane {
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
        parties: parties_of(data, events).len(),
        kinds,
        highlight: highlight.map(|p| Highlight {
            name: data.party(p).name.clone(),
            id: data.party(p).id.clone(),
        }),
        credit: Credit::of(data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::query::{EventFilter, events};

    #[test]
    fn a_highlight_dims_exactly_the_events_without_the_party() {
        let d = load_embedded().unwrap();
        let all = events(&d, &EventFilter::default());
        let gbr = d.party_by_id("GBR").unwrap();
        let t = lanes(&d, &all, Some(gbr));
        let with_gbr =
            |e: EventId| d.event(e).hosts.contains(&gbr) || d.rows_of(e).any(|r| r.party == gbr);
        assert!(t.entries.iter().any(|e| e.dimmed) && t.entries.iter().any(|e| !e.dimmed));
        for e in &t.entries {
            assert_eq!(e.dimmed, !with_gbr(e.event), "{}", e.label);
        }
        assert!(lanes(&d, &all, None).entries.iter().all(|e| !e.dimmed));
    }

    #[test]
    fn every_event_is_in_exactly_one_lane_in_the_order_given() {
        let d = load_embedded().unwrap();
        let all = events(&d, &EventFilter::default());
        let t = lanes(&d, &all, None);
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
