//! The view of `convene check`: what a valid dataset holds.

use super::status_counts;
use crate::date::PartialDate;
use crate::model::{Dataset, Role};

/// The counts `convene check` reports for a valid dataset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DatasetSummary {
    pub events: usize,
    pub parties: usize,
    pub participation: usize,
    pub priorities: usize,
    pub priority_links: usize,
    pub sources: usize,
    /// Events whose party list is complete, partial, or not kept.
    pub complete: usize,
    pub partial: usize,
    pub unkept: usize,
}

/// Count what `data` holds.
pub fn dataset_summary(data: &Dataset) -> DatasetSummary {
    let (complete, partial, unkept) = status_counts(data, data.event_ids());
    DatasetSummary {
        events: data.events().len(),
        parties: data.parties().len(),
        participation: data.rows().len(),
        priorities: data.priorities().len(),
        priority_links: data.priority_links().len(),
        sources: data.source_count(),
        complete,
        partial,
        unkept,
    }
}

/// A list of an open instrument (a treaty, commitments, or an event with `joined` rows) last
/// checked more than a year before the newest event in the dataset: others may have joined
/// since, so its list should be checked against its sources again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaleList {
    pub event: String,
    /// The event's line in `events.csv`.
    pub line: u32,
    pub list_as_of: PartialDate,
    /// The start of the newest event.
    pub newest: PartialDate,
}

/// The lists of open instruments whose `list_as_of` ends more than 365 days before the newest
/// event starts, oldest event first.
pub fn stale_lists(data: &Dataset) -> Vec<StaleList> {
    let Some(newest) = data.events().iter().map(|e| e.start).max() else {
        return Vec::new();
    };
    data.event_ids()
        .filter(|&ev| {
            let e = data.event(ev);
            let open = e.stays_open() || data.rows_of(ev).any(|r| r.role == Role::Joined);
            let checked = e.list_as_of().last_day();
            open && (newest.first_day() - checked).num_days() > 365
        })
        .map(|ev| {
            let e = data.event(ev);
            StaleList {
                event: e.id.clone(),
                line: e.line,
                list_as_of: e.list_as_of(),
                newest,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{InputFile, load_files};

    fn dataset(events: &str, participation: &str) -> Dataset {
        let files = [
            ("events.csv", events),
            ("parties.csv", "id,name,kind\nAAA,A,country\n"),
            ("participation.csv", participation),
            ("priorities.csv", "id,name\n"),
            ("event_priorities.csv", "event,priority,source\n"),
        ];
        load_files(
            files
                .iter()
                .map(|(n, s)| InputFile {
                    display: n.to_string(),
                    bytes: s.as_bytes().to_vec(),
                })
                .collect(),
        )
        .unwrap()
    }

    #[test]
    fn an_open_list_checked_over_a_year_before_the_newest_event_is_stale() {
        let ev = "id,name,kind,start,list,list_as_of,source\n\
            t,Treaty,treaty,2023-01-01,complete,2023-06-30,https://x.org/t\n\
            m,Meeting,meeting,2023-02-01,complete,,https://x.org/m\n\
            j,Joinable,meeting,2023-03-01,complete,2024-07-15,https://x.org/j\n\
            late,Late,summit,2024-07-16,complete,,https://x.org/late\n";
        let d = dataset(ev, "event,party,role,date\nj,AAA,joined,2023-06-01\n");
        let stale: Vec<String> = stale_lists(&d).into_iter().map(|s| s.event).collect();
        // the treaty was checked 382 days before; the meeting is not open; j was checked a day
        // before the newest event
        assert_eq!(stale, ["t"]);
    }
}
