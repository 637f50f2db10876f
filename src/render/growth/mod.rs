//! The growth chart: draws a [`Growth`] view as step lines, overall and per series, with the
//! events that added parties marked and labelled. What the lines are is computed in
//! `query::growth`; this module only decides where things go and draws them.

use super::axis::DateAxis;
use super::font;
use super::paint::*;
use super::style::okabe_ito;
use super::{MARGIN, RenderError, legend_rows};
use crate::model::PartyKind;
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
    fn new(g: &Growth, width: f64, legend_bottom: f64) -> Self {
        let max = g.overall.steps.last().map_or(0, |s| s.1);
        let plot_top = legend_bottom + 40.0;
        let x0 = MARGIN + Y_LABEL_W + 14.0;
        let x1 = width - 24.0;
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

/// An addition's label and the point it names: (x0, y0)–(x1, y1) is the text's box.
struct Label {
    text: String,
    x0: f64,
    y0: f64,
    x1: f64,
    y1: f64,
    px: f64,
    py: f64,
}

/// Draw the growth chart.
pub fn render(g: &Growth, opts: &GrowthOptions) -> Result<String, RenderError> {
    let width = f64::from(opts.width.unwrap_or(1200).clamp(480, 20_000));
    let title = opts.title.clone().unwrap_or_else(|| {
        "How many parties have taken part: cumulative distinct parties named".into()
    });
    let subtitle = subtitle(g);
    let header = super::Header::new(&title, &subtitle, width);
    let lines: Vec<&Line> = std::iter::once(&g.overall).chain(g.series.iter()).collect();
    let (legend, legend_bottom) = legend_rows(
        lines
            .iter()
            .enumerate()
            .map(|(i, l)| 36.0 + font::width(&l.name, 12.0, i == 0) + 24.0),
        header.bottom,
        width,
    );
    let frame = Frame::new(g, width, legend_bottom);
    let footer_y = frame.plot_bottom + 44.0;
    let shown = format!(
        "{} of {} shown",
        g.events,
        super::count(g.credit.events, "event", "events")
    );
    let mut footer = super::footer(&g.credit, opts.source, &shown, NOTES, width);
    let (labels, omitted) = match &frame.axis {
        Some(axis) => place_labels(g, &frame, axis),
        None => (Vec::new(), 0),
    };
    if omitted > 0 {
        footer.extend(super::footer_note(
            &format!("{omitted} event labels did not fit and are left out."),
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
        p.begin(Some("legend"), "legend");
        for (i, &(lx, ly)) in legend.iter().enumerate() {
            p.begin(Some(&format!("legend-{}", lines[i].id)), "legend-series");
            stroke(&p, &[(lx, ly), (lx + 28.0, ly)], i, colors[i])?;
            let name = &lines[i].name;
            p.text(name, lx + 36.0, ly, 12.0, i == 0, INK, Anchor::Start)?;
            p.end();
        }
        p.end();
        p.begin(Some("grid"), "grid");
        draw_grid(&p, &frame)?;
        p.end();
        if let Some(axis) = &frame.axis {
            p.begin(Some("axis"), "axis");
            draw_axis(&p, &frame, axis)?;
            p.end();
            // series first, overall on top
            for (i, l) in lines.iter().enumerate().rev() {
                p.begin(Some(&format!("series-{}", l.id)), "series");
                stroke(&p, &step_points(l, &frame, axis), i, colors[i])?;
                p.end();
            }
            p.begin(Some("additions"), "additions");
            for a in &g.additions {
                let (x, y) = (axis.x(a.date), frame.y(a.total));
                p.circle(x, y, 4.0, Some(INK), Some((WHITE_C, 1)))?;
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

/// What the count counts: "countries and organisations (companies not counted)".
fn counted(kinds: &[PartyKind]) -> String {
    let plural = |k: &PartyKind| match k {
        PartyKind::Country => "countries",
        PartyKind::Organisation => "organisations",
        PartyKind::Company => "companies",
    };
    let names: Vec<&str> = kinds.iter().map(plural).collect();
    let left: Vec<&str> = PartyKind::ALL
        .iter()
        .filter(|k| !kinds.contains(k))
        .map(plural)
        .collect();
    let list = |v: &[&str]| match v {
        [] => String::new(),
        [one] => (*one).to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    if left.is_empty() {
        format!("distinct parties ({})", list(&names))
    } else {
        format!("distinct {} ({} not counted)", list(&names), list(&left))
    }
}

fn subtitle(g: &Growth) -> String {
    let max = g.overall.steps.last().map_or(0, |s| s.1);
    let incomplete = g.incomplete;
    format!(
        "{max} {} across {} events{}",
        counted(&g.counted),
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

/// Labels for additions, largest first: up-left of the step (where a rising step line cannot
/// be), pushed up past earlier labels; right of the step if there is no room on the left.
/// Returns the labels placed and how many found no room.
fn place_labels(g: &Growth, frame: &Frame, axis: &DateAxis) -> (Vec<Label>, usize) {
    let (x0, x1) = (frame.x0, frame.x1);
    let curve_y_at = |x: f64| {
        let mut v = 0;
        for &(d, c) in &g.overall.steps {
            if axis.x(d) <= x {
                v = c;
            }
        }
        frame.y(v)
    };
    let mut labels: Vec<Label> = Vec::new();
    let mut omitted = 0;
    let mut adds: Vec<_> = g.additions.iter().collect();
    adds.sort_by_key(|a| std::cmp::Reverse(a.added));
    for a in adds {
        let px = axis.x(a.date);
        let py = frame.y(a.total);
        let joined = if a.joined { " (joined later)" } else { "" };
        let text = font::svg_safe(&format!("{}{joined} +{}", a.label, a.added));
        let w = font::width(&text, 11.0, false);
        let h = 14.0;
        let mut placed = None;
        for (bx0, bx1) in [(px - 6.0 - w, px - 6.0), (px + 6.0, px + 6.0 + w)] {
            if bx0 < x0 || bx1 > x1 {
                continue;
            }
            // above the curve over the label's span
            let mut by1 = curve_y_at(bx1).min(py) - 6.0;
            loop {
                let by0 = by1 - h;
                if by0 < frame.plot_top {
                    break;
                }
                let hit = labels.iter().any(|l| {
                    bx0 < l.x1 + 4.0 && l.x0 < bx1 + 4.0 && by0 < l.y1 + 2.0 && l.y0 < by1 + 2.0
                });
                if !hit {
                    placed = Some((bx0, by0, bx1, by1));
                    break;
                }
                by1 -= 4.0;
            }
            if placed.is_some() {
                break;
            }
        }
        match placed {
            Some((lx0, ly0, lx1, ly1)) => labels.push(Label {
                text,
                x0: lx0,
                y0: ly0,
                x1: lx1,
                y1: ly1,
                px,
                py,
            }),
            None => omitted += 1,
        }
    }
    (labels, omitted)
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
fn draw_labels(p: &Painter, labels: &[Label]) -> Result<(), RenderError> {
    for l in labels {
        p.line(
            &[
                (l.px, l.py - 4.0),
                (if l.x0 < l.px { l.x1 } else { l.x0 }, (l.y0 + l.y1) / 2.0),
            ],
            with_alpha(MUTED, 0.7),
            1,
        )?;
        p.rect(l.x0 - 1.0, l.y0, l.x1 + 1.0, l.y1, WHITE_C)?;
        p.text(
            &l.text,
            l.x0,
            (l.y0 + l.y1) / 2.0,
            11.0,
            false,
            INK,
            Anchor::Start,
        )?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nice_steps_are_round() {
        assert_eq!(nice_step(120), 20);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(1), 1);
    }
}
