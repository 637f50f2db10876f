//! The view of `convene check`: what a valid dataset holds.

use super::status_counts;
use crate::model::Dataset;

/// The counts `convene check` reports for a valid dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatasetSummary {
    pub events: usize,
    pub parties: usize,
    pub participation: usize,
    pub priorities: usize,
    pub priority_links: usize,
    pub sources: usize,
    /// Events whose party list is complete, partial, or not kept.
    pub complete: usize,
    pub partial: usize,
    pub unkept: usize,
}

/// Count what `data` holds.
pub fn dataset_summary(data: &Dataset) -> DatasetSummary {
    let (complete, partial, unkept) = status_counts(data, data.event_ids());
    DatasetSummary {
        events: data.events().len(),
        parties: data.parties().len(),
        participation: data.rows().len(),
        priorities: data.priorities().len(),
        priority_links: data.priority_links().len(),
        sources: data.source_count(),
        complete,
        partial,
        unkept,
    }
}
