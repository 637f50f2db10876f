//! The view of `convene events`: one [`EventSummary`] per event.

use super::{Completeness, completeness};
use crate::date::PartialDate;
use crate::model::{Dataset, EventId, EventKind};
use serde::Serialize;

/// One event as a row of `convene events`.
#[derive(Debug, Clone, Serialize)]
pub struct EventSummary {
    pub id: String,
    pub name: String,
    pub kind: EventKind,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub series: Option<String>,
    pub parent: Option<String>,
    pub city: Option<String>,
    pub host: Vec<String>,
    /// The event's list: listed, list, list_as_of, reported, complete.
    #[serde(flatten)]
    pub list: Completeness,
    pub source: String,
    #[serde(skip)]
    pub label: String,
}

impl EventSummary {
    /// The completeness of the event's party list.
    pub fn completeness(&self) -> &Completeness {
        &self.list
    }
}

/// The summary of one event.
pub fn summary(data: &Dataset, ev: EventId) -> EventSummary {
    let e = data.event(ev);
    EventSummary {
        id: e.id.clone(),
        name: e.name.clone(),
        kind: e.kind,
        start: e.start,
        end: e.end,
        series: e.series.clone(),
        parent: e.parent.map(|p| data.event(p).id.clone()),
        city: e.city.clone(),
        host: e.hosts.iter().map(|&h| data.party(h).id.clone()).collect(),
        list: completeness(data, ev, None),
        source: e.source.clone(),
        label: e.label().to_string(),
    }
}
