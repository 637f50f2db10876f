//! The view of `convene diff A B`: how participation changed between two events.
//!
//! A party is *joined* (in B, not A), *left* (in A, not B), *stayed* (a party to both) or
//! *changed* (present at both but in a different standing: a signatory at A and a
//! non-signatory at B). Signatory, joined, member and participant are one standing: a
//! Statement of Intent signatory who became a Network member stayed.
//!
//! Truth rule: absence from an incomplete list is unknown, never a departure. A party of A that
//! B's incomplete list does not name goes to `unknown_in_b`, not `left`; likewise for A.

use super::{Completeness, PartyRow, completeness, party_row};
use crate::model::{Dataset, EventId, PartyKind, Role};
use serde::Serialize;

/// A party present at both events in a different standing.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Changed {
    #[serde(flatten)]
    pub party: PartyRow,
    pub from_role: Role,
    pub to_role: Role,
}

/// One side of a diff.
#[derive(Debug, Clone, Serialize)]
pub struct Side {
    pub id: String,
    pub name: String,
    /// This side's list: listed, list, list_as_of, reported, complete.
    #[serde(flatten)]
    pub list: Completeness,
}

impl Side {
    /// The completeness of this side's list.
    pub fn completeness(&self) -> &Completeness {
        &self.list
    }
}

/// What changed between two events' party lists.
#[derive(Debug, Clone, Serialize)]
pub struct DiffView {
    /// Id of event A.
    pub a: String,
    /// Id of event B.
    pub b: String,
    pub joined: Vec<PartyRow>,
    pub left: Vec<PartyRow>,
    /// Parties of both events in the same standing; `from_role`/`to_role` give both roles.
    pub stayed: Vec<Changed>,
    pub changed: Vec<Changed>,
    /// Parties of A that B's incomplete list does not name: whether they took part in B is unknown.
    pub unknown_in_b: Vec<PartyRow>,
    /// Parties of B that A's incomplete list does not name.
    pub unknown_in_a: Vec<PartyRow>,
    /// True only when both lists are complete.
    pub complete: bool,
    pub events: Sides,
    /// With `--party-kind`: only parties of this kind are compared.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party_kind: Option<PartyKind>,
    /// With `--only`: the sections kept (the others are empty, not zero).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub only: Vec<Section>,
}

/// A section of a diff, for `--only`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Section {
    Joined,
    Left,
    Changed,
    Stayed,
    /// Both unknown sections: unknown in A and unknown in B.
    Unknown,
}

impl Section {
    pub const ALL: &'static [Section] = &[
        Section::Joined,
        Section::Left,
        Section::Changed,
        Section::Stayed,
        Section::Unknown,
    ];
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Joined => "joined",
            Section::Left => "left",
            Section::Changed => "changed",
            Section::Stayed => "stayed",
            Section::Unknown => "unknown",
        }
    }
}

impl DiffView {
    /// Keep only the parties of kind `k`.
    pub fn retain_kind(&mut self, k: PartyKind) {
        self.party_kind = Some(k);
        for list in [
            &mut self.joined,
            &mut self.left,
            &mut self.unknown_in_a,
            &mut self.unknown_in_b,
        ] {
            list.retain(|p| p.kind == k);
        }
        for list in [&mut self.changed, &mut self.stayed] {
            list.retain(|c| c.party.kind == k);
        }
    }

    /// Keep only the sections given (all of them when `only` is empty).
    pub fn retain_sections(&mut self, only: &[Section]) {
        if only.is_empty() {
            return;
        }
        self.only = Section::ALL
            .iter()
            .copied()
            .filter(|s| only.contains(s))
            .collect();
        let keep = |s| only.contains(&s);
        if !keep(Section::Joined) {
            self.joined.clear();
        }
        if !keep(Section::Left) {
            self.left.clear();
        }
        if !keep(Section::Changed) {
            self.changed.clear();
        }
        if !keep(Section::Stayed) {
            self.stayed.clear();
        }
        if !keep(Section::Unknown) {
            self.unknown_in_a.clear();
            self.unknown_in_b.clear();
        }
    }

    /// Whether a section is shown.
    pub fn shows(&self, s: Section) -> bool {
        self.only.is_empty() || self.only.contains(&s)
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Sides {
    pub a: Side,
    pub b: Side,
}

/// Standing of a role for comparison.
fn standing(r: Role) -> u8 {
    match r {
        Role::Signatory | Role::Joined | Role::Member | Role::Participant => 0,
        Role::Observer => 1,
        Role::NonSignatory => 2,
    }
}

/// Compare the parties of event `a` with those of event `b`.
pub fn diff(data: &Dataset, a: EventId, b: EventId) -> DiffView {
    let ca = completeness(data, a, None);
    let cb = completeness(data, b, None);
    let rows = |ev: EventId| data.rows_of(ev).collect::<Vec<_>>();
    let (ra, rb) = (rows(a), rows(b));
    let mut v = DiffView {
        a: data.event(a).id.clone(),
        b: data.event(b).id.clone(),
        joined: vec![],
        left: vec![],
        stayed: vec![],
        changed: vec![],
        unknown_in_b: vec![],
        unknown_in_a: vec![],
        complete: ca.complete && cb.complete,
        events: Sides {
            a: Side {
                id: data.event(a).id.clone(),
                name: data.event(a).name.clone(),
                list: ca.clone(),
            },
            b: Side {
                id: data.event(b).id.clone(),
                name: data.event(b).name.clone(),
                list: cb.clone(),
            },
        },
        party_kind: None,
        only: Vec::new(),
    };
    for pa in &ra {
        match rb.iter().find(|pb| pb.party == pa.party) {
            Some(pb) if standing(pa.role) == standing(pb.role) => v.stayed.push(Changed {
                party: party_row(data, pb),
                from_role: pa.role,
                to_role: pb.role,
            }),
            Some(pb) => v.changed.push(Changed {
                party: party_row(data, pb),
                from_role: pa.role,
                to_role: pb.role,
            }),
            None if cb.complete => v.left.push(party_row(data, pa)),
            None => v.unknown_in_b.push(party_row(data, pa)),
        }
    }
    for pb in &rb {
        if ra.iter().any(|pa| pa.party == pb.party) {
            continue;
        }
        if ca.complete {
            v.joined.push(party_row(data, pb))
        } else {
            v.unknown_in_a.push(party_row(data, pb))
        }
    }
    let by_name = |x: &PartyRow, y: &PartyRow| (&x.name, &x.id).cmp(&(&y.name, &y.id));
    for list in [
        &mut v.joined,
        &mut v.left,
        &mut v.unknown_in_a,
        &mut v.unknown_in_b,
    ] {
        list.sort_by(by_name);
    }
    for list in [&mut v.changed, &mut v.stayed] {
        list.sort_by(|x, y| by_name(&x.party, &y.party));
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    fn ids(v: &[PartyRow]) -> Vec<&str> {
        let mut ids: Vec<&str> = v.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn statement_of_intent_to_san_francisco_kenya_joined_germany_and_italy_left() {
        let d = load_embedded().unwrap();
        let v = diff(
            &d,
            d.event_by_id("seoul-intent-2024").unwrap(),
            d.event_by_id("aisi-network-sf-2024").unwrap(),
        );
        assert_eq!(ids(&v.joined), ["KEN"]);
        assert_eq!(ids(&v.left), ["DEU", "ITA"]);
        assert_eq!(v.stayed.len(), 9);
        assert!(v.changed.is_empty());
        assert!(v.complete);
    }

    #[test]
    fn diff_reports_role_change_when_signatory_becomes_non_signatory() {
        let d = load_embedded().unwrap();
        let v = diff(
            &d,
            d.event_by_id("bletchley-2023").unwrap(),
            d.event_by_id("paris-2025").unwrap(),
        );
        let changed: Vec<(&str, Role, Role)> = v
            .changed
            .iter()
            .map(|c| (c.party.id.as_str(), c.from_role, c.to_role))
            .collect();
        assert_eq!(
            changed,
            [
                ("GBR", Role::Signatory, Role::NonSignatory),
                ("USA", Role::Signatory, Role::NonSignatory)
            ]
        );
        assert!(!v.complete);
        assert!(
            v.left.is_empty(),
            "absence from Paris's partial list is not a departure"
        );
        assert!(ids(&v.unknown_in_b).contains(&"KEN"));
    }

    #[test]
    fn diff_of_an_event_with_itself_has_no_changes() {
        let d = load_embedded().unwrap();
        for ev in d.event_ids() {
            let v = diff(&d, ev, ev);
            assert!(v.joined.is_empty() && v.left.is_empty() && v.changed.is_empty());
            assert!(v.unknown_in_a.is_empty() && v.unknown_in_b.is_empty());
            assert_eq!(v.stayed.len(), d.rows_of(ev).len());
        }
    }
}
