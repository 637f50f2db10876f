//! `convene timeline`: the timeline SVG.

use crate::cli::{Cli, TimelineArgs};
use crate::error::{Error, Result};
use crate::query::{self, resolve};
use crate::render::timeline::{self, TimelineOptions};

pub fn run(cli: &Cli, a: &TimelineArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let filter = super::events::plan_chart(data, &a.filter)?;
    let highlight = a
        .party
        .as_deref()
        .map(|p| resolve::party(data, p))
        .transpose()?;
    let events = query::events(data, &filter);
    let opts = TimelineOptions {
        width: a.width,
        title: a.title.clone(),
        highlight,
    };
    let svg = timeline::render(data, &events, &opts).map_err(Error::Lookup)?;
    super::write_chart(a.output.as_deref(), &svg)
}
