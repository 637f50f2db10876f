//! Problems found while loading: where ([`Problem`]) and what ([`ProblemKind`]).
//!
//! Every check builds a `ProblemKind` with the values it found; the one [`fmt::Display`] impl
//! below is the only place the messages are written, so their wording lives in one file. This
//! module checks nothing and reads nothing.

use super::MAX_FIELD;
use super::schema::{ALL, Schema};
use crate::date::PartialDate;
use crate::model::{EventKind, ListStatus, PartyKind, Region, Role};
use crate::text::quote;
use std::fmt;

/// One fault in the dataset, positioned as `path:line: column NAME: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user should find it, e.g. `events/participation.csv`.
    pub file: String,
    /// 1-based physical line of the record (the header is line 1), if the fault is in a line.
    pub line: Option<u64>,
    /// The column name, if the fault is in one field.
    pub column: Option<String>,
    /// What is wrong.
    pub kind: ProblemKind,
}

impl Problem {
    /// A fault in a whole file (or in the dataset directory).
    pub fn file(file: &str, kind: ProblemKind) -> Self {
        Problem {
            file: file.to_string(),
            line: None,
            column: None,
            kind,
        }
    }
    /// A fault in one line of a file.
    pub fn line(file: &str, line: u64, kind: ProblemKind) -> Self {
        Problem {
            line: Some(line),
            ..Problem::file(file, kind)
        }
    }
    /// A fault in one field.
    pub fn field(file: &str, line: u64, column: &str, kind: ProblemKind) -> Self {
        Problem {
            line: Some(line),
            column: Some(column.to_string()),
            ..Problem::file(file, kind)
        }
    }

    /// The order problems are reported in: by file (in [`super::FILES`] order), line, then
    /// column (in schema order; whole-line problems first).
    pub(crate) fn order_key(&self) -> (usize, &str, Option<u64>, usize) {
        // The file's own name, not a suffix of it: "event_priorities.csv" ends with
        // "priorities.csv".
        let name = self.file.rsplit(['/', '\\']).next().unwrap_or(&self.file);
        let file = ALL.iter().position(|s| name == s.file).unwrap_or(ALL.len());
        let column = self.column.as_deref().map_or(0, |c| {
            ALL.get(file)
                .map_or(1, |s| 1 + s.position(c).unwrap_or(s.columns.len()))
        });
        (file, &self.file, self.line, column)
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ": column {c}")?;
        }
        write!(f, ": {}", self.kind)
    }
}

/// A vocabulary a field must be a word of.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Vocabulary {
    EventKind,
    Role,
    PartyKind,
    Region,
    ListStatus,
}

impl Vocabulary {
    /// What a word of it is called in messages.
    fn what(self) -> &'static str {
        match self {
            Vocabulary::EventKind => "kind",
            Vocabulary::Role => "role",
            Vocabulary::PartyKind => "party kind",
            Vocabulary::Region => "region",
            Vocabulary::ListStatus => "list status",
        }
    }
    /// Its words, in declaration order.
    pub fn names(self) -> Vec<&'static str> {
        match self {
            Vocabulary::EventKind => EventKind::names(),
            Vocabulary::Role => Role::names(),
            Vocabulary::PartyKind => PartyKind::names(),
            Vocabulary::Region => Region::names(),
            Vocabulary::ListStatus => ListStatus::names(),
        }
    }
}

/// What an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Entity {
    Event,
    Party,
    Priority,
}

impl fmt::Display for Entity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Entity::Event => "event",
            Entity::Party => "party",
            Entity::Priority => "priority",
        })
    }
}

/// The likeliest party meant by an unknown party reference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PartyHint {
    None,
    /// An id a typo away.
    Id(String),
    /// The id of the party the value is a name or alias of.
    Name(String),
    /// The id the value spells in another case.
    Case(String),
}

/// What is wrong, with the values needed to say so and to suggest a fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProblemKind {
    /// `--data` names nothing.
    NoSuchDirectory,
    /// `--data` names a file.
    NotADirectory,
    /// A dataset file is missing from the directory.
    FileNotFound,
    /// A dataset file is a directory.
    IsADirectory,
    /// The system could not read a file or directory.
    CannotRead { error: String },
    /// A dataset file is not a regular file (after following symbolic links): a FIFO, a
    /// device, a socket.
    NotARegularFile { what: &'static str },
    /// A dataset file is larger than [`super::MAX_FILE`].
    FileTooLarge { bytes: u64 },
    /// The memory to read a file, or to hold what it holds, could not be had.
    OutOfMemory { bytes: u64 },
    /// The file starts with a UTF-16 byte-order mark.
    Utf16,
    /// The first byte that is not UTF-8, at a 1-based character of its line.
    InvalidUtf8 { character: usize, byte: u8 },
    /// The file holds nothing but whitespace.
    EmptyFile { schema: &'static Schema },
    /// A header names a column twice.
    DuplicateColumn,
    /// A header names a column the schema does not have.
    UnknownColumn {
        name: String,
        suggestion: Option<String>,
        schema: &'static Schema,
    },
    /// A header has an empty name at a 1-based position.
    EmptyColumnName {
        position: usize,
        schema: &'static Schema,
    },
    /// A header lacks a required column.
    MissingColumn { name: &'static str },
    /// A quote opened in the field is never closed.
    UnterminatedQuote,
    /// A `"` inside a field that does not start with one.
    QuoteInUnquotedField,
    /// A closing quote followed by something other than a comma or a line end; `opened`: the
    /// line the field opened on, if an earlier one.
    TextAfterClosingQuote { opened: Option<u64> },
    /// A quote left open on a line that is a whole row, closed by a quote on line `until`:
    /// the rows between were swallowed into this field.
    QuoteLeftOpen { until: u64 },
    /// A row has a different number of fields from the header.
    WrongFieldCount { found: usize, expected: usize },
    /// A field is over [`MAX_FIELD`] bytes.
    FieldTooLong { bytes: usize },
    /// A required field is empty.
    RequiredEmpty,
    /// A date does not parse ([`PartialDate::parse`] says why).
    InvalidDate { reason: String },
    /// A source is not an http(s) address.
    NotAUrl { value: String },
    /// An id is not a lower-case slug.
    NotAnId {
        value: String,
        suggestion: Option<String>,
    },
    /// A party id is not upper-case letters, digits and '-'.
    NotAPartyId {
        value: String,
        suggestion: Option<String>,
    },
    /// A country's id is not three letters.
    NotACountryCode { value: String },
    /// A series name is not a slug.
    NotASeries { value: String },
    /// `reported_parties` is not a whole number.
    NotACount { value: String },
    /// `reported_parties` is a whole number above `u32::MAX`.
    CountTooLarge { value: String },
    /// A semicolon-separated list (`host`) with an empty entry (`GBR;;FRA`, `;`).
    EmptyListEntry { value: String },
    /// A field is not a word of its vocabulary.
    UnknownWord {
        vocabulary: Vocabulary,
        value: String,
        suggestion: Option<String>,
    },
    /// An organisation or company has a region.
    RegionOnNonCountry,
    /// An event ends before it starts.
    EndBeforeStart {
        end: PartialDate,
        start: PartialDate,
    },
    /// A complete list with a reported count (a complete list is counted from its rows).
    CountOnCompleteList,
    /// A complete list of an instrument that stays open, without the date it was checked.
    OpenListWithoutDate { kind: EventKind },
    /// `list_as_of` before the event starts.
    ListDateBeforeStart {
        as_of: PartialDate,
        start: PartialDate,
    },
    /// A `joined` row without a date.
    JoinedWithoutDate,
    /// An id defined twice in its file.
    DuplicateId {
        entity: Entity,
        id: String,
        first_line: u64,
    },
    /// A (folded) name or alias that already names another party.
    NameTaken {
        name: String,
        party: String,
        line: u64,
    },
    /// events.csv has a header but no rows.
    NoEvents,
    /// A reference to an event that is not defined.
    UnknownEvent {
        value: String,
        suggestion: Option<String>,
    },
    /// A reference to a party that is not defined.
    UnknownParty { value: String, hint: PartyHint },
    /// A reference to a priority that is not defined.
    UnknownPriority {
        value: String,
        suggestion: Option<String>,
    },
    /// An event names itself as its parent.
    OwnParent,
    /// Events whose parents lead back to the first, in order (the first is not repeated).
    ParentCycle { events: Vec<String> },
    /// A participation date before its event starts.
    DateBeforeEventStart {
        date: PartialDate,
        start: PartialDate,
    },
    /// A second row for the same event and party.
    DuplicateRow {
        party: String,
        event: String,
        first_line: u64,
    },
    /// A second link between the same event and priority.
    DuplicateLink {
        priority: String,
        event: String,
        first_line: u64,
    },
    /// An event's reported count is below the parties listed for it.
    ReportedBelowListed { reported: u32, listed: u32 },
    /// A partial list whose reported count its rows already reach.
    PartialListReachesCount { reported: u32 },
    /// A `none` list with party rows.
    PartiesOnUnkeptList { listed: u32 },
    /// A complete list of an event with `joined` rows, without the date it was checked.
    JoinedListWithoutDate,
}

/// ` (did you mean "X"?)`, or nothing.
fn did_you_mean(f: &mut fmt::Formatter<'_>, s: Option<&str>) -> fmt::Result {
    match s {
        Some(s) => write!(f, " (did you mean \"{s}\"?)"),
        None => Ok(()),
    }
}

const DATASET_FILES: &str =
    "events.csv, parties.csv, participation.csv, priorities.csv and event_priorities.csv";

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind as K;
        // Exhaustive on purpose: a new kind must be given a group, and a group its message.
        match self {
            K::NoSuchDirectory
            | K::NotADirectory
            | K::FileNotFound
            | K::IsADirectory
            | K::CannotRead { .. }
            | K::NotARegularFile { .. }
            | K::FileTooLarge { .. }
            | K::OutOfMemory { .. }
            | K::Utf16
            | K::InvalidUtf8 { .. }
            | K::EmptyFile { .. }
            | K::DuplicateColumn
            | K::UnknownColumn { .. }
            | K::EmptyColumnName { .. }
            | K::MissingColumn { .. }
            | K::UnterminatedQuote
            | K::QuoteInUnquotedField
            | K::TextAfterClosingQuote { .. }
            | K::QuoteLeftOpen { .. }
            | K::WrongFieldCount { .. }
            | K::FieldTooLong { .. } => self.fmt_input(f),
            K::RequiredEmpty
            | K::InvalidDate { .. }
            | K::NotAUrl { .. }
            | K::NotAnId { .. }
            | K::NotAPartyId { .. }
            | K::NotACountryCode { .. }
            | K::NotASeries { .. }
            | K::NotACount { .. }
            | K::CountTooLarge { .. }
            | K::EmptyListEntry { .. }
            | K::UnknownWord { .. }
            | K::RegionOnNonCountry
            | K::EndBeforeStart { .. }
            | K::CountOnCompleteList
            | K::OpenListWithoutDate { .. }
            | K::ListDateBeforeStart { .. }
            | K::JoinedWithoutDate
            | K::DuplicateId { .. }
            | K::NameTaken { .. }
            | K::NoEvents => self.fmt_values(f),
            K::UnknownEvent { .. }
            | K::UnknownParty { .. }
            | K::UnknownPriority { .. }
            | K::OwnParent
            | K::ParentCycle { .. }
            | K::DateBeforeEventStart { .. }
            | K::DuplicateRow { .. }
            | K::DuplicateLink { .. }
            | K::ReportedBelowListed { .. }
            | K::PartialListReachesCount { .. }
            | K::PartiesOnUnkeptList { .. }
            | K::JoinedListWithoutDate => self.fmt_references(f),
        }
    }
}

impl ProblemKind {
    /// The messages about the directory, encodings, headers and record shapes.
    fn fmt_input(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind as K;
        match self {
            K::NoSuchDirectory => write!(
                f,
                "no such directory (--data expects a directory holding {DATASET_FILES})"
            ),
            K::NotADirectory => f.write_str(
                "is a file, not a directory (--data expects a directory holding events.csv, parties.csv, …)",
            ),
            K::FileNotFound => write!(
                f,
                "file not found (a dataset directory needs {DATASET_FILES})"
            ),
            K::IsADirectory => f.write_str("is a directory, not a CSV file"),
            K::CannotRead { error } => write!(f, "cannot read: {error}"),
            K::NotARegularFile { what } => write!(
                f,
                "is {what}, not a regular file; a dataset file must be a regular file (or a link to one)"
            ),
            K::FileTooLarge { bytes } => write!(
                f,
                "file is {bytes} bytes, over the {}-byte limit for a dataset file",
                super::MAX_FILE
            ),
            K::OutOfMemory { bytes } => write!(
                f,
                "not enough memory: {bytes} more bytes could not be had (is a memory limit such as `ulimit -v` set?)"
            ),
            K::Utf16 => f.write_str("file is UTF-16; save it as UTF-8"),
            K::InvalidUtf8 { character, byte } => write!(
                f,
                "invalid UTF-8 at character {character} (byte 0x{byte:02X}); save the file as UTF-8"
            ),
            K::EmptyFile { schema } => write!(
                f,
                "file is empty; it needs a header row: {}",
                schema.header()
            ),
            K::DuplicateColumn => f.write_str("column appears twice in the header"),
            K::UnknownColumn {
                name,
                suggestion,
                schema,
            } => {
                write!(f, "unknown column {}", quote(name))?;
                did_you_mean(f, suggestion.as_deref())?;
                write!(f, "; the columns of {} are: {}", schema.file, schema.header())
            }
            K::EmptyColumnName { position, schema } => write!(
                f,
                "empty column name at position {position}; the columns of {} are: {}",
                schema.file,
                schema.header()
            ),
            K::MissingColumn { name } => write!(f, "missing required column \"{name}\""),
            K::UnterminatedQuote => {
                f.write_str("unterminated quoted field: a \" opened in this field is never closed")
            }
            K::QuoteInUnquotedField => f.write_str(
                "a quote inside an unquoted field; quote the whole field and double the quote (\"a \"\"b\"\" c\")",
            ),
            K::TextAfterClosingQuote { opened } => {
                f.write_str(
                    "text after a closing quote; double a quote inside a quoted field (\"a \"\"b\"\" c\"), or end the field at its closing quote",
                )?;
                match opened {
                    Some(line) => write!(
                        f,
                        " (the field opened on line {line}: is its quote left open there?)"
                    ),
                    None => Ok(()),
                }
            }
            K::QuoteLeftOpen { until } => write!(
                f,
                "a quote opened here is never closed on its line, so this field swallows the rows up to line {until}; close the quote on this line"
            ),
            K::WrongFieldCount { found, expected } => write!(
                f,
                "this row has {found} field{}, the header has {expected} (quote fields that contain commas)",
                if *found == 1 { "" } else { "s" },
            ),
            K::FieldTooLong { bytes } => write!(
                f,
                "field is {bytes} bytes, over the {MAX_FIELD}-byte limit (is a quote left open?)"
            ),
            _ => unreachable!("written by another group (see `fmt`)"),
        }
    }

    /// The messages about field values and ids within one file.
    fn fmt_values(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind as K;
        match self {
            K::RequiredEmpty => f.write_str("required field is empty"),
            K::InvalidDate { reason } => f.write_str(reason),
            K::NotAUrl { value } => write!(
                f,
                "{} is not a URL (a source must be an http:// or https:// address)",
                quote(value)
            ),
            K::NotAnId { value, suggestion } => {
                write!(
                    f,
                    "{} is not a valid id: use lower-case letters, digits and '-'",
                    quote(value)
                )?;
                did_you_mean(f, suggestion.as_deref())
            }
            K::NotAPartyId { value, suggestion } => {
                write!(
                    f,
                    "{} is not a valid party id: use upper-case letters, digits and '-'",
                    quote(value)
                )?;
                did_you_mean(f, suggestion.as_deref())
            }
            K::NotACountryCode { value } => write!(
                f,
                "{} is not an ISO 3166-1 alpha-3 code (countries use three letters, e.g. GBR)",
                quote(value)
            ),
            K::NotASeries { value } => write!(
                f,
                "{} is not a valid series name: use lower-case letters, digits and '-'",
                quote(value)
            ),
            K::NotACount { value } => write!(
                f,
                "{} is not a count: give a whole number of parties, 0 or more",
                quote(value)
            ),
            K::CountTooLarge { value } => write!(
                f,
                "{} is too large (at most {})",
                quote(value),
                u32::MAX
            ),
            K::EmptyListEntry { value } => write!(
                f,
                "{} has an empty entry; separate ids with single semicolons (\"KOR;GBR\")",
                quote(value)
            ),
            K::UnknownWord {
                vocabulary,
                value,
                suggestion,
            } => {
                write!(f, "unknown {} {}", vocabulary.what(), quote(value))?;
                did_you_mean(f, suggestion.as_deref())?;
                write!(f, "; expected one of: {}", vocabulary.names().join(", "))
            }
            K::RegionOnNonCountry => f.write_str(
                "only countries have a region; leave it empty for organisations and companies",
            ),
            K::EndBeforeStart { end, start } => write!(f, "end {end} is before start {start}"),
            K::CountOnCompleteList => f.write_str(
                "a complete list is counted from its rows; leave reported_parties empty, or set list to partial",
            ),
            K::OpenListWithoutDate { kind } => write!(
                f,
                "a {kind} stays open to new parties, so a complete list needs list_as_of: the date it was checked against its sources"
            ),
            K::ListDateBeforeStart { as_of, start } => {
                write!(f, "list_as_of {as_of} is before the event's start {start}")
            }
            K::JoinedWithoutDate => f.write_str("a \"joined\" row needs the date the party joined"),
            K::DuplicateId {
                entity,
                id,
                first_line,
            } => write!(
                f,
                "duplicate {entity} id \"{id}\" (first defined on line {first_line})"
            ),
            K::NameTaken { name, party, line } => write!(
                f,
                "\"{name}\" already names party {party} (line {line}); a name or alias must name one party"
            ),
            K::NoEvents => f.write_str("no events: the file has a header but no rows"),
            _ => unreachable!("written by another group (see `fmt`)"),
        }
    }

    /// The messages about references and cross-file checks (the last part of `Display`).
    fn fmt_references(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use ProblemKind as K;
        match self {
            K::UnknownEvent { value, suggestion } => {
                write!(f, "unknown event {}", quote(value))?;
                did_you_mean(f, suggestion.as_deref())
            }
            K::UnknownParty { value, hint } => {
                write!(f, "unknown party {}", quote(value))?;
                match hint {
                    PartyHint::None => Ok(()),
                    PartyHint::Id(id) => did_you_mean(f, Some(id)),
                    PartyHint::Name(id) => write!(
                        f,
                        " (did you mean \"{id}\"? use the party id, not its name)"
                    ),
                    PartyHint::Case(id) => {
                        write!(f, " (did you mean \"{id}\"? party ids are upper case)")
                    }
                }
            }
            K::UnknownPriority { value, suggestion } => {
                write!(f, "unknown priority {}", quote(value))?;
                did_you_mean(f, suggestion.as_deref())
            }
            K::OwnParent => f.write_str("an event cannot be its own parent"),
            K::ParentCycle { events } => {
                // A long cycle shows its first and last few events and its length, so the
                // message stays one readable line.
                let n = events.len();
                let first = events.first().map_or("", String::as_str);
                if n <= 8 {
                    write!(f, "parent cycle: {} → {first}", events.join(" → "))
                } else {
                    write!(
                        f,
                        "parent cycle of {n} events: {} → … → {} → {first}",
                        events[..3].join(" → "),
                        events[n - 3..].join(" → ")
                    )
                }
            }
            K::DateBeforeEventStart { date, start } => {
                write!(f, "date {date} is before the event's start {start}")
            }
            K::DuplicateRow {
                party,
                event,
                first_line,
            } => write!(
                f,
                "{party} is already listed for {event} on line {first_line}; one row per event and party"
            ),
            K::DuplicateLink {
                priority,
                event,
                first_line,
            } => write!(
                f,
                "{priority} is already linked to {event} on line {first_line}"
            ),
            K::ReportedBelowListed { reported, listed } => write!(
                f,
                "reported {reported} {} but {listed} {} listed in participation.csv; raise the count or fix the rows",
                if *reported == 1 { "party" } else { "parties" },
                if *listed == 1 { "is" } else { "are" },
            ),
            K::PartialListReachesCount { reported } => write!(
                f,
                "the list is partial but its rows already name all {reported} reported {}; set list to complete, or fix the count",
                if *reported == 1 { "party" } else { "parties" },
            ),
            K::PartiesOnUnkeptList { listed } => write!(
                f,
                "list is \"none\" but {listed} {} listed in participation.csv; set list to partial or complete",
                if *listed == 1 { "party is" } else { "parties are" },
            ),
            K::JoinedListWithoutDate => f.write_str(
                "this event has \"joined\" rows, so its list can grow: a complete list needs list_as_of, the date it was checked against its sources",
            ),
            _ => unreachable!("written by another group (see `fmt`)"),
        }
    }
}
