//! The painter the charts draw with, in pixel coordinates: plotters elements (rectangles,
//! paths, circles, polygons, text) on a plotters drawing area, over a drawing backend of our
//! own that writes SVG a designer can edit: one element per shape (a dashed line is one path
//! with `stroke-dasharray`, a filled shape with an outline one element), groups with an id and
//! a class that name what they hold, and numbers rounded to 0.01 px. The painter adds the
//! groups and the accessibility `<title>`/`<desc>`.
//!
//! plotters' own SVG backend wrote each dash as a line of its own (a timeline of 10,000 events
//! had 124,000 of them), had no groups, and printed font sizes as `13.000000000000002`. The
//! backend works in hundredths of a pixel (plotters' coordinates are whole numbers), so a
//! position keeps the 0.01 px it is written with.

// Drawing primitives take position, size and style together; a struct per call would only hide that.
#![allow(clippy::too_many_arguments)]

use super::RenderError;
use super::font::{self, FAMILY};
use plotters::coord::Shift;
use plotters::element::{Circle, PathElement, Polygon, Rectangle, Text};
use plotters::prelude::{DrawingArea, IntoDrawingArea};
use plotters::style::text_anchor::{HPos, Pos, VPos};
use plotters::style::{FontStyle, FontTransform, IntoFont, RGBAColor, ShapeStyle, TextStyle};
use plotters_backend::{BackendColor, BackendCoord, BackendStyle, BackendTextStyle};
use plotters_backend::{DrawingBackend, DrawingErrorKind};
use std::cell::RefCell;
use std::fmt::Write as _;
use std::rc::Rc;

/// A colour with its opacity (0 to 1).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Color(pub u8, pub u8, pub u8, pub f64);

pub const fn hex(rgb: u32) -> Color {
    Color(
        ((rgb >> 16) & 0xff) as u8,
        ((rgb >> 8) & 0xff) as u8,
        (rgb & 0xff) as u8,
        1.0,
    )
}

pub fn with_alpha(c: Color, a: f64) -> Color {
    Color(c.0, c.1, c.2, a)
}

pub const INK: Color = hex(0x1a1a1a);
pub const MUTED: Color = hex(0x595959);
pub const RULE: Color = hex(0xc8c8c8);
pub const BAND: Color = hex(0xf3f3f3);
pub const WHITE_C: Color = hex(0xffffff);

/// Marker shapes: the second cue next to colour, so charts read in greyscale.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Circle,
    Square,
    Diamond,
    TriangleUp,
    TriangleDown,
    Pentagon,
    Hexagon,
    Star,
    Plus,
    Cross,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

/// A number as SVG wants it: rounded to 0.01, no trailing zeros, never "-0".
pub fn num(v: f64) -> String {
    N(v).to_string()
}

/// A number written as [`num`] writes it, straight into the output: written from whole
/// hundredths, without a string of its own, as float formatting to a precision and a string
/// per number were a third of a 10,000-event chart's drawing time.
#[derive(Debug, Clone, Copy)]
pub struct N(pub f64);

impl std::fmt::Display for N {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let h = (self.0 * SCALE).round();
        if !h.is_finite() || h.abs() >= 9.0e15 {
            return f.write_str("0");
        }
        H(h as i64).fmt(f)
    }
}

/// Backend units per pixel.
const SCALE: f64 = 100.0;

/// Hundredths of a pixel, the backend's unit, written as pixels the way [`N`] writes them.
#[derive(Debug, Clone, Copy)]
struct H(i64);

impl std::fmt::Display for H {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (sign, a) = (if self.0 < 0 { "-" } else { "" }, self.0.unsigned_abs());
        match (a / 100, a % 100) {
            (i, 0) => write!(f, "{sign}{i}"),
            (i, d) if d % 10 == 0 => write!(f, "{sign}{i}.{}", d / 10),
            (i, d) => write!(f, "{sign}{i}.{d:02}"),
        }
    }
}

/// ` fill="#RRGGBB"`, with ` fill-opacity` when not opaque (the same for `stroke`).
fn paint(attr: &str, c: Color) -> String {
    let mut s = format!(" {attr}=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2);
    if c.3 < 1.0 {
        let _ = write!(s, " {attr}-opacity=\"{}\"", N(c.3));
    }
    s
}

/// Stroke colour and width (in backend units) as attributes.
fn stroke_attrs(c: Color, width: u32) -> String {
    format!(
        "{} stroke-width=\"{}\"",
        paint("stroke", c),
        H(i64::from(width))
    )
}

/// An id or class from data, made safe for an attribute: ASCII letters (lower-cased), digits,
/// `-` and `_` stay, anything else becomes `-`.
pub fn ident(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect()
}

/// What the backend writes into, shared with the painter, which adds groups to it and sets
/// how the next shape is drawn where a plotters style has no word for it.
struct Doc {
    out: String,
    /// Groups open, closed by `finish` if the caller did not.
    open: usize,
    /// The next path's dash pattern (dash and gap in pixels).
    dash: Option<(i32, i32)>,
    /// An outline for the next filled shape, on the same element (width in backend units).
    outline: Option<(Color, u32)>,
    /// The next path is the outline of a closed shape: written as an unfilled polygon.
    closed: bool,
}

impl Doc {
    fn push(&mut self, element: &str) {
        self.out.push_str(element);
        self.out.push('\n');
    }
}

/// plotters' drawing backend over [`Doc`], in hundredths of a pixel.
struct SvgWriter {
    size: (u32, u32),
    doc: Rc<RefCell<Doc>>,
}

type BackendResult = Result<(), DrawingErrorKind<std::convert::Infallible>>;

fn color_of(c: BackendColor) -> Color {
    Color(c.rgb.0, c.rgb.1, c.rgb.2, c.alpha)
}

fn points_attr(pts: impl IntoIterator<Item = BackendCoord>) -> String {
    let mut p = String::new();
    for (i, (x, y)) in pts.into_iter().enumerate() {
        let sep = if i == 0 { "" } else { " " };
        let _ = write!(p, "{sep}{},{}", H(x.into()), H(y.into()));
    }
    p
}

impl DrawingBackend for SvgWriter {
    type ErrorType = std::convert::Infallible;

    fn get_size(&self) -> (u32, u32) {
        self.size
    }

    fn ensure_prepared(&mut self) -> BackendResult {
        Ok(())
    }

    fn present(&mut self) -> BackendResult {
        Ok(())
    }

    fn draw_pixel(&mut self, (x, y): BackendCoord, color: BackendColor) -> BackendResult {
        self.draw_rect((x, y), (x + 1, y + 1), &color, true)
    }

    fn draw_line<S: BackendStyle>(
        &mut self,
        from: BackendCoord,
        to: BackendCoord,
        style: &S,
    ) -> BackendResult {
        self.draw_path([from, to], style)
    }

    fn draw_rect<S: BackendStyle>(
        &mut self,
        (x0, y0): BackendCoord,
        (x1, y1): BackendCoord,
        style: &S,
        fill: bool,
    ) -> BackendResult {
        let (x, y) = (i64::from(x0.min(x1)), i64::from(y0.min(y1)));
        let (w, h) = (i64::from(x1.abs_diff(x0)), i64::from(y1.abs_diff(y0)));
        let c = color_of(style.color());
        let paint = if fill {
            paint("fill", c)
        } else {
            format!(" fill=\"none\"{}", stroke_attrs(c, style.stroke_width()))
        };
        self.doc.borrow_mut().push(&format!(
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\"{paint}/>",
            H(x),
            H(y),
            H(w),
            H(h)
        ));
        Ok(())
    }

    fn draw_path<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        path: I,
        style: &S,
    ) -> BackendResult {
        let mut doc = self.doc.borrow_mut();
        let (dash, closed) = (doc.dash.take(), std::mem::take(&mut doc.closed));
        let pts: Vec<BackendCoord> = path.into_iter().collect();
        if pts.len() < 2 {
            return Ok(());
        }
        let stroke = stroke_attrs(color_of(style.color()), style.stroke_width());
        if closed {
            doc.push(&format!(
                "<polygon points=\"{}\" fill=\"none\"{stroke}/>",
                points_attr(pts)
            ));
            return Ok(());
        }
        let mut d = String::new();
        for (i, &(x, y)) in pts.iter().enumerate() {
            let op = if i == 0 { "M" } else { " L" };
            let _ = write!(d, "{op}{} {}", H(x.into()), H(y.into()));
        }
        let dashes = dash
            .map(|(a, b)| format!(" stroke-dasharray=\"{a} {b}\""))
            .unwrap_or_default();
        doc.push(&format!("<path d=\"{d}\" fill=\"none\"{stroke}{dashes}/>"));
        Ok(())
    }

    fn draw_circle<S: BackendStyle>(
        &mut self,
        (x, y): BackendCoord,
        radius: u32,
        style: &S,
        fill: bool,
    ) -> BackendResult {
        let mut doc = self.doc.borrow_mut();
        let c = color_of(style.color());
        let paint = if fill {
            let outline = doc.outline.take();
            paint("fill", c) + &outline.map_or(String::new(), |(o, w)| stroke_attrs(o, w))
        } else {
            format!(" fill=\"none\"{}", stroke_attrs(c, style.stroke_width()))
        };
        doc.push(&format!(
            "<circle cx=\"{}\" cy=\"{}\" r=\"{}\"{paint}/>",
            H(x.into()),
            H(y.into()),
            H(radius.into())
        ));
        Ok(())
    }

    fn fill_polygon<S: BackendStyle, I: IntoIterator<Item = BackendCoord>>(
        &mut self,
        vert: I,
        style: &S,
    ) -> BackendResult {
        let mut doc = self.doc.borrow_mut();
        let outline = doc.outline.take();
        let points = points_attr(vert);
        if points.is_empty() {
            return Ok(());
        }
        doc.push(&format!(
            "<polygon points=\"{points}\"{}{}/>",
            paint("fill", color_of(style.color())),
            outline.map_or(String::new(), |(o, w)| stroke_attrs(o, w))
        ));
        Ok(())
    }

    fn draw_text<T: BackendTextStyle>(
        &mut self,
        text: &str,
        style: &T,
        (x, y): BackendCoord,
    ) -> BackendResult {
        let text = xml_escape(text);
        if text.is_empty() {
            return Ok(());
        }
        let Pos { h_pos, v_pos } = style.anchor();
        let anchor = match h_pos {
            HPos::Left => "start",
            HPos::Center => "middle",
            HPos::Right => "end",
        };
        let dy = match v_pos {
            VPos::Top => " dy=\"1ex\"",
            VPos::Center => " dy=\"0.5ex\"",
            VPos::Bottom => "",
        };
        let weight = match style.style() {
            FontStyle::Bold => " font-weight=\"bold\"",
            _ => "",
        };
        let (x, y) = (H(x.into()), H(y.into()));
        let turn = match style.transform() {
            FontTransform::Rotate270 => format!(" transform=\"rotate(-90 {x} {y})\""),
            _ => String::new(),
        };
        let size = H((style.size()).round() as i64);
        self.doc.borrow_mut().push(&format!(
            "<text x=\"{x}\" y=\"{y}\"{dy} text-anchor=\"{anchor}\" font-family=\"{FAMILY}\" font-size=\"{size}\"{weight}{}{turn}>{text}</text>",
            paint("fill", color_of(style.color()))
        ));
        Ok(())
    }

    fn estimate_text_size<T: BackendTextStyle>(
        &self,
        text: &str,
        style: &T,
    ) -> Result<(u32, u32), DrawingErrorKind<Self::ErrorType>> {
        let px = style.size() / SCALE;
        let bold = matches!(style.style(), FontStyle::Bold);
        let w = font::width(text, px, bold) * SCALE;
        Ok((w.round() as u32, style.size().round() as u32))
    }
}

/// Writes one SVG document into a string: created with its size, finished with
/// [`Painter::finish`]. Drawing takes `&self` so that helpers can share one painter.
pub struct Painter<'a> {
    target: &'a mut String,
    area: DrawingArea<SvgWriter, Shift>,
    doc: Rc<RefCell<Doc>>,
}

type R = Result<(), RenderError>;

fn err<E: std::fmt::Debug>(e: E) -> RenderError {
    RenderError::Draw {
        detail: format!("{e:?}"),
    }
}

/// A point in backend units.
fn pt(x: f64, y: f64) -> BackendCoord {
    ((x * SCALE).round() as i32, (y * SCALE).round() as i32)
}

/// A length in backend units.
fn units(v: f64) -> u32 {
    (v * SCALE).round().max(0.0) as u32
}

fn rgba(c: Color) -> RGBAColor {
    RGBAColor(c.0, c.1, c.2, c.3)
}

fn fill_style(c: Color) -> ShapeStyle {
    ShapeStyle {
        color: rgba(c),
        filled: true,
        stroke_width: 0,
    }
}

fn stroke_style(c: Color, width: u32) -> ShapeStyle {
    ShapeStyle {
        color: rgba(c),
        filled: false,
        stroke_width: width * SCALE as u32,
    }
}

impl<'a> Painter<'a> {
    pub fn new(buf: &'a mut String, w: u32, h: u32) -> Result<Self, RenderError> {
        font::init();
        let doc = Rc::new(RefCell::new(Doc {
            out: format!(
                "<svg width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\" xmlns=\"http://www.w3.org/2000/svg\">\n"
            ),
            open: 0,
            dash: None,
            outline: None,
            closed: false,
        }));
        let size = (units(f64::from(w)), units(f64::from(h)));
        let area = SvgWriter {
            size,
            doc: Rc::clone(&doc),
        }
        .into_drawing_area();
        area.fill(&rgba(WHITE_C)).map_err(err)?;
        Ok(Painter {
            target: buf,
            area,
            doc,
        })
    }

    /// Close any group still open and the document, and hand the SVG over.
    pub fn finish(self) -> R {
        self.area.present().map_err(err)?;
        let mut doc = self.doc.borrow_mut();
        let mut o = std::mem::take(&mut doc.out);
        for _ in 0..doc.open {
            o.push_str("</g>\n");
        }
        o.push_str("</svg>\n");
        self.target.push_str(&o);
        Ok(())
    }

    /// Open a group; what is drawn until [`Painter::end`] belongs to it. `id` (unique in the
    /// chart) and `class` name what it holds, for a designer and for tests.
    pub fn begin(&self, id: Option<&str>, class: &str) {
        let id = id
            .map(|i| format!(" id=\"{}\"", ident(i)))
            .unwrap_or_default();
        let mut doc = self.doc.borrow_mut();
        doc.push(&format!("<g{id} class=\"{}\">", xml_escape(class)));
        doc.open += 1;
    }

    /// Open a link to `href` around what is drawn until [`Painter::end_link`], named `title`
    /// (its `<title>`: what a screen reader says, and a tooltip). A link that is not
    /// `focusable` (a second one to the same address, for the mouse) is left out of the tab
    /// order and of what a screen reader reads, which has met the first.
    pub fn begin_link(&self, href: &str, title: &str, focusable: bool) {
        let tab = if focusable {
            ""
        } else {
            " tabindex=\"-1\" aria-hidden=\"true\""
        };
        self.doc.borrow_mut().push(&format!(
            "<a href=\"{}\"{tab}><title>{}</title>",
            xml_escape(href),
            xml_escape(title)
        ));
    }

    /// Close the link opened last.
    pub fn end_link(&self) {
        self.doc.borrow_mut().push("</a>");
    }

    /// Close the group opened last.
    pub fn end(&self) {
        let mut doc = self.doc.borrow_mut();
        if doc.open > 0 {
            doc.open -= 1;
            doc.push("</g>");
        }
    }

    pub fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Color) -> R {
        let r = Rectangle::new([pt(x0, y0), pt(x1, y1)], fill_style(fill));
        self.area.draw(&r).map_err(err)
    }

    pub fn rect_outline(&self, x0: f64, y0: f64, x1: f64, y1: f64, stroke: Color, width: u32) -> R {
        let r = Rectangle::new([pt(x0, y0), pt(x1, y1)], stroke_style(stroke, width));
        self.area.draw(&r).map_err(err)
    }

    /// A line through `pts`, as one path.
    pub fn line(&self, pts: &[(f64, f64)], stroke: Color, width: u32) -> R {
        let path: Vec<BackendCoord> = pts.iter().map(|&(x, y)| pt(x, y)).collect();
        let e = PathElement::new(path, stroke_style(stroke, width));
        self.area.draw(&e).map_err(err)
    }

    /// A dashed line through `pts`: one path with `stroke-dasharray`.
    pub fn dashed(&self, pts: &[(f64, f64)], stroke: Color, width: u32, dash: i32, gap: i32) -> R {
        self.doc.borrow_mut().dash = Some((dash, gap));
        let drawn = self.line(pts, stroke, width);
        self.doc.borrow_mut().dash = None;
        drawn
    }

    /// A circle, filled, outlined or both (one element).
    pub fn circle(
        &self,
        x: f64,
        y: f64,
        r: f64,
        fill: Option<Color>,
        stroke: Option<(Color, u32)>,
    ) -> R {
        let r = units(r.max(0.5));
        let (style, outline) = match (fill, stroke) {
            (Some(f), s) => (fill_style(f), s.map(|(c, w)| (c, w * SCALE as u32))),
            (None, Some((c, w))) => (stroke_style(c, w), None),
            (None, None) => return Ok(()),
        };
        self.doc.borrow_mut().outline = outline;
        let drawn = self
            .area
            .draw(&Circle::new(pt(x, y), r, style))
            .map_err(err);
        self.doc.borrow_mut().outline = None;
        drawn
    }

    /// A polygon, filled, outlined or both (one element).
    pub fn polygon(
        &self,
        pts: &[(f64, f64)],
        fill: Option<Color>,
        stroke: Option<(Color, u32)>,
    ) -> R {
        if pts.is_empty() {
            return Ok(());
        }
        let points: Vec<BackendCoord> = pts.iter().map(|&(x, y)| pt(x, y)).collect();
        let drawn = match (fill, stroke) {
            (Some(f), s) => {
                self.doc.borrow_mut().outline = s.map(|(c, w)| (c, w * SCALE as u32));
                self.area.draw(&Polygon::new(points, fill_style(f)))
            }
            (None, Some((c, w))) => {
                self.doc.borrow_mut().closed = true;
                self.area
                    .draw(&PathElement::new(points, stroke_style(c, w)))
            }
            (None, None) => return Ok(()),
        };
        let mut doc = self.doc.borrow_mut();
        (doc.outline, doc.closed) = (None, false);
        drawn.map_err(err)
    }

    /// A marker of `shape` centred at (x, y) with "radius" r. Hollow markers have a white fill.
    pub fn marker(
        &self,
        shape: Shape,
        x: f64,
        y: f64,
        r: f64,
        color: Color,
        outline: Color,
        hollow: bool,
    ) -> R {
        let fill = Some(if hollow {
            with_alpha(WHITE_C, color.3)
        } else {
            color
        });
        let stroke = Some((
            if hollow { color } else { outline },
            if hollow { 2 } else { 1 },
        ));
        let poly = |n: usize, rot: f64, rr: f64| -> Vec<(f64, f64)> {
            (0..n)
                .map(|i| {
                    let a = rot + i as f64 * std::f64::consts::TAU / n as f64;
                    (x + rr * a.cos(), y + rr * a.sin())
                })
                .collect()
        };
        let up = -std::f64::consts::FRAC_PI_2;
        match shape {
            Shape::Circle => self.circle(x, y, r, fill, stroke),
            Shape::Square => {
                let s = r * 0.85;
                self.polygon(
                    &[
                        (x - s, y - s),
                        (x + s, y - s),
                        (x + s, y + s),
                        (x - s, y + s),
                    ],
                    fill,
                    stroke,
                )
            }
            Shape::Diamond => self.polygon(&poly(4, up, r * 1.15), fill, stroke),
            Shape::TriangleUp => self.polygon(&poly(3, up, r * 1.2), fill, stroke),
            Shape::TriangleDown => self.polygon(&poly(3, -up, r * 1.2), fill, stroke),
            Shape::Pentagon => self.polygon(&poly(5, up, r * 1.05), fill, stroke),
            Shape::Hexagon => self.polygon(&poly(6, 0.0, r * 1.05), fill, stroke),
            Shape::Star => {
                let outer = poly(5, up, r * 1.3);
                let inner = poly(5, up + std::f64::consts::PI / 5.0, r * 0.55);
                let pts: Vec<(f64, f64)> = outer
                    .iter()
                    .zip(&inner)
                    .flat_map(|(a, b)| [*a, *b])
                    .collect();
                self.polygon(&pts, fill, stroke)
            }
            Shape::Plus | Shape::Cross => {
                let t = r * 0.38;
                let arm = r * 1.1;
                let base = [
                    (-t, -arm),
                    (t, -arm),
                    (t, -t),
                    (arm, -t),
                    (arm, t),
                    (t, t),
                    (t, arm),
                    (-t, arm),
                    (-t, t),
                    (-arm, t),
                    (-arm, -t),
                    (-t, -t),
                ];
                let rot = if shape == Shape::Cross {
                    std::f64::consts::FRAC_PI_4
                } else {
                    0.0
                };
                let (s, c) = rot.sin_cos();
                let pts: Vec<(f64, f64)> = base
                    .iter()
                    .map(|&(px, py)| (x + px * c - py * s, y + px * s + py * c))
                    .collect();
                self.polygon(&pts, fill, stroke)
            }
        }
    }

    /// Text at (x, y): `y` is the vertical centre of the text.
    pub fn text(
        &self,
        s: &str,
        x: f64,
        y: f64,
        px: f64,
        bold: bool,
        color: Color,
        anchor: Anchor,
    ) -> R {
        let h = match anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        self.text_element(s, (x, y), px, bold, color, h, FontTransform::None)
    }

    /// Draw what `draw` draws inside a link to `href` (an `<a>` element) whose `<title>`,
    /// shown on hover, is `title`. Only http(s) addresses are linked; any other keeps the
    /// title alone, in a group of class `link`.
    pub fn link(&self, href: &str, title: &str, draw: impl FnOnce(&Self) -> R) -> R {
        let web = href.starts_with("https://") || href.starts_with("http://");
        {
            let mut doc = self.doc.borrow_mut();
            if web {
                doc.push(&format!(
                    "<a href=\"{}\" class=\"link\"><title>{}</title>",
                    xml_escape(href),
                    xml_escape(title)
                ));
            } else {
                doc.push(&format!(
                    "<g class=\"link\"><title>{}</title>",
                    xml_escape(title)
                ));
            }
        }
        let drawn = draw(self);
        self.doc
            .borrow_mut()
            .push(if web { "</a>" } else { "</g>" });
        drawn
    }

    /// Text rotated to read bottom-to-top, its start at (x, y).
    pub fn text_up(&self, s: &str, x: f64, y: f64, px: f64, color: Color) -> R {
        let turn = FontTransform::Rotate270;
        self.text_element(s, (x, y), px, false, color, HPos::Left, turn)
    }

    fn text_element(
        &self,
        s: &str,
        (x, y): (f64, f64),
        px: f64,
        bold: bool,
        color: Color,
        h: HPos,
        transform: FontTransform,
    ) -> R {
        let weight = if bold {
            FontStyle::Bold
        } else {
            FontStyle::Normal
        };
        let color = rgba(color);
        let style = TextStyle::from((FAMILY, px * SCALE, weight).into_font())
            .color(&color)
            .pos(Pos::new(h, VPos::Center))
            .transform(transform);
        self.area.draw(&Text::new(s, pt(x, y), style)).map_err(err)
    }
}

/// Escape text for XML content.
pub fn xml_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in font::svg_safe(s).chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c => out.push(c),
        }
    }
    out
}

/// [`accessible`] for a chart whose parts are links: a `group` named by its `<title>`, not an
/// `img`, whose parts a screen reader never reaches (and whose links would be controls nested
/// in an image).
pub fn accessible_group(svg: String, title: &str, desc: &str) -> String {
    accessible(svg, title, desc).replacen(" role=\"img\">", " role=\"group\">", 1)
}

/// Add `<title>` and `<desc>` (for screen readers) and `role="img"` to a finished SVG.
pub fn accessible(svg: String, title: &str, desc: &str) -> String {
    let Some(start) = svg.find("<svg") else {
        return svg;
    };
    let Some(end) = svg[start..].find('>').map(|e| start + e) else {
        return svg;
    };
    let mut out = String::with_capacity(svg.len() + title.len() + desc.len() + 64);
    out.push_str(&svg[..end]);
    out.push_str(" role=\"img\">\n<title>");
    out.push_str(&xml_escape(title));
    out.push_str("</title>\n<desc>");
    out.push_str(&xml_escape(desc));
    out.push_str("</desc>");
    out.push_str(&svg[end + 1..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_rounded_to_a_hundredth_without_float_noise() {
        assert_eq!(num(13.000000000000002), "13");
        assert_eq!(num(11.5), "11.5");
        assert_eq!(num(0.554), "0.55");
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(1234.5678), "1234.57");
        assert_eq!(num(-2.05), "-2.05");
        assert_eq!(num(0.5), "0.5");
        assert_eq!(num(-0.3), "-0.3");
    }

    #[test]
    fn a_dashed_line_is_one_path_and_groups_nest_and_close() {
        let mut buf = String::new();
        let p = Painter::new(&mut buf, 100, 50).unwrap();
        p.begin(Some("lane-ai summits"), "lane");
        p.dashed(&[(0.0, 0.0), (100.0, 0.0), (100.0, 50.0)], INK, 1, 3, 2)
            .unwrap();
        p.begin(None, "marks");
        p.text(
            "a < b",
            1.0,
            2.0,
            11.5,
            false,
            with_alpha(MUTED, 0.5),
            Anchor::Start,
        )
        .unwrap();
        p.finish().unwrap();
        let doc = roxmltree::Document::parse(&buf).unwrap();
        let paths: Vec<_> = doc
            .descendants()
            .filter(|n| n.has_tag_name("path"))
            .collect();
        assert_eq!(paths.len(), 1);
        assert_eq!(paths[0].attribute("d"), Some("M0 0 L100 0 L100 50"));
        assert_eq!(paths[0].attribute("stroke-dasharray"), Some("3 2"));
        let g = doc.descendants().find(|n| n.has_tag_name("g")).unwrap();
        assert_eq!(g.attribute("id"), Some("lane-ai-summits"));
        let t = doc.descendants().find(|n| n.has_tag_name("text")).unwrap();
        assert_eq!(t.text(), Some("a < b"));
        assert_eq!(t.attribute("fill-opacity"), Some("0.5"));
        assert_eq!(t.parent().and_then(|g| g.attribute("class")), Some("marks"));
    }
}
