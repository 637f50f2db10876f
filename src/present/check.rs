//! `convene check`: the one-line summary of a valid dataset.

use crate::date::human_span;
use crate::query::{DatasetSummary, StaleList};

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

/// "events/events.csv:3: column list_as_of: warning: bletchley-2023: the list is as of …", at
/// the row to edit (`file` is how the events file is shown).
pub fn stale(s: &StaleList, file: &str) -> String {
    format!(
        "{file}:{}: column list_as_of: warning: {}: the list is as of {}, more than a year before the newest event ({}); check it against its sources and update list_as_of",
        s.line,
        s.event,
        human_span(&s.list_as_of, None),
        human_span(&s.newest, None)
    )
}
