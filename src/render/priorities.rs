//! The priority-area chart: draws a [`PriorityMatrix`] as events (rows, under their series'
//! names) × priority areas (columns, names reading upwards), a dot for each link with its
//! source (in the SVG each dot links to it and says it on hover), and per area the number of
//! events linked. What the cells are is computed in `query::priorities`; this module only
//! sizes the grid and draws it. No label is cut: long labels and area names wrap.

use super::font;
use super::paint::*;
use super::style::okabe_ito;
use super::{MARGIN, RenderError, legend_rows};
use crate::query::priorities::{EventRow, PriorityMatrix};

#[derive(Debug, Clone, Default)]
pub struct PrioritiesOptions {
    pub title: Option<String>,
    /// Where the data came from, for the source line.
    pub source: super::DataSource,
}

const TEXT_PX: f64 = 11.5;
const DATE_PX: f64 = 10.5;
const GROUP_PX: f64 = 12.0;
const HEAD_PX: f64 = 11.5;
/// The height of a row of one line, and what each further line of a wrapped label adds.
const ROW_H: f64 = 18.0;
const LINE_H: f64 = 13.0;
/// The height of a series' heading row.
const GROUP_H: f64 = 22.0;
/// The widest a line of an event's label or an area's name may be; longer ones wrap.
const LABEL_MAX_W: f64 = 260.0;
const HEAD_MAX_W: f64 = 150.0;
/// Narrowest column; a column widens for each line its area's name wraps into.
const MIN_COL_W: f64 = 30.0;
/// The indent of an event's label under its series' name.
const INDENT: f64 = 12.0;
const GAP: f64 = 10.0;
/// The column of row totals.
const TOTAL_W: f64 = 48.0;
const DOT_R: f64 = 5.5;
const DOT_C: Color = okabe_ito::BLUE;

/// What a chart without a link says in place of the grid.
const EMPTY: &str = "No event chosen is linked to a priority area.";
const LEGEND_TEXT: &str = "the event names the priority area (each dot has its source)";

/// The grid's geometry.
struct Grid {
    /// Each row's label, as lines, group by group.
    labels: Vec<Vec<String>>,
    /// Each column's name, as lines (each drawn reading upwards).
    heads: Vec<Vec<String>>,
    /// The x of the dates, and of the grid's left and right edges.
    date_x: f64,
    left: f64,
    col_x: Vec<f64>,
    grid_right: f64,
    width: f64,
    /// The height the upright names need.
    head_h: f64,
    grid_top: f64,
    /// The tops of the rows (events and series headings) in drawing order, and the bottom.
    tops: Vec<f64>,
}

fn widest<'a>(lines: impl IntoIterator<Item = &'a str>, px: f64, bold: bool) -> f64 {
    lines
        .into_iter()
        .map(|l| font::width(l, px, bold))
        .fold(0.0, f64::max)
}

fn row_h(lines: usize) -> f64 {
    ROW_H.max(lines as f64 * LINE_H + 5.0)
}

impl Grid {
    fn new(m: &PriorityMatrix) -> Self {
        let labels: Vec<Vec<String>> = m
            .rows()
            .map(|r| font::wrap(&font::svg_safe(&r.label), TEXT_PX, false, LABEL_MAX_W))
            .collect();
        let label_w = widest(labels.iter().flatten().map(String::as_str), TEXT_PX, false);
        let date_w = widest(m.rows().map(|r| r.date.as_str()), DATE_PX, false);
        let date_x = MARGIN + INDENT + label_w + GAP;
        // Series names start at the margin and may reach over the dates.
        let group_w = widest(m.groups.iter().map(|g| g.name.as_str()), GROUP_PX, true);
        let left = (date_x + date_w + GAP)
            .max(MARGIN + group_w + GAP)
            .max(MARGIN + 160.0);
        let heads: Vec<Vec<String>> = m
            .columns
            .iter()
            .map(|a| font::wrap(&font::svg_safe(&a.name), HEAD_PX, false, HEAD_MAX_W))
            .collect();
        let mut col_x = Vec::with_capacity(heads.len() + 1);
        let mut x = left;
        for h in &heads {
            col_x.push(x);
            x += MIN_COL_W.max(h.len() as f64 * LINE_H + 8.0);
        }
        col_x.push(x);
        let grid_right = x;
        let head_h = widest(heads.iter().flatten().map(String::as_str), HEAD_PX, false);
        Grid {
            labels,
            heads,
            date_x,
            left,
            col_x,
            grid_right,
            width: (grid_right + TOTAL_W + MARGIN).max(640.0),
            head_h,
            grid_top: 0.0,
            tops: Vec::new(),
        }
    }

    /// Put the column names' top at `top`, and the rows below them.
    fn place(&mut self, top: f64, m: &PriorityMatrix) {
        self.grid_top = top + self.head_h + 10.0;
        let mut y = self.grid_top;
        let mut labels = self.labels.iter();
        self.tops.clear();
        for g in &m.groups {
            self.tops.push(y);
            y += GROUP_H;
            for _ in &g.rows {
                self.tops.push(y);
                y += row_h(labels.next().map_or(1, Vec::len));
            }
        }
        self.tops.push(y);
    }

    fn bottom(&self) -> f64 {
        self.tops.last().copied().unwrap_or(self.grid_top)
    }

    /// x of the centre of column `j`.
    fn cx(&self, j: usize) -> f64 {
        (self.col_x[j] + self.col_x[j + 1]) / 2.0
    }
}

/// Draw the priority-area chart.
pub fn render(m: &PriorityMatrix, opts: &PrioritiesOptions) -> Result<String, RenderError> {
    let mut grid = Grid::new(m);
    let width = grid.width;
    let title = opts
        .title
        .clone()
        .unwrap_or_else(|| "What the meetings worked on: priority areas by event".to_string());
    let subtitle = subtitle(m);
    let header = super::Header::new(&title, &subtitle, width);
    let (legend, legend_bottom) = legend_rows(
        [22.0 + font::width(LEGEND_TEXT, 12.0, false)],
        header.bottom - 2.0,
        width,
    );
    grid.place(legend_bottom + 24.0, m);
    let totals_y = if m.groups.is_empty() {
        legend_bottom + 14.0
    } else {
        grid.bottom() + 14.0
    };
    let shown = format!(
        "{} of {} and {} of {} shown",
        m.rows().count(),
        super::count(m.credit.events, "event", "events"),
        m.columns.len(),
        super::count(
            m.columns.len() + m.empty_areas.len(),
            "priority area",
            "priority areas"
        ),
    );
    let footer = super::footer(&m.credit, opts.source, &shown, &notes(m), width);
    let footer_y = totals_y + 30.0;
    let height = super::height_with_footer(footer_y, footer.len());

    let mut buf = String::new();
    {
        let p = Painter::new(&mut buf, width.ceil() as u32, height.ceil() as u32)?;
        p.begin(Some("header"), "header");
        header.draw(&p)?;
        p.end();
        if m.groups.is_empty() {
            let y = legend_bottom + 10.0;
            p.text(EMPTY, MARGIN, y, TEXT_PX, false, INK, Anchor::Start)?;
        } else {
            p.begin(Some("legend"), "legend");
            let (lx, ly) = legend[0];
            p.begin(None, "legend-key");
            dot(&p, lx + 8.0, ly)?;
            p.text(LEGEND_TEXT, lx + 22.0, ly, 12.0, false, INK, Anchor::Start)?;
            p.end();
            p.end();
            p.begin(Some("columns"), "columns");
            draw_heads(&p, &grid)?;
            p.end();
            p.begin(Some("rows"), "rows");
            draw_rows(&p, &grid, m)?;
            p.end();
            p.begin(Some("totals"), "totals");
            draw_totals(&p, &grid, m, totals_y)?;
            p.end();
        }
        p.begin(Some("footer"), "footer");
        super::draw_footer(&p, &footer, footer_y)?;
        p.end();
        p.finish()?;
    }
    Ok(accessible(buf, &title, &desc(m, &subtitle)))
}

/// For screen readers: each area and the events linked to it.
fn desc(m: &PriorityMatrix, subtitle: &str) -> String {
    let areas: Vec<String> = m
        .columns
        .iter()
        .enumerate()
        .map(|(j, a)| {
            let events: Vec<&str> = m
                .rows()
                .filter(|r| r.links[j].is_some())
                .map(|r| r.label.as_str())
                .collect();
            format!("{}: {}", a.name, events.join(", "))
        })
        .collect();
    format!(
        "Matrix of {} events by {} priority areas. {subtitle}. {}.",
        m.rows().count(),
        m.columns.len(),
        areas.join("; ")
    )
}

fn subtitle(m: &PriorityMatrix) -> String {
    let rows = m.rows().count();
    let mut s = format!(
        "{} linked to {} ({} links), by series and date",
        super::count(rows, "event", "events"),
        super::count(m.columns.len(), "priority area", "priority areas"),
        m.links()
    );
    if m.unlinked > 0 {
        s += &format!(
            "; {} with no priority area linked {} not shown",
            super::count(m.unlinked, "event", "events"),
            if m.unlinked == 1 { "is" } else { "are" }
        );
    }
    s
}

/// The footer's notes: what a dot is, and the areas no event shown is linked to.
fn notes(m: &PriorityMatrix) -> String {
    let mut s = format!(
        "Each dot is a link of the dataset's event_priorities.csv between an event and a priority area its text names, with its source ({} in all; in the SVG each dot links to its own). Totals count the events linked to each area.",
        super::count(m.sources, "source", "sources")
    );
    if !m.empty_areas.is_empty() && !m.columns.is_empty() {
        s += &format!(
            " No event shown is linked to: {}.",
            m.empty_areas.join("; ")
        );
    }
    s
}

fn dot(p: &Painter, x: f64, y: f64) -> Result<(), RenderError> {
    p.circle(x, y, DOT_R, Some(DOT_C), Some((INK, 1)))
}

/// The areas' names, reading upwards from just above the grid, a line beside the next.
fn draw_heads(p: &Painter, g: &Grid) -> Result<(), RenderError> {
    for (j, lines) in g.heads.iter().enumerate() {
        let n = lines.len() as f64;
        for (k, line) in lines.iter().enumerate() {
            let x = g.cx(j) + (k as f64 - (n - 1.0) / 2.0) * LINE_H;
            p.text_up(line, x, g.grid_top - 8.0, HEAD_PX, INK)?;
        }
    }
    p.text(
        "areas",
        g.grid_right + TOTAL_W / 2.0,
        g.grid_top - 10.0,
        HEAD_PX,
        true,
        INK,
        Anchor::Middle,
    )
}

/// Each series: its name, then a banded row per event with a dot per link.
fn draw_rows(p: &Painter, g: &Grid, m: &PriorityMatrix) -> Result<(), RenderError> {
    let mut at = 0;
    let mut label = 0;
    for grp in &m.groups {
        p.begin(Some(&format!("series-{}", grp.id)), "series");
        let top = g.tops[at];
        p.text(
            &font::svg_safe(&grp.name),
            MARGIN,
            top + GROUP_H / 2.0 + 2.0,
            GROUP_PX,
            true,
            INK,
            Anchor::Start,
        )?;
        at += 1;
        for r in &grp.rows {
            let rows = (g.tops[at], g.tops[at + 1]);
            draw_row(p, g, m, r, &g.labels[label], rows, label)?;
            at += 1;
            label += 1;
        }
        p.end();
    }
    Ok(())
}

/// One event's row: its label and date, a dot per link (a link to the source), its total.
fn draw_row(
    p: &Painter,
    g: &Grid,
    m: &PriorityMatrix,
    r: &EventRow,
    lines: &[String],
    (top, bottom): (f64, f64),
    i: usize,
) -> Result<(), RenderError> {
    p.begin(Some(&format!("row-{}", r.id)), "row");
    let cy = (top + bottom) / 2.0;
    if i.is_multiple_of(2) {
        p.rect(
            MARGIN + INDENT - 4.0,
            top,
            g.grid_right + TOTAL_W,
            bottom,
            BAND,
        )?;
    }
    let n = lines.len() as f64;
    for (k, line) in lines.iter().enumerate() {
        let y = cy + (k as f64 - (n - 1.0) / 2.0) * LINE_H;
        p.text(line, MARGIN + INDENT, y, TEXT_PX, false, INK, Anchor::Start)?;
    }
    p.text(&r.date, g.date_x, cy, DATE_PX, false, MUTED, Anchor::Start)?;
    for (j, link) in r.links.iter().enumerate() {
        let Some(source) = link else { continue };
        let id = format!("link-{}-{}", r.id, m.columns[j].id);
        p.begin(Some(&id), "cell");
        let title = format!("{} ({}): source {source}", r.label, r.date);
        p.link(source, &title, |p| dot(p, g.cx(j), cy))?;
        p.end();
    }
    p.text(
        &r.total().to_string(),
        g.grid_right + TOTAL_W / 2.0,
        cy,
        TEXT_PX,
        false,
        INK,
        Anchor::Middle,
    )?;
    p.end();
    Ok(())
}

/// The column rules, the rule under the grid and the number of events per area.
fn draw_totals(p: &Painter, g: &Grid, m: &PriorityMatrix, y: f64) -> Result<(), RenderError> {
    let bottom = g.bottom();
    for &x in &g.col_x {
        p.line(&[(x, g.grid_top), (x, bottom)], RULE, 1)?;
    }
    p.line(&[(g.left, bottom), (g.grid_right, bottom)], MUTED, 1)?;
    for (j, a) in m.columns.iter().enumerate() {
        p.text(
            &a.events.to_string(),
            g.cx(j),
            y,
            TEXT_PX,
            true,
            INK,
            Anchor::Middle,
        )?;
    }
    p.text("events", g.left - GAP, y, TEXT_PX, true, INK, Anchor::End)
}
