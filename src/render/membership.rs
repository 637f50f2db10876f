//! The membership chart: parties (rows) × events (columns, in date order), a glyph per role,
//! grey cells where an event's list is incomplete (so participation is unknown), and totals.

use super::font;
use super::paint::*;
use super::style::{human_span, okabe_ito};
use crate::model::{Dataset, EventIx, PartyIx, Role};
use crate::query::completeness;

#[derive(Debug, Clone, Default)]
pub struct MembershipOptions {
    pub title: Option<String>,
    /// Leave out parties in fewer than this many of the events (as a party).
    pub min_events: usize,
}

const ROW_H: f64 = 18.0;
/// Narrowest column; columns widen to fit their widest header line.
const MIN_COL_W: f64 = 86.0;
const TEXT_PX: f64 = 11.5;
const HEAD_PX: f64 = 11.0;

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

/// The matrix as data: rows, columns, cells. Pure; tests read it.
#[derive(Debug, Clone)]
pub struct Matrix {
    pub events: Vec<EventIx>,
    pub parties: Vec<PartyIx>,
    pub cells: Vec<Vec<Cell>>,
    /// Per row: events in which the party is a party (signatory, joined, member, participant).
    pub row_totals: Vec<usize>,
    /// Per column: "30" or "15 of 60".
    pub col_totals: Vec<String>,
    pub hidden_rows: usize,
}

pub fn matrix(data: &Dataset, events: &[EventIx], min_events: usize) -> Matrix {
    let complete: Vec<bool> = events
        .iter()
        .map(|&e| completeness(data, e, None).complete)
        .collect();
    let parties = super::parties_of(data, events);
    let role = |e: EventIx, p: PartyIx| {
        data.by_event[e]
            .iter()
            .map(|&i| &data.participation[i])
            .find(|r| r.party == p)
            .map(|r| r.role)
    };
    let mut rows: Vec<(PartyIx, Vec<Cell>, usize)> = parties
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
            (p, cells, total)
        })
        .collect();
    let before = rows.len();
    rows.retain(|r| r.2 >= min_events);
    let hidden_rows = before - rows.len();
    rows.sort_by(|a, b| {
        b.2.cmp(&a.2).then_with(|| {
            crate::text::fold(&data.parties[a.0].name)
                .cmp(&crate::text::fold(&data.parties[b.0].name))
        })
    });
    let col_totals = events
        .iter()
        .map(|&e| completeness(data, e, None).short())
        .collect();
    Matrix {
        events: events.to_vec(),
        parties: rows.iter().map(|r| r.0).collect(),
        row_totals: rows.iter().map(|r| r.2).collect(),
        cells: rows.into_iter().map(|r| r.1).collect(),
        col_totals,
        hidden_rows,
    }
}

const PARTY_C: Color = okabe_ito::BLUE;
const NON_C: Color = okabe_ito::VERMILLION;
const UNKNOWN_BG: Color = hex(0xdedede);

fn glyph(p: &Painter, c: Cell, x: f64, y: f64) -> Result<(), String> {
    match c {
        Cell::Party => p.circle(x, y, 5.5, Some(PARTY_C), Some((INK, 1))),
        Cell::JoinedLater => p.circle(x, y, 5.0, Some(WHITE_C), Some((PARTY_C, 2))),
        Cell::NonSignatory => {
            p.line(&[(x - 5.0, y - 5.0), (x + 5.0, y + 5.0)], NON_C, 2)?;
            p.line(&[(x - 5.0, y + 5.0), (x + 5.0, y - 5.0)], NON_C, 2)
        }
        Cell::Observer => p.polygon(
            &[
                (x - 4.5, y - 4.5),
                (x + 4.5, y - 4.5),
                (x + 4.5, y + 4.5),
                (x - 4.5, y + 4.5),
            ],
            Some(WHITE_C),
            Some((MUTED, 1)),
        ),
        Cell::Unknown => p.text("?", x, y, 11.0, false, MUTED, Anchor::Middle),
        Cell::Absent => Ok(()),
    }
}

pub fn render(
    data: &Dataset,
    events: &[EventIx],
    opts: &MembershipOptions,
) -> Result<String, String> {
    let m = matrix(data, events, opts.min_events);
    let names: Vec<String> = m
        .parties
        .iter()
        .map(|&p| {
            font::svg_safe(&format!(
                "{} ({})",
                data.parties[p].name, data.parties[p].id
            ))
        })
        .collect();
    let names: Vec<String> = names
        .iter()
        .map(|n| font::fit(n, TEXT_PX, false, 380.0))
        .collect();
    let label_w = names
        .iter()
        .map(|n| font::width(n, TEXT_PX, false))
        .fold(120.0, f64::max);
    let left = 16.0 + label_w + 10.0;
    // Column width: fits the widest date line, and every label wraps within it.
    let dates: Vec<String> = m
        .events
        .iter()
        .map(|&e| human_span(&data.events[e].start, data.events[e].end.as_ref()))
        .collect();
    let col_w = dates
        .iter()
        .map(|d| font::width(d, HEAD_PX, false) + 12.0)
        .fold(MIN_COL_W, f64::max);
    let ncols = m.events.len() as f64;
    let grid_right = left + ncols * col_w;
    let total_w = 56.0;
    let width = (grid_right + total_w + 16.0).max(640.0);
    let heads: Vec<Vec<String>> = m
        .events
        .iter()
        .zip(&dates)
        .map(|(&e, date)| {
            let mut lines = font::wrap(
                &font::svg_safe(data.events[e].label()),
                HEAD_PX,
                true,
                col_w - 10.0,
            );
            if lines.len() > 4 {
                lines.truncate(4);
                let last = lines[3].clone() + "…";
                lines[3] = font::fit(&last, HEAD_PX, true, col_w - 10.0);
            }
            lines.push(date.clone());
            lines
        })
        .collect();
    let head_lines = heads.iter().map(Vec::len).max().unwrap_or(1) as f64;
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| "Who took part: parties by event".to_string());
    let subtitle = format!(
        "{} parties in {} events, sorted by the number of events they were party to{}",
        m.parties.len(),
        m.events.len(),
        if m.hidden_rows > 0 {
            format!(
                "; {} parties in fewer than {} of these events are left out",
                m.hidden_rows, opts.min_events
            )
        } else {
            String::new()
        }
    );
    // Legend: only the glyphs this chart uses, wrapped to the width.
    let all_items: [(Cell, &str); 5] = [
        (Cell::Party, "signatory, member or participant"),
        (Cell::JoinedLater, "joined later"),
        (Cell::NonSignatory, "present, did not sign"),
        (Cell::Observer, "observer"),
        (Cell::Unknown, "unknown (incomplete list)"),
    ];
    let mut legend: Vec<(Cell, &str, f64, f64)> = Vec::new();
    let (mut lx, mut ly) = (16.0, 76.0);
    for (c, t) in all_items {
        if !m.cells.iter().flatten().any(|x| *x == c) {
            continue;
        }
        let w = 22.0 + font::width(t, 12.0, false) + 22.0;
        if lx + w > width - 16.0 && lx > 16.0 {
            lx = 16.0;
            ly += 22.0;
        }
        legend.push((c, t, lx, ly));
        lx += w;
    }
    let head_top = ly + 30.0;
    let grid_top = head_top + head_lines * 14.0 + 10.0;
    let grid_bottom = grid_top + m.parties.len() as f64 * ROW_H;
    let totals_y = grid_bottom + 14.0;
    let any_unknown = m.cells.iter().flatten().any(|c| *c == Cell::Unknown);
    let notes = format!(
        "Column totals count listed parties{}.{}",
        if m.col_totals.iter().any(|t| t.contains(" of ")) {
            "; \"15 of 60\" means a source reports 60 and 15 are named"
        } else {
            ""
        },
        if any_unknown {
            " Grey cells with ? : the event's list is incomplete, so whether the party took part is unknown."
        } else {
            ""
        }
    );
    let footer = super::footer(data, &notes, width);
    let footer_y = totals_y + 30.0;
    let height = footer_y + footer.len() as f64 * 15.0 + 10.0;

    let mut buf = String::new();
    {
        let p = Painter::new(&mut buf, width.ceil() as u32, height.ceil() as u32)?;
        super::draw_header(&p, &title, &subtitle, width)?;
        // legend
        for &(c, t, lx, ly) in &legend {
            if c == Cell::Unknown {
                p.rect(lx, ly - 8.0, lx + 16.0, ly + 8.0, UNKNOWN_BG)?;
            }
            glyph(&p, c, lx + 8.0, ly)?;
            p.text(t, lx + 22.0, ly, 12.0, false, INK, Anchor::Start)?;
        }
        // headers
        for (j, lines) in heads.iter().enumerate() {
            let cx = left + (j as f64 + 0.5) * col_w;
            let n = lines.len() as f64;
            for (k, line) in lines.iter().enumerate() {
                let y = grid_top - 10.0 - (n - 1.0 - k as f64) * 14.0 - 4.0;
                let last = k + 1 == lines.len();
                p.text(
                    line,
                    cx,
                    y,
                    HEAD_PX,
                    !last,
                    if last { MUTED } else { INK },
                    Anchor::Middle,
                )?;
            }
        }
        p.text(
            "events",
            grid_right + total_w / 2.0,
            grid_top - 14.0,
            HEAD_PX,
            true,
            INK,
            Anchor::Middle,
        )?;
        // rows
        for (i, name) in names.iter().enumerate() {
            let top = grid_top + i as f64 * ROW_H;
            let cy = top + ROW_H / 2.0;
            if i % 2 == 0 {
                p.rect(8.0, top, grid_right + total_w, top + ROW_H, BAND)?;
            }
            p.text(name, left - 10.0, cy, TEXT_PX, false, INK, Anchor::End)?;
            for (j, &c) in m.cells[i].iter().enumerate() {
                let cx = left + (j as f64 + 0.5) * col_w;
                if c == Cell::Unknown {
                    p.rect(
                        cx - col_w / 2.0 + 1.0,
                        top + 1.0,
                        cx + col_w / 2.0 - 1.0,
                        top + ROW_H - 1.0,
                        UNKNOWN_BG,
                    )?;
                }
                glyph(&p, c, cx, cy)?;
            }
            p.text(
                &m.row_totals[i].to_string(),
                grid_right + total_w / 2.0,
                cy,
                TEXT_PX,
                false,
                INK,
                Anchor::Middle,
            )?;
        }
        for j in 0..=m.events.len() {
            let x = left + j as f64 * col_w;
            p.line(&[(x, grid_top), (x, grid_bottom)], RULE, 1)?;
        }
        p.line(&[(left, grid_bottom), (grid_right, grid_bottom)], MUTED, 1)?;
        for (j, t) in m.col_totals.iter().enumerate() {
            let cx = left + (j as f64 + 0.5) * col_w;
            p.text(t, cx, totals_y, TEXT_PX, true, INK, Anchor::Middle)?;
        }
        p.text(
            "listed",
            left - 10.0,
            totals_y,
            TEXT_PX,
            true,
            INK,
            Anchor::End,
        )?;
        super::draw_footer(&p, &footer, footer_y)?;
        p.finish()?;
    }
    let desc = format!(
        "Matrix of {} parties by {} events ({}). {}",
        m.parties.len(),
        m.events.len(),
        m.events
            .iter()
            .map(|&e| data.events[e].label().to_string())
            .collect::<Vec<_>>()
            .join(", "),
        subtitle
    );
    Ok(accessible(buf, &title, &desc))
}
