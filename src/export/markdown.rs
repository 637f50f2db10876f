//! `export --format markdown`: an events table, then a section per event with its members by
//! role and every source as a link. Markup in names is escaped; addresses inside notes are
//! autolinks with nothing escaped inside; each section's heading is its event id, so `#<id>`
//! links resolve in every renderer.

use super::Result;
use crate::date::human_span;
use crate::present::escape::md_prose;
use crate::present::{md, md_link};
use crate::query::export::{EventEntry, ExportView};

/// The events table and one section per event. Cannot fail today; returns a `Result` like
/// every exporter.
pub fn export(view: &ExportView) -> Result<String> {
    let mut s = String::from("# International AI safety coordination events\n\n");
    s.push_str(&format!(
        "{} events from the convene dataset. \"N of M\" means a source reports M parties and N are named here.\n\n",
        view.events.len()
    ));
    s.push_str("| date | event | kind | parties |\n|---|---|---|---|\n");
    for e in &view.events {
        let ev = e.event;
        s.push_str(&format!(
            "| {} | [{}](#{}) | {} | {} |\n",
            md(&human_span(&ev.start, ev.end.as_ref())),
            md(&ev.name),
            ev.id,
            ev.kind,
            e.completeness.short()
        ));
    }
    for e in &view.events {
        section(&mut s, e);
    }
    Ok(s)
}

/// One event's section: its fields, then its members by role.
fn section(s: &mut String, e: &EventEntry) {
    let ev = e.event;
    // The heading is the id alone: every renderer (GitHub, cmark-gfm, pandoc, markdown-it's
    // anchor plugin) derives the same anchor from a lower-case slug, so `#<id>` links work
    // without raw `<a id>` tags, which GitHub's safe mode strips.
    s.push_str(&format!("\n## {}\n\n**{}**\n\n", ev.id, md(&ev.name)));
    s.push_str(&format!(
        "- **date:** {}\n",
        md(&human_span(&ev.start, ev.end.as_ref()))
    ));
    s.push_str(&format!("- **kind:** {}\n", ev.kind));
    if let Some(city) = &ev.city {
        s.push_str(&format!("- **place:** {}\n", md(city)));
    }
    if !e.hosts.is_empty() {
        let h: Vec<String> = e.hosts.iter().map(|h| md(&h.name)).collect();
        s.push_str(&format!("- **host:** {}\n", h.join(", ")));
    }
    if let Some(p) = e.parent {
        s.push_str(&format!("- **part of:** [{}](#{})\n", md(&p.name), p.id));
    }
    let pri: Vec<String> = e
        .priorities
        .iter()
        .map(|l| md_link(&l.priority.name, l.source))
        .collect();
    if !pri.is_empty() {
        s.push_str(&format!("- **priorities:** {}\n", pri.join(", ")));
    }
    s.push_str(&format!(
        "- **parties:** {}\n",
        md(&e.completeness.sentence())
    ));
    s.push_str(&format!(
        "- **source:** {}\n",
        md_link(&ev.source, &ev.source)
    ));
    if let Some(n) = &ev.note {
        s.push_str(&format!("- **note:** {}\n", md_prose(n)));
    }
    members(s, e);
}

/// "- Signatories (29): Australia, … — [source](…)": members by role; within a role, one line
/// per source that names them, in the order the sources first appear.
fn members(s: &mut String, e: &EventEntry) {
    if !e.members.is_empty() {
        s.push('\n');
    }
    for (role, members) in e.by_role() {
        let mut by_source: Vec<(&str, Vec<String>)> = Vec::new();
        for m in members {
            let mut name = md(&m.party.name);
            if let Some(d) = m.date {
                name.push_str(&format!(" ({d})"));
            }
            match by_source.iter_mut().find(|(src, _)| *src == m.source) {
                Some((_, names)) => names.push(name),
                None => by_source.push((m.source, vec![name])),
            }
        }
        for (src, names) in by_source {
            s.push_str(&format!(
                "- {} ({}): {} — {}\n",
                super::role_heading(role),
                names.len(),
                names.join(", "),
                md_link("source", src)
            ));
        }
    }
}
