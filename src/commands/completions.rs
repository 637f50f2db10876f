//! `convene completions SHELL`: a completion script generated from the clap definition.

use crate::cli::Cli;
use crate::error::Result;
use clap::CommandFactory;

pub fn run(shell: clap_complete::Shell) -> Result<()> {
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "convene", &mut buf);
    crate::output::stdout(&buf)
}
