//! `convene man`: the man pages, generated from the clap definition: the top page on stdout,
//! or with `--out-dir DIR` one page per command (`convene-members.1`, `convene-chart-growth.1`,
//! …) beside `convene.1`, so that every page the top page names exists.

use crate::error::{Error, Result};
use std::path::{Path, PathBuf};

/// One command's page, named `<name>.1`.
fn page(cmd: &clap::Command, name: &str) -> Result<(PathBuf, Vec<u8>)> {
    let mut buf = Vec::new();
    clap_mangen::Man::new(cmd.clone().name(name.to_string()))
        .render(&mut buf)
        .map_err(|source| Error::Io {
            path: format!("<man page {name}>").into(),
            source,
        })?;
    Ok((PathBuf::from(format!("{name}.1")), buf))
}

/// A command's page and those of its subcommands, named `<name>-<subcommand>.1`. Built, a
/// command has a `help` subcommand, which its page lists: that gets a page too, but not one
/// per command it can explain.
fn pages(cmd: &clap::Command, name: &str, out: &mut Vec<(PathBuf, Vec<u8>)>) -> Result<()> {
    out.push(page(cmd, name)?);
    let mut built = cmd.clone();
    built.build();
    for sub in built.get_subcommands() {
        let sub_name = format!("{name}-{}", sub.get_name());
        if sub.get_name() == "help" {
            let help = clap::Command::new("help")
                .bin_name(format!("{} help", cmd.get_bin_name().unwrap_or(name)))
                .about(sub.get_about().cloned().unwrap_or_default())
                .arg(
                    clap::Arg::new("command")
                        .value_name("COMMAND")
                        .num_args(0..)
                        .help("The command whose help to print (the same as COMMAND --help)"),
                )
                .disable_help_flag(true);
            out.push(page(&help, &sub_name)?);
        } else {
            pages(sub, &sub_name, out)?;
        }
    }
    Ok(())
}

pub fn run(out_dir: Option<&Path>) -> Result<()> {
    let cmd = crate::cli::command(true);
    let mut all = Vec::new();
    pages(&cmd, "convene", &mut all)?;
    match out_dir {
        None => crate::output::stdout(&all[0].1),
        Some(dir) => {
            let targets: Vec<(PathBuf, Vec<u8>)> =
                all.into_iter().map(|(n, b)| (dir.join(n), b)).collect();
            crate::output::files(&targets)?;
            crate::output::message(&format!(
                "wrote {} man pages into {}",
                targets.len(),
                dir.display()
            ));
            Ok(())
        }
    }
}
