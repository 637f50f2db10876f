//! What the user typed: clap definitions only. Commands resolve these into checked plans.

use crate::date::PartialDate;
use crate::model::{EventKind, PartyKind, Region, Role};
use crate::present::Format;
use crate::query::FilterSpec;
use crate::query::diff::Section;
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand};
use std::path::PathBuf;

const ABOUT: &str = "Timeline and event tracker for international AI safety coordination";
const LONG_ABOUT: &str = "Timeline and event tracker for international AI safety coordination.

convene ships a sourced dataset of coordination events (the Bletchley, Seoul, Paris and New Delhi
summits, the International Network of AI Safety Institutes, national institutes, treaties and UN
resolutions), links each event to the countries and organisations that took part, and answers
questions about them. Every fact carries its source; where a source gives a count but not the
full list, outputs say the list is incomplete.";

const EXAMPLES: &str = "Examples:
  $ convene events --kind summit
  $ convene members aisi-network-sf-2024
  $ convene diff bletchley-2023 paris-2025
  $ convene party \"south korea\"
  $ convene check";

/// The command line as clap sees it, with what the derive cannot say: `--data` and
/// `--no-cache` are not shown under `man`, which reads no dataset, and with `data_version`
/// `--version` also says how recent the built-in dataset is.
pub fn command(data_version: bool) -> clap::Command {
    use clap::CommandFactory;
    let mut cmd = Cli::command();
    if data_version {
        cmd = cmd.version(long_version());
    }
    // A subcommand that defines its own `data` is not given the global one: `man` takes a
    // hidden `--data` that it ignores, so that a `CONVENE_DATA` in the environment is harmless.
    // Likewise `--no-cache`.
    cmd.mut_subcommand("man", |s| {
        s.arg(
            clap::Arg::new("data")
                .long("data")
                .value_name("DIR")
                .value_parser(clap::value_parser!(PathBuf))
                .hide(true),
        )
        .arg(
            clap::Arg::new("no_cache")
                .long("no-cache")
                .action(clap::ArgAction::SetTrue)
                .hide(true),
        )
    })
}

/// "0.1.0 (built-in dataset: 54 events from 2023-05 to 2026-06-09, 107 parties, 336
/// participation rows)".
fn long_version() -> String {
    let v = env!("CARGO_PKG_VERSION");
    match crate::load::load_embedded() {
        Ok(d) => {
            let first = d.events().iter().map(|e| e.start).min();
            let last = d.events().iter().map(|e| *e.last()).max();
            match (first, last) {
                (Some(f), Some(l)) => format!(
                    "{v} (built-in dataset: {} events from {f} to {l}, {} parties, {} participation rows)",
                    d.events().len(),
                    d.parties().len(),
                    d.rows().len()
                ),
                _ => v.to_string(),
            }
        }
        Err(_) => v.to_string(),
    }
}

#[derive(Debug, Parser)]
#[command(name = "convene", version, about = ABOUT, long_about = LONG_ABOUT, after_help = EXAMPLES)]
pub struct Cli {
    /// Read the dataset from DIR (events.csv, parties.csv, participation.csv, priorities.csv,
    /// event_priorities.csv) instead of the one built in
    #[arg(long, global = true, env = "CONVENE_DATA", value_name = "DIR")]
    pub data: Option<PathBuf>,

    /// Read the CSV files of a --data directory every time: neither use nor write a snapshot
    /// of them in the cache directory (see `convene cache`)
    #[arg(long, global = true, env = "CONVENE_NO_CACHE", value_parser = clap::builder::BoolishValueParser::new())]
    pub no_cache: bool,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List events, oldest first
    #[command(after_help = "Examples:
  $ convene events
  $ convene events --kind summit,treaty --from 2024
  $ convene events --series aisi-network --format csv
  $ convene events --party KEN
  $ convene events --priority testing --to 2025-06")]
    Events(EventsArgs),

    /// Show one event: dates, place, kind, parent, priorities, members by role, sources
    #[command(
        after_help = "EVENT is an id or a unique prefix of a word of an id or name.

Examples:
  $ convene show bletchley-2023
  $ convene show sf
  $ convene show delhi --format json"
    )]
    Show(ShowArgs),

    /// List the parties of one event, with roles and completeness
    #[command(after_help = "Examples:
  $ convene members aisi-network-sf-2024
  $ convene members bletchley --role joined
  $ convene members bletchley --as-of 2024-01-01 --format csv
  $ convene members paris --format json
  $ convene members --series aisi-network --current")]
    Members(MembersArgs),

    /// Compare the parties of two events: joined, left, changed role, stayed
    #[command(
        after_help = "A party \"joined\" if it is in B and not in A, \"left\" if in A and not in B, and
\"changed\" if present at both in a different standing (a signatory at A, a non-signatory
at B). Absence from an incomplete list is reported as unknown, never as leaving.

Examples:
  $ convene diff seoul-intent-2024 aisi-network-sf-2024
  $ convene diff bletchley-2023 paris-2025
  $ convene diff sf san-diego --format json"
    )]
    Diff(DiffArgs),

    /// The parties of several events: in all of them, in some (which), in none
    #[command(
        after_help = "EVENT is an id or a unique prefix; or select the events with --kind, --series,
--priority, --from and --to. A party an incomplete list does not name is unknown there, never
absent.

Examples:
  $ convene overlap --series ai-summits --kind summit --party-kind country
  $ convene overlap seoul-intent sf san-diego --party-kind country
  $ convene overlap bletchley paris --format csv"
    )]
    Overlap(OverlapArgs),

    /// One country's or organisation's history: every event, role, first appearance
    #[command(
        after_help = "PARTY is an id (KOR), a name or an alias, ignoring case and accents.

Examples:
  $ convene party KOR
  $ convene party \"south korea\"
  $ convene party turkiye --format csv
  $ convene party \"New Zealand\" --as-of 2024-06-01
  $ convene party KEN --current"
    )]
    Party(PartyArgs),

    /// List the parties: countries, organisations and companies, with their aliases
    #[command(after_help = "Examples:
  $ convene parties
  $ convene parties --kind country --region Africa
  $ convene parties --kind company --format csv")]
    Parties(PartiesArgs),

    /// List the series of events, in the timeline's lane order, with their first and last dates
    #[command(after_help = "Examples:
  $ convene series
  $ convene series --format json")]
    Series(ListArgs),

    /// List the priority areas, with how many events are linked to each
    #[command(after_help = "Examples:
  $ convene priorities
  $ convene events --priority testing")]
    Priorities(ListArgs),

    /// Find events, parties, series and priority areas by a word of their text
    #[command(
        after_help = "Matches ids, names, short names, cities, notes, aliases and descriptions that contain
every word given, ignoring case and accents.

Examples:
  $ convene search montreal
  $ convene search \"south korea\"
  $ convene search testing --format csv"
    )]
    Search(SearchArgs),

    /// Draw the timeline, as SVG or PNG: one lane per series, every event labelled
    #[command(
        after_help = "Writes to FILE (-o), or to stdout when it is not a terminal. A FILE ending in
.png (or --format png) gets a PNG, drawn at --scale (default 2) with the embedded fonts.
A lane with more events than markers fit side by side is drawn as a density band of events
per month (or week), as its footer says.

Examples:
  $ convene timeline -o output/timeline.svg
  $ convene timeline --width 800 -o timeline.png
  $ convene timeline --from 2024 --to 2024 -o timeline-2024.svg
  $ convene timeline --party GBR --title \"The UK and AI safety\" -o gbr.svg
  $ convene timeline --series aisi-network --width 900 -o network.svg"
    )]
    Timeline(TimelineArgs),

    /// Draw the membership matrix, the priority-area chart or the growth chart
    #[command(subcommand)]
    Chart(ChartCommand),

    /// Regenerate every chart in the output directory
    #[command(
        after_help = "Writes timeline.svg, membership.svg, growth.svg and priorities.svg.

Examples:
  $ convene render
  $ convene render --out-dir output"
    )]
    Render(RenderArgs),

    /// Export the dataset as JSON, TimelineJS, iCalendar, Markdown, CSV or JSON Lines
    #[command(
        after_help = "The filters are those of `convene events`. Writes to stdout unless -o is given.

Examples:
  $ convene export --format json -o convene.json
  $ convene export --format timelinejs --series aisi-network -o network.json
  $ convene export --format ics --from 2026 -o upcoming.ics
  $ convene export --format markdown --kind summit -o summits.md
  $ convene export --format csv -o participation.csv"
    )]
    Export(ExportArgs),

    /// Write a static website of the dataset: a page per event, party, series and priority area
    #[command(
        after_help = "The filters are those of `convene events`: the site holds the events they select, the
parties those events name, and their series and priority areas. Every page links to the others
by relative address, so the folder works from a disk, a zip or any sub-path of a static host;
no page asks for anything outside it. The same data gives the same bytes.

DIR must be a new or empty directory, or one an earlier `convene site` wrote: its pages are
replaced, and those this build no longer has are removed.

Examples:
  $ convene site
  $ convene site --series aisi-network --out-dir network-site
  $ convene site --kind summit --base-url https://example.org/ --out-dir public"
    )]
    Site(SiteArgs),

    /// Validate the dataset and print every problem; exit 1 if there are any
    #[command(after_help = "Examples:
  $ convene check
  $ convene check --data events

With --strict, lists of open instruments (treaties, commitments, events with later joiners)
that were last checked more than a year before the newest event are reported too, and make
the check fail: others may have joined since.")]
    Check(CheckArgs),

    /// Show or remove the snapshots that make repeated commands on a --data directory fast
    #[command(
        after_help = "The first command on a --data directory validates its CSV files and writes a
snapshot of the validated dataset to the cache directory ($CONVENE_CACHE_DIR, else the
platform's: ~/.cache/convene on Linux). Later commands on the same files answer from it, in
milliseconds. A file edited in any way (its size, times or inode change; or, within two seconds
of the snapshot, its bytes) makes the snapshot stale: the CSV files are read again and it is
rewritten. A snapshot never changes an answer: one that is damaged, truncated or from another
version is passed over. --no-cache (or CONVENE_NO_CACHE=1) turns the cache off; the built-in
dataset needs none.

Examples:
  $ convene cache status
  $ convene cache clear"
    )]
    Cache {
        #[command(subcommand)]
        action: CacheAction,
    },

    /// Print a shell completion script
    #[command(after_help = "Examples:
  $ convene completions bash
  $ convene completions zsh")]
    Completions {
        /// The shell to complete for
        #[arg(ignore_case = true)]
        shell: clap_complete::Shell,
    },

    /// Print the man page (roff), or write one page per command into a directory
    #[command(after_help = "Examples:
  $ convene man
  $ convene man --out-dir man")]
    Man {
        /// Write convene.1 and a page per command (convene-members.1, …) into DIR
        #[arg(long, value_name = "DIR")]
        out_dir: Option<PathBuf>,
    },
}

/// What `convene cache` does.
#[derive(Debug, Clone, Copy, Subcommand)]
pub enum CacheAction {
    /// List the snapshots in the cache directory: size, dataset directory, and whether each is
    /// current
    #[command(after_help = "Examples:
  $ convene cache status")]
    Status,
    /// Remove every snapshot from the cache directory (and nothing else)
    #[command(after_help = "Examples:
  $ convene cache clear")]
    Clear,
}

#[derive(Debug, Clone, Args)]
pub struct FormatArg {
    /// Output format
    #[arg(long, short = 'f', value_enum, ignore_case = true, default_value_t = FormatChoice::Table)]
    pub format: FormatChoice,
}

/// The `--format` values of the query commands ([`Format`] knows nothing of clap).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FormatChoice {
    Table,
    Csv,
    Json,
    Markdown,
}

impl FormatArg {
    /// The format to present in.
    pub fn get(&self) -> Format {
        match self.format {
            FormatChoice::Table => Format::Table,
            FormatChoice::Csv => Format::Csv,
            FormatChoice::Json => Format::Json,
            FormatChoice::Markdown => Format::Markdown,
        }
    }
}

/// The event filters of `events` and `export`: the chart filters plus `--party`.
#[derive(Debug, Clone, Args, Default)]
pub struct FilterArgs {
    #[command(flatten)]
    pub chart: ChartFilterArgs,
    /// Only events whose lists name one of these parties, in any role, or that it hosted (ids,
    /// names or aliases; comma-separated or repeated)
    #[arg(long)]
    pub party: Vec<String>,
    /// Only events whose lists name a party of this kind, or that one hosted
    #[arg(long, value_enum, ignore_case = true)]
    pub party_kind: Option<PartyKind>,
}

impl FilterArgs {
    /// The filter values, to be resolved by [`crate::query::plan`].
    pub fn spec(&self) -> FilterSpec<'_> {
        FilterSpec {
            party: &self.party,
            party_kind: self.party_kind,
            ..self.chart.spec()
        }
    }
}

#[derive(Debug, Args)]
pub struct EventsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub format: FormatArg,
}

/// Event filters of the charts (no --party: on the timeline it highlights instead).
#[derive(Debug, Clone, Args, Default)]
pub struct ChartFilterArgs {
    /// Only events of these kinds (comma-separated)
    #[arg(long, value_enum, ignore_case = true, value_delimiter = ',')]
    pub kind: Vec<EventKind>,
    /// Only events of these series (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub series: Vec<String>,
    /// Only events linked to one of these priority areas (comma-separated)
    #[arg(long, value_delimiter = ',')]
    pub priority: Vec<String>,
    /// Only events ending on or after this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = parse_partial_date)]
    pub from: Option<PartialDate>,
    /// Only events starting on or before this date (YYYY, YYYY-MM or YYYY-MM-DD)
    #[arg(long, value_parser = parse_partial_date)]
    pub to: Option<PartialDate>,
}

impl ChartFilterArgs {
    /// The filter values, to be resolved by [`crate::query::plan`].
    pub fn spec(&self) -> FilterSpec<'_> {
        FilterSpec {
            kinds: &self.kind,
            series: &self.series,
            priority: &self.priority,
            party: &[],
            party_kind: None,
            from: self.from,
            to: self.to,
        }
    }
}

#[derive(Debug, Args)]
pub struct TimelineArgs {
    #[command(flatten)]
    pub out: ChartOutputArgs,
    #[command(flatten)]
    pub filter: ChartFilterArgs,
    /// Count these kinds of party in the subtitle, comma-separated [default:
    /// country,organisation]
    #[arg(
        long,
        value_enum,
        ignore_case = true,
        value_delimiter = ',',
        value_name = "KIND"
    )]
    pub party_kind: Vec<PartyKind>,
    /// Show this party's part in each event: took part, did not sign, unknown (the list is
    /// incomplete) or absent (not in a complete list)
    #[arg(long)]
    pub party: Option<String>,
    /// Width of the chart in pixels
    #[arg(long, default_value_t = crate::render::timeline::DEFAULT_WIDTH, value_parser = clap::value_parser!(u32).range(480..=20000))]
    pub width: u32,
    /// Title (default: "International AI safety coordination, YEAR–YEAR")
    #[arg(long)]
    pub title: Option<String>,
}

/// Where and how a chart is written.
#[derive(Debug, Args)]
pub struct ChartOutputArgs {
    /// Write the chart here: FILE.svg, FILE.png, or "-" for stdout
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// svg or png [default: from the extension of -o, else svg]
    #[arg(long, value_enum, ignore_case = true)]
    pub format: Option<ImageFormat>,
    /// Pixels per chart pixel in a PNG [default: 2]
    #[arg(long, value_name = "N")]
    pub scale: Option<f64>,
}

/// The formats a chart is written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImageFormat {
    /// Scalable vector graphics, text kept as text
    Svg,
    /// A bitmap drawn from the SVG with the embedded fonts
    Png,
}

#[derive(Debug, Subcommand)]
pub enum ChartCommand {
    /// Party × event matrix: a glyph per role, hosts ringed, grey where a list is incomplete,
    /// totals
    #[command(
        after_help = "Without --events or --series, shows the nine core summit, Network and treaty events.
Countries and organisations party to at least one of them are shown, most events first, at
most 40 rows; the rest are summed in an \"and N more\" line, so each column's total is what the
column shows. Parties present only as non-signatories, observers or hosts are left out unless
--min-events 0.

Examples:
  $ convene chart membership -o output/membership.svg
  $ convene chart membership --events seoul-intent,sf,san-diego -o network.svg
  $ convene chart membership --series ai-summits --min-events 2 -o summits.svg
  $ convene chart membership --max-rows 0 -o every-party.png
  $ convene chart membership --party-kind company --events frontier -o co.svg"
    )]
    Membership(MembershipArgs),

    /// Event × priority area matrix: which meetings worked on testing, on inclusion, …
    #[command(
        after_help = "A dot for each link of the dataset between an event and a priority area (each with
its source; in the SVG each dot links to it). Rows are the events linked to any area, under
their series; columns the areas linked to any of them. The filters are those of `convene
timeline`.

Examples:
  $ convene chart priorities -o output/priorities.svg
  $ convene chart priorities --series aisi-network -o network.png --scale 1
  $ convene chart priorities --priority testing,inclusion -o testing.svg
  $ convene chart priorities --kind summit --from 2024 -o summits.svg"
    )]
    Priorities(PrioritiesArgs),

    /// Cumulative distinct parties over time, overall and per series
    #[command(after_help = "Examples:
  $ convene chart growth -o output/growth.svg
  $ convene chart growth --series aisi-network -o network-growth.png --scale 1
  $ convene chart growth --width 800 -o growth-article.svg
  $ convene chart growth --party-kind country,organisation,company -o all.svg")]
    Growth(GrowthArgs),
}

#[derive(Debug, Args)]
pub struct MembershipArgs {
    #[command(flatten)]
    pub out: ChartOutputArgs,
    /// The events to show, comma-separated (ids or unique prefixes)
    #[arg(long, value_delimiter = ',')]
    pub events: Vec<String>,
    /// Show every event of this series
    #[arg(long, conflicts_with = "events")]
    pub series: Option<String>,
    /// Draw only parties party to at least N of the events; the others are summed in the
    /// "and N more" line. 0 also draws those party to none (present only as non-signatories,
    /// observers or hosts)
    #[arg(long, default_value_t = 1, value_name = "N")]
    pub min_events: usize,
    /// Draw at most N rows, never parting parties with the same count unless the first
    /// group alone is larger; the rest are summed in an "and N more" line. 0: every row
    #[arg(long, default_value_t = crate::query::membership::DEFAULT_MAX_ROWS, value_name = "N")]
    pub max_rows: usize,
    /// Show and count these kinds of party, comma-separated [default: country,organisation]
    #[arg(
        long,
        value_enum,
        ignore_case = true,
        value_delimiter = ',',
        value_name = "KIND"
    )]
    pub party_kind: Vec<PartyKind>,
    /// Title
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub struct PrioritiesArgs {
    #[command(flatten)]
    pub out: ChartOutputArgs,
    #[command(flatten)]
    pub filter: ChartFilterArgs,
    /// Title (default: "What the meetings worked on: priority areas by event")
    #[arg(long)]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub struct GrowthArgs {
    #[command(flatten)]
    pub out: ChartOutputArgs,
    /// Only this series
    #[arg(long)]
    pub series: Option<String>,
    /// Count these kinds of party, comma-separated [default: country,organisation]
    #[arg(
        long,
        value_enum,
        ignore_case = true,
        value_delimiter = ',',
        value_name = "KIND"
    )]
    pub party_kind: Vec<PartyKind>,
    /// Width of the chart in pixels (the lines are named at their ends when their names fit in
    /// a quarter of it, from about 950 px for the shipped dataset; in a legend otherwise)
    #[arg(long, default_value_t = 1200, value_parser = clap::value_parser!(u32).range(480..=20000))]
    pub width: u32,
    /// Title
    #[arg(long)]
    pub title: Option<String>,
}

/// Formats of `convene export`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ExportFormat {
    /// The whole dataset, schema convene/2
    Json,
    /// Knight Lab TimelineJS3 JSON
    Timelinejs,
    /// RFC 5545 iCalendar, all-day events
    Ics,
    /// An events table and a section per event
    Markdown,
    /// One row per participation row, with its event, party and list status
    Csv,
    /// The same records as JSON Lines
    Jsonl,
}

/// Arguments of `convene check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Also fail on stale lists: an open instrument's list_as_of more than a year before the
    /// newest event
    #[arg(long)]
    pub strict: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format
    #[arg(long, short = 'f', value_enum, ignore_case = true)]
    pub format: ExportFormat,
    /// Write here instead of stdout ("-" for stdout)
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct RenderArgs {
    /// Directory to write the charts into (created if missing)
    #[arg(long, default_value = "output", value_name = "DIR")]
    pub out_dir: PathBuf,
}

#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Directory to write the site into (created if missing)
    #[arg(long, default_value = "site", value_name = "DIR")]
    pub out_dir: PathBuf,
    /// The address the site will be published at (http or https, ending in "/"), so that each
    /// page's "cite this" line gives its full address; without it, the line gives the page's
    /// path in the site, and the browser fills in the address it was opened at
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    #[command(flatten)]
    pub filter: FilterArgs,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The event
    pub event: String,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct MembersArgs {
    /// The event (or, with --series and --current, none)
    #[arg(required_unless_present_any = ["current", "series"])]
    pub event: Option<String>,
    /// With --current: the series whose current roster to list (one series)
    #[arg(long, conflicts_with = "event")]
    pub series: Option<String>,
    /// The latest state: a series' latest complete list (with --series), or an event's list
    /// as of its date
    #[arg(long, conflicts_with = "as_of")]
    pub current: bool,
    /// Only these roles (comma-separated)
    #[arg(long, value_enum, ignore_case = true, value_delimiter = ',')]
    pub role: Vec<Role>,
    /// Show the members as they stood at the end of this day, month or year (YYYY-MM-DD,
    /// YYYY-MM or YYYY): later joiners are left out
    #[arg(long, value_parser = parse_as_of, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    /// Only parties of this kind
    #[arg(long, value_enum, ignore_case = true)]
    pub party_kind: Option<PartyKind>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier event (A)
    pub a: String,
    /// The later event (B)
    pub b: String,
    /// Only these sections (comma-separated)
    #[arg(long, value_enum, ignore_case = true, value_delimiter = ',')]
    pub only: Vec<Section>,
    /// Only parties of this kind
    #[arg(long, value_enum, ignore_case = true)]
    pub party_kind: Option<PartyKind>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct OverlapArgs {
    /// The events (two or more), or none with filters
    #[arg(value_name = "EVENT")]
    pub events: Vec<String>,
    #[command(flatten)]
    pub filter: ChartFilterArgs,
    /// Only parties of this kind
    #[arg(long, value_enum, ignore_case = true)]
    pub party_kind: Option<PartyKind>,
    /// Also list the parties of the dataset that no list names (when every list is complete,
    /// they took part in none)
    #[arg(long)]
    pub none: bool,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct PartiesArgs {
    /// Only parties of this kind
    #[arg(long, value_enum, ignore_case = true)]
    pub kind: Option<PartyKind>,
    /// Only countries of this region
    #[arg(long, value_enum, ignore_case = true)]
    pub region: Option<Region>,
    #[command(flatten)]
    pub format: FormatArg,
}

/// The arguments of the plain list commands.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The words to find
    #[arg(required = true, num_args = 1..)]
    pub text: Vec<String>,
    #[command(flatten)]
    pub format: FormatArg,
}

#[derive(Debug, Args)]
pub struct PartyArgs {
    /// The party: id, name or alias
    pub party: String,
    /// Where the party stands now: at each series' latest complete list and at every open
    /// instrument (treaty, commitments)
    #[arg(long, conflicts_with = "as_of")]
    pub current: bool,
    /// Show the history up to the end of this day, month or year (YYYY-MM-DD, YYYY-MM or
    /// YYYY)
    #[arg(long, value_parser = parse_as_of, value_name = "DATE")]
    pub as_of: Option<NaiveDate>,
    #[command(flatten)]
    pub format: FormatArg,
}

impl clap::ValueEnum for Section {
    fn value_variants<'a>() -> &'a [Self] {
        Section::ALL
    }
    fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
        Some(clap::builder::PossibleValue::new(self.as_str()))
    }
}

/// The model's vocabularies as command-line values: the CLI maps them, so the model does not
/// depend on clap. The values are the CSV spellings, matched exactly.
macro_rules! value_enum {
    ($($t:ty),+) => {$(
        impl clap::ValueEnum for $t {
            fn value_variants<'a>() -> &'a [Self] {
                <$t>::ALL
            }
            fn to_possible_value(&self) -> Option<clap::builder::PossibleValue> {
                Some(clap::builder::PossibleValue::new(self.as_str()))
            }
        }
    )+};
}
value_enum!(EventKind, Role, PartyKind, Region);

fn parse_partial_date(s: &str) -> Result<PartialDate, String> {
    PartialDate::parse(s)
}

/// `--as-of`: a day, or a month or year meaning its last day (as things stood at its end), as
/// `--to` does; `--from` means a period's first day.
fn parse_as_of(s: &str) -> Result<NaiveDate, String> {
    Ok(PartialDate::parse(s)?.last_day())
}
