//! `convene events`: list events, oldest first.

use crate::cli::{ChartFilterArgs, Cli, EventsArgs};
use crate::error::Result;
use crate::model::Dataset;
use crate::present;
use crate::query::{self, EventFilter};

pub fn run(cli: &Cli, a: &EventsArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let filter = query::plan(data, &a.filter.spec())?;
    let list: Vec<_> = query::events(data, &filter)
        .into_iter()
        .map(|i| query::summary(data, i))
        .collect();
    super::emit(present::events(&list, a.format.get(), super::width())?)
}

/// Compatibility for `commands/timeline.rs` until it calls [`query::plan`] itself.
pub fn plan_chart(data: &Dataset, f: &ChartFilterArgs) -> Result<EventFilter> {
    query::plan(data, &f.spec())
}
