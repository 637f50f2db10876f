//! The growth view: the cumulative number of distinct parties named over time, overall and per
//! series, and the events that added parties to the overall count.
//!
//! Pure: the dataset in, a [`Growth`] out. Where lines and labels go on a canvas is the
//! renderer's business (`render::growth`), not this module's.

use super::chart::{Credit, date_range, series_of};
use crate::model::catalog::series_name;
use crate::model::{Dataset, EventId, PartyId, PartyKind, Role};
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// One step line: (date, cumulative count) at each date the count rises.
#[derive(Debug, Clone)]
pub struct Line {
    /// "all" for every event together, else the series' id ("other": events in no series).
    pub id: String,
    pub name: String,
    pub steps: Vec<(NaiveDate, usize)>,
}

/// An event that added parties to the overall count.
#[derive(Debug, Clone)]
pub struct Addition {
    pub event: EventId,
    /// The event's label (its short name, else its name).
    pub label: String,
    /// True when every party added here joined after the event (a later accession).
    pub joined: bool,
    pub date: NaiveDate,
    pub added: usize,
    pub total: usize,
}

/// Everything the growth chart shows.
#[derive(Debug, Clone)]
pub struct Growth {
    /// Every event's parties together ("All events").
    pub overall: Line,
    /// One line per series that added any party, in lane order.
    pub series: Vec<Line>,
    /// The additions to the overall count, by date then event.
    pub additions: Vec<Addition>,
    /// How many events the view covers.
    pub events: usize,
    /// The kinds of party counted, in vocabulary order.
    pub counted: Vec<PartyKind>,
    /// Events whose source reports more parties than the dataset names.
    pub incomplete: usize,
    /// The days to show: the events' dates, stretched to the latest row date.
    pub span: Option<(NaiveDate, NaiveDate)>,
    pub credit: Credit,
}

pub use super::chart::COUNTED_BY_DEFAULT;

/// Cumulative distinct countries and organisations ([`COUNTED_BY_DEFAULT`]); see [`lines_of`].
pub fn lines(data: &Dataset, events: &[EventId]) -> Growth {
    lines_of(data, events, &COUNTED_BY_DEFAULT)
}

/// Cumulative distinct parties of the kinds `counted`: overall, then per series. A party counts
/// from the date of its row (a later accession counts when it joined), else its event's start.
/// Only roles that make a party of the event count (not observers or non-signatories).
pub fn lines_of(data: &Dataset, events: &[EventId], counted: &[PartyKind]) -> Growth {
    // (date, event, party) in date order
    let mut rows: Vec<(NaiveDate, EventId, PartyId)> = Vec::new();
    let mut joined_rows: BTreeSet<(EventId, PartyId)> = BTreeSet::new();
    for &e in events {
        for r in data.rows_of(e) {
            if r.role.is_party() && counted.contains(&data.party(r.party).kind) {
                rows.push((
                    r.date.unwrap_or(data.event(e).start).first_day(),
                    e,
                    r.party,
                ));
                if r.role == Role::Joined {
                    joined_rows.insert((e, r.party));
                }
            }
        }
    }
    rows.sort();
    let overall = Line {
        id: "all".into(),
        name: "All events".into(),
        steps: cumulate(&rows, |_| true),
    };
    let series: Vec<Line> = series_of(data, events)
        .iter()
        .map(|s| Line {
            id: s.unwrap_or("other").to_string(),
            name: series_name(*s),
            steps: cumulate(&rows, |e| data.event(e).series.as_deref() == *s),
        })
        .filter(|l| !l.steps.is_empty())
        .collect();
    let additions = additions(data, &rows, &joined_rows);
    let last_row = additions.iter().map(|a| a.date).max();
    let span = date_range(data, events).map(|(lo, hi)| (lo, last_row.map_or(hi, |r| hi.max(r))));
    let incomplete = super::incomplete_count(data, events.iter().copied());
    Growth {
        overall,
        series,
        additions,
        events: events.len(),
        counted: {
            let mut k = counted.to_vec();
            k.sort();
            k.dedup();
            k
        },
        incomplete,
        span,
        credit: Credit::of(data),
    }
}

/// The step line of the rows whose event passes `keep`: a step wherever a new party appears.
fn cumulate(
    rows: &[(NaiveDate, EventId, PartyId)],
    keep: impl Fn(EventId) -> bool,
) -> Vec<(NaiveDate, usize)> {
    let mut seen = BTreeSet::new();
    let mut steps: Vec<(NaiveDate, usize)> = Vec::new();
    for &(d, e, p) in rows {
        if keep(e) && seen.insert(p) {
            match steps.last_mut() {
                Some(last) if last.0 == d => last.1 = seen.len(),
                _ => steps.push((d, seen.len())),
            }
        }
    }
    steps
}

/// Additions to the overall count, per (date, event), with the running total.
fn additions(
    data: &Dataset,
    rows: &[(NaiveDate, EventId, PartyId)],
    joined_rows: &BTreeSet<(EventId, PartyId)>,
) -> Vec<Addition> {
    let mut seen = BTreeSet::new();
    let mut adds: BTreeMap<(NaiveDate, EventId), (usize, bool)> = BTreeMap::new();
    for &(d, e, p) in rows {
        if seen.insert(p) {
            let a = adds.entry((d, e)).or_insert((0, true));
            a.0 += 1;
            a.1 &= joined_rows.contains(&(e, p));
        }
    }
    let mut total = 0;
    adds.into_iter()
        .map(|((date, event), (added, joined))| {
            total += added;
            Addition {
                event,
                label: data.event(event).label().to_string(),
                joined,
                date,
                added,
                total,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::query::{EventFilter, events};

    #[test]
    fn companies_are_counted_only_when_asked_for() {
        let d = load_embedded().unwrap();
        let all = events(&d, &EventFilter::default());
        let top = |g: &Growth| g.overall.steps.last().map_or(0, |s| s.1);
        let kinds = |ks: &[PartyKind]| {
            let mut n: Vec<PartyId> = all
                .iter()
                .flat_map(|&e| d.rows_of(e))
                .filter(|r| r.role.is_party() && ks.contains(&d.party(r.party).kind))
                .map(|r| r.party)
                .collect();
            n.sort_unstable();
            n.dedup();
            n.len()
        };
        let default = lines(&d, &all);
        assert_eq!(top(&default), kinds(&COUNTED_BY_DEFAULT));
        let every = [
            PartyKind::Country,
            PartyKind::Organisation,
            PartyKind::Company,
        ];
        let with = lines_of(&d, &all, &every);
        assert_eq!(top(&with), kinds(&every));
        assert!(
            top(&with) > top(&default),
            "the shipped dataset names companies"
        );
        assert_eq!(default.counted, COUNTED_BY_DEFAULT);
    }

    #[test]
    fn a_later_accession_counts_from_its_own_date() {
        let d = load_embedded().unwrap();
        let ev = d.event_by_id("bletchley-2023").unwrap();
        let Growth {
            overall,
            additions: adds,
            ..
        } = lines(&d, &[ev]);
        assert_eq!(overall.steps.len(), 2, "{:?}", overall.steps);
        assert_eq!(overall.steps[0].1, 29);
        assert_eq!(overall.steps[1].1, 30);
        assert_eq!(adds.iter().map(|a| a.added).sum::<usize>(), 30);
    }
}
