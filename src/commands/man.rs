//! `convene man`: the man page, generated from the clap definition.

use crate::cli::Cli;
use crate::error::{Error, Result};
use clap::CommandFactory;

pub fn run() -> Result<()> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buf)
        .map_err(|source| Error::Io {
            path: "<man page>".into(),
            source,
        })?;
    crate::output::stdout(&buf)
}
