//! event_priorities.csv: each row checked and resolved into an [`EventPriority`], the links
//! put in the dataset's order (event, then priority), and repeated links reported.
//!
//! It reads only its own table; events and priorities are read before it.

use super::events::Events;
use super::priorities::Priorities;
use super::problem::{Problem, ProblemKind as K};
use super::schema::{L_EVENT, L_PRIORITY, L_SOURCE};
use super::table::Table;
use crate::error::Problems;
use crate::model::{EventId, EventPriority, PriorityId};
use crate::text::suggest;

/// Read event_priorities.csv (`None` if it could not be opened) against the sorted events.
pub(super) fn read(
    table: Option<&mut Table>,
    events: &Events,
    priorities: &Priorities,
    problems: &mut Problems,
) -> Vec<EventPriority> {
    let Some(t) = table else {
        return Vec::new();
    };
    let mut links = Vec::with_capacity(t.line_estimate);
    let mut lines: Vec<u64> = Vec::with_capacity(t.line_estimate);
    let mut last_event: Option<(String, EventId)> = None;
    while let Some(row) = t.next(problems) {
        let ev = row.required(L_EVENT, problems).and_then(|raw| {
            // Links usually come grouped by event: the last one found is tried first.
            if let Some((id, ix)) = &last_event
                && id == raw
            {
                return Some(*ix);
            }
            let found = events.ix.get(raw).copied();
            match found {
                Some(ix) => last_event = Some((raw.to_string(), ix)),
                None => {
                    if let Some(kind) = events.unknown(raw) {
                        problems.push(row.problem(L_EVENT, kind));
                    }
                }
            }
            found
        });
        let pr = row.required(L_PRIORITY, problems).and_then(|raw| {
            let found = priorities.ix.get(raw).copied();
            if found.is_none() && priorities.report_unknown(raw) {
                let ids = priorities.list.iter().map(|p| p.id.as_str());
                let kind = K::UnknownPriority {
                    value: raw.to_string(),
                    suggestion: suggest(raw, ids),
                };
                problems.push(row.problem(L_PRIORITY, kind));
            }
            found
        });
        let source = row.required_url(L_SOURCE, problems);
        let (Some(event), Some(priority), Some(source)) = (ev, pr, source) else {
            continue;
        };
        lines.push(row.line);
        links.push(EventPriority {
            event,
            priority,
            source,
        });
    }
    sort_links(&t.display, links, &lines, events, priorities, problems)
}

/// Put the links in the dataset's order (event, then priority) by sorting compact keys; a
/// duplicate then follows the first row of its pair, since the row index (file order) breaks
/// ties, and is reported and dropped.
fn sort_links(
    display: &str,
    mut unsorted: Vec<EventPriority>,
    lines: &[u64],
    events: &Events,
    priorities: &Priorities,
    problems: &mut Problems,
) -> Vec<EventPriority> {
    // (event, priority) pairs, the row's place in the file breaking ties.
    let mut keys: Vec<((EventId, PriorityId), u32)> = unsorted
        .iter()
        .enumerate()
        .map(|(i, l)| ((l.event, l.priority), i as u32))
        .collect();
    keys.sort_unstable();
    let mut links = Vec::with_capacity(unsorted.len());
    let mut run_first = 0usize;
    for n in 0..keys.len() {
        let i = keys[n].1 as usize;
        if n > 0 && keys[n].0 == keys[n - 1].0 {
            let first = keys[run_first].1 as usize;
            let l = &unsorted[i];
            let kind = K::DuplicateLink {
                priority: priorities.list[l.priority].id.clone(),
                event: events.list[l.event].id.clone(),
                first_line: lines[first],
            };
            problems.push(Problem::field(display, lines[i], L_PRIORITY.name, kind));
            continue;
        }
        run_first = n;
        let l = &mut unsorted[i];
        links.push(EventPriority {
            event: l.event,
            priority: l.priority,
            source: std::mem::take(&mut l.source),
        });
    }
    links
}
