//! `convene parties`, `series`, `priorities` and `search`: the dataset's names.

use crate::cli::{Cli, ListArgs, PartiesArgs, SearchArgs};
use crate::error::Result;
use crate::present::{self, Rendered};
use crate::query::vocabulary;

pub fn parties(cli: &Cli, a: &PartiesArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let v = vocabulary::parties(data, a.kind, a.region);
    let r = present::parties(&v, a.kind, a.format.get(), super::width())?;
    super::emit(with_empty_note(r, v.is_empty(), "no party matches"))
}

pub fn series(cli: &Cli, a: &ListArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let v = vocabulary::series(data);
    super::emit(present::series(&v, a.format.get(), super::width())?)
}

pub fn priorities(cli: &Cli, a: &ListArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let v = vocabulary::priorities(data);
    super::emit(present::priorities(&v, a.format.get(), super::width())?)
}

pub fn search(cli: &Cli, a: &SearchArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let text = a.text.join(" ");
    let v = vocabulary::search(data, &text);
    let r = present::search(&v, &text, a.format.get(), super::width())?;
    let hint = match vocabulary::did_you_mean(data, &text) {
        Some(s) if v.is_empty() => format!(" (did you mean {}?)", crate::text::quote(&s)),
        _ => String::new(),
    };
    let note = format!("nothing matches {}{hint}", crate::text::quote(&text));
    super::emit(with_empty_note(r, v.is_empty(), &note))
}

/// An empty result says so on stderr (exit 0), in every format.
fn with_empty_note(mut r: Rendered, empty: bool, note: &str) -> Rendered {
    if empty {
        r.stderr.push(format!("note: {note}"));
    }
    r
}
