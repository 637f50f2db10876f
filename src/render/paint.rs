//! A thin painter over plotters' SVG backend, in pixel coordinates: the only code that calls
//! plotters. Shapes, text with our font, and the accessibility `<title>`/`<desc>` that plotters
//! does not write.

// Drawing primitives take position, size and style together; a struct per call would only hide that.
#![allow(clippy::too_many_arguments)]

use super::RenderError;
use super::font::{self, FAMILY};
use plotters::coord::Shift;
use plotters::element::DashedPathElement;
use plotters::prelude::*;
use plotters::style::Color as _;
use plotters::style::text_anchor::{HPos, Pos, VPos};

pub type Color = RGBAColor;

pub const fn hex(rgb: u32) -> Color {
    RGBAColor(
        ((rgb >> 16) & 0xff) as u8,
        ((rgb >> 8) & 0xff) as u8,
        (rgb & 0xff) as u8,
        1.0,
    )
}

pub fn with_alpha(c: Color, a: f64) -> Color {
    RGBAColor(c.0, c.1, c.2, a)
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

pub struct Painter<'a> {
    area: DrawingArea<SVGBackend<'a>, Shift>,
}

type R = Result<(), RenderError>;

fn err<E: std::fmt::Debug>(e: E) -> RenderError {
    RenderError::Draw {
        detail: format!("{e:?}"),
    }
}

fn pt(x: f64, y: f64) -> (i32, i32) {
    (x.round() as i32, y.round() as i32)
}

impl<'a> Painter<'a> {
    pub fn new(buf: &'a mut String, w: u32, h: u32) -> Result<Self, RenderError> {
        font::init();
        let area = SVGBackend::with_string(buf, (w, h)).into_drawing_area();
        area.fill(&WHITE).map_err(err)?;
        Ok(Painter { area })
    }

    pub fn finish(self) -> R {
        self.area.present().map_err(err)
    }

    pub fn rect(&self, x0: f64, y0: f64, x1: f64, y1: f64, fill: Color) -> R {
        self.area
            .draw(&Rectangle::new([pt(x0, y0), pt(x1, y1)], fill.filled()))
            .map_err(err)
    }

    pub fn rect_outline(&self, x0: f64, y0: f64, x1: f64, y1: f64, stroke: Color, width: u32) -> R {
        self.area
            .draw(&Rectangle::new(
                [pt(x0, y0), pt(x1, y1)],
                stroke.stroke_width(width),
            ))
            .map_err(err)
    }

    pub fn line(&self, pts: &[(f64, f64)], stroke: Color, width: u32) -> R {
        let p: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| pt(x, y)).collect();
        self.area
            .draw(&PathElement::new(p, stroke.stroke_width(width)))
            .map_err(err)
    }

    pub fn dashed(&self, pts: &[(f64, f64)], stroke: Color, width: u32, dash: i32, gap: i32) -> R {
        let p: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| pt(x, y)).collect();
        self.area
            .draw(&DashedPathElement::new(
                p,
                dash,
                gap,
                stroke.stroke_width(width),
            ))
            .map_err(err)
    }

    pub fn circle(
        &self,
        x: f64,
        y: f64,
        r: f64,
        fill: Option<Color>,
        stroke: Option<(Color, u32)>,
    ) -> R {
        let c = pt(x, y);
        let r = r.round().max(1.0) as i32;
        if let Some(f) = fill {
            self.area
                .draw(&Circle::new(c, r, f.filled()))
                .map_err(err)?;
        }
        if let Some((s, w)) = stroke {
            self.area
                .draw(&Circle::new(c, r, s.stroke_width(w)))
                .map_err(err)?;
        }
        Ok(())
    }

    pub fn polygon(
        &self,
        pts: &[(f64, f64)],
        fill: Option<Color>,
        stroke: Option<(Color, u32)>,
    ) -> R {
        let p: Vec<(i32, i32)> = pts.iter().map(|&(x, y)| pt(x, y)).collect();
        if let Some(f) = fill {
            self.area
                .draw(&Polygon::new(p.clone(), f.filled()))
                .map_err(err)?;
        }
        if let Some((s, w)) = stroke {
            let mut closed = p.clone();
            closed.push(p[0]);
            self.area
                .draw(&PathElement::new(closed, s.stroke_width(w)))
                .map_err(err)?;
        }
        Ok(())
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
        let safe = font::svg_safe(s);
        if safe.is_empty() {
            return Ok(());
        }
        let h = match anchor {
            Anchor::Start => HPos::Left,
            Anchor::Middle => HPos::Center,
            Anchor::End => HPos::Right,
        };
        // plotters writes font-size = size / 1.24; undo that so `px` is the CSS size.
        let style = FontDesc::new(
            FontFamily::Name(FAMILY),
            px * 1.24,
            if bold {
                FontStyle::Bold
            } else {
                FontStyle::Normal
            },
        )
        .color(&color)
        .pos(Pos::new(h, VPos::Center));
        self.area
            .draw(&Text::new(safe, pt(x, y), style))
            .map_err(err)
    }

    /// Text rotated to read bottom-to-top, its start at (x, y).
    pub fn text_up(&self, s: &str, x: f64, y: f64, px: f64, color: Color) -> R {
        let safe = font::svg_safe(s);
        let style = FontDesc::new(FontFamily::Name(FAMILY), px * 1.24, FontStyle::Normal)
            .transform(FontTransform::Rotate270)
            .color(&color)
            .pos(Pos::new(HPos::Left, VPos::Center));
        self.area
            .draw(&Text::new(safe, pt(x, y), style))
            .map_err(err)
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
