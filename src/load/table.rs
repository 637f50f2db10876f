//! Reading one table: its encoding and header checked against a [`Schema`], then its rows one
//! at a time, each with accessors that trim, parse and report a bad field where it is.
//!
//! It never opens a file (it is given the bytes) and knows nothing of other files.

use super::fast::{FaultKind, Next, Record, Records, count_line_ends, line_and_character};
use super::problem::{Problem, ProblemKind as K, Vocabulary};
use super::schema::{Col, Schema};
use super::{InputFile, MAX_FIELD};
use crate::date::PartialDate;
use crate::error::Problems;
use crate::text::{is_slug, suggest};

/// An open CSV file whose header has been checked: rows are read one at a time by
/// [`Table::next`], so no file is ever held in memory as records.
pub(super) struct Table<'f> {
    pub display: String,
    /// For each schema column, its position in this file's header (absent: `None`).
    pos: Vec<Option<usize>>,
    width: usize,
    header: Vec<String>,
    recs: Records<'f>,
    cur: Record,
    /// The position of the schema's key column (the id other files refer to), if it has one.
    key: Option<usize>,
    /// Records seen, well-formed or not (blank lines excepted).
    pub rows_seen: usize,
    /// Lines in the file: an upper bound on its records, to size vectors once.
    pub line_estimate: usize,
    /// What was lost of the rows that could not be read as CSV.
    pub lost: Lost,
}

/// The rows of a table that could not be read as CSV (a misplaced quote, a wrong number of
/// fields, an oversized field): reported once where they are, and then not known. References
/// to them from other files are not reported again: to the keys in `keys` by name, and to any
/// key at all if a lost row's key could not be told.
#[derive(Debug, Default)]
pub(super) struct Lost {
    /// How many rows were lost.
    pub rows: usize,
    /// The keys of the lost rows whose key field could still be read.
    pub keys: Vec<String>,
    /// Some lost row's key could not be read.
    pub unknown_key: bool,
}

/// The longest key of a lost row that is kept, in bytes.
const MAX_KEY: usize = 1024;

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
pub(super) struct Row<'a> {
    display: &'a str,
    pos: &'a [Option<usize>],
    pub line: u64,
    rec: &'a Record,
    /// The file's text, which plain records' fields are ranges of.
    text: &'a str,
}

impl<'a> Row<'a> {
    /// The trimmed field, or `None` if the column is absent or the field empty.
    pub fn get(&self, c: Col) -> Option<&'a str> {
        let v = trim(self.rec.get(self.text, self.pos[c.ix]?)?);
        if v.is_empty() { None } else { Some(v) }
    }
    /// The trimmed field; an empty one is reported.
    pub fn required(&self, c: Col, problems: &mut Problems) -> Option<&'a str> {
        let v = self.get(c);
        if v.is_none() {
            problems.push(self.problem(c, K::RequiredEmpty));
        }
        v
    }
    /// A problem in this row's field `c`.
    pub fn problem(&self, c: Col, kind: K) -> Problem {
        Problem::field(self.display, self.line, c.name, kind)
    }
    /// An optional date; a bad one is reported.
    pub fn date(&self, c: Col, problems: &mut Problems) -> Option<PartialDate> {
        let raw = self.get(c)?;
        match PartialDate::parse(raw) {
            Ok(d) => Some(d),
            Err(reason) => {
                problems.push(self.problem(c, K::InvalidDate { reason }));
                None
            }
        }
    }
    /// An optional http(s) address; anything else is reported.
    pub fn url(&self, c: Col, problems: &mut Problems) -> Option<String> {
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
                K::NotAUrl {
                    value: raw.to_string(),
                },
            ));
            return None;
        }
        Some(raw.to_string())
    }
    /// A required http(s) address.
    pub fn required_url(&self, c: Col, problems: &mut Problems) -> Option<String> {
        self.required(c, problems)?;
        self.url(c, problems)
    }
    /// A required id that must be a lower-case slug.
    pub fn slug(&self, c: Col, problems: &mut Problems) -> Option<&'a str> {
        let v = self.required(c, problems)?;
        if !is_slug(v) {
            let lower = v
                .to_lowercase()
                .split_whitespace()
                .collect::<Vec<_>>()
                .join("-");
            let suggestion = is_slug(&lower).then_some(lower);
            problems.push(self.problem(
                c,
                K::NotAnId {
                    value: v.to_string(),
                    suggestion,
                },
            ));
            return None;
        }
        Some(v)
    }
    /// A required word of a vocabulary.
    pub fn word<T>(
        &self,
        c: Col,
        vocabulary: Vocabulary,
        parse: fn(&str) -> Option<T>,
        problems: &mut Problems,
    ) -> Option<T> {
        let v = self.required(c, problems)?;
        let found = parse(v);
        if found.is_none() {
            problems.push(self.problem(c, unknown_word(vocabulary, v)));
        }
        found
    }
}

/// `unknown role "X"` and the like, with the likeliest word meant.
pub(super) fn unknown_word(vocabulary: Vocabulary, value: &str) -> K {
    K::UnknownWord {
        vocabulary,
        value: value.to_string(),
        suggestion: suggest(value, vocabulary.names()),
    }
}

impl<'f> Table<'f> {
    /// Open one file: check its encoding and header. Rows are then read with [`Table::next`].
    pub fn open(
        file: &'f InputFile,
        schema: &'static Schema,
        problems: &mut Problems,
    ) -> Option<Self> {
        let d = &file.display;
        let text = decode(file, problems)?;
        let bytes = text.as_bytes();
        if bytes.iter().all(|b| b.is_ascii_whitespace()) {
            problems.push(Problem::file(d, K::EmptyFile { schema }));
            return None;
        }
        let mut recs = Records::new(text);
        let mut first = Record::default();
        match recs.next_into(&mut first) {
            Next::Record => {}
            Next::End => {
                problems.push(Problem::file(d, K::EmptyFile { schema }));
                return None;
            }
            Next::Fault(f) => {
                problems.push(Problem::line(d, f.line, fault_kind(f.kind)));
                return None;
            }
        }
        let header: Vec<String> = first.iter(text).map(str::to_string).collect();
        // Line 1, unless blank lines come first.
        let pos = check_header(d, first.line, &header, schema, problems)?;
        recs.set_width(header.len());
        let key = schema
            .key
            .and_then(|k| schema.position(k))
            .and_then(|k| pos[k]);
        Some(Table {
            display: d.clone(),
            pos,
            width: header.len(),
            header,
            recs,
            cur: Record::default(),
            key,
            rows_seen: 0,
            line_estimate: count_line_ends(bytes),
            lost: Lost::default(),
        })
    }

    /// The next well-formed row. Records broken by a quote, of the wrong shape or with an
    /// oversized field are reported and skipped.
    pub fn next(&mut self, problems: &mut Problems) -> Option<Row<'_>> {
        let text = self.recs.text();
        loop {
            match self.recs.next_into(&mut self.cur) {
                Next::End => return None,
                Next::Record => {}
                Next::Fault(f) => {
                    self.rows_seen += 1;
                    let kind = fault_kind(f.kind);
                    let p = match self.header.get(f.field) {
                        Some(col) => Problem::field(&self.display, f.line, col.trim(), kind),
                        None => Problem::line(&self.display, f.line, kind),
                    };
                    problems.push(p);
                    // The fields before the fault were read.
                    self.lose(f.field);
                    // Reading goes on after the fault's line: a record that ran on to it from
                    // an earlier line swallowed rows whose keys are not known.
                    if f.line > self.cur.line {
                        self.lost.unknown_key = true;
                    }
                    continue;
                }
            }
            if self.cur.len() == 1 && self.cur.get(text, 0).is_some_and(|f| f.trim().is_empty()) {
                continue; // a line holding only spaces
            }
            self.rows_seen += 1;
            let line = self.cur.line;
            if self.cur.len() != self.width {
                let kind = K::WrongFieldCount {
                    found: self.cur.len(),
                    expected: self.width,
                };
                problems.push(Problem::line(&self.display, line, kind));
                // Where the fields went wrong is not known: only the first is sure.
                self.lose(1);
                continue;
            }
            let too_long = self
                .cur
                .iter(text)
                .map(str::len)
                .enumerate()
                .find(|&(_, n)| n > MAX_FIELD);
            if let Some((i, bytes)) = too_long {
                let col = self.header.get(i).map_or("?", |h| h.trim());
                let kind = K::FieldTooLong { bytes };
                problems.push(Problem::field(&self.display, line, col, kind));
                self.lose(usize::MAX);
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

    /// Count the current record as lost; its first `sure` fields were read as they are.
    fn lose(&mut self, sure: usize) {
        self.lost.rows += 1;
        let Some(k) = self.key else {
            return;
        };
        match self.cur.get(self.recs.text(), k) {
            // An id is short; a longer "key" is a row gone wrong, and is not copied.
            Some(v) if k < sure && v.len() <= MAX_KEY => {
                let v = trim(v);
                if !v.is_empty() {
                    self.lost.keys.push(v.to_string());
                }
            }
            _ => self.lost.unknown_key = true,
        }
    }
}

/// The problem a quote fault is.
fn fault_kind(kind: FaultKind) -> K {
    match kind {
        FaultKind::QuoteInUnquoted => K::QuoteInUnquotedField,
        FaultKind::TextAfterClose { opened } => K::TextAfterClosingQuote { opened },
        FaultKind::Unclosed => K::UnterminatedQuote,
        FaultKind::LeftOpen { until } => K::QuoteLeftOpen { until },
    }
}

/// The file's text: UTF-8, without a byte-order mark. UTF-16 and invalid UTF-8 are reported.
fn decode<'f>(file: &'f InputFile, problems: &mut Problems) -> Option<&'f str> {
    let d = &file.display;
    let mut bytes: &[u8] = &file.bytes;
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        problems.push(Problem::file(d, K::Utf16));
        return None;
    }
    if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        bytes = rest;
    }
    match std::str::from_utf8(bytes) {
        Ok(t) => Some(t),
        Err(e) => {
            let at = e.valid_up_to();
            let (line, character) = line_and_character(bytes, at);
            let kind = K::InvalidUtf8 {
                character,
                byte: bytes[at],
            };
            problems.push(Problem::line(d, line, kind));
            None
        }
    }
}

/// Check a header against the schema: for each schema column, its position in the header.
/// Unknown, repeated and missing columns are reported, and the file is then not read.
fn check_header(
    d: &str,
    line: u64,
    header: &[String],
    schema: &'static Schema,
    problems: &mut Problems,
) -> Option<Vec<Option<usize>>> {
    let cols = schema.columns;
    let mut pos: Vec<Option<usize>> = vec![None; cols.len()];
    let mut ok = true;
    for (i, h) in header.iter().enumerate() {
        let h = h.trim();
        match schema.position(h) {
            Some(k) if pos[k].is_some() => {
                problems.push(Problem::field(d, line, h, K::DuplicateColumn));
                ok = false;
            }
            Some(k) => pos[k] = Some(i),
            None => {
                let kind = if h.is_empty() {
                    K::EmptyColumnName {
                        position: i + 1,
                        schema,
                    }
                } else {
                    K::UnknownColumn {
                        name: h.to_string(),
                        suggestion: suggest(h, cols.iter().map(|c| c.name)),
                        schema,
                    }
                };
                problems.push(Problem::line(d, line, kind));
                ok = false;
            }
        }
    }
    for (c, p) in cols.iter().zip(&pos) {
        if c.required && p.is_none() {
            problems.push(Problem::line(d, line, K::MissingColumn { name: c.name }));
            ok = false;
        }
    }
    ok.then_some(pos)
}
