//! Event filters: [`FilterSpec`] holds the filter values as the user gave them (names, not
//! indices); [`plan`] resolves them into a checked [`EventFilter`]; [`events`] applies it.
//!
//! Knows nothing of the command line: the CLI fills a `FilterSpec` from its own arguments.

use super::resolve;
use crate::date::PartialDate;
use crate::error::{Error, Result};
use crate::model::{Dataset, EventId, EventKind, PartyId, PriorityId};

/// Filters of `convene events` (and later of the charts and exports).
#[derive(Debug, Clone, Default)]
pub struct EventFilter {
    pub kinds: Vec<EventKind>,
    pub series: Option<String>,
    pub party: Option<PartyId>,
    pub priority: Option<PriorityId>,
    /// Keep events that end on or after this date.
    pub from: Option<PartialDate>,
    /// Keep events that start on or before this date.
    pub to: Option<PartialDate>,
}

impl EventFilter {
    pub fn matches(&self, data: &Dataset, ev: EventId) -> bool {
        let e = data.event(ev);
        if !self.kinds.is_empty() && !self.kinds.contains(&e.kind) {
            return false;
        }
        if let Some(s) = &self.series
            && e.series.as_deref() != Some(s.as_str())
        {
            return false;
        }
        if let Some(p) = self.party
            && !e.hosts.contains(&p)
            && !data.rows_of(ev).any(|r| r.party == p)
        {
            return false;
        }
        if let Some(pr) = self.priority
            && !data.priorities_of(ev).any(|l| l.priority == pr)
        {
            return false;
        }
        if let Some(f) = &self.from
            && e.last().last_day() < f.first_day()
        {
            return false;
        }
        if let Some(t) = &self.to
            && e.start.first_day() > t.last_day()
        {
            return false;
        }
        true
    }
}

/// Events matching a filter, oldest first.
pub fn events(data: &Dataset, filter: &EventFilter) -> Vec<EventId> {
    data.event_ids()
        .filter(|&e| filter.matches(data, e))
        .collect()
}

/// The event filters as typed: a series, priority area or party by name, still unresolved.
#[derive(Debug, Clone, Copy, Default)]
pub struct FilterSpec<'a> {
    pub kinds: &'a [EventKind],
    pub series: Option<&'a str>,
    pub priority: Option<&'a str>,
    /// `None` for the charts, where `--party` highlights instead of filtering.
    pub party: Option<&'a str>,
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
        series: spec.series.map(|s| resolve::series(data, s)).transpose()?,
        priority: spec
            .priority
            .map(|p| resolve::priority(data, p))
            .transpose()?,
        party: spec.party.map(|p| resolve::party(data, p)).transpose()?,
        from: spec.from,
        to: spec.to,
    })
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
        let spec = FilterSpec {
            series: Some("nope"),
            party: Some("nobody at all"),
            ..Default::default()
        };
        let err = plan(&d, &spec).unwrap_err().to_string();
        assert!(err.starts_with("unknown series"), "{err}");
    }
}
