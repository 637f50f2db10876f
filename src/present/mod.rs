//! Presentation: views to text in the four query formats.
//!
//! Pure functions: each takes a view (built in [`query`](crate::query)) and returns the text
//! for stdout plus notes for stderr (the CSV format keeps stdout pure data, so its
//! completeness caveats go to stderr; table and Markdown print them after the data; JSON
//! carries them as fields). Text that reaches a terminal has control characters escaped; CSV
//! cells that a spreadsheet would run as a formula are neutralised; Markdown escapes markup.
//!
//! Nothing here reads the environment or writes: the table width is a parameter (the
//! commands read `$COLUMNS`, see [`width_from_columns`]), and a failure to encode is an
//! [`EncodeError`], never text in the output. It knows nothing of the command line either:
//! the CLI maps its own value enum to [`Format`].
//!
//! One file per view ([`events()`], [`show()`], [`members()`], [`diff()`], [`party()`],
//! [`check()`]), beside the shared grid (table, CSV and Markdown of rows of cells), escaping
//! ([`escape`]) and wrapping ([`wrap`]).

mod check;
mod diff;
pub mod escape;
mod events;
mod grid;
mod members;
mod overlap;
mod party;
mod show;
mod vocabulary;
pub mod wrap;

pub use check::{check, stale};
pub use diff::diff;
pub use escape::{clean, csv_cell, html, md, md_link};
pub use events::events;
pub use members::members;
pub use overlap::overlap;
pub use party::{party, party_current};
pub use show::show;
pub use vocabulary::{parties, priorities, search, series};

use serde::Serialize;

/// The formats of the query commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

/// Text for stdout, and notes for stderr.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub stdout: String,
    pub stderr: Vec<String>,
}

impl Rendered {
    /// Text for stdout with no notes.
    fn data(stdout: String) -> Self {
        Rendered {
            stdout,
            stderr: vec![],
        }
    }
}

/// A view could not be encoded. Encoding into memory fails only on a bug (a value serde
/// cannot represent), but such a failure must stop the command rather than print as data.
#[derive(Debug, thiserror::Error)]
pub enum EncodeError {
    #[error("cannot encode JSON: {0}")]
    Json(#[from] serde_json::Error),
    #[error("cannot encode CSV: {0}")]
    Csv(#[from] csv::Error),
    #[error("cannot render a page: {0}")]
    Html(#[from] askama::Error),
    #[error("encoded text is not UTF-8: {0}")]
    Utf8(#[from] std::string::FromUtf8Error),
}

/// What the views and the exporters return.
pub type Result<T> = std::result::Result<T, EncodeError>;

/// The table width when `$COLUMNS` is unset, unreadable or too narrow.
pub const DEFAULT_WIDTH: u16 = 80;

/// Narrower than this, tables are laid out at [`DEFAULT_WIDTH`] instead.
pub const MIN_WIDTH: u16 = 40;

/// The width that means "do not wrap": one record a line, for `grep`, `cut` and `awk`.
pub const UNWRAPPED: u16 = u16::MAX;

/// The table width for a `$COLUMNS` value: the value if it is a number of at least
/// [`MIN_WIDTH`], else [`DEFAULT_WIDTH`].
pub fn width_from_columns(columns: Option<&str>) -> u16 {
    columns
        .and_then(|c| c.parse().ok())
        .filter(|&w: &u16| w >= MIN_WIDTH)
        .unwrap_or(DEFAULT_WIDTH)
}

/// The table width of a run: `$COLUMNS` when set (it overrides, tty or not); else the
/// terminal's width when stdout is one (at least [`MIN_WIDTH`]); else [`UNWRAPPED`], so that a
/// pipe gets one record a line.
pub fn table_width(columns: Option<&str>, terminal: Option<u16>) -> u16 {
    match (columns.filter(|c| !c.is_empty()), terminal) {
        (Some(c), _) => width_from_columns(Some(c)),
        (None, Some(w)) => w.max(MIN_WIDTH),
        (None, None) => UNWRAPPED,
    }
}

/// Pretty JSON with a final newline.
pub fn json<T: Serialize + ?Sized>(v: &T) -> Result<String> {
    let mut s = serde_json::to_string_pretty(v)?;
    s.push('\n');
    Ok(s)
}

/// The nouns for parties of a kind, one and many: ("country", "countries"), …, or ("party",
/// "parties") for every kind.
pub(crate) fn kind_nouns(k: Option<crate::model::PartyKind>) -> (&'static str, &'static str) {
    use crate::model::PartyKind;
    match k {
        None => ("party", "parties"),
        Some(PartyKind::Country) => ("country", "countries"),
        Some(PartyKind::Organisation) => ("organisation", "organisations"),
        Some(PartyKind::Company) => ("company", "companies"),
    }
}

/// "countries", "organisations", "companies".
pub(crate) fn kind_plural(k: crate::model::PartyKind) -> &'static str {
    kind_nouns(Some(k)).1
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pipes_are_unwrapped_terminals_use_their_width_and_columns_overrides_both() {
        assert_eq!(table_width(None, None), UNWRAPPED);
        assert_eq!(table_width(None, Some(132)), 132);
        assert_eq!(table_width(None, Some(20)), MIN_WIDTH);
        assert_eq!(table_width(Some("100"), None), 100);
        assert_eq!(table_width(Some("100"), Some(132)), 100);
        assert_eq!(table_width(Some(""), None), UNWRAPPED);
    }

    #[test]
    fn columns_set_the_width_unless_too_narrow_or_unreadable() {
        assert_eq!(width_from_columns(Some("200")), 200);
        assert_eq!(width_from_columns(Some("39")), DEFAULT_WIDTH);
        assert_eq!(width_from_columns(Some("wide")), DEFAULT_WIDTH);
        assert_eq!(width_from_columns(None), DEFAULT_WIDTH);
    }

    /// Regression: a JSON encoding failure used to print `{"error": "…"}` on stdout as if it
    /// were the data, and exit 0.
    #[test]
    fn a_json_encoding_failure_is_an_error_not_data() {
        // serde_json cannot encode a map whose keys are not strings.
        let bad: std::collections::BTreeMap<(u8, u8), u8> = [((1, 2), 3)].into();
        let err = json(&bad).unwrap_err();
        assert!(matches!(err, EncodeError::Json(_)));
        let err = crate::error::Error::from(err);
        assert_eq!(err.exit_code(), 1);
        assert!(err.to_string().starts_with("cannot encode JSON: "), "{err}");
    }

    #[test]
    fn table_views_are_laid_out_at_the_width_given() {
        let d = crate::load::load_embedded().unwrap();
        let list: Vec<_> = crate::query::events(&d, &Default::default())
            .into_iter()
            .map(|e| crate::query::summary(&d, e))
            .collect();
        let at = |w| events(&list, Format::Table, w).unwrap().stdout;
        let (narrow, wide) = (at(80), at(200));
        for (text, w) in [(&narrow, 80), (&wide, 200)] {
            let widest = text.lines().map(|l| l.chars().count()).max().unwrap();
            assert!(widest <= w, "{widest} > {w}");
        }
        assert!(wide.lines().count() < narrow.lines().count());
    }
}
