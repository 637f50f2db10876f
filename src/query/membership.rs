//! The membership view: parties (rows) × events (columns, in the order given), what each cell
//! shows, and the totals.
//!
//! Pure: the dataset in, a [`Matrix`] out. Glyphs, column widths and label fitting belong to
//! the renderer (`render::membership`), not here.

use super::chart::{Credit, parties_of};
use super::completeness;
use crate::date::human_span;
use crate::model::{Dataset, EventId, PartyId, Role};

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

/// One event of the matrix.
#[derive(Debug, Clone)]
pub struct Column {
    pub event: EventId,
    /// The event's label (its short name, else its name).
    pub label: String,
    /// Its date as people write it ("1–2 Nov 2023").
    pub date: String,
    /// Parties listed: "30", or "15 of 60" where a source reports more.
    pub total: String,
    /// The date the list holds as of ("Oct 2024").
    pub as_of: String,
}

/// One party of the matrix.
#[derive(Debug, Clone)]
pub struct Row {
    pub party: PartyId,
    pub name: String,
    pub id: String,
    /// One cell per column.
    pub cells: Vec<Cell>,
    /// Events in which the party is a party (signatory, joined, member, participant).
    pub total: usize,
}

/// The matrix as data: columns, rows (most events first, then by name), cells. Tests read it.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub columns: Vec<Column>,
    pub rows: Vec<Row>,
    /// The threshold rows were filtered by, and how many it left out.
    pub min_events: usize,
    pub hidden_rows: usize,
    pub credit: Credit,
}

impl Matrix {
    /// Whether any cell shows `c`.
    pub fn shows(&self, c: Cell) -> bool {
        self.rows.iter().flat_map(|r| &r.cells).any(|x| *x == c)
    }
}

/// The matrix of the events, leaving out parties that are a party to fewer than `min_events`.
pub fn matrix(data: &Dataset, events: &[EventId], min_events: usize) -> Matrix {
    let complete: Vec<bool> = events
        .iter()
        .map(|&e| completeness(data, e, None).complete)
        .collect();
    let role = |e: EventId, p: PartyId| data.rows_of(e).find(|r| r.party == p).map(|r| r.role);
    let mut rows: Vec<Row> = parties_of(data, events)
        .into_iter()
        .map(|p| {
            let cells: Vec<Cell> = events
                .iter()
                .zip(&complete)
                .map(|(&e, &c)| cell_for(role(e, p), c))
                .collect();
            let total = cells
                .iter()
                .filter(|c| matches!(c, Cell::Party | Cell::JoinedLater))
                .count();
            let party = data.party(p);
            Row {
                party: p,
                name: party.name.clone(),
                id: party.id.clone(),
                cells,
                total,
            }
        })
        .collect();
    let before = rows.len();
    rows.retain(|r| r.total >= min_events);
    let hidden_rows = before - rows.len();
    rows.sort_by(|a, b| {
        b.total
            .cmp(&a.total)
            .then_with(|| crate::text::fold(&a.name).cmp(&crate::text::fold(&b.name)))
    });
    let columns = events
        .iter()
        .map(|&e| {
            let ev = data.event(e);
            Column {
                event: e,
                label: ev.label().to_string(),
                date: human_span(&ev.start, ev.end.as_ref()),
                total: completeness(data, e, None).short(),
                as_of: human_span(&ev.list_as_of(), None),
            }
        })
        .collect();
    Matrix {
        columns,
        rows,
        min_events,
        hidden_rows,
        credit: Credit::of(data),
    }
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
        assert!(
            m.hidden_rows > 0,
            "some parties are in fewer than 2 core events"
        );
        for r in &m.rows {
            assert!(r.total >= 2, "{}", r.id);
            let party = r
                .cells
                .iter()
                .filter(|c| matches!(c, Cell::Party | Cell::JoinedLater))
                .count();
            assert_eq!(r.total, party, "{}", r.id);
            for (c, col) in r.cells.iter().zip(&m.columns) {
                if *c == Cell::Unknown {
                    assert!(!completeness(&d, col.event, None).complete, "{}", col.label);
                }
            }
        }
        assert!(m.rows.windows(2).all(|w| w[0].total >= w[1].total));
    }
}
