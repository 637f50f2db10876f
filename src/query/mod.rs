//! Queries: pure functions from the dataset to views (plain structs that [`present`](crate::present)
//! renders and [`export`](crate::export) encodes).
//!
//! Nothing here prints, reads files or knows about the command line: [`resolve`] turns what
//! the user typed into indices, [`filter`] turns filter values into a checked plan, and each
//! view module builds one view. Every view that shows members carries the event's
//! completeness, so no output can present a partial list as a whole one.

pub mod chart;
pub mod check;
pub mod diff;
pub mod events;
pub mod export;
pub mod filter;
pub mod growth;
pub mod members;
pub mod membership;
pub mod party;
pub mod resolve;
pub mod show;
pub mod timeline;

pub use check::{DatasetSummary, dataset_summary};
pub use events::{EventSummary, summary};
pub use filter::{EventFilter, FilterSpec, events, plan};
pub use members::{MembersView, PartyRow, by_role, members, party_row};
pub use party::{HistoryRow, PartyView, party};
pub use show::{PriorityLink, ShowView, show};

use crate::date::PartialDate;
use crate::model::{Dataset, EventId, Participation};
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
    /// Whether the list is known to be incomplete: a source reports a count and fewer parties
    /// are listed. The one definition of "an event with an incomplete list".
    pub fn is_partial(&self) -> bool {
        self.reported.is_some() && !self.complete
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

/// Whether `ev`'s party list is known to be incomplete at `as_of` ([`Completeness::is_partial`]).
pub fn is_partial(data: &Dataset, ev: EventId, as_of: Option<NaiveDate>) -> bool {
    // Most events report no count: testing that first skips counting their rows.
    data.event(ev).reported.is_some() && completeness(data, ev, as_of).is_partial()
}

/// How many of `events` have a list known to be incomplete (no `--as-of`).
pub fn partial_count(data: &Dataset, events: impl IntoIterator<Item = EventId>) -> usize {
    events
        .into_iter()
        .filter(|&ev| is_partial(data, ev, None))
        .count()
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
    fn an_event_is_partial_only_when_a_larger_count_is_reported() {
        let d = load_embedded().unwrap();
        assert!(is_partial(&d, d.event_by_id("paris-2025").unwrap(), None));
        assert!(!is_partial(
            &d,
            d.event_by_id("aisi-network-sf-2024").unwrap(),
            None
        ));
    }
}
