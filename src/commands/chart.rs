//! `convene chart membership`, `convene chart priorities` and `convene chart growth`.

use crate::cli::{ChartCommand, Cli};
use crate::error::Result;
use crate::model::catalog;
use crate::query::resolve;
use crate::query::{self, EventFilter};
use crate::render::growth::{self, GrowthOptions};
use crate::render::membership::{self, MembershipOptions};
use crate::render::priorities::{self, PrioritiesOptions};

pub fn run(cli: &Cli, c: &ChartCommand) -> Result<()> {
    match c {
        ChartCommand::Membership(a) => {
            let out = super::ChartPlan::resolve(&a.out)?;
            out.check_terminal()?;
            let data = super::dataset(cli)?;
            let events = if !a.events.is_empty() {
                let mut v = a
                    .events
                    .iter()
                    .map(|e| resolve::event(data, e))
                    .collect::<Result<Vec<_>>>()?;
                v.sort_unstable();
                v.dedup();
                v
            } else if let Some(s) = &a.series {
                let s = resolve::series(data, s)?;
                query::events(
                    data,
                    &EventFilter {
                        series: vec![s],
                        ..Default::default()
                    },
                )
            } else {
                catalog::core_events(data)
            };
            let spec = query::membership::Spec {
                kinds: query::chart::counted_or_default(&a.party_kind),
                min_events: a.min_events,
                max_rows: Some(a.max_rows),
            };
            let view = query::membership::matrix_of(data, &events, &spec);
            let opts = MembershipOptions {
                title: a.title.clone(),
                source: super::data_source(cli),
            };
            let svg = membership::render(&view, &opts)?;
            out.write(&svg)
        }
        ChartCommand::Priorities(a) => {
            let out = super::ChartPlan::resolve(&a.out)?;
            out.check_terminal()?;
            let data = super::dataset(cli)?;
            let filter = query::plan(data, &a.filter.spec())?;
            let events = query::events(data, &filter);
            let view = query::priorities::matrix(data, &events);
            let opts = PrioritiesOptions {
                title: a.title.clone(),
                source: super::data_source(cli),
            };
            let svg = priorities::render(&view, &opts)?;
            out.write(&svg)
        }
        ChartCommand::Growth(a) => {
            let out = super::ChartPlan::resolve(&a.out)?;
            out.check_terminal()?;
            let data = super::dataset(cli)?;
            let series = a
                .series
                .as_deref()
                .map(|s| resolve::series(data, s))
                .transpose()?;
            let events = query::events(
                data,
                &EventFilter {
                    series: series.into_iter().collect(),
                    ..Default::default()
                },
            );
            let counted = query::chart::counted_or_default(&a.party_kind);
            let view = query::growth::lines_of(data, &events, &counted);
            let opts = GrowthOptions {
                title: a.title.clone(),
                width: Some(a.width),
                source: super::data_source(cli),
            };
            let svg = growth::render(&view, &opts)?;
            out.write(&svg)
        }
    }
}
