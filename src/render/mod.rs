//! Rendering: chart views (from `query`) to SVG strings (written by `paint`), and SVG to PNG
//! (`png`); it never reads the clock, the machine's fonts or any file, so the same view gives
//! the same bytes. Renderers only draw: what a chart shows is computed in `query`, where it
//! is on the canvas is computed here.

pub mod axis;
pub mod font;
pub mod growth;
pub mod layout;
pub mod membership;
pub mod paint;
pub mod png;
pub mod priorities;
pub mod style;
pub mod timeline;

use crate::model::Dataset;
use crate::model::PartyKind;
use crate::model::catalog::core_events;
use crate::query::chart::Credit;
use crate::query::{self, EventFilter};

/// The space between the canvas edge and the text and legends that start at the left.
pub const MARGIN: f64 = 16.0;
/// The height of one line of footer text.
pub const FOOTER_LINE_H: f64 = 15.0;
/// The vertical distance between two rows of a legend.
pub const LEGEND_ROW_H: f64 = 22.0;

/// Why a chart could not be drawn.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RenderError {
    /// The SVG could not be read back, or the PNG not encoded; `detail` says why.
    #[error("drawing failed: {detail}")]
    Draw { detail: String },
    /// A PNG of this size would not fit in memory.
    #[error(
        "a PNG of {width} × {height} pixels is too large to draw (over 100 megapixels); give a smaller --scale, or write SVG"
    )]
    TooLarge { width: u64, height: u64 },
}

/// Every chart of `convene render`, drawn from the dataset: (file name, SVG). The timeline,
/// the growth chart and the priority-area chart show every event; the membership chart the
/// core events, at most [`DEFAULT_MAX_ROWS`](query::membership::DEFAULT_MAX_ROWS) rows.
/// `source` says where the data came from, for the source lines.
pub fn charts(
    data: &Dataset,
    source: DataSource,
) -> Result<Vec<(&'static str, String)>, RenderError> {
    let all = query::events(data, &EventFilter::default());
    let t = timeline::render(
        &query::timeline::lanes(data, &all, None, &query::chart::COUNTED_BY_DEFAULT),
        &timeline::TimelineOptions {
            source,
            ..Default::default()
        },
    )?;
    let m = membership::render(
        &query::membership::matrix_of(
            data,
            &core_events(data),
            &query::membership::Spec {
                max_rows: Some(query::membership::DEFAULT_MAX_ROWS),
                ..Default::default()
            },
        ),
        &membership::MembershipOptions {
            source,
            ..Default::default()
        },
    )?;
    let g = growth::render(
        &query::growth::lines(data, &all),
        &growth::GrowthOptions {
            source,
            ..Default::default()
        },
    )?;
    let p = priorities::render(
        &query::priorities::matrix(data, &all),
        &priorities::PrioritiesOptions {
            source,
            ..Default::default()
        },
    )?;
    Ok(vec![
        ("timeline.svg", t),
        ("membership.svg", m),
        ("growth.svg", g),
        ("priorities.svg", p),
    ])
}

/// Lay legend items of the given widths out in rows from the left margin, the first row at
/// `top`, wrapping before an item that would pass the right margin of a canvas `width` wide
/// (an item wider than a whole row gets a row of its own). Returns each item's (x, y) and the
/// y of the last row.
pub fn legend_rows(
    widths: impl IntoIterator<Item = f64>,
    top: f64,
    width: f64,
) -> (Vec<(f64, f64)>, f64) {
    let (mut x, mut y) = (MARGIN, top);
    let mut at = Vec::new();
    for w in widths {
        if x + w > width - MARGIN && x > MARGIN {
            x = MARGIN;
            y += LEGEND_ROW_H;
        }
        at.push((x, y));
        x += w;
    }
    (at, y)
}

/// Where a chart's data came from, for its source line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum DataSource {
    /// The dataset shipped in the binary, which this version of convene names.
    #[default]
    Shipped,
    /// A directory the user gave (`--data`).
    Directory,
}

/// The source line every chart's footer starts with, citable as it stands: what the data is
/// (the shipped dataset is named by convene's version), how far it reaches, and `shown`, the
/// counts of what the chart shows ("24 of 54 events shown").
///
/// "Source: convene dataset v0.1.0 (events to 2026-06), 24 of 54 events shown." A repository
/// in Cargo.toml is named after the version; there is none yet.
pub fn source_line(credit: &Credit, source: DataSource, shown: &str) -> String {
    let version = env!("CARGO_PKG_VERSION");
    let name = env!("CARGO_PKG_NAME");
    let home = option_env!("CARGO_PKG_REPOSITORY")
        .filter(|u| !u.is_empty())
        .map(|u| format!(", {u}"))
        .unwrap_or_default();
    let reach = credit
        .latest
        .map(|d| format!(" (events to {})", to_the_month(&d)))
        .unwrap_or_default();
    let what = match source {
        DataSource::Shipped => format!("{name} dataset v{version}{home}"),
        DataSource::Directory => {
            format!("a dataset read from a directory by {name} v{version}{home}")
        }
    };
    format!("Source: {what}{reach}, {shown}.")
}

/// "2026-06" for a day or a month, "2026" for a year.
fn to_the_month(d: &crate::date::PartialDate) -> String {
    match d.month() {
        Some(m) => format!("{:04}-{m:02}", d.year()),
        None => format!("{:04}", d.year()),
    }
}

/// "1 event", "2 events".
/// What a count of parties counts: "distinct countries and organisations (companies not
/// counted)", or "distinct parties (countries, organisations and companies)".
pub fn counted(kinds: &[PartyKind]) -> String {
    let (what, note) = counted_parts(kinds);
    format!("distinct {what} ({note})")
}

/// [`counted`] in its two parts, for a sentence that puts the note after its verb:
/// ("countries and organisations", "companies not counted"), or ("parties", "countries,
/// organisations and companies") when every kind is counted.
pub fn counted_parts(kinds: &[PartyKind]) -> (String, String) {
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
        ("parties".into(), list(&names))
    } else {
        (list(&names), format!("{} not counted", list(&left)))
    }
}

pub fn count(n: usize, one: &str, many: &str) -> String {
    format!("{} {}", thousands(n), if n == 1 { one } else { many })
}

/// A count with its thousands set apart by commas: "100,000".
pub fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The footer every chart carries: the source line, then chart-specific notes, wrapped to
/// `width`.
pub fn footer(
    credit: &Credit,
    source: DataSource,
    shown: &str,
    notes: &str,
    width: f64,
) -> Vec<String> {
    let text = format!("{} {notes}", source_line(credit, source, shown));
    font::wrap(text.trim_end(), 11.0, false, width - 2.0 * MARGIN)
}

/// Extra notes for the footer, wrapped like it.
pub fn footer_note(text: &str, width: f64) -> Vec<String> {
    font::wrap(text, 11.0, false, width - 2.0 * MARGIN)
}

/// The height of a canvas whose footer of `lines` lines starts at `footer_y`.
pub fn height_with_footer(footer_y: f64, lines: usize) -> f64 {
    footer_y + lines as f64 * FOOTER_LINE_H + 10.0
}

/// A chart's title and subtitle, each wrapped to the canvas (a narrow chart keeps every word of
/// its title, its years included, on a second line), and the y where a legend may start.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub title: Vec<String>,
    pub subtitle: Vec<String>,
    /// The y of the first row of what follows (a legend).
    pub bottom: f64,
}

const TITLE_PX: f64 = 20.0;
const TITLE_LINE_H: f64 = 24.0;
const SUBTITLE_PX: f64 = 13.0;
const SUBTITLE_LINE_H: f64 = 17.0;

impl Header {
    pub fn new(title: &str, subtitle: &str, width: f64) -> Self {
        let room = width - 2.0 * MARGIN;
        let title = font::wrap(title, TITLE_PX, true, room);
        let subtitle = font::wrap(subtitle, SUBTITLE_PX, false, room);
        let bottom = Self::subtitle_y(title.len(), subtitle.len().max(1) - 1) + 28.0;
        Header {
            title,
            subtitle,
            bottom,
        }
    }

    fn title_y(i: usize) -> f64 {
        26.0 + TITLE_LINE_H * i as f64
    }

    fn subtitle_y(titles: usize, j: usize) -> f64 {
        Self::title_y(titles.max(1) - 1) + 24.0 + SUBTITLE_LINE_H * j as f64
    }

    /// The title and subtitle lines as drawn.
    pub fn lines(&self) -> Vec<TextLine> {
        let title = self.title.iter().enumerate().map(|(i, t)| TextLine {
            text: t.clone(),
            x: MARGIN,
            y: Self::title_y(i),
            px: TITLE_PX,
            bold: true,
        });
        let subtitle = self.subtitle.iter().enumerate().map(|(j, t)| TextLine {
            text: t.clone(),
            x: MARGIN,
            y: Self::subtitle_y(self.title.len(), j),
            px: SUBTITLE_PX,
            bold: false,
        });
        title.chain(subtitle).collect()
    }

    /// Draw the title and subtitle lines.
    pub fn draw(&self, p: &paint::Painter) -> Result<(), RenderError> {
        for l in self.lines() {
            let ink = if l.bold { paint::INK } else { paint::MUTED };
            p.text(&l.text, l.x, l.y, l.px, l.bold, ink, paint::Anchor::Start)?;
        }
        Ok(())
    }
}

/// A line of text as drawn, starting at `x`, its centre at `y`, `px` high.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    pub text: String,
    pub x: f64,
    pub y: f64,
    pub px: f64,
    pub bold: bool,
}

impl TextLine {
    /// The box the text takes: its advance width, and an em high around its centre.
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        let w = font::width(&self.text, self.px, self.bold);
        let h = self.px / 2.0;
        (self.x, self.y - h, self.x + w, self.y + h)
    }
}

/// The footer's lines as drawn from `y`.
pub fn footer_lines(lines: &[String], y: f64) -> Vec<TextLine> {
    lines
        .iter()
        .enumerate()
        .map(|(i, t)| TextLine {
            text: t.clone(),
            x: MARGIN,
            y: y + i as f64 * FOOTER_LINE_H,
            px: 11.0,
            bold: false,
        })
        .collect()
}

/// Draw footer lines from `y`.
pub fn draw_footer(p: &paint::Painter, lines: &[String], y: f64) -> Result<(), RenderError> {
    for l in footer_lines(lines, y) {
        p.text(
            &l.text,
            l.x,
            l.y,
            l.px,
            false,
            paint::MUTED,
            paint::Anchor::Start,
        )?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn legend_items_wrap_before_the_right_margin() {
        // 640 px leaves 608 between the margins: 300 + 300 fit, the third wraps.
        let (at, last) = legend_rows([300.0, 300.0, 300.0], 78.0, 640.0);
        assert_eq!(at, [(16.0, 78.0), (316.0, 78.0), (16.0, 100.0)]);
        assert_eq!(last, 100.0);
        // An item wider than a row keeps the first row rather than leaving it empty.
        let (at, last) = legend_rows([900.0, 10.0], 78.0, 640.0);
        assert_eq!(at, [(16.0, 78.0), (16.0, 100.0)]);
        assert_eq!(last, 100.0);
        assert_eq!(legend_rows([], 76.0, 640.0), (vec![], 76.0));
    }

    #[test]
    fn the_source_line_names_the_version_the_latest_date_and_what_is_shown() {
        let d = crate::load::load_embedded().unwrap();
        let c = Credit::of(&d);
        let v = env!("CARGO_PKG_VERSION");
        assert_eq!(
            source_line(&c, DataSource::Shipped, "24 of 54 events shown"),
            format!("Source: convene dataset v{v} (events to 2026-06), 24 of 54 events shown.")
        );
        assert!(
            source_line(&c, DataSource::Directory, "x").starts_with(&format!(
                "Source: a dataset read from a directory by convene v{v}"
            ))
        );
    }

    #[test]
    fn a_long_title_wraps_instead_of_losing_its_years() {
        let h = Header::new(
            "International AI safety coordination, 2023–2026",
            "54 events · 106 parties named · May 2023 to Jun 2026",
            480.0,
        );
        assert_eq!(h.title.len(), 2, "{h:?}");
        assert!(h.title[1].ends_with("2023–2026"), "{h:?}");
        assert!(
            h.title
                .iter()
                .all(|l| font::width(l, TITLE_PX, true) <= 448.0)
        );
        // One line of each, as before: the legend starts at 78.
        let wide = Header::new("Who took part", "9 events", 1200.0);
        assert_eq!(wide.bottom, 78.0);
        assert_eq!(
            h.bottom,
            78.0 + 24.0,
            "a second title line, one of subtitle"
        );
    }

    #[test]
    fn a_render_failure_reads_as_it_did_when_it_was_a_string() {
        let e = crate::error::Error::from(RenderError::Draw {
            detail: "BackendError(…)".into(),
        });
        assert_eq!(e.to_string(), "drawing failed: BackendError(…)");
        assert_eq!(e.exit_code(), 1);
    }
}
