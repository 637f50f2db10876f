//! `convene render`: regenerate every chart in the output directory.
//!
//! All charts are rendered in memory first; only when every one succeeded are they written,
//! each atomically, so a failure leaves the directory as it was.

use crate::cli::{Cli, RenderArgs};
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::output;
use crate::query::{self, EventFilter};
use crate::render::growth::{self, GrowthOptions};
use crate::render::membership::{self, MembershipOptions};
use crate::render::timeline::{self, TimelineOptions};

/// The core events of DESIGN.md, shown in the default membership chart.
pub const CORE_EVENTS: [&str; 9] = [
    "bletchley-2023",
    "seoul-declaration-2024",
    "seoul-intent-2024",
    "seoul-ministerial-2024",
    "coe-ai-convention-2024",
    "aisi-network-sf-2024",
    "paris-2025",
    "network-san-diego-2025",
    "delhi-2026",
];

/// The core events present in a dataset, oldest first.
pub fn core_events(data: &Dataset) -> Vec<usize> {
    let mut v: Vec<usize> = CORE_EVENTS
        .iter()
        .filter_map(|id| data.event_ix.get(*id).copied())
        .collect();
    v.sort_unstable();
    v
}

/// Every chart of `convene render`: (file name, SVG).
pub fn charts(data: &Dataset) -> Result<Vec<(&'static str, String)>> {
    let all = query::events(data, &EventFilter::default());
    let t = timeline::render(data, &all, &TimelineOptions::default()).map_err(Error::Lookup)?;
    let core = core_events(data);
    let m =
        membership::render(data, &core, &MembershipOptions::default()).map_err(Error::Lookup)?;
    let g = growth::render(data, &all, &GrowthOptions::default()).map_err(Error::Lookup)?;
    Ok(vec![
        ("timeline.svg", t),
        ("membership.svg", m),
        ("growth.svg", g),
    ])
}

pub fn run(cli: &Cli, a: &RenderArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let charts = charts(data)?;
    let targets: Vec<(std::path::PathBuf, Vec<u8>)> = charts
        .iter()
        .map(|(n, svg)| (a.out_dir.join(n), svg.clone().into_bytes()))
        .collect();
    output::files(&targets)?;
    let names: Vec<String> = charts
        .iter()
        .map(|(n, _)| a.out_dir.join(n).display().to_string())
        .collect();
    eprintln!("wrote {}", names.join(", "));
    Ok(())
}
