//! The view of `convene check`: what a valid dataset holds.

use super::partial_count;
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
    /// Events whose list is known to be incomplete.
    pub partial: usize,
}

/// Count what `data` holds.
pub fn dataset_summary(data: &Dataset) -> DatasetSummary {
    DatasetSummary {
        events: data.events().len(),
        parties: data.parties().len(),
        participation: data.rows().len(),
        priorities: data.priorities().len(),
        priority_links: data.priority_links().len(),
        sources: data.source_count(),
        partial: partial_count(data, data.event_ids()),
    }
}
