//! Event filters: [`FilterSpec`] holds the filter values as the user gave them (names, not
//! indices); [`plan`] resolves them into a checked [`EventFilter`]; [`events`] applies it.
//!
//! Knows nothing of the command line: the CLI fills a `FilterSpec` from its own arguments.

use super::resolve;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::model::{Dataset, EventId, EventKind, PartyId, PartyKind, PriorityId};

/// Filters of `convene events`, the charts and the exports. Each list keeps an event that
/// matches any of its values; the filters together keep an event that passes all of them.
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub kinds: Vec<EventKind>,
    pub series: Vec<String>,
    /// Events one of these parties took part in (any role) or hosted.
    pub party: Vec<PartyId>,
    /// Events a party of this kind took part in or hosted.
    pub party_kind: Option<PartyKind>,
    pub priority: Vec<PriorityId>,
    /// Keep events that end on or after this date.
    pub from: Option<PartialDate>,
    /// Keep events that start on or before this date.
    pub to: Option<PartialDate>,
}

impl EventFilter {
    pub fn matches(&self, data: &Dataset, ev: EventId) -> bool {
        // Kind and dates first: they need no whole event (from a snapshot, none is decoded).
        let (kind, start, end) = data.event_head(ev);
        if !self.kinds.is_empty() && !self.kinds.contains(&kind) {
            return false;
        }
        if let Some(f) = &self.from
            && end.unwrap_or(start).last_day() < f.first_day()
        {
            return false;
        }
        if let Some(t) = &self.to
            && start.first_day() > t.last_day()
        {
            return false;
        }
        let e = data.event(ev);
        if !self.series.is_empty() && !e.series.as_ref().is_some_and(|s| self.series.contains(s)) {
            return false;
        }
        if !self.party.is_empty()
            && !e.hosts.iter().any(|h| self.party.contains(h))
            && !data.rows_of(ev).any(|r| self.party.contains(&r.party))
        {
            return false;
        }
        if let Some(k) = self.party_kind
            && !e.hosts.iter().any(|&h| data.party(h).kind == k)
            && !data.rows_of(ev).any(|r| data.party(r.party).kind == k)
        {
            return false;
        }
        if !self.priority.is_empty()
            && !data
                .priorities_of(ev)
                .any(|l| self.priority.contains(&l.priority))
        {
            return false;
        }
        true
    }
}

/// Events matching a filter, oldest first. The candidates are narrowed first, so that the
/// cost follows the answer where the filter allows: with `--party`, only the parties' own
/// events and those they host (from their indexes); with `--to`, only the events that start
/// by then (events are sorted by start: a binary search).
pub fn events(data: &Dataset, filter: &EventFilter) -> Vec<EventId> {
    if !filter.party.is_empty() {
        let mut candidates: Vec<EventId> = filter
            .party
            .iter()
            .flat_map(|&p| data.events_of(p).map(|r| r.event).chain(data.hosted_by(p)))
            .collect();
        candidates.sort_unstable();
        candidates.dedup();
        candidates.retain(|&e| filter.matches(data, e));
        return candidates;
    }
    let end = match &filter.to {
        None => data.event_count(),
        Some(t) => {
            // The first event that starts after `to`.
            let last = t.last_day();
            let (mut lo, mut hi) = (0, data.event_count());
            while lo < hi {
                let mid = lo + (hi - lo) / 2;
                if data.event_head(EventId::new(mid)).1.first_day() <= last {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            lo
        }
    };
    (0..end)
        .map(EventId::new)
        .filter(|&e| filter.matches(data, e))
        .collect()
}

/// The event filters as typed: a series, priority area or party by name, still unresolved.
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterSpec<'a> {
    pub kinds: &'a [EventKind],
    pub series: &'a [String],
    pub priority: &'a [String],
    /// Empty for the charts, where `--party` highlights instead of filtering. A value that
    /// names no party but holds commas is a list of parties ("GBR,FRA"); one that names a
    /// party is that party ("Korea, Republic of").
    pub party: &'a [String],
    pub party_kind: Option<PartyKind>,
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
}

/// Resolve filter values against the dataset: an unknown series, priority area or party is an
/// error, reported in that order.
pub fn plan(data: &Dataset, spec: &FilterSpec) -> Result<EventFilter> {
    if let (Some(from), Some(to)) = (spec.from, spec.to)
        && to.last_day() < from.first_day()
    {
        return Err(Error::Usage(format!(
            "--from {from} is after --to {to}: no event can match; swap them?"
        )));
    }
    Ok(EventFilter {
        kinds: spec.kinds.to_vec(),
        series: spec
            .series
            .iter()
            .map(|s| resolve::series(data, s))
            .collect::<Result<_>>()?,
        priority: spec
            .priority
            .iter()
            .map(|p| resolve::priority(data, p))
            .collect::<Result<_>>()?,
        party: parties(data, spec.party)?,
        party_kind: spec.party_kind,
        from: spec.from,
        to: spec.to,
    })
}

/// The parties of `--party` values: each a party, or a comma-separated list of them.
fn parties(data: &Dataset, values: &[String]) -> Result<Vec<PartyId>> {
    let mut out = Vec::new();
    for v in values {
        match resolve::party(data, v) {
            Ok(p) => out.push(p),
            Err(e) if !v.contains(',') => return Err(e),
            Err(_) => {
                for part in v.split(',').map(str::trim).filter(|p| !p.is_empty()) {
                    out.push(resolve::party(data, part)?);
                }
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    #[test]
    fn filters_combine() {
        let d = load_embedded().unwrap();
        let f = EventFilter {
            kinds: vec![EventKind::Summit],
            from: PartialDate::parse("2025").ok(),
            ..Default::default()
        };
        let got: Vec<&str> = events(&d, &f)
            .iter()
            .map(|&i| d.event(i).id.as_str())
            .collect();
        assert_eq!(got, ["paris-2025", "delhi-2026"]);
    }

    #[test]
    fn an_unknown_series_is_reported_before_an_unknown_party() {
        let d = load_embedded().unwrap();
        let (series, party) = (["nope".to_string()], ["nobody at all".to_string()]);
        let spec = FilterSpec {
            series: &series,
            party: &party,
            ..Default::default()
        };
        let err = plan(&d, &spec).unwrap_err().to_string();
        assert!(err.starts_with("unknown series"), "{err}");
    }

    #[test]
    fn a_party_list_is_split_on_commas_unless_one_party_has_that_name() {
        let d = load_embedded().unwrap();
        let ids = |v: &str| {
            parties(&d, &[v.to_string()])
                .unwrap()
                .iter()
                .map(|&p| d.party(p).id.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(ids("Korea, Republic of"), ["KOR"]);
        assert_eq!(ids("GBR,FRA"), ["GBR", "FRA"]);
        assert_eq!(ids("kenya, south korea"), ["KEN", "KOR"]);
        assert!(parties(&d, &["GBR,nobody at all".to_string()]).is_err());
    }
}
