//! The membership view: parties (rows) × events (columns, in the order given), what each cell
//! shows, who hosted, and the totals.
//!
//! Pure: the dataset in, a [`Matrix`] out. Glyphs, column widths and label fitting belong to
//! the renderer (`render::membership`), not here.
//!
//! What the totals count is what the chart shows: a column's total is the number of party
//! cells in it (signatory, member or participant, joined later), in the rows drawn and in the
//! "and N more" line that sums the rows not drawn; a row's total is its party cells. Parties
//! of kinds not asked for are in neither.

use super::chart::{Credit, parties_of};
use super::completeness;
use crate::date::human_span;
use crate::model::{Dataset, EventId, ListStatus, PartyId, PartyKind, Role};

/// What a cell shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cell {
    Party,
    JoinedLater,
    NonSignatory,
    Observer,
    Unknown,
    Absent,
}

impl Cell {
    /// Whether the cell counts in the totals: the party is a party to the event.
    pub fn counts(self) -> bool {
        matches!(self, Cell::Party | Cell::JoinedLater)
    }
}

/// The cell for a party's role in an event (`None`: no row), given whether the event's list
/// is complete: no row in an incomplete list is unknown, not absent.
pub fn cell_for(role: Option<Role>, list_complete: bool) -> Cell {
    match role {
        Some(Role::Signatory | Role::Member | Role::Participant) => Cell::Party,
        Some(Role::Joined) => Cell::JoinedLater,
        Some(Role::NonSignatory) => Cell::NonSignatory,
        Some(Role::Observer) => Cell::Observer,
        None if list_complete => Cell::Absent,
        None => Cell::Unknown,
    }
}

/// What to show: the kinds of party, and which rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spec {
    /// The kinds of party shown and counted.
    pub kinds: Vec<PartyKind>,
    /// Parties party to fewer of the events are not drawn but summed in the "and N more" line;
    /// with 0, parties party to none (present only as non-signatories, observers or hosts)
    /// are drawn too, else they are left out.
    pub min_events: usize,
    /// At most this many rows are drawn (`None`: every row); see [`cut`].
    pub max_rows: Option<usize>,
}

/// The rows `convene chart membership` and `convene render` draw unless told otherwise.
pub const DEFAULT_MAX_ROWS: usize = 40;

impl Default for Spec {
    /// Countries and organisations party to at least one event, every row.
    fn default() -> Self {
        Spec {
            kinds: super::chart::COUNTED_BY_DEFAULT.to_vec(),
            min_events: 1,
            max_rows: None,
        }
    }
}

/// One event of the matrix.
#[derive(Debug, Clone)]
pub struct Column {
    pub event: EventId,
    /// The event's id.
    pub id: String,
    /// The event's label (its short name, else its name).
    pub label: String,
    /// Its date as people write it ("1–2 Nov 2023").
    pub date: String,
    /// Party cells of the kinds shown: those drawn plus `more`.
    pub listed: usize,
    /// Party cells in the rows not drawn (summed in the "and N more" line).
    pub more: usize,
    /// Parties of kinds not shown that are party to the event (not counted).
    pub other_kinds: usize,
    pub list: ListStatus,
    /// The number of parties a source reports, for an incomplete list.
    pub reported: Option<u32>,
    /// The date the list holds as of ("Oct 2024").
    pub as_of: String,
}

impl Column {
    /// The total under the column: "30", "15 of 60" where a source reports more, "8+" where
    /// none says how many (or where the reported count includes kinds not shown), "–" where
    /// no list is kept or an incomplete one names nobody and no count is reported.
    pub fn total(&self) -> String {
        match (self.list, self.reported) {
            (ListStatus::None, _) | (ListStatus::Partial, None) if self.listed == 0 => {
                "–".to_string()
            }
            (ListStatus::Partial | ListStatus::None, Some(r)) if self.other_kinds == 0 => {
                format!("{} of {r}", self.listed)
            }
            (ListStatus::Partial | ListStatus::None, _) => format!("{}+", self.listed),
            (ListStatus::Complete, _) => self.listed.to_string(),
        }
    }
}

/// One party of the matrix.
#[derive(Debug, Clone)]
pub struct Row {
    pub party: PartyId,
    pub name: String,
    pub id: String,
    pub kind: PartyKind,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// One per column: the party hosted the event.
    pub hosted: Vec<bool>,
    /// Events in which the party is a party (its cells that [`Cell::counts`]).
    pub total: usize,
}

/// The rows not drawn, summed: how many, how many events each was party to, and their party
/// cells per column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct More {
    pub parties: usize,
    /// The fewest and the most events one of them was party to.
    pub fewest: usize,
    pub most: usize,
    /// Party cells per column.
    pub cells: Vec<usize>,
}

/// The matrix as data: columns, rows (most events first, then by name), cells. Tests read it.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub columns: Vec<Column>,
    /// The rows drawn.
    pub rows: Vec<Row>,
    /// The rows not drawn (below `min_events` or past `max_rows`), if any.
    pub more: Option<More>,
    pub spec: Spec,
    /// Parties of the kinds shown that are in the events' lists (or hosted them) but party
    /// to none of them, left out because `min_events` is at least 1.
    pub left_out: usize,
    /// Parties of kinds not shown that are party to any of the events.
    pub other_kinds: usize,
    pub credit: Credit,
}

impl Matrix {
    /// Whether any cell drawn shows `c`.
    pub fn shows(&self, c: Cell) -> bool {
        self.rows.iter().flat_map(|r| &r.cells).any(|x| *x == c)
    }
    /// Whether any row drawn is marked as a host.
    pub fn shows_hosts(&self) -> bool {
        self.rows.iter().flat_map(|r| &r.hosted).any(|h| *h)
    }
    /// Every party the matrix counts: the rows drawn and those summed in the "and N more" line.
    pub fn parties(&self) -> usize {
        self.rows.len() + self.more.as_ref().map_or(0, |m| m.parties)
    }
}

/// The matrix of the events with the default [`Spec`], but for `min_events`.
pub fn matrix(data: &Dataset, events: &[EventId], min_events: usize) -> Matrix {
    matrix_of(
        data,
        events,
        &Spec {
            min_events,
            ..Spec::default()
        },
    )
}

/// The matrix of the events: a row per party of the kinds asked for that is in any of the
/// events' lists or hosted one of them.
pub fn matrix_of(data: &Dataset, events: &[EventId], spec: &Spec) -> Matrix {
    let complete: Vec<bool> = events
        .iter()
        .map(|&e| completeness(data, e, None).complete)
        .collect();
    let role = |e: EventId, p: PartyId| data.rows_of(e).find(|r| r.party == p).map(|r| r.role);
    let mut candidates = parties_of(data, events);
    candidates.extend(
        events
            .iter()
            .flat_map(|&e| data.event(e).hosts.iter().copied()),
    );
    candidates.sort_unstable();
    candidates.dedup();
    let (candidates, other): (Vec<PartyId>, Vec<PartyId>) = candidates
        .into_iter()
        .partition(|&p| spec.kinds.contains(&data.party(p).kind));
    let other_kinds = other
        .iter()
        .filter(|&&p| {
            events
                .iter()
                .any(|&e| role(e, p).is_some_and(|r| r.is_party()))
        })
        .count();
    let mut rows: Vec<Row> = candidates
        .into_iter()
        .map(|p| {
            let cells: Vec<Cell> = events
                .iter()
                .zip(&complete)
                .map(|(&e, &c)| cell_for(role(e, p), c))
                .collect();
            let party = data.party(p);
            Row {
                party: p,
                name: party.name.clone(),
                id: party.id.clone(),
                kind: party.kind,
                total: cells.iter().filter(|c| c.counts()).count(),
                hosted: events
                    .iter()
                    .map(|&e| data.event(e).hosts.contains(&p))
                    .collect(),
                cells,
            }
        })
        .collect();
    let before = rows.len();
    if spec.min_events > 0 {
        rows.retain(|r| r.total > 0);
    }
    let left_out = before - rows.len();
    rows.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| crate::text::fold(&a.name).cmp(&crate::text::fold(&b.name)))
            .then_with(|| a.id.cmp(&b.id))
    });
    let mut kept = rows
        .iter()
        .take_while(|r| r.total >= spec.min_events)
        .count();
    if let Some(max) = spec.max_rows {
        kept = cut(&rows[..kept], max);
    }
    let hidden = rows.split_off(kept);
    let more = summarise(&hidden, events.len());
    let columns = events
        .iter()
        .enumerate()
        .map(|(j, &e)| {
            let ev = data.event(e);
            let drawn = rows.iter().filter(|r| r.cells[j].counts()).count();
            let more = more.as_ref().map_or(0, |m| m.cells[j]);
            Column {
                event: e,
                id: ev.id.clone(),
                label: ev.label().to_string(),
                date: human_span(&ev.start, ev.end.as_ref()),
                listed: drawn + more,
                more,
                other_kinds: other
                    .iter()
                    .filter(|&&p| role(e, p).is_some_and(|r| r.is_party()))
                    .count(),
                list: ev.list.status,
                reported: ev.list.reported,
                as_of: human_span(&ev.list_as_of(), None),
            }
        })
        .collect();
    let mut kinds = spec.kinds.clone();
    kinds.sort();
    kinds.dedup();
    Matrix {
        columns,
        rows,
        more,
        spec: Spec {
            kinds,
            ..spec.clone()
        },
        left_out,
        other_kinds,
        credit: Credit::of(data),
    }
}

/// How many of `rows` (sorted, most events first) to draw when at most `max` may be: all of
/// them if they fit, else as many as fit without parting two parties with the same number of
/// events (so that a reader never sees one half of a tie and not the other), unless even the
/// first group is more than `max`, which is then cut at `max`. `max` 0 draws every row.
pub fn cut(rows: &[Row], max: usize) -> usize {
    if max == 0 || rows.len() <= max {
        return rows.len();
    }
    match (1..=max)
        .rev()
        .find(|&k| rows[k - 1].total != rows[k].total)
    {
        Some(k) => k,
        None => max,
    }
}

fn summarise(hidden: &[Row], columns: usize) -> Option<More> {
    if hidden.is_empty() {
        return None;
    }
    Some(More {
        parties: hidden.len(),
        fewest: hidden.iter().map(|r| r.total).min().unwrap_or(0),
        most: hidden.iter().map(|r| r.total).max().unwrap_or(0),
        cells: (0..columns)
            .map(|j| hidden.iter().filter(|r| r.cells[j].counts()).count())
            .collect(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;
    use crate::model::catalog::core_events;

    #[test]
    fn rows_count_their_party_cells_and_unknowns_only_sit_in_incomplete_lists() {
        let d = load_embedded().unwrap();
        let core = core_events(&d);
        let m = matrix(&d, &core, 2);
        assert_eq!(m.columns.len(), core.len());
        let more = m
            .more
            .as_ref()
            .expect("some parties are in fewer than 2 core events");
        assert!(more.most < 2 && more.fewest >= 1, "{more:?}");
        for r in &m.rows {
            assert!(r.total >= 2, "{}", r.id);
            assert_eq!(r.total, r.cells.iter().filter(|c| c.counts()).count());
            for (c, col) in r.cells.iter().zip(&m.columns) {
                if *c == Cell::Unknown {
                    assert!(!completeness(&d, col.event, None).complete, "{}", col.label);
                }
            }
        }
        assert!(m.rows.windows(2).all(|w| w[0].total >= w[1].total));
    }

    #[test]
    fn column_totals_are_the_party_cells_drawn_and_summed() {
        let d = load_embedded().unwrap();
        let core = core_events(&d);
        for max_rows in [None, Some(5), Some(30), Some(1)] {
            let m = matrix_of(
                &d,
                &core,
                &Spec {
                    max_rows,
                    ..Spec::default()
                },
            );
            for (j, c) in m.columns.iter().enumerate() {
                let drawn = m.rows.iter().filter(|r| r.cells[j].counts()).count();
                assert_eq!(c.listed, drawn + c.more, "{} {max_rows:?}", c.label);
                // Every country and organisation listed as a party is counted, drawn or not.
                let listed = d
                    .rows_of(c.event)
                    .filter(|r| r.role.is_party() && d.party(r.party).kind != PartyKind::Company)
                    .count();
                assert_eq!(c.listed, listed, "{}", c.label);
            }
            if let Some(max) = max_rows {
                assert!(m.rows.len() <= max);
            }
        }
    }

    #[test]
    fn a_cut_never_parts_a_tie_unless_the_first_group_is_too_big() {
        let d = load_embedded().unwrap();
        let m = matrix(&d, &core_events(&d), 1);
        let totals: Vec<usize> = m.rows.iter().map(|r| r.total).collect();
        for max in 1..totals.len() {
            let k = cut(&m.rows, max);
            assert!(k <= max && k > 0, "{max}: {k}");
            let first_group = totals.iter().take_while(|&&t| t == totals[0]).count();
            if first_group <= max {
                assert_ne!(totals[k - 1], totals[k], "max {max} parts a tie at {k}");
            }
        }
        assert_eq!(cut(&m.rows, 0), m.rows.len());
    }

    #[test]
    fn a_total_says_of_how_many_only_when_the_count_is_of_the_kinds_shown() {
        let col = |list, reported, listed, other_kinds| Column {
            event: EventId::new(0),
            id: String::new(),
            label: String::new(),
            date: String::new(),
            listed,
            more: 0,
            other_kinds,
            list,
            reported,
            as_of: String::new(),
        };
        assert_eq!(col(ListStatus::Complete, None, 30, 0).total(), "30");
        assert_eq!(col(ListStatus::Complete, None, 0, 0).total(), "0");
        assert_eq!(
            col(ListStatus::Partial, Some(60), 15, 0).total(),
            "15 of 60"
        );
        // The 20 reported include the companies not shown: at least 1, not 1 of 20.
        assert_eq!(col(ListStatus::Partial, Some(20), 1, 15).total(), "1+");
        assert_eq!(col(ListStatus::Partial, None, 9, 0).total(), "9+");
        assert_eq!(col(ListStatus::Partial, None, 0, 0).total(), "–");
        assert_eq!(col(ListStatus::None, Some(193), 0, 0).total(), "–");
    }

    #[test]
    fn hosts_are_marked_and_parties_party_to_none_are_left_out() {
        let d = load_embedded().unwrap();
        let core = core_events(&d);
        let m = matrix(&d, &core, 1);
        let delhi = core
            .iter()
            .position(|&e| d.event(e).id == "delhi-2026")
            .unwrap();
        let india = m.rows.iter().find(|r| r.id == "IND").unwrap();
        assert!(india.hosted[delhi]);
        for r in &m.rows {
            assert!(r.total >= 1, "{}", r.id);
            for (j, &e) in core.iter().enumerate() {
                assert_eq!(r.hosted[j], d.event(e).hosts.contains(&r.party));
            }
        }
        assert!(
            m.left_out > 0,
            "the organisations present only as non-signatories"
        );
        let all = matrix(&d, &core, 0);
        assert_eq!(all.rows.len(), m.rows.len() + m.left_out);
    }
}
