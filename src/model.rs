//! The typed, validated, indexed dataset.
//!
//! Values here are only built by `load`, which has already checked every invariant: ids are
//! unique and well-formed, every reference resolves, dates are real. Queries can therefore index
//! without checking. This module reads no files and prints nothing.

use crate::date::PartialDate;
use crate::hash::FxHashMap;
use serde::Serialize;
use std::fmt;

macro_rules! vocabulary {
    ($(#[$m:meta])* $name:ident { $($variant:ident => $text:literal),+ $(,)? }) => {
        $(#[$m])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, clap::ValueEnum)]
        pub enum $name { $( #[value(name = $text)] $variant ),+ }

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

/// The whole dataset, validated, with indexes for the queries.
///
/// Events are sorted oldest first (then by id); parties are in file order; participation rows
/// in file order, reached in display order (role, then party name) through `by_event`.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    pub events: Vec<Event>,
    pub parties: Vec<Party>,
    pub participation: Vec<Participation>,
    pub priorities: Vec<Priority>,
    pub event_priorities: Vec<EventPriority>,
    /// Participation row indices per event.
    pub by_event: Vec<Vec<usize>>,
    /// Participation row indices per party, in event order.
    pub by_party: Vec<Vec<usize>>,
    /// Priority link indices per event.
    pub priorities_by_event: Vec<Vec<usize>>,
    pub event_ix: FxHashMap<String, EventIx>,
    pub party_ix: FxHashMap<String, PartyIx>,
    pub priority_ix: FxHashMap<String, usize>,
}

impl Dataset {
    /// Assemble and index. `load` calls this after validation, handing over its id maps
    /// (event, party, priority: id → index in the given vectors).
    pub fn new(
        mut events: Vec<Event>,
        parties: Vec<Party>,
        participation: Vec<Participation>,
        priorities: Vec<Priority>,
        event_priorities: Vec<EventPriority>,
        maps: [FxHashMap<String, usize>; 3],
    ) -> Self {
        let [mut event_ix, party_ix, priority_ix] = maps;
        // Events arrive with indices into their input order; sort and remap. The keys are
        // gathered into one compact vector so the sort does not chase pointers.
        let mut keys: Vec<(PartialDate, u32)> = events
            .iter()
            .enumerate()
            .map(|(i, e)| (e.start, i as u32))
            .collect();
        keys.sort_unstable_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| events[a.1 as usize].id.cmp(&events[b.1 as usize].id))
        });
        let order: Vec<usize> = keys.into_iter().map(|k| k.1 as usize).collect();
        let mut remap = vec![0usize; events.len()];
        for (new, &old) in order.iter().enumerate() {
            remap[old] = new;
        }
        // Apply the permutation in place, cycle by cycle: no second copy of the events.
        let mut perm = remap.clone(); // perm[i] = where the event now at i belongs
        for i in 0..events.len() {
            while perm[i] != i {
                let j = perm[i];
                events.swap(i, j);
                perm.swap(i, j);
            }
        }
        for e in &mut events {
            e.parent = e.parent.map(|p| remap[p]);
        }
        // Display order within an event: role, then party name (then id). Ranks make the
        // sort key integers, so a million rows sort without comparing strings.
        let mut by_name: Vec<usize> = (0..parties.len()).collect();
        by_name.sort_by(|&a, &b| {
            (&parties[a].name, &parties[a].id).cmp(&(&parties[b].name, &parties[b].id))
        });
        let mut rank = vec![0u32; parties.len()];
        for (r, &p) in by_name.iter().enumerate() {
            rank[p] = r as u32;
        }
        // Rows stay in file order (moving a million large rows costs more than loading them);
        // each event gets a list of its row indices in display order instead.
        let mut participation = participation;
        for p in &mut participation {
            p.event = remap[p.event];
        }
        let mut event_priorities: Vec<EventPriority> = event_priorities
            .into_iter()
            .map(|mut l| {
                l.event = remap[l.event];
                l
            })
            .collect();
        event_priorities.sort_by_key(|l| (l.event, l.priority));

        // Count first, so every index vector is allocated once at its final size.
        let mut per_event = vec![0usize; events.len()];
        let mut per_party = vec![0usize; parties.len()];
        for p in &participation {
            per_event[p.event] += 1;
            per_party[p.party] += 1;
        }
        let mut by_event: Vec<Vec<usize>> =
            per_event.iter().map(|&n| Vec::with_capacity(n)).collect();
        for (i, p) in participation.iter().enumerate() {
            by_event[p.event].push(i);
        }
        for rows in &mut by_event {
            rows.sort_unstable_by_key(|&i| {
                let p = &participation[i];
                (p.role, rank[p.party])
            });
        }
        // Each party's rows in event order (then display order within the event).
        let mut by_party: Vec<Vec<usize>> =
            per_party.iter().map(|&n| Vec::with_capacity(n)).collect();
        for rows in &by_event {
            for &i in rows {
                by_party[participation[i].party].push(i);
            }
        }
        let mut priorities_by_event = vec![Vec::new(); events.len()];
        for (i, l) in event_priorities.iter().enumerate() {
            priorities_by_event[l.event].push(i);
        }
        for v in event_ix.values_mut() {
            *v = remap[*v];
        }
        Dataset {
            events,
            parties,
            participation,
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
        p.source.as_deref().unwrap_or(&self.events[p.event].source)
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
        let rows = self
            .participation
            .iter()
            .filter(|p| p.source.is_some())
            .count();
        let mut v: Vec<(u64, &str)> =
            Vec::with_capacity(self.events.len() + rows + self.event_priorities.len());
        let all = self
            .events
            .iter()
            .map(|e| e.source.as_str())
            .chain(
                self.participation
                    .iter()
                    .filter_map(|p| p.source.as_deref()),
            )
            .chain(self.event_priorities.iter().map(|l| l.source.as_str()));
        v.extend(all.map(|s| (h.hash_one(s), s)));
        v.sort_unstable();
        v.dedup();
        v.len()
    }
}

#[cfg(test)]
mod size_tests {
    /// The per-row cost quoted in BENCHMARKS.md; a change here should update it.
    #[test]
    fn participation_rows_are_80_bytes() {
        assert_eq!(std::mem::size_of::<super::Participation>(), 80);
    }
}
