//! `convene events`: list events, oldest first.

use crate::cli::{Cli, EventsArgs, FilterArgs};
use crate::error::Result;
use crate::model::Dataset;
use crate::query::{self, EventFilter};
use crate::{format, resolve};

/// Resolve the filter options against the dataset (unknown party, series or priority is an error).
pub fn plan(data: &Dataset, f: &FilterArgs) -> Result<EventFilter> {
    let mut filter = plan_chart(data, &f.chart)?;
    filter.party = f
        .party
        .as_deref()
        .map(|p| resolve::party(data, p))
        .transpose()?;
    Ok(filter)
}

/// Resolve the chart filters (the same as `events`, without `--party`).
pub fn plan_chart(data: &Dataset, f: &crate::cli::ChartFilterArgs) -> Result<EventFilter> {
    Ok(EventFilter {
        kinds: f.kind.clone(),
        series: f
            .series
            .as_deref()
            .map(|s| resolve::series(data, s))
            .transpose()?,
        party: None,
        priority: f
            .priority
            .as_deref()
            .map(|p| resolve::priority(data, p))
            .transpose()?,
        from: f.from,
        to: f.to,
    })
}

pub fn run(cli: &Cli, a: &EventsArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let filter = plan(data, &a.filter)?;
    let list: Vec<_> = query::events(data, &filter)
        .into_iter()
        .map(|i| query::summary(data, i))
        .collect();
    super::emit(format::events(&list, a.format.format))
}
