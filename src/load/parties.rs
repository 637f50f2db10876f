//! parties.csv: each row checked and turned into a [`Party`], ids and names checked to be
//! unique, and the lookups the other files' party references go through.
//!
//! It reads only its own table; other files ask [`Parties`] about the ids they reference.

use super::problem::{Entity, PartyHint, Problem, ProblemKind as K, Vocabulary};
use super::schema::{P_ALIASES, P_ID, P_KIND, P_NAME, P_REGION};
use super::table::{Table, unknown_word};
use crate::error::Problems;
use crate::model::{Party, PartyId, PartyKind, Region};
use crate::text::{fold, suggest};
use rustc_hash::{FxHashMap, FxHashSet};

/// The parties, and what references to them need.
#[derive(Default)]
pub(super) struct Parties {
    pub list: Vec<Party>,
    pub ix: FxHashMap<String, PartyId>,
    /// Ids whose rows are defined but invalid: references to them are not reported again.
    pub bad: FxHashSet<String>,
    /// parties.csv could be read, and every row or at least the id of every row lost; otherwise
    /// no reference to a party is reported.
    pub ok: bool,
}

impl Parties {
    /// The party `raw` names.
    pub fn get(&self, raw: &str) -> Option<PartyId> {
        self.ix.get(raw).copied()
    }

    /// What to report about a reference to `raw`, which names no party: nothing if parties.csv
    /// could not be read or `raw`'s own row was bad (that was reported already).
    pub fn unknown(&self, raw: &str) -> Option<K> {
        (self.ok && !self.bad.contains(raw)).then(|| unknown_party(&self.list, raw))
    }
}

/// Read parties.csv (`None` if it could not be opened).
pub(super) fn read(table: Option<&mut Table>, problems: &mut Problems) -> Parties {
    let mut parties = Parties::default();
    let Some(t) = table else {
        return parties;
    };
    parties.ok = true;
    let mut lines: Vec<u64> = Vec::new();
    let mut seen: FxHashMap<String, u64> = FxHashMap::default();
    while let Some(row) = t.next(problems) {
        let id = row.required(P_ID, problems);
        let name = row.required(P_NAME, problems);
        let kind = row.word(P_KIND, Vocabulary::PartyKind, PartyKind::parse, problems);
        let region = row.get(P_REGION).and_then(|r| {
            let region = Region::parse(r);
            if region.is_none() {
                problems.push(row.problem(P_REGION, unknown_word(Vocabulary::Region, r)));
            } else if kind.is_some_and(|k| k != PartyKind::Country) {
                problems.push(row.problem(P_REGION, K::RegionOnNonCountry));
            }
            region
        });
        let aliases: Vec<String> = row
            .get(P_ALIASES)
            .map(|a| {
                a.split(';')
                    .map(|s| s.trim().to_string())
                    .filter(|s| !s.is_empty())
                    .collect()
            })
            .unwrap_or_default();
        let (Some(id), Some(name), Some(kind)) = (id, name, kind) else {
            parties.bad.extend(id.map(str::to_string));
            continue;
        };
        if let Some(e) = id_problem(id, kind) {
            problems.push(row.problem(P_ID, e));
            parties.bad.insert(id.to_string());
            continue;
        }
        if let Some(&first_line) = seen.get(id) {
            let kind = K::DuplicateId {
                entity: Entity::Party,
                id: id.to_string(),
                first_line,
            };
            problems.push(row.problem(P_ID, kind));
            continue;
        }
        seen.insert(id.to_string(), row.line);
        parties
            .ix
            .insert(id.to_string(), PartyId::new(parties.list.len()));
        lines.push(row.line);
        parties.list.push(Party {
            id: id.to_string(),
            name: name.to_string(),
            kind,
            region,
            aliases,
        });
    }
    check_names(&t.display, &parties.list, &lines, problems);
    // References to rows that could not be read are not reported again; if the id of one
    // could not be told, none is checked.
    parties.bad.extend(std::mem::take(&mut t.lost.keys));
    parties.ok = !t.lost.unknown_key;
    parties
}

/// Names and aliases must point at one party each, or lookups would be ambiguous.
fn check_names(display: &str, parties: &[Party], lines: &[u64], problems: &mut Problems) {
    let mut folded: FxHashMap<String, usize> = FxHashMap::default();
    for (i, p) in parties.iter().enumerate() {
        let mut keys: Vec<(&str, String)> = vec![("id", fold(&p.id)), ("name", fold(&p.name))];
        keys.extend(p.aliases.iter().map(|a| ("aliases", fold(a))));
        let mut own = FxHashSet::default();
        for (col, k) in keys {
            if k.is_empty() || !own.insert(k.clone()) {
                continue;
            }
            match folded.get(&k) {
                Some(&j) if j != i => {
                    let kind = K::NameTaken {
                        name: k,
                        party: parties[j].id.clone(),
                        line: lines[j],
                    };
                    problems.push(Problem::field(display, lines[i], col, kind));
                }
                _ => {
                    folded.insert(k, i);
                }
            }
        }
    }
}

/// What is wrong with a party id, if anything: its shape, or a country's three letters.
fn id_problem(id: &str, kind: PartyKind) -> Option<K> {
    let id_bytes = |s: &str| {
        s.bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'-')
    };
    let three_letters = |s: &str| s.len() == 3 && s.bytes().all(|b| b.is_ascii_uppercase());
    if id.is_empty() || !id_bytes(id) || id.starts_with('-') {
        let upper = id.to_uppercase();
        let country_ok = kind != PartyKind::Country || three_letters(&upper);
        let suggestion = (upper != id && country_ok && id_bytes(&upper)).then_some(upper);
        return Some(K::NotAPartyId {
            value: id.to_string(),
            suggestion,
        });
    }
    if kind == PartyKind::Country && !three_letters(id) {
        return Some(K::NotACountryCode {
            value: id.to_string(),
        });
    }
    None
}

/// `unknown party "X"`, with the likeliest party meant. Only called for a bad reference, so
/// the candidates are searched only then.
fn unknown_party(parties: &[Party], raw: &str) -> K {
    let hint = if let Some(id) = suggest(raw, parties.iter().map(|p| p.id.as_str())) {
        PartyHint::Id(id)
    } else {
        let folded = fold(raw);
        let by_name = parties.iter().find(|p| {
            std::iter::once(&p.name)
                .chain(&p.aliases)
                .any(|n| fold(n) == folded)
        });
        if let Some(p) = by_name {
            PartyHint::Name(p.id.clone())
        } else if let Some(p) = parties.iter().find(|p| p.id.eq_ignore_ascii_case(raw)) {
            PartyHint::Case(p.id.clone())
        } else {
            PartyHint::None
        }
    };
    K::UnknownParty {
        value: raw.to_string(),
        hint,
    }
}
