//! `convene export`: the (filtered) dataset in another tool's format.

use crate::cli::{Cli, ExportArgs, ExportFormat};
use crate::error::Result;
use crate::{export, output, query};

pub fn run(cli: &Cli, a: &ExportArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let filter = super::events::plan(data, &a.filter)?;
    let events = query::events(data, &filter);
    let text = match a.format {
        ExportFormat::Json => export::json::export(data, &events),
        ExportFormat::Timelinejs => export::timelinejs::export(data, &events),
        ExportFormat::Ics => export::ics::export(data, &events),
        ExportFormat::Markdown => export::markdown::export(data, &events),
    };
    match &a.output {
        Some(p) => output::file(p, text.as_bytes()),
        None => output::stdout(text.as_bytes()),
    }
}
