//! The site's `data/` folder: the dataset's own CSV files and the exports of the site's
//! events, each listed on the front page with its size.

use super::Context;
use crate::error::Result;
use crate::export;
use crate::query::export::export_view;

/// A file of `data/`, and what it is, for the front page.
pub struct DataFile {
    /// Its name in `data/`.
    pub name: String,
    pub bytes: Vec<u8>,
    pub what: String,
}

/// What the front page lists of a file: its link, name, size and what it is.
pub struct Download {
    pub href: String,
    pub name: String,
    pub size: String,
    pub what: String,
}

/// What each file of the dataset holds.
fn dataset_file_what(name: &str) -> &'static str {
    match name {
        "events.csv" => "the dataset's events, one row each",
        "parties.csv" => "the countries, organisations and companies, with their aliases",
        "participation.csv" => {
            "who took part in what: one row per event and party, with its role and source"
        }
        "priorities.csv" => "the priority areas",
        "event_priorities.csv" => "which events name which priority areas, with sources",
        _ => "a file of the dataset",
    }
}

/// The files of `data/`: the dataset's CSV files as read (whole, whatever the filters), then
/// the exports of the site's events.
pub fn files(cx: &Context) -> Result<Vec<DataFile>> {
    let view = export_view(cx.data, cx.events, None);
    let filtered = cx.events.len() < cx.data.events().len();
    let whole = if filtered {
        " (the whole dataset, not only this site's events)"
    } else {
        ""
    };
    let mut out: Vec<DataFile> = cx
        .files
        .iter()
        .map(|(name, bytes)| DataFile {
            name: name.to_string(),
            bytes: bytes.clone(),
            what: format!("{}{whole}", dataset_file_what(name)),
        })
        .collect();
    let exports = [
        (
            "convene.json",
            export::json::export(&view)?,
            "every event with its members, parties and priority areas as JSON (schema convene/2)",
        ),
        (
            "convene.ics",
            export::ics::export(&view)?,
            "every event as an all-day iCalendar event, for a calendar program",
        ),
        (
            "convene-timelinejs.json",
            export::timelinejs::export(&view)?,
            "the events as slides for Knight Lab's TimelineJS",
        ),
        (
            "convene-flat.csv",
            export::flat::csv(&view)?,
            "one row per participation row, with its event, party and list status, for a spreadsheet",
        ),
    ];
    out.extend(exports.into_iter().map(|(name, text, what)| DataFile {
        name: name.to_string(),
        bytes: text.into_bytes(),
        what: what.to_string(),
    }));
    Ok(out)
}

/// The front page's list of `data/`.
pub fn downloads(files: &[DataFile]) -> Vec<Download> {
    files
        .iter()
        .map(|f| Download {
            href: format!("data/{}", f.name),
            name: f.name.clone(),
            size: super::size(f.bytes.len()),
            what: f.what.clone(),
        })
        .collect()
}
