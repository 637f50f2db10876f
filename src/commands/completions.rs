//! `convene completions SHELL`: a completion script generated from the clap definition, with
//! the dataset's names in it: event ids where an event is asked for, party ids and one-word
//! names and aliases where a party is, series and priority-area ids for `--series` and
//! `--priority`. The names are those of the dataset the command reads (`--data`,
//! `CONVENE_DATA`, else the built-in one) when the script is made, so a script made for one
//! dataset completes its names in every shell clap_complete supports.

use crate::cli::Cli;
use crate::error::Result;
use crate::model::Dataset;

/// The values to offer for an argument, by its id, or `None` for one that takes no name.
fn names(data: &Dataset, arg: &str) -> Option<Vec<String>> {
    let mut v: Vec<String> = match arg {
        "event" | "a" | "b" | "events" => data.events().iter().map(|e| e.id.clone()).collect(),
        "party" => data
            .parties()
            .iter()
            .flat_map(|p| {
                std::iter::once(p.id.clone())
                    .chain(std::iter::once(p.name.clone()))
                    .chain(p.aliases.iter().cloned())
            })
            // A shell's word list cannot hold spaces: names of one word only.
            .filter(|n| !n.chars().any(char::is_whitespace) && !n.is_empty())
            .collect(),
        "series" => data.series().iter().map(|s| s.to_string()).collect(),
        "priority" => data.priorities().iter().map(|p| p.id.clone()).collect(),
        _ => return None,
    };
    v.sort();
    v.dedup();
    Some(v)
}

/// `cmd` and its subcommands with the dataset's names as the possible values of their name
/// arguments (for the completion script only; parsing keeps its own rules).
fn with_names(cmd: clap::Command, data: &Dataset) -> clap::Command {
    let ids: Vec<String> = cmd
        .get_arguments()
        .map(|a| a.get_id().as_str().to_string())
        .collect();
    let mut cmd = cmd;
    for id in ids {
        if let Some(values) = names(data, &id) {
            cmd = cmd.mut_arg(id, |a| {
                a.value_parser(clap::builder::PossibleValuesParser::new(values))
            });
        }
    }
    let subs: Vec<String> = cmd
        .get_subcommands()
        .map(|s| s.get_name().to_string())
        .collect();
    for s in subs {
        cmd = cmd.mut_subcommand(s, |sub| with_names(sub, data));
    }
    cmd
}

pub fn run(cli: &Cli, shell: clap_complete::Shell) -> Result<()> {
    let data = super::dataset(cli)?;
    let mut cmd = with_names(crate::cli::command(false), data);
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "convene", &mut buf);
    crate::output::stdout(&buf)
}
