//! `convene check`: the one-line summary of a valid dataset.

use crate::query::DatasetSummary;

/// "ok: 42 events, … sources; 3 events have partial party lists\n".
pub fn check(s: &DatasetSummary) -> String {
    format!(
        "ok: {} events, {} parties, {} participation rows, {} priority areas, {} priority links, {} sources; {} events have partial party lists\n",
        s.events, s.parties, s.participation, s.priorities, s.priority_links, s.sources, s.partial
    )
}
