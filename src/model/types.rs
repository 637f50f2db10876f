//! The records of the dataset — events, parties, participation rows, priority areas and their
//! links — and the ids that point from one to another. Plain data: no lookups, no I/O.

use super::vocabulary::{EventKind, PartyKind, Region, Role};
use crate::date::PartialDate;

/// Index of an event in [`Dataset::events`](super::Dataset::events).
pub type EventIx = usize;
/// Index of a party in [`Dataset::parties`](super::Dataset::parties).
pub type PartyIx = usize;
/// Index of a priority area in [`Dataset::priorities`](super::Dataset::priorities).
pub type PriorityIx = usize;

/// A count of parties given by a source, for events whose list here is partial.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reported {
    pub count: u32,
    pub as_of: Option<PartialDate>,
}

#[derive(Debug, Clone)]
pub struct Event {
    pub id: String,
    pub name: String,
    /// Short label for tables and charts; falls back to the name.
    pub short: Option<String>,
    pub kind: EventKind,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub series: Option<String>,
    pub parent: Option<EventIx>,
    pub city: Option<String>,
    pub hosts: Vec<PartyIx>,
    pub reported: Option<Reported>,
    pub source: String,
    pub note: Option<String>,
}

impl Event {
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
    /// The last date the event can cover (its end, else its start).
    pub fn last(&self) -> &PartialDate {
        self.end.as_ref().unwrap_or(&self.start)
    }
}

#[derive(Debug, Clone)]
pub struct Party {
    pub id: String,
    pub name: String,
    pub kind: PartyKind,
    pub region: Option<Region>,
    pub aliases: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Participation {
    pub event: EventIx,
    pub party: PartyIx,
    pub role: Role,
    pub date: Option<PartialDate>,
    /// Where the row's own source and note are in the dataset's side table of row texts
    /// ([`NO_TEXTS`] if it has neither). Most rows have neither, so they are kept apart from
    /// the compact rows; read them with `Dataset::row_source`, `row_own_source` and `row_note`.
    pub(crate) texts: u32,
}

/// The `texts` of a row with neither a source nor a note.
pub(crate) const NO_TEXTS: u32 = u32::MAX;

/// The free-text fields of a participation row that has any.
#[derive(Debug, Clone, Default)]
pub(crate) struct RowTexts {
    /// The row's own source; `None` means the event's source names the party.
    pub(crate) source: Option<String>,
    pub(crate) note: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Priority {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
}

#[derive(Debug, Clone)]
pub struct EventPriority {
    pub event: EventIx,
    pub priority: PriorityIx,
    pub source: String,
}
