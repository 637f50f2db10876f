//! `convene timeline`: the timeline SVG.

use crate::cli::{Cli, TimelineArgs};
use crate::error::Result;
use crate::query::{self, resolve};
use crate::render::timeline::{self, TimelineOptions};

pub fn run(cli: &Cli, a: &TimelineArgs) -> Result<()> {
    let out = super::ChartPlan::resolve(&a.out)?;
    out.check_terminal()?;
    let data = super::dataset(cli)?;
    let filter = query::plan(data, &a.filter.spec())?;
    let highlight = a
        .party
        .as_deref()
        .map(|p| resolve::party(data, p))
        .transpose()?;
    let events = query::events(data, &filter);
    let view = query::timeline::lanes(
        data,
        &events,
        highlight,
        &query::chart::counted_or_default(&a.party_kind),
    );
    let opts = TimelineOptions {
        width: a.width,
        title: a.title.clone(),
        source: super::data_source(cli),
        links: None,
    };
    let svg = timeline::render(&view, &opts)?;
    out.write(&svg)
}
