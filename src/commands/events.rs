//! `convene events`: list events, oldest first.

use crate::cli::{Cli, EventsArgs};
use crate::error::Result;
use crate::present;
use crate::query;

pub fn run(cli: &Cli, a: &EventsArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let filter = query::plan(data, &a.filter.spec())?;
    let list: Vec<_> = query::events(data, &filter)
        .into_iter()
        .map(|i| query::summary(data, i))
        .collect();
    let mut r = present::events(&list, a.format.get(), super::width())?;
    if list.is_empty() {
        r.stderr.push("note: no event matches these filters".into());
    }
    super::emit(r)
}
