//! `export --format ics`: an RFC 5545 calendar, one all-day `VEVENT` per event.
//!
//! - `DTEND` is exclusive: the day after the last day.
//! - `UID` is `<event id>@convene`, stable across exports.
//! - `DTSTAMP` is the latest date in the exported data (never the clock), so the same data
//!   gives the same bytes. Each event's `LAST-MODIFIED` is the latest date in its own data
//!   (its dates, its list's date, its rows' dates) and its `SEQUENCE` the days from 2000-01-01
//!   to it, so an event updated in the data replaces the old copy on re-import.
//! - An event known only to the month or year spans that whole month or year, and its
//!   description says the date is imprecise; no event is left out.
//! - CRLF line ends; escaping comes from the `icalendar` crate, folding from [`refold`]: the
//!   crate's continuation lines are 76 octets (75 plus the leading space), over the RFC's 75.
//! - Text values keep every character but control ones, every line break an escaped newline
//!   (`text`); the source's URI has its control characters percent-encoded ([`uri`]).
//!   `tests/cli/consumers.rs` reads the file back with three independent parsers.

use super::Result;
use crate::date::Precision;
use crate::date::human_span;
use crate::present::escape::uri;
use crate::query::export::{EventEntry, ExportView};
use chrono::{NaiveDate, TimeZone, Utc};
use icalendar::{Calendar, Component, EventLike};

/// The day the SEQUENCE numbers count from.
fn epoch() -> NaiveDate {
    NaiveDate::from_ymd_opt(2000, 1, 1).unwrap_or_default()
}

/// The latest date anywhere in one event's data: its dates, its list's date, its rows' dates.
/// An event whose list was updated (a later `list_as_of`, a new accession) gets a later date.
fn event_stamp(e: &EventEntry) -> NaiveDate {
    let ev = e.event;
    let mut latest = epoch().max(ev.last().last_day());
    if let Some(d) = ev.list.as_of {
        latest = latest.max(d.last_day());
    }
    for d in e.members.iter().filter_map(|m| m.date) {
        latest = latest.max(d.last_day());
    }
    latest
}

/// The latest date anywhere in the exported events (dates, accessions, counts).
fn stamp(view: &ExportView) -> NaiveDate {
    view.events
        .iter()
        .map(event_stamp)
        .max()
        .unwrap_or_else(epoch)
}

/// The calendar of the view's events. Cannot fail today; returns a `Result` like every
/// exporter.
pub fn export(view: &ExportView) -> Result<String> {
    let dtstamp = Utc.from_utc_datetime(&stamp(view).and_hms_opt(0, 0, 0).unwrap_or_default());
    let mut cal = Calendar::empty();
    cal.append_property(("VERSION", "2.0"));
    cal.append_property(("PRODID", "-//convene//AI safety coordination events//EN"));
    cal.append_property(("CALSCALE", "GREGORIAN"));
    cal.append_property(("X-WR-CALNAME", "International AI safety coordination"));
    for e in &view.events {
        let ev = e.event;
        let first = ev.start.first_day();
        let last = ev.last().last_day();
        let end_excl = last.succ_opt().unwrap_or(last);
        let mut desc = String::new();
        let imprecise = ev.start.precision() != Precision::Day
            || ev.end.is_some_and(|d| d.precision() != Precision::Day);
        if imprecise {
            desc.push_str(&format!(
                "Date known only as {}: this entry spans the whole period.\n\n",
                human_span(&ev.start, ev.end.as_ref())
            ));
        }
        desc.push_str(&format!("{} ({}).\n\n", ev.name, ev.kind));
        desc.push_str(&super::members_summary(e));
        if let Some(n) = &ev.note {
            desc.push_str(&format!("\n\n{n}"));
        }
        desc.push_str(&format!("\n\nSource: {}", uri(&ev.source)));
        let mut vevent = icalendar::Event::new();
        vevent
            .uid(&format!("{}@convene", ev.id))
            .timestamp(dtstamp)
            .summary(&text(&ev.name))
            .starts(first)
            .ends(end_excl)
            .url(&uri(&ev.source))
            .description(&text(&desc));
        if let Some(c) = &ev.city {
            vevent.location(&text(c));
        }
        // Derived from the data, never the clock: an event whose data gained a later date
        // (its list updated, a party joined) gets a higher SEQUENCE, so a calendar that
        // imported it before replaces it on re-import.
        let modified = event_stamp(e);
        vevent.append_property((
            "LAST-MODIFIED",
            modified.format("%Y%m%dT000000Z").to_string().as_str(),
        ));
        vevent.append_property((
            "SEQUENCE",
            (modified - epoch()).num_days().to_string().as_str(),
        ));
        cal.push(vevent.done());
    }
    Ok(refold(&cal.done().to_string()))
}

/// A text value safe for a content line. The `icalendar` crate escapes LF, `;`, `,` and `\\`
/// but not CR, so a bare CR in a name or note would end the line and let the rest be read as
/// properties of the attacker's choosing (issue 12). Every line break — CR, CRLF, and the
/// Unicode ones (NEL, LS, PS, VT, FF) — becomes LF, which the crate escapes as `\\n`; other
/// control characters but tab are dropped.
fn text(s: &str) -> String {
    let unified = s.replace("\r\n", "\n");
    unified
        .chars()
        .filter_map(|c| match c {
            '\r' | '\u{0B}' | '\u{0C}' | '\u{85}' | '\u{2028}' | '\u{2029}' => Some('\n'),
            '\n' | '\t' => Some(c),
            c if c.is_control() => None,
            c => Some(c),
        })
        .collect()
}

/// Unfold content lines, then fold them again so that no line, continuation lines with their
/// leading space included, is longer than 75 octets (RFC 5545, 3.1), never splitting a UTF-8
/// character. Line ends are CRLF.
pub fn refold(text: &str) -> String {
    let unfolded = text.replace("\r\n ", "").replace("\r\n\t", "");
    let mut out = String::with_capacity(unfolded.len() + unfolded.len() / 70 * 3);
    for line in unfolded.split("\r\n").filter(|l| !l.is_empty()) {
        let mut limit = 75;
        let mut len = 0;
        for c in line.chars() {
            let n = c.len_utf8();
            if len + n > limit {
                out.push_str("\r\n ");
                len = 1;
                limit = 75;
            }
            out.push(c);
            len += n;
        }
        out.push_str("\r\n");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_breaks_of_every_kind_become_escaped_newlines() {
        let hostile = "Summit\rEND:VEVENT\r\nBEGIN:VEVENT\u{2028}UID:evil\u{85}x\u{0B}y\u{7}z";
        let t = text(hostile);
        assert!(!t.contains('\r') && !t.contains('\u{2028}') && !t.contains('\u{85}'));
        assert!(!t.chars().any(|c| c.is_control() && c != '\n'), "{t:?}");
        assert_eq!(t.matches('\n').count(), 5);
    }

    #[test]
    fn folded_lines_fit_75_octets_and_unfold_to_the_original() {
        let long = format!("DESCRIPTION:{}", "Türkiye, Côte d'Ivoire — ".repeat(12));
        let folded = refold(&format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n"));
        for l in folded.split("\r\n") {
            assert!(l.len() <= 75, "{} octets: {l:?}", l.len());
        }
        assert_eq!(
            folded.replace("\r\n ", ""),
            format!("BEGIN:VEVENT\r\n{long}\r\nEND:VEVENT\r\n")
        );
    }
}
