//! `convene check`: validate the dataset; print a summary, or every problem and exit 1.

use crate::cli::Cli;
use crate::error::Result;
use crate::{output, present, query};

pub fn run(cli: &Cli) -> Result<()> {
    let data = super::dataset(cli)?;
    let summary = query::dataset_summary(data);
    output::stdout(present::check(&summary).as_bytes())
}
