//! One file per command: each turns its arguments into a checked plan (resolving events and
//! parties), runs the pure steps and hands the text to `output`.

use crate::cli::{Cli, Command};
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::output;
use crate::present::{self, Rendered};

pub mod chart;
pub mod check;
pub mod completions;
pub mod diff;
pub mod events;
pub mod export;
pub mod man;
pub mod members;
pub mod overlap;
pub mod party;
pub mod render;
pub mod show;
pub mod timeline;
pub mod vocabulary;

/// How many dataset problems to print before summarising the rest.
pub const MAX_PROBLEMS_SHOWN: usize = 100;

/// Load the dataset the user asked for: `--data DIR` / `CONVENE_DATA`, else the built-in one.
///
/// A process runs one command on one dataset, so it is kept in a static for the rest of the
/// process: statics are never dropped, and freeing a million small allocations one by one at
/// exit took longer than loading them.
pub fn dataset(cli: &Cli) -> Result<&'static Dataset> {
    static DATASET: std::sync::OnceLock<Dataset> = std::sync::OnceLock::new();
    if let Some(d) = DATASET.get() {
        return Ok(d);
    }
    let data = match &cli.data {
        Some(dir) => crate::load::load_dir(dir),
        None => crate::load::load_embedded(),
    }?;
    Ok(DATASET.get_or_init(|| data))
}

/// The table width ([`present::table_width`]): `$COLUMNS`, the terminal's, or unwrapped in a
/// pipe. Read here, once per run, so that the presentation layer stays a pure function of its
/// arguments.
pub fn width() -> u16 {
    let terminal = output::stdout_is_terminal()
        .then(|| terminal_size::terminal_size().map(|(w, _)| w.0))
        .flatten();
    present::table_width(std::env::var("COLUMNS").ok().as_deref(), terminal)
}

/// Print a rendering: data to stdout, notes to stderr.
pub fn emit(r: Rendered) -> Result<()> {
    output::stdout(r.stdout.as_bytes())?;
    for n in r.stderr {
        output::message(&n);
    }
    Ok(())
}

/// Write a chart to `-o FILE`, or to stdout when stdout is not a terminal.
pub fn write_chart(output: Option<&std::path::Path>, svg: &str) -> Result<()> {
    match output {
        Some(p) => output::file(p, svg.as_bytes()),
        None if output::stdout_is_terminal() => Err(Error::Usage(
            "stdout is a terminal; give -o FILE (or redirect the output) to write the SVG".into(),
        )),
        None => output::stdout(svg.as_bytes()),
    }
}

/// Run the program; returns the exit code.
pub fn main() -> i32 {
    let cli = match parse() {
        Ok(c) => c,
        Err(e) => {
            usage(&e);
            return e.exit_code();
        }
    };
    match run(&cli) {
        Ok(()) => 0,
        Err(e) if output::is_broken_pipe(&e) => 0,
        Err(e) => {
            report(&e);
            e.exit_code()
        }
    }
}

/// The command line. An empty `CONVENE_DATA` counts as unset (as an empty `PAGER` or `EDITOR`
/// does elsewhere), rather than as an empty `--data`.
fn parse() -> std::result::Result<Cli, clap::Error> {
    use clap::FromArgMatches;
    let asks_version = std::env::args_os()
        .skip(1)
        .any(|a| a == "--version" || a == "-V");
    let mut cmd = crate::cli::command(asks_version);
    if std::env::var_os("CONVENE_DATA").is_some_and(|v| v.is_empty()) {
        cmd = cmd.mut_arg("data", |a| a.env(None));
    }
    Cli::from_arg_matches(&cmd.try_get_matches()?)
}

fn run(cli: &Cli) -> Result<()> {
    match &cli.command {
        Command::Events(a) => events::run(cli, a),
        Command::Show(a) => show::run(cli, a),
        Command::Members(a) => members::run(cli, a),
        Command::Diff(a) => diff::run(cli, a),
        Command::Overlap(a) => overlap::run(cli, a),
        Command::Party(a) => party::run(cli, a),
        Command::Parties(a) => vocabulary::parties(cli, a),
        Command::Series(a) => vocabulary::series(cli, a),
        Command::Priorities(a) => vocabulary::priorities(cli, a),
        Command::Search(a) => vocabulary::search(cli, a),
        Command::Timeline(a) => timeline::run(cli, a),
        Command::Render(a) => render::run(cli, a),
        Command::Chart(c) => chart::run(cli, c),
        Command::Export(a) => export::run(cli, a),
        Command::Check(a) => check::run(cli, a),
        Command::Completions { shell } => completions::run(cli, *shell),
        Command::Man { out_dir } => man::run(out_dir.as_deref()),
    }
}

/// Print clap's account of a usage error, or the help or version asked for.
///
/// clap quotes the arguments it rejects, and its help shows the value of `CONVENE_DATA`, raw:
/// on a terminal it prints them as they are, escape sequences included, and elsewhere it strips
/// the sequences, so the message misquotes them. Its text is therefore rendered once more by a
/// parser without styles, which holds the arguments exactly; when they hold a character to
/// escape, that text is printed escaped ([`output::message`] for an error; the help, always
/// escaped, to stdout). Anything else keeps clap's own (coloured) printing.
fn usage(e: &clap::Error) {
    let plain = crate::cli::command(false)
        .styles(clap::builder::Styles::plain())
        .try_get_matches_from(std::env::args_os())
        .err()
        .map(|e| e.render().ansi().to_string());
    if let Some(text) = plain {
        let shown = crate::present::escape::terminal(&text);
        if shown != text {
            if e.use_stderr() {
                output::message(shown.trim_end_matches('\n'));
            } else {
                let _ = output::stdout(shown.as_bytes());
            }
            return;
        }
    }
    let _ = e.print();
}

/// Print an error to stderr: every dataset problem (up to a cap), then a summary line. Each
/// problem is one line, whatever its values or file path hold ([`escape::inline`]).
///
/// [`escape::inline`]: crate::present::escape::inline
pub fn report(e: &Error) {
    match e {
        Error::Data(problems) => {
            for p in problems.iter().take(MAX_PROBLEMS_SHOWN) {
                output::message(&crate::present::escape::inline(&p.to_string()));
            }
            let shown = problems.iter().take(MAX_PROBLEMS_SHOWN).count();
            if problems.total() > shown {
                output::message(&format!("… and {} more", problems.total() - shown));
            }
            output::message(&format!("error: {e}; nothing was written"));
        }
        _ => output::message(&format!("error: {e}")),
    }
}
