//! An event's page, the page of what changed since the previous event of its series, and the
//! event's own calendar file.
//!
//! The members are `query::members` of the event, as `convene members ID --format json`
//! gives them; the list's status is `Completeness::sentence`, the one wording of every output.

use super::{Context, Link, Source, When, render};
use crate::date::Precision;
use crate::error::Result;
use crate::export::role_heading;
use crate::model::{EventId, Role};
use crate::query::{self, PartyRow, by_role, diff::DiffView};
use askama::Template;

const ROOT: &str = "../";

#[derive(Template)]
#[template(path = "site/event.html")]
struct EventPage {
    page: super::Chrome,
    id: String,
    name: String,
    kind: &'static str,
    when: When,
    /// "known only to the month", when the date is not a day.
    precision: Option<&'static str>,
    place: String,
    hosts: Vec<Link>,
    series: Option<Link>,
    parent: Option<Link>,
    children: Vec<Link>,
    source: Source,
    note: Option<String>,
    status: String,
    complete: bool,
    groups: Vec<RoleGroup>,
    priorities: Vec<(Link, Source)>,
    prev: Option<Link>,
    next: Option<Link>,
    diff: Option<Link>,
}

/// The members of one role.
struct RoleGroup {
    heading: &'static str,
    role: &'static str,
    rows: Vec<MemberRow>,
    /// Whether any row has a date of its own (a later joiner), or a note: their columns.
    dates: bool,
    notes: bool,
}

struct MemberRow {
    party: Link,
    id: String,
    kind: &'static str,
    role: &'static str,
    since: Option<When>,
    source: Source,
    note: Option<String>,
}

/// The event before `ev` and after it in its series, among the site's events.
fn neighbours(cx: &Context, ev: EventId) -> (Option<EventId>, Option<EventId>) {
    let Some(series) = &cx.data.event(ev).series else {
        return (None, None);
    };
    let same: Vec<EventId> = cx
        .events
        .iter()
        .copied()
        .filter(|&e| cx.data.event(e).series.as_ref() == Some(series))
        .collect();
    let Some(i) = same.iter().position(|&e| e == ev) else {
        return (None, None);
    };
    (i.checked_sub(1).map(|j| same[j]), same.get(i + 1).copied())
}

/// The event `ev`'s changes are counted from: the latest earlier event of its series, among the
/// site's, whose list names any party (a diff from a list that names no one would call every
/// party unknown and say nothing). `None` when `ev`'s own list names no one.
fn diff_base(cx: &Context, ev: EventId) -> Option<EventId> {
    let names_any = |e: EventId| cx.data.rows_of(e).next().is_some();
    let series = cx.data.event(ev).series.as_ref()?;
    if !names_any(ev) {
        return None;
    }
    cx.events
        .iter()
        .copied()
        .take_while(|&e| e != ev)
        .filter(|&e| cx.data.event(e).series.as_ref() == Some(series) && names_any(e))
        .last()
}

/// What a date's precision leaves unknown, in words.
fn precision(ev: &crate::model::Event) -> Option<&'static str> {
    let p = |d: &crate::date::PartialDate| d.precision();
    match (p(&ev.start), ev.end.as_ref().map(p)) {
        (Precision::Year, _) | (_, Some(Precision::Year)) => Some("known only to the year"),
        (Precision::Month, _) | (_, Some(Precision::Month)) => Some("known only to the month"),
        _ => None,
    }
}

fn member_row(cx: &Context, p: &PartyRow) -> MemberRow {
    let party = cx
        .data
        .party_by_id(&p.id)
        .map(|px| cx.party_link(ROOT, px))
        .unwrap_or_else(|| Link {
            href: None,
            text: p.name.clone(),
        });
    MemberRow {
        party,
        id: p.id.clone(),
        kind: p.kind.as_str(),
        role: p.role.as_str(),
        since: p.date.map(|d| When::of(&d, None)),
        source: Source::of(&p.source),
        note: p.note.clone(),
    }
}

/// The page of event `ev`.
pub fn page(cx: &Context, ev: EventId) -> Result<String> {
    let data = cx.data;
    let e = data.event(ev);
    let members = query::members(data, ev, &[], None);
    let groups = by_role(&members.parties, |p| p.role)
        .into_iter()
        .map(|(role, rows): (Role, &[PartyRow])| RoleGroup {
            heading: role_heading(role),
            role: role.as_str(),
            dates: rows.iter().any(|r| r.date.is_some()),
            notes: rows.iter().any(|r| r.note.is_some()),
            rows: rows.iter().map(|r| member_row(cx, r)).collect(),
        })
        .collect();
    let (prev, next) = neighbours(cx, ev);
    let page = EventPage {
        page: cx.chrome(&format!("events/{}.html", e.id), &e.name, "index"),
        id: e.id.clone(),
        name: e.name.clone(),
        kind: e.kind.as_str(),
        when: When::of(&e.start, e.end.as_ref()),
        precision: precision(e),
        place: e.city.clone().unwrap_or_default(),
        hosts: e.hosts.iter().map(|&h| cx.party_link(ROOT, h)).collect(),
        series: e.series.as_deref().map(|s| cx.series_link(ROOT, s)),
        parent: e.parent.map(|p| cx.event_link(ROOT, p, false)),
        children: data
            .event_ids()
            .filter(|&c| data.event(c).parent == Some(ev))
            .map(|c| cx.event_link(ROOT, c, false))
            .collect(),
        source: Source::of(&e.source),
        note: e.note.clone(),
        status: members.list.sentence(),
        complete: members.list.complete,
        groups,
        priorities: data
            .priorities_of(ev)
            .map(|l| (cx.priority_link(ROOT, l.priority), Source::of(&l.source)))
            .collect(),
        prev: prev.map(|p| cx.event_link(ROOT, p, false)),
        next: next.map(|n| cx.event_link(ROOT, n, false)),
        diff: diff_base(cx, ev).map(|p| Link {
            href: Some(format!("{ROOT}diffs/{}.html", e.id)),
            text: format!(
                "Who joined, left or changed standing since {}",
                data.event(p).label()
            ),
        }),
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "site/diff.html")]
struct DiffPage {
    page: super::Chrome,
    a: Link,
    b: Link,
    a_when: When,
    b_when: When,
    a_status: String,
    b_status: String,
    complete: bool,
    sections: Vec<DiffSection>,
}

struct DiffSection {
    title: &'static str,
    explain: &'static str,
    rows: Vec<(Link, String)>,
}

/// The page of what changed to `ev` from the earlier event of its series it is compared with
/// ([`diff_base`]), if there is one.
pub fn diff_page(cx: &Context, ev: EventId) -> Result<Option<String>> {
    let Some(prev) = diff_base(cx, ev) else {
        return Ok(None);
    };
    let data = cx.data;
    let v: DiffView = query::diff::diff(data, prev, ev);
    let party = |p: &PartyRow| {
        data.party_by_id(&p.id)
            .map(|px| cx.party_link(ROOT, px))
            .unwrap_or_else(|| Link {
                href: None,
                text: p.name.clone(),
            })
    };
    let plain = |rows: &[PartyRow]| -> Vec<(Link, String)> {
        rows.iter()
            .map(|p| (party(p), p.role.as_str().to_string()))
            .collect()
    };
    let moved = |rows: &[query::diff::Changed]| -> Vec<(Link, String)> {
        rows.iter()
            .map(|c| (party(&c.party), format!("{} → {}", c.from_role, c.to_role)))
            .collect()
    };
    let (ea, eb) = (data.event(prev), data.event(ev));
    let sections = vec![
        DiffSection {
            title: "Joined",
            explain: "In the later list, not in the earlier one",
            rows: plain(&v.joined),
        },
        DiffSection {
            title: "Left",
            explain: "In the earlier list, not in the later one, which is complete",
            rows: plain(&v.left),
        },
        DiffSection {
            title: "Changed standing",
            explain: "At both, in a different standing (signed at one, did not sign at the other)",
            rows: moved(&v.changed),
        },
        DiffSection {
            title: "Unknown at the later event",
            explain: "In the earlier list; the later list is incomplete and does not name them",
            rows: plain(&v.unknown_in_b),
        },
        DiffSection {
            title: "Unknown at the earlier event",
            explain: "In the later list; the earlier list is incomplete and does not name them",
            rows: plain(&v.unknown_in_a),
        },
        DiffSection {
            title: "Stayed",
            explain: "At both, in the same standing",
            rows: moved(&v.stayed),
        },
    ];
    let title = format!("From {} to {}", ea.label(), eb.label());
    let page = DiffPage {
        page: cx.chrome(&format!("diffs/{}.html", eb.id), &title, "index"),
        a: cx.event_link(ROOT, prev, false),
        b: cx.event_link(ROOT, ev, false),
        a_when: When::of(&ea.start, ea.end.as_ref()),
        b_when: When::of(&eb.start, eb.end.as_ref()),
        a_status: v.events.a.list.sentence(),
        b_status: v.events.b.list.sentence(),
        complete: v.complete,
        sections,
    };
    render(&page).map(Some)
}

/// The event's own iCalendar file: the export of the one event.
pub fn calendar(cx: &Context, ev: EventId) -> Result<Vec<u8>> {
    let view = query::export::export_view(cx.data, &[ev], None);
    Ok(crate::export::ics::export(&view)?.into_bytes())
}
