//! `export --format json`: the whole (filtered) dataset as one document, schema `convene/1`.
//! Keys and their order are stable (struct order); the README documents every key.

use crate::date::PartialDate;
use crate::model::{Dataset, EventIx, EventKind, PartyKind, Region, Role};
use crate::query::completeness;
use serde::Serialize;

#[derive(Serialize)]
struct Doc<'a> {
    schema: &'static str,
    counts: Counts,
    events: Vec<Event<'a>>,
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
    reported: Option<u32>,
    reported_as_of: Option<PartialDate>,
    complete: bool,
    source: &'a str,
    note: Option<&'a str>,
    priorities: Vec<Link<'a>>,
    parties: Vec<Member<'a>>,
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

/// The document for `events` (oldest first): their parties and priority areas only.
pub fn export(data: &Dataset, events: &[EventIx]) -> String {
    let mut party_used = vec![false; data.parties.len()];
    let mut pri_used = vec![false; data.priorities.len()];
    let mut rows = 0;
    let mut links = 0;
    let mut sources: Vec<&str> = Vec::new();
    let evs: Vec<Event> = events
        .iter()
        .map(|&e| {
            let ev = &data.events[e];
            let c = completeness(data, e, None);
            sources.push(&ev.source);
            for &h in &ev.hosts {
                party_used[h] = true;
            }
            let parties: Vec<Member> = data.by_event[e]
                .iter()
                .map(|&i| {
                    let p = &data.participation[i];
                    party_used[p.party] = true;
                    rows += 1;
                    sources.extend(data.row_own_source(p));
                    Member {
                        id: &data.parties[p.party].id,
                        role: p.role,
                        date: p.date,
                        source: data.row_source(p),
                        note: data.row_note(p),
                    }
                })
                .collect();
            let priorities: Vec<Link> = data.priorities_by_event[e]
                .iter()
                .map(|&i| {
                    let l = &data.event_priorities[i];
                    pri_used[l.priority] = true;
                    links += 1;
                    sources.push(&l.source);
                    Link {
                        id: &data.priorities[l.priority].id,
                        source: &l.source,
                    }
                })
                .collect();
            Event {
                id: &ev.id,
                name: &ev.name,
                short: ev.short.as_deref(),
                kind: ev.kind,
                start: ev.start,
                end: ev.end,
                series: ev.series.as_deref(),
                parent: ev.parent.map(|p| data.events[p].id.as_str()),
                city: ev.city.as_deref(),
                host: ev
                    .hosts
                    .iter()
                    .map(|&h| data.parties[h].id.as_str())
                    .collect(),
                listed: c.listed,
                reported: c.reported,
                reported_as_of: c.reported_as_of,
                complete: c.complete,
                source: &ev.source,
                note: ev.note.as_deref(),
                priorities,
                parties,
            }
        })
        .collect();
    let parties: Vec<Party> = data
        .parties
        .iter()
        .zip(&party_used)
        .filter(|(_, u)| **u)
        .map(|(p, _)| Party {
            id: &p.id,
            name: &p.name,
            kind: p.kind,
            region: p.region,
            aliases: &p.aliases,
        })
        .collect();
    let priorities: Vec<Priority> = data
        .priorities
        .iter()
        .zip(&pri_used)
        .filter(|(_, u)| **u)
        .map(|(p, _)| Priority {
            id: &p.id,
            name: &p.name,
            description: p.description.as_deref(),
        })
        .collect();
    sources.sort_unstable();
    sources.dedup();
    let doc = Doc {
        schema: "convene/1",
        counts: Counts {
            events: evs.len(),
            parties: parties.len(),
            participation: rows,
            priorities: priorities.len(),
            priority_links: links,
            sources: sources.len(),
        },
        events: evs,
        parties,
        priorities,
    };
    let mut s = serde_json::to_string_pretty(&doc).unwrap_or_default();
    s.push('\n');
    s
}
