//! The dataset's schema: the five files, their columns, and which columns are required.
//!
//! It owns names and positions only; it reads nothing and checks nothing (a header is checked
//! against it in `load::table`).

/// One file's columns, in the order the messages list them.
#[derive(Debug, PartialEq, Eq)]
pub struct Schema {
    /// The file's name inside a dataset directory, e.g. `events.csv`.
    pub file: &'static str,
    pub columns: &'static [Column],
    /// The column other files refer to a row by, if they do.
    pub key: Option<&'static str>,
}

/// A column of a [`Schema`].
#[derive(Debug, PartialEq, Eq)]
pub struct Column {
    pub name: &'static str,
    /// A required column must be in the header and its fields must not be empty.
    pub required: bool,
}

const fn c(name: &'static str, required: bool) -> Column {
    Column { name, required }
}

pub const EVENTS: Schema = Schema {
    file: "events.csv",
    columns: &[
        c("id", true),
        c("name", true),
        c("short", false),
        c("kind", true),
        c("start", true),
        c("end", false),
        c("series", false),
        c("parent", false),
        c("city", false),
        c("host", false),
        c("list", true),
        c("reported_parties", false),
        c("list_as_of", false),
        c("source", true),
        c("note", false),
    ],
    key: Some("id"),
};
pub const PARTIES: Schema = Schema {
    file: "parties.csv",
    columns: &[
        c("id", true),
        c("name", true),
        c("kind", true),
        c("region", false),
        c("aliases", false),
    ],
    key: Some("id"),
};
pub const PARTICIPATION: Schema = Schema {
    file: "participation.csv",
    columns: &[
        c("event", true),
        c("party", true),
        c("role", true),
        c("date", false),
        c("source", false),
        c("note", false),
    ],
    key: None,
};
pub const PRIORITIES: Schema = Schema {
    file: "priorities.csv",
    columns: &[c("id", true), c("name", true), c("description", false)],
    key: Some("id"),
};
pub const LINKS: Schema = Schema {
    file: "event_priorities.csv",
    columns: &[c("event", true), c("priority", true), c("source", true)],
    key: None,
};

/// Every schema, in the order files are checked and reported.
pub const ALL: [&Schema; 5] = [&EVENTS, &PARTIES, &PARTICIPATION, &PRIORITIES, &LINKS];

impl Schema {
    /// The place of column `name`, if the file has one.
    pub fn position(&self, name: &str) -> Option<usize> {
        self.columns.iter().position(|c| c.name == name)
    }

    /// The column names joined by commas, as a header row would hold them.
    pub fn header(&self) -> String {
        let names: Vec<&str> = self.columns.iter().map(|c| c.name).collect();
        names.join(",")
    }
}

/// A column of a schema: its name (for messages) and its place in the schema. Rows find the
/// field through a table of positions built from the header once, not by comparing names.
#[derive(Clone, Copy)]
pub(super) struct Col {
    pub name: &'static str,
    pub ix: usize,
}

/// The column `name` of `schema`; a misspelt name fails the build.
const fn col(schema: &Schema, name: &'static str) -> Col {
    let mut i = 0;
    while i < schema.columns.len() {
        let (a, b) = (schema.columns[i].name.as_bytes(), name.as_bytes());
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

pub(super) const E_ID: Col = col(&EVENTS, "id");
pub(super) const E_NAME: Col = col(&EVENTS, "name");
pub(super) const E_SHORT: Col = col(&EVENTS, "short");
pub(super) const E_KIND: Col = col(&EVENTS, "kind");
pub(super) const E_START: Col = col(&EVENTS, "start");
pub(super) const E_END: Col = col(&EVENTS, "end");
pub(super) const E_SERIES: Col = col(&EVENTS, "series");
pub(super) const E_PARENT: Col = col(&EVENTS, "parent");
pub(super) const E_CITY: Col = col(&EVENTS, "city");
pub(super) const E_HOST: Col = col(&EVENTS, "host");
pub(super) const E_REPORTED: Col = col(&EVENTS, "reported_parties");
pub(super) const E_LIST: Col = col(&EVENTS, "list");
pub(super) const E_AS_OF: Col = col(&EVENTS, "list_as_of");
pub(super) const E_SOURCE: Col = col(&EVENTS, "source");
pub(super) const E_NOTE: Col = col(&EVENTS, "note");
pub(super) const P_ID: Col = col(&PARTIES, "id");
pub(super) const P_NAME: Col = col(&PARTIES, "name");
pub(super) const P_KIND: Col = col(&PARTIES, "kind");
pub(super) const P_REGION: Col = col(&PARTIES, "region");
pub(super) const P_ALIASES: Col = col(&PARTIES, "aliases");
pub(super) const R_EVENT: Col = col(&PARTICIPATION, "event");
pub(super) const R_PARTY: Col = col(&PARTICIPATION, "party");
pub(super) const R_ROLE: Col = col(&PARTICIPATION, "role");
pub(super) const R_DATE: Col = col(&PARTICIPATION, "date");
pub(super) const R_SOURCE: Col = col(&PARTICIPATION, "source");
pub(super) const R_NOTE: Col = col(&PARTICIPATION, "note");
pub(super) const PR_ID: Col = col(&PRIORITIES, "id");
pub(super) const PR_NAME: Col = col(&PRIORITIES, "name");
pub(super) const PR_DESCRIPTION: Col = col(&PRIORITIES, "description");
pub(super) const L_EVENT: Col = col(&LINKS, "event");
pub(super) const L_PRIORITY: Col = col(&LINKS, "priority");
pub(super) const L_SOURCE: Col = col(&LINKS, "source");
