//! participation.csv: each row checked and turned into a [`Participation`], on its own (it
//! needs only the parties, so it can run while events.csv is read), then resolved against the
//! events once they are known.
//!
//! Events are not known while the rows are read: each row's `event` is first the index of its
//! run (consecutive rows naming the same event id), and [`RowsPass::resolve`] turns runs into
//! events. Grouping, duplicates and counts are [`super::checks`]'s.

use super::parties::Parties;
use super::problem::{Problem, ProblemKind as K, Vocabulary};
use super::schema::{R_DATE, R_EVENT, R_NOTE, R_PARTY, R_ROLE, R_SOURCE};
use super::table::Table;
use crate::date::PartialDate;
use crate::error::Problems;
use crate::model::{EventId, NO_TEXTS, Participation, Role, RowTexts};
use rustc_hash::FxHashMap;
use std::ops::Range;

/// The rows of participation.csv, read and checked on their own.
#[derive(Default)]
pub(super) struct RowsPass {
    /// The file as shown in messages.
    pub display: String,
    /// The file's encoding and header are sound.
    pub read: bool,
    /// Every row was read as CSV (none lost to a misplaced quote or a wrong shape), so the
    /// parties listed for each event can be counted.
    pub complete: bool,
    pub rows: Vec<Participation>,
    pub texts: Vec<RowTexts>,
    /// Each row's line.
    pub lines: Vec<u64>,
    /// Rows left out for another fault whose event must still be checked: (run, line).
    pub orphans: Vec<(usize, u64)>,
    /// The event id of each run, as a range of `run_text`.
    runs: Vec<Range<usize>>,
    run_text: String,
    /// The first row of each run: its rows are `rows[run_rows[r]..run_rows[r + 1]]`.
    run_rows: Vec<usize>,
    /// Parties listed in each run (rows whose role counts, duplicates not counted).
    pub run_listed: Vec<u32>,
    /// Rows that repeat a party of their run: (row, the run's first row for that party).
    pub dups: Vec<(usize, usize)>,
    /// Rows with a date (to compare with their event's start once it is known).
    dated: Vec<usize>,
    pub problems: Problems,
}

/// Read participation.csv (`None` if it could not be opened) against the parties.
pub(super) fn read(table: Option<Table>, parties: &Parties, mut problems: Problems) -> RowsPass {
    let mut pass = RowsPass::default();
    let Some(mut t) = table else {
        pass.problems = problems;
        return pass;
    };
    pass.display = t.display.clone();
    pass.read = true;
    // The largest buffers a load holds (a row and a line number per line), asked for once
    // and fallibly: a file whose rows cannot be held is one message.
    let n = t.line_estimate;
    if crate::memory::try_reserve(&mut pass.rows, n)
        .and_then(|()| crate::memory::try_reserve(&mut pass.lines, n))
        .is_err()
    {
        let bytes = (n * (size_of::<Participation>() + size_of::<u64>())) as u64;
        problems.push(Problem::file(&t.display, K::OutOfMemory { bytes }));
        pass.read = false;
        pass.problems = problems;
        return pass;
    }
    // For each party, the last (run + 1, row) it was seen in.
    let mut seen: Vec<(usize, usize)> = vec![(0, 0); parties.list.len()];
    while let Some(row) = t.next(&mut problems) {
        let ev = row
            .required(R_EVENT, &mut problems)
            .map(|raw| pass.run_of(raw));
        let party = row.required(R_PARTY, &mut problems).and_then(|raw| {
            let found = parties.get(raw);
            if found.is_none()
                && let Some(kind) = parties.unknown(raw)
            {
                problems.push(row.problem(R_PARTY, kind));
            }
            found
        });
        let role = row.word(R_ROLE, Vocabulary::Role, Role::parse, &mut problems);
        let date = row.date(R_DATE, &mut problems);
        let source = row.url(R_SOURCE, &mut problems);
        if role == Some(Role::Joined) && date.is_none() && row.get(R_DATE).is_none() {
            problems.push(row.problem(R_DATE, K::JoinedWithoutDate));
        }
        let (Some(event), Some(party), Some(role)) = (ev, party, role) else {
            pass.orphans.extend(ev.map(|e| (e, row.line)));
            continue;
        };
        let note = row.get(R_NOTE).map(str::to_string);
        let texts = if source.is_some() || note.is_some() {
            pass.texts.push(RowTexts { source, note });
            (pass.texts.len() - 1) as u32
        } else {
            NO_TEXTS
        };
        let i = pass.rows.len();
        let s = &mut seen[party.index()];
        if s.0 == event + 1 {
            pass.dups.push((i, s.1));
        } else {
            *s = (event + 1, i);
            if role.is_party() {
                pass.run_listed[event] += 1;
            }
        }
        if date.is_some() {
            pass.dated.push(i);
        }
        pass.lines.push(row.line);
        pass.rows.push(Participation {
            // the run's event is resolved once the events are known (`resolve`)
            event: EventId::UNRESOLVED,
            party,
            role,
            date,
            texts,
        });
    }
    pass.complete = t.lost.rows == 0;
    pass.problems = problems;
    pass
}

impl RowsPass {
    /// The run of a row naming event `raw`: the current one, or a new one. Rows usually come
    /// grouped by event, so a run is usually a whole event's rows: the id is compared with the
    /// last one, never hashed here.
    fn run_of(&mut self, raw: &str) -> usize {
        match self.runs.last() {
            Some(r) if &self.run_text[r.clone()] == raw => {}
            _ => {
                let at = self.run_text.len();
                self.run_text.push_str(raw);
                self.runs.push(at..self.run_text.len());
                self.run_rows.push(self.rows.len());
                self.run_listed.push(0);
            }
        }
        self.runs.len() - 1
    }

    /// The event id run `i` names.
    pub fn run(&self, i: usize) -> &str {
        &self.run_text[self.runs[i].clone()]
    }

    /// The rows of run `r`.
    pub fn run_range(&self, r: usize) -> Range<usize> {
        let end = self.run_rows.get(r + 1).copied().unwrap_or(self.rows.len());
        self.run_rows[r]..end
    }

    /// Resolve each run's event id (`None`: unknown), check every dated row against its
    /// event's start (`starts`, by event index), and make each row name its event rather than
    /// its run ([`EventId::UNRESOLVED`] if the event is unknown).
    pub fn resolve(
        &mut self,
        event_ix: &FxHashMap<String, EventId>,
        starts: &[PartialDate],
        problems: &mut Problems,
    ) -> Vec<Option<EventId>> {
        let resolved: Vec<Option<EventId>> = (0..self.runs.len())
            .map(|i| event_ix.get(self.run(i)).copied())
            .collect();
        // Rows are in run order, so this is one sequential pass.
        for (r, ev) in resolved.iter().enumerate() {
            let range = self.run_range(r);
            for p in &mut self.rows[range] {
                p.event = ev.unwrap_or(EventId::UNRESOLVED);
            }
        }
        for &i in &self.dated {
            let p = &self.rows[i];
            if let Some(date) = p.date
                && p.event != EventId::UNRESOLVED
                && date.ends_before(&starts[p.event.index()])
            {
                let kind = K::DateBeforeEventStart {
                    date,
                    start: starts[p.event.index()],
                };
                problems.push(Problem::field(
                    &self.display,
                    self.lines[i],
                    R_DATE.name,
                    kind,
                ));
            }
        }
        resolved
    }
}
