//! Exports: the (filtered) dataset in formats other tools read. Pure functions from the
//! dataset and a list of events to a `String`; `output` writes it.
//!
//! - [`json`]: the whole dataset, `"schema": "convene/1"`, stable keys and order.
//! - [`timelinejs`]: Knight Lab TimelineJS3's JSON format.
//! - [`ics`]: an RFC 5545 calendar of all-day events.
//! - [`markdown`]: an events table and a section per event, ready for a wiki.

pub mod ics;
pub mod json;
pub mod markdown;
pub mod timelinejs;

use crate::model::{Dataset, EventIx, Role};
use crate::query::completeness;

/// "Signatories: Australia, Brazil, … (29). Joined later: New Zealand (2024-10)." — the
/// members of an event by role, in role order, for descriptions.
pub fn members_by_role(data: &Dataset, ev: EventIx) -> Vec<(Role, Vec<String>)> {
    let mut groups: Vec<(Role, Vec<String>)> = Vec::new();
    for &i in &data.by_event[ev] {
        let r = &data.participation[i];
        let name = match r.date {
            Some(d) => format!("{} ({d})", data.parties[r.party].name),
            None => data.parties[r.party].name.clone(),
        };
        match groups.last_mut() {
            Some((role, names)) if *role == r.role => names.push(name),
            _ => groups.push((r.role, vec![name])),
        }
    }
    groups
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

/// One paragraph of plain text: completeness, then members by role.
pub fn members_summary(data: &Dataset, ev: EventIx) -> String {
    let mut s = format!("{}.", capitalise(&completeness(data, ev, None).sentence()));
    for (role, names) in members_by_role(data, ev) {
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
