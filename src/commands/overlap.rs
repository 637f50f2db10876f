//! `convene overlap A B C…`: the parties of several events, in all, some or none of them.

use crate::cli::{Cli, OverlapArgs};
use crate::error::{Error, Result};
use crate::present;
use crate::query::{self, overlap, resolve};

pub fn run(cli: &Cli, a: &OverlapArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let f = &a.filter;
    let filtered = !f.kind.is_empty()
        || !f.series.is_empty()
        || !f.priority.is_empty()
        || f.from.is_some()
        || f.to.is_some();
    let events = match (a.events.is_empty(), filtered) {
        (false, true) => {
            return Err(Error::Usage(
                "give the events or filters (--kind, --series, …), not both".into(),
            ));
        }
        (false, false) => a
            .events
            .iter()
            .map(|e| resolve::event(data, e))
            .collect::<Result<Vec<_>>>()?,
        (true, true) => query::events(data, &query::plan(data, &f.spec())?),
        (true, false) => {
            return Err(Error::Usage(
                "give two or more events, or select them with --kind, --series, --priority, --from or --to".into(),
            ));
        }
    };
    let mut distinct = events.clone();
    distinct.sort();
    distinct.dedup();
    if distinct.len() < 2 {
        return Err(Error::Usage(format!(
            "overlap compares two or more events; {} selected",
            distinct.len()
        )));
    }
    let view = overlap::overlap(data, &distinct, a.party_kind, a.none);
    super::emit(present::overlap(&view, a.format.get(), super::width())?)
}
