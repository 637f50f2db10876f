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
    super::emit(present::events(&list, a.format.get(), super::width())?)
}
