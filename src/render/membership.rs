//! The membership chart: draws a [`Matrix`] view as parties (rows) × events (columns), a
//! glyph per role, a ring around a host's cell, grey cells where an event's list is
//! incomplete (so participation is unknown), an "and N more" line for the rows not drawn, and
//! totals. What the cells are is computed in `query::membership`; this module only sizes the
//! grid and draws it. No label is cut: names and headers wrap, and columns widen to their
//! longest word.

use super::font;
use super::paint::*;
use super::style::okabe_ito;
use super::{MARGIN, RenderError, legend_rows};
use crate::model::PartyKind;
use crate::query::membership::{Cell, Matrix, More};

#[derive(Debug, Clone, Default)]
pub struct MembershipOptions {
    pub title: Option<String>,
    /// Where the data came from, for the source line.
    pub source: super::DataSource,
}

/// The height of a row of one line.
const ROW_H: f64 = 18.0;
/// The height a wrapped name adds per line.
const LINE_H: f64 = 13.0;
/// Narrowest column; columns widen to fit their widest header word, date and total.
const MIN_COL_W: f64 = 86.0;
const TEXT_PX: f64 = 11.5;
const HEAD_PX: f64 = 11.0;
const HEAD_LINE_H: f64 = 14.0;
/// The column of row totals.
const TOTAL_W: f64 = 56.0;
/// The widest a line of a party's name may be; longer names wrap.
const NAME_MAX_W: f64 = 300.0;
/// The space between the party names and the grid.
const NAME_GAP: f64 = 10.0;
/// The radius of the ring around a host's cell.
const HOST_R: f64 = 8.5;

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
const HOST_LEGEND: &str = "host (ring around the mark)";

/// A legend item: a cell's glyph, or the host ring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Key {
    Cell(Cell),
    Host,
}

/// The grid's geometry: the wrapped party names, the column headers and where everything
/// goes.
struct Grid {
    /// Each row's name, as lines.
    names: Vec<Vec<String>>,
    /// The "and N more" line's label, as lines, if there is one.
    more: Option<Vec<String>>,
    heads: Vec<Vec<String>>,
    width: f64,
    left: f64,
    col_w: f64,
    grid_right: f64,
    grid_top: f64,
    /// Each row's top, then the "and N more" line's top, then the grid's bottom.
    tops: Vec<f64>,
    totals_y: f64,
}

/// The height of a row whose name takes `lines` lines.
fn row_h(lines: usize) -> f64 {
    ROW_H.max(lines as f64 * LINE_H + 5.0)
}

/// The widest of `lines` set at `px`.
fn widest<'a>(lines: impl IntoIterator<Item = &'a str>, px: f64, bold: bool) -> f64 {
    lines
        .into_iter()
        .map(|l| font::width(l, px, bold))
        .fold(0.0, f64::max)
}

impl Grid {
    /// Size the grid: the names column fits the widest name line, the columns the widest date,
    /// header word and total, and the headers wrap into the columns. The vertical positions
    /// are set by [`Grid::place`], once the legend's height is known.
    fn new(m: &Matrix) -> Self {
        let names: Vec<Vec<String>> = m
            .rows
            .iter()
            .map(|r| {
                let name = format!("{} ({})", font::svg_safe(&r.name), font::svg_safe(&r.id));
                font::wrap(&name, TEXT_PX, false, NAME_MAX_W)
            })
            .collect();
        let more = m
            .more
            .as_ref()
            .map(|more| font::wrap(&more_label(more), TEXT_PX, false, NAME_MAX_W));
        let label_w = widest(
            names.iter().chain(&more).flatten().map(String::as_str),
            TEXT_PX,
            false,
        )
        .max(120.0);
        let left = MARGIN + label_w + NAME_GAP;
        // Column width: fits the widest date line, total and word of a label, so that every
        // label wraps within it without a word cut.
        let col_w = m
            .columns
            .iter()
            .map(|c| {
                let words = widest(c.label.split_whitespace(), HEAD_PX, true);
                let total = font::width(&c.total(), TEXT_PX, true);
                let date = font::width(&c.date, HEAD_PX, false).max(font::width(
                    &c.as_of,
                    TEXT_PX - 1.0,
                    false,
                ));
                (date + 12.0).max(words + 10.0).max(total + 10.0)
            })
            .fold(MIN_COL_W, f64::max);
        let ncols = m.columns.len() as f64;
        let grid_right = left + ncols * col_w;
        let width = (grid_right + TOTAL_W + MARGIN).max(640.0);
        let heads: Vec<Vec<String>> = m
            .columns
            .iter()
            .map(|c| {
                let mut lines = font::wrap(&font::svg_safe(&c.label), HEAD_PX, true, col_w - 10.0);
                lines.push(c.date.clone());
                lines
            })
            .collect();
        Grid {
            names,
            more,
            heads,
            width,
            left,
            col_w,
            grid_right,
            grid_top: 0.0,
            tops: Vec::new(),
            totals_y: 0.0,
        }
    }

    /// Put the headers' top at `head_top`, and the grid and totals below them.
    fn place(&mut self, head_top: f64) {
        let head_lines = self.heads.iter().map(Vec::len).max().unwrap_or(1) as f64;
        self.grid_top = head_top + head_lines * HEAD_LINE_H + 10.0;
        let mut y = self.grid_top;
        self.tops = Vec::with_capacity(self.names.len() + 2);
        for n in self.names.iter().chain(&self.more) {
            self.tops.push(y);
            y += row_h(n.len());
        }
        self.tops.push(y);
        self.totals_y = y + 14.0;
    }

    /// The grid's bottom: below the last row and the "and N more" line.
    fn bottom(&self) -> f64 {
        self.tops.last().copied().unwrap_or(self.grid_top)
    }

    /// x of the centre of column `j`.
    fn cx(&self, j: usize) -> f64 {
        self.left + (j as f64 + 0.5) * self.col_w
    }
}

/// "and 37 more parties, each party to 1 event".
fn more_label(m: &More) -> String {
    let each = if m.fewest == m.most {
        super::count(m.most, "event", "events")
    } else {
        format!("{}–{} events", m.fewest, m.most)
    };
    format!(
        "and {} more {}, each party to {each}",
        m.parties,
        if m.parties == 1 { "party" } else { "parties" }
    )
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
    let items: Vec<(Key, &str)> = LEGEND
        .into_iter()
        .filter(|(c, _)| m.shows(*c))
        .map(|(c, t)| (Key::Cell(c), t))
        .chain(m.shows_hosts().then_some((Key::Host, HOST_LEGEND)))
        .collect();
    let (legend, legend_bottom) = legend_rows(
        items
            .iter()
            .map(|(_, t)| 22.0 + font::width(t, 12.0, false) + 22.0),
        header.bottom - 2.0,
        width,
    );
    grid.place(legend_bottom + 30.0);
    let shown = format!(
        "{} of {} and {} of {} shown{}",
        m.columns.len(),
        super::count(m.credit.events, "event", "events"),
        m.rows.len(),
        super::count(m.credit.parties, "party", "parties"),
        m.more
            .as_ref()
            .map(|more| format!(" ({} more in the totals)", more.parties))
            .unwrap_or_default()
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
        for (&(k, t), &(lx, ly)) in items.iter().zip(&legend) {
            p.begin(None, "legend-key");
            match k {
                Key::Cell(c) => {
                    if c == Cell::Unknown {
                        p.rect(lx, ly - 8.0, lx + 16.0, ly + 8.0, UNKNOWN_BG)?;
                    }
                    glyph(&p, c, lx + 8.0, ly)?;
                }
                Key::Host => host_ring(&p, lx + 8.0, ly)?,
            }
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
        if let (Some(more), Some(label)) = (&m.more, &grid.more) {
            p.begin(Some("more"), "more");
            draw_more(&p, &grid, more, label)?;
            p.end();
        }
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

/// What is counted, for `n` of them: "countries and organisations", "countries,
/// organisations and companies"; for one, "country or organisation".
pub fn kinds_phrase(kinds: &[PartyKind], n: usize) -> String {
    let names: Vec<&str> = kinds
        .iter()
        .map(|&k| {
            let (one, many) = crate::present::kind_nouns(Some(k));
            if n == 1 { one } else { many }
        })
        .collect();
    let (and, none) = if n == 1 {
        ("or", "party")
    } else {
        ("and", "parties")
    };
    match names.as_slice() {
        [] => none.to_string(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} {and} {last}", rest.join(", ")),
    }
}

fn subtitle(m: &Matrix) -> String {
    let n = m.parties();
    let events = match m.columns.len() {
        1 => "the event".to_string(),
        e => format!("any of {e} events"),
    };
    let mut s = format!(
        "{n} {} party to {events}{}",
        kinds_phrase(&m.spec.kinds, n),
        if m.columns.len() > 1 {
            ", most events first"
        } else {
            ""
        }
    );
    if let Some(more) = &m.more {
        s += &format!("; {} shown, {} summed below", m.rows.len(), more.parties);
    }
    if m.left_out > 0 {
        s += &format!(
            "; {} present only as non-signatories, observers or hosts left out",
            m.left_out
        );
    }
    s
}

/// The line under the totals: the date each list holds as of.
const AS_OF_GAP: f64 = 15.0;

/// The footer's notes: what the totals mean, what grey cells and rings mean if there are any,
/// and which kinds of party are not counted.
fn notes(m: &Matrix) -> String {
    let mut s = format!(
        "Totals count the {} party to each event (signatory, member, participant or joined later), as of the date under each{}.",
        kinds_phrase(&m.spec.kinds, 2),
        m.columns
            .iter()
            .map(|c| c.total())
            .find_map(|t| {
                let (n, r) = t.split_once(" of ")?;
                let named = if n == "1" { "is" } else { "are" };
                Some(format!(
                    "; \"{t}\": a source reports {r} and {n} {named} named"
                ))
            })
            .unwrap_or_default(),
    );
    if let Some(t) = m
        .columns
        .iter()
        .map(|c| c.total())
        .find(|t| t.ends_with('+'))
    {
        s += &format!(
            " \"{t}\": at least {}, from an incomplete list with no count of these kinds reported.",
            t.trim_end_matches('+')
        );
    }
    if m.columns.iter().any(|c| c.total() == "–") {
        s += " \"–\": the dataset names none of the event's parties.";
    }
    if m.shows(Cell::Unknown) {
        s += " Grey cells with ?: the event's list is incomplete, so whether the party took part is unknown.";
    }
    if m.shows_hosts() {
        s += " A ring marks the host (around ?: a host its incomplete list does not name).";
    }
    if m.other_kinds > 0 {
        let left: Vec<PartyKind> = PartyKind::ALL
            .iter()
            .copied()
            .filter(|k| !m.spec.kinds.contains(k))
            .collect();
        s += &format!(
            " {} party to these events ({}) are not counted.",
            capitalise(&kinds_phrase(&left, 2)),
            m.other_kinds
        );
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
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

/// The ring around a host's cell.
fn host_ring(p: &Painter, x: f64, y: f64) -> Result<(), RenderError> {
    p.circle(x, y, HOST_R, None, Some((INK, 1)))
}

/// The column headers (label lines in bold, the date below in grey) and the totals' heading.
fn draw_heads(p: &Painter, g: &Grid) -> Result<(), RenderError> {
    for (j, lines) in g.heads.iter().enumerate() {
        let cx = g.cx(j);
        let n = lines.len() as f64;
        for (k, line) in lines.iter().enumerate() {
            let y = g.grid_top - 10.0 - (n - 1.0 - k as f64) * HEAD_LINE_H - 4.0;
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

/// A name's lines, right-aligned against the grid and centred on `cy`.
fn draw_name(
    p: &Painter,
    g: &Grid,
    lines: &[String],
    cy: f64,
    ink: Color,
) -> Result<(), RenderError> {
    let n = lines.len() as f64;
    for (k, line) in lines.iter().enumerate() {
        let y = cy + (k as f64 - (n - 1.0) / 2.0) * LINE_H;
        p.text(line, g.left - NAME_GAP, y, TEXT_PX, false, ink, Anchor::End)?;
    }
    Ok(())
}

/// One banded row per party: its name, a glyph per cell (ringed where it hosted), its total.
fn draw_rows(p: &Painter, g: &Grid, m: &Matrix) -> Result<(), RenderError> {
    for (i, (name, row)) in g.names.iter().zip(&m.rows).enumerate() {
        p.begin(Some(&format!("row-{}", row.id)), "row");
        let (top, bottom) = (g.tops[i], g.tops[i + 1]);
        let cy = (top + bottom) / 2.0;
        if i % 2 == 0 {
            p.rect(8.0, top, g.grid_right + TOTAL_W, bottom, BAND)?;
        }
        draw_name(p, g, name, cy, INK)?;
        for (j, (&c, &hosted)) in row.cells.iter().zip(&row.hosted).enumerate() {
            let cx = g.cx(j);
            if c == Cell::Unknown {
                p.rect(
                    cx - g.col_w / 2.0 + 1.0,
                    top + 1.0,
                    cx + g.col_w / 2.0 - 1.0,
                    bottom - 1.0,
                    UNKNOWN_BG,
                )?;
            }
            if hosted {
                p.begin(
                    Some(&format!("host-{}-{}", row.id, m.columns[j].id)),
                    "host",
                );
                glyph(p, c, cx, cy)?;
                host_ring(p, cx, cy)?;
                p.end();
            } else {
                glyph(p, c, cx, cy)?;
            }
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

/// The "and N more" line: its label, and per column the party cells of the rows not drawn.
fn draw_more(p: &Painter, g: &Grid, more: &More, label: &[String]) -> Result<(), RenderError> {
    let i = g.names.len();
    let (top, bottom) = (g.tops[i], g.tops[i + 1]);
    let cy = (top + bottom) / 2.0;
    p.line(&[(8.0, top), (g.grid_right + TOTAL_W, top)], RULE, 1)?;
    draw_name(p, g, label, cy, MUTED)?;
    for (j, &n) in more.cells.iter().enumerate() {
        if n > 0 {
            p.text(
                &format!("+{n}"),
                g.cx(j),
                cy,
                TEXT_PX,
                false,
                MUTED,
                Anchor::Middle,
            )?;
        }
    }
    Ok(())
}

/// The column rules, the rule under the grid and the column totals.
fn draw_totals(p: &Painter, g: &Grid, m: &Matrix) -> Result<(), RenderError> {
    let bottom = g.bottom();
    for j in 0..=m.columns.len() {
        let x = g.left + j as f64 * g.col_w;
        p.line(&[(x, g.grid_top), (x, bottom)], RULE, 1)?;
    }
    p.line(&[(g.left, bottom), (g.grid_right, bottom)], MUTED, 1)?;
    for (j, c) in m.columns.iter().enumerate() {
        p.text(
            &c.total(),
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
