//! The view of `convene show`: one event in full.

use super::{EventSummary, PartyRow, party_row, summary};
use crate::model::{Dataset, EventId};
use serde::Serialize;

/// `convene show`: one event in full.
#[derive(Debug, Clone, Serialize)]
pub struct ShowView {
    #[serde(flatten)]
    pub event: EventSummary,
    pub short: Option<String>,
    pub note: Option<String>,
    pub host_names: Vec<String>,
    pub parent_name: Option<String>,
    /// Events whose parent this is.
    pub children: Vec<String>,
    pub priorities: Vec<PriorityLink>,
    pub parties: Vec<PartyRow>,
    /// Every distinct source used by this event's rows, the event's own first.
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Serialize)]
pub struct PriorityLink {
    pub id: String,
    pub name: String,
    pub source: String,
}

/// Everything about event `ev`.
pub fn show(data: &Dataset, ev: EventId) -> ShowView {
    let e = data.event(ev);
    let parties: Vec<PartyRow> = data.rows_of(ev).map(|r| party_row(data, &r)).collect();
    let priorities: Vec<PriorityLink> = data
        .priorities_of(ev)
        .map(|l| {
            let p = data.priority(l.priority);
            PriorityLink {
                id: p.id.clone(),
                name: p.name.clone(),
                source: l.source.clone(),
            }
        })
        .collect();
    let mut sources = vec![e.source.clone()];
    for s in parties
        .iter()
        .map(|p| &p.source)
        .chain(priorities.iter().map(|p| &p.source))
    {
        if !sources.contains(s) {
            sources.push(s.clone());
        }
    }
    ShowView {
        event: summary(data, ev),
        short: e.short.clone(),
        note: e.note.clone(),
        host_names: e
            .hosts
            .iter()
            .map(|&h| data.party(h).name.clone())
            .collect(),
        parent_name: e.parent.map(|p| data.event(p).name.clone()),
        children: data
            .children_of(ev)
            .map(|c| data.event(c).id.clone())
            .collect(),
        priorities,
        parties,
        sources,
    }
}
