//! Where the growth chart's labels go. Each addition's label is a box tied to its marker by a
//! leader; a label is placed only where its box and its leader touch nothing already drawn or
//! placed: no other box, leader or marker, and no line (the lines' segments are obstacles, so
//! a label may sit in any free space, not only above the total). Labels are placed in order of
//! importance (most parties added first), so when there is no room it is a small one that goes.

/// An axis-aligned box: (x0, y0) top left, (x1, y1) bottom right.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x0: f64,
    pub y0: f64,
    pub x1: f64,
    pub y1: f64,
}

impl Rect {
    fn grow(self, d: f64) -> Rect {
        Rect {
            x0: self.x0 - d,
            y0: self.y0 - d,
            x1: self.x1 + d,
            y1: self.y1 + d,
        }
    }

    fn overlaps(&self, o: &Rect) -> bool {
        self.x0 < o.x1 && o.x0 < self.x1 && self.y0 < o.y1 && o.y0 < self.y1
    }

    fn contains(&self, (x, y): (f64, f64)) -> bool {
        self.x0 <= x && x <= self.x1 && self.y0 <= y && y <= self.y1
    }

    /// The point of the box nearest to `p`.
    fn nearest(&self, (x, y): (f64, f64)) -> (f64, f64) {
        (x.clamp(self.x0, self.x1), y.clamp(self.y0, self.y1))
    }
}

pub type Pt = (f64, f64);
pub type Seg = (Pt, Pt);

/// A placed label: its text box, the marker it names, and the leader between them (none when
/// the box touches the marker).
#[derive(Debug, Clone)]
pub struct Placed {
    /// The label's lines (one, or two when only the wrapped label found room).
    pub lines: Vec<String>,
    pub rect: Rect,
    #[cfg_attr(
        not(test),
        expect(dead_code, reason = "the tests check leaders against it")
    )]
    pub point: Pt,
    pub leader: Option<Seg>,
}

/// A label to place: the ways it can be written (its lines and their box's size; the first is
/// preferred), and the marker it names.
#[derive(Debug, Clone)]
pub struct Wanted {
    pub variants: Vec<Variant>,
    pub point: Pt,
}

#[derive(Debug, Clone)]
pub struct Variant {
    pub lines: Vec<String>,
    pub w: f64,
    pub h: f64,
}

/// What a variant after the first costs, as if its leader were this much longer.
const VARIANT_COST: f64 = 24.0;

/// What labels must keep clear of.
pub struct Scene<'a> {
    /// The plot area: boxes stay inside it.
    pub plot: Rect,
    /// Every marker's centre (labelled or not), and their radius.
    pub markers: &'a [Pt],
    pub marker_r: f64,
    /// The lines as polylines, each with its x never decreasing (step lines are).
    pub lines: &'a [Vec<Pt>],
}

/// Space kept between a box and anything else, and between a leader and a line or marker.
pub const BOX_CLEAR: f64 = 2.0;
pub const LEADER_CLEAR: f64 = 1.5;
/// How far apart boxes stay.
const BOX_GAP: f64 = 3.0;
/// Horizontal distances from the marker to the box's near edge that are tried.
const GAPS: [f64; 5] = [6.0, 16.0, 32.0, 56.0, 96.0];
/// Vertical step of the search, in px.
const RISE: f64 = 4.0;

fn cross(o: Pt, a: Pt, b: Pt) -> f64 {
    (a.0 - o.0) * (b.1 - o.1) - (a.1 - o.1) * (b.0 - o.0)
}

/// Distance from point `p` to segment `s`.
pub fn point_seg_dist(p: Pt, (a, b): Seg) -> f64 {
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let len2 = dx * dx + dy * dy;
    let t = if len2 == 0.0 {
        0.0
    } else {
        (((p.0 - a.0) * dx + (p.1 - a.1) * dy) / len2).clamp(0.0, 1.0)
    };
    let (qx, qy) = (a.0 + t * dx, a.1 + t * dy);
    ((p.0 - qx).powi(2) + (p.1 - qy).powi(2)).sqrt()
}

fn segs_cross((a, b): Seg, (c, d): Seg) -> bool {
    let (d1, d2) = (cross(c, d, a), cross(c, d, b));
    let (d3, d4) = (cross(a, b, c), cross(a, b, d));
    (d1 > 0.0) != (d2 > 0.0) && (d3 > 0.0) != (d4 > 0.0) && d1 != 0.0 && d3 != 0.0
}

/// Distance between two segments (0 when they cross).
fn seg_seg_dist(s: Seg, t: Seg) -> f64 {
    if segs_cross(s, t) {
        return 0.0;
    }
    point_seg_dist(s.0, t)
        .min(point_seg_dist(s.1, t))
        .min(point_seg_dist(t.0, s))
        .min(point_seg_dist(t.1, s))
}

/// Whether segment `s` touches box `r` (Liang–Barsky clipping).
fn seg_hits_rect((a, b): Seg, r: &Rect) -> bool {
    if r.contains(a) || r.contains(b) {
        return true;
    }
    let (dx, dy) = (b.0 - a.0, b.1 - a.1);
    let (mut t0, mut t1) = (0.0f64, 1.0f64);
    for (p, q) in [
        (-dx, a.0 - r.x0),
        (dx, r.x1 - a.0),
        (-dy, a.1 - r.y0),
        (dy, r.y1 - a.1),
    ] {
        if p == 0.0 {
            if q < 0.0 {
                return false;
            }
        } else {
            let t = q / p;
            if p < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return false;
            }
        }
    }
    true
}

/// The segments of the lines that reach into `[xa, xb]`: segment i joins points i and i + 1,
/// and reaches in when x_i <= xb and x_(i+1) >= xa (each line's x never decreases).
fn segments_in(lines: &[Vec<Pt>], xa: f64, xb: f64) -> impl Iterator<Item = Seg> + '_ {
    lines.iter().flat_map(move |l| {
        let start = l.partition_point(|p| p.0 < xa).saturating_sub(1);
        let end = l
            .partition_point(|p| p.0 <= xb)
            .min(l.len().saturating_sub(1));
        (start..end.max(start)).map(move |i| (l[i], l[i + 1]))
    })
}

impl Scene<'_> {
    /// Whether a box and its leader keep clear of the scene and of the labels placed so far.
    fn clear(&self, rect: &Rect, leader: Option<Seg>, own: Pt, placed: &[Placed]) -> bool {
        let p = &self.plot;
        if rect.x0 < p.x0 || rect.x1 > p.x1 || rect.y0 < p.y0 || rect.y1 > p.y1 {
            return false;
        }
        let padded = rect.grow(BOX_CLEAR);
        let spaced = rect.grow(BOX_GAP);
        for q in placed {
            if spaced.overlaps(&q.rect) {
                return false;
            }
            if q.leader.is_some_and(|l| seg_hits_rect(l, &padded)) {
                return false;
            }
            if let Some(l) = leader {
                if seg_hits_rect(l, &q.rect.grow(BOX_CLEAR)) {
                    return false;
                }
                if q.leader.is_some_and(|m| seg_seg_dist(l, m) <= LEADER_CLEAR) {
                    return false;
                }
            }
        }
        for &m in self.markers {
            let near = padded.nearest(m);
            if ((near.0 - m.0).powi(2) + (near.1 - m.1).powi(2)).sqrt() <= self.marker_r {
                return false;
            }
            if m != own
                && leader.is_some_and(|l| point_seg_dist(m, l) <= self.marker_r + LEADER_CLEAR)
            {
                return false;
            }
        }
        if segments_in(self.lines, padded.x0, padded.x1).any(|s| seg_hits_rect(s, &padded)) {
            return false;
        }
        if let Some(l) = leader {
            let (xa, xb) = (
                l.0.0.min(l.1.0) - LEADER_CLEAR,
                l.0.0.max(l.1.0) + LEADER_CLEAR,
            );
            if segments_in(self.lines, xa, xb).any(|s| seg_seg_dist(l, s) <= LEADER_CLEAR) {
                return false;
            }
        }
        true
    }
}

/// The leader from a marker at `p` to box `r`: from the marker's edge to the box's nearest
/// point; none when the box is within a few px of the marker.
fn leader_to(p: Pt, r: &Rect, marker_r: f64) -> Option<Seg> {
    let to = r.nearest(p);
    let (dx, dy) = (to.0 - p.0, to.1 - p.1);
    let len = (dx * dx + dy * dy).sqrt();
    let start = marker_r + LEADER_CLEAR + 0.5;
    (len > start + 2.0).then(|| ((p.0 + dx / len * start, p.1 + dy / len * start), to))
}

/// Place `wanted` labels in the order given (most important first). Returns the labels
/// placed and how many found no room.
pub fn place(scene: &Scene, wanted: &[Wanted]) -> (Vec<Placed>, usize) {
    let mut placed: Vec<Placed> = Vec::new();
    let mut omitted = 0;
    for w in wanted {
        let mut best: Option<(f64, Placed)> = None;
        for (k, v) in w.variants.iter().enumerate() {
            if let Some((cost, rect, leader)) = best_spot(scene, v, w.point, &placed) {
                let cost = cost + k as f64 * VARIANT_COST;
                if best.as_ref().is_none_or(|(c, _)| cost < *c) {
                    let lines = v.lines.clone();
                    let point = w.point;
                    best = Some((
                        cost,
                        Placed {
                            lines,
                            rect,
                            point,
                            leader,
                        },
                    ));
                }
            }
        }
        match best {
            Some((_, p)) => placed.push(p),
            None => omitted += 1,
        }
    }
    (placed, omitted)
}

/// The cheapest clear spot for a box of `v`'s size naming the marker at `point`: for each
/// side, distance and direction, the first clear box going out from the marker; cost is the
/// leader's length, plus a little for the right side and more for below.
fn best_spot(
    scene: &Scene,
    v: &Variant,
    point: Pt,
    placed: &[Placed],
) -> Option<(f64, Rect, Option<Seg>)> {
    let (px, py) = point;
    let mut best: Option<(f64, Rect, Option<Seg>)> = None;
    let sides = [-1.0, 1.0];
    for (&gap, &side, down) in GAPS
        .iter()
        .flat_map(|g| sides.iter().map(move |s| (g, s)))
        .flat_map(|(g, s)| [(g, s, false), (g, s, true)])
    {
        let (bx0, bx1) = if side < 0.0 {
            (px - gap - v.w, px - gap)
        } else {
            (px + gap, px + gap + v.w)
        };
        if bx0 < scene.plot.x0 || bx1 > scene.plot.x1 {
            continue;
        }
        let near = scene.marker_r + BOX_CLEAR + 1.0;
        let mut y0 = if down { py + near } else { py - near - v.h };
        while y0 >= scene.plot.y0 && y0 + v.h <= scene.plot.y1 {
            let rect = Rect {
                x0: bx0,
                y0,
                x1: bx1,
                y1: y0 + v.h,
            };
            let leader = leader_to(point, &rect, scene.marker_r);
            if scene.clear(&rect, leader, point, placed) {
                let length = leader.map_or(0.0, |((ax, ay), (bx, by))| {
                    ((bx - ax).powi(2) + (by - ay).powi(2)).sqrt()
                });
                // Up and left of a rising step is where readers look first.
                let cost =
                    length + if side > 0.0 { 8.0 } else { 0.0 } + if down { 16.0 } else { 0.0 };
                if best.as_ref().is_none_or(|(c, _, _)| cost < *c) {
                    best = Some((cost, rect, leader));
                }
                break;
            }
            y0 += if down { RISE } else { -RISE };
        }
    }
    best
}
