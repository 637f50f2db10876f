//! `convene render`: regenerate every chart in the output directory.
//!
//! All charts are rendered in memory first; only when every one succeeded are they written,
//! each atomically, so a failure leaves the directory as it was.

use crate::cli::{Cli, RenderArgs};
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::output;
use crate::query::{self, EventFilter};
use crate::render::timeline::{self, TimelineOptions};

/// Every chart of `convene render`: (file name, SVG).
pub fn charts(data: &Dataset) -> Result<Vec<(&'static str, String)>> {
    let all = query::events(data, &EventFilter::default());
    let t = timeline::render(data, &all, &TimelineOptions::default()).map_err(Error::Lookup)?;
    Ok(vec![("timeline.svg", t)])
}

pub fn run(cli: &Cli, a: &RenderArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let charts = charts(&data)?;
    for (name, svg) in &charts {
        output::file(&a.out_dir.join(name), svg.as_bytes())?;
    }
    let names: Vec<String> = charts
        .iter()
        .map(|(n, _)| a.out_dir.join(n).display().to_string())
        .collect();
    eprintln!("wrote {}", names.join(", "));
    Ok(())
}
