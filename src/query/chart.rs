//! What every chart view shares: the days a set of events covers, their series in lane order,
//! the parties named in them, and the size of the dataset that a chart's credit line states.
//!
//! Pure functions of the dataset; no geometry, no text measurement, no drawing.

use crate::date::PartialDate;
use crate::model::catalog::series_rank;
use crate::model::{Dataset, EventId, PartyId, PartyKind};
use chrono::NaiveDate;

/// The first and last day the events cover, if there are any.
pub fn date_range(data: &Dataset, events: &[EventId]) -> Option<(NaiveDate, NaiveDate)> {
    events.iter().fold(None, |acc, &e| {
        let ev = data.event(e);
        let (a, b) = (ev.start.first_day(), ev.last().last_day());
        Some(acc.map_or((a, b), |(lo, hi): (NaiveDate, NaiveDate)| {
            (lo.min(a), hi.max(b))
        }))
    })
}

/// Distinct series of the events (`None`: events in no series), in lane order.
pub fn series_of<'a>(data: &'a Dataset, events: &[EventId]) -> Vec<Option<&'a str>> {
    let mut series: Vec<Option<&str>> = events
        .iter()
        .map(|&e| data.event(e).series.as_deref())
        .collect();
    series.sort_by_key(|s| series_rank(*s));
    series.dedup();
    series
}

/// Distinct parties with a row in any of the events, sorted by index.
pub fn parties_of(data: &Dataset, events: &[EventId]) -> Vec<PartyId> {
    let mut p: Vec<PartyId> = events
        .iter()
        .flat_map(|&e| data.rows_of(e).map(|r| r.party))
        .collect();
    p.sort_unstable();
    p.dedup();
    p
}

/// How many distinct parties of the kinds `counted` took part in `events`: in a role that makes
/// a party of an event, not as observers or non-signatories (as the charts count them).
pub fn took_part(data: &Dataset, events: &[EventId], counted: &[PartyKind]) -> usize {
    let mut p: Vec<PartyId> = events
        .iter()
        .flat_map(|&e| data.rows_of(e))
        .filter(|r| r.role.is_party() && counted.contains(&data.party(r.party).kind))
        .map(|r| r.party)
        .collect();
    p.sort_unstable();
    p.dedup();
    p.len()
}

/// The kinds of party the charts count unless told otherwise (`--party-kind`): countries and
/// organisations, not the companies that signed commitments.
pub const COUNTED_BY_DEFAULT: [PartyKind; 2] = [PartyKind::Country, PartyKind::Organisation];

/// The kinds `--party-kind` asked for, or [`COUNTED_BY_DEFAULT`] when it was not given.
pub fn counted_or_default(asked: &[PartyKind]) -> Vec<PartyKind> {
    if asked.is_empty() {
        COUNTED_BY_DEFAULT.to_vec()
    } else {
        asked.to_vec()
    }
}

/// The whole dataset, as every chart's footer credits it: its size and how far it reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Credit {
    pub events: usize,
    pub parties: usize,
    /// Distinct source URLs.
    pub sources: usize,
    /// The date of the event that ends last, as precise as its source gives it.
    pub latest: Option<PartialDate>,
}

impl Credit {
    pub fn of(data: &Dataset) -> Self {
        Credit {
            events: data.events().len(),
            parties: data.parties().len(),
            sources: data.source_count(),
            latest: data
                .events()
                .iter()
                .map(|e| *e.last())
                .max_by_key(|d| (d.last_day(), d.precision())),
        }
    }
}
