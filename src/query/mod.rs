//! Queries: pure functions from the dataset to views (plain structs that [`present`](crate::present)
//! renders and [`export`](crate::export) encodes).
//!
//! Nothing here prints, reads files or knows about the command line: [`resolve`] turns what
//! the user typed into indices, [`filter`] turns filter values into a checked plan, and each
//! view module builds one view. Every view that shows members carries the event's
//! completeness, so no output can present a partial list as a whole one.

pub mod chart;
pub mod check;
pub mod current;
pub mod diff;
pub mod events;
pub mod export;
pub mod filter;
pub mod growth;
pub mod members;
pub mod membership;
pub mod overlap;
pub mod party;
pub mod priorities;
pub mod resolve;
pub mod show;
pub mod timeline;
pub mod vocabulary;

pub use check::{DatasetSummary, StaleList, dataset_summary, stale_lists};
pub use events::{EventSummary, summary};
pub use filter::{EventFilter, FilterSpec, events, plan};
pub use members::{MembersView, PartyRow, by_role, members, party_row};
pub use party::{HistoryRow, PartyView, party};
pub use show::{PriorityLink, ShowView, show};

use crate::date::PartialDate;
use crate::date::human_span;
use crate::model::{Dataset, EventId, ListStatus, Participation};
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
                .unwrap_or(&data.event(p.event).start)
                .last_day()
                <= d
        }
    }
}

/// Whether a row is neither in force nor not yet at `as_of`: its own date is known only to the
/// month or year, and `as_of` falls inside that period (a party that joined "in October 2024"
/// is unknown on 15 October, not absent).
pub fn unsure_at(p: &Participation, as_of: Option<NaiveDate>) -> bool {
    match (as_of, p.date) {
        (Some(d), Some(date)) => date.first_day() <= d && d < date.last_day(),
        _ => false,
    }
}

/// How much of an event's party list the dataset holds, and as of when: the one statement
/// every output makes about a list ([`Completeness::sentence`]), so `complete` means the same
/// thing everywhere.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Completeness {
    /// Parties listed (signatories, later joiners, members, participants).
    pub listed: usize,
    /// What the dataset holds of the list: complete, partial or none.
    pub list: ListStatus,
    /// The date the list holds as of: the date it was checked against its sources, or for a
    /// one-off meeting without one, the meeting's end.
    pub list_as_of: PartialDate,
    /// The total number of parties a source gives (partial and none lists).
    pub reported: Option<u32>,
    /// `list == complete`: the listed parties are every party, as of `list_as_of`.
    pub complete: bool,
}

impl Completeness {
    /// "19 parties listed; complete as of 27 Jan 2026", "15 of 60 listed; incomplete",
    /// "8 listed; incomplete, total not reported", "no party list kept (193 reported)".
    pub fn sentence(&self) -> String {
        let n = self.listed;
        let as_of = human_span(&self.list_as_of, None);
        match (self.list, self.reported) {
            (ListStatus::Complete, _) => format!(
                "{n} {} listed; complete as of {as_of}",
                plural(n, "party", "parties")
            ),
            (ListStatus::Partial, Some(r)) => {
                format!("{n} of {r} listed; incomplete (the count as of {as_of})")
            }
            (ListStatus::Partial, None) => {
                format!("{n} listed; incomplete, total not reported (as of {as_of})")
            }
            (ListStatus::None, Some(r)) => format!(
                "no party list kept; {r} {} reported",
                plural(r as usize, "party", "parties")
            ),
            (ListStatus::None, None) => "no party list kept".to_string(),
        }
    }
    /// Whether the list is not every party (partial, or not kept): a party it does not name
    /// is unknown, never absent. The one definition of "an event with an incomplete list".
    pub fn is_incomplete(&self) -> bool {
        !self.complete
    }
    /// "15 of 60", "8+", "29", "–".
    pub fn short(&self) -> String {
        match (self.list, self.reported) {
            (ListStatus::Partial, Some(r)) => format!("{} of {r}", self.listed),
            (ListStatus::Partial, None) => format!("{}+", self.listed),
            (ListStatus::None, _) => "–".to_string(),
            (ListStatus::Complete, _) if self.listed == 0 => "–".to_string(),
            (ListStatus::Complete, _) => self.listed.to_string(),
        }
    }
}

/// `one` when `n` is 1, else `many`.
pub fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

/// How much of `ev`'s party list the dataset holds, counting the rows in force at `as_of`.
pub fn completeness(data: &Dataset, ev: EventId, as_of: Option<NaiveDate>) -> Completeness {
    let listed = data
        .rows_of(ev)
        .filter(|p| p.role.is_party() && in_force(data, p, as_of))
        .count();
    let e = data.event(ev);
    Completeness {
        listed,
        list: e.list.status,
        list_as_of: e.list_as_of(),
        reported: e.list.reported,
        complete: e.list.status == ListStatus::Complete,
    }
}

/// Whether `ev`'s party list is incomplete ([`Completeness::is_incomplete`]).
pub fn is_incomplete(data: &Dataset, ev: EventId) -> bool {
    data.event(ev).list.status != ListStatus::Complete
}

/// How many of `events` have each list status: (complete, partial, none).
pub fn status_counts(
    data: &Dataset,
    events: impl IntoIterator<Item = EventId>,
) -> (usize, usize, usize) {
    let mut n = (0, 0, 0);
    for ev in events {
        match data.event(ev).list.status {
            ListStatus::Complete => n.0 += 1,
            ListStatus::Partial => n.1 += 1,
            ListStatus::None => n.2 += 1,
        }
    }
    n
}

/// How many of `events` have an incomplete list (partial or none).
pub fn incomplete_count(data: &Dataset, events: impl IntoIterator<Item = EventId>) -> usize {
    let (_, partial, none) = status_counts(data, events);
    partial + none
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    #[test]
    fn partial_lists_say_how_many_of_how_many() {
        let d = load_embedded().unwrap();
        let c = completeness(&d, d.event_by_id("paris-2025").unwrap(), None);
        assert!(!c.complete);
        assert_eq!(c.reported, Some(60));
        assert!(
            c.sentence()
                .starts_with(&format!("{} of 60 listed", c.listed))
        );
    }

    #[test]
    fn an_event_is_incomplete_unless_its_list_is_complete() {
        let d = load_embedded().unwrap();
        assert!(is_incomplete(&d, d.event_by_id("paris-2025").unwrap()));
        assert!(!is_incomplete(
            &d,
            d.event_by_id("aisi-network-sf-2024").unwrap()
        ));
    }
}
