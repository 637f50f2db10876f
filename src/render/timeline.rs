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
use super::{MARGIN, RenderError, TextLine, legend_rows};
use crate::model::{EventId, EventKind};
use crate::query::timeline::{self as view, Presence, Timeline};

mod check;
mod draw;
#[cfg(test)]
mod tests;

pub use check::{check_layout, text_boxes};
pub use draw::draw;

#[derive(Debug, Clone)]
pub struct TimelineOptions {
    pub width: u32,
    pub title: Option<String>,
    /// Where the data came from, for the source line.
    pub source: super::DataSource,
    /// The address of each event's page, `{id}` standing for its id (`../events/{id}.html`):
    /// each marker and label then links there (the site's pages). `None`: no links.
    pub links: Option<String>,
}

/// The default width in pixels. Every label of the shipped dataset (54 events, 2023–2026) is
/// placed from 480 px up; lanes grow taller as the chart narrows.
pub const DEFAULT_WIDTH: u32 = 1400;

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions {
            width: DEFAULT_WIDTH,
            title: None,
            source: super::DataSource::Shipped,
            links: None,
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
/// Footer notes, each only when the chart has what it explains.
const IMPRECISE_NOTE: &str =
    "Hollow markers on dashed spans: the date is known only to the month or year.";
const DODGE_NOTE: &str = "Markers of events on the same or nearby days are set side by side, each tied to its date by a thin line.";

/// How far apart spread markers are set (their diameter and a gap).
const MARKER_STEP: f64 = 2.0 * MARKER_R + 4.0;
/// The height of a density band's bars at their tallest.
const DENSE_BAR_H: f64 = 36.0;

/// The most events a lane can show as markers between `x0` and `x1`: as many as fit side by
/// side. Beyond it markers are pushed off their dates into a solid row, and most labels are
/// left out, so such a lane is drawn as a density band instead.
pub fn marker_capacity(x0: f64, x1: f64) -> usize {
    ((x1 - x0) / MARKER_STEP).floor().max(1.0) as usize
}

/// What a density band counts events per.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Bin {
    Week,
    Month,
}

impl Bin {
    fn name(self) -> &'static str {
        match self {
            Bin::Week => "week",
            Bin::Month => "month",
        }
    }
    /// Per week when the chart spans up to two years, else per month.
    fn for_span(days: i64) -> Self {
        if days <= 731 { Bin::Week } else { Bin::Month }
    }
    /// The first and last day of the bin holding `d`.
    fn of(self, d: chrono::NaiveDate) -> (chrono::NaiveDate, chrono::NaiveDate) {
        use chrono::Datelike;
        match self {
            Bin::Week => {
                let monday = d - chrono::Days::new(u64::from(d.weekday().num_days_from_monday()));
                (monday, monday + chrono::Days::new(6))
            }
            Bin::Month => {
                let first = d.with_day(1).unwrap_or(d);
                let last = crate::date::last_day_of_month(d.year(), d.month());
                (first, d.with_day(last).unwrap_or(d))
            }
        }
    }
}

/// A lane drawn as a density band: a bar per week or month with events, its height the number
/// of events that start in it against the tallest bar of the chart.
#[derive(Debug, Clone)]
pub struct Density {
    pub bin: Bin,
    /// Each bar: its left and right x, and how many events it counts.
    pub bars: Vec<(f64, f64, u32)>,
    /// The y of the bars' base.
    pub base: f64,
    /// The tallest bar's count among all the chart's bands: the scale.
    pub tallest: u32,
}

/// A rectangle in canvas pixels: (x0, y0, x1, y1).
pub type Rect = (f64, f64, f64, f64);

#[derive(Debug, Clone)]
pub struct EventMark {
    pub event: EventId,
    /// The event's id in the dataset (for the SVG's element ids).
    pub id: String,
    /// Its label and date ("Bletchley summit, 1–2 Nov 2023"): a link's name when it has one.
    pub name: String,
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
    /// The highlighted party's part in the event, if a party is highlighted.
    pub presence: Option<Presence>,
    pub label: Option<LabelMark>,
    /// The marker's bounding box.
    pub marker_box: Rect,
}

impl EventMark {
    /// Drawn faint: the highlighted party is absent from the event's complete list.
    pub fn dimmed(&self) -> bool {
        self.presence == Some(Presence::Absent)
    }

    /// The marker was set aside from its date (by more than half its radius), so a line ties
    /// it to a tick at its true date.
    pub fn dodged(&self) -> bool {
        (self.x - self.true_x).abs() > MARKER_R / 2.0
    }
}

/// The height of the tick at a dodged marker's true date.
const TICK: f64 = 5.0;

#[derive(Debug, Clone)]
pub struct LabelMark {
    pub text: String,
    pub bbox: Rect,
}

#[derive(Debug, Clone)]
pub struct Lane {
    /// The series' id ("other" for events in no series), for the SVG's group id.
    pub series: String,
    /// The series' name, in lines, and the y of the first line's centre.
    pub name: Vec<String>,
    pub name_y: f64,
    pub top: f64,
    pub bottom: f64,
    /// Drawn as a density band rather than a marker per event.
    pub density: Option<Density>,
}

/// The legend: a key per kind shown, in rows, then a row (or more, wrapped) per other key.
#[derive(Debug, Clone)]
pub struct Legend {
    pub kinds: Vec<(EventKind, f64, f64)>,
    pub keys: Vec<Key>,
    pub bottom: f64,
}

/// A legend key: a swatch at the left margin and its text in lines, the first at `y`.
#[derive(Debug, Clone)]
pub struct Key {
    pub swatch: Swatch,
    pub lines: Vec<String>,
    pub y: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Swatch {
    /// A hollow marker on a dashed span: a date known only to the month or year.
    Imprecise,
    /// A marker as the highlighted party's part in the event draws it.
    Presence(Presence),
    /// A bar of a density band.
    Density,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub width: f64,
    pub height: f64,
    /// The title, whole (for the SVG's `<title>`), and the header as drawn.
    pub title: String,
    pub header: super::Header,
    pub legend: Legend,
    /// Lane names sit above their lanes (a narrow chart) instead of in a column at the left.
    pub names_above: bool,
    pub lanes: Vec<Lane>,
    pub marks: Vec<EventMark>,
    pub axis: Option<DateAxis>,
    pub axis_y: f64,
    pub footer: Vec<String>,
    pub footer_y: f64,
    pub omitted: usize,
    pub desc: String,
    /// Where each event's marker and label link to ([`TimelineOptions::links`]).
    pub links: Option<String>,
}

fn mid(a: f64, b: f64) -> f64 {
    (a + b) / 2.0
}

/// Below this width lane names go above their lanes, so the dates get the whole width.
const NAMES_ABOVE_BELOW: f64 = 800.0;
/// Legend keys: the swatch's width and the text's distance from the margin.
const KEY_SWATCH_W: f64 = 36.0;
const KEY_TEXT_DX: f64 = 44.0;
const KEY_LINE_H: f64 = 15.0;

/// Compute the whole chart's geometry.
pub fn layout(t: &Timeline, opts: &TimelineOptions) -> Layout {
    let w = f64::from(opts.width.clamp(480, 20_000));
    let names_above = w < NAMES_ABOVE_BELOW;
    let (x0, x1) = if names_above {
        (MARGIN + 8.0, w - MARGIN - 8.0)
    } else {
        (MARGIN + LANE_LABEL_W + 12.0, w - 24.0)
    };
    let title = opts.title.clone().unwrap_or_else(|| default_title(t));
    let subtitle = subtitle(t);
    let header = super::Header::new(&title, &subtitle, w);
    let capacity = marker_capacity(x0, x1);
    let bin = t.span.map(|(a, b)| Bin::for_span((b - a).num_days()));
    let tallest = match bin {
        Some(bin) => tallest_bar(t, bin, capacity),
        None => 0,
    };
    // Which entries are drawn as markers (not counted in a density band): the legend keys
    // only what is drawn.
    let mut marked = vec![true; t.entries.len()];
    for lane in t.lanes.iter().filter(|l| l.entries.len() > capacity) {
        for &i in &lane.entries {
            marked[i] = false;
        }
    }
    let dense = bin.filter(|_| tallest > 0).map(|b| (b, tallest));
    let legend = legend(t, header.bottom, w, &marked, dense);
    let mut y = legend.bottom + 26.0;

    // Lanes by series; labels claim room in order of importance.
    let mut order: Vec<usize> = (0..t.entries.len()).collect();
    order.sort_by_key(|&i| (t.entries[i].importance(), i));
    let mut ranks = vec![0u32; order.len()];
    for (r, &i) in order.iter().enumerate() {
        ranks[i] = r as u32;
    }
    let axis = t.span.map(|(a, b)| DateAxis::covering(a, b, x0, x1));
    let mut lanes = Vec::new();
    let mut marks = Vec::new();
    let mut omitted = 0;
    if let Some(axis) = &axis {
        for lane in &t.lanes {
            let at = LanePlace {
                index: lanes.len(),
                top: y,
                names_above,
                width: w,
            };
            let (l, m, o) = if lane.entries.len() > capacity
                && let Some(bin) = bin
            {
                (
                    lay_dense_lane(t, lane, axis, &at, (bin, tallest)),
                    Vec::new(),
                    0,
                )
            } else {
                lay_lane(t, lane, axis, &at, &ranks)
            };
            y = l.bottom;
            lanes.push(l);
            marks.extend(m);
            omitted += o;
        }
    }
    let axis_y = y + 2.0;
    let footer_y = axis_y + 40.0;
    let mut notes: Vec<String> = Vec::new();
    if marks.iter().any(|m: &EventMark| m.imprecise) {
        notes.push(IMPRECISE_NOTE.into());
    }
    if marks.iter().any(|m: &EventMark| m.dodged()) {
        notes.push(DODGE_NOTE.into());
    }
    let dense: Vec<&Lane> = lanes.iter().filter(|l| l.density.is_some()).collect();
    if let (Some(bin), Some(_)) = (bin, dense.first()) {
        notes.push(format!(
            "{} more events than fit side by side ({capacity} at this width) {}: bar height is the events per {} (see the legend).",
            if dense.len() == 1 { "A lane with" } else { "Lanes with" },
            if dense.len() == 1 { "is drawn as a density band" } else { "are drawn as density bands" },
            bin.name()
        ));
        if let Some(h) = &t.highlight {
            notes.push(format!(
                "A band counts every event in its lane: whether {} took part is not shown there.",
                h.id
            ));
        }
    }
    if omitted > 0 {
        notes.push(format!(
            "{} did not fit and {} left out.",
            super::count(omitted, "label", "labels"),
            if omitted == 1 { "is" } else { "are" }
        ));
    }
    let notes = notes.join(" ");
    let shown = format!(
        "{} of {} shown",
        super::thousands(t.entries.len()),
        super::count(t.credit.events, "event", "events")
    );
    let footer = super::footer(&t.credit, opts.source, &shown, &notes, w);
    let height = super::height_with_footer(footer_y, footer.len());
    let desc = timeline_desc(t, &subtitle);
    Layout {
        width: w,
        height,
        title,
        header,
        legend,
        names_above,
        lanes,
        marks,
        axis,
        axis_y,
        footer,
        footer_y,
        omitted,
        desc,
        links: opts.links.clone(),
    }
}

/// The tallest bar of the chart's density bands (0: none), so that every band is drawn to
/// one scale.
fn tallest_bar(t: &Timeline, bin: Bin, capacity: usize) -> u32 {
    let mut tallest = 0;
    for lane in t.lanes.iter().filter(|l| l.entries.len() > capacity) {
        for (_, n) in bins(t, lane, bin) {
            tallest = tallest.max(n);
        }
    }
    tallest
}

/// A lane's events counted per bin, oldest bin first: (the bin's first day, its count).
fn bins(t: &Timeline, lane: &view::Lane, bin: Bin) -> Vec<(chrono::NaiveDate, u32)> {
    let mut firsts: Vec<chrono::NaiveDate> = lane
        .entries
        .iter()
        .map(|&i| bin.of(t.entries[i].first_day).0)
        .collect();
    firsts.sort_unstable();
    let mut out: Vec<(chrono::NaiveDate, u32)> = Vec::new();
    for d in firsts {
        match out.last_mut() {
            Some((last, n)) if *last == d => *n += 1,
            _ => out.push((d, 1)),
        }
    }
    out
}

/// Lay out a lane as a density band: its name as for any lane, and a bar per bin.
fn lay_dense_lane(
    t: &Timeline,
    lane: &view::Lane,
    axis: &DateAxis,
    at: &LanePlace,
    (bin, tallest): (Bin, u32),
) -> Lane {
    let top = at.top;
    let (name, name_y, bottom) = frame(&lane.name, at, DENSE_BAR_H + 8.0);
    let base = bottom - LANE_PAD - 4.0;
    let bars = bins(t, lane, bin)
        .into_iter()
        .map(|(first, n)| {
            let (a, b) = (
                axis.x(first.max(axis.start)),
                axis.x_end(bin.of(first).1.min(axis.end)),
            );
            (a, b.max(a + 1.0), n)
        })
        .collect();
    Lane {
        series: lane.series.clone().unwrap_or_else(|| "other".to_string()),
        name,
        name_y,
        top,
        bottom,
        density: Some(Density {
            bin,
            bars,
            base,
            tallest,
        }),
    }
}

/// A bar's height for `n` events against the tallest bar's `tallest`: at least 2 px, so that
/// a bin with one event shows.
pub fn bar_height(n: u32, tallest: u32) -> f64 {
    (f64::from(n) / f64::from(tallest.max(1)) * DENSE_BAR_H).max(2.0)
}

/// The legend from `top`: the kinds shown, in rows wrapped to the width, then the other keys
/// (with `dense`, the density bands' bin and tallest bar).
fn legend(t: &Timeline, top: f64, w: f64, marked: &[bool], dense: Option<(Bin, u32)>) -> Legend {
    let drawn = || {
        t.entries
            .iter()
            .zip(marked)
            .filter(|(_, m)| **m)
            .map(|(e, _)| e)
    };
    let shown_kinds: Vec<EventKind> = t
        .kinds
        .iter()
        .copied()
        .filter(|&k| drawn().any(|e| e.kind == k))
        .collect();
    let (at, mut y) = legend_rows(
        shown_kinds
            .iter()
            .map(|k| 22.0 + font::width(k.as_str(), 12.0, false) + 18.0),
        top,
        w,
    );
    let kinds = shown_kinds
        .iter()
        .zip(at)
        .map(|(&k, (x, y))| (k, x, y))
        .collect();
    let mut wanted: Vec<(Swatch, String)> = Vec::new();
    if drawn().any(|e| e.imprecise) {
        wanted.push((Swatch::Imprecise, IMPRECISE_KEY.to_string()));
    }
    if let Some(h) = &t.highlight {
        for p in [
            Presence::TookPart,
            Presence::DidNotSign,
            Presence::Unknown,
            Presence::Absent,
        ] {
            let n = drawn().filter(|e| e.presence == Some(p)).count();
            if n > 0 {
                wanted.push((Swatch::Presence(p), presence_key(p, &h.id, n)));
            }
        }
    }
    if let Some((bin, tallest)) = dense {
        wanted.push((
            Swatch::Density,
            format!(
                "density band: events per {}, bar height to scale; the tallest bar is {}",
                bin.name(),
                super::count(tallest as usize, "event", "events")
            ),
        ));
    }
    let mut keys = Vec::new();
    for (swatch, text) in wanted {
        let dx = KEY_TEXT_DX;
        y += if keys.is_empty() && shown_kinds.is_empty() {
            0.0
        } else {
            super::LEGEND_ROW_H
        };
        let lines = font::wrap(&text, 12.0, false, w - 2.0 * MARGIN - dx);
        let key = Key { swatch, lines, y };
        y += (key.lines.len().max(1) - 1) as f64 * KEY_LINE_H;
        keys.push(key);
    }
    Legend {
        kinds,
        keys,
        bottom: y,
    }
}

/// What a legend line says of a state of the highlighted party `id`, at `n` events.
fn presence_key(p: Presence, id: &str, n: usize) -> String {
    let events = super::count(n, "event", "events");
    match p {
        Presence::TookPart => {
            format!("{id} took part ({events}): signatory, member, participant or host")
        }
        Presence::DidNotSign => format!("{id} was there but did not sign, or observed ({events})"),
        Presence::Unknown => format!("{id} not named, list incomplete: unknown ({events})"),
        Presence::Absent => format!("{id} not in the complete list: did not take part ({events})"),
    }
}

/// "International AI safety coordination, 2023–2026" (or of one year, or of none); with a
/// party highlighted, "United Kingdom (GBR) in international AI safety coordination, …".
fn default_title(t: &Timeline) -> String {
    use chrono::Datelike;
    let subject = match &t.highlight {
        Some(h) => format!(
            "{} ({}) in international AI safety coordination",
            h.name, h.id
        ),
        None => "International AI safety coordination".to_string(),
    };
    match t.span {
        Some((a, b)) if a.year() != b.year() => format!("{subject}, {}–{}", a.year(), b.year()),
        Some((a, _)) => format!("{subject}, {}", a.year()),
        None => subject,
    }
}

/// "12 events · 40 countries and organisations took part · Nov 2023 to Feb 2026".
fn subtitle(t: &Timeline) -> String {
    let n = t.entries.len();
    let span_txt = match t.span {
        Some((a, b)) => format!(" · {} to {}", a.format("%b %Y"), b.format("%b %Y")),
        None => String::new(),
    };
    let (kinds, note) = super::counted_parts(&t.counted);
    format!(
        "{} · {} {kinds} took part ({note}){span_txt}",
        super::count(n, "event", "events"),
        super::thousands(t.parties),
    )
}

/// Where a lane goes: its number, its top, and whether its name goes above it on a canvas
/// `width` wide.
struct LanePlace {
    index: usize,
    top: f64,
    names_above: bool,
    width: f64,
}

const NAME_LINE_H: f64 = 15.0;

/// A lane's name, wrapped, the y of its first line, and the lane's bottom, for a lane whose
/// contents are `body` high: the name above the contents on a narrow chart, else beside them
/// at the left (the lane as tall as the taller of the two).
fn frame(name: &str, at: &LanePlace, body: f64) -> (Vec<String>, f64, f64) {
    let top = at.top;
    if at.names_above {
        let name = font::wrap(name, 12.0, true, at.width - 2.0 * MARGIN);
        let head = name.len() as f64 * NAME_LINE_H;
        let name_y = top + LANE_PAD + NAME_LINE_H / 2.0;
        (name, name_y, top + LANE_PAD + head + body + LANE_PAD)
    } else {
        let name = font::wrap(name, 12.0, true, LANE_LABEL_W);
        let name_h = name.len() as f64 * NAME_LINE_H + 2.0 * LANE_PAD;
        let bottom = top + (LANE_PAD * 2.0 + body).max(name_h);
        let name_y = mid(top, bottom) - (name.len() as f64 - 1.0) * NAME_LINE_H / 2.0;
        (name, name_y, bottom)
    }
}

/// Lay out a lane where `at` says: its markers (spread where they would overlap), its labels
/// in rows above and under them, and its height. Returns the lane, its marks and how many
/// labels found no room.
fn lay_lane(
    t: &Timeline,
    lane: &view::Lane,
    axis: &DateAxis,
    at: &LanePlace,
    ranks: &[u32],
) -> (Lane, Vec<EventMark>, usize) {
    let (index, top) = (at.index, at.top);
    let (x0, x1) = (axis.x0, axis.x1);
    let entries: Vec<&view::Entry> = lane.entries.iter().map(|&i| &t.entries[i]).collect();
    // True centres first, then spread markers that would overlap.
    let centres: Vec<f64> = entries
        .iter()
        .map(|e| mid(axis.x(e.first_day), axis.x_end(e.last_day)))
        .collect();
    let xs = layout::dodge(&centres, 2.0 * MARKER_R + 4.0, x0 + MARKER_R, x1 - MARKER_R);
    let mut reqs = Vec::new();
    let mut texts: Vec<Vec<String>> = Vec::new();
    let mut partial: Vec<EventMark> = Vec::new();
    for (((e, &x), &true_x), &i) in entries.iter().zip(&xs).zip(&centres).zip(&lane.entries) {
        let (sx0, sx1) = (axis.x(e.first_day), axis.x_end(e.last_day));
        let span = if e.imprecise || sx1 - sx0 >= 3.0 {
            Some((sx0, sx1))
        } else {
            None
        };
        let (options, widths) = label_texts(e, layout::room(x, x0, x1)).into_iter().unzip();
        reqs.push(Request {
            x,
            widths,
            rank: ranks[i],
        });
        texts.push(options);
        partial.push(EventMark {
            event: e.event,
            id: e.id.clone(),
            name: format!("{}, {}", e.label, e.when),
            lane: index,
            kind: e.kind,
            x,
            true_x,
            y: 0.0,
            span,
            imprecise: e.imprecise,
            presence: e.presence,
            label: None,
            marker_box: (0.0, 0.0, 0.0, 0.0),
        });
    }
    let placed = layout::place(&reqs, x0, x1, MAX_ROWS);
    let omitted = placed.iter().filter(|p| p.is_none()).count();
    let rows = |under: bool| {
        placed
            .iter()
            .flatten()
            .filter(|p| p.under == under)
            .map(|p| p.row + 1)
            .max()
            .unwrap_or(0) as f64
    };
    let (up, down) = (rows(false), rows(true));
    let body = (up + down) * ROW_H + MARKER_ZONE;
    let (name, name_y, bottom) = frame(&lane.name, at, body);
    let marker_y = bottom - LANE_PAD - down * ROW_H - MARKER_ZONE / 2.0;
    let mut marks = Vec::with_capacity(partial.len());
    for ((mut m, p), options) in partial.into_iter().zip(placed).zip(texts) {
        m.y = marker_y;
        m.marker_box = (
            m.x - MARKER_R - 2.0,
            marker_y - MARKER_R - 2.0,
            m.x + MARKER_R + 2.0,
            marker_y + MARKER_R + 2.0,
        );
        if let Some(p) = p {
            let out = MARKER_ZONE / 2.0 + ROW_H * (p.row as f64 + 0.5);
            let cy = if p.under {
                marker_y + out
            } else {
                marker_y - out
            };
            m.label = Some(LabelMark {
                text: options[p.text].clone(),
                bbox: (
                    p.left,
                    cy - ROW_H / 2.0 + 2.0,
                    p.right,
                    cy + ROW_H / 2.0 - 2.0,
                ),
            });
        }
        marks.push(m);
    }
    let lane = Lane {
        series: lane.series.clone().unwrap_or_else(|| "other".to_string()),
        name,
        name_y,
        top,
        bottom,
        density: None,
    };
    (lane, marks, omitted)
}

/// The texts a label may show, fullest first, each no wider than `room`: the label with its
/// date, with its date to the month, without a date, and as a last resort the label cut short
/// (never a date cut short).
fn label_texts(e: &view::Entry, room: f64) -> Vec<(String, f64)> {
    let label = font::svg_safe(&e.label);
    let mut out: Vec<(String, f64)> = Vec::new();
    for t in [
        format!("{label}, {}", e.when),
        format!("{label}, {}", e.when_month),
        label.clone(),
    ] {
        if out.iter().any(|(o, _)| *o == t) {
            continue;
        }
        let w = font::width(&t, LABEL_PX, false);
        if w <= room {
            out.push((t, w));
        }
    }
    if out.is_empty() {
        let cut = font::fit(&label, LABEL_PX, false, room);
        if cut.chars().count() > 4 {
            let w = font::width(&cut, LABEL_PX, false);
            out.push((cut, w));
        }
    }
    out
}

/// A text alternative for screen readers: what the chart shows, event by event (capped).
fn timeline_desc(t: &Timeline, subtitle: &str) -> String {
    let mut d = format!("Timeline of international AI safety coordination events: {subtitle}. ");
    for (i, e) in t.entries.iter().enumerate() {
        if i == 60 {
            d.push_str(&format!("… and {} more.", t.entries.len() - 60));
            break;
        }
        let part = match (&t.highlight, e.presence) {
            (Some(h), Some(p)) => format!("; {}", presence_phrase(p, &h.id)),
            _ => String::new(),
        };
        d.push_str(&format!("{} ({}, {}{part}). ", e.label, e.kind, e.when));
    }
    d
}

/// "GBR took part", for the text alternative.
fn presence_phrase(p: Presence, id: &str) -> String {
    match p {
        Presence::TookPart => format!("{id} took part"),
        Presence::DidNotSign => format!("{id} was there but did not sign"),
        Presence::Unknown => format!("whether {id} took part is unknown"),
        Presence::Absent => format!("{id} did not take part"),
    }
}

/// Lay out and draw.
pub fn render(t: &Timeline, opts: &TimelineOptions) -> Result<String, RenderError> {
    draw(&layout(t, opts))
}

impl Layout {
    /// Every text the chart draws but the event labels, where it is drawn: the header, the
    /// legend, the lane names, the axis labels and the footer.
    pub fn texts(&self) -> Vec<TextLine> {
        let mut out = self.header.lines();
        out.extend(
            self.legend
                .kinds
                .iter()
                .map(|&(k, x, y)| kind_text(k, x, y)),
        );
        out.extend(self.legend.keys.iter().flat_map(Key::text_lines));
        out.extend(self.lanes.iter().flat_map(Lane::name_lines));
        out.extend(self.axis_labels());
        out.extend(super::footer_lines(&self.footer, self.footer_y));
        out
    }

    /// The axis's date labels, each kept inside the canvas; one that being kept inside would
    /// meet the label before it is left out.
    fn axis_labels(&self) -> Vec<TextLine> {
        let Some(axis) = &self.axis else {
            return Vec::new();
        };
        let mut out: Vec<TextLine> = Vec::new();
        for t in axis.ticks() {
            let Some(text) = t.label else { continue };
            let w = font::width(&text, 12.0, false);
            let x = t.x.clamp(8.0 + w / 2.0, self.width - 8.0 - w / 2.0) - w / 2.0;
            if out.last().is_some_and(|p| p.bbox().2 + 4.0 > x) {
                continue;
            }
            out.push(TextLine {
                text,
                x,
                y: self.axis_y + 19.0,
                px: 12.0,
                bold: false,
            });
        }
        out
    }
}

/// The name of a kind in the legend, beside its marker at (x, y).
fn kind_text(k: EventKind, x: f64, y: f64) -> TextLine {
    TextLine {
        text: k.as_str().to_string(),
        x: x + 22.0,
        y,
        px: 12.0,
        bold: false,
    }
}

impl Key {
    /// The key's text, beside its swatch.
    fn text_lines(&self) -> Vec<TextLine> {
        let (dx, note) = (KEY_TEXT_DX, false);
        self.lines
            .iter()
            .enumerate()
            .map(|(i, t)| TextLine {
                text: t.clone(),
                x: MARGIN + dx,
                y: self.y + i as f64 * KEY_LINE_H,
                px: 12.0,
                bold: note,
            })
            .collect()
    }
}

impl Lane {
    fn name_lines(&self) -> Vec<TextLine> {
        self.name
            .iter()
            .enumerate()
            .map(|(j, t)| TextLine {
                text: t.clone(),
                x: MARGIN,
                y: self.name_y + j as f64 * NAME_LINE_H,
                px: 12.0,
                bold: true,
            })
            .collect()
    }
}
