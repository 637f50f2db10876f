//! The view of `convene members`, the party row every member list is made of, and the one
//! grouping of members by role.

use super::{Completeness, completeness, in_force, unsure_at};
use crate::date::PartialDate;
use crate::model::{Dataset, EventId, Participation, PartyKind, Role};
use chrono::NaiveDate;
use serde::Serialize;

/// A party in an event: the party object of the JSON outputs.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct PartyRow {
    pub id: String,
    pub name: String,
    pub kind: PartyKind,
    pub role: Role,
    /// When the role began, if not the event's start.
    pub date: Option<PartialDate>,
    /// The URL of the source that names this party in this role.
    pub source: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// The party row of one participation row.
pub fn party_row(data: &Dataset, p: &Participation) -> PartyRow {
    let party = data.party(p.party);
    PartyRow {
        id: party.id.clone(),
        name: party.name.clone(),
        kind: party.kind,
        role: p.role,
        date: p.date,
        source: data.row_source(p).to_string(),
        note: data.row_note(p).map(str::to_string),
    }
}

/// `convene members`: the parties of one event.
#[derive(Debug, Clone, Serialize)]
pub struct MembersView {
    pub event: String,
    pub name: String,
    pub start: PartialDate,
    pub end: Option<PartialDate>,
    pub as_of: Option<NaiveDate>,
    /// The event's list: listed, list, list_as_of, reported, complete.
    #[serde(flatten)]
    pub list: Completeness,
    /// Parties in display order: by role (signatory, joined, member, participant, observer,
    /// non-signatory), then name.
    pub parties: Vec<PartyRow>,
    /// With `as_of`: parties whose row is dated only to a month or year that `as_of` falls in,
    /// so whether they were parties on that day is unknown (they are not in `parties`).
    pub unknown_on_date: Vec<PartyRow>,
    /// With `as_of`: whether `parties` is every party on that day, i.e. the list is complete
    /// and no party's status that day is unknown (`unknown_on_date` is empty).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub complete_on_date: Option<bool>,
    /// With `--party-kind`: only parties of this kind are shown (the list's counts are still
    /// those of the whole list).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub party_kind: Option<PartyKind>,
    /// With `--series S --current`: the series whose latest complete list this is.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub current: Option<super::current::CurrentRoster>,
}

impl MembersView {
    /// Keep only the parties of kind `k`.
    pub fn retain_kind(&mut self, k: PartyKind) {
        self.party_kind = Some(k);
        self.parties.retain(|p| p.kind == k);
        self.unknown_on_date.retain(|p| p.kind == k);
    }
    pub fn completeness(&self) -> &Completeness {
        &self.list
    }
}

/// The parties of `ev` in force at `as_of`, only those of `roles` when it is not empty.
pub fn members(
    data: &Dataset,
    ev: EventId,
    roles: &[Role],
    as_of: Option<NaiveDate>,
) -> MembersView {
    let e = data.event(ev);
    let c = completeness(data, ev, as_of);
    let wanted = |p: &Participation| roles.is_empty() || roles.contains(&p.role);
    let parties = data
        .rows_of(ev)
        .filter(|p| wanted(p) && in_force(data, p, as_of))
        .map(|p| party_row(data, &p))
        .collect();
    let unknown_on_date: Vec<PartyRow> = data
        .rows_of(ev)
        .filter(|p| wanted(p) && unsure_at(p, as_of))
        .map(|p| party_row(data, &p))
        .collect();
    let complete_on_date = as_of.map(|_| c.complete && unknown_on_date.is_empty());
    MembersView {
        event: e.id.clone(),
        name: e.name.clone(),
        start: e.start,
        end: e.end,
        as_of,
        list: c,
        complete_on_date,
        parties,
        unknown_on_date,
        party_kind: None,
        current: None,
    }
}

/// Members grouped by role, in role order: one slice per run of equal roles.
///
/// Every member list is in display order (role, then name; see
/// [`Dataset::rows_of`](crate::model::Dataset::rows_of)), so each role is one run.
pub fn by_role<T>(members: &[T], role: impl Fn(&T) -> Role) -> Vec<(Role, &[T])> {
    members
        .chunk_by(|a, b| role(a) == role(b))
        .map(|run| (role(&run[0]), run))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    fn ids(v: &MembersView) -> Vec<&str> {
        let mut ids: Vec<&str> = v.parties.iter().map(|p| p.id.as_str()).collect();
        ids.sort_unstable();
        ids
    }

    #[test]
    fn san_francisco_members_are_the_ten_founding_members() {
        let d = load_embedded().unwrap();
        let v = members(
            &d,
            d.event_by_id("aisi-network-sf-2024").unwrap(),
            &[],
            None,
        );
        assert_eq!(
            ids(&v),
            [
                "AUS", "CAN", "EU", "FRA", "GBR", "JPN", "KEN", "KOR", "SGP", "USA"
            ]
        );
        assert!(v.list.complete);
    }

    #[test]
    fn as_of_hides_a_party_that_joined_later() {
        let d = load_embedded().unwrap();
        let ev = d.event_by_id("bletchley-2023").unwrap();
        let before = members(&d, ev, &[], NaiveDate::from_ymd_opt(2024, 1, 1));
        let after = members(&d, ev, &[], NaiveDate::from_ymd_opt(2024, 11, 1));
        assert!(!ids(&before).contains(&"NZL"));
        assert!(ids(&after).contains(&"NZL"));
        assert_eq!(after.list.listed, before.list.listed + 1);
    }

    #[test]
    fn bletchley_groups_signatories_before_later_joiners() {
        let d = load_embedded().unwrap();
        let v = members(&d, d.event_by_id("bletchley-2023").unwrap(), &[], None);
        let groups = by_role(&v.parties, |p| p.role);
        let roles: Vec<Role> = groups.iter().map(|(r, _)| *r).collect();
        assert_eq!(roles[..2], [Role::Signatory, Role::Joined]);
        assert_eq!(
            groups.iter().map(|(_, g)| g.len()).sum::<usize>(),
            v.parties.len()
        );
    }
}
