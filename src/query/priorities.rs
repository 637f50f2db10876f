//! The priority-area view: events (rows, grouped by series in lane order, then by date) ×
//! priority areas (columns, in the dataset's order), a cell for each link of
//! `event_priorities.csv` and nothing else, each with its source. It answers "which meetings
//! worked on testing, on inclusion?".
//!
//! Pure: the dataset in, a [`PriorityMatrix`] out; the renderer (`render::priorities`) sizes
//! and draws it.

use super::chart::Credit;
use crate::date::human_span;
use crate::model::catalog::{series_name, series_rank};
use crate::model::{Dataset, EventId, PriorityId};

/// A priority area with a link to any of the events shown.
#[derive(Debug, Clone)]
pub struct Area {
    pub priority: PriorityId,
    pub id: String,
    pub name: String,
    /// The events shown linked to it.
    pub events: usize,
}

/// An event linked to any priority area.
#[derive(Debug, Clone)]
pub struct EventRow {
    pub event: EventId,
    pub id: String,
    /// Its label (its short name, else its name).
    pub label: String,
    /// Its date as people write it ("1–2 Nov 2023").
    pub date: String,
    /// Per column, the link's source, if the event is linked to the area.
    pub links: Vec<Option<String>>,
}

impl EventRow {
    /// The areas the event is linked to.
    pub fn total(&self) -> usize {
        self.links.iter().flatten().count()
    }
}

/// The events of one series, oldest first.
#[derive(Debug, Clone)]
pub struct Group {
    /// The series' id ("other": events in no series) and display name.
    pub id: String,
    pub name: String,
    pub rows: Vec<EventRow>,
}

/// Everything the priority-area chart shows.
#[derive(Debug, Clone)]
pub struct PriorityMatrix {
    pub columns: Vec<Area>,
    pub groups: Vec<Group>,
    /// How many events the filters chose, linked or not.
    pub events: usize,
    /// Of those, the events linked to no priority area (not drawn).
    pub unlinked: usize,
    /// The priority areas of the dataset no event shown is linked to, by name (not drawn).
    pub empty_areas: Vec<String>,
    /// Distinct sources of the links drawn.
    pub sources: usize,
    pub credit: Credit,
}

impl PriorityMatrix {
    /// Every row, group by group.
    pub fn rows(&self) -> impl Iterator<Item = &EventRow> {
        self.groups.iter().flat_map(|g| &g.rows)
    }
    /// The links drawn: one per filled cell.
    pub fn links(&self) -> usize {
        self.rows().map(EventRow::total).sum()
    }
}

/// The priority matrix of `events` (oldest first, as `query::events` gives them).
pub fn matrix(data: &Dataset, events: &[EventId]) -> PriorityMatrix {
    let linked: Vec<EventId> = events
        .iter()
        .copied()
        .filter(|&e| data.priorities_of(e).len() > 0)
        .collect();
    let used: Vec<PriorityId> = data
        .priority_ids()
        .filter(|&p| {
            linked
                .iter()
                .any(|&e| data.priorities_of(e).any(|l| l.priority == p))
        })
        .collect();
    let row = |e: EventId| {
        let ev = data.event(e);
        EventRow {
            event: e,
            id: ev.id.clone(),
            label: ev.label().to_string(),
            date: human_span(&ev.start, ev.end.as_ref()),
            links: used
                .iter()
                .map(|&p| {
                    data.priorities_of(e)
                        .find(|l| l.priority == p)
                        .map(|l| l.source.clone())
                })
                .collect(),
        }
    };
    let mut series: Vec<Option<&str>> = linked
        .iter()
        .map(|&e| data.event(e).series.as_deref())
        .collect();
    series.sort_by_key(|s| series_rank(*s));
    series.dedup();
    let groups: Vec<Group> = series
        .into_iter()
        .map(|s| Group {
            id: s.unwrap_or("other").to_string(),
            name: series_name(s),
            rows: linked
                .iter()
                .filter(|&&e| data.event(e).series.as_deref() == s)
                .map(|&e| row(e))
                .collect(),
        })
        .collect();
    let columns: Vec<Area> = used
        .iter()
        .enumerate()
        .map(|(j, &p)| Area {
            priority: p,
            id: data.priority(p).id.clone(),
            name: data.priority(p).name.clone(),
            events: groups
                .iter()
                .flat_map(|g| &g.rows)
                .filter(|r| r.links[j].is_some())
                .count(),
        })
        .collect();
    let mut sources: Vec<&str> = groups
        .iter()
        .flat_map(|g| &g.rows)
        .flat_map(|r| r.links.iter().flatten())
        .map(String::as_str)
        .collect();
    sources.sort_unstable();
    sources.dedup();
    PriorityMatrix {
        empty_areas: data
            .priority_ids()
            .filter(|p| !used.contains(p))
            .map(|p| data.priority(p).name.clone())
            .collect(),
        sources: sources.len(),
        columns,
        groups,
        events: events.len(),
        unlinked: events.len() - linked.len(),
        credit: Credit::of(data),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::query::{EventFilter, events};

    #[test]
    fn a_cell_for_every_link_of_the_events_shown_and_no_other() {
        let d = load_embedded().unwrap();
        let all = events(&d, &EventFilter::default());
        let m = matrix(&d, &all);
        assert_eq!(m.links(), d.priority_links().len());
        for r in m.rows() {
            for (a, l) in m.columns.iter().zip(&r.links) {
                let link = d.priorities_of(r.event).find(|x| x.priority == a.priority);
                assert_eq!(
                    l.as_deref(),
                    link.map(|x| x.source.as_str()),
                    "{} {}",
                    r.id,
                    a.id
                );
            }
        }
        let rows: usize = m.groups.iter().map(|g| g.rows.len()).sum();
        assert_eq!(rows + m.unlinked, all.len());
        for (j, a) in m.columns.iter().enumerate() {
            assert!(a.events > 0, "{}", a.id);
            assert_eq!(a.events, m.rows().filter(|r| r.links[j].is_some()).count());
        }
    }

    #[test]
    fn a_series_keeps_only_its_events_and_the_areas_they_are_linked_to() {
        let d = load_embedded().unwrap();
        let net = events(
            &d,
            &EventFilter {
                series: vec!["aisi-network".into()],
                ..Default::default()
            },
        );
        let m = matrix(&d, &net);
        assert_eq!(m.groups.len(), 1);
        assert_eq!(m.groups[0].id, "aisi-network");
        assert!(!m.empty_areas.is_empty());
        let testing = m.columns.iter().position(|a| a.id == "testing").unwrap();
        assert!(
            m.columns[testing].events >= 2,
            "the joint testing exercises"
        );
        assert_eq!(m.columns.len() + m.empty_areas.len(), d.priorities().len());
    }
}
