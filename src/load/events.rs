//! events.csv: each row checked and turned into an [`Event`], ids checked to be unique, and
//! the events sorted into the dataset's order once their references are linked.
//!
//! It reads only its own table. The `parent` and `host` fields are kept raw ([`Events::refs`])
//! for [`super::checks`] to resolve once every event and party is known.

use super::problem::{Entity, Problem, ProblemKind as K, Vocabulary};
use super::schema::{
    E_AS_OF, E_CITY, E_END, E_HOST, E_ID, E_KIND, E_LIST, E_NAME, E_NOTE, E_PARENT, E_REPORTED,
    E_SERIES, E_SHORT, E_SOURCE, E_START,
};
use super::table::{Row, Table};
use crate::error::Problems;
use crate::model::{Event, EventId, EventKind, ListStatus, PartyList};
use crate::text::is_slug;
use rustc_hash::{FxHashMap, FxHashSet};
use std::collections::hash_map::Entry;
use std::ops::Range;

/// The events, and what references to them need.
#[derive(Default)]
pub(super) struct Events {
    pub list: Vec<Event>,
    pub ix: FxHashMap<String, EventId>,
    /// The line of each event.
    pub lines: Vec<u64>,
    /// Ids whose rows are defined but invalid: references to them are not reported again.
    pub bad: FxHashSet<String>,
    /// events.csv as shown, if it was read and has rows; otherwise no reference to an event is
    /// reported (without events, each would only repeat that problem).
    pub display: Option<String>,
    /// Every row of events.csv was read, or at least the id of every row lost (see
    /// [`super::table::Lost`]); otherwise references to events are not checked, since the
    /// event named may be in a lost row.
    pub complete: bool,
    /// Each event's raw `parent` and `host` fields, until they are resolved.
    pub refs: Refs,
}

/// The raw `parent` and `host` fields of each event, as ranges of one buffer (not two strings
/// per event).
#[derive(Default)]
pub(super) struct Refs {
    text: String,
    fields: Vec<(Span, Span)>,
}

/// Where a raw field is in [`Refs::text`], if it is not empty.
type Span = Option<Range<usize>>;

impl Refs {
    fn push(&mut self, parent: Option<&str>, hosts: Option<&str>) {
        let mut keep = |v: Option<&str>| {
            v.map(|v| {
                let at = self.text.len();
                self.text.push_str(v);
                at..self.text.len()
            })
        };
        let field = (keep(parent), keep(hosts));
        self.fields.push(field);
    }
    /// Event `i`'s raw parent and hosts.
    pub fn get(&self, i: usize) -> (Option<&str>, Option<&str>) {
        let (p, h) = &self.fields[i];
        (
            p.clone().map(|r| &self.text[r]),
            h.clone().map(|r| &self.text[r]),
        )
    }
}

impl Events {
    /// Whether references to events are checked.
    pub fn ok(&self) -> bool {
        self.display.is_some() && self.complete
    }

    /// What to report about a reference to `raw`, which names no event: nothing if references
    /// are not checked or `raw`'s own row was bad or lost (that was reported already).
    pub fn unknown(&self, raw: &str) -> Option<K> {
        (self.ok() && !self.bad.contains(raw))
            .then(|| super::checks::unknown_event(&self.list, raw))
    }

    /// Sort the events (oldest first, then by id): every event index from here on is into the
    /// sorted list, and so are the lines.
    pub fn sort(&mut self) {
        let remap = crate::model::sort_events(&mut self.list);
        let mut lines = vec![0; self.list.len()];
        for (old, &line) in self.lines.iter().enumerate() {
            lines[remap[old]] = line;
        }
        self.lines = lines;
        for v in self.ix.values_mut() {
            *v = EventId::new(remap[v.index()]);
        }
    }
}

/// Read events.csv (`None` if it could not be opened): fields and ids. References are
/// resolved once all ids are known.
pub(super) fn read(table: Option<&mut Table>, problems: &mut Problems) -> Events {
    let mut out = Events::default();
    let Some(t) = table else {
        return out;
    };
    // Sized once: growing a vector of large structs by doubling copies it again and again.
    // Asked for fallibly: a file whose events cannot be held is one message.
    let n = t.line_estimate;
    let sized = crate::memory::fallibly(|| {
        out.list.try_reserve_exact(n).is_ok()
            && out.lines.try_reserve_exact(n).is_ok()
            && out.ix.try_reserve(n).is_ok()
    });
    if !sized {
        let bytes = (n * (size_of::<Event>() + size_of::<u64>())) as u64;
        problems.push(Problem::file(&t.display, K::OutOfMemory { bytes }));
        return out;
    }
    while let Some(row) = t.next(problems) {
        let Some(event) = event(&row, problems) else {
            out.bad.extend(row.get(E_ID).map(str::to_string));
            continue;
        };
        match out.ix.entry(event.id.clone()) {
            Entry::Occupied(first) => {
                let kind = K::DuplicateId {
                    entity: Entity::Event,
                    id: event.id,
                    first_line: out.lines[first.get().index()],
                };
                problems.push(row.problem(E_ID, kind));
                continue;
            }
            Entry::Vacant(slot) => {
                slot.insert(EventId::new(out.list.len()));
            }
        }
        out.lines.push(row.line);
        out.refs.push(row.get(E_PARENT), row.get(E_HOST));
        out.list.push(event);
    }
    if t.rows_seen == 0 {
        problems.push(Problem::file(&t.display, K::NoEvents));
    } else {
        out.display = Some(t.display.clone());
    }
    out.bad.extend(std::mem::take(&mut t.lost.keys));
    out.complete = !t.lost.unknown_key;
    out
}

/// One row as an event (without its parent and hosts), or `None` if a field is bad.
fn event(row: &Row, problems: &mut Problems) -> Option<Event> {
    let id = row.slug(E_ID, problems);
    let name = row.required(E_NAME, problems);
    let kind = row.word(E_KIND, Vocabulary::EventKind, EventKind::parse, problems);
    let start = match row.required(E_START, problems) {
        Some(_) => row.date(E_START, problems),
        None => None,
    };
    let end = row.date(E_END, problems);
    if let (Some(start), Some(end)) = (start, end)
        && end.ends_before(&start)
    {
        problems.push(row.problem(E_END, K::EndBeforeStart { end, start }));
    }
    let series = row.get(E_SERIES);
    if let Some(s) = series
        && !is_slug(s)
    {
        let kind = K::NotASeries {
            value: s.to_string(),
        };
        problems.push(row.problem(E_SERIES, kind));
    }
    let reported_raw = row.get(E_REPORTED);
    let reported_count = reported_raw.and_then(|r| match r.parse::<u32>() {
        Ok(n) => Some(n),
        Err(e) => {
            let value = r.to_string();
            let kind = match e.kind() {
                std::num::IntErrorKind::PosOverflow => K::CountTooLarge { value },
                _ => K::NotACount { value },
            };
            problems.push(row.problem(E_REPORTED, kind));
            None
        }
    });
    if let Some(h) = row.get(E_HOST)
        && h.split(';').any(|e| e.trim().is_empty())
    {
        let kind = K::EmptyListEntry {
            value: h.to_string(),
        };
        problems.push(row.problem(E_HOST, kind));
    }
    let status = row.word(E_LIST, Vocabulary::ListStatus, ListStatus::parse, problems);
    let as_of = row.date(E_AS_OF, problems);
    // A list_as_of that is written but not a date was reported; checks that need the date
    // would only repeat it, so the row is left out like any other bad row.
    let as_of_bad = as_of.is_none() && row.get(E_AS_OF).is_some();
    if let (Some(as_of), Some(start)) = (as_of, start)
        && as_of.ends_before(&start)
    {
        problems.push(row.problem(E_AS_OF, K::ListDateBeforeStart { as_of, start }));
    }
    if status == Some(ListStatus::Complete) && reported_raw.is_some() {
        problems.push(row.problem(E_REPORTED, K::CountOnCompleteList));
    }
    if let Some(kind) = kind
        && status == Some(ListStatus::Complete)
        && as_of.is_none()
        && !as_of_bad
        && matches!(kind, EventKind::Treaty | EventKind::Commitment)
    {
        problems.push(row.problem(E_AS_OF, K::OpenListWithoutDate { kind }));
    }
    let source = row.required_url(E_SOURCE, problems);
    let (Some(id), Some(name), Some(kind), Some(start), Some(status), Some(source), false) =
        (id, name, kind, start, status, source, as_of_bad)
    else {
        return None;
    };
    Some(Event {
        id: id.to_string(),
        name: name.to_string(),
        short: row.get(E_SHORT).map(str::to_string),
        kind,
        start,
        end,
        series: series.map(str::to_string),
        parent: None,
        city: row.get(E_CITY).map(str::to_string),
        hosts: Vec::new(),
        list: PartyList {
            status,
            reported: reported_count,
            as_of,
        },
        source,
        note: row.get(E_NOTE).map(str::to_string),
        line: u32::try_from(row.line).unwrap_or(u32::MAX),
    })
}
