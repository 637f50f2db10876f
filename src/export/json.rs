//! `export --format json`: the whole (filtered) dataset as one document, schema `convene/2`.
//! Keys and their order are stable (struct order); the README documents every key.

use super::Result;
use crate::date::PartialDate;
use crate::model::{EventKind, ListStatus, PartyKind, Region, Role};
use crate::query::export::ExportView;
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    schema: &'static str,
    /// Present only with `--party-kind`: the members are only those of this kind.
    #[serde(skip_serializing_if = "Option::is_none")]
    party_kind: Option<PartyKind>,
    counts: Counts,
    events: Vec<Event<'a>>,
    /// Present only when a filtered export names, as a `parent`, events it does not hold:
    /// those events, by id, name and start, so that no id in the file is left unexplained.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    parents_not_included: Vec<Outside<'a>>,
    parties: Vec<Party<'a>>,
    priorities: Vec<Priority<'a>>,
}

#[derive(Serialize)]
struct Counts {
    events: usize,
    parties: usize,
    participation: usize,
    priorities: usize,
    priority_links: usize,
    sources: usize,
}

#[derive(Serialize)]
struct Event<'a> {
    id: &'a str,
    name: &'a str,
    short: Option<&'a str>,
    kind: EventKind,
    start: PartialDate,
    end: Option<PartialDate>,
    series: Option<&'a str>,
    parent: Option<&'a str>,
    city: Option<&'a str>,
    host: Vec<&'a str>,
    listed: usize,
    list: ListStatus,
    list_as_of: PartialDate,
    reported: Option<u32>,
    complete: bool,
    source: &'a str,
    note: Option<&'a str>,
    priorities: Vec<Link<'a>>,
    parties: Vec<Member<'a>>,
}

#[derive(Serialize)]
struct Outside<'a> {
    id: &'a str,
    name: &'a str,
    start: PartialDate,
}

#[derive(Serialize)]
struct Link<'a> {
    id: &'a str,
    source: &'a str,
}

#[derive(Serialize)]
struct Member<'a> {
    id: &'a str,
    role: Role,
    date: Option<PartialDate>,
    source: &'a str,
    note: Option<&'a str>,
}

#[derive(Serialize)]
struct Party<'a> {
    id: &'a str,
    name: &'a str,
    kind: PartyKind,
    region: Option<Region>,
    aliases: &'a [String],
}

#[derive(Serialize)]
struct Priority<'a> {
    id: &'a str,
    name: &'a str,
    description: Option<&'a str>,
}

/// The document for the view's events (oldest first): their parties and priority areas only.
pub fn export(view: &ExportView) -> Result<String> {
    let events: Vec<Event> = view
        .events
        .iter()
        .map(|e| {
            let ev = e.event;
            let c = &e.completeness;
            Event {
                id: &ev.id,
                name: &ev.name,
                short: ev.short.as_deref(),
                kind: ev.kind,
                start: ev.start,
                end: ev.end,
                series: ev.series.as_deref(),
                parent: e.parent.map(|p| p.id.as_str()),
                city: ev.city.as_deref(),
                host: e.hosts.iter().map(|h| h.id.as_str()).collect(),
                listed: c.listed,
                list: c.list,
                list_as_of: c.list_as_of,
                reported: c.reported,
                complete: c.complete,
                source: &ev.source,
                note: ev.note.as_deref(),
                priorities: e
                    .priorities
                    .iter()
                    .map(|l| Link {
                        id: &l.priority.id,
                        source: l.source,
                    })
                    .collect(),
                parties: e
                    .members
                    .iter()
                    .map(|m| Member {
                        id: &m.party.id,
                        role: m.role,
                        date: m.date,
                        source: m.source,
                        note: m.note,
                    })
                    .collect(),
            }
        })
        .collect();
    let mut parents_not_included: Vec<Outside> = view
        .events
        .iter()
        .filter_map(|e| e.parent)
        .filter(|p| !view.events.iter().any(|e| e.event.id == p.id))
        .map(|p| Outside {
            id: &p.id,
            name: &p.name,
            start: p.start,
        })
        .collect();
    parents_not_included.sort_by(|a, b| a.id.cmp(b.id));
    parents_not_included.dedup_by(|a, b| a.id == b.id);
    let parties: Vec<Party> = view
        .parties
        .iter()
        .map(|p| Party {
            id: &p.id,
            name: &p.name,
            kind: p.kind,
            region: p.region,
            aliases: &p.aliases,
        })
        .collect();
    let priorities: Vec<Priority> = view
        .priorities
        .iter()
        .map(|p| Priority {
            id: &p.id,
            name: &p.name,
            description: p.description.as_deref(),
        })
        .collect();
    let doc = Doc {
        schema: "convene/2",
        party_kind: view.party_kind,
        counts: Counts {
            events: events.len(),
            parties: parties.len(),
            participation: view.participation(),
            priorities: priorities.len(),
            priority_links: view.priority_links(),
            sources: view.source_count(),
        },
        events,
        parents_not_included,
        parties,
        priorities,
    };
    crate::present::json(&doc)
}
