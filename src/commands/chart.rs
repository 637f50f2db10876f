//! `convene chart membership` and `convene chart growth`.

use crate::cli::{ChartCommand, Cli};
use crate::error::{Error, Result};
use crate::query::resolve;
use crate::query::{self, EventFilter};
use crate::render::growth::{self, GrowthOptions};
use crate::render::membership::{self, MembershipOptions};

pub fn run(cli: &Cli, c: &ChartCommand) -> Result<()> {
    let data = super::dataset(cli)?;
    match c {
        ChartCommand::Membership(a) => {
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
                        series: Some(s),
                        ..Default::default()
                    },
                )
            } else {
                super::render::core_events(data)
            };
            let opts = MembershipOptions {
                title: a.title.clone(),
                min_events: a.min_events,
            };
            let svg = membership::render(data, &events, &opts).map_err(Error::Lookup)?;
            super::write_chart(a.output.as_deref(), &svg)
        }
        ChartCommand::Growth(a) => {
            let series = a
                .series
                .as_deref()
                .map(|s| resolve::series(data, s))
                .transpose()?;
            let events = query::events(
                data,
                &EventFilter {
                    series,
                    ..Default::default()
                },
            );
            let svg = growth::render(
                data,
                &events,
                &GrowthOptions {
                    title: a.title.clone(),
                    width: None,
                },
            )
            .map_err(Error::Lookup)?;
            super::write_chart(a.output.as_deref(), &svg)
        }
    }
}
