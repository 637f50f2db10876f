//! `export --format csv` and `--format jsonl`: one record per participation row, joined with
//! its event and party, for spreadsheets and line-oriented tools; an event without rows (a
//! partial list naming no one yet, or no list kept) has one record with the party fields
//! empty, so that no event is lost from a pivot table.
//!
//! Each record carries its event's list status, so a pivot table over the rows can never
//! forget that a list is partial: `list` (complete, partial, none), `list_as_of`, `listed`
//! and `reported`. CSV cells a spreadsheet would run as a formula are neutralised (a leading
//! `'`); JSON lines keep the values as they are.

use super::Result;
use crate::date::PartialDate;
use crate::model::{EventKind, ListStatus, PartyKind, Region, Role};
use crate::present::csv_cell;
use crate::query::export::ExportView;
use serde::Serialize;

/// The columns, in order; the README documents each.
pub const COLUMNS: [&str; 19] = [
    "event",
    "event_name",
    "kind",
    "start",
    "end",
    "series",
    "city",
    "party",
    "party_name",
    "party_kind",
    "region",
    "role",
    "date",
    "source",
    "list",
    "list_as_of",
    "listed",
    "reported",
    "complete",
];

/// One participation row with its event and party; for an event without rows, one record
/// with the party fields empty, so that no event (and no partial list) is lost.
#[derive(Serialize)]
struct Record<'a> {
    event: &'a str,
    event_name: &'a str,
    kind: EventKind,
    start: PartialDate,
    end: Option<PartialDate>,
    series: Option<&'a str>,
    city: Option<&'a str>,
    party: Option<&'a str>,
    party_name: Option<&'a str>,
    party_kind: Option<PartyKind>,
    region: Option<Region>,
    role: Option<Role>,
    date: Option<PartialDate>,
    source: &'a str,
    list: ListStatus,
    list_as_of: PartialDate,
    listed: usize,
    reported: Option<u32>,
    complete: bool,
}

fn records<'a>(view: &'a ExportView<'a>) -> impl Iterator<Item = Record<'a>> {
    view.events.iter().flat_map(|e| {
        let record = move |m: Option<&'a crate::query::export::MemberEntry<'a>>| Record {
            event: &e.event.id,
            event_name: &e.event.name,
            kind: e.event.kind,
            start: e.event.start,
            end: e.event.end,
            series: e.event.series.as_deref(),
            city: e.event.city.as_deref(),
            party: m.map(|m| m.party.id.as_str()),
            party_name: m.map(|m| m.party.name.as_str()),
            party_kind: m.map(|m| m.party.kind),
            region: m.and_then(|m| m.party.region),
            role: m.map(|m| m.role),
            date: m.and_then(|m| m.date),
            source: m.map_or(e.event.source.as_str(), |m| m.source),
            list: e.completeness.list,
            list_as_of: e.completeness.list_as_of,
            listed: e.completeness.listed,
            reported: e.completeness.reported,
            complete: e.completeness.complete,
        };
        let rows: Vec<Record<'a>> = if e.members.is_empty() {
            vec![record(None)]
        } else {
            e.members.iter().map(|m| record(Some(m))).collect()
        };
        rows
    })
}

fn opt<T: ToString>(v: Option<T>) -> String {
    v.map(|x| x.to_string()).unwrap_or_default()
}

/// The rows as CSV with a header line and `\n` line ends.
pub fn csv(view: &ExportView) -> Result<String> {
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(Vec::new());
    w.write_record(COLUMNS)?;
    for r in records(view) {
        let cells = [
            r.event.to_string(),
            r.event_name.to_string(),
            r.kind.to_string(),
            r.start.to_string(),
            opt(r.end),
            opt(r.series),
            opt(r.city),
            opt(r.party),
            opt(r.party_name),
            opt(r.party_kind),
            opt(r.region),
            opt(r.role),
            opt(r.date),
            r.source.to_string(),
            r.list.to_string(),
            r.list_as_of.to_string(),
            r.listed.to_string(),
            opt(r.reported),
            r.complete.to_string(),
        ];
        w.write_record(cells.iter().map(|c| csv_cell(c)))?;
    }
    let bytes = w
        .into_inner()
        .map_err(|e| csv::Error::from(e.into_error()))?;
    Ok(String::from_utf8(bytes)?)
}

/// The rows as JSON Lines: one object per line, the keys of [`COLUMNS`] in order.
pub fn jsonl(view: &ExportView) -> Result<String> {
    let mut s = String::new();
    for r in records(view) {
        s.push_str(&serde_json::to_string(&r)?);
        s.push('\n');
    }
    Ok(s)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::query::{EventFilter, events, export::export_view};

    #[test]
    fn one_record_per_participation_row_with_the_columns_in_order() {
        let d = load_embedded().unwrap();
        let v = export_view(&d, &events(&d, &EventFilter::default()), None);
        let text = csv(&v).unwrap();
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let headers: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        assert_eq!(headers, COLUMNS);
        let empty = d.event_ids().filter(|&e| d.rows_of(e).len() == 0).count();
        assert!(empty > 0);
        assert_eq!(r.records().count(), d.rows().len() + empty);
        let lines = jsonl(&v).unwrap();
        assert_eq!(lines.lines().count(), d.rows().len() + empty);
        for line in lines.lines() {
            let o: serde_json::Map<String, serde_json::Value> = serde_json::from_str(line).unwrap();
            let mut keys: Vec<&str> = o.keys().map(String::as_str).collect();
            let mut want = COLUMNS.to_vec();
            keys.sort_unstable();
            want.sort_unstable();
            assert_eq!(keys, want);
            // In COLUMNS order: each key appears after the one before it.
            let at: Vec<usize> = COLUMNS
                .iter()
                .map(|c| line.find(&format!("\"{c}\":")).unwrap())
                .collect();
            assert!(at.windows(2).all(|w| w[0] < w[1]), "{line}");
        }
    }
}
