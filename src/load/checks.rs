//! The checks that need more than one file or more than one row: references between files,
//! `parent` cycles, duplicate participation rows, and reported counts against listed rows.
//!
//! They work on what the per-file passes built; nothing here reads a table.

use super::events::Events;
use super::participation::RowsPass;
use super::parties::Parties;
use super::problem::{Problem, ProblemKind as K};
use super::schema::{E_AS_OF, E_HOST, E_LIST, E_PARENT, E_REPORTED, R_EVENT, R_PARTY};
use crate::error::Problems;
use crate::model::{Event, EventId, Groups, ListStatus, PartyId, Role};
use crate::text::suggest;
use rustc_hash::FxHashMap;

/// `unknown event "X"`, with the likeliest event meant.
pub(super) fn unknown_event(events: &[Event], raw: &str) -> K {
    K::UnknownEvent {
        value: raw.to_string(),
        suggestion: suggest(raw, events.iter().map(|e| e.id.as_str())),
    }
}

/// Resolve each event's `parent` and `host` fields, reporting those that name nothing.
pub(super) fn link_references(events: &mut Events, parties: &Parties, problems: &mut Problems) {
    let Some(display) = events.display.as_deref() else {
        return;
    };
    let n = events.list.len();
    let mut parents: Vec<Option<EventId>> = vec![None; n];
    let mut hosts: Vec<Vec<PartyId>> = vec![Vec::new(); n];
    for i in 0..n {
        let (parent, host) = events.refs.get(i);
        let line = events.lines[i];
        if let Some(raw) = parent {
            match events.ix.get(raw) {
                Some(&j) if j.index() == i => {
                    problems.push(Problem::field(display, line, E_PARENT.name, K::OwnParent));
                }
                Some(&j) => parents[i] = Some(j),
                None => {
                    if let Some(kind) = events.unknown(raw) {
                        problems.push(Problem::field(display, line, E_PARENT.name, kind));
                    }
                }
            }
        }
        // Empty entries (`GBR;;FRA`) were reported, once per field, by the events pass.
        for h in host
            .into_iter()
            .flat_map(|raw| raw.split(';'))
            .map(str::trim)
            .filter(|h| !h.is_empty())
        {
            match parties.get(h) {
                Some(j) if hosts[i].contains(&j) => {}
                Some(j) => hosts[i].push(j),
                None => {
                    if let Some(kind) = parties.unknown(h) {
                        problems.push(Problem::field(display, line, E_HOST.name, kind));
                    }
                }
            }
        }
    }
    for ((e, p), h) in events.list.iter_mut().zip(parents).zip(hosts) {
        e.parent = p;
        e.hosts = h;
    }
}

/// Report each `parent` cycle once, at its first member in file order, in linear time: every
/// event is walked at most once (each has one parent, so a walk is a path; colours mark the
/// events on the current path and those already finished). No recursion, so a chain of any
/// length cannot overflow the stack.
pub(super) fn parent_cycles(events: &Events, problems: &mut Problems) {
    let Some(display) = events.display.as_deref() else {
        return;
    };
    const NEW: u8 = 0;
    const ON_PATH: u8 = 1;
    const DONE: u8 = 2;
    let list = &events.list;
    let mut colour = vec![NEW; list.len()];
    let mut path: Vec<EventId> = Vec::new();
    for start in (0..list.len()).map(EventId::new) {
        path.clear();
        let mut cur = Some(start);
        while let Some(c) = cur {
            match colour[c.index()] {
                NEW => {
                    colour[c.index()] = ON_PATH;
                    path.push(c);
                    cur = list[c].parent;
                }
                ON_PATH => {
                    // The path came back to `c`: the cycle is the path from `c` on.
                    let at = path.iter().position(|&e| e == c).unwrap_or(0);
                    let cycle = &path[at..];
                    let first = cycle
                        .iter()
                        .enumerate()
                        .min_by_key(|(_, e)| **e)
                        .map_or(0, |(k, _)| k);
                    let ids: Vec<String> = cycle[first..]
                        .iter()
                        .chain(&cycle[..first])
                        .map(|&e| list[e].id.clone())
                        .collect();
                    let line = events.lines[cycle[first].index()];
                    let kind = K::ParentCycle { events: ids };
                    problems.push(Problem::field(display, line, E_PARENT.name, kind));
                    break;
                }
                _ => break, // finished before: its cycle, if any, was reported
            }
        }
        for &e in &path {
            colour[e.index()] = DONE;
        }
    }
}

/// Report an unknown event on every participation row that names it (`resolved`: each run's
/// event). Each distinct id's suggestion is searched for once.
pub(super) fn unknown_events(
    pass: &RowsPass,
    resolved: &[Option<EventId>],
    events: &Events,
    problems: &mut Problems,
) {
    if !events.ok() {
        return;
    }
    let mut kinds: FxHashMap<&str, K> = FxHashMap::default();
    let mut unknown = |run: usize, line: u64, problems: &mut Problems| {
        let raw = pass.run(run);
        if !events.bad.contains(raw) {
            // Each distinct id's suggestion is searched for once.
            let kind = kinds
                .entry(raw)
                .or_insert_with(|| unknown_event(&events.list, raw));
            problems.push(Problem::field(
                &pass.display,
                line,
                R_EVENT.name,
                kind.clone(),
            ));
        }
    };
    for &(run, line) in &pass.orphans {
        if resolved[run].is_none() {
            unknown(run, line, problems);
        }
    }
    for (r, ev) in resolved.iter().enumerate() {
        if ev.is_none() {
            for i in pass.run_range(r) {
                unknown(r, pass.lines[i], problems);
            }
        }
    }
}

/// Group the participation rows by event, report rows that repeat an event's party, and count
/// each event's listed parties. Rows of unknown events (reported already) are left out.
pub(super) fn group_rows(
    pass: &mut RowsPass,
    resolved: &[Option<EventId>],
    events: &Events,
    parties: &Parties,
    problems: &mut Problems,
) -> (Groups, Vec<u32>) {
    let duplicate = |pass: &RowsPass, i: usize, first: usize, ev: EventId| {
        let kind = K::DuplicateRow {
            party: parties.list[pass.rows[i].party].id.clone(),
            event: events.list[ev].id.clone(),
            first_line: pass.lines[first],
        };
        Problem::field(&pass.display, pass.lines[i], R_PARTY.name, kind)
    };
    // Usually each event's rows are one run, already checked for duplicates and counted by the
    // pass: the groups are then just the runs, in event order.
    const NO_RUN: usize = usize::MAX;
    let n = events.list.len();
    let mut run_of = vec![NO_RUN; n];
    let mut one_run_each = true;
    for (r, ev) in resolved.iter().enumerate() {
        if let Some(e) = *ev {
            if run_of[e.index()] != NO_RUN {
                one_run_each = false;
                break;
            }
            run_of[e.index()] = r;
        }
    }
    let mut listed = vec![0u32; n];
    if one_run_each {
        for &(i, first) in &pass.dups {
            let ev = pass.rows[i].event;
            if ev != EventId::UNRESOLVED {
                problems.push(duplicate(pass, i, first, ev));
            }
        }
        let mut starts = Vec::with_capacity(n + 1);
        let mut items = Vec::with_capacity(pass.rows.len());
        for (e, &r) in run_of.iter().enumerate() {
            starts.push(items.len() as u32);
            if r != NO_RUN {
                listed[e] = pass.run_listed[r];
                items.extend(pass.run_range(r).map(|i| i as u32));
            }
        }
        starts.push(items.len() as u32);
        return (Groups::from_parts(starts, items), listed);
    }
    // An event's rows are spread over the file: group every row (in file order within each
    // event), finding duplicates and counting parties in one pass.
    if pass.rows.iter().any(|p| p.event == EventId::UNRESOLVED) {
        let keep: Vec<bool> = pass
            .rows
            .iter()
            .map(|p| p.event != EventId::UNRESOLVED)
            .collect();
        let mut k = keep.iter();
        pass.rows.retain(|_| k.next().copied().unwrap_or(false));
        let mut k = keep.iter();
        pass.lines.retain(|_| k.next().copied().unwrap_or(false));
    }
    let by_event = Groups::build(
        n,
        pass.rows
            .iter()
            .enumerate()
            .map(|(i, p)| (p.event.index(), i as u32)),
    );
    // For each party, the last (event, row) it was seen in.
    let mut last_seen: Vec<(usize, usize)> = vec![(usize::MAX, 0); parties.list.len()];
    for (ev, count) in listed.iter_mut().enumerate() {
        for &i in &by_event[ev] {
            let i = i as usize;
            let p = &pass.rows[i];
            let seen = &mut last_seen[p.party.index()];
            if seen.0 == ev {
                problems.push(duplicate(pass, i, seen.1, EventId::new(ev)));
                continue;
            }
            *seen = (ev, i);
            if p.role.is_party() {
                *count += 1;
            }
        }
    }
    (by_event, listed)
}

/// Each list's status against its rows: a reported count below the listed parties, a partial
/// list whose rows reach its count, a `none` list with parties, and a complete list that can
/// grow (it has `joined` rows) without the date it was checked.
pub(super) fn list_statuses(
    events: &Events,
    listed: &[u32],
    pass: &RowsPass,
    problems: &mut Problems,
) {
    let Some(display) = events.display.as_deref() else {
        return;
    };
    let mut joined = vec![false; events.list.len()];
    for p in &pass.rows {
        // a joined row without its date was reported already
        if p.role == Role::Joined && p.date.is_some() && p.event != EventId::UNRESOLVED {
            joined[p.event.index()] = true;
        }
    }
    for (i, e) in events.list.iter().enumerate() {
        let line = events.lines[i];
        let n = listed[i];
        let (column, kind) = match (e.list.status, e.list.reported) {
            (_, Some(reported)) if reported < n => (
                E_REPORTED.name,
                K::ReportedBelowListed {
                    reported,
                    listed: n,
                },
            ),
            (ListStatus::Partial, Some(reported)) if reported == n && n > 0 => {
                (E_LIST.name, K::PartialListReachesCount { reported })
            }
            (ListStatus::None, _) if n > 0 => (E_LIST.name, K::PartiesOnUnkeptList { listed: n }),
            (ListStatus::Complete, _) if joined[i] && e.list.as_of.is_none() && !e.stays_open() => {
                (E_AS_OF.name, K::JoinedListWithoutDate)
            }
            _ => continue,
        };
        problems.push(Problem::field(display, line, column, kind));
    }
}
