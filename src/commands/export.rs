//! `convene export`: the (filtered) dataset in another tool's format.

use crate::cli::{Cli, ExportArgs, ExportFormat};
use crate::error::Result;
use crate::{export, output, query};

pub fn run(cli: &Cli, a: &ExportArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let filter = query::plan(data, &a.filter.spec())?;
    let events = query::events(data, &filter);
    if events.is_empty() {
        output::message("note: no event matches these filters; the export holds none");
    }
    let view = query::export::export_view(data, &events, a.filter.party_kind);
    let text = match a.format {
        ExportFormat::Json => export::json::export(&view),
        ExportFormat::Timelinejs => export::timelinejs::export(&view),
        ExportFormat::Ics => export::ics::export(&view),
        ExportFormat::Markdown => export::markdown::export(&view),
        ExportFormat::Csv => export::flat::csv(&view),
        ExportFormat::Jsonl => export::flat::jsonl(&view),
    }?;
    match &a.output {
        Some(p) => output::file(p, text.as_bytes()),
        None => output::stdout(text.as_bytes()),
    }
}
