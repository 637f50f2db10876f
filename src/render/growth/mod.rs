//! The growth chart: draws a [`Growth`] view as step lines, overall and per series, with the
//! events that added parties marked and labelled. What the lines are is computed in
//! `query::growth`; this module only decides where things go and draws them.

mod place;
#[cfg(test)]
mod tests;

use super::axis::DateAxis;
use super::font;
use super::paint::*;
use super::style::okabe_ito;
use super::{MARGIN, RenderError, legend_rows};
use crate::query::growth::{Growth, Line};

#[derive(Debug, Clone, Default)]
pub struct GrowthOptions {
    pub title: Option<String>,
    pub width: Option<u32>,
    /// Where the data came from, for the source line.
    pub source: super::DataSource,
}

/// Dash patterns (dash, gap) by line; (0, 0) is solid. Lines past the last reuse it.
const DASHES: [(i32, i32); 6] = [(0, 0), (8, 4), (3, 3), (12, 4), (2, 6), (6, 2)];
const PLOT_H: f64 = 420.0;
const Y_LABEL_W: f64 = 44.0;
const NOTES: &str = "Counts include only the parties the dataset names; a party counts from the date it joined. Observers and non-signatories are not counted.";

/// The plot area: where counts and dates go on the canvas.
struct Frame {
    width: f64,
    plot_top: f64,
    plot_bottom: f64,
    x0: f64,
    x1: f64,
    ystep: usize,
    ymax: usize,
    axis: Option<DateAxis>,
}

impl Frame {
    /// The plot under the legend, `right` px clear right of it.
    fn new(g: &Growth, width: f64, legend_bottom: f64, right: f64) -> Self {
        let max = g.overall.steps.last().map_or(0, |s| s.1);
        let plot_top = legend_bottom + 40.0;
        let x0 = MARGIN + Y_LABEL_W + 14.0;
        let x1 = width - right;
        let ystep = nice_step(max.max(1));
        Frame {
            width,
            plot_top,
            plot_bottom: plot_top + PLOT_H,
            x0,
            x1,
            ystep,
            ymax: (max.max(1)).div_ceil(ystep) * ystep,
            axis: g.span.map(|(a, b)| DateAxis::covering(a, b, x0, x1)),
        }
    }

    /// y of a count.
    fn y(&self, v: usize) -> f64 {
        self.plot_bottom - v as f64 / self.ymax as f64 * PLOT_H
    }
}

/// The radius of an addition's marker.
const MARKER_R: f64 = 4.0;
/// Label text size and box height.
const LABEL_PX: f64 = 11.0;
const LABEL_H: f64 = 14.0;
/// At most this many additions get a label (the largest): more would not be read.
const MAX_LABELS: usize = 80;
/// Line-end labels: the stub of line drawn before the name, and the rows' spacing.
const END_SWATCH: f64 = 22.0;
const END_ROW: f64 = 15.0;

/// Where the lines' names go: at the lines' right ends when the names fit in a quarter of the
/// width (each at its line's last count, moved apart as little as needed), else in a legend.
enum Names {
    Legend(Vec<(f64, f64)>),
    /// The y of each line's name, in line order.
    Ends(Vec<f64>),
}

/// The width the line-end names need right of the plot.
fn ends_gutter(lines: &[&Line]) -> f64 {
    lines
        .iter()
        .enumerate()
        .map(|(i, l)| font::width(&font::svg_safe(&l.name), 12.0, i == 0))
        .fold(0.0, f64::max)
        + 8.0
        + END_SWATCH
        + 6.0
        + MARGIN
}

/// Names' rows at their lines' ends: sorted by the end's height, pushed apart to `END_ROW`,
/// kept inside the plot.
fn end_rows(ends: &[f64], top: f64, bottom: f64) -> Vec<f64> {
    let mut order: Vec<usize> = (0..ends.len()).collect();
    order.sort_by(|&a, &b| ends[a].total_cmp(&ends[b]).then(a.cmp(&b)));
    let mut at: Vec<f64> = order.iter().map(|&i| ends[i]).collect();
    for k in 1..at.len() {
        at[k] = at[k].max(at[k - 1] + END_ROW);
    }
    if let Some(last) = at.last_mut() {
        *last = last.min(bottom);
    }
    for k in (0..at.len().saturating_sub(1)).rev() {
        at[k] = at[k].min(at[k + 1] - END_ROW);
    }
    for k in 0..at.len() {
        let floor = if k == 0 { top } else { at[k - 1] + END_ROW };
        at[k] = at[k].max(floor);
    }
    let mut rows = vec![0.0; ends.len()];
    for (k, &i) in order.iter().enumerate() {
        rows[i] = at[k];
    }
    rows
}

/// Draw the growth chart.
pub fn render(g: &Growth, opts: &GrowthOptions) -> Result<String, RenderError> {
    let width = f64::from(opts.width.unwrap_or(1200).clamp(480, 20_000));
    let title = opts.title.clone().unwrap_or_else(|| {
        "How many parties have taken part: cumulative distinct parties named".into()
    });
    let subtitle = subtitle(g);
    let header = super::Header::new(&title, &subtitle, width);
    let lines = lines_shown(g);
    let Plan {
        frame,
        names,
        paths,
        labels,
        omitted,
    } = plan(g, &lines, width, header.bottom);
    let footer_y = frame.plot_bottom + 44.0;
    let shown = format!(
        "{} of {} shown",
        g.events,
        super::count(g.credit.events, "event", "events")
    );
    let mut footer = super::footer(&g.credit, opts.source, &shown, NOTES, width);
    if omitted > 0 {
        footer.extend(super::footer_note(
            &format!(
                "{} did not fit and {} left out.",
                super::count(omitted, "event label", "event labels"),
                if omitted == 1 { "is" } else { "are" }
            ),
            width,
        ));
    }
    let height = super::height_with_footer(footer_y, footer.len());
    let colors: Vec<Color> = std::iter::once(INK)
        .chain(okabe_ito::ALL.iter().copied().cycle().take(g.series.len()))
        .collect();
    let mut buf = String::new();
    {
        let p = Painter::new(&mut buf, width as u32, height.ceil() as u32)?;
        p.begin(Some("header"), "header");
        header.draw(&p)?;
        p.end();
        if let Names::Legend(legend) = &names {
            draw_legend(&p, &lines, legend, &colors)?;
        }
        p.begin(Some("grid"), "grid");
        draw_grid(&p, &frame)?;
        p.end();
        if let Some(axis) = &frame.axis {
            p.begin(Some("axis"), "axis");
            draw_axis(&p, &frame, axis)?;
            p.end();
            // The total first, the series over it: a series that is the total for a while
            // shows its dashes on the black rather than hiding under it.
            for (i, l) in lines.iter().enumerate() {
                p.begin(Some(&format!("series-{}", l.id)), "series");
                stroke(&p, &paths[i], i, colors[i])?;
                if let Names::Ends(rows) = &names {
                    draw_end_name(&p, &frame, l, paths[i].last(), rows[i], i, colors[i])?;
                }
                p.end();
            }
            p.begin(Some("additions"), "additions");
            for a in &g.additions {
                let (x, y) = (axis.x(a.date), frame.y(a.total));
                p.circle(x, y, MARKER_R, Some(INK), Some((WHITE_C, 1)))?;
            }
            draw_labels(&p, &labels)?;
            p.end();
        }
        p.begin(Some("footer"), "footer");
        super::draw_footer(&p, &footer, footer_y)?;
        p.end();
        p.finish()?;
    }
    let desc = format!(
        "Step chart of the cumulative number of distinct parties named, overall and per series. {subtitle}. Lines: {}.",
        lines
            .iter()
            .map(|l| format!("{} reaches {}", l.name, l.steps.last().map_or(0, |s| s.1)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    Ok(accessible(buf, &title, &desc))
}

/// The lines to draw: the total, then each series; a single series that is the total is drawn
/// once, under its own name (an "All events" line would hide it and say less).
fn lines_shown(g: &Growth) -> Vec<&Line> {
    match g.series.as_slice() {
        [only] if only.steps == g.overall.steps => vec![only],
        _ => std::iter::once(&g.overall).chain(g.series.iter()).collect(),
    }
}

/// Where everything goes under the header.
struct Plan {
    frame: Frame,
    names: Names,
    /// Each line's points, in line order (none without dates).
    paths: Vec<Vec<(f64, f64)>>,
    labels: Vec<place::Placed>,
    /// Additions without a label.
    omitted: usize,
}

fn plan(g: &Growth, lines: &[&Line], width: f64, header_bottom: f64) -> Plan {
    let gutter = ends_gutter(lines);
    let direct = g.span.is_some() && gutter <= width / 4.0;
    let (legend, legend_bottom) = if direct {
        (Vec::new(), header_bottom - 16.0)
    } else {
        legend_rows(
            lines
                .iter()
                .enumerate()
                .map(|(i, l)| 36.0 + font::width(&l.name, 12.0, i == 0) + 24.0),
            header_bottom,
            width,
        )
    };
    let frame = Frame::new(g, width, legend_bottom, if direct { gutter } else { 24.0 });
    let names = if direct {
        let ends: Vec<f64> = lines
            .iter()
            .map(|l| frame.y(l.steps.last().map_or(0, |s| s.1)))
            .collect();
        Names::Ends(end_rows(&ends, frame.plot_top, frame.plot_bottom))
    } else {
        Names::Legend(legend)
    };
    let paths: Vec<Vec<(f64, f64)>> = match &frame.axis {
        Some(axis) => lines.iter().map(|l| step_points(l, &frame, axis)).collect(),
        None => Vec::new(),
    };
    let (labels, omitted) = match &frame.axis {
        Some(axis) => label_additions(g, &frame, axis, &paths),
        None => (Vec::new(), 0),
    };
    Plan {
        frame,
        names,
        paths,
        labels,
        omitted,
    }
}

fn draw_legend(
    p: &Painter,
    lines: &[&Line],
    legend: &[(f64, f64)],
    colors: &[Color],
) -> Result<(), RenderError> {
    p.begin(Some("legend"), "legend");
    for (i, &(lx, ly)) in legend.iter().enumerate() {
        p.begin(Some(&format!("legend-{}", lines[i].id)), "legend-series");
        stroke(p, &[(lx, ly), (lx + 28.0, ly)], i, colors[i])?;
        let name = &lines[i].name;
        p.text(name, lx + 36.0, ly, 12.0, i == 0, INK, Anchor::Start)?;
        p.end();
    }
    p.end();
    Ok(())
}

/// A line's name right of its end: the line bends to the name's row and runs on as a stub in
/// its own dash pattern, then the name.
fn draw_end_name(
    p: &Painter,
    frame: &Frame,
    l: &Line,
    end: Option<&(f64, f64)>,
    row: f64,
    i: usize,
    color: Color,
) -> Result<(), RenderError> {
    let Some(&(ex, ey)) = end else {
        return Ok(());
    };
    let x = frame.x1 + 8.0;
    stroke(p, &[(ex, ey), (x, row), (x + END_SWATCH, row)], i, color)?;
    let name = font::svg_safe(&l.name);
    p.text(
        &name,
        x + END_SWATCH + 6.0,
        row,
        12.0,
        i == 0,
        INK,
        Anchor::Start,
    )
}

fn subtitle(g: &Growth) -> String {
    let max = g.overall.steps.last().map_or(0, |s| s.1);
    let incomplete = g.incomplete;
    format!(
        "{max} {} across {} events{}",
        super::counted(&g.counted),
        g.events,
        if incomplete > 0 {
            format!("; {incomplete} of the events have incomplete lists, so true totals are higher")
        } else {
            String::new()
        }
    )
}

/// Stroke line `i` (0: overall) in its colour, width and dash pattern.
fn stroke(p: &Painter, pts: &[(f64, f64)], i: usize, color: Color) -> Result<(), RenderError> {
    let (dash, gap) = DASHES[i.min(DASHES.len() - 1)];
    let wdt = if i == 0 { 3 } else { 2 };
    if dash == 0 {
        p.line(pts, color, wdt)
    } else {
        p.dashed(pts, color, wdt, dash, gap)
    }
}

/// The points of a step line, from zero at the axis start to its last count at the axis end.
fn step_points(l: &Line, frame: &Frame, axis: &DateAxis) -> Vec<(f64, f64)> {
    let mut pts = vec![(axis.x0, frame.y(0))];
    for &(d, c) in &l.steps {
        let xx = axis.x(d);
        let prev = pts.last().map_or(frame.y(0), |p| p.1);
        pts.push((xx, prev));
        pts.push((xx, frame.y(c)));
    }
    let last = pts.last().map_or(frame.y(0), |p| p.1);
    pts.push((axis.x1, last));
    pts
}

/// Labels for the additions, largest first (at most [`MAX_LABELS`]), each where it touches no
/// line, marker, other label or leader ([`place`]). Returns the labels placed and how many of
/// the additions have none.
fn label_additions(
    g: &Growth,
    frame: &Frame,
    axis: &DateAxis,
    paths: &[Vec<(f64, f64)>],
) -> (Vec<place::Placed>, usize) {
    let markers: Vec<(f64, f64)> = g
        .additions
        .iter()
        .map(|a| (axis.x(a.date), frame.y(a.total)))
        .collect();
    let mut order: Vec<usize> = (0..g.additions.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(g.additions[i].added));
    let wanted: Vec<place::Wanted> = order
        .iter()
        .take(MAX_LABELS)
        .map(|&i| {
            let a = &g.additions[i];
            let joined = if a.joined { " (joined later)" } else { "" };
            let text = font::svg_safe(&format!("{}{joined} +{}", a.label, a.added));
            let one = font::width(&text, LABEL_PX, false);
            let two = font::wrap(&text, LABEL_PX, false, one * 0.6);
            let variant = |lines: Vec<String>| place::Variant {
                w: lines
                    .iter()
                    .map(|l| font::width(l, LABEL_PX, false))
                    .fold(0.0, f64::max)
                    + 2.0,
                h: LABEL_H * lines.len() as f64,
                lines,
            };
            let mut variants = vec![variant(vec![text])];
            if two.len() == 2 {
                variants.push(variant(two));
            }
            place::Wanted {
                variants,
                point: markers[i],
            }
        })
        .collect();
    let scene = place::Scene {
        plot: place::Rect {
            x0: frame.x0,
            y0: frame.plot_top,
            x1: frame.x1,
            y1: frame.plot_bottom,
        },
        markers: &markers,
        marker_r: MARKER_R,
        lines: paths,
    };
    let (placed, omitted) = place::place(&scene, &wanted);
    (
        placed,
        omitted + g.additions.len().saturating_sub(MAX_LABELS),
    )
}

/// The horizontal gridlines with their counts, and the y axis title.
fn draw_grid(p: &Painter, frame: &Frame) -> Result<(), RenderError> {
    let mut v = 0;
    while v <= frame.ymax {
        let yy = frame.y(v);
        p.line(
            &[(frame.x0, yy), (frame.x1, yy)],
            if v == 0 { MUTED } else { RULE },
            1,
        )?;
        p.text(
            &v.to_string(),
            frame.x0 - 8.0,
            yy,
            12.0,
            false,
            INK,
            Anchor::End,
        )?;
        v += frame.ystep;
    }
    p.text(
        "parties",
        MARGIN,
        frame.plot_top - 14.0,
        12.0,
        true,
        INK,
        Anchor::Start,
    )
}

/// Tick marks and date labels under the plot.
fn draw_axis(p: &Painter, frame: &Frame, axis: &DateAxis) -> Result<(), RenderError> {
    let bottom = frame.plot_bottom;
    for t in axis.ticks() {
        if t.has_mark() {
            p.line(
                &[
                    (t.x, bottom),
                    (t.x, bottom + if t.major { 7.0 } else { 4.0 }),
                ],
                MUTED,
                1,
            )?;
        }
        if let Some(lbl) = &t.label {
            let half = font::width(lbl, 12.0, false) / 2.0;
            p.text(
                lbl,
                t.x.clamp(8.0 + half, frame.width - 8.0 - half),
                bottom + 19.0,
                12.0,
                false,
                INK,
                Anchor::Middle,
            )?;
        }
    }
    Ok(())
}

/// Each label on a white box, tied to its point by a leader.
fn draw_labels(p: &Painter, labels: &[place::Placed]) -> Result<(), RenderError> {
    for l in labels {
        if let Some((a, b)) = l.leader {
            p.line(&[a, b], with_alpha(MUTED, 0.7), 1)?;
        }
        let r = &l.rect;
        p.rect(r.x0, r.y0, r.x1, r.y1, WHITE_C)?;
        for (k, line) in l.lines.iter().enumerate() {
            let y = r.y0 + LABEL_H * (k as f64 + 0.5);
            p.text(line, r.x0 + 1.0, y, LABEL_PX, false, INK, Anchor::Start)?;
        }
    }
    Ok(())
}

/// A round step for about 5–8 gridlines.
fn nice_step(max: usize) -> usize {
    let raw = (max as f64 / 6.0).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    step as usize
}
