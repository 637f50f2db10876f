//! The typed, validated, indexed dataset.
//!
//! Values here are only built by `load`, which has already checked every invariant: ids are
//! unique and well-formed, every reference resolves, dates are real. Queries can therefore index
//! without checking. This module reads no files and prints nothing; its fields are private, so
//! the indexes can change without any query changing.

pub mod catalog;
mod index;
mod types;
mod vocabulary;

pub mod snapshot;

pub(crate) use index::{Groups, sort_events};
pub use types::{
    Event, EventId, EventPriority, Participation, Party, PartyId, PartyList, Priority, PriorityId,
};
pub(crate) use types::{NO_TEXTS, RowTexts};
pub use vocabulary::{EventKind, ListStatus, PartyKind, Region, Role};

use crate::date::PartialDate;
use rustc_hash::FxHashMap;
use rustc_hash::FxHashSet;

/// The whole dataset, validated, with indexes for the queries.
///
/// Events are sorted oldest first (then by id); parties are in file order; participation rows
/// are reached per event in display order (role, then party name) and per party in event order.
///
/// It is held in one of two ways: built from the CSV files (every record in memory), or read
/// from a snapshot of an earlier load ([`snapshot`]), where parties and priority areas are
/// decoded when it is opened and events, rows and links only when asked for, so that a query
/// does work in proportion to its answer. The accessors answer the same either way.
#[derive(Debug)]
pub struct Dataset {
    parties: Vec<Party>,
    priorities: Vec<Priority>,
    party_ix: FxHashMap<String, PartyId>,
    priority_ix: FxHashMap<String, PriorityId>,
    store: Store,
}

#[derive(Debug)]
enum Store {
    Owned(Box<Owned>),
    Mapped(Box<snapshot::Mapped>),
}

/// A dataset built from the CSV files.
#[derive(Debug, Default)]
struct Owned {
    events: Vec<Event>,
    participation: Vec<Participation>,
    /// Sources and notes of the participation rows that have any ([`Participation`]'s `texts`).
    row_texts: Vec<RowTexts>,
    /// Sorted by event, then priority.
    event_priorities: Vec<EventPriority>,
    /// Participation row indices per event, in display order.
    by_event: Groups,
    /// Participation row indices per party, in event order.
    by_party: Groups,
    /// Where each event's priority links start in `event_priorities` (and where the last ends).
    priority_starts: Vec<u32>,
    /// The events each party hosts, oldest first.
    hosted: Groups<EventId>,
    /// Each event's sub-events (those naming it as `parent`), oldest first.
    children: Groups<EventId>,
    /// The events whose party list is not complete (partial or none), oldest first.
    incomplete: Vec<EventId>,
    event_ix: FxHashMap<String, EventId>,
}

impl Default for Dataset {
    fn default() -> Self {
        Dataset {
            parties: Vec::new(),
            priorities: Vec::new(),
            party_ix: FxHashMap::default(),
            priority_ix: FxHashMap::default(),
            store: Store::Owned(Box::new(Owned {
                priority_starts: vec![0],
                ..Owned::default()
            })),
        }
    }
}

/// The id maps `load` hands to [`Dataset::new`]: each record's id → its place.
pub(crate) struct Ids {
    pub(crate) events: FxHashMap<String, EventId>,
    pub(crate) parties: FxHashMap<String, PartyId>,
    pub(crate) priorities: FxHashMap<String, PriorityId>,
}

/// Validated participation rows as `load` hands them to [`Dataset::new`].
pub(crate) struct Rows {
    pub(crate) rows: Vec<Participation>,
    pub(crate) texts: Vec<RowTexts>,
    /// Row indices grouped by event, in file order within each event.
    pub(crate) by_event: Groups,
}

/// The participation rows of one event or one party, by value.
#[derive(Clone)]
pub struct RowIter<'a> {
    data: &'a Dataset,
    handles: Handles<'a>,
}

/// Which rows a [`RowIter`] walks: places in a list, or a run of places.
#[derive(Clone)]
enum Handles<'a> {
    List(std::slice::Iter<'a, u32>),
    /// An event's rows in a snapshot, each checked to be the event's.
    Run(std::ops::Range<u32>, EventId),
    /// A party's rows in a snapshot, each checked to be the party's.
    Party(std::slice::Iter<'a, u32>, PartyId),
}

impl Iterator for RowIter<'_> {
    type Item = Participation;
    fn next(&mut self) -> Option<Participation> {
        let row = match &mut self.handles {
            Handles::List(it) => self.data.row_at(*it.next()?),
            Handles::Run(r, e) => {
                let row = self.data.row_at(r.next()?);
                if row.event != *e {
                    self.data.snapshot_fails("a row out of its event's place");
                }
                row
            }
            Handles::Party(it, p) => {
                let row = self.data.row_at(*it.next()?);
                if row.party != *p {
                    self.data.snapshot_fails("a row out of its party's place");
                }
                row
            }
        };
        Some(row)
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        match &self.handles {
            Handles::List(it) | Handles::Party(it, _) => it.size_hint(),
            Handles::Run(r, _) => r.size_hint(),
        }
    }
}
impl ExactSizeIterator for RowIter<'_> {}

impl Dataset {
    /// Index a validated dataset. `load` calls this with the events sorted ([`sort_events`]),
    /// every event index pointing into that order, the participation rows grouped by event,
    /// the priority links sorted by event and priority, and its id maps (event, party,
    /// priority: id → index in the given vectors).
    pub(crate) fn new(
        events: Vec<Event>,
        parties: Vec<Party>,
        rows: Rows,
        priorities: Vec<Priority>,
        event_priorities: Vec<EventPriority>,
        ids: Ids,
    ) -> Self {
        let Ids {
            events: event_ix,
            parties: party_ix,
            priorities: priority_ix,
        } = ids;
        let Rows {
            rows: participation,
            texts: row_texts,
            mut by_event,
        } = rows;
        // Each party's rows in event order (a party has one row per event, so the order within
        // an event does not matter here).
        let by_party = Groups::build(
            parties.len(),
            by_event
                .items()
                .iter()
                .map(|&i| (participation[i as usize].party.index(), i)),
        );
        let mut priority_starts = vec![0u32; events.len() + 1];
        for l in &event_priorities {
            priority_starts[l.event.index() + 1] += 1;
        }
        for e in 0..events.len() {
            priority_starts[e + 1] += priority_starts[e];
        }
        let hosted = Groups::build(
            parties.len(),
            events
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.hosts.iter().map(move |h| (h.index(), EventId::new(i)))),
        );
        let children = Groups::build(
            events.len(),
            events
                .iter()
                .enumerate()
                .filter_map(|(i, e)| Some((e.parent?.index(), EventId::new(i)))),
        );
        let incomplete = (0..events.len())
            .filter(|&i| events[i].list.status != ListStatus::Complete)
            .map(EventId::new)
            .collect();
        display_order(&mut by_event, &participation, &parties);
        Dataset {
            parties,
            priorities,
            party_ix,
            priority_ix,
            store: Store::Owned(Box::new(Owned {
                events,
                participation,
                row_texts,
                event_priorities,
                by_event,
                by_party,
                priority_starts,
                hosted,
                children,
                incomplete,
                event_ix,
            })),
        }
    }

    /// A dataset read from a snapshot: its parties and priority areas decoded, the rest in
    /// `mapped`.
    pub(crate) fn mapped(
        parties: Vec<Party>,
        priorities: Vec<Priority>,
        mapped: snapshot::Mapped,
    ) -> Self {
        let party_ix = ids_of(parties.iter().map(|p| p.id.as_str()), PartyId::new);
        let priority_ix = ids_of(priorities.iter().map(|p| p.id.as_str()), PriorityId::new);
        Dataset {
            parties,
            priorities,
            party_ix,
            priority_ix,
            store: Store::Mapped(Box::new(mapped)),
        }
    }

    /// Whether this dataset was read from a snapshot.
    pub fn from_snapshot(&self) -> bool {
        matches!(self.store, Store::Mapped(_))
    }

    /// Why the snapshot this dataset is read from was found faulty while answering (a block
    /// that does not match its hash, a value that does not hold together), if it was: an
    /// answer given from it must then be thrown away.
    pub fn snapshot_fault(&self) -> Option<&'static str> {
        match &self.store {
            Store::Owned(_) => None,
            Store::Mapped(m) => m.fault(),
        }
    }
    /// Check every block of the snapshot this dataset is read from (`cache status`).
    pub fn verify_snapshot(&self) -> Result<(), snapshot::Unusable> {
        match &self.store {
            Store::Owned(_) => Ok(()),
            Store::Mapped(m) => m.verify_all(),
        }
    }
    fn snapshot_fails(&self, what: &'static str) {
        if let Store::Mapped(m) = &self.store {
            m.fail(what);
        }
    }

    /// Every event, oldest first (then by id); an [`EventId`] is a place in this slice.
    pub fn events(&self) -> &[Event] {
        match &self.store {
            Store::Owned(o) => &o.events,
            Store::Mapped(m) => m.events(),
        }
    }
    /// The number of events.
    pub fn event_count(&self) -> usize {
        match &self.store {
            Store::Owned(o) => o.events.len(),
            Store::Mapped(m) => m.event_count(),
        }
    }
    /// One event.
    pub fn event(&self, e: EventId) -> &Event {
        match &self.store {
            Store::Owned(o) => &o.events[e.index()],
            Store::Mapped(m) => m.event(e),
        }
    }
    /// An event's kind, start and end, without the rest of it: from a snapshot, read in place
    /// (a filter over every event's kind or dates decodes none of them).
    pub fn event_head(&self, e: EventId) -> (EventKind, PartialDate, Option<PartialDate>) {
        let whole = |ev: &Event| (ev.kind, ev.start, ev.end);
        match &self.store {
            Store::Owned(o) => whole(&o.events[e.index()]),
            Store::Mapped(m) => m
                .event_head(e)
                .map_or_else(|| whole(m.event(e)), |h| (h.kind, h.start, h.end)),
        }
    }
    /// An event's id, start and list status, without the rest of it (from a snapshot, read in
    /// place).
    pub fn event_brief(&self, e: EventId) -> (&str, PartialDate, ListStatus) {
        fn whole(ev: &Event) -> (&str, PartialDate, ListStatus) {
            (ev.id.as_str(), ev.start, ev.list.status)
        }
        match &self.store {
            Store::Owned(o) => whole(&o.events[e.index()]),
            Store::Mapped(m) => m
                .event_head(e)
                .map_or_else(|| whole(m.event(e)), |h| (h.id, h.start, h.status)),
        }
    }
    /// Every event's id, oldest first.
    pub fn event_ids(&self) -> impl ExactSizeIterator<Item = EventId> + Clone + use<> {
        (0..self.event_count()).map(EventId::new)
    }
    /// The event with this exact id.
    pub fn event_by_id(&self, id: &str) -> Option<EventId> {
        match &self.store {
            Store::Owned(o) => o.event_ix.get(id).copied(),
            Store::Mapped(m) => m.event_by_id(id),
        }
    }
    /// Every party, in file order; a [`PartyId`] is a place in this slice.
    pub fn parties(&self) -> &[Party] {
        &self.parties
    }
    /// One party.
    pub fn party(&self, p: PartyId) -> &Party {
        &self.parties[p.index()]
    }
    /// Every party's id, in file order.
    pub fn party_ids(&self) -> impl ExactSizeIterator<Item = PartyId> + Clone + use<> {
        (0..self.parties.len()).map(PartyId::new)
    }
    /// The party with this exact id.
    pub fn party_by_id(&self, id: &str) -> Option<PartyId> {
        self.party_ix.get(id).copied()
    }
    /// Every priority area, in file order.
    pub fn priorities(&self) -> &[Priority] {
        &self.priorities
    }
    /// One priority area.
    pub fn priority(&self, p: PriorityId) -> &Priority {
        &self.priorities[p.index()]
    }
    /// Every priority area's id, in file order.
    pub fn priority_ids(&self) -> impl ExactSizeIterator<Item = PriorityId> + Clone + use<> {
        (0..self.priorities.len()).map(PriorityId::new)
    }
    /// The priority area with this exact id.
    pub fn priority_by_id(&self, id: &str) -> Option<PriorityId> {
        self.priority_ix.get(id).copied()
    }
    /// Every participation row, in no particular order (use [`Dataset::rows_of`] or
    /// [`Dataset::events_of`] for an order).
    pub fn rows(&self) -> &[Participation] {
        match &self.store {
            Store::Owned(o) => &o.participation,
            Store::Mapped(m) => m.rows(),
        }
    }
    /// The number of participation rows.
    pub fn row_count(&self) -> usize {
        match &self.store {
            Store::Owned(o) => o.participation.len(),
            Store::Mapped(m) => m.row_count(),
        }
    }
    /// The row a handle names: a place in the owned rows, or in the snapshot's.
    fn row_at(&self, h: u32) -> Participation {
        match &self.store {
            Store::Owned(o) => o.participation[h as usize],
            Store::Mapped(m) => m.row(h),
        }
    }
    /// An event's participation rows, in display order: by role, then party name.
    pub fn rows_of(&self, e: EventId) -> RowIter<'_> {
        let handles = match &self.store {
            Store::Owned(o) => Handles::List(o.by_event[e.index()].iter()),
            Store::Mapped(m) => Handles::Run(m.rows_of(e), e),
        };
        RowIter {
            data: self,
            handles,
        }
    }
    /// A party's participation rows, one per event it took part in, oldest event first.
    pub fn events_of(&self, p: PartyId) -> RowIter<'_> {
        let handles = match &self.store {
            Store::Owned(o) => Handles::List(o.by_party[p.index()].iter()),
            Store::Mapped(m) => Handles::Party(m.party_rows(p).iter(), p),
        };
        RowIter {
            data: self,
            handles,
        }
    }
    /// The events a party hosts, oldest first (an event naming it twice as host, twice).
    pub fn hosted_by(&self, p: PartyId) -> impl ExactSizeIterator<Item = EventId> + Clone {
        match &self.store {
            Store::Owned(o) => &o.hosted[p.index()],
            Store::Mapped(m) => m.hosted(p),
        }
        .iter()
        .copied()
    }
    /// An event's sub-events (those naming it as their parent), oldest first.
    pub fn children_of(&self, e: EventId) -> impl ExactSizeIterator<Item = EventId> + Clone {
        match &self.store {
            Store::Owned(o) => &o.children[e.index()],
            Store::Mapped(m) => m.children(e),
        }
        .iter()
        .copied()
    }
    /// The events whose party list is not complete (partial or none), oldest first.
    pub fn incomplete_events(&self) -> &[EventId] {
        match &self.store {
            Store::Owned(o) => &o.incomplete,
            Store::Mapped(m) => m.incomplete(),
        }
    }
    /// Every link of an event to a priority area, sorted by event and priority.
    pub fn priority_links(&self) -> &[EventPriority] {
        match &self.store {
            Store::Owned(o) => &o.event_priorities,
            Store::Mapped(m) => m.links(),
        }
    }
    /// An event's links to priority areas, in priority order.
    pub fn priorities_of(&self, e: EventId) -> std::slice::Iter<'_, EventPriority> {
        match &self.store {
            Store::Owned(o) => {
                let (a, b) = (
                    o.priority_starts[e.index()],
                    o.priority_starts[e.index() + 1],
                );
                o.event_priorities[a as usize..b as usize].iter()
            }
            Store::Mapped(m) => m.links_of(e).iter(),
        }
    }

    /// The source that names a participation row: its own, or its event's.
    pub fn row_source(&self, p: &Participation) -> &str {
        self.row_own_source(p)
            .unwrap_or(&self.event(p.event).source)
    }

    /// A participation row's own source, if it has one.
    pub fn row_own_source(&self, p: &Participation) -> Option<&str> {
        match &self.store {
            Store::Owned(o) => o.row_texts.get(p.texts as usize)?.source.as_deref(),
            Store::Mapped(m) => m.row_texts(p.texts).0,
        }
    }

    /// A participation row's note, if it has one.
    pub fn row_note(&self, p: &Participation) -> Option<&str> {
        match &self.store {
            Store::Owned(o) => o.row_texts.get(p.texts as usize)?.note.as_deref(),
            Store::Mapped(m) => m.row_texts(p.texts).1,
        }
    }

    /// Distinct series names, sorted.
    pub fn series(&self) -> Vec<&str> {
        let mut s: Vec<&str> = self
            .events()
            .iter()
            .filter_map(|e| e.series.as_deref())
            .collect();
        s.sort_unstable();
        s.dedup();
        s
    }

    /// Distinct source URLs across events, participation rows and priority links.
    pub fn source_count(&self) -> usize {
        let mut all: FxHashSet<&str> = self.events().iter().map(|e| e.source.as_str()).collect();
        all.extend(self.priority_links().iter().map(|l| l.source.as_str()));
        match &self.store {
            Store::Owned(o) => all.extend(o.row_texts.iter().filter_map(|t| t.source.as_deref())),
            Store::Mapped(m) => all.extend(m.all_row_sources()),
        }
        all.len()
    }
}

/// Each id's place, for records given in order.
fn ids_of<'a, T>(ids: impl Iterator<Item = &'a str>, id: fn(usize) -> T) -> FxHashMap<String, T> {
    ids.enumerate()
        .map(|(i, s)| (s.to_string(), id(i)))
        .collect()
}

/// Sort each event's rows into display order: role, then party name (then id). Ranks make the
/// sort key one integer, so a million rows sort without comparing strings.
fn display_order(by_event: &mut Groups, rows: &[Participation], parties: &[Party]) {
    let mut by_name: Vec<usize> = (0..parties.len()).collect();
    by_name.sort_by(|&a, &b| {
        (&parties[a].name, &parties[a].id).cmp(&(&parties[b].name, &parties[b].id))
    });
    let mut rank = vec![0u64; parties.len()];
    for (r, &p) in by_name.iter().enumerate() {
        rank[p] = r as u64;
    }
    let mut scratch: Vec<(u64, u32)> = Vec::new();
    for e in 0..by_event.len() {
        let group = by_event.group_mut(e);
        scratch.clear();
        scratch.extend(group.iter().map(|&i| {
            let p = &rows[i as usize];
            (((p.role as u64) << 32) | rank[p.party.index()], i)
        }));
        scratch.sort_unstable();
        for (slot, &(_, i)) in group.iter_mut().zip(&scratch) {
            *slot = i;
        }
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
            list: super::PartyList {
                status: super::ListStatus::Complete,
                reported: None,
                as_of: None,
            },
            source: String::new(),
            note: None,
            line: 0,
        };
        // Ids sharing their first 8 bytes, shorter ids, and a parent to follow the move.
        let mut events = vec![
            ev("summit-2024-b", "2024-05-21"),
            ev("summit-2024-a", "2024-05-21"),
            ev("summit", "2024-05-21"),
            ev("earlier", "2023"),
            ev("summit-20", "2024-05-21"),
        ];
        events[0].parent = Some(super::EventId::new(3));
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
        assert_eq!(events[4].parent, Some(super::EventId::new(0)));
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
    fn participation_rows_are_28_bytes() {
        assert_eq!(std::mem::size_of::<super::Participation>(), 28);
    }
}
