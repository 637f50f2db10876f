//! `convene check`: validate the dataset; print a summary, or every problem and exit 1. With
//! `--strict`, stale lists of open instruments are warnings that fail the check.

use crate::cli::{CheckArgs, Cli};
use crate::error::{Error, Result};
use crate::{output, present, query};

pub fn run(cli: &Cli, a: &CheckArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let summary = query::dataset_summary(data);
    output::stdout(present::check(&summary).as_bytes())?;
    if !a.strict {
        return Ok(());
    }
    let stale = query::stale_lists(data);
    // Shown as the loader shows the file in its own messages.
    let file = match &cli.data {
        Some(dir) => dir.join("events.csv").display().to_string(),
        None => "events/events.csv".to_string(),
    };
    for s in &stale {
        output::message(&present::stale(s, &file));
    }
    if stale.is_empty() {
        Ok(())
    } else {
        Err(Error::Stale(stale.len()))
    }
}
