//! The records of the dataset — events, parties, participation rows, priority areas and their
//! links — and the ids that point from one to another. Plain data: no lookups, no I/O.

use super::vocabulary::{EventKind, ListStatus, PartyKind, Region, Role};
use crate::date::PartialDate;

/// An id type for one kind of record: its place in the dataset's vector of them, as 32 bits
/// (a dataset of four billion events would not fit in memory), so that an event's place cannot
/// be passed where a party's is wanted. Only the loader makes them.
macro_rules! record_id {
    ($(#[$m:meta])* $name:ident) => {
        $(#[$m])*
        // Plain 32 bits (`Pod`), so that a snapshot's arrays of them are read in place.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
        #[derive(bytemuck::Pod, bytemuck::Zeroable)]
        #[repr(transparent)]
        pub struct $name(u32);

        impl $name {
            /// The place in the dataset's vector.
            pub fn index(self) -> usize {
                self.0 as usize
            }
            pub(crate) fn new(index: usize) -> Self {
                debug_assert!(u32::try_from(index).is_ok());
                $name(index as u32)
            }
            /// The place as stored, 32 bits.
            pub(crate) fn raw(self) -> u32 {
                self.0
            }
        }
    };
}

/// A slice of records is indexed by its own id type: `events[event_id]`, `parties[party_id]`.
macro_rules! index_by {
    ($($record:ty => $id:ty),+) => {$(
        impl std::ops::Index<$id> for [$record] {
            type Output = $record;
            fn index(&self, id: $id) -> &$record {
                &self[id.index()]
            }
        }
        impl std::ops::IndexMut<$id> for [$record] {
            fn index_mut(&mut self, id: $id) -> &mut $record {
                &mut self[id.index()]
            }
        }
        // `Vec`'s own generic `Index` impl hides the slice's from auto-deref.
        impl std::ops::Index<$id> for Vec<$record> {
            type Output = $record;
            fn index(&self, id: $id) -> &$record {
                &self[id.index()]
            }
        }
        impl std::ops::IndexMut<$id> for Vec<$record> {
            fn index_mut(&mut self, id: $id) -> &mut $record {
                &mut self[id.index()]
            }
        }
    )+};
}

index_by!(Event => EventId, Party => PartyId, Priority => PriorityId);

record_id!(
    /// An event: its place in [`Dataset::events`](super::Dataset::events), oldest first.
    EventId
);
impl EventId {
    /// A placeholder the loader gives a participation row whose event is not known yet;
    /// never found in a built dataset.
    pub(crate) const UNRESOLVED: Self = EventId(u32::MAX);
}

record_id!(
    /// A party: its place in [`Dataset::parties`](super::Dataset::parties).
    PartyId
);
record_id!(
    /// A priority area: its place in [`Dataset::priorities`](super::Dataset::priorities).
    PriorityId
);

/// What the dataset holds of an event's party list, and as of when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PartyList {
    pub status: ListStatus,
    /// The total number of parties a source gives, for a `partial` or `none` list.
    pub reported: Option<u32>,
    /// When the list (or the count) was last checked against its sources, as written; see
    /// [`Event::list_as_of`] for the date that holds when none is written.
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
    pub parent: Option<EventId>,
    pub city: Option<String>,
    pub hosts: Vec<PartyId>,
    pub list: PartyList,
    pub source: String,
    pub note: Option<String>,
    /// The line of `events.csv` the event was read from, for messages about it.
    pub line: u32,
}

impl Event {
    pub fn label(&self) -> &str {
        self.short.as_deref().unwrap_or(&self.name)
    }
    /// The last date the event can cover (its end, else its start).
    pub fn last(&self) -> &PartialDate {
        self.end.as_ref().unwrap_or(&self.start)
    }
    /// Whether the event is an instrument others can join later (a treaty open for signature,
    /// commitments), so that its list can grow after the event. An event with `joined` rows
    /// stays open too; the loader checks that from the rows.
    pub fn stays_open(&self) -> bool {
        matches!(self.kind, EventKind::Treaty | EventKind::Commitment)
    }
    /// The date the party list holds as of: the one written, else the event's end (a one-off
    /// meeting's list is fixed when it ends).
    pub fn list_as_of(&self) -> PartialDate {
        self.list.as_of.unwrap_or(*self.last())
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

/// One party's part in one event. Small and `Copy`: the dataset hands rows out by value,
/// whether it holds them or reads them from a snapshot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Participation {
    pub event: EventId,
    pub party: PartyId,
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
    pub event: EventId,
    pub priority: PriorityId,
    pub source: String,
}
