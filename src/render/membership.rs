//! The membership chart: draws a [`Matrix`] view as parties (rows) × events (columns), a
//! glyph per role, grey cells where an event's list is incomplete (so participation is
//! unknown), and totals. What the cells are is computed in `query::membership`; this module
//! only sizes the grid and draws it.

use super::font;
use super::paint::*;
use super::style::okabe_ito;
use super::{MARGIN, RenderError, legend_rows};
use crate::query::membership::{Cell, Matrix};

#[derive(Debug, Clone, Default)]
pub struct MembershipOptions {
    pub title: Option<String>,
    /// Where the data came from, for the source line.
    pub source: super::DataSource,
}

const ROW_H: f64 = 18.0;
/// Narrowest column; columns widen to fit their widest header line.
const MIN_COL_W: f64 = 86.0;
const TEXT_PX: f64 = 11.5;
const HEAD_PX: f64 = 11.0;
/// The column of row totals.
const TOTAL_W: f64 = 56.0;
/// The widest a party's name (with its id) may be.
const NAME_MAX_W: f64 = 380.0;
/// The space between the party names and the grid.
const NAME_GAP: f64 = 10.0;

const PARTY_C: Color = okabe_ito::BLUE;
const NON_C: Color = okabe_ito::VERMILLION;
const UNKNOWN_BG: Color = hex(0xdedede);

/// The legend's items, in order; only the glyphs a chart uses are shown.
const LEGEND: [(Cell, &str); 5] = [
    (Cell::Party, "signatory, member or participant"),
    (Cell::JoinedLater, "joined later"),
    (Cell::NonSignatory, "present, did not sign"),
    (Cell::Observer, "observer"),
    (Cell::Unknown, "unknown (incomplete list)"),
];

/// The grid's geometry: the fitted party names, the column headers and where everything goes.
struct Grid {
    names: Vec<String>,
    heads: Vec<Vec<String>>,
    width: f64,
    left: f64,
    col_w: f64,
    grid_right: f64,
    grid_top: f64,
    grid_bottom: f64,
    totals_y: f64,
}

impl Grid {
    /// Size the grid: the names column fits the widest (fitted) name, the columns the widest
    /// date, and the headers wrap into the columns. The vertical positions are set by
    /// [`Grid::place`], once the legend's height is known.
    fn new(m: &Matrix) -> Self {
        // A name too long for the column is cut, never its id: "Organisation for Economic
        // Co-operation and… (OECD)" still says who it is.
        let names: Vec<String> = m
            .rows
            .iter()
            .map(|r| {
                let id = format!(" ({})", font::svg_safe(&r.id));
                let room = NAME_MAX_W - font::width(&id, TEXT_PX, false);
                font::fit(&font::svg_safe(&r.name), TEXT_PX, false, room) + &id
            })
            .collect();
        let label_w = names
            .iter()
            .map(|n| font::width(n, TEXT_PX, false))
            .fold(120.0, f64::max);
        let left = MARGIN + label_w + NAME_GAP;
        // Column width: fits the widest date line, and every label wraps within it.
        let col_w = m
            .columns
            .iter()
            .map(|c| font::width(&c.date, HEAD_PX, false) + 12.0)
            .fold(MIN_COL_W, f64::max);
        let ncols = m.columns.len() as f64;
        let grid_right = left + ncols * col_w;
        let width = (grid_right + TOTAL_W + MARGIN).max(640.0);
        let heads: Vec<Vec<String>> = m
            .columns
            .iter()
            .map(|c| {
                let mut lines = font::wrap(&font::svg_safe(&c.label), HEAD_PX, true, col_w - 10.0);
                if lines.len() > 4 {
                    lines.truncate(4);
                    let last = lines[3].clone() + "…";
                    lines[3] = font::fit(&last, HEAD_PX, true, col_w - 10.0);
                }
                lines.push(c.date.clone());
                lines
            })
            .collect();
        Grid {
            names,
            heads,
            width,
            left,
            col_w,
            grid_right,
            grid_top: 0.0,
            grid_bottom: 0.0,
            totals_y: 0.0,
        }
    }

    /// Put the headers' top at `head_top`, and the grid and totals below them.
    fn place(&mut self, head_top: f64) {
        let head_lines = self.heads.iter().map(Vec::len).max().unwrap_or(1) as f64;
        self.grid_top = head_top + head_lines * 14.0 + 10.0;
        self.grid_bottom = self.grid_top + self.names.len() as f64 * ROW_H;
        self.totals_y = self.grid_bottom + 14.0;
    }

    /// x of the centre of column `j`.
    fn cx(&self, j: usize) -> f64 {
        self.left + (j as f64 + 0.5) * self.col_w
    }
}

/// Draw the membership chart.
pub fn render(m: &Matrix, opts: &MembershipOptions) -> Result<String, RenderError> {
    let mut grid = Grid::new(m);
    let width = grid.width;
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| "Who took part: parties by event".to_string());
    let subtitle = subtitle(m);
    let header = super::Header::new(&title, &subtitle, width);
    // Legend: only the glyphs this chart uses, wrapped to the width.
    let items: Vec<(Cell, &str)> = LEGEND.into_iter().filter(|(c, _)| m.shows(*c)).collect();
    let (legend, legend_bottom) = legend_rows(
        items
            .iter()
            .map(|(_, t)| 22.0 + font::width(t, 12.0, false) + 22.0),
        header.bottom - 2.0,
        width,
    );
    grid.place(legend_bottom + 30.0);
    let shown = format!(
        "{} of {} and {} of {} shown",
        m.columns.len(),
        super::count(m.credit.events, "event", "events"),
        m.rows.len(),
        super::count(m.credit.parties, "party", "parties")
    );
    let footer = super::footer(&m.credit, opts.source, &shown, &notes(m), width);
    let footer_y = grid.totals_y + AS_OF_GAP + 30.0;
    let height = super::height_with_footer(footer_y, footer.len());

    let mut buf = String::new();
    {
        let p = Painter::new(&mut buf, width.ceil() as u32, height.ceil() as u32)?;
        p.begin(Some("header"), "header");
        header.draw(&p)?;
        p.end();
        p.begin(Some("legend"), "legend");
        for (&(c, t), &(lx, ly)) in items.iter().zip(&legend) {
            p.begin(None, "legend-key");
            if c == Cell::Unknown {
                p.rect(lx, ly - 8.0, lx + 16.0, ly + 8.0, UNKNOWN_BG)?;
            }
            glyph(&p, c, lx + 8.0, ly)?;
            p.text(t, lx + 22.0, ly, 12.0, false, INK, Anchor::Start)?;
            p.end();
        }
        p.end();
        p.begin(Some("columns"), "columns");
        draw_heads(&p, &grid)?;
        p.end();
        p.begin(Some("rows"), "rows");
        draw_rows(&p, &grid, m)?;
        p.end();
        p.begin(Some("totals"), "totals");
        draw_totals(&p, &grid, m)?;
        p.end();
        p.begin(Some("footer"), "footer");
        super::draw_footer(&p, &footer, footer_y)?;
        p.end();
        p.finish()?;
    }
    let desc = format!(
        "Matrix of {} parties by {} events ({}). {}",
        m.rows.len(),
        m.columns.len(),
        m.columns
            .iter()
            .map(|c| c.label.as_str())
            .collect::<Vec<_>>()
            .join(", "),
        subtitle
    );
    Ok(accessible(buf, &title, &desc))
}

fn subtitle(m: &Matrix) -> String {
    format!(
        "{} parties in {} events, sorted by the number of events they were party to{}",
        m.rows.len(),
        m.columns.len(),
        if m.hidden_rows > 0 {
            format!(
                "; {} parties in fewer than {} of these events are left out",
                m.hidden_rows, m.min_events
            )
        } else {
            String::new()
        }
    )
}

/// The line under the totals: the date each list holds as of.
const AS_OF_GAP: f64 = 15.0;

/// The footer's notes: what the totals mean, and what grey cells mean if there are any.
fn notes(m: &Matrix) -> String {
    format!(
        "Column totals count listed parties, as of the date under each{}.{}",
        if m.columns.iter().any(|c| c.total.contains(" of ")) {
            "; \"15 of 60\" means a source reports 60 and 15 are named"
        } else {
            ""
        },
        if m.shows(Cell::Unknown) {
            " Grey cells with ? : the event's list is incomplete, so whether the party took part is unknown."
        } else {
            ""
        }
    )
}

fn glyph(p: &Painter, c: Cell, x: f64, y: f64) -> Result<(), RenderError> {
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

/// The column headers (label lines in bold, the date below in grey) and the totals' heading.
fn draw_heads(p: &Painter, g: &Grid) -> Result<(), RenderError> {
    for (j, lines) in g.heads.iter().enumerate() {
        let cx = g.cx(j);
        let n = lines.len() as f64;
        for (k, line) in lines.iter().enumerate() {
            let y = g.grid_top - 10.0 - (n - 1.0 - k as f64) * 14.0 - 4.0;
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
        g.grid_right + TOTAL_W / 2.0,
        g.grid_top - 14.0,
        HEAD_PX,
        true,
        INK,
        Anchor::Middle,
    )
}

/// One banded row per party: its name, a glyph per cell, its total.
fn draw_rows(p: &Painter, g: &Grid, m: &Matrix) -> Result<(), RenderError> {
    for (i, (name, row)) in g.names.iter().zip(&m.rows).enumerate() {
        p.begin(Some(&format!("row-{}", row.id)), "row");
        let top = g.grid_top + i as f64 * ROW_H;
        let cy = top + ROW_H / 2.0;
        if i % 2 == 0 {
            p.rect(8.0, top, g.grid_right + TOTAL_W, top + ROW_H, BAND)?;
        }
        p.text(
            name,
            g.left - NAME_GAP,
            cy,
            TEXT_PX,
            false,
            INK,
            Anchor::End,
        )?;
        for (j, &c) in row.cells.iter().enumerate() {
            let cx = g.cx(j);
            if c == Cell::Unknown {
                p.rect(
                    cx - g.col_w / 2.0 + 1.0,
                    top + 1.0,
                    cx + g.col_w / 2.0 - 1.0,
                    top + ROW_H - 1.0,
                    UNKNOWN_BG,
                )?;
            }
            glyph(p, c, cx, cy)?;
        }
        p.text(
            &row.total.to_string(),
            g.grid_right + TOTAL_W / 2.0,
            cy,
            TEXT_PX,
            false,
            INK,
            Anchor::Middle,
        )?;
        p.end();
    }
    Ok(())
}

/// The column rules, the rule under the grid and the column totals.
fn draw_totals(p: &Painter, g: &Grid, m: &Matrix) -> Result<(), RenderError> {
    for j in 0..=m.columns.len() {
        let x = g.left + j as f64 * g.col_w;
        p.line(&[(x, g.grid_top), (x, g.grid_bottom)], RULE, 1)?;
    }
    p.line(
        &[(g.left, g.grid_bottom), (g.grid_right, g.grid_bottom)],
        MUTED,
        1,
    )?;
    for (j, c) in m.columns.iter().enumerate() {
        p.text(
            &c.total,
            g.cx(j),
            g.totals_y,
            TEXT_PX,
            true,
            INK,
            Anchor::Middle,
        )?;
        p.text(
            &c.as_of,
            g.cx(j),
            g.totals_y + AS_OF_GAP,
            TEXT_PX - 1.0,
            false,
            MUTED,
            Anchor::Middle,
        )?;
    }
    p.text(
        "as of",
        g.left - NAME_GAP,
        g.totals_y + AS_OF_GAP,
        TEXT_PX - 1.0,
        false,
        MUTED,
        Anchor::End,
    )?;
    p.text(
        "listed",
        g.left - NAME_GAP,
        g.totals_y,
        TEXT_PX,
        true,
        INK,
        Anchor::End,
    )
}
