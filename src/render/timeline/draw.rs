//! Drawing a computed [`Layout`]: every position comes from the layout; this only paints.

use super::*;

/// Draw a computed layout.
pub fn draw(l: &Layout) -> Result<String, RenderError> {
    let mut buf = String::new();
    {
        let p = Painter::new(&mut buf, l.width as u32, l.height.ceil() as u32)?;
        l.header.draw(&p)?;
        draw_legend(&p, l)?;
        draw_lanes(&p, l)?;
        if let Some(axis) = &l.axis {
            draw_axis(&p, l, axis)?;
        }
        draw_marks(&p, l)?;
        crate::render::draw_footer(&p, &l.footer, l.footer_y)?;
        p.finish()?;
    }
    Ok(accessible(buf, &l.title, &l.desc))
}

/// The kinds shown, then the other keys.
fn draw_legend(p: &Painter, l: &Layout) -> Result<(), RenderError> {
    for &(k, x, y) in &l.legend.kinds {
        let (c, s) = kind_style(k);
        p.marker(s, x + 8.0, y, MARKER_R, c, INK, false)?;
        let t = kind_text(k, x, y);
        p.text(&t.text, t.x, t.y, t.px, false, INK, Anchor::Start)?;
    }
    for key in &l.legend.keys {
        let (ex, y) = (MARGIN, key.y);
        match key.swatch {
            Swatch::Imprecise => {
                let (a, b) = (ex, ex + KEY_SWATCH_W);
                p.rect(a, y - 6.0, b, y + 6.0, with_alpha(MUTED, 0.15))?;
                p.dashed(
                    &[
                        (a, y - 6.0),
                        (b, y - 6.0),
                        (b, y + 6.0),
                        (a, y + 6.0),
                        (a, y - 6.0),
                    ],
                    MUTED,
                    1,
                    3,
                    2,
                )?;
                p.circle(ex + 18.0, y, MARKER_R, Some(WHITE_C), Some((MUTED, 2)))?;
            }
            Swatch::Presence(pr) => {
                let c = kind_style(EventKind::Summit).0;
                presence_marker(p, Shape::Circle, ex + 18.0, y, c, false, Some(pr))?;
            }
        }
        for t in key.text_lines() {
            p.text(&t.text, t.x, t.y, t.px, t.bold, INK, Anchor::Start)?;
        }
    }
    Ok(())
}

/// Alternate lanes banded, each with its name at the left (or above it).
fn draw_lanes(p: &Painter, l: &Layout) -> Result<(), RenderError> {
    for (i, lane) in l.lanes.iter().enumerate() {
        if i % 2 == 0 {
            p.rect(8.0, lane.top, l.width - 8.0, lane.bottom, BAND)?;
        }
        for t in lane.name_lines() {
            p.text(&t.text, t.x, t.y, t.px, true, INK, Anchor::Start)?;
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
        let len = if t.major { 7.0 } else { 4.0 };
        p.line(&[(t.x, l.axis_y), (t.x, l.axis_y + len)], MUTED, 1)?;
    }
    for t in l.axis_labels() {
        p.text(&t.text, t.x, t.y, t.px, false, INK, Anchor::Start)?;
    }
    p.line(&[(axis.x0, l.axis_y), (axis.x1, l.axis_y)], MUTED, 1)
}

/// Spans, then leaders, then markers, then labels (so labels sit on top).
fn draw_marks(p: &Painter, l: &Layout) -> Result<(), RenderError> {
    for m in &l.marks {
        let (c, _) = kind_style(m.kind);
        let alpha = match m.presence {
            Some(Presence::Absent) => 0.25,
            Some(Presence::Unknown) => 0.45,
            _ => 1.0,
        };
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
            let col = with_alpha(MUTED, if m.dimmed() { 0.3 } else { 0.8 });
            let from = if cy > m.y {
                m.y + MARKER_R + 1.0
            } else {
                m.y - MARKER_R - 1.0
            };
            p.line(&[(m.x, from), (m.x, cy), (edge, cy)], col, 1)?;
        }
    }
    // Markers spread apart are tied to their true date by a thin line ending in a tick there.
    for m in l.marks.iter().filter(|m| m.dodged()) {
        let col = with_alpha(MUTED, if m.dimmed() { 0.3 } else { 0.8 });
        let end = m.y + MARKER_ZONE / 2.0 - 1.0;
        p.line(&[(m.x, m.y + MARKER_R), (m.true_x, end)], col, 1)?;
        p.line(&[(m.true_x, end - TICK), (m.true_x, end + 1.0)], col, 1)?;
    }
    for m in &l.marks {
        let (c, s) = kind_style(m.kind);
        presence_marker(p, s, m.x, m.y, c, m.imprecise, m.presence)?;
    }
    for m in &l.marks {
        if let Some(lb) = &m.label {
            let cy = mid(lb.bbox.1, lb.bbox.3);
            // a halo in the lane's colour keeps gridlines out of the text
            let bg = if m.lane % 2 == 0 { BAND } else { WHITE_C };
            p.rect(lb.bbox.0 - 1.0, lb.bbox.1, lb.bbox.2 + 1.0, lb.bbox.3, bg)?;
            let col = match m.presence {
                Some(Presence::Absent) => with_alpha(MUTED, 0.55),
                Some(Presence::Unknown) => MUTED,
                _ => INK,
            };
            p.text(&lb.text, lb.bbox.0, cy, LABEL_PX, false, col, Anchor::Start)?;
        }
    }
    Ok(())
}

/// A marker as the highlighted party's part in its event draws it: as it is when the party
/// took part (or none is highlighted); with a × at its shoulder when it was there but did not
/// sign; pale inside a dashed ring when nobody can tell (the list is incomplete), never faint
/// as if absent; faint when it is absent from a complete list.
fn presence_marker(
    p: &Painter,
    shape: Shape,
    x: f64,
    y: f64,
    c: Color,
    hollow: bool,
    presence: Option<Presence>,
) -> Result<(), RenderError> {
    let alpha = match presence {
        Some(Presence::Absent) => 0.3,
        Some(Presence::Unknown) => 0.45,
        _ => 1.0,
    };
    p.marker(
        shape,
        x,
        y,
        MARKER_R,
        with_alpha(c, alpha),
        with_alpha(INK, alpha),
        hollow,
    )?;
    match presence {
        Some(Presence::DidNotSign) => {
            let (bx, by, r) = (x + MARKER_R + 1.0, y - MARKER_R - 1.0, 3.5);
            p.circle(bx, by, r + 1.5, Some(WHITE_C), None)?;
            p.line(&[(bx - r, by - r), (bx + r, by + r)], INK, 2)?;
            p.line(&[(bx - r, by + r), (bx + r, by - r)], INK, 2)
        }
        Some(Presence::Unknown) => {
            let r = MARKER_R + 3.0;
            let ring: Vec<(f64, f64)> = (0..=24)
                .map(|i| {
                    let a = f64::from(i) * std::f64::consts::TAU / 24.0;
                    (x + r * a.cos(), y + r * a.sin())
                })
                .collect();
            p.dashed(&ring, INK, 1, 2, 2)
        }
        _ => Ok(()),
    }
}
