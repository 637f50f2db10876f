//! `convene check`: validate the dataset; print a summary, or every problem and exit 1.

use crate::cli::Cli;
use crate::error::Result;
use crate::output;
use crate::query::completeness;

pub fn run(cli: &Cli) -> Result<()> {
    let data = super::dataset(cli)?;
    let partial = (0..data.events.len())
        .filter(|&i| data.events[i].reported.is_some() && !completeness(data, i, None).complete)
        .count();
    let line = format!(
        "ok: {} events, {} parties, {} participation rows, {} priority areas, {} priority links, {} sources; {} events have partial party lists\n",
        data.events.len(),
        data.parties.len(),
        data.participation.len(),
        data.priorities.len(),
        data.event_priorities.len(),
        data.source_count(),
        partial
    );
    output::stdout(line.as_bytes())
}
