//! `convene render`: regenerate every chart in the output directory.
//!
//! All charts are rendered in memory first ([`render::charts`]); only when every one
//! succeeded are they written, each atomically, so a failure leaves the directory as it was.

use crate::cli::{Cli, RenderArgs};
use crate::error::Result;
use crate::present::escape::inline;
use crate::{output, render};

pub fn run(cli: &Cli, a: &RenderArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let charts = render::charts(data, super::data_source(cli))?;
    let targets: Vec<(std::path::PathBuf, &[u8])> = charts
        .iter()
        .map(|(n, svg)| (a.out_dir.join(n), svg.as_bytes()))
        .collect();
    output::files(&targets)?;
    let names: Vec<String> = charts
        .iter()
        .map(|(n, _)| inline(&a.out_dir.join(n).display().to_string()))
        .collect();
    output::message(&format!("wrote {}", names.join(", ")));
    Ok(())
}
