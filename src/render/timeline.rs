//! The timeline chart: draws a [`Timeline`] view as one lane per series, a marker per event,
//! labels stacked above their markers with leader lines, a calendar-aligned date axis, a
//! legend, and a footer naming the source. What the lanes hold is computed in
//! `query::timeline`; [`layout`](fn@layout) computes every position (pure, testable) and
//! [`draw`] turns it into SVG.

use super::axis::DateAxis;
use super::font;
use super::layout::{self, Request};
use super::paint::*;
use super::style::kind_style;
use super::{MARGIN, RenderError, legend_rows};
use crate::model::{EventId, EventKind};
use crate::query::timeline::{self as view, Timeline};

#[derive(Debug, Clone)]
pub struct TimelineOptions {
    pub width: u32,
    pub title: Option<String>,
}

/// The default width in pixels: the narrowest at which every label of the shipped dataset
/// (54 events, 2023–2026) is placed; at 1,200 px eight of the AI-summits lane's labels found
/// no row. Narrower charts drop labels and count them in the footer.
pub const DEFAULT_WIDTH: u32 = 1400;

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions {
            width: DEFAULT_WIDTH,
            title: None,
        }
    }
}

const LABEL_PX: f64 = 11.5;
const ROW_H: f64 = 17.0;
const MARKER_ZONE: f64 = 30.0;
const LANE_PAD: f64 = 6.0;
const MARKER_R: f64 = 6.0;
/// Label rows per lane; a lane with more events may use up to this many.
const MAX_ROWS: usize = 24;
const LANE_LABEL_W: f64 = 150.0;
const IMPRECISE_KEY: &str = "date known only to the month or year (drawn across the whole period)";
const NOTES: &str = "Hollow markers on dashed spans: the date is known only to the month or year. Markers of events on the same or nearby days are set side by side, each tied to its date by a thin line.";

/// A rectangle in canvas pixels: (x0, y0, x1, y1).
pub type Rect = (f64, f64, f64, f64);

#[derive(Debug, Clone)]
pub struct EventMark {
    pub event: EventId,
    /// Index of the lane the event is drawn in.
    pub lane: usize,
    pub kind: EventKind,
    pub x: f64,
    /// Where the event's date is; differs from `x` when coincident markers were spread apart.
    pub true_x: f64,
    pub y: f64,
    /// The drawn span of the event (precise multi-day, or the month/year of an imprecise date).
    pub span: Option<(f64, f64)>,
    pub imprecise: bool,
    pub dimmed: bool,
    pub label: Option<LabelMark>,
    /// The marker's bounding box.
    pub marker_box: Rect,
}

#[derive(Debug, Clone)]
pub struct LabelMark {
    pub text: String,
    pub bbox: Rect,
}

#[derive(Debug, Clone)]
pub struct Lane {
    pub name: Vec<String>,
    pub top: f64,
    pub bottom: f64,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    pub title: String,
    pub subtitle: String,
    pub legend: Vec<(EventKind, f64, f64)>,
    pub legend_extra_y: f64,
    pub lanes: Vec<Lane>,
    pub marks: Vec<EventMark>,
    pub axis: Option<DateAxis>,
    pub axis_y: f64,
    pub footer: Vec<String>,
    pub footer_y: f64,
    pub omitted: usize,
    pub desc: String,
    pub highlight_note: Option<String>,
}

fn mid(a: f64, b: f64) -> f64 {
    (a + b) / 2.0
}

/// Compute the whole chart's geometry.
pub fn layout(t: &Timeline, opts: &TimelineOptions) -> Layout {
    let w = f64::from(opts.width.clamp(480, 20_000));
    let x0 = MARGIN + LANE_LABEL_W + 12.0;
    let x1 = w - 24.0;
    let title = opts.title.clone().unwrap_or_else(|| default_title(t));
    let subtitle = subtitle(t);
    let highlight_note = t.highlight.as_ref().map(|h| {
        format!(
            "Highlighted: events with {} ({}); others dimmed",
            h.name, h.id
        )
    });

    // Legend: the kinds shown, then the imprecise-date key.
    let (at, ly) = legend_rows(
        t.kinds
            .iter()
            .map(|k| 22.0 + font::width(k.as_str(), 12.0, false) + 18.0),
        78.0,
        w,
    );
    let legend: Vec<(EventKind, f64, f64)> = t
        .kinds
        .iter()
        .zip(at)
        .map(|(&k, (x, y))| (k, x, y))
        .collect();
    let any_imprecise = t.entries.iter().any(|e| e.imprecise);
    let legend_extra_y = if any_imprecise || highlight_note.is_some() {
        ly + 22.0
    } else {
        ly
    };
    let mut y = legend_extra_y + 26.0;

    // Lanes by series.
    let axis = t.span.map(|(a, b)| DateAxis::covering(a, b, x0, x1));
    let mut lanes = Vec::new();
    let mut marks = Vec::new();
    let mut omitted = 0;
    if let Some(axis) = &axis {
        for lane in &t.lanes {
            let (l, m, o) = lay_lane(t, lane, axis, lanes.len(), y);
            y = l.bottom;
            lanes.push(l);
            marks.extend(m);
            omitted += o;
        }
    }
    let axis_y = y + 2.0;
    let footer_y = axis_y + 40.0;
    let mut notes = String::from(NOTES);
    if omitted > 0 {
        notes.push_str(&format!(" {omitted} labels did not fit and are left out."));
    }
    let footer = super::footer(&t.credit, &notes, w);
    let height = super::height_with_footer(footer_y, footer.len());
    let desc = timeline_desc(t, &subtitle);
    Layout {
        width: w,
        height,
        title,
        subtitle,
        legend,
        legend_extra_y,
        lanes,
        marks,
        axis,
        axis_y,
        footer,
        footer_y,
        omitted,
        desc,
        highlight_note,
    }
}

/// "International AI safety coordination, 2023–2026" (or of one year, or of none).
fn default_title(t: &Timeline) -> String {
    use chrono::Datelike;
    match t.span {
        Some((a, b)) if a.year() != b.year() => format!(
            "International AI safety coordination, {}–{}",
            a.year(),
            b.year()
        ),
        Some((a, _)) => format!("International AI safety coordination, {}", a.year()),
        None => "International AI safety coordination".to_string(),
    }
}

/// "12 events · 40 parties named · Nov 2023 to Feb 2026".
fn subtitle(t: &Timeline) -> String {
    let n = t.entries.len();
    let party_ct = t.parties;
    let span_txt = match t.span {
        Some((a, b)) => format!(" · {} to {}", a.format("%b %Y"), b.format("%b %Y")),
        None => String::new(),
    };
    format!(
        "{n} {} · {party_ct} {} named{span_txt}",
        if n == 1 { "event" } else { "events" },
        if party_ct == 1 { "party" } else { "parties" }
    )
}

/// Lay out lane number `index` from `top`: its markers (spread where they would overlap), its
/// labels in rows above them, and its height. Returns the lane, its marks and how many labels
/// found no row.
fn lay_lane(
    t: &Timeline,
    lane: &view::Lane,
    axis: &DateAxis,
    index: usize,
    top: f64,
) -> (Lane, Vec<EventMark>, usize) {
    let (x0, x1) = (axis.x0, axis.x1);
    let entries: Vec<&view::Entry> = lane.entries.iter().map(|&i| &t.entries[i]).collect();
    // True centres first, then spread markers that would overlap.
    let centres: Vec<f64> = entries
        .iter()
        .map(|e| mid(axis.x(e.first_day), axis.x_end(e.last_day)))
        .collect();
    let xs = layout::dodge(&centres, 2.0 * MARKER_R + 4.0, x0 + MARKER_R, x1 - MARKER_R);
    let mut reqs = Vec::new();
    let mut partial: Vec<EventMark> = Vec::new();
    for ((e, &x), &true_x) in entries.iter().zip(&xs).zip(&centres) {
        let (sx0, sx1) = (axis.x(e.first_day), axis.x_end(e.last_day));
        let span = if e.imprecise || sx1 - sx0 >= 3.0 {
            Some((sx0, sx1))
        } else {
            None
        };
        let text = format!("{}, {}", e.label, e.when);
        let room = layout::room(x, x0, x1);
        let text = font::fit(&font::svg_safe(&text), LABEL_PX, false, room);
        let tw = font::width(&text, LABEL_PX, false);
        reqs.push(Request {
            x,
            w: if text.is_empty() { 0.0 } else { tw },
        });
        partial.push(EventMark {
            event: e.event,
            lane: index,
            kind: e.kind,
            x,
            true_x,
            y: 0.0,
            span,
            imprecise: e.imprecise,
            dimmed: e.dimmed,
            label: (!text.is_empty()).then_some(LabelMark {
                text,
                bbox: (0.0, 0.0, 0.0, 0.0),
            }),
            marker_box: (0.0, 0.0, 0.0, 0.0),
        });
    }
    let placed = layout::place(&reqs, x0, x1, MAX_ROWS);
    let rows = placed
        .iter()
        .flatten()
        .map(|p| p.row + 1)
        .max()
        .unwrap_or(0);
    let name = font::wrap(&lane.name, 12.0, true, LANE_LABEL_W);
    let name_h = name.len() as f64 * 15.0 + 2.0 * LANE_PAD;
    let lane_h = (LANE_PAD * 2.0 + rows as f64 * ROW_H + MARKER_ZONE).max(name_h);
    let bottom = top + lane_h;
    let marker_y = bottom - LANE_PAD - MARKER_ZONE / 2.0;
    let mut omitted = 0;
    let mut marks = Vec::with_capacity(partial.len());
    for (mut m, p) in partial.into_iter().zip(placed) {
        m.y = marker_y;
        m.marker_box = (
            m.x - MARKER_R - 2.0,
            marker_y - MARKER_R - 2.0,
            m.x + MARKER_R + 2.0,
            marker_y + MARKER_R + 2.0,
        );
        match (p, m.label.as_mut()) {
            (Some(p), Some(l)) => {
                let cy = marker_y - MARKER_ZONE / 2.0 - ROW_H * (p.row as f64 + 0.5);
                l.bbox = (
                    p.left,
                    cy - ROW_H / 2.0 + 2.0,
                    p.right,
                    cy + ROW_H / 2.0 - 2.0,
                );
            }
            (None, Some(_)) => {
                m.label = None;
                omitted += 1;
            }
            _ => {}
        }
        marks.push(m);
    }
    (Lane { name, top, bottom }, marks, omitted)
}

/// A text alternative for screen readers: what the chart shows, event by event (capped).
fn timeline_desc(t: &Timeline, subtitle: &str) -> String {
    let mut d = format!("Timeline of international AI safety coordination events: {subtitle}. ");
    for (i, e) in t.entries.iter().enumerate() {
        if i == 60 {
            d.push_str(&format!("… and {} more.", t.entries.len() - 60));
            break;
        }
        d.push_str(&format!("{} ({}, {}). ", e.label, e.kind, e.when));
    }
    d
}

/// Draw a computed layout.
pub fn draw(l: &Layout) -> Result<String, RenderError> {
    let mut buf = String::new();
    {
        let p = Painter::new(&mut buf, l.width as u32, l.height.ceil() as u32)?;
        super::draw_header(&p, &l.title, &l.subtitle, l.width)?;
        draw_legend(&p, l)?;
        draw_lanes(&p, l)?;
        if let Some(axis) = &l.axis {
            draw_axis(&p, l, axis)?;
        }
        draw_marks(&p, l)?;
        super::draw_footer(&p, &l.footer, l.footer_y)?;
        p.finish()?;
    }
    Ok(accessible(buf, &l.title, &l.desc))
}

/// The kinds shown, then a row with the imprecise-date key and the highlight note.
fn draw_legend(p: &Painter, l: &Layout) -> Result<(), RenderError> {
    for &(k, x, y) in &l.legend {
        let (c, s) = kind_style(k);
        p.marker(s, x + 8.0, y, MARKER_R, c, INK, false)?;
        p.text(k.as_str(), x + 22.0, y, 12.0, false, INK, Anchor::Start)?;
    }
    let mut ex = MARGIN;
    if l.legend_extra_y > l.legend.last().map_or(0.0, |v| v.2) {
        let y = l.legend_extra_y;
        if l.marks.iter().any(|m| m.imprecise) {
            p.rect(ex, y - 6.0, ex + 36.0, y + 6.0, with_alpha(MUTED, 0.15))?;
            p.dashed(
                &[
                    (ex, y - 6.0),
                    (ex + 36.0, y - 6.0),
                    (ex + 36.0, y + 6.0),
                    (ex, y + 6.0),
                    (ex, y - 6.0),
                ],
                MUTED,
                1,
                3,
                2,
            )?;
            p.circle(ex + 18.0, y, MARKER_R, Some(WHITE_C), Some((MUTED, 2)))?;
            p.text(IMPRECISE_KEY, ex + 44.0, y, 12.0, false, INK, Anchor::Start)?;
            ex += 44.0 + font::width(IMPRECISE_KEY, 12.0, false) + 24.0;
        }
        if let Some(h) = &l.highlight_note {
            p.text(h, ex, y, 12.0, true, INK, Anchor::Start)?;
        }
    }
    Ok(())
}

/// Alternate lanes banded, each with its name at the left.
fn draw_lanes(p: &Painter, l: &Layout) -> Result<(), RenderError> {
    for (i, lane) in l.lanes.iter().enumerate() {
        if i % 2 == 0 {
            p.rect(8.0, lane.top, l.width - 8.0, lane.bottom, BAND)?;
        }
        let cy = mid(lane.top, lane.bottom);
        let n = lane.name.len() as f64;
        for (j, line) in lane.name.iter().enumerate() {
            p.text(
                line,
                MARGIN,
                cy - (n - 1.0) * 7.5 + j as f64 * 15.0,
                12.0,
                true,
                INK,
                Anchor::Start,
            )?;
        }
    }
    Ok(())
}

/// The axis grid, ticks and date labels.
fn draw_axis(p: &Painter, l: &Layout, axis: &DateAxis) -> Result<(), RenderError> {
    let top = l.lanes.first().map_or(l.axis_y, |x| x.top);
    for t in axis.ticks() {
        if t.major {
            p.dashed(&[(t.x, top), (t.x, l.axis_y)], RULE, 1, 2, 3)?;
        }
        p.line(
            &[
                (t.x, l.axis_y),
                (t.x, l.axis_y + if t.major { 7.0 } else { 4.0 }),
            ],
            MUTED,
            1,
        )?;
        if let Some(lbl) = &t.label {
            let half = font::width(lbl, 12.0, false) / 2.0;
            let x = t.x.clamp(8.0 + half, l.width - 8.0 - half);
            p.text(lbl, x, l.axis_y + 19.0, 12.0, false, INK, Anchor::Middle)?;
        }
    }
    p.line(&[(axis.x0, l.axis_y), (axis.x1, l.axis_y)], MUTED, 1)
}

/// Spans, then leaders, then markers, then labels (so labels sit on top).
fn draw_marks(p: &Painter, l: &Layout) -> Result<(), RenderError> {
    for m in &l.marks {
        let (c, _) = kind_style(m.kind);
        let alpha = if m.dimmed { 0.25 } else { 1.0 };
        if let Some((a, b)) = m.span {
            if m.imprecise {
                p.rect(a, m.y - 7.0, b, m.y + 7.0, with_alpha(c, 0.18 * alpha))?;
                p.dashed(
                    &[
                        (a, m.y - 7.0),
                        (b, m.y - 7.0),
                        (b, m.y + 7.0),
                        (a, m.y + 7.0),
                        (a, m.y - 7.0),
                    ],
                    with_alpha(c, alpha),
                    1,
                    3,
                    2,
                )?;
            } else {
                p.rect(a, m.y - 4.0, b, m.y + 4.0, with_alpha(c, 0.45 * alpha))?;
            }
        }
    }
    for m in &l.marks {
        if let Some(lb) = &m.label {
            let cy = mid(lb.bbox.1, lb.bbox.3);
            let edge = if lb.bbox.0 >= m.x {
                lb.bbox.0 - 2.0
            } else {
                lb.bbox.2 + 2.0
            };
            let col = with_alpha(MUTED, if m.dimmed { 0.3 } else { 0.8 });
            p.line(
                &[(m.x, m.y - MARKER_R - 1.0), (m.x, cy), (edge, cy)],
                col,
                1,
            )?;
        }
    }
    // markers spread apart are tied to their true date by a thin line
    for m in &l.marks {
        if (m.x - m.true_x).abs() > MARKER_R / 2.0 {
            let col = with_alpha(MUTED, if m.dimmed { 0.3 } else { 0.8 });
            p.line(
                &[
                    (m.x, m.y + MARKER_R),
                    (m.true_x, m.y + MARKER_ZONE / 2.0 - 1.0),
                ],
                col,
                1,
            )?;
        }
    }
    for m in &l.marks {
        let (c, s) = kind_style(m.kind);
        let alpha = if m.dimmed { 0.3 } else { 1.0 };
        p.marker(
            s,
            m.x,
            m.y,
            MARKER_R,
            with_alpha(c, alpha),
            with_alpha(INK, alpha),
            m.imprecise,
        )?;
    }
    for m in &l.marks {
        if let Some(lb) = &m.label {
            let cy = mid(lb.bbox.1, lb.bbox.3);
            // a halo in the lane's colour keeps gridlines out of the text
            let bg = if m.lane % 2 == 0 { BAND } else { WHITE_C };
            p.rect(lb.bbox.0 - 1.0, lb.bbox.1, lb.bbox.2 + 1.0, lb.bbox.3, bg)?;
            let col = if m.dimmed {
                with_alpha(MUTED, 0.55)
            } else {
                INK
            };
            p.text(&lb.text, lb.bbox.0, cy, LABEL_PX, false, col, Anchor::Start)?;
        }
    }
    Ok(())
}

/// Lay out and draw.
pub fn render(t: &Timeline, opts: &TimelineOptions) -> Result<String, RenderError> {
    draw(&layout(t, opts))
}

fn overlaps(a: Rect, b: Rect) -> bool {
    a.0 < b.2 && b.0 < a.2 && a.1 < b.3 && b.1 < a.3
}

/// The promises of the layout: every label and marker inside the canvas, no two labels
/// overlapping, no label over any marker. Used by tests, including property tests.
pub fn check_layout(l: &Layout) -> Result<(), String> {
    let inside = |r: Rect| r.0 >= 0.0 && r.1 >= 0.0 && r.2 <= l.width && r.3 <= l.height;
    let labels: Vec<(usize, Rect)> = l
        .marks
        .iter()
        .enumerate()
        .filter_map(|(i, m)| m.label.as_ref().map(|lb| (i, lb.bbox)))
        .collect();
    for m in &l.marks {
        if !inside(m.marker_box) {
            return Err(format!(
                "marker of event {} leaves the canvas: {:?}",
                m.event.index(),
                m.marker_box
            ));
        }
    }
    for (k, &(i, a)) in labels.iter().enumerate() {
        if !inside(a) {
            return Err(format!(
                "label {:?} leaves the canvas: {a:?}",
                l.marks[i].label.as_ref().map(|x| &x.text)
            ));
        }
        for &(j, b) in &labels[k + 1..] {
            if overlaps(a, b) {
                return Err(format!(
                    "labels of events {} and {} overlap",
                    l.marks[i].event.index(),
                    l.marks[j].event.index()
                ));
            }
        }
        for m in &l.marks {
            if overlaps(a, m.marker_box) {
                return Err(format!(
                    "label of event {} meets the marker of event {}",
                    l.marks[i].event.index(),
                    m.event.index()
                ));
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::{InputFile, load_files};
    use crate::model::Dataset;
    use proptest::prelude::*;

    fn dataset(rows: &[(u16, u8, u8, u8)]) -> Dataset {
        let mut ev = String::from("id,name,short,kind,start,end,series,source,list\n");
        let kinds = ["summit", "meeting", "founding", "treaty", "declaration"];
        let series = ["ai-summits", "aisi-network", "institutes", ""];
        for (i, &(day, len, kind, ser)) in rows.iter().enumerate() {
            let start = chrono::NaiveDate::from_ymd_opt(2023, 1, 1).unwrap()
                + chrono::Days::new(u64::from(day));
            let (start, end) = match kind % 7 {
                5 => (start.format("%Y-%m").to_string(), String::new()),
                6 => (
                    start.format("%Y-%m-%d").to_string(),
                    (start + chrono::Days::new(3))
                        .format("%Y-%m-%d")
                        .to_string(),
                ),
                _ => (start.format("%Y-%m-%d").to_string(), String::new()),
            };
            let name = "W".repeat(1 + usize::from(len) % 40);
            ev.push_str(&format!(
                "e-{i},{name},{name},{},{start},{end},{},https://x.org/{i},partial\n",
                kinds[usize::from(kind) % kinds.len()],
                series[usize::from(ser) % series.len()]
            ));
        }
        let files = [
            ev.as_str(),
            "id,name,kind\nAAA,A,country\n",
            "event,party,role\n",
            "id,name\n",
            "event,priority,source\n",
        ];
        load_files(
            files
                .iter()
                .zip(crate::load::FILES)
                .map(|(s, n)| InputFile {
                    display: n.into(),
                    bytes: s.as_bytes().to_vec(),
                })
                .collect(),
        )
        .unwrap()
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64), ..ProptestConfig::default() })]
        #[test]
        fn random_timelines_keep_every_label_apart_and_inside(
            rows in proptest::collection::vec((0u16..1400, any::<u8>(), any::<u8>(), any::<u8>()), 1..60),
            width in 480u32..2000,
        ) {
            let d = dataset(&rows);
            let all: Vec<EventId> = d.event_ids().collect();
            let view = crate::query::timeline::lanes(&d, &all, None);
            let l = layout(&view, &TimelineOptions { width, ..Default::default() });
            prop_assert_eq!(l.marks.iter().filter(|m| m.label.is_some()).count() + l.omitted, all.len());
            if let Err(e) = check_layout(&l) {
                prop_assert!(false, "{}", e);
            }
            let svg = draw(&l).unwrap();
            prop_assert!(svg.starts_with("<svg"));
        }
    }
}
