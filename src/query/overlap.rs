//! The view of `convene overlap A B C…`: which parties took part in all of several events, in
//! some (and which), or in none.
//!
//! Truth rule, as in [`diff`](super::diff): a party an incomplete list does not name is
//! *unknown* at that event, never absent. A party is *in* an event when its role there counts
//! as taking part ([`Role::is_party`]: signatory, joined, member, participant), and *not in*
//! when the event's list is complete and does not name it, or names it in another standing
//! (observer, non-signatory).

use super::{Completeness, completeness};
use crate::date::PartialDate;
use crate::model::{Dataset, EventId, PartyId, PartyKind, Role};
use serde::Serialize;

/// Where a party stands across the events.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Group {
    /// A party to every event.
    All,
    /// A party to every event whose list can tell; the other lists are incomplete.
    AllKnown,
    /// A party to some events and known not to be one at another.
    Some,
    /// Named at some event but a party to none of them, and unknown at another.
    Unknown,
    /// Known to be a party to none of them.
    None,
}

impl Group {
    pub fn as_str(self) -> &'static str {
        match self {
            Group::All => "all",
            Group::AllKnown => "all_known",
            Group::Some => "some",
            Group::Unknown => "unknown",
            Group::None => "none",
        }
    }
}

/// One of the events compared.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapEvent {
    pub id: String,
    pub name: String,
    pub start: PartialDate,
    /// The event's list: listed, list, list_as_of, reported, complete.
    #[serde(flatten)]
    pub list: Completeness,
}

/// A party's standing at one event.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Presence {
    /// A party to it (signatory, joined, member, participant).
    In,
    /// Named by its list in another standing (observer, non-signatory).
    NamedNotParty,
    /// Not named by its complete list.
    NotIn,
    /// Not named by its incomplete list.
    Unknown,
}

impl Presence {
    pub fn as_str(self) -> &'static str {
        match self {
            Presence::In => "in",
            Presence::NamedNotParty => "named_not_party",
            Presence::NotIn => "not_in",
            Presence::Unknown => "unknown",
        }
    }
}

/// One party across the events.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapRow {
    pub id: String,
    pub name: String,
    pub kind: PartyKind,
    pub group: Group,
    /// The ids of the events it was a party to.
    #[serde(rename = "in")]
    pub in_events: Vec<String>,
    /// The ids of the events it is known not to have been a party to (named there in another
    /// standing, or absent from a complete list).
    pub not_in: Vec<String>,
    /// Its role at each event whose list names it, by event id (observers and non-signatories
    /// included, so `not_in` can be told apart).
    pub roles_named: std::collections::BTreeMap<String, Role>,
    /// The ids of the events whose incomplete lists do not name it.
    pub unknown: Vec<String>,
    /// Its presence at each event, in the order of `events`.
    #[serde(skip)]
    pub presence: Vec<Presence>,
}

/// `convene overlap`: the parties of several events, grouped by how many they took part in.
#[derive(Debug, Clone, Serialize)]
pub struct OverlapView {
    /// The events, oldest first.
    pub events: Vec<OverlapEvent>,
    /// Only parties of this kind (`--party-kind`), if given.
    pub party_kind: Option<PartyKind>,
    /// True only when every list is complete.
    pub complete: bool,
    /// Parties by group (all, all known, some, unknown, none), then by how many events they
    /// took part in, most first, then by name.
    pub parties: Vec<OverlapRow>,
    /// Parties of the dataset (of `party_kind`) that none of these lists names and that are not
    /// in `parties`: with complete lists they took part in none; otherwise whether they took
    /// part is unknown.
    pub unnamed: usize,
    /// Whether `--none` was given (it lists the unnamed parties only with complete lists).
    #[serde(skip)]
    pub none_asked: bool,
}

impl OverlapView {
    /// How many parties are in each group, in group order.
    pub fn counts(&self) -> Vec<(Group, usize)> {
        let mut counts: Vec<(Group, usize)> = Vec::new();
        for r in &self.parties {
            match counts.last_mut() {
                Some((g, n)) if *g == r.group => *n += 1,
                _ => counts.push((r.group, 1)),
            }
        }
        counts
    }
}

/// Compare the parties of `events` (at least two; any order, shown oldest first).
///
/// The parties listed are those named by at least one of the lists; with `unnamed` and
/// complete lists, also every other party of the dataset (of `kind`), all in "none".
pub fn overlap(
    data: &Dataset,
    events: &[EventId],
    kind: Option<PartyKind>,
    unnamed_wanted: bool,
) -> OverlapView {
    let mut events = events.to_vec();
    events.sort_by_key(|&e| (data.event(e).start.sort_key(), e));
    events.dedup();
    let lists: Vec<Completeness> = events
        .iter()
        .map(|&e| completeness(data, e, None))
        .collect();
    let complete = lists.iter().all(|c| c.complete);
    // The role of every named party at each event: a dense table over the parties named.
    let mut roles_of: rustc_hash::FxHashMap<PartyId, Vec<Option<Role>>> = Default::default();
    for (i, &e) in events.iter().enumerate() {
        for p in data.rows_of(e) {
            if kind.is_some_and(|k| data.party(p.party).kind != k) {
                continue;
            }
            let roles = roles_of
                .entry(p.party)
                .or_insert_with(|| vec![None; events.len()]);
            // A party named twice at one event (a signatory who joined later) keeps the
            // standing that counts.
            if roles[i].is_none_or(|r| !r.is_party()) {
                roles[i] = Some(p.role);
            }
        }
    }
    if complete && unnamed_wanted {
        for id in data.party_ids() {
            if kind.is_none_or(|k| data.party(id).kind == k) {
                roles_of
                    .entry(id)
                    .or_insert_with(|| vec![None; events.len()]);
            }
        }
    }
    let unnamed = data
        .party_ids()
        .filter(|id| kind.is_none_or(|k| data.party(*id).kind == k))
        .filter(|id| !roles_of.contains_key(id))
        .count();
    let ids: Vec<&str> = events.iter().map(|&e| data.event(e).id.as_str()).collect();
    let mut parties: Vec<OverlapRow> = roles_of
        .into_iter()
        .map(|(id, roles)| row(data, id, roles, &lists, &ids))
        .collect();
    parties.sort_by(|a, b| {
        (
            a.group,
            std::cmp::Reverse(a.in_events.len()),
            &a.name,
            &a.id,
        )
            .cmp(&(
                b.group,
                std::cmp::Reverse(b.in_events.len()),
                &b.name,
                &b.id,
            ))
    });
    OverlapView {
        events: events
            .iter()
            .zip(lists)
            .map(|(&e, list)| {
                let ev = data.event(e);
                OverlapEvent {
                    id: ev.id.clone(),
                    name: ev.name.clone(),
                    start: ev.start,
                    list,
                }
            })
            .collect(),
        party_kind: kind,
        complete,
        parties,
        unnamed,
        none_asked: unnamed_wanted,
    }
}

fn row(
    data: &Dataset,
    id: PartyId,
    roles: Vec<Option<Role>>,
    lists: &[Completeness],
    ids: &[&str],
) -> OverlapRow {
    let presence: Vec<Presence> = roles
        .iter()
        .zip(lists)
        .map(|(r, list)| match r {
            Some(r) if r.is_party() => Presence::In,
            Some(_) => Presence::NamedNotParty,
            None if list.complete => Presence::NotIn,
            None => Presence::Unknown,
        })
        .collect();
    let pick = |want: Presence| -> Vec<String> {
        presence
            .iter()
            .zip(ids)
            .filter(|(p, _)| **p == want)
            .map(|(_, id)| id.to_string())
            .collect()
    };
    let mut not_in = pick(Presence::NotIn);
    not_in.extend(pick(Presence::NamedNotParty));
    not_in.sort_by_key(|id| ids.iter().position(|x| x == id));
    let (in_events, unknown) = (pick(Presence::In), pick(Presence::Unknown));
    let roles_named = roles
        .iter()
        .zip(ids)
        .filter_map(|(r, id)| r.map(|r| (id.to_string(), r)))
        .collect();
    let group = match (in_events.len(), not_in.len(), unknown.len()) {
        (i, _, _) if i == ids.len() => Group::All,
        (0, _, 0) => Group::None,
        (0, _, _) => Group::Unknown,
        (_, 0, _) => Group::AllKnown,
        _ => Group::Some,
    };
    let p = data.party(id);
    OverlapRow {
        id: p.id.clone(),
        name: p.name.clone(),
        kind: p.kind,
        group,
        in_events,
        not_in,
        roles_named,
        unknown,
        presence,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::query::resolve;

    fn ids(d: &Dataset, names: &[&str]) -> Vec<EventId> {
        names
            .iter()
            .map(|n| resolve::event(d, n).unwrap())
            .collect()
    }

    #[test]
    fn a_party_absent_from_an_incomplete_list_is_unknown_never_absent() {
        let d = load_embedded().unwrap();
        // Bletchley's list is complete, Paris's is not (15 of 60).
        let v = overlap(&d, &ids(&d, &["bletchley-2023", "paris-2025"]), None, true);
        // Incomplete lists: the parties they do not name are counted, never placed.
        assert!(v.unnamed > 0);
        assert!(!v.complete);
        for r in &v.parties {
            let at_paris = r.presence[1];
            let named_at_paris = r.roles_named.contains_key("paris-2025");
            if !named_at_paris {
                assert_eq!(at_paris, Presence::Unknown, "{}", r.id);
                assert_ne!(r.group, Group::Some, "{}", r.id);
            }
        }
        let gbr = v.parties.iter().find(|r| r.id == "GBR").unwrap();
        // The UK signed Bletchley and refused to sign in Paris.
        assert_eq!(gbr.group, Group::Some);
        assert_eq!(gbr.not_in, ["paris-2025"]);
    }

    #[test]
    fn with_complete_lists_every_party_of_the_kind_is_placed() {
        let d = load_embedded().unwrap();
        let evs = ids(&d, &["seoul-intent-2024", "aisi-network-sf-2024"]);
        let v = overlap(&d, &evs, Some(PartyKind::Country), true);
        assert!(v.complete, "both lists are complete");
        assert_eq!(v.unnamed, 0);
        let countries = d
            .party_ids()
            .filter(|&p| d.party(p).kind == PartyKind::Country)
            .count();
        assert_eq!(v.parties.len(), countries);
        assert!(v.parties.iter().all(|r| r.kind == PartyKind::Country));
        // Groups are in order, and "all" means a party to both.
        assert!(v.parties.windows(2).all(|w| w[0].group <= w[1].group));
        let named_only = overlap(&d, &evs, Some(PartyKind::Country), false);
        assert_eq!(
            named_only.parties.len() + named_only.unnamed,
            countries,
            "without --none the others are counted"
        );
        for r in v.parties.iter().filter(|r| r.group == Group::All) {
            assert_eq!(r.in_events.len(), 2);
        }
    }
}
