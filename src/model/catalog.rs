//! The catalogue: facts about the dataset that the code names rather than the CSV files — the
//! known series (their lane order and display names) and the core events of DESIGN.md.
//!
//! Plain data and lookups over it. It must not draw, print or know about any command; charts,
//! exports and commands all read it from here.

use super::{Dataset, EventId};

/// Series in lane order, with display names. Series the dataset has but this list does not
/// follow, by id, and events in no series come last (as "Other").
pub const SERIES: &[(&str, &str)] = &[
    ("ai-summits", "AI summits"),
    ("aisi-network", "Network of AI Safety Institutes"),
    ("institutes", "National institutes"),
    ("council-of-europe", "Council of Europe"),
    ("united-nations", "United Nations"),
    ("g7-hiroshima", "G7 Hiroshima process"),
];

/// The display name of a series: its name in [`SERIES`], else its id; `None` is "Other".
pub fn series_name(s: Option<&str>) -> String {
    match s {
        None => "Other".to_string(),
        Some(s) => SERIES
            .iter()
            .find(|(id, _)| *id == s)
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|| s.to_string()),
    }
}

/// Series renamed since they began: (id, current name, former name). The Network's renaming
/// is the event `network-renamed-2025` (December 2025, San Diego), with its source.
pub const RENAMED: &[(&str, &str, &str)] = &[(
    "aisi-network",
    "International Network for Advanced AI Measurement, Evaluation and Science",
    "International Network of AI Safety Institutes",
)];

/// A series' current full name and, if it was renamed, its former one. Series never renamed
/// have their [`series_name`] and no former name.
pub fn current_series_name(s: &str) -> (String, Option<String>) {
    match RENAMED.iter().find(|(id, _, _)| *id == s) {
        Some((_, now, before)) => (now.to_string(), Some(before.to_string())),
        None => (series_name(Some(s)), None),
    }
}

/// A sort key putting series in lane order: those of [`SERIES`] in its order, then the
/// others by id, then `None`.
pub fn series_rank(s: Option<&str>) -> (usize, String) {
    match s {
        None => (usize::MAX, String::new()),
        Some(s) => (
            SERIES
                .iter()
                .position(|(id, _)| *id == s)
                .unwrap_or(SERIES.len()),
            s.to_string(),
        ),
    }
}

/// The core events of DESIGN.md, shown in the default membership chart.
pub const CORE_EVENTS: [&str; 9] = [
    "bletchley-2023",
    "seoul-declaration-2024",
    "seoul-intent-2024",
    "seoul-ministerial-2024",
    "coe-ai-convention-2024",
    "aisi-network-sf-2024",
    "paris-2025",
    "network-san-diego-2025",
    "delhi-2026",
];

/// The core events present in a dataset, oldest first.
pub fn core_events(data: &Dataset) -> Vec<EventId> {
    let mut v: Vec<EventId> = CORE_EVENTS
        .iter()
        .filter_map(|id| data.event_by_id(id))
        .collect();
    v.sort_unstable();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_series_come_first_in_catalogue_order_and_unknown_ones_by_id() {
        let mut s = vec![
            None,
            Some("zeta"),
            Some("institutes"),
            Some("alpha"),
            Some("ai-summits"),
        ];
        s.sort_by_key(|s| series_rank(*s));
        assert_eq!(
            s,
            [
                Some("ai-summits"),
                Some("institutes"),
                Some("alpha"),
                Some("zeta"),
                None
            ]
        );
        assert_eq!(
            series_name(Some("aisi-network")),
            "Network of AI Safety Institutes"
        );
        assert_eq!(series_name(Some("alpha")), "alpha");
        assert_eq!(series_name(None), "Other");
    }

    #[test]
    fn the_shipped_dataset_has_every_core_event() {
        let d = crate::load::load_embedded().unwrap();
        assert_eq!(core_events(&d).len(), CORE_EVENTS.len());
    }
}
