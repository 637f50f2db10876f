//! `convene check`: the one-line summary of a valid dataset.

use crate::query::DatasetSummary;

/// "ok: 42 events, … sources; party lists: 30 complete, 10 partial, 2 not kept\n".
pub fn check(s: &DatasetSummary) -> String {
    format!(
        "ok: {} events, {} parties, {} participation rows, {} priority areas, {} priority links, {} sources; party lists: {} complete, {} partial, {} not kept\n",
        s.events,
        s.parties,
        s.participation,
        s.priorities,
        s.priority_links,
        s.sources,
        s.complete,
        s.partial,
        s.unkept
    )
}
