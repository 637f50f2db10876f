//! One file per command: each turns its arguments into a checked plan (resolving events and
//! parties), runs the pure steps and hands the text to `output`.

use crate::cli::{ChartOutputArgs, Cli, Command, ImageFormat};
use crate::error::{Error, Result};
use crate::model::Dataset;
use crate::output;
use crate::present::escape::inline;
use crate::present::{self, Rendered};
use std::sync::atomic::{AtomicBool, Ordering};

pub mod cache;
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
pub mod site;
pub mod timeline;
pub mod vocabulary;

/// How many dataset problems to print before summarising the rest.
pub const MAX_PROBLEMS_SHOWN: usize = 100;

/// Load the dataset the user asked for: `--data DIR` / `CONVENE_DATA`, else the built-in one.
///
/// A process runs one command on one dataset, so it is kept for the rest of the process
/// (leaked): it is never dropped, and freeing a million small allocations one by one at exit
/// took longer than loading them.
pub fn dataset(cli: &Cli) -> Result<&'static Dataset> {
    if let Some(d) = current() {
        return Ok(d);
    }
    // `check` reads the CSV files whatever the snapshot, and so does a command run again
    // because its snapshot proved faulty.
    let validate = matches!(cli.command, Command::Check(_)) || PASSED_OVER.load(Ordering::Relaxed);
    let (data, pending) = match &cli.data {
        Some(dir) => {
            let settings = crate::cache::Settings::from_env(cli.no_cache);
            crate::cache::load(dir, &settings, validate)?
        }
        None => (crate::load::load_embedded()?, None),
    };
    let data: &'static Dataset = Box::leak(Box::new(data));
    if let Ok(mut d) = DATASET.lock() {
        *d = Some(data);
    }
    // The snapshot is written beside the command's own work, on the second core; `main` waits
    // for it before the process ends.
    if let Some(p) = pending
        && let Ok(mut w) = WRITER.lock()
    {
        *w = std::thread::Builder::new()
            .name("snapshot".into())
            .spawn(move || p.write(data))
            .ok();
    }
    Ok(data)
}

/// The dataset of this process, once loaded (see [`dataset`]).
static DATASET: std::sync::Mutex<Option<&'static Dataset>> = std::sync::Mutex::new(None);

fn current() -> Option<&'static Dataset> {
    DATASET.lock().ok().and_then(|d| *d)
}

/// Set when the snapshot proved faulty: the command runs again from the CSV files.
static PASSED_OVER: AtomicBool = AtomicBool::new(false);

/// Whether the dataset answered from is a snapshot found faulty while answering.
fn faulted() -> bool {
    current().is_some_and(|d| d.snapshot_fault().is_some())
}

/// Run the command; if its answer came from a snapshot that proved faulty while answering
/// (its output was then withheld: [`output::withhold_when`]), remove the snapshot and run the
/// command again from the CSV files, which writes a new one. A snapshot is checked block by
/// block as queries read it, so a damaged block is found by the first command to read it.
fn run_checked(cli: &Cli) -> Result<()> {
    output::withhold_when(faulted);
    let result = run(cli);
    if !faulted() {
        return result;
    }
    if let Some(dir) = &cli.data {
        crate::cache::discard(dir, &crate::cache::Settings::from_env(cli.no_cache));
    }
    PASSED_OVER.store(true, Ordering::Relaxed);
    if let Ok(mut d) = DATASET.lock() {
        *d = None;
    }
    run(cli)
}

/// The thread writing a snapshot, if one was started.
static WRITER: std::sync::Mutex<Option<std::thread::JoinHandle<()>>> = std::sync::Mutex::new(None);

/// Wait for the snapshot being written, if any.
fn finish_snapshot() {
    let handle = WRITER.lock().ok().and_then(|mut w| w.take());
    if let Some(h) = handle {
        let _ = h.join();
    }
}

/// Where the charts' data comes from, for their source line: `--data DIR` is not the shipped
/// dataset that convene's version names.
pub fn data_source(cli: &Cli) -> crate::render::DataSource {
    match cli.data {
        Some(_) => crate::render::DataSource::Directory,
        None => crate::render::DataSource::Shipped,
    }
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

/// How a chart is to be written, checked: where, and as SVG or as PNG at a scale.
#[derive(Debug, Clone, PartialEq)]
pub struct ChartPlan {
    /// `None`: stdout.
    pub path: Option<std::path::PathBuf>,
    /// Stdout was asked for by name (`-o -`), so an SVG goes there even if it is a terminal.
    pub stdout_asked: bool,
    /// `None`: SVG; else PNG at this scale.
    pub png: Option<f64>,
}

impl ChartPlan {
    /// Resolve `-o`, `--format` and `--scale` before any work: the format is the one asked
    /// for, else the extension's (`.svg`, `.png`, in any case), else SVG; an unknown
    /// extension without `--format`, a format the extension contradicts, and a scale for SVG
    /// or out of range are usage errors.
    pub fn resolve(a: &ChartOutputArgs) -> Result<Self> {
        let path = a.output.as_deref().filter(|p| p.as_os_str() != "-");
        let ext = path
            .and_then(|p| p.extension())
            .map(|e| e.to_string_lossy().to_lowercase());
        let by_ext = match ext.as_deref() {
            None => None,
            Some("svg") => Some(ImageFormat::Svg),
            Some("png") => Some(ImageFormat::Png),
            Some(other) if a.format.is_none() => {
                return Err(Error::Usage(format!(
                    "-o {}: unknown extension \".{}\"; write FILE.svg or FILE.png, or give --format svg|png",
                    inline(
                        &path
                            .unwrap_or(std::path::Path::new(""))
                            .display()
                            .to_string()
                    ),
                    inline(other)
                )));
            }
            Some(_) => None,
        };
        let format = match (a.format, by_ext) {
            (Some(f), Some(e)) if f != e => {
                return Err(Error::Usage(format!(
                    "--format {} contradicts the extension of -o {}",
                    format_name(f),
                    inline(
                        &path
                            .unwrap_or(std::path::Path::new(""))
                            .display()
                            .to_string()
                    )
                )));
            }
            (Some(f), _) | (None, Some(f)) => f,
            (None, None) => ImageFormat::Svg,
        };
        let png = match (format, a.scale) {
            (ImageFormat::Svg, Some(_)) => {
                return Err(Error::Usage(
                    "--scale sizes a PNG; this chart is written as SVG (give -o FILE.png or --format png)".into(),
                ));
            }
            (ImageFormat::Svg, None) => None,
            (ImageFormat::Png, s) => {
                let s = s.unwrap_or(2.0);
                if !(s.is_finite() && (0.25..=8.0).contains(&s)) {
                    return Err(Error::Usage(format!(
                        "--scale {s}: give a number from 0.25 to 8"
                    )));
                }
                Some(s)
            }
        };
        Ok(ChartPlan {
            path: path.map(std::path::Path::to_path_buf),
            stdout_asked: a.output.is_some() && path.is_none(),
            png,
        })
    }

    /// Refuse before drawing when the result would go to a terminal unasked (an SVG), or at
    /// all (a PNG, which no terminal can show).
    pub fn check_terminal(&self) -> Result<()> {
        if self.path.is_some() || !output::stdout_is_terminal() {
            return Ok(());
        }
        if self.png.is_some() {
            return Err(Error::Usage(
                "stdout is a terminal; give -o FILE.png (or redirect the output) to write the PNG"
                    .into(),
            ));
        }
        if !self.stdout_asked {
            return Err(Error::Usage(
                "stdout is a terminal; give -o FILE (or redirect the output) to write the SVG"
                    .into(),
            ));
        }
        Ok(())
    }

    /// Write the chart drawn as `svg`: to the file, or to stdout.
    pub fn write(&self, svg: &str) -> Result<()> {
        let bytes = match self.png {
            Some(scale) => crate::render::png::png(svg, scale)?,
            None => svg.as_bytes().to_vec(),
        };
        match &self.path {
            Some(p) => output::file(p, &bytes),
            None => output::stdout(&bytes),
        }
    }
}

fn format_name(f: ImageFormat) -> &'static str {
    match f {
        ImageFormat::Svg => "svg",
        ImageFormat::Png => "png",
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
    let result = run_checked(&cli);
    finish_snapshot();
    match result {
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
        Command::Site(a) => site::run(cli, a),
        Command::Check(a) => check::run(cli, a),
        Command::Completions { shell } => completions::run(cli, *shell),
        Command::Man { out_dir } => man::run(out_dir.as_deref()),
        Command::Cache { action } => cache::run(cli, *action),
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
