//! Exports: the (filtered) dataset in formats other tools read. Pure functions from an
//! [`ExportView`](crate::query::export::ExportView) (built by
//! [`query::export`](crate::query::export)) to a `String`, or an [`EncodeError`]; `output`
//! writes it.
//!
//! Exporters decide how the view is written, never what it holds: completeness, members and
//! the parties used come with the view. Escaping is shared with the views
//! ([`present::escape`](crate::present::escape)).
//!
//! - [`json`]: the whole dataset, `"schema": "convene/2"`, stable keys and order.
//! - [`timelinejs`]: Knight Lab TimelineJS3's JSON format.
//! - [`ics`]: an RFC 5545 calendar of all-day events.
//! - [`markdown`]: an events table and a section per event, ready for a wiki.
//! - [`flat`]: one CSV row (or JSON line) per participation row, for spreadsheets.

pub mod flat;
pub mod ics;
pub mod json;
pub mod markdown;
pub mod timelinejs;

use crate::model::Role;
use crate::query::export::{EventEntry, MemberEntry};

pub use crate::present::{EncodeError, Result};

/// "New Zealand (2024-10)": a member's name, with the date its role began if not the event's.
pub fn member_name(m: &MemberEntry) -> String {
    match m.date {
        Some(d) => format!("{} ({d})", m.party.name),
        None => m.party.name.clone(),
    }
}

/// How a role's group is introduced in prose.
pub fn role_heading(r: Role) -> &'static str {
    match r {
        Role::Signatory => "Signatories",
        Role::Joined => "Joined later",
        Role::Member => "Members",
        Role::Participant => "Participants",
        Role::Observer => "Observers",
        Role::NonSignatory => "Present, did not sign",
    }
}

/// "10 parties listed; the list is complete. Signatories (29): Australia, Brazil, …. Joined
/// later (1): New Zealand (2024-10)." — one paragraph of plain text for descriptions.
pub fn members_summary(e: &EventEntry) -> String {
    let mut s = format!("{}.", capitalise(&e.completeness.sentence()));
    for (role, members) in e.by_role() {
        let names: Vec<String> = members.iter().map(member_name).collect();
        s.push_str(&format!(
            " {} ({}): {}.",
            role_heading(role),
            names.len(),
            names.join(", ")
        ));
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().collect::<String>() + c.as_str(),
        None => String::new(),
    }
}
