//! The views of `convene parties`, `convene series`, `convene priorities` and `convene search`:
//! what the dataset has names for, so that no one learns an id from an error message.

use crate::date::PartialDate;
use crate::model::catalog;
use crate::model::{Dataset, EventId, PartyKind, Region};
use crate::text::fold;
use serde::Serialize;

/// One party of `convene parties`.
#[derive(Debug, Clone, Serialize)]
pub struct PartyEntry {
    pub id: String,
    pub name: String,
    pub kind: PartyKind,
    pub region: Option<Region>,
    pub aliases: Vec<String>,
    /// The events it took part in as a party (signatory, joined, member, participant) or
    /// hosted.
    pub events: usize,
    /// The events whose lists name it in any role (observers and non-signatories too), or
    /// that it hosted.
    pub named: usize,
    /// The start of the first event that names it.
    pub first: Option<PartialDate>,
}

/// Every party (of `kind` and in `region`, when given), by name.
pub fn parties(data: &Dataset, kind: Option<PartyKind>, region: Option<Region>) -> Vec<PartyEntry> {
    // Hosting counts as taking part: the index of rows does not hold hosts.
    let mut hosted: Vec<Vec<EventId>> = vec![Vec::new(); data.parties().len()];
    for e in data.event_ids() {
        for &h in &data.event(e).hosts {
            hosted[h.index()].push(e);
        }
    }
    let mut v: Vec<PartyEntry> = data
        .party_ids()
        .filter(|&p| kind.is_none_or(|k| data.party(p).kind == k))
        .filter(|&p| region.is_none_or(|r| data.party(p).region == Some(r)))
        .map(|p| {
            let distinct = |mut v: Vec<EventId>| {
                v.extend(&hosted[p.index()]);
                v.sort_unstable();
                v.dedup();
                v
            };
            let events = distinct(data.events_of(p).map(|r| r.event).collect());
            let took_part = distinct(
                data.events_of(p)
                    .filter(|r| r.role.is_party())
                    .map(|r| r.event)
                    .collect(),
            );
            let party = data.party(p);
            PartyEntry {
                id: party.id.clone(),
                name: party.name.clone(),
                kind: party.kind,
                region: party.region,
                aliases: party.aliases.clone(),
                events: took_part.len(),
                named: events.len(),
                first: events.iter().map(|&e| data.event(e).start).min(),
            }
        })
        .collect();
    v.sort_by(|a, b| (fold(&a.name), &a.id).cmp(&(fold(&b.name), &b.id)));
    v
}

/// One series of `convene series`.
#[derive(Debug, Clone, Serialize)]
pub struct SeriesEntry {
    pub id: String,
    /// Its current name.
    pub name: String,
    /// Its former name, if it was renamed.
    pub former_name: Option<String>,
    pub events: usize,
    pub first: PartialDate,
    pub last: PartialDate,
    /// The id of its latest event.
    pub latest: String,
}

/// Every series, in lane order (that of the timeline).
pub fn series(data: &Dataset) -> Vec<SeriesEntry> {
    let mut ids = data.series();
    ids.sort_by_key(|s| catalog::series_rank(Some(s)));
    ids.into_iter()
        .map(|s| {
            // Event ids are in date order.
            let evs: Vec<EventId> = data
                .event_ids()
                .filter(|&e| data.event(e).series.as_deref() == Some(s))
                .collect();
            let (first, last) = (evs[0], evs[evs.len() - 1]);
            let (name, former_name) = catalog::current_series_name(s);
            SeriesEntry {
                id: s.to_string(),
                name,
                former_name,
                events: evs.len(),
                first: data.event(first).start,
                last: data.event(last).start,
                latest: data.event(last).id.clone(),
            }
        })
        .collect()
}

/// One priority area of `convene priorities`.
#[derive(Debug, Clone, Serialize)]
pub struct PriorityEntry {
    pub id: String,
    pub name: String,
    pub description: Option<String>,
    /// The events linked to it.
    pub events: usize,
}

/// Every priority area, in the dataset's order.
pub fn priorities(data: &Dataset) -> Vec<PriorityEntry> {
    let mut counts = vec![0usize; data.priorities().len()];
    for l in data.priority_links() {
        counts[l.priority.index()] += 1;
    }
    data.priority_ids()
        .map(|p| {
            let pr = data.priority(p);
            PriorityEntry {
                id: pr.id.clone(),
                name: pr.name.clone(),
                description: pr.description.clone(),
                events: counts[p.index()],
            }
        })
        .collect()
}

/// One match of `convene search`.
#[derive(Debug, Clone, Serialize)]
pub struct Hit {
    /// event, party, series or priority.
    pub what: &'static str,
    pub id: String,
    /// The field that matched: id, name, short, city, note, alias, description.
    pub field: &'static str,
    /// That field's text.
    pub text: String,
}

/// Everything whose fields together have, for each word of `query`, a word starting with it,
/// ignoring case and accents ("montreal" finds "Montréal", "kor" finds "Korea", "institute
/// montreal" the institute founded in Montréal). The fields: an event's id, name, short name,
/// city, hosts and note; a party's id, name and aliases; a series' id and name; a priority
/// area's id, name and description. Events first (oldest first), then parties, series and
/// priority areas; one hit per field that holds a word of the query, the name first when
/// another field matched, so each entry says what it is.
pub fn search(data: &Dataset, query: &str) -> Vec<Hit> {
    let words: Vec<String> = fold(query).split_whitespace().map(str::to_string).collect();
    if words.is_empty() {
        return Vec::new();
    }
    let mut hits: Vec<Hit> = Vec::new();
    // One entry: its fields; it matches when each word is in one of them.
    let mut entry = |what: &'static str, id: &str, fields: Vec<(&'static str, String)>| {
        // Each field folded once, then asked about every word.
        let folded: Vec<String> = fields.iter().map(|(_, t)| fold(t)).collect();
        let holds = |i: usize, w: &str| folded[i].split(' ').any(|t| t.starts_with(w));
        if !words.iter().all(|w| (0..fields.len()).any(|i| holds(i, w))) {
            return;
        }
        let matched: Vec<&(&'static str, String)> = fields
            .iter()
            .enumerate()
            .filter(|(i, _)| words.iter().any(|w| holds(*i, w)))
            .map(|(_, f)| f)
            .collect();
        // The id says nothing more when another field matched; the name says what the entry
        // is when only, say, its city did.
        let mut shown: Vec<&(&'static str, String)> = matched
            .iter()
            .copied()
            .filter(|(f, _)| *f != "id")
            .collect();
        if shown.is_empty() {
            shown = matched;
        } else if !shown.iter().any(|(f, _)| *f == "name")
            && let Some(name) = fields.iter().find(|(f, _)| *f == "name")
        {
            shown.insert(0, name);
        }
        for (field, text) in shown {
            hits.push(Hit {
                what,
                id: id.to_string(),
                field,
                text: text.clone(),
            });
        }
    };
    for e in data.event_ids() {
        let ev = data.event(e);
        let mut fields = vec![("id", ev.id.clone()), ("name", ev.name.clone())];
        fields.extend(ev.short.iter().map(|t| ("short", t.clone())));
        fields.extend(ev.city.iter().map(|t| ("city", t.clone())));
        for &h in &ev.hosts {
            fields.push(("host", data.party(h).name.clone()));
        }
        fields.extend(ev.note.iter().map(|t| ("note", t.clone())));
        entry("event", &ev.id, fields);
    }
    let mut ps: Vec<_> = data.party_ids().collect();
    ps.sort_by_key(|&p| fold(&data.party(p).name));
    for p in ps {
        let party = data.party(p);
        let mut fields = vec![("id", party.id.clone()), ("name", party.name.clone())];
        fields.extend(party.aliases.iter().map(|a| ("alias", a.clone())));
        entry("party", &party.id, fields);
    }
    for s in series(data) {
        let mut fields = vec![("id", s.id.clone()), ("name", s.name.clone())];
        fields.extend(s.former_name.iter().map(|f| ("former name", f.clone())));
        entry("series", &s.id, fields);
    }
    for p in priorities(data) {
        let mut fields = vec![("id", p.id.clone()), ("name", p.name.clone())];
        fields.extend(p.description.iter().map(|d| ("description", d.clone())));
        entry("priority", &p.id, fields);
    }
    hits
}

/// For a search that found nothing: the query with each word that is a typo of a word of the
/// dataset's names, cities, notes, aliases and descriptions replaced by it ("saftey
/// institute" → "safety institute"), if any word was, and every other word is one of them.
pub fn did_you_mean(data: &Dataset, query: &str) -> Option<String> {
    let mut vocabulary: Vec<String> = Vec::new();
    let mut add = |t: &str| vocabulary.extend(fold(t).split(' ').map(str::to_string));
    for e in data.events() {
        for t in [
            Some(&e.name),
            e.short.as_ref(),
            e.city.as_ref(),
            e.note.as_ref(),
        ]
        .into_iter()
        .flatten()
        {
            add(t);
        }
    }
    for p in data.parties() {
        add(&p.name);
        p.aliases.iter().for_each(|a| add(a));
    }
    for p in data.priorities() {
        add(&p.name);
        if let Some(d) = &p.description {
            add(d);
        }
    }
    // Distinct words, the most frequent first: of two typos as close, the commoner word wins.
    vocabulary.sort_unstable();
    let mut counted: Vec<(usize, String)> = Vec::new();
    for w in vocabulary {
        match counted.last_mut() {
            Some((n, last)) if *last == w => *n += 1,
            _ => counted.push((1, w)),
        }
    }
    counted.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.cmp(&b.1)));
    let known = |w: &str| counted.iter().any(|(_, v)| v == w);
    let mut changed = false;
    let mut words = Vec::new();
    for w in fold(query).split_whitespace() {
        if known(w) {
            words.push(w.to_string());
        } else {
            words.push(crate::text::suggest(
                w,
                counted.iter().map(|(_, v)| v.as_str()),
            )?);
            changed = true;
        }
    }
    changed.then(|| words.join(" "))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    #[test]
    fn search_ignores_case_and_accents_and_finds_cities_and_aliases() {
        let d = load_embedded().unwrap();
        let hits = search(&d, "montreal");
        assert!(
            hits.iter().any(|h| h.what == "event" && h.field == "city"),
            "{hits:?}"
        );
        // Words in different fields of one entry: the name ("Institute") and the city.
        let hits = search(&d, "institute montreal");
        assert!(
            hits.iter()
                .any(|h| h.id == "ca-caisi-founding-2024" && h.field == "name"),
            "{hits:?}"
        );
        let hits = search(&d, "canada institute");
        assert!(
            hits.iter()
                .any(|h| h.id == "ca-caisi-founding-2024" && h.field == "host"),
            "{hits:?}"
        );
        let hits = search(&d, "SOUTH korea");
        assert!(
            hits.iter()
                .any(|h| h.what == "party" && h.id == "KOR" && h.field == "alias"),
            "{hits:?}"
        );
        assert!(search(&d, "  ").is_empty());
        assert_eq!(did_you_mean(&d, "saftey").as_deref(), Some("safety"));
        assert_eq!(did_you_mean(&d, "testing"), None);
        assert_eq!(did_you_mean(&d, "qqqqqq"), None);
        assert!(search(&d, "no such words anywhere").is_empty());
    }

    #[test]
    fn every_party_and_series_is_listed_with_its_counts() {
        let d = load_embedded().unwrap();
        let all = parties(&d, None, None);
        assert_eq!(all.len(), d.parties().len());
        let countries = parties(&d, Some(PartyKind::Country), None);
        assert!(countries.iter().all(|p| p.kind == PartyKind::Country));
        let gbr = all.iter().find(|p| p.id == "GBR").unwrap();
        assert!(gbr.named >= d.events_of(d.party_by_id("GBR").unwrap()).len());
        assert!(gbr.events <= gbr.named);
        let s = series(&d);
        assert_eq!(s[0].id, "ai-summits");
        let total: usize = s.iter().map(|s| s.events).sum();
        let in_series = d
            .event_ids()
            .filter(|&e| d.event(e).series.is_some())
            .count();
        assert_eq!(total, in_series);
    }
}
