//! Loading: the only module that reads the dataset files (records are split by
//! [`crate::records`]).
//!
//! It turns five CSV files (embedded in the binary, or from a `--data` directory) into a
//! validated [`Dataset`], or into the complete list of [`Problem`]s found. It checks encoding,
//! headers, field syntax, references between files, duplicates, `parent` cycles and counts,
//! and keeps the file, line and column of every value so that each problem says where it is.
//! Line numbers are 1-based and count physical lines; the header is the first non-blank line.

use crate::date::PartialDate;
use crate::error::{Error, Problem, Problems};
use crate::hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use crate::model::*;
use crate::records::{Record, Records};
use crate::text::{did_you_mean, fold, is_slug, quote};
use std::path::Path;

/// The largest field accepted, in bytes. A longer one is nearly always a quote left open.
pub const MAX_FIELD: usize = 64 * 1024;

/// The dataset files, in the order they are checked and reported.
pub const FILES: [&str; 5] = [
    "events.csv",
    "parties.csv",
    "participation.csv",
    "priorities.csv",
    "event_priorities.csv",
];

/// One input file: the name to show in messages and its bytes.
pub struct InputFile {
    pub display: String,
    pub bytes: Vec<u8>,
}

/// The dataset shipped in `events/`, compiled into the binary.
pub fn embedded_files() -> Vec<InputFile> {
    let raw: [(&str, &str); 5] = [
        ("events/events.csv", include_str!("../events/events.csv")),
        ("events/parties.csv", include_str!("../events/parties.csv")),
        (
            "events/participation.csv",
            include_str!("../events/participation.csv"),
        ),
        (
            "events/priorities.csv",
            include_str!("../events/priorities.csv"),
        ),
        (
            "events/event_priorities.csv",
            include_str!("../events/event_priorities.csv"),
        ),
    ];
    raw.iter()
        .map(|(d, s)| InputFile {
            display: d.to_string(),
            bytes: s.as_bytes().to_vec(),
        })
        .collect()
}

/// Load the shipped dataset.
pub fn load_embedded() -> Result<Dataset, Error> {
    load_files(embedded_files()).map_err(Error::Data)
}

/// Load a dataset directory (the `--data` option). Every file must be present.
pub fn load_dir(dir: &Path) -> Result<Dataset, Error> {
    let shown = dir.display().to_string();
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::Data(Problems::from(vec![Problem::file(
                &shown,
                "no such directory (--data expects a directory holding events.csv, parties.csv, participation.csv, priorities.csv and event_priorities.csv)",
            )])));
        }
        Err(e) => {
            return Err(Error::Data(Problems::from(vec![Problem::file(
                &shown,
                format!("cannot read: {e}"),
            )])));
        }
        Ok(m) if !m.is_dir() => {
            return Err(Error::Data(Problems::from(vec![Problem::file(
                &shown,
                "is a file, not a directory (--data expects a directory holding events.csv, parties.csv, …)",
            )])));
        }
        Ok(_) => {}
    }
    let mut files = Vec::new();
    let mut problems = Problems::default();
    let mut deferred = None;
    for name in FILES {
        let path = dir.join(name);
        let display = path.display().to_string();
        // participation.csv, the largest file, is read by the thread that parses it, at the
        // same time as this one reads the others; here it is only looked at.
        if name == "participation.csv" {
            match std::fs::metadata(&path) {
                Ok(m) if m.is_dir() => {
                    problems.push(Problem::file(&display, "is a directory, not a CSV file"))
                }
                Ok(_) => {
                    files.push(InputFile {
                        display,
                        bytes: Vec::new(),
                    });
                    deferred = Some(path);
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    problems.push(Problem::file(&display, "file not found (a dataset directory needs events.csv, parties.csv, participation.csv, priorities.csv and event_priorities.csv)"));
                }
                Err(e) => problems.push(Problem::file(&display, format!("cannot read: {e}"))),
            }
            continue;
        }
        match std::fs::read(&path) {
            Ok(bytes) => files.push(InputFile { display, bytes }),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                problems.push(Problem::file(&display, "file not found (a dataset directory needs events.csv, parties.csv, participation.csv, priorities.csv and event_priorities.csv)"));
            }
            Err(_) if path.is_dir() => {
                problems.push(Problem::file(&display, "is a directory, not a CSV file"))
            }
            Err(e) => problems.push(Problem::file(&display, format!("cannot read: {e}"))),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Data(problems));
    }
    load(files, deferred.as_deref()).map_err(Error::Data)
}

/// The columns of one file: (name, required).
type Schema = &'static [(&'static str, bool)];

const EVENTS_COLS: Schema = &[
    ("id", true),
    ("name", true),
    ("short", false),
    ("kind", true),
    ("start", true),
    ("end", false),
    ("series", false),
    ("parent", false),
    ("city", false),
    ("host", false),
    ("reported_parties", false),
    ("reported_as_of", false),
    ("source", true),
    ("note", false),
];
const PARTIES_COLS: Schema = &[
    ("id", true),
    ("name", true),
    ("kind", true),
    ("region", false),
    ("aliases", false),
];
const PARTICIPATION_COLS: Schema = &[
    ("event", true),
    ("party", true),
    ("role", true),
    ("date", false),
    ("source", false),
    ("note", false),
];
const PRIORITIES_COLS: Schema = &[("id", true), ("name", true), ("description", false)];
const LINKS_COLS: Schema = &[("event", true), ("priority", true), ("source", true)];

/// Columns of each file: (name, required).
fn schema(file: &str) -> Schema {
    match file {
        "events.csv" => EVENTS_COLS,
        "parties.csv" => PARTIES_COLS,
        "participation.csv" => PARTICIPATION_COLS,
        "priorities.csv" => PRIORITIES_COLS,
        "event_priorities.csv" => LINKS_COLS,
        _ => &[],
    }
}

/// A column of a schema: its name (for messages) and its place in the schema. Rows find the
/// field through a table of positions built from the header once, not by comparing names.
#[derive(Clone, Copy)]
struct Col {
    name: &'static str,
    ix: usize,
}

/// The column `name` of `schema`; a misspelt name fails the build.
const fn col(schema: Schema, name: &'static str) -> Col {
    let mut i = 0;
    while i < schema.len() {
        let (a, b) = (schema[i].0.as_bytes(), name.as_bytes());
        if a.len() == b.len() {
            let mut k = 0;
            while k < a.len() && a[k] == b[k] {
                k += 1;
            }
            if k == a.len() {
                return Col { name, ix: i };
            }
        }
        i += 1;
    }
    panic!("no such column in the schema");
}

const E_ID: Col = col(EVENTS_COLS, "id");
const E_NAME: Col = col(EVENTS_COLS, "name");
const E_SHORT: Col = col(EVENTS_COLS, "short");
const E_KIND: Col = col(EVENTS_COLS, "kind");
const E_START: Col = col(EVENTS_COLS, "start");
const E_END: Col = col(EVENTS_COLS, "end");
const E_SERIES: Col = col(EVENTS_COLS, "series");
const E_PARENT: Col = col(EVENTS_COLS, "parent");
const E_CITY: Col = col(EVENTS_COLS, "city");
const E_HOST: Col = col(EVENTS_COLS, "host");
const E_REPORTED: Col = col(EVENTS_COLS, "reported_parties");
const E_AS_OF: Col = col(EVENTS_COLS, "reported_as_of");
const E_SOURCE: Col = col(EVENTS_COLS, "source");
const E_NOTE: Col = col(EVENTS_COLS, "note");
const P_ID: Col = col(PARTIES_COLS, "id");
const P_NAME: Col = col(PARTIES_COLS, "name");
const P_KIND: Col = col(PARTIES_COLS, "kind");
const P_REGION: Col = col(PARTIES_COLS, "region");
const P_ALIASES: Col = col(PARTIES_COLS, "aliases");
const R_EVENT: Col = col(PARTICIPATION_COLS, "event");
const R_PARTY: Col = col(PARTICIPATION_COLS, "party");
const R_ROLE: Col = col(PARTICIPATION_COLS, "role");
const R_DATE: Col = col(PARTICIPATION_COLS, "date");
const R_SOURCE: Col = col(PARTICIPATION_COLS, "source");
const R_NOTE: Col = col(PARTICIPATION_COLS, "note");
const PR_ID: Col = col(PRIORITIES_COLS, "id");
const PR_NAME: Col = col(PRIORITIES_COLS, "name");
const PR_DESCRIPTION: Col = col(PRIORITIES_COLS, "description");
const L_EVENT: Col = col(LINKS_COLS, "event");
const L_PRIORITY: Col = col(LINKS_COLS, "priority");
const L_SOURCE: Col = col(LINKS_COLS, "source");

/// The order problems are reported in: by file (in [`FILES`] order), line, then column (in
/// schema order; whole-line problems first).
fn problem_order(a: &Problem, b: &Problem) -> std::cmp::Ordering {
    fn key(p: &Problem) -> (usize, &str, Option<u64>, usize) {
        let file = FILES
            .iter()
            .position(|n| p.file.ends_with(n))
            .unwrap_or(FILES.len());
        let column = p.column.as_deref().map_or(0, |c| {
            let cols = FILES.get(file).map_or(&[][..], |n| schema(n));
            1 + cols.iter().position(|(n, _)| *n == c).unwrap_or(cols.len())
        });
        (file, &p.file, p.line, column)
    }
    key(a).cmp(&key(b))
}

/// An open CSV file whose header has been checked: rows are read one at a time by
/// [`Table::next`], so no file is ever held in memory as records.
struct Table<'f> {
    display: String,
    /// For each schema column, its position in this file's header (absent: `None`).
    pos: Vec<Option<usize>>,
    width: usize,
    header: Vec<String>,
    recs: Records<'f>,
    /// An odd number of `"` can only come from a quote left open; the last record then swallowed
    /// the rest of the file, so it is not yielded and only the open quote is reported.
    odd_quotes: bool,
    cur: Record,
    pending: Record,
    have_pending: bool,
    done: bool,
    /// Records seen, well-formed or not (blank lines excepted).
    rows_seen: usize,
    /// Lines in the file: an upper bound on its records, to size vectors once.
    line_estimate: usize,
}

/// `s` without leading and trailing whitespace. Most fields have none: when both end bytes are
/// printable ASCII, `s` is returned without scanning.
fn trim(s: &str) -> &str {
    let b = s.as_bytes();
    let printable = |c: &u8| (0x21..0x7F).contains(c);
    if b.first().is_some_and(printable) && b.last().is_some_and(printable) {
        s
    } else {
        s.trim()
    }
}

/// One record with the means to read its fields and report problems.
struct Row<'a> {
    display: &'a str,
    pos: &'a [Option<usize>],
    line: u64,
    rec: &'a Record,
    /// The file's text, which plain records' fields are ranges of.
    text: &'a str,
}

impl<'a> Row<'a> {
    /// The trimmed field, or `None` if the column is absent or the field empty.
    fn get(&self, c: Col) -> Option<&'a str> {
        let v = trim(self.rec.get(self.text, self.pos[c.ix]?)?);
        if v.is_empty() { None } else { Some(v) }
    }
    fn required(&self, c: Col, problems: &mut Problems) -> Option<&'a str> {
        let v = self.get(c);
        if v.is_none() {
            problems.push(self.problem(c, "required field is empty"));
        }
        v
    }
    fn problem(&self, c: Col, msg: impl Into<String>) -> Problem {
        Problem::field(self.display, self.line, c.name, msg)
    }
    fn date(&self, c: Col, problems: &mut Problems) -> Option<PartialDate> {
        let raw = self.get(c)?;
        match PartialDate::parse(raw) {
            Ok(d) => Some(d),
            Err(e) => {
                problems.push(self.problem(c, e));
                None
            }
        }
    }
    fn url(&self, c: Col, problems: &mut Problems) -> Option<String> {
        let raw = self.get(c)?;
        let spaced = if raw.is_ascii() {
            raw.bytes()
                .any(|b| b == b' ' || (b'\t'..=b'\r').contains(&b))
        } else {
            raw.chars().any(char::is_whitespace)
        };
        if !(raw.starts_with("https://") || raw.starts_with("http://")) || spaced {
            problems.push(self.problem(
                c,
                format!(
                    "{} is not a URL (a source must be an http:// or https:// address)",
                    quote(raw)
                ),
            ));
            return None;
        }
        Some(raw.to_string())
    }
}

impl<'f> Table<'f> {
    /// The next well-formed row. Rows of the wrong shape or with an oversized field are
    /// reported and skipped. One record is held back until the next is read, so that a record
    /// ending in an open quote is never yielded.
    fn next(&mut self, problems: &mut Problems) -> Option<Row<'_>> {
        loop {
            if self.done {
                return None;
            }
            let text = self.recs.text();
            if self.recs.next_into(&mut self.cur) {
                if self.cur.len() == 1 && self.cur.get(text, 0).is_some_and(|f| f.trim().is_empty())
                {
                    continue; // a line holding only spaces
                }
                self.rows_seen += 1;
                // The new record goes to `pending`; the previous one (now in `cur`) is ready.
                std::mem::swap(&mut self.cur, &mut self.pending);
                let had = self.have_pending;
                self.have_pending = true;
                if !had {
                    continue;
                }
            } else {
                self.done = true;
                if !self.have_pending {
                    return None;
                }
                self.have_pending = false;
                if self.odd_quotes {
                    let line = self.pending.line;
                    problems.push(Problem::line(
                        &self.display,
                        line,
                        "unterminated quoted field: a \" opened in this row is never closed",
                    ));
                    return None;
                }
                std::mem::swap(&mut self.cur, &mut self.pending);
            }
            // `cur` holds the record to yield.
            let line = self.cur.line;
            if self.cur.len() != self.width {
                let n = self.cur.len();
                problems.push(Problem::line(
                    &self.display,
                    line,
                    format!(
                        "this row has {n} field{}, the header has {} (quote fields that contain commas)",
                        if n == 1 { "" } else { "s" },
                        self.width
                    ),
                ));
                continue;
            }
            if let Some((i, f)) = self
                .cur
                .iter(text)
                .enumerate()
                .find(|(_, f)| f.len() > MAX_FIELD)
            {
                let col = self.header.get(i).map_or("?", |h| h.trim()).to_string();
                problems.push(Problem::field(
                    &self.display,
                    line,
                    &col,
                    format!("field is {} bytes, over the {MAX_FIELD}-byte limit (is a quote left open?)", f.len()),
                ));
                continue;
            }
            return Some(Row {
                display: &self.display,
                pos: &self.pos,
                line,
                rec: &self.cur,
                text,
            });
        }
    }
}

/// Open one file: check its encoding and header. Rows are then read with [`Table::next`].
fn read_table<'f>(file: &'f InputFile, name: &str, problems: &mut Problems) -> Option<Table<'f>> {
    let d = &file.display;
    let mut bytes: &[u8] = &file.bytes;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        problems.push(Problem::file(d, "file is UTF-16; save it as UTF-8"));
        return None;
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        bytes = rest;
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(t) => t,
        Err(e) => {
            let at = e.valid_up_to();
            let line = 1 + bytes[..at].iter().filter(|&&b| b == b'\n').count() as u64;
            let col = 1 + at
                - bytes[..at]
                    .iter()
                    .rposition(|&b| b == b'\n')
                    .map_or(0, |p| p + 1);
            problems.push(Problem::line(
                d,
                line,
                format!(
                    "invalid UTF-8 at character {col} (byte 0x{:02X}); save the file as UTF-8",
                    bytes[at]
                ),
            ));
            return None;
        }
    };
    let cols = schema(name);
    let col_list = cols.iter().map(|(c, _)| *c).collect::<Vec<_>>().join(",");
    if bytes.iter().all(|b| b.is_ascii_whitespace()) {
        problems.push(Problem::file(
            d,
            format!("file is empty; it needs a header row: {col_list}"),
        ));
        return None;
    }
    let mut recs = Records::new(text);
    let mut first = Record::default();
    if !recs.next_into(&mut first) {
        problems.push(Problem::file(
            d,
            format!("file is empty; it needs a header row: {col_list}"),
        ));
        return None;
    }
    let header: Vec<String> = first.iter(text).map(str::to_string).collect();
    // Line 1, unless blank lines come first.
    let header_line = first.line;
    let mut pos: Vec<Option<usize>> = vec![None; cols.len()];
    let mut header_ok = true;
    for (i, h) in header.iter().enumerate() {
        let h = h.trim();
        match cols.iter().position(|(c, _)| *c == h) {
            Some(k) if pos[k].is_some() => {
                problems.push(Problem::field(
                    d,
                    header_line,
                    h,
                    "column appears twice in the header",
                ));
                header_ok = false;
            }
            Some(k) => pos[k] = Some(i),
            None => {
                let hint = did_you_mean(h, cols.iter().map(|(c, _)| *c));
                let shown = if h.is_empty() {
                    format!("empty column name at position {}", i + 1)
                } else {
                    format!("unknown column {}", quote(h))
                };
                problems.push(Problem::line(
                    d,
                    header_line,
                    format!("{shown}{hint}; the columns of {name} are: {col_list}"),
                ));
                header_ok = false;
            }
        }
    }
    for ((c, required), p) in cols.iter().zip(&pos) {
        if *required && p.is_none() {
            problems.push(Problem::line(
                d,
                header_line,
                format!("missing required column \"{c}\""),
            ));
            header_ok = false;
        }
    }
    if !header_ok {
        return None;
    }
    let (quotes, lines) = count_quotes_and_lines(bytes);
    Some(Table {
        display: d.clone(),
        pos,
        width: header.len(),
        header,
        recs,
        odd_quotes: quotes % 2 == 1,
        cur: Record::default(),
        pending: Record::default(),
        have_pending: false,
        done: false,
        rows_seen: 0,
        line_estimate: lines,
    })
}

/// The number of `"` and of `\n` bytes. Counted in blocks of 255 bytes into byte-sized sums,
/// which the compiler turns into vector instructions (a plain filter-and-count is not).
fn count_quotes_and_lines(bytes: &[u8]) -> (usize, usize) {
    let (mut quotes, mut lines) = (0usize, 0usize);
    for block in bytes.chunks(255) {
        let (mut q, mut n) = (0u8, 0u8);
        for &b in block {
            q += u8::from(b == b'"');
            n += u8::from(b == b'\n');
        }
        quotes += usize::from(q);
        lines += usize::from(n);
    }
    (quotes, lines)
}

/// Parse an id column that must be a lower-case slug.
fn slug<'a>(row: &Row<'a>, col: Col, problems: &mut Problems) -> Option<&'a str> {
    let v = row.required(col, problems)?;
    if !is_slug(v) {
        let lower = v
            .to_lowercase()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join("-");
        let hint = if is_slug(&lower) {
            format!(" (did you mean \"{lower}\"?)")
        } else {
            String::new()
        };
        problems.push(row.problem(
            col,
            format!(
                "{} is not a valid id: use lower-case letters, digits and '-'{hint}",
                quote(v)
            ),
        ));
        return None;
    }
    Some(v)
}

fn party_id_ok(id: &str, kind: Option<PartyKind>) -> Result<(), String> {
    let shape = !id.is_empty()
        && id
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        && !id.starts_with('-');
    if !shape {
        let upper = id.to_uppercase();
        let country_ok = kind != Some(PartyKind::Country)
            || (upper.len() == 3 && upper.bytes().all(|b| b.is_ascii_uppercase()));
        let hint = if upper != id
            && country_ok
            && upper
                .bytes()
                .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
        {
            format!(" (did you mean \"{upper}\"?)")
        } else {
            String::new()
        };
        return Err(format!(
            "{} is not a valid party id: use upper-case letters, digits and '-'{hint}",
            quote(id)
        ));
    }
    if kind == Some(PartyKind::Country)
        && !(id.len() == 3 && id.bytes().all(|b| b.is_ascii_uppercase()))
    {
        return Err(format!(
            "{} is not an ISO 3166-1 alpha-3 code (countries use three letters, e.g. GBR)",
            quote(id)
        ));
    }
    Ok(())
}

fn vocab<T: Copy>(
    row: &Row,
    col: Col,
    parse: fn(&str) -> Option<T>,
    names: fn() -> Vec<&'static str>,
    what: &str,
    problems: &mut Problems,
) -> Option<T> {
    let v = row.required(col, problems)?;
    match parse(v) {
        Some(k) => Some(k),
        None => {
            let names = names();
            let hint = did_you_mean(v, names.iter().copied());
            problems.push(row.problem(
                col,
                format!(
                    "unknown {what} {}{hint}; expected one of: {}",
                    quote(v),
                    names.join(", ")
                ),
            ));
            None
        }
    }
}

/// `unknown party "X"`, with the likeliest party meant. Only called for a bad reference, so
/// the candidates are searched only then.
fn unknown_party(parties: &[Party], raw: &str) -> String {
    let mut hint = did_you_mean(raw, parties.iter().map(|p| p.id.as_str()));
    if hint.is_empty() {
        let folded = fold(raw);
        let by_name = parties.iter().find(|p| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .any(|n| fold(n) == folded)
        });
        if let Some(p) = by_name {
            hint = format!(
                " (did you mean \"{}\"? use the party id, not its name)",
                p.id
            );
        } else if let Some(p) = parties.iter().find(|p| p.id.eq_ignore_ascii_case(raw)) {
            hint = format!(" (did you mean \"{}\"? party ids are upper case)", p.id);
        }
    }
    format!("unknown party {}{hint}", quote(raw))
}

/// `unknown event "X"`, with the likeliest event meant.
fn unknown_event(events: &[Event], raw: &str) -> String {
    format!(
        "unknown event {}{}",
        quote(raw),
        did_you_mean(raw, events.iter().map(|e| e.id.as_str()))
    )
}

/// What the participation pass needs to know about parties (all read-only).
struct PartyRefs<'a> {
    parties: &'a [Party],
    ix: &'a HashMap<String, PartyIx>,
    /// Party ids are short: looked up as integers, with no string hashing or comparing per row.
    short: HashMap<u64, PartyIx>,
    /// Ids whose rows are defined but invalid: references to them are not reported again.
    bad: &'a HashSet<String>,
    /// parties.csv could be read; otherwise no reference to a party is reported.
    ok: bool,
}

impl PartyRefs<'_> {
    fn get(&self, raw: &str) -> Option<PartyIx> {
        match crate::hash::short_key(raw) {
            Some(k) => self.short.get(&k).copied(),
            None => self.ix.get(raw).copied(),
        }
    }
}

/// participation.csv, read and checked on its own (on a second thread, while events.csv and
/// event_priorities.csv are read). Events are not known yet: each row's `event` is the index of
/// its run (consecutive rows naming the same event id) in `runs`, resolved once events are.
#[derive(Default)]
struct RowsPass {
    /// The file's encoding and header are sound.
    read: bool,
    rows: Vec<Participation>,
    texts: Vec<RowTexts>,
    /// Each row's line.
    lines: Vec<u64>,
    /// Rows left out for another fault whose event must still be checked: (run, line).
    orphans: Vec<(usize, u64)>,
    /// The event id of each run, as a range of `run_text`.
    runs: Vec<std::ops::Range<usize>>,
    run_text: String,
    /// The first row of each run: its rows are `rows[run_rows[r]..run_rows[r + 1]]`.
    run_rows: Vec<usize>,
    /// Parties listed in each run (rows whose role counts, duplicates not counted).
    run_listed: Vec<u32>,
    /// Rows that repeat a party of their run: (row, the run's first row for that party).
    dups: Vec<(usize, usize)>,
    /// Rows with a date (to compare with their event's start once it is known).
    dated: Vec<usize>,
    /// Each run's event, if the pass could already resolve them ([`RowsPass::resolve`]).
    resolved: Option<Vec<Option<EventIx>>>,
    problems: Problems,
}

impl RowsPass {
    fn run(&self, i: usize) -> &str {
        &self.run_text[self.runs[i].clone()]
    }

    /// Resolve each run's event id (`None`: unknown), check every dated row against its
    /// event's start (`starts`, by event index), and make each row name its event rather than
    /// its run (`usize::MAX` if the event is unknown).
    fn resolve(
        &mut self,
        display: &str,
        event_ix: &HashMap<String, EventIx>,
        starts: &[PartialDate],
        problems: &mut Problems,
    ) -> Vec<Option<EventIx>> {
        let resolved: Vec<Option<EventIx>> = (0..self.runs.len())
            .map(|i| event_ix.get(self.run(i)).copied())
            .collect();
        for &i in &self.dated {
            let p = &self.rows[i];
            if let (Some(ev), Some(d)) = (resolved[p.event], p.date)
                && d.ends_before(&starts[ev])
            {
                problems.push(Problem::field(
                    display,
                    self.lines[i],
                    R_DATE.name,
                    format!("date {d} is before the event's start {}", starts[ev]),
                ));
            }
        }
        // Rows are in run order, so this is one sequential pass.
        let n = self.rows.len();
        for (r, ev) in resolved.iter().enumerate() {
            let end = self.run_rows.get(r + 1).copied().unwrap_or(n);
            for p in &mut self.rows[self.run_rows[r]..end] {
                p.event = ev.unwrap_or(usize::MAX);
            }
        }
        resolved
    }
}

/// The sorted events' id map and start dates, published by the thread that reads events.csv
/// for the participation pass.
type Published = std::sync::OnceLock<(HashMap<String, EventIx>, Vec<PartialDate>)>;

fn participation_pass(
    file: &InputFile,
    path: Option<&Path>,
    refs: &PartyRefs,
    events: &Published,
) -> RowsPass {
    let mut problems = Problems::ordered(problem_order);
    let mut pass = RowsPass::default();
    let read_here;
    let file = match path.map(std::fs::read) {
        None => file,
        Some(Ok(bytes)) => {
            read_here = InputFile {
                display: file.display.clone(),
                bytes,
            };
            &read_here
        }
        Some(Err(e)) => {
            problems.push(Problem::file(&file.display, format!("cannot read: {e}")));
            pass.problems = problems;
            return pass;
        }
    };
    let Some(mut t) = read_table(file, "participation.csv", &mut problems) else {
        pass.problems = problems;
        return pass;
    };
    pass.read = true;
    pass.rows.reserve(t.line_estimate);
    pass.lines.reserve(t.line_estimate);
    // For each party, the last (run + 1, row) it was seen in.
    let mut seen: Vec<(usize, usize)> = vec![(0, 0); refs.parties.len()];
    while let Some(row) = t.next(&mut problems) {
        // Rows usually come grouped by event, so a run is usually a whole event's rows: the
        // id is compared with the last one, never hashed here.
        let ev = row.required(R_EVENT, &mut problems).map(|raw| {
            match pass.runs.last() {
                Some(r) if &pass.run_text[r.clone()] == raw => {}
                _ => {
                    let at = pass.run_text.len();
                    pass.run_text.push_str(raw);
                    pass.runs.push(at..pass.run_text.len());
                    pass.run_rows.push(pass.rows.len());
                    pass.run_listed.push(0);
                }
            }
            pass.runs.len() - 1
        });
        let party = row.required(R_PARTY, &mut problems).and_then(|raw| {
            let found = refs.get(raw);
            if found.is_none() && refs.ok && !refs.bad.contains(raw) {
                problems.push(row.problem(R_PARTY, unknown_party(refs.parties, raw)));
            }
            found
        });
        let role = vocab(
            &row,
            R_ROLE,
            Role::parse,
            Role::names,
            "role",
            &mut problems,
        );
        let date = row.date(R_DATE, &mut problems);
        let source = row.url(R_SOURCE, &mut problems);
        if role == Some(Role::Joined) && date.is_none() && row.get(R_DATE).is_none() {
            problems.push(row.problem(R_DATE, "a \"joined\" row needs the date the party joined"));
        }
        let (Some(event), Some(party), Some(role)) = (ev, party, role) else {
            pass.orphans.extend(ev.map(|e| (e, row.line)));
            continue;
        };
        let note = row.get(R_NOTE).map(str::to_string);
        let texts = if source.is_some() || note.is_some() {
            pass.texts.push(RowTexts { source, note });
            (pass.texts.len() - 1) as u32
        } else {
            NO_TEXTS
        };
        let i = pass.rows.len();
        let s = &mut seen[party];
        if s.0 == event + 1 {
            pass.dups.push((i, s.1));
        } else {
            *s = (event + 1, i);
            if role.is_party() {
                pass.run_listed[event] += 1;
            }
        }
        if date.is_some() {
            pass.dated.push(i);
        }
        pass.lines.push(row.line);
        pass.rows.push(Participation {
            event,
            party,
            role,
            date,
            texts,
        });
    }
    // If the events are known by now (they usually are: events.csv is smaller), resolve
    // here rather than after the join; the result is the same either way.
    if let Some((ix, starts)) = events.get() {
        pass.resolved = Some(pass.resolve(&file.display, ix, starts, &mut problems));
    }
    pass.problems = problems;
    pass
}

/// Validate and assemble. Returns every problem found (up to [`Problems::KEEP`], the first in
/// file and line order).
pub fn load_files(files: Vec<InputFile>) -> Result<Dataset, Problems> {
    load(files, None)
}

/// [`load_files`], where participation.csv may be given as a path (`deferred`, its entry in
/// `files` then has no bytes) for the thread that parses it to read.
fn load(files: Vec<InputFile>, deferred: Option<&Path>) -> Result<Dataset, Problems> {
    let mut problems = Problems::ordered(problem_order);
    let mut tables: HashMap<&str, Table> = HashMap::default();
    let participation_file = FILES.iter().position(|&n| n == "participation.csv");
    for (i, (name, file)) in FILES.iter().zip(files.iter()).enumerate() {
        // participation.csv is opened by its own pass.
        if Some(i) != participation_file
            && let Some(t) = read_table(file, name, &mut problems)
        {
            tables.insert(name, t);
        }
    }
    let parties_ok = tables.contains_key("parties.csv");
    let priorities_ok = tables.contains_key("priorities.csv");

    // parties.csv
    let mut parties: Vec<Party> = Vec::new();
    let mut party_ix: HashMap<String, PartyIx> = HashMap::default();
    let mut party_line: Vec<u64> = Vec::new();
    // Ids whose rows are defined but invalid: references to them are not reported again.
    let mut bad_parties: HashSet<String> = HashSet::default();
    let mut bad_events: HashSet<String> = HashSet::default();
    if let Some(t) = tables.get_mut("parties.csv") {
        let mut seen: HashMap<String, u64> = HashMap::default();
        while let Some(row) = t.next(&mut problems) {
            let id = row.required(P_ID, &mut problems);
            let name = row.required(P_NAME, &mut problems);
            let kind = vocab(
                &row,
                P_KIND,
                PartyKind::parse,
                PartyKind::names,
                "party kind",
                &mut problems,
            );
            let region = match row.get(P_REGION) {
                None => None,
                Some(r) => {
                    let r = Region::parse(r).or_else(|| {
                        let hint = did_you_mean(r, Region::names());
                        problems.push(row.problem(
                            P_REGION,
                            format!(
                                "unknown region {}{hint}; expected one of: {}",
                                quote(r),
                                Region::names().join(", ")
                            ),
                        ));
                        None
                    });
                    if r.is_some() && kind.is_some_and(|k| k != PartyKind::Country) {
                        problems.push(row.problem(P_REGION, "only countries have a region; leave it empty for organisations and companies"));
                    }
                    r
                }
            };
            let aliases: Vec<String> = row
                .get(P_ALIASES)
                .map(|a| {
                    a.split(';')
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect()
                })
                .unwrap_or_default();
            let (Some(id), Some(name), Some(kind)) = (id, name, kind) else {
                bad_parties.extend(id.map(str::to_string));
                continue;
            };
            if let Err(e) = party_id_ok(id, Some(kind)) {
                problems.push(row.problem(P_ID, e));
                bad_parties.insert(id.to_string());
                continue;
            }
            if let Some(first) = seen.get(id) {
                problems.push(row.problem(
                    P_ID,
                    format!("duplicate party id \"{id}\" (first defined on line {first})"),
                ));
                continue;
            }
            seen.insert(id.to_string(), row.line);
            party_ix.insert(id.to_string(), parties.len());
            party_line.push(row.line);
            parties.push(Party {
                id: id.to_string(),
                name: name.to_string(),
                kind,
                region,
                aliases,
            });
        }
        // Names and aliases must point at one party each, or lookups would be ambiguous.
        let mut folded: HashMap<String, usize> = HashMap::default();
        for (i, p) in parties.iter().enumerate() {
            let mut keys: Vec<(&str, String)> = vec![("id", fold(&p.id)), ("name", fold(&p.name))];
            keys.extend(p.aliases.iter().map(|a| ("aliases", fold(a))));
            let mut own = HashSet::default();
            for (col, k) in keys {
                if k.is_empty() || !own.insert(k.clone()) {
                    continue;
                }
                match folded.get(&k) {
                    Some(&j) if j != i => problems.push(Problem::field(
                        &t.display,
                        party_line[i],
                        col,
                        format!("\"{k}\" already names party {} (line {}); a name or alias must name one party", parties[j].id, party_line[j]),
                    )),
                    _ => {
                        folded.insert(k, i);
                    }
                }
            }
        }
    }

    // participation.csv needs only the parties: it is read on a second thread from here on,
    // while this one reads the events and their priority links.
    let refs = PartyRefs {
        parties: &parties,
        ix: &party_ix,
        short: party_ix
            .iter()
            .filter_map(|(id, &i)| crate::hash::short_key(id).map(|k| (k, i)))
            .collect(),
        bad: &bad_parties,
        ok: parties_ok,
    };
    let empty = InputFile {
        display: String::new(),
        bytes: Vec::new(),
    };
    let part_input = participation_file
        .and_then(|i| files.get(i))
        .unwrap_or(&empty);
    let mut priorities: Vec<Priority> = Vec::new();
    let mut priority_ix: HashMap<String, usize> = HashMap::default();
    let mut events: Vec<Event> = Vec::new();
    let mut event_ix: HashMap<String, EventIx> = HashMap::default();
    // The line of each event (in sorted order, once sorted).
    let mut event_line: Vec<u64> = Vec::new();
    let mut links: Vec<EventPriority> = Vec::new();
    let mut events_ok = false;
    let mut events_display: Option<String> = None;
    let published = Published::new();
    let pass = std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("participation".into())
            .spawn_scoped(s, || {
                participation_pass(part_input, deferred, &refs, &published)
            });
        // If no thread can be started, the pass runs here afterwards.
        let worker = worker.ok();
        if let Some(t) = tables.get_mut("priorities.csv") {
            let mut seen: HashMap<String, u64> = HashMap::default();
            while let Some(row) = t.next(&mut problems) {
                let id = slug(&row, PR_ID, &mut problems);
                let name = row.required(PR_NAME, &mut problems);
                let (Some(id), Some(name)) = (id, name) else {
                    continue;
                };
                if let Some(first) = seen.get(id) {
                    problems.push(row.problem(
                        PR_ID,
                        format!("duplicate priority id \"{id}\" (first defined on line {first})"),
                    ));
                    continue;
                }
                seen.insert(id.to_string(), row.line);
                priority_ix.insert(id.to_string(), priorities.len());
                priorities.push(Priority {
                    id: id.to_string(),
                    name: name.to_string(),
                    description: row.get(PR_DESCRIPTION).map(str::to_string),
                });
            }
        }

        // events.csv, first pass: fields and ids; references are resolved once all ids are known.
        struct Pending {
            line: u64,
            /// The raw `parent` and `host` fields, as ranges of `pending_text` (one buffer, not
            /// two strings per event).
            parent: Option<std::ops::Range<usize>>,
            hosts: Option<std::ops::Range<usize>>,
        }
        let mut pending: Vec<Pending> = Vec::new();
        let mut pending_text = String::new();
        let mut keep = |v: Option<&str>| {
            v.map(|v| {
                let at = pending_text.len();
                pending_text.push_str(v);
                at..pending_text.len()
            })
        };
        if let Some(t) = tables.get_mut("events.csv") {
            // Sized once: growing a vector of large structs by doubling copies it again and again.
            events.reserve(t.line_estimate);
            pending.reserve(t.line_estimate);
            event_ix.reserve(t.line_estimate);
            while let Some(row) = t.next(&mut problems) {
                let id = slug(&row, E_ID, &mut problems);
                let name = row.required(E_NAME, &mut problems);
                let kind = vocab(
                    &row,
                    E_KIND,
                    EventKind::parse,
                    EventKind::names,
                    "kind",
                    &mut problems,
                );
                let start = match row.required(E_START, &mut problems) {
                    Some(_) => row.date(E_START, &mut problems),
                    None => None,
                };
                let end = row.date(E_END, &mut problems);
                if let (Some(s), Some(e)) = (start, end)
                    && e.ends_before(&s)
                {
                    problems.push(row.problem(E_END, format!("end {e} is before start {s}")));
                }
                let series = row.get(E_SERIES);
                if let Some(s) = series
                    && !is_slug(s)
                {
                    problems.push(row.problem(
                        E_SERIES,
                        format!(
                            "{} is not a valid series name: use lower-case letters, digits and '-'",
                            quote(s)
                        ),
                    ));
                }
                let reported_raw = row.get(E_REPORTED);
                let reported_count = reported_raw.and_then(|r| match r.parse::<u32>() {
                    Ok(n) => Some(n),
                    Err(_) => {
                        problems.push(row.problem(
                            E_REPORTED,
                            format!(
                                "{} is not a count: give a whole number of parties, 0 or more",
                                quote(r)
                            ),
                        ));
                        None
                    }
                });
                let as_of = row.date(E_AS_OF, &mut problems);
                if as_of.is_some() && reported_raw.is_none() {
                    problems.push(row.problem(
                        E_AS_OF,
                        "a date is given but reported_parties is empty; give the count it dates",
                    ));
                }
                let source = match row.required(E_SOURCE, &mut problems) {
                    Some(_) => row.url(E_SOURCE, &mut problems),
                    None => None,
                };
                let (Some(id), Some(name), Some(kind), Some(start), Some(source)) =
                    (id, name, kind, start, source)
                else {
                    bad_events.extend(row.get(E_ID).map(str::to_string));
                    continue;
                };
                match event_ix.entry(id.to_string()) {
                    std::collections::hash_map::Entry::Occupied(first) => {
                        let first: &Pending = &pending[*first.get()];
                        problems.push(row.problem(
                            E_ID,
                            format!(
                                "duplicate event id \"{id}\" (first defined on line {})",
                                first.line
                            ),
                        ));
                        continue;
                    }
                    std::collections::hash_map::Entry::Vacant(slot) => {
                        slot.insert(events.len());
                    }
                }
                pending.push(Pending {
                    line: row.line,
                    parent: keep(row.get(E_PARENT)),
                    hosts: keep(row.get(E_HOST)),
                });
                events.push(Event {
                    id: id.to_string(),
                    name: name.to_string(),
                    short: row.get(E_SHORT).map(str::to_string),
                    kind,
                    start,
                    end,
                    series: series.map(str::to_string),
                    parent: None,
                    city: row.get(E_CITY).map(str::to_string),
                    hosts: Vec::new(),
                    reported: reported_count.map(|count| Reported { count, as_of }),
                    source,
                    note: row.get(E_NOTE).map(str::to_string),
                });
            }
        }
        let events_table = tables.get("events.csv");
        if let Some(t) = events_table
            && t.rows_seen == 0
        {
            problems.push(Problem::file(
                &t.display,
                "no events: the file has a header but no rows",
            ));
        }
        // Without events, every reference to one would only repeat that problem.
        let events_table = events_table.filter(|t| t.rows_seen > 0);
        events_ok = events_table.is_some();
        events_display = events_table.map(|t| t.display.clone());
        if let Some(t) = events_table {
            let mut parents: Vec<Option<EventIx>> = vec![None; events.len()];
            let mut hosts: Vec<Vec<PartyIx>> = vec![Vec::new(); events.len()];
            for (i, p) in pending.iter().enumerate() {
                if let Some(raw) = p.parent.clone().map(|r| &pending_text[r]) {
                    match event_ix.get(raw) {
                        Some(&j) if j == i => problems.push(Problem::field(
                            &t.display,
                            p.line,
                            "parent",
                            "an event cannot be its own parent",
                        )),
                        Some(&j) => parents[i] = Some(j),
                        None if bad_events.contains(raw) => {}
                        None => problems.push(Problem::field(
                            &t.display,
                            p.line,
                            "parent",
                            unknown_event(&events, raw),
                        )),
                    }
                }
                if let Some(raw) = p.hosts.clone().map(|r| &pending_text[r]) {
                    for h in raw.split(';').map(str::trim) {
                        match party_ix.get(h) {
                            Some(&j) if hosts[i].contains(&j) => {}
                            Some(&j) => hosts[i].push(j),
                            None if parties_ok && !bad_parties.contains(h) => {
                                problems.push(Problem::field(
                                    &t.display,
                                    p.line,
                                    "host",
                                    unknown_party(&parties, h),
                                ))
                            }
                            None => {}
                        }
                    }
                }
            }
            for ((e, p), h) in events.iter_mut().zip(parents).zip(hosts) {
                e.parent = p;
                e.hosts = h;
            }
            // parent cycles: follow each chain; a chain longer than the event count loops.
            let mut reported_cycle: HashSet<usize> = HashSet::default();
            for start in 0..events.len() {
                if events[start].parent.is_none() {
                    continue;
                }
                let mut seen = vec![start];
                let mut cur = events[start].parent;
                while let Some(c) = cur {
                    if c == start {
                        if seen.iter().all(|s| !reported_cycle.contains(s)) {
                            let names: Vec<&str> = seen
                                .iter()
                                .chain(std::iter::once(&start))
                                .map(|&k| events[k].id.as_str())
                                .collect();
                            problems.push(Problem::field(
                                &t.display,
                                pending[start].line,
                                "parent",
                                format!("parent cycle: {}", names.join(" → ")),
                            ));
                            reported_cycle.extend(seen.iter().copied());
                        }
                        break;
                    }
                    if seen.contains(&c) || seen.len() > events.len() {
                        break; // a cycle not through `start`; reported from one of its members
                    }
                    seen.push(c);
                    cur = events[c].parent;
                }
            }
        }

        // Sort the events (oldest first, then by id) while the participation pass runs: every
        // event index from here on is into the sorted list.
        let remap = crate::model::sort_events(&mut events);
        event_line = vec![0; events.len()];
        for (old, p) in pending.iter().enumerate() {
            event_line[remap[old]] = p.line;
        }
        for v in event_ix.values_mut() {
            *v = remap[*v];
        }
        // From here on this thread only reads the id map; the participation pass may too.
        let (event_ix, _) = published.get_or_init(|| {
            (
                std::mem::take(&mut event_ix),
                events.iter().map(|e| e.start).collect(),
            )
        });

        // event_priorities.csv
        if let Some(t) = tables.get_mut("event_priorities.csv") {
            links.reserve(t.line_estimate);
            let mut lines: Vec<u64> = Vec::with_capacity(t.line_estimate);
            let pids: Vec<&str> = priorities.iter().map(|p| p.id.as_str()).collect();
            let mut last_event: Option<(String, EventIx)> = None;
            while let Some(row) = t.next(&mut problems) {
                let ev = row.required(L_EVENT, &mut problems).and_then(|raw| {
                    // Links usually come grouped by event: the last one found is tried first.
                    if let Some((id, ix)) = &last_event
                        && id == raw
                    {
                        return Some(*ix);
                    }
                    let found = event_ix.get(raw).copied();
                    match found {
                        Some(ix) => {
                            last_event = Some((raw.to_string(), ix));
                        }
                        None if events_ok && !bad_events.contains(raw) => {
                            problems.push(row.problem(L_EVENT, unknown_event(&events, raw)));
                        }
                        None => {}
                    }
                    found
                });
                let pr = row.required(L_PRIORITY, &mut problems).and_then(|raw| {
                    let found = priority_ix.get(raw).copied();
                    if found.is_none() && priorities_ok {
                        problems.push(row.problem(
                            L_PRIORITY,
                            format!(
                                "unknown priority {}{}",
                                quote(raw),
                                did_you_mean(raw, pids.iter().copied())
                            ),
                        ));
                    }
                    found
                });
                let source = match row.required(L_SOURCE, &mut problems) {
                    Some(_) => row.url(L_SOURCE, &mut problems),
                    None => None,
                };
                let (Some(ev), Some(pr), Some(source)) = (ev, pr, source) else {
                    continue;
                };
                lines.push(row.line);
                links.push(EventPriority {
                    event: ev,
                    priority: pr,
                    source,
                });
            }
            // Put the links in the dataset's order (event, then priority) by sorting compact
            // keys; a duplicate then follows the first row of its pair, since the row index
            // (file order) breaks ties.
            let mut keys: Vec<(u64, u32)> = links
                .iter()
                .enumerate()
                .map(|(i, l)| (((l.event as u64) << 32) | l.priority as u64, i as u32))
                .collect();
            keys.sort_unstable();
            let mut unsorted = std::mem::take(&mut links);
            links.reserve(unsorted.len());
            let mut run_first = 0usize;
            for n in 0..keys.len() {
                let i = keys[n].1 as usize;
                if n > 0 && keys[n].0 == keys[n - 1].0 {
                    let first = keys[run_first].1 as usize;
                    let l = &unsorted[i];
                    problems.push(Problem::field(
                        &t.display,
                        lines[i],
                        L_PRIORITY.name,
                        format!(
                            "{} is already linked to {} on line {}",
                            priorities[l.priority].id, events[l.event].id, lines[first]
                        ),
                    ));
                    continue;
                }
                run_first = n;
                let l = &mut unsorted[i];
                links.push(EventPriority {
                    event: l.event,
                    priority: l.priority,
                    source: std::mem::take(&mut l.source),
                });
            }
        }

        match worker {
            Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            None => participation_pass(part_input, deferred, &refs, &published),
        }
    });

    // participation.csv, continued: resolve each distinct event id once, and report an
    // unknown one on every row that names it.
    let all_read = tables.len() + usize::from(pass.read) == FILES.len();
    let mut pass = pass;
    problems.append(std::mem::take(&mut pass.problems));
    if let Some((ix, _)) = published.into_inner() {
        event_ix = ix;
    }
    let resolved = match pass.resolved.take() {
        Some(r) => r,
        None => {
            let starts: Vec<PartialDate> = events.iter().map(|e| e.start).collect();
            pass.resolve(&part_input.display, &event_ix, &starts, &mut problems)
        }
    };
    let mut participation = std::mem::take(&mut pass.rows);
    let mut lines = std::mem::take(&mut pass.lines);
    let texts = std::mem::take(&mut pass.texts);
    let pass = pass;
    let part_display = part_input.display.as_str();
    let mut messages: HashMap<&str, String> = HashMap::default();
    let mut unknown = |run: usize, line: u64, problems: &mut Problems| {
        let raw = pass.run(run);
        if events_ok && !bad_events.contains(raw) {
            let msg = messages
                .entry(raw)
                .or_insert_with(|| unknown_event(&events, raw));
            problems.push(Problem::field(
                part_display,
                line,
                R_EVENT.name,
                msg.clone(),
            ));
        }
    };
    for &(run, line) in &pass.orphans {
        if resolved[run].is_none() {
            unknown(run, line, &mut problems);
        }
    }
    let n_rows = participation.len();
    let run_range =
        |r: usize| pass.run_rows[r]..pass.run_rows.get(r + 1).copied().unwrap_or(n_rows);
    for (r, ev) in resolved.iter().enumerate() {
        if ev.is_none() {
            for i in run_range(r) {
                unknown(r, lines[i], &mut problems);
            }
        }
    }
    // Group the rows by event. Usually each event's rows are one run, already checked for
    // duplicates and counted by the pass: the groups are then just the runs, in event order.
    const NO_RUN: usize = usize::MAX;
    let mut run_of = vec![NO_RUN; events.len()];
    let mut one_run_each = true;
    for (r, ev) in resolved.iter().enumerate() {
        if let Some(e) = *ev {
            if run_of[e] != NO_RUN {
                one_run_each = false;
                break;
            }
            run_of[e] = r;
        }
    }
    let duplicate = |lines: &[u64], i: usize, first: usize, ev: EventIx, p: &Participation| {
        Problem::field(
            part_display,
            lines[i],
            R_PARTY.name,
            format!(
                "{} is already listed for {} on line {}; one row per event and party",
                parties[p.party].id, events[ev].id, lines[first]
            ),
        )
    };
    let mut listed = vec![0u32; events.len()];
    let by_event = if one_run_each {
        for &(i, first) in &pass.dups {
            let p = &participation[i];
            if p.event != usize::MAX {
                problems.push(duplicate(&lines, i, first, p.event, p));
            }
        }
        // Rows of a run whose event is unknown belong to no group; they were reported above,
        // so the dataset is not built.
        let mut starts = Vec::with_capacity(events.len() + 1);
        let mut items = Vec::with_capacity(n_rows);
        for (e, &r) in run_of.iter().enumerate() {
            starts.push(items.len());
            if r != NO_RUN {
                listed[e] = pass.run_listed[r];
                items.extend(run_range(r));
            }
        }
        starts.push(items.len());
        Groups::from_parts(starts, items)
    } else {
        // An event's rows are spread over the file: group every row (in file order within
        // each event), finding duplicates and counting parties in one pass.
        if participation.iter().any(|p| p.event == usize::MAX) {
            let keep: Vec<bool> = participation
                .iter()
                .map(|p| p.event != usize::MAX)
                .collect();
            let mut k = keep.iter();
            participation.retain(|_| k.next().copied().unwrap_or(false));
            let mut k = keep.iter();
            lines.retain(|_| k.next().copied().unwrap_or(false));
        }
        let by_event = Groups::build(
            events.len(),
            participation.iter().enumerate().map(|(i, p)| (p.event, i)),
        );
        // For each party, the last (event, row) it was seen in.
        let mut last_seen: Vec<(usize, usize)> = vec![(usize::MAX, 0); parties.len()];
        for (ev, count) in listed.iter_mut().enumerate() {
            for &i in &by_event[ev] {
                let p = &participation[i];
                let seen = &mut last_seen[p.party];
                if seen.0 == ev {
                    problems.push(duplicate(&lines, i, seen.1, ev, p));
                    continue;
                }
                *seen = (ev, i);
                if p.role.is_party() {
                    *count += 1;
                }
            }
        }
        by_event
    };

    // Counts: a reported count below the listed parties contradicts the rows.
    if let (Some(display), true) = (&events_display, all_read) {
        for (i, e) in events.iter().enumerate() {
            if let Some(r) = &e.reported
                && r.count < listed[i]
            {
                problems.push(Problem::field(
                    display,
                    event_line[i],
                    E_REPORTED.name,
                    format!("reported {} {} but {} {} listed in participation.csv; raise the count or fix the rows",
                        r.count,
                        if r.count == 1 { "party" } else { "parties" },
                        listed[i],
                        if listed[i] == 1 { "is" } else { "are" }),
                ));
            }
        }
    }

    if !problems.is_empty() {
        problems.settle();
        return Err(problems);
    }
    Ok(Dataset::new(
        events,
        parties,
        Rows {
            rows: participation,
            texts,
            by_event,
        },
        priorities,
        links,
        [event_ix, party_ix, priority_ix],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    const EVENTS: &str = "id,name,kind,start,end,source\nsummit-a,Summit A,summit,2023-11-01,2023-11-02,https://example.org/a\nsummit-b,Summit B,summit,2024-05,,https://example.org/b\n";
    const PARTIES: &str = "id,name,kind,region,aliases\nGBR,United Kingdom,country,Europe,UK\nKOR,Republic of Korea,country,Asia,South Korea\nEU,European Union,organisation,,\n";
    const PART: &str = "event,party,role,date,source\nsummit-a,GBR,signatory,,\nsummit-a,KOR,signatory,,\nsummit-b,GBR,member,,\n";
    const PRI: &str = "id,name,description\nresearch,Research,\n";
    const LINKS: &str = "event,priority,source\nsummit-a,research,https://example.org/l\n";

    fn files(e: &str, p: &str, pa: &str, pr: &str, l: &str) -> Vec<InputFile> {
        [e, p, pa, pr, l]
            .iter()
            .zip(FILES)
            .map(|(s, n)| InputFile {
                display: format!("d/{n}"),
                bytes: s.as_bytes().to_vec(),
            })
            .collect()
    }

    fn errors(e: &str, p: &str, pa: &str, pr: &str, l: &str) -> Vec<String> {
        load_files(files(e, p, pa, pr, l))
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect()
    }

    #[test]
    fn loads_a_small_valid_dataset_sorted_and_indexed() {
        let d = load_files(files(EVENTS, PARTIES, PART, PRI, LINKS)).unwrap();
        assert_eq!(d.events.len(), 2);
        assert_eq!(d.events[0].id, "summit-a");
        assert_eq!(d.by_event[0].len(), 2);
        assert_eq!(d.by_party[d.party_ix["GBR"]].len(), 2);
    }

    #[test]
    fn the_shipped_dataset_loads() {
        let d = load_embedded().unwrap_or_else(|e| panic!("{e:?}"));
        assert!(d.events.len() >= 9);
    }

    #[test]
    fn unknown_party_names_line_and_column_and_suggests() {
        let pa = "event,party,role\nsummit-a,GBR,signatory\nsummit-a,GRB,signatory\n";
        assert_eq!(
            errors(EVENTS, PARTIES, pa, PRI, LINKS),
            ["d/participation.csv:3: column party: unknown party \"GRB\" (did you mean \"GBR\"?)"]
        );
    }

    #[test]
    fn a_party_name_in_the_id_column_suggests_the_id() {
        let pa = "event,party,role\nsummit-a,South Korea,signatory\n";
        let e = errors(EVENTS, PARTIES, pa, PRI, LINKS);
        assert_eq!(
            e,
            [
                "d/participation.csv:2: column party: unknown party \"South Korea\" (did you mean \"KOR\"? use the party id, not its name)"
            ]
        );
    }

    #[test]
    fn reports_every_problem_at_once_in_file_order() {
        let ev = "id,name,kind,start,end,source\nsummit-a,Summit A,sumit,2023-02-30,,https://example.org/a\n";
        let pa = "event,party,role\nsummit-x,GBR,signatory\nsummit-a,GBR,singatory\n";
        let e = errors(ev, PARTIES, pa, PRI, "event,priority,source\n");
        assert_eq!(
            e,
            [
                "d/events.csv:2: column kind: unknown kind \"sumit\" (did you mean \"summit\"?); expected one of: summit, declaration, meeting, founding, renaming, treaty, resolution, report, commitment, exercise",
                "d/events.csv:2: column start: invalid date \"2023-02-30\": day 30 does not exist in 2023-02 (it has 28 days)",
                "d/participation.csv:2: column event: unknown event \"summit-x\"",
                "d/participation.csv:3: column role: unknown role \"singatory\" (did you mean \"signatory\"?); expected one of: signatory, joined, member, participant, observer, non-signatory",
            ]
        );
    }

    #[test]
    fn unknown_column_is_an_error_with_a_suggestion() {
        let ev = "id,name,kind,strat,source\nsummit-a,Summit A,summit,2023,https://example.org/a\n";
        let e = errors(
            ev,
            PARTIES,
            "event,party,role\n",
            PRI,
            "event,priority,source\n",
        );
        assert_eq!(
            e[0],
            "d/events.csv:1: unknown column \"strat\" (did you mean \"start\"?); the columns of events.csv are: id,name,short,kind,start,end,series,parent,city,host,reported_parties,reported_as_of,source,note"
        );
        assert_eq!(e[1], "d/events.csv:1: missing required column \"start\"");
    }

    #[test]
    fn end_before_start_and_joined_without_date() {
        let ev = "id,name,kind,start,end,source\nsummit-a,Summit A,summit,2023-11-02,2023-11-01,https://example.org/a\n";
        let pa = "event,party,role,date\nsummit-a,GBR,joined,\n";
        let e = errors(ev, PARTIES, pa, PRI, "event,priority,source\n");
        assert_eq!(
            e,
            [
                "d/events.csv:2: column end: end 2023-11-01 is before start 2023-11-02",
                "d/participation.csv:2: column date: a \"joined\" row needs the date the party joined",
            ]
        );
    }

    #[test]
    fn parent_cycle_is_reported_once() {
        let ev = "id,name,kind,start,parent,source\na,A,summit,2023,b,https://x.org\nb,B,summit,2023,a,https://x.org\n";
        let e = errors(
            ev,
            PARTIES,
            "event,party,role\n",
            PRI,
            "event,priority,source\n",
        );
        assert_eq!(
            e,
            ["d/events.csv:2: column parent: parent cycle: a → b → a"]
        );
    }

    #[test]
    fn duplicate_rows_point_at_the_first() {
        let pa = "event,party,role\nsummit-a,GBR,signatory\nsummit-a,GBR,member\n";
        let e = errors(EVENTS, PARTIES, pa, PRI, LINKS);
        assert_eq!(
            e,
            [
                "d/participation.csv:3: column party: GBR is already listed for summit-a on line 2; one row per event and party"
            ]
        );
    }

    #[test]
    fn quotes_and_lines_are_counted_across_blocks() {
        let mut bytes = Vec::new();
        for i in 0..2000u32 {
            bytes.extend_from_slice(if i % 3 == 0 { b"\"a\",b\n" } else { b"x\n" });
        }
        let quotes = bytes.iter().filter(|&&b| b == b'"').count();
        let lines = bytes.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(count_quotes_and_lines(&bytes), (quotes, lines));
        assert_eq!(count_quotes_and_lines(&[b'"'; 600]), (600, 0));
        assert_eq!(count_quotes_and_lines(b""), (0, 0));
    }

    #[test]
    fn rows_of_an_event_spread_over_the_file_load_like_grouped_rows() {
        let grouped = "event,party,role\nsummit-a,GBR,signatory\nsummit-a,KOR,member\nsummit-b,GBR,member\nsummit-b,EU,observer\n";
        let spread = "event,party,role\nsummit-a,KOR,member\nsummit-b,GBR,member\nsummit-a,GBR,signatory\nsummit-b,EU,observer\n";
        let shape = |d: &Dataset| -> Vec<Vec<(String, Role)>> {
            (0..d.events.len())
                .map(|e| {
                    d.by_event[e]
                        .iter()
                        .map(|&i| {
                            let p = &d.participation[i];
                            assert_eq!(p.event, e);
                            (d.parties[p.party].id.clone(), p.role)
                        })
                        .collect()
                })
                .collect()
        };
        let a = load_files(files(EVENTS, PARTIES, grouped, PRI, LINKS)).unwrap();
        let b = load_files(files(EVENTS, PARTIES, spread, PRI, LINKS)).unwrap();
        assert_eq!(shape(&a), shape(&b));
        assert_eq!(shape(&a)[0][0], ("GBR".to_string(), Role::Signatory));
        let by_party = |d: &Dataset| d.by_party[d.party_ix["GBR"]].len();
        assert_eq!((by_party(&a), by_party(&b)), (2, 2));
    }

    #[test]
    fn duplicates_are_found_within_a_run_and_across_runs() {
        // Line 3 repeats line 2 in the same run; line 5 repeats line 2 from another run.
        let pa = "event,party,role\nsummit-a,GBR,signatory\nsummit-a,GBR,member\nsummit-b,GBR,member\nsummit-a,GBR,observer\n";
        assert_eq!(
            errors(EVENTS, PARTIES, pa, PRI, LINKS),
            [
                "d/participation.csv:3: column party: GBR is already listed for summit-a on line 2; one row per event and party",
                "d/participation.csv:5: column party: GBR is already listed for summit-a on line 2; one row per event and party",
            ]
        );
        let pa = "event,party,role\nsummit-a,GBR,signatory\nsummit-a,KOR,signatory\nsummit-a,GBR,member\n";
        assert_eq!(
            errors(EVENTS, PARTIES, pa, PRI, LINKS),
            [
                "d/participation.csv:4: column party: GBR is already listed for summit-a on line 2; one row per event and party",
            ]
        );
    }

    #[test]
    fn unknown_events_are_reported_on_every_row_that_names_them() {
        let pa = "event,party,role\nsummit-x,GBR,signatory\nsummit-x,KOR,signatory\nsummit-a,GBR,signatory\nsummit-x,EU,bogus\n";
        let e = errors(EVENTS, PARTIES, pa, PRI, LINKS);
        assert_eq!(e.len(), 4, "{e:?}");
        for line in [2, 3, 5] {
            assert!(
                e.contains(&format!("d/participation.csv:{line}: column event: unknown event \"summit-x\" (did you mean \"summit-a\"?)")),
                "{e:?}"
            );
        }
        assert!(
            e[2].starts_with("d/participation.csv:5: column event"),
            "{e:?}"
        );
        assert!(
            e[3].starts_with("d/participation.csv:5: column role"),
            "{e:?}"
        );
    }

    #[test]
    fn reported_count_below_listed_is_an_error() {
        let ev =
            "id,name,kind,start,reported_parties,source\nsummit-a,A,summit,2023,1,https://x.org\n";
        let e = errors(
            ev,
            PARTIES,
            PART.lines().take(3).collect::<Vec<_>>().join("\n").as_str(),
            PRI,
            "event,priority,source\n",
        );
        assert_eq!(
            e,
            [
                "d/events.csv:2: column reported_parties: reported 1 party but 2 are listed in participation.csv; raise the count or fix the rows"
            ]
        );
    }

    #[test]
    fn bom_crlf_and_quoted_newlines_are_accepted() {
        let ev = "\u{feff}id,name,kind,start,source\r\nsummit-a,\"Summit, A\nsecond line\",summit,2023,https://x.org\r\n\r\n";
        let d = load_files(files(
            ev,
            PARTIES,
            "event,party,role\r\nsummit-a,GBR,signatory\r\n",
            PRI,
            "event,priority,source\n",
        ))
        .unwrap();
        assert_eq!(d.events[0].name, "Summit, A\nsecond line");
    }

    #[test]
    fn line_numbers_count_physical_lines_after_a_quoted_newline() {
        let ev = "id,name,kind,start,source\na,\"A\nB\",summit,2023,https://x.org\nb,B,sumit,2023,https://x.org\n";
        let e = errors(
            ev,
            PARTIES,
            "event,party,role\n",
            PRI,
            "event,priority,source\n",
        );
        assert!(e[0].starts_with("d/events.csv:4: column kind:"), "{e:?}");
    }

    #[test]
    fn invalid_utf8_and_utf16_are_reported() {
        let mut bad =
            b"id,name,kind,region,aliases\nGBR,United Kingdom,country,Europe,\nTUR,T".to_vec();
        bad.extend([0xFC, b'r', b'\n']);
        let mut f = files(EVENTS, PARTIES, PART, PRI, LINKS);
        f[1].bytes = bad;
        let e: Vec<String> = load_files(f)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(
            e[0],
            "d/parties.csv:3: invalid UTF-8 at character 6 (byte 0xFC); save the file as UTF-8"
        );
        let mut f = files(EVENTS, PARTIES, PART, PRI, LINKS);
        f[0].bytes = vec![0xFF, 0xFE, b'i', 0];
        let e: Vec<String> = load_files(f)
            .unwrap_err()
            .iter()
            .map(|p| p.to_string())
            .collect();
        assert_eq!(e, ["d/events.csv: file is UTF-16; save it as UTF-8"]);
    }

    #[test]
    fn ragged_rows_and_unterminated_quotes() {
        let pa = "event,party,role\nsummit-a,GBR,signatory,extra\nsummit-a,\"KOR,signatory\n";
        let e = errors(EVENTS, PARTIES, pa, PRI, LINKS);
        assert_eq!(
            e[0],
            "d/participation.csv:2: this row has 4 fields, the header has 3 (quote fields that contain commas)"
        );
        assert!(
            e.iter().any(|l| l.contains("unterminated quoted field")),
            "{e:?}"
        );
    }
}
