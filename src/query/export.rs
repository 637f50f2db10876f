//! The view the exporters encode: the selected events with everything about them resolved
//! (completeness, hosts, parent, priority areas, members), and the parties and priority areas
//! they use.
//!
//! It borrows from the dataset rather than copying, so exporting a large dataset costs one
//! small entry per row. It decides what is exported; it never decides how it is written.

use super::{Completeness, by_role, completeness};
use crate::date::PartialDate;
use crate::model::{Dataset, Event, EventId, Party, PartyKind, Priority, Role};

/// The events to export (oldest first), and what they refer to.
#[derive(Debug, Clone)]
pub struct ExportView<'a> {
    pub events: Vec<EventEntry<'a>>,
    /// The parties the events name (as hosts or members), in dataset order.
    pub parties: Vec<&'a Party>,
    /// The priority areas the events are linked to, in dataset order.
    pub priorities: Vec<&'a Priority>,
    /// With `--party-kind`: only members of this kind are exported (the lists' counts and
    /// completeness still describe the whole list).
    pub party_kind: Option<PartyKind>,
}

/// One exported event.
#[derive(Debug, Clone)]
pub struct EventEntry<'a> {
    pub event: &'a Event,
    pub completeness: Completeness,
    pub parent: Option<&'a Event>,
    pub hosts: Vec<&'a Party>,
    /// Priority links, in dataset order.
    pub priorities: Vec<PriorityEntry<'a>>,
    /// Members in display order (role, then name).
    pub members: Vec<MemberEntry<'a>>,
}

/// A priority area an event is linked to, with the source of the link.
#[derive(Debug, Clone, Copy)]
pub struct PriorityEntry<'a> {
    pub priority: &'a Priority,
    pub source: &'a str,
}

/// One participation row of an exported event.
#[derive(Debug, Clone, Copy)]
pub struct MemberEntry<'a> {
    pub party: &'a Party,
    pub role: Role,
    /// When the role began, if not the event's start.
    pub date: Option<PartialDate>,
    /// The source that names the row: its own, else the event's.
    pub source: &'a str,
    pub note: Option<&'a str>,
}

impl EventEntry<'_> {
    /// The members grouped by role, in role order.
    pub fn by_role(&self) -> Vec<(Role, &[MemberEntry<'_>])> {
        by_role(&self.members, |m| m.role)
    }
}

impl ExportView<'_> {
    /// How many participation rows the exported events have.
    pub fn participation(&self) -> usize {
        self.events.iter().map(|e| e.members.len()).sum()
    }

    /// How many priority links the exported events have.
    pub fn priority_links(&self) -> usize {
        self.events.iter().map(|e| e.priorities.len()).sum()
    }

    /// Distinct sources of the exported events, their rows and their priority links.
    pub fn source_count(&self) -> usize {
        let mut sources: Vec<&str> = Vec::new();
        for e in &self.events {
            sources.push(&e.event.source);
            // A row without a source of its own repeats its event's, already counted.
            sources.extend(e.members.iter().map(|m| m.source));
            sources.extend(e.priorities.iter().map(|p| p.source));
        }
        sources.sort_unstable();
        sources.dedup();
        sources.len()
    }
}

/// The export view of `events` (oldest first), with only the members of `party_kind` if given.
pub fn export_view<'a>(
    data: &'a Dataset,
    events: &[EventId],
    party_kind: Option<PartyKind>,
) -> ExportView<'a> {
    let mut party_used = vec![false; data.parties().len()];
    let mut priority_used = vec![false; data.priorities().len()];
    let entries = events
        .iter()
        .map(|&ev| {
            let e = data.event(ev);
            for &h in &e.hosts {
                party_used[h.index()] = true;
            }
            let members = data
                .rows_of(ev)
                .filter(|p| party_kind.is_none_or(|k| data.party(p.party).kind == k))
                .map(|p| {
                    party_used[p.party.index()] = true;
                    MemberEntry {
                        party: data.party(p.party),
                        role: p.role,
                        date: p.date,
                        source: data.row_source(&p),
                        note: data.row_note(&p),
                    }
                })
                .collect();
            let priorities = data
                .priorities_of(ev)
                .map(|l| {
                    priority_used[l.priority.index()] = true;
                    PriorityEntry {
                        priority: data.priority(l.priority),
                        source: &l.source,
                    }
                })
                .collect();
            EventEntry {
                event: e,
                completeness: completeness(data, ev, None),
                parent: e.parent.map(|p| data.event(p)),
                hosts: e.hosts.iter().map(|&h| data.party(h)).collect(),
                priorities,
                members,
            }
        })
        .collect();
    ExportView {
        events: entries,
        parties: used(data.parties(), &party_used),
        priorities: used(data.priorities(), &priority_used),
        party_kind,
    }
}

/// The items whose flag is set, in order.
fn used<'a, T>(all: &'a [T], flags: &[bool]) -> Vec<&'a T> {
    all.iter()
        .zip(flags)
        .filter(|(_, u)| **u)
        .map(|(x, _)| x)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::query::{EventFilter, events};

    #[test]
    fn the_view_of_every_event_counts_what_the_dataset_holds() {
        let d = load_embedded().unwrap();
        let v = export_view(&d, &events(&d, &EventFilter::default()), None);
        assert_eq!(v.events.len(), d.events().len());
        assert_eq!(v.participation(), d.rows().len());
        assert_eq!(v.priority_links(), d.priority_links().len());
        assert_eq!(v.source_count(), d.source_count());
    }

    #[test]
    fn the_view_of_one_event_names_only_its_parties() {
        let d = load_embedded().unwrap();
        let ev = d.event_by_id("aisi-network-sf-2024").unwrap();
        let v = export_view(&d, &[ev], None);
        let mut ids: Vec<&str> = v.parties.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        assert_eq!(
            ids,
            [
                "AUS", "CAN", "EU", "FRA", "GBR", "JPN", "KEN", "KOR", "SGP", "USA"
            ]
        );
        assert!(v.events[0].completeness.complete);
    }
}
