//! Turning what the user typed into dataset indices.
//!
//! EVENT: an id, or a unique case-insensitive prefix of a word of an id or of a name ("sf",
//! "bletchley", "seoul min"). PARTY: its id, name or alias, case- and accent-insensitive
//! ("turkiye", "South Korea"), or a unique prefix of one. Ambiguous and unknown input is an
//! error that lists the candidates or suggests the closest id.
//!
//! The messages quote what the user typed ([`quote`]) and show the candidates' ids and names
//! one to a line ([`inline`]): neither can break a line or drive the terminal (and
//! [`output::message`](crate::output::message) escapes whatever reaches it once more).

use crate::error::{Error, Result};
use crate::model::{Dataset, EventId, PartyId, PriorityId};
use crate::present::escape::inline;
use crate::text::{fold, quote, suggest};

fn words(s: &str) -> Vec<String> {
    fold(s)
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Resolve an event reference.
pub fn event(data: &Dataset, query: &str) -> Result<EventId> {
    let q = query.trim();
    if let Some(i) = data.event_by_id(q) {
        return Ok(i);
    }
    let lower = q.to_lowercase();
    if let Some(i) = data.event_by_id(&lower) {
        return Ok(i);
    }
    let terms = words(q);
    if terms.is_empty() {
        return Err(Error::Lookup(
            "no event given; run `convene events` to list them".into(),
        ));
    }
    // Each term must be a prefix of some word of the event's id or name.
    let mut prefix = Vec::new();
    let mut exact = Vec::new();
    for (i, e) in data.event_ids().map(|ev| (ev, data.event(ev))) {
        let mut ws = words(&e.id.replace('-', " "));
        ws.extend(words(&e.name));
        if let Some(s) = &e.short {
            ws.extend(words(s));
        }
        if terms
            .iter()
            .all(|t| ws.iter().any(|w| w.starts_with(t.as_str())))
        {
            prefix.push(i);
            if terms.iter().all(|t| ws.iter().any(|w| w == t)) {
                exact.push(i);
            }
        }
    }
    match (prefix.len(), exact.len()) {
        (1, _) => Ok(prefix[0]),
        (_, 1) => Ok(exact[0]),
        (0, _) => {
            // The closest id, name or short name, shown as its event's id.
            let texts: Vec<(&str, &str)> = data
                .events()
                .iter()
                .flat_map(|e| {
                    [
                        Some(e.id.as_str()),
                        Some(e.name.as_str()),
                        e.short.as_deref(),
                    ]
                    .into_iter()
                    .flatten()
                    .map(move |t| (t, e.id.as_str()))
                })
                .collect();
            let hint = suggest(&lower, texts.iter().map(|(t, _)| *t))
                .and_then(|s| texts.iter().find(|(t, _)| *t == s).map(|(_, id)| *id))
                .map(|id| format!(" (did you mean {}?)", quote(id)))
                .unwrap_or_default();
            Err(Error::Lookup(format!(
                "no event matches {}{hint}; run `convene events` to list them",
                quote(q)
            )))
        }
        (n, _) => {
            let mut msg = format!("{} matches {n} events; use one of these ids:", quote(q));
            for &i in &prefix {
                let e = data.event(i);
                msg.push_str(&format!(
                    "\n  {:<40} {}  {}",
                    inline(&e.id),
                    e.start,
                    inline(e.label())
                ));
            }
            Err(Error::Lookup(msg))
        }
    }
}

/// Resolve a party reference.
pub fn party(data: &Dataset, query: &str) -> Result<PartyId> {
    let q = query.trim();
    if let Some(i) = data.party_by_id(q) {
        return Ok(i);
    }
    let f = fold(q);
    if f.is_empty() {
        return Err(Error::Lookup("no party given".into()));
    }
    let names = |i: PartyId| {
        let p = data.party(i);
        std::iter::once(fold(&p.id))
            .chain(std::iter::once(fold(&p.name)))
            .chain(p.aliases.iter().map(|a| fold(a)))
            .collect::<Vec<_>>()
    };
    let exact: Vec<PartyId> = data
        .party_ids()
        .filter(|&i| names(i).contains(&f))
        .collect();
    if exact.len() == 1 {
        return Ok(exact[0]);
    }
    let prefix: Vec<PartyId> = data
        .party_ids()
        .filter(|&i| {
            names(i)
                .iter()
                .any(|n| n.starts_with(&f) || n.split(' ').any(|w| w.starts_with(&f)))
        })
        .collect();
    match prefix.len() {
        1 => Ok(prefix[0]),
        0 => {
            let all: Vec<String> = data.party_ids().flat_map(names).collect();
            let hint = suggest(&f, all.iter().map(String::as_str))
                .and_then(|s| data.party_ids().find(|&i| names(i).contains(&s)))
                .map(|i| {
                    format!(
                        " (did you mean {} — {}?)",
                        inline(&data.party(i).id),
                        inline(&data.party(i).name)
                    )
                })
                .unwrap_or_default();
            Err(Error::Lookup(format!(
                "no party matches {}{hint}; parties are named by id (GBR), name or alias",
                quote(q)
            )))
        }
        n => {
            let mut msg = format!("{} matches {n} parties; use one of these ids:", quote(q));
            for &i in prefix.iter().take(20) {
                msg.push_str(&format!(
                    "\n  {:<10} {}",
                    inline(&data.party(i).id),
                    inline(&data.party(i).name)
                ));
            }
            if n > 20 {
                msg.push_str(&format!("\n  … and {} more", n - 20));
            }
            Err(Error::Lookup(msg))
        }
    }
}

/// Resolve a priority area by id or name.
pub fn priority(data: &Dataset, query: &str) -> Result<PriorityId> {
    let f = fold(query);
    let found: Vec<PriorityId> = data
        .priority_ids()
        .filter(|&i| {
            let p = data.priority(i);
            fold(&p.id) == f || fold(&p.name) == f || fold(&p.id.replace('-', " ")) == f
        })
        .collect();
    if let [i] = found.as_slice() {
        return Ok(*i);
    }
    let lower = query.to_lowercase();
    let prefix: Vec<PriorityId> = data
        .priority_ids()
        .filter(|&i| data.priority(i).id.starts_with(&lower))
        .collect();
    if let [i] = prefix.as_slice() {
        return Ok(*i);
    }
    let ids: Vec<&str> = data.priorities().iter().map(|p| p.id.as_str()).collect();
    Err(Error::Lookup(format!(
        "unknown priority area {}; known: {}",
        quote(query),
        inline(&ids.join(", "))
    )))
}

/// Check a series name against the dataset.
pub fn series(data: &Dataset, query: &str) -> Result<String> {
    let all = data.series();
    let q = query.trim().to_lowercase();
    if all.contains(&q.as_str()) {
        return Ok(q);
    }
    let hint = suggest(&q, all.iter().copied())
        .map(|s| format!(" (did you mean {}?)", quote(&s)))
        .unwrap_or_default();
    Err(Error::Lookup(format!(
        "unknown series {}{hint}; known: {}",
        quote(query),
        inline(&all.join(", "))
    )))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    #[test]
    fn events_resolve_by_id_word_prefix_and_name_word() {
        let d = load_embedded().unwrap();
        let id = |q: &str| event(&d, q).map(|i| d.event(i).id.clone());
        assert_eq!(id("bletchley-2023").unwrap(), "bletchley-2023");
        assert_eq!(id("sf").unwrap(), "aisi-network-sf-2024");
        assert_eq!(id("Bletchley").unwrap(), "bletchley-2023");
        assert_eq!(id("delhi").unwrap(), "delhi-2026");
        assert_eq!(id("seoul min").unwrap(), "seoul-ministerial-2024");
    }

    #[test]
    fn ambiguous_event_lists_the_candidates() {
        let d = load_embedded().unwrap();
        let Err(Error::Lookup(msg)) = event(&d, "seoul") else {
            panic!("expected an ambiguity")
        };
        for id in [
            "seoul-declaration-2024",
            "seoul-intent-2024",
            "seoul-ministerial-2024",
        ] {
            assert!(msg.contains(id), "{msg}");
        }
    }

    #[test]
    fn unknown_event_suggests_the_closest_id() {
        let d = load_embedded().unwrap();
        let Err(Error::Lookup(msg)) = event(&d, "paris-2052") else {
            panic!()
        };
        assert!(msg.contains("did you mean \"paris-2025\""), "{msg}");
    }

    #[test]
    fn parties_resolve_by_alias_ignoring_case_and_accents() {
        let d = load_embedded().unwrap();
        let id = |q: &str| party(&d, q).map(|i| d.party(i).id.clone()).unwrap();
        assert_eq!(id("south korea"), "KOR");
        assert_eq!(id("Korea, Republic of"), "KOR");
        assert_eq!(id("turkiye"), "TUR");
        assert_eq!(id("Turkey"), "TUR");
        assert_eq!(id("gbr"), "GBR");
        assert_eq!(id("the UAE"), "ARE");
        assert_eq!(id("Great Britain"), "GBR");
    }

    #[test]
    fn ambiguous_party_prefix_is_an_error() {
        let d = load_embedded().unwrap();
        assert!(
            matches!(party(&d, "united"), Err(Error::Lookup(m)) if m.contains("GBR") && m.contains("USA"))
        );
    }
}
