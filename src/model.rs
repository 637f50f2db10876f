//! The typed, validated, indexed dataset.
//!
//! Values here are only built by `load`, which has already checked every invariant: ids are
//! unique and well-formed, every reference resolves, dates are real. Queries can therefore index
//! without checking. This module reads no files and prints nothing.

use crate::date::PartialDate;
use crate::hash::FxHashMap;
use serde::Serialize;
use std::fmt;

pub mod catalog;

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum $name { $( $variant ),+ }

        impl $name {
            /// Every value, in declaration order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];
            /// The spelling used in CSV files and on the command line.
            pub fn as_str(&self) -> &'static str {
                match self { $($name::$variant => $text),+ }
            }
            /// Parse the CSV spelling (exact, lower case).
            pub fn parse(s: &str) -> Option<Self> {
                match s { $($text => Some($name::$variant),)+ _ => None }
            }
            /// The CSV spellings, for error messages and suggestions.
            pub fn names() -> Vec<&'static str> {
                vec![$($text),+]
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result { f.write_str(self.as_str()) }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }
    };
}

vocabulary!(
    /// What sort of event a row is.
    EventKind {
        Summit => "summit",
        Declaration => "declaration",
        Meeting => "meeting",
        Founding => "founding",
        Renaming => "renaming",
        Treaty => "treaty",
        Resolution => "resolution",
        Report => "report",
        Commitment => "commitment",
        Exercise => "exercise",
    }
);

vocabulary!(
    /// How a party took part in an event. Declaration order is display order.
    Role {
        Signatory => "signatory",
        Joined => "joined",
        Member => "member",
        Participant => "participant",
        Observer => "observer",
        NonSignatory => "non-signatory",
    }
);

vocabulary!(
    /// Countries, organisations and companies.
    PartyKind {
        Country => "country",
        Organisation => "organisation",
        Company => "company",
    }
);

vocabulary!(
    /// Continents, for countries.
    Region {
        Africa => "Africa",
        Americas => "Americas",
        Asia => "Asia",
        Europe => "Europe",
        Oceania => "Oceania",
    }
);

impl Role {
    /// Whether a party in this role counts as one of the event's parties, i.e. towards
    /// `reported_parties` ("15 of 60 listed"). Observers and non-signatories were present but
    /// are not parties to the outcome.
    pub fn is_party(&self) -> bool {
        matches!(
            self,
            Role::Signatory | Role::Joined | Role::Member | Role::Participant
        )
    }
}

/// Index of an event in [`Dataset::events`].
pub type EventIx = usize;
/// Index of a party in [`Dataset::parties`].
pub type PartyIx = usize;

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
    /// Where the row's own source and note are in [`Dataset::row_texts`] ([`NO_TEXTS`] if it
    /// has neither). Most rows have neither, so they are kept apart from the compact rows; read
    /// them with [`Dataset::row_source`], [`Dataset::row_own_source`] and [`Dataset::row_note`].
    pub texts: u32,
}

/// [`Participation::texts`] of a row with neither a source nor a note.
pub const NO_TEXTS: u32 = u32::MAX;

/// The free-text fields of a participation row that has any.
#[derive(Debug, Clone, Default)]
pub struct RowTexts {
    /// The row's own source; `None` means the event's source names the party.
    pub source: Option<String>,
    pub note: Option<String>,
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
    pub priority: usize,
    pub source: String,
}

/// Items grouped by a small integer key, stored flat: one offset per group into one vector
/// (no allocation per group). `groups[g]` is the slice of group `g`.
#[derive(Debug, Clone, Default)]
pub struct Groups {
    starts: Vec<usize>,
    items: Vec<usize>,
}

impl Groups {
    /// Group `(key, item)` pairs by key (every key below `n`), keeping their order within a
    /// group: a counting sort, two passes over the pairs.
    pub fn build<I>(n: usize, pairs: I) -> Self
    where
        I: Iterator<Item = (usize, usize)> + Clone,
    {
        let mut starts = vec![0usize; n + 1];
        for (k, _) in pairs.clone() {
            starts[k + 1] += 1;
        }
        for g in 0..n {
            starts[g + 1] += starts[g];
        }
        let mut next = starts[..n].to_vec();
        let mut items = vec![0usize; starts[n]];
        for (k, item) in pairs {
            items[next[k]] = item;
            next[k] += 1;
        }
        Groups { starts, items }
    }
    /// Groups given as the start of each group in `items`, plus the end of the last.
    pub(crate) fn from_parts(starts: Vec<usize>, items: Vec<usize>) -> Self {
        debug_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
        debug_assert_eq!(starts.last().copied().unwrap_or(0), items.len());
        Groups { starts, items }
    }
    /// The number of groups.
    pub fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
    fn group_mut(&mut self, g: usize) -> &mut [usize] {
        &mut self.items[self.starts[g]..self.starts[g + 1]]
    }
}

impl std::ops::Index<usize> for Groups {
    type Output = [usize];
    fn index(&self, g: usize) -> &[usize] {
        &self.items[self.starts[g]..self.starts[g + 1]]
    }
}

/// Sort events oldest first, then by id, in place (no second copy), and point their `parent`s
/// at the new places. Returns where each event went: `remap[old] = new`.
pub fn sort_events(events: &mut [Event]) -> Vec<usize> {
    // Integer keys, so the sort neither compares strings nor chases pointers: the date, then
    // the id's first 8 bytes (zero-padded, big-endian: ordered like the ids themselves, which
    // hold no NUL). Only ids equal in both are then compared whole.
    let prefix = |id: &str| {
        let mut buf = [0u8; 8];
        let n = id.len().min(8);
        buf[..n].copy_from_slice(&id.as_bytes()[..n]);
        u64::from_be_bytes(buf)
    };
    // One 128-bit key per event: date (32 bits, ordered like PartialDate), id prefix (64),
    // index (32; a dataset of 4 billion events would not fit in memory).
    let mut keys: Vec<u128> = events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            (u128::from(e.start.sort_key()) << 96) | (u128::from(prefix(&e.id)) << 32) | i as u128
        })
        .collect();
    keys.sort_unstable();
    let index = |k: u128| (k & u128::from(u32::MAX)) as usize;
    let mut a = 0;
    while a < keys.len() {
        let mut b = a + 1;
        while b < keys.len() && keys[b] >> 32 == keys[a] >> 32 {
            b += 1;
        }
        if b - a > 1 {
            keys[a..b].sort_unstable_by(|x, y| events[index(*x)].id.cmp(&events[index(*y)].id));
        }
        a = b;
    }
    let mut remap = vec![0usize; events.len()];
    for (new, &k) in keys.iter().enumerate() {
        remap[index(k)] = new;
    }
    // Apply the permutation cycle by cycle.
    let mut perm = remap.clone(); // perm[i] = where the event now at i belongs
    for i in 0..events.len() {
        while perm[i] != i {
            let j = perm[i];
            events.swap(i, j);
            perm.swap(i, j);
        }
    }
    for e in events.iter_mut() {
        e.parent = e.parent.map(|p| remap[p]);
    }
    remap
}

/// The whole dataset, validated, with indexes for the queries.
///
/// Events are sorted oldest first (then by id); parties are in file order; participation rows
/// in file order, reached in display order (role, then party name) through `by_event`.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub events: Vec<Event>,
    pub parties: Vec<Party>,
    pub participation: Vec<Participation>,
    /// Sources and notes of participation rows ([`Participation::texts`]).
    pub row_texts: Vec<RowTexts>,
    /// Sorted by event, then priority.
    pub event_priorities: Vec<EventPriority>,
    pub priorities: Vec<Priority>,
    /// Participation row indices per event, in display order.
    pub by_event: Groups,
    /// Participation row indices per party, in event order.
    pub by_party: Groups,
    /// Priority link indices per event.
    pub priorities_by_event: Groups,
    pub event_ix: FxHashMap<String, EventIx>,
    pub party_ix: FxHashMap<String, PartyIx>,
    pub priority_ix: FxHashMap<String, usize>,
}

/// Validated participation rows as `load` hands them to [`Dataset::new`].
pub struct Rows {
    pub rows: Vec<Participation>,
    pub texts: Vec<RowTexts>,
    /// Row indices grouped by event, in file order within each event.
    pub by_event: Groups,
}

impl Dataset {
    /// Index a validated dataset. `load` calls this with the events sorted ([`sort_events`]),
    /// every event index pointing into that order, the participation rows grouped by event,
    /// the priority links sorted by event and priority, and its id maps (event, party,
    /// priority: id → index in the given vectors).
    pub fn new(
        events: Vec<Event>,
        parties: Vec<Party>,
        rows: Rows,
        priorities: Vec<Priority>,
        event_priorities: Vec<EventPriority>,
        maps: [FxHashMap<String, usize>; 3],
    ) -> Self {
        let [event_ix, party_ix, priority_ix] = maps;
        let Rows {
            rows: participation,
            texts: row_texts,
            mut by_event,
        } = rows;
        // Display order within an event: role, then party name (then id). Ranks make the
        // sort key one integer, so a million rows sort without comparing strings.
        let mut by_name: Vec<usize> = (0..parties.len()).collect();
        by_name.sort_by(|&a, &b| {
            (&parties[a].name, &parties[a].id).cmp(&(&parties[b].name, &parties[b].id))
        });
        let mut rank = vec![0u64; parties.len()];
        for (r, &p) in by_name.iter().enumerate() {
            rank[p] = r as u64;
        }
        // Each party's rows in event order. A party has one row per event, so the order of
        // rows within an event does not matter here: this is built on a second thread from the
        // groups as they are, while this one sorts each group into display order.
        let unsorted = by_event.items.clone();
        let build = || {
            (
                Groups::build(
                    parties.len(),
                    unsorted.iter().map(|&i| (participation[i].party, i)),
                ),
                Groups::build(
                    events.len(),
                    event_priorities
                        .iter()
                        .enumerate()
                        .map(|(i, l)| (l.event, i)),
                ),
            )
        };
        let (by_party, priorities_by_event) = std::thread::scope(|s| {
            let other = std::thread::Builder::new().spawn_scoped(s, build).ok();
            // Each group is sorted as (key, row) pairs in a scratch buffer: integer
            // comparisons, no lookups inside the sort.
            let mut scratch: Vec<(u64, usize)> = Vec::new();
            for e in 0..by_event.len() {
                let group = by_event.group_mut(e);
                scratch.clear();
                scratch.extend(group.iter().map(|&i| {
                    let p = &participation[i];
                    (((p.role as u64) << 32) | rank[p.party], i)
                }));
                scratch.sort_unstable();
                for (slot, &(_, i)) in group.iter_mut().zip(&scratch) {
                    *slot = i;
                }
            }
            match other {
                Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                None => build(),
            }
        });
        Dataset {
            events,
            parties,
            participation,
            row_texts,
            priorities,
            event_priorities,
            by_event,
            by_party,
            priorities_by_event,
            event_ix,
            party_ix,
            priority_ix,
        }
    }

    /// The source that names a participation row: its own, or its event's.
    pub fn row_source<'a>(&'a self, p: &'a Participation) -> &'a str {
        self.row_own_source(p)
            .unwrap_or(&self.events[p.event].source)
    }

    /// A participation row's own source, if it has one.
    pub fn row_own_source(&self, p: &Participation) -> Option<&str> {
        self.row_texts.get(p.texts as usize)?.source.as_deref()
    }

    /// A participation row's note, if it has one.
    pub fn row_note(&self, p: &Participation) -> Option<&str> {
        self.row_texts.get(p.texts as usize)?.note.as_deref()
    }

    /// Distinct series names, sorted.
    pub fn series(&self) -> Vec<&str> {
        let mut s: Vec<&str> = self
            .events
            .iter()
            .filter_map(|e| e.series.as_deref())
            .collect();
        s.sort_unstable();
        s.dedup();
        s
    }

    /// Distinct source URLs across events, participation rows and priority links. Exact:
    /// URLs are sorted by a 64-bit hash and compared as strings only where hashes are equal.
    pub fn source_count(&self) -> usize {
        use std::hash::{BuildHasher, BuildHasherDefault};
        let h = BuildHasherDefault::<crate::hash::FxHasher>::default();
        let rows = self.row_texts.iter().filter(|t| t.source.is_some()).count();
        let mut v: Vec<(u64, &str)> =
            Vec::with_capacity(self.events.len() + rows + self.event_priorities.len());
        let all = self
            .events
            .iter()
            .map(|e| e.source.as_str())
            .chain(self.row_texts.iter().filter_map(|t| t.source.as_deref()))
            .chain(self.event_priorities.iter().map(|l| l.source.as_str()));
        v.extend(all.map(|s| (h.hash_one(s), s)));
        // The halves are sorted on two threads (all of it here if no thread can start), then
        // counted in one merge.
        let mid = v.len() / 2;
        let sorted_apart = std::thread::scope(|s| {
            let (a, b) = v.split_at_mut(mid);
            let other = std::thread::Builder::new()
                .spawn_scoped(s, move || a.sort_unstable())
                .ok();
            b.sort_unstable();
            other.is_some_and(|h| h.join().is_ok())
        });
        if !sorted_apart {
            v.sort_unstable();
        }
        let (a, b) = v.split_at(mid);
        let (mut i, mut j, mut distinct) = (0, 0, 0);
        let mut last: Option<&(u64, &str)> = None;
        while i < a.len() || j < b.len() {
            let x = if j == b.len() || (i < a.len() && a[i] <= b[j]) {
                i += 1;
                &a[i - 1]
            } else {
                j += 1;
                &b[j - 1]
            };
            if last != Some(x) {
                distinct += 1;
                last = Some(x);
            }
        }
        distinct
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn events_sort_by_date_then_whole_id() {
        use crate::date::PartialDate;
        let ev = |id: &str, start: &str| super::Event {
            id: id.to_string(),
            name: id.to_string(),
            short: None,
            kind: super::EventKind::Summit,
            start: PartialDate::parse(start).unwrap(),
            end: None,
            series: None,
            parent: None,
            city: None,
            hosts: Vec::new(),
            reported: None,
            source: String::new(),
            note: None,
        };
        // Ids sharing their first 8 bytes, shorter ids, and a parent to follow the move.
        let mut events = vec![
            ev("summit-2024-b", "2024-05-21"),
            ev("summit-2024-a", "2024-05-21"),
            ev("summit", "2024-05-21"),
            ev("earlier", "2023"),
            ev("summit-20", "2024-05-21"),
        ];
        events[0].parent = Some(3);
        let remap = super::sort_events(&mut events);
        let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
        assert_eq!(
            ids,
            [
                "earlier",
                "summit",
                "summit-20",
                "summit-2024-a",
                "summit-2024-b"
            ]
        );
        assert_eq!(remap, [4, 3, 1, 0, 2]);
        assert_eq!(events[4].parent, Some(0));
    }

    #[test]
    fn groups_keep_item_order_within_a_group() {
        let pairs = [(2, 10), (0, 11), (2, 12), (0, 13), (2, 14)];
        let g = super::Groups::build(4, pairs.iter().copied());
        assert_eq!(g.len(), 4);
        assert_eq!(&g[0], &[11, 13]);
        assert!(g[1].is_empty());
        assert_eq!(&g[2], &[10, 12, 14]);
        assert!(g[3].is_empty());
    }

    /// The per-row cost quoted in BENCHMARKS.md; a change here should update it.
    #[test]
    fn participation_rows_are_40_bytes() {
        assert_eq!(std::mem::size_of::<super::Participation>(), 40);
    }
}
