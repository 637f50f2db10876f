//! Drawing a computed [`Layout`]: every position comes from the layout; this only paints.

use super::*;

/// Draw a computed layout.
pub fn draw(l: &Layout) -> Result<String, RenderError> {
    let mut buf = String::new();
    {
        let p = Painter::new(&mut buf, l.width as u32, l.height.ceil() as u32)?;
        p.begin(Some("header"), "header");
        l.header.draw(&p)?;
        p.end();
        p.begin(Some("legend"), "legend");
        draw_legend(&p, l)?;
        p.end();
        for (i, lane) in l.lanes.iter().enumerate() {
            p.begin(Some(&format!("lane-{}", lane.series)), "lane");
            draw_lane(&p, l, i)?;
            draw_marks(&p, l, i)?;
            p.end();
        }
        if let Some(axis) = &l.axis {
            p.begin(Some("axis"), "axis");
            draw_axis(&p, l, axis)?;
            p.end();
        }
        p.begin(Some("footer"), "footer");
        crate::render::draw_footer(&p, &l.footer, l.footer_y)?;
        p.end();
        p.finish()?;
    }
    Ok(match l.links {
        Some(_) => accessible_group(buf, &l.title, &l.desc),
        None => accessible(buf, &l.title, &l.desc),
    })
}

/// The kinds shown, then the other keys.
fn draw_legend(p: &Painter, l: &Layout) -> Result<(), RenderError> {
    for &(k, x, y) in &l.legend.kinds {
        p.begin(Some(&format!("legend-{}", k.as_str())), "legend-kind");
        let (c, s) = kind_style(k);
        p.marker(s, x + 8.0, y, MARKER_R, c, INK, false)?;
        let t = kind_text(k, x, y);
        p.text(&t.text, t.x, t.y, t.px, false, INK, Anchor::Start)?;
        p.end();
    }
    for key in &l.legend.keys {
        let id = match key.swatch {
            Swatch::Imprecise => "legend-imprecise",
            Swatch::Presence(Presence::TookPart) => "legend-took-part",
            Swatch::Presence(Presence::DidNotSign) => "legend-did-not-sign",
            Swatch::Presence(Presence::Unknown) => "legend-unknown",
            Swatch::Presence(Presence::Absent) => "legend-absent",
            Swatch::Density => "legend-density",
        };
        p.begin(Some(id), "legend-key");
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
            Swatch::Density => {
                for (i, h) in [4.0, 8.0, 12.0].into_iter().enumerate() {
                    let a = ex + 6.0 + i as f64 * 9.0;
                    p.rect(a, y + 6.0 - h, a + 7.0, y + 6.0, DENSITY)?;
                }
            }
        }
        for t in key.text_lines() {
            p.text(&t.text, t.x, t.y, t.px, t.bold, INK, Anchor::Start)?;
        }
        p.end();
    }
    Ok(())
}

/// Lane `i`'s band (every other lane), the year gridlines across it, and its name at the
/// left (or above it).
fn draw_lane(p: &Painter, l: &Layout, i: usize) -> Result<(), RenderError> {
    let lane = &l.lanes[i];
    if i.is_multiple_of(2) {
        p.rect(8.0, lane.top, l.width - 8.0, lane.bottom, BAND)?;
    }
    if let Some(axis) = &l.axis {
        // The last lane's gridlines reach down to the axis.
        let bottom = if i + 1 == l.lanes.len() {
            l.axis_y
        } else {
            lane.bottom
        };
        for t in axis.ticks().iter().filter(|t| t.major) {
            p.dashed(&[(t.x, lane.top), (t.x, bottom)], RULE, 1, 2, 3)?;
        }
    }
    for t in lane.name_lines() {
        p.text(&t.text, t.x, t.y, t.px, true, INK, Anchor::Start)?;
    }
    if let Some(d) = &lane.density {
        p.begin(None, "density");
        for &(a, b, n) in &d.bars {
            p.rect(a, d.base - bar_height(n, d.tallest), b, d.base, DENSITY)?;
        }
        p.end();
    }
    Ok(())
}

/// The colour of density bars: the palette's blue, a little light.
const DENSITY: Color = hex(0x0072B2);

/// The axis's ticks and date labels (the gridlines are drawn across each lane).
fn draw_axis(p: &Painter, l: &Layout, axis: &DateAxis) -> Result<(), RenderError> {
    for t in axis.ticks() {
        let len = if t.major { 7.0 } else { 4.0 };
        p.line(&[(t.x, l.axis_y), (t.x, l.axis_y + len)], MUTED, 1)?;
    }
    for t in l.axis_labels() {
        p.text(&t.text, t.x, t.y, t.px, false, INK, Anchor::Start)?;
    }
    p.line(&[(axis.x0, l.axis_y), (axis.x1, l.axis_y)], MUTED, 1)
}

/// The class naming the highlighted party's part in an event ("" when none is highlighted).
fn presence_class(m: &EventMark) -> &'static str {
    match m.presence {
        None => "",
        Some(Presence::TookPart) => " took-part",
        Some(Presence::DidNotSign) => " did-not-sign",
        Some(Presence::Unknown) => " unknown",
        Some(Presence::Absent) => " absent",
    }
}

/// The marks of lane `lane`, in layers so that labels sit on top: spans, then leaders, then
/// the ties of dodged markers, then markers, then labels; each layer a group, each event's
/// marker and label a group with its id.
fn draw_marks(p: &Painter, l: &Layout, lane: usize) -> Result<(), RenderError> {
    let marks: Vec<&EventMark> = l.marks.iter().filter(|m| m.lane == lane).collect();
    p.begin(None, "spans");
    for m in &marks {
        draw_span(p, m)?;
    }
    p.end();
    p.begin(None, "leaders");
    for m in &marks {
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
    p.end();
    // Markers spread apart are tied to their true date by a thin line ending in a tick there.
    p.begin(None, "ties");
    for m in marks.iter().filter(|m| m.dodged()) {
        let col = with_alpha(MUTED, if m.dimmed() { 0.3 } else { 0.8 });
        let end = m.y + MARKER_ZONE / 2.0 - 1.0;
        p.line(&[(m.x, m.y + MARKER_R), (m.true_x, end)], col, 1)?;
        p.line(&[(m.true_x, end - TICK), (m.true_x, end + 1.0)], col, 1)?;
    }
    p.end();
    // With links, each marker is a link named by its event, and its label a second link to the
    // same page, out of the tab order, so that a keyboard meets each event once.
    let href = |m: &EventMark| l.links.as_ref().map(|t| t.replace("{id}", &m.id));
    p.begin(None, "markers");
    for m in &marks {
        let (c, s) = kind_style(m.kind);
        let class = format!("marker {}{}", m.kind.as_str(), presence_class(m));
        let link = href(m);
        if let Some(h) = &link {
            p.begin_link(h, &m.name, true);
        }
        p.begin(Some(&format!("marker-{}", m.id)), &class);
        presence_marker(p, s, m.x, m.y, c, m.imprecise, m.presence)?;
        p.end();
        if link.is_some() {
            p.end_link();
        }
    }
    p.end();
    p.begin(None, "labels");
    for m in &marks {
        if let Some(lb) = &m.label {
            let class = format!("label {}{}", m.kind.as_str(), presence_class(m));
            let link = href(m);
            if let Some(h) = &link {
                p.begin_link(h, &m.name, false);
            }
            p.begin(Some(&format!("label-{}", m.id)), &class);
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
            p.end();
            if link.is_some() {
                p.end_link();
            }
        }
    }
    p.end();
    Ok(())
}

/// An event's span: a dashed box across the month or year of an imprecise date, a bar for a
/// precise one of several days.
fn draw_span(p: &Painter, m: &EventMark) -> Result<(), RenderError> {
    let (c, _) = kind_style(m.kind);
    let alpha = match m.presence {
        Some(Presence::Absent) => 0.25,
        Some(Presence::Unknown) => 0.45,
        _ => 1.0,
    };
    let Some((a, b)) = m.span else {
        return Ok(());
    };
    if m.imprecise {
        let (t, u) = (m.y - 7.0, m.y + 7.0);
        p.rect(a, t, b, u, with_alpha(c, 0.18 * alpha))?;
        let edge = [(a, t), (b, t), (b, u), (a, u), (a, t)];
        p.dashed(&edge, with_alpha(c, alpha), 1, 3, 2)
    } else {
        p.rect(a, m.y - 4.0, b, m.y + 4.0, with_alpha(c, 0.45 * alpha))
    }
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
