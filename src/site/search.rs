//! The index the front page's search reads: one entry per event, party, series and priority
//! area of the site, with its words folded as `convene search` folds them (no accents, lower
//! case, punctuation as spaces). It is a script that sets `window.conveneSearch`, not a JSON
//! file to fetch: a browser refuses to fetch a file from a page opened from a disk.

use super::Context;
use crate::error::Result;
use crate::model::catalog;
use crate::text::fold;
use serde::Serialize;

/// One thing the search can find.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// event, party, series or priority.
    pub kind: &'static str,
    pub name: String,
    /// What it is, in a few words: "summit, 1–2 Nov 2023", "country, Asia".
    pub detail: String,
    /// Its page, from the site's top.
    pub href: String,
    /// Every word it can be found by, folded.
    pub words: String,
}

fn words(fields: &[&str]) -> String {
    let mut w: Vec<String> = fields
        .iter()
        .flat_map(|f| fold(f).split(' ').map(str::to_string).collect::<Vec<_>>())
        .filter(|w| !w.is_empty())
        .collect();
    // Each word once, in the order first met: the entry stays small.
    let mut seen = std::collections::BTreeSet::new();
    w.retain(|x| seen.insert(x.clone()));
    w.join(" ")
}

/// The entries: events (oldest first), then parties (by name), series and priority areas.
pub fn entries(cx: &Context) -> Vec<Entry> {
    let data = cx.data;
    let mut out = Vec::new();
    for &ev in cx.events {
        let e = data.event(ev);
        let hosts: Vec<&str> = e
            .hosts
            .iter()
            .map(|&h| data.party(h).name.as_str())
            .collect();
        let mut fields = vec![
            e.id.as_str(),
            e.name.as_str(),
            e.short.as_deref().unwrap_or(""),
            e.city.as_deref().unwrap_or(""),
            e.note.as_deref().unwrap_or(""),
        ];
        fields.extend(hosts);
        out.push(Entry {
            kind: "event",
            name: e.name.clone(),
            detail: format!(
                "{}, {}",
                e.kind,
                crate::date::human_span(&e.start, e.end.as_ref())
            ),
            href: format!("events/{}.html", e.id),
            words: words(&fields),
        });
    }
    let mut parties: Vec<_> = cx.parties.iter().map(|&p| data.party(p)).collect();
    parties.sort_by(|a, b| (fold(&a.name), &a.id).cmp(&(fold(&b.name), &b.id)));
    for p in parties {
        let mut fields = vec![p.id.as_str(), p.name.as_str()];
        fields.extend(p.aliases.iter().map(String::as_str));
        let detail = match (&p.region, p.aliases.is_empty()) {
            (Some(r), true) => format!("{}, {r}", p.kind),
            (Some(r), false) => format!("{}, {r}; also {}", p.kind, p.aliases.join(", ")),
            (None, true) => p.kind.to_string(),
            (None, false) => format!("{}; also {}", p.kind, p.aliases.join(", ")),
        };
        out.push(Entry {
            kind: "party",
            name: p.name.clone(),
            detail,
            href: format!("parties/{}.html", p.id),
            words: words(&fields),
        });
    }
    for s in &cx.series {
        let (name, former) = catalog::current_series_name(s);
        let fields = [s.as_str(), name.as_str(), former.as_deref().unwrap_or("")];
        out.push(Entry {
            kind: "series",
            words: words(&fields),
            name,
            detail: "series".into(),
            href: format!("series/{s}.html"),
        });
    }
    for &p in &cx.priorities {
        let pr = data.priority(p);
        let fields = [
            pr.id.as_str(),
            pr.name.as_str(),
            pr.description.as_deref().unwrap_or(""),
        ];
        out.push(Entry {
            kind: "priority",
            name: pr.name.clone(),
            detail: "priority area".into(),
            href: format!("priorities/{}.html", pr.id),
            words: words(&fields),
        });
    }
    out
}

/// The index as a script.
pub fn index(cx: &Context) -> Result<Vec<u8>> {
    let json = serde_json::to_string(&entries(cx)).map_err(crate::present::EncodeError::from)?;
    Ok(format!("window.conveneSearch = {json};\n").into_bytes())
}
