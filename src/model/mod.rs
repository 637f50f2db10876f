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

pub(crate) use index::{Groups, sort_events};
pub use types::{
    Event, EventId, EventPriority, Participation, Party, PartyId, PartyList, Priority, PriorityId,
};
pub(crate) use types::{NO_TEXTS, RowTexts};
pub use vocabulary::{EventKind, ListStatus, PartyKind, Region, Role};

use rustc_hash::FxHashMap;
use rustc_hash::FxHashSet;

/// The whole dataset, validated, with indexes for the queries.
///
/// Events are sorted oldest first (then by id); parties are in file order; participation rows
/// are reached per event in display order (role, then party name) and per party in event order.
#[derive(Debug, Clone, Default)]
pub struct Dataset {
    events: Vec<Event>,
    parties: Vec<Party>,
    participation: Vec<Participation>,
    /// Sources and notes of the participation rows that have any ([`Participation`]'s `texts`).
    row_texts: Vec<RowTexts>,
    /// Sorted by event, then priority.
    event_priorities: Vec<EventPriority>,
    priorities: Vec<Priority>,
    /// Participation row indices per event, in display order.
    by_event: Groups,
    /// Participation row indices per party, in event order.
    by_party: Groups,
    /// Priority link indices per event.
    priorities_by_event: Groups,
    /// The events each party hosts, oldest first.
    hosted: Groups,
    /// The events whose party list is not complete (partial or none), oldest first.
    incomplete: Vec<EventId>,
    event_ix: FxHashMap<String, EventId>,
    party_ix: FxHashMap<String, PartyId>,
    priority_ix: FxHashMap<String, PriorityId>,
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
                .map(|&i| (participation[i].party.index(), i)),
        );
        let priorities_by_event = Groups::build(
            events.len(),
            event_priorities
                .iter()
                .enumerate()
                .map(|(i, l)| (l.event.index(), i)),
        );
        let hosted = Groups::build(
            parties.len(),
            events
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.hosts.iter().map(move |h| (h.index(), i))),
        );
        let incomplete = (0..events.len())
            .filter(|&i| events[i].list.status != ListStatus::Complete)
            .map(EventId::new)
            .collect();
        display_order(&mut by_event, &participation, &parties);
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
            hosted,
            incomplete,
            event_ix,
            party_ix,
            priority_ix,
        }
    }

    /// Every event, oldest first (then by id); an [`EventId`] is a place in this slice.
    pub fn events(&self) -> &[Event] {
        &self.events
    }
    /// One event.
    pub fn event(&self, e: EventId) -> &Event {
        &self.events[e.index()]
    }
    /// Every event's id, oldest first.
    pub fn event_ids(&self) -> impl ExactSizeIterator<Item = EventId> + Clone + use<> {
        (0..self.events.len()).map(EventId::new)
    }
    /// The event with this exact id.
    pub fn event_by_id(&self, id: &str) -> Option<EventId> {
        self.event_ix.get(id).copied()
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
        &self.participation
    }
    /// An event's participation rows, in display order: by role, then party name.
    pub fn rows_of(&self, e: EventId) -> impl ExactSizeIterator<Item = &Participation> + Clone {
        self.by_event[e.index()]
            .iter()
            .map(|&i| &self.participation[i])
    }
    /// A party's participation rows, one per event it took part in, oldest event first.
    pub fn events_of(&self, p: PartyId) -> impl ExactSizeIterator<Item = &Participation> + Clone {
        self.by_party[p.index()]
            .iter()
            .map(|&i| &self.participation[i])
    }
    /// The events a party hosts, oldest first (an event naming it twice as host, twice).
    pub fn hosted_by(&self, p: PartyId) -> impl ExactSizeIterator<Item = EventId> + Clone {
        self.hosted[p.index()].iter().map(|&i| EventId::new(i))
    }
    /// The events whose party list is not complete (partial or none), oldest first.
    pub fn incomplete_events(&self) -> &[EventId] {
        &self.incomplete
    }
    /// Every link of an event to a priority area, sorted by event and priority.
    pub fn priority_links(&self) -> &[EventPriority] {
        &self.event_priorities
    }
    /// An event's links to priority areas, in priority order.
    pub fn priorities_of(
        &self,
        e: EventId,
    ) -> impl ExactSizeIterator<Item = &EventPriority> + Clone {
        self.priorities_by_event[e.index()]
            .iter()
            .map(|&i| &self.event_priorities[i])
    }

    /// The source that names a participation row: its own, or its event's.
    pub fn row_source<'a>(&'a self, p: &'a Participation) -> &'a str {
        self.row_own_source(p)
            .unwrap_or(&self.event(p.event).source)
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

    /// Distinct source URLs across events, participation rows and priority links.
    pub fn source_count(&self) -> usize {
        let all = self
            .events
            .iter()
            .map(|e| e.source.as_str())
            .chain(self.row_texts.iter().filter_map(|t| t.source.as_deref()))
            .chain(self.event_priorities.iter().map(|l| l.source.as_str()));
        all.collect::<FxHashSet<&str>>().len()
    }
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
    let mut scratch: Vec<(u64, usize)> = Vec::new();
    for e in 0..by_event.len() {
        let group = by_event.group_mut(e);
        scratch.clear();
        scratch.extend(group.iter().map(|&i| {
            let p = &rows[i];
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
