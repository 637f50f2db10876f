//! `export --format markdown`: an events table, then a section per event with its members by
//! role and every source as a link. Markup in names is escaped.

use crate::date::human_span;
use crate::format::{md, md_link};
use crate::model::{Dataset, EventIx};
use crate::query::completeness;

pub fn export(data: &Dataset, events: &[EventIx]) -> String {
    let mut s = String::from("# International AI safety coordination events\n\n");
    s.push_str(&format!(
        "{} events from the convene dataset. \"N of M\" means a source reports M parties and N are named here.\n\n",
        events.len()
    ));
    s.push_str("| date | event | kind | parties |\n|---|---|---|---|\n");
    for &e in events {
        let ev = &data.events[e];
        let c = completeness(data, e, None);
        s.push_str(&format!(
            "| {} | [{}](#{}) | {} | {} |\n",
            md(&human_span(&ev.start, ev.end.as_ref())),
            md(&ev.name),
            ev.id,
            ev.kind,
            c.short()
        ));
    }
    for &e in events {
        let ev = &data.events[e];
        let c = completeness(data, e, None);
        s.push_str(&format!(
            "\n<a id=\"{}\"></a>\n\n## {}\n\n",
            ev.id,
            md(&ev.name)
        ));
        s.push_str(&format!("- **id:** `{}`\n", ev.id));
        s.push_str(&format!(
            "- **date:** {}\n",
            md(&human_span(&ev.start, ev.end.as_ref()))
        ));
        s.push_str(&format!("- **kind:** {}\n", ev.kind));
        if let Some(city) = &ev.city {
            s.push_str(&format!("- **place:** {}\n", md(city)));
        }
        if !ev.hosts.is_empty() {
            let h: Vec<String> = ev
                .hosts
                .iter()
                .map(|&h| md(&data.parties[h].name))
                .collect();
            s.push_str(&format!("- **host:** {}\n", h.join(", ")));
        }
        if let Some(p) = ev.parent {
            s.push_str(&format!(
                "- **part of:** [{}](#{})\n",
                md(&data.events[p].name),
                data.events[p].id
            ));
        }
        let pri: Vec<String> = data.priorities_by_event[e]
            .iter()
            .map(|&i| {
                let l = &data.event_priorities[i];
                md_link(&data.priorities[l.priority].name, &l.source)
            })
            .collect();
        if !pri.is_empty() {
            s.push_str(&format!("- **priorities:** {}\n", pri.join(", ")));
        }
        s.push_str(&format!("- **parties:** {}\n", md(&c.sentence())));
        s.push_str(&format!(
            "- **source:** {}\n",
            md_link(&ev.source, &ev.source)
        ));
        if let Some(n) = &ev.note {
            s.push_str(&format!("- **note:** {}\n", md(n)));
        }
        // Members by role; within a role, grouped by the source that names them.
        let mut groups: Vec<(crate::model::Role, &str, Vec<String>)> = Vec::new();
        for &i in &data.by_event[e] {
            let r = &data.participation[i];
            let src = data.row_source(r);
            let mut name = md(&data.parties[r.party].name);
            if let Some(d) = r.date {
                name.push_str(&format!(" ({d})"));
            }
            match groups.iter_mut().find(|g| g.0 == r.role && g.1 == src) {
                Some(g) => g.2.push(name),
                None => groups.push((r.role, src, vec![name])),
            }
        }
        if !groups.is_empty() {
            s.push('\n');
        }
        for (role, src, names) in groups {
            s.push_str(&format!(
                "- {} ({}): {} — {}\n",
                super::role_heading(role),
                names.len(),
                names.join(", "),
                md_link("source", src)
            ));
        }
    }
    s
}
