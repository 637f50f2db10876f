//! priorities.csv: each row checked and turned into a [`Priority`], ids checked to be unique.
//!
//! It reads only its own table; event_priorities.csv resolves its references through
//! [`Priorities::ix`].

use super::problem::{Entity, ProblemKind as K};
use super::schema::{PR_DESCRIPTION, PR_ID, PR_NAME};
use super::table::Table;
use crate::error::Problems;
use crate::model::{Priority, PriorityId};
use rustc_hash::{FxHashMap, FxHashSet};

/// The priorities and their id map.
#[derive(Default)]
pub(super) struct Priorities {
    pub list: Vec<Priority>,
    pub ix: FxHashMap<String, PriorityId>,
    /// Ids whose rows are defined but invalid or lost: references to them are not reported
    /// again.
    pub bad: FxHashSet<String>,
    /// priorities.csv could be read, and every row or at least the id of every row lost;
    /// otherwise no reference to a priority is reported.
    pub ok: bool,
}

impl Priorities {
    /// Whether a reference to `raw`, which names no priority, is to be reported.
    pub fn report_unknown(&self, raw: &str) -> bool {
        self.ok && !self.bad.contains(raw)
    }
}

/// Read priorities.csv (`None` if it could not be opened).
pub(super) fn read(table: Option<&mut Table>, problems: &mut Problems) -> Priorities {
    let mut out = Priorities::default();
    let Some(t) = table else {
        return out;
    };
    out.ok = true;
    let mut seen: FxHashMap<String, u64> = FxHashMap::default();
    while let Some(row) = t.next(problems) {
        let id = row.slug(PR_ID, problems);
        let name = row.required(PR_NAME, problems);
        let (Some(id), Some(name)) = (id, name) else {
            // Links to this row would only repeat its problem.
            out.bad.extend(row.get(PR_ID).map(str::to_string));
            continue;
        };
        if let Some(&first_line) = seen.get(id) {
            let kind = K::DuplicateId {
                entity: Entity::Priority,
                id: id.to_string(),
                first_line,
            };
            problems.push(row.problem(PR_ID, kind));
            continue;
        }
        seen.insert(id.to_string(), row.line);
        out.ix
            .insert(id.to_string(), PriorityId::new(out.list.len()));
        out.list.push(Priority {
            id: id.to_string(),
            name: name.to_string(),
            description: row.get(PR_DESCRIPTION).map(str::to_string),
        });
    }
    out.bad.extend(std::mem::take(&mut t.lost.keys));
    out.ok = !t.lost.unknown_key;
    out
}
