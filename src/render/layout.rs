//! Label placement for the timeline: pure geometry, no drawing.
//!
//! Each event has a marker at `x` on the lane's marker line and wants a label `w` pixels wide.
//! Labels sit in rows stacked above the marker line, each joined to its marker by a vertical
//! leader at `x`. A placement is valid when, within a lane: no two labels in a row overlap (with
//! a gap); no leader passes through another label; every label lies within `[xmin, xmax]`.
//! Labels never meet markers because markers live below row 0. Events are placed greedily from
//! right to left, lowest free row first, right of the marker when it fits, else left: a label
//! reaching right can only cover markers already placed, and goes above their labels, which
//! gives the usual staircase instead of a low label blocking every leader behind it. A label that
//! finds no row within `max_rows` is left out (and counted by the caller).

/// Horizontal distance from a marker's leader to its label.
pub const OFFSET: f64 = 5.0;
/// Minimum gap between two labels in a row, and between a leader and a label.
pub const GAP: f64 = 6.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Request {
    pub x: f64,
    pub w: f64,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    pub row: usize,
    pub left: f64,
    pub right: f64,
}

/// Room for a label of an event at `x`: the wider of the two sides.
pub fn room(x: f64, xmin: f64, xmax: f64) -> f64 {
    ((xmax - (x + OFFSET)).max((x - OFFSET) - xmin)).max(0.0)
}

/// Spread markers that would overlap: `xs` are desired centres. This is isotonic regression
/// with a minimum gap (pool adjacent violators): markers keep their order, each group of
/// touching markers is centred on its members' mean, and the total squared displacement is the
/// least possible. The gap is `spacing`, or less when a lane holds more markers than fit side
/// by side, so a dense lane stays at its dates (markers overlap) instead of drifting. A group
/// of coinciding markers (a crowd on one day) spreads at most `MAX_SPREAD` markers wide, or its
/// members' own extent if that is wider. All stay within `[xmin, xmax]` where they fit.
pub fn dodge(xs: &[f64], spacing: f64, xmin: f64, xmax: f64) -> Vec<f64> {
    const MAX_SPREAD: f64 = 8.0;
    let n = xs.len();
    if n == 0 {
        return Vec::new();
    }
    let gap = spacing.min((xmax - xmin).max(0.0) / n as f64);
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]).then(a.cmp(&b)));
    // Pool adjacent violators on y_k = x_k - k * gap: blocks of (first, count, sum of y).
    let mut blocks: Vec<(usize, usize, f64)> = Vec::new();
    for (k, &i) in order.iter().enumerate() {
        blocks.push((k, 1, xs[i] - k as f64 * gap));
        while blocks.len() > 1 {
            let b = blocks[blocks.len() - 1];
            let a = blocks[blocks.len() - 2];
            if a.2 / a.1 as f64 <= b.2 / b.1 as f64 {
                break;
            }
            blocks.pop();
            let last = blocks.len() - 1;
            blocks[last] = (a.0, a.1 + b.1, a.2 + b.2);
        }
    }
    let mut out = vec![0.0; n];
    for &(first, count, sum) in &blocks {
        let level = sum / count as f64; // every member sits at level + k * gap
        let natural: Vec<f64> = (first..first + count)
            .map(|k| level + k as f64 * gap)
            .collect();
        let mid = (natural[0] + natural[count - 1]) / 2.0;
        // A crowd of coinciding markers spreads no wider than MAX_SPREAD markers (or its extent).
        let extent = xs[order[first + count - 1]] - xs[order[first]];
        let width = (natural[count - 1] - natural[0]).min((MAX_SPREAD * spacing).max(extent));
        let step = if count > 1 {
            width / (count - 1) as f64
        } else {
            0.0
        };
        let half = width / 2.0;
        let centre = mid.clamp(xmin + half, (xmax - half).max(xmin + half));
        for j in 0..count {
            out[order[first + j]] = centre - half + j as f64 * step;
        }
    }
    out
}

/// A bucketed index over placed labels so that placement stays near-linear for thousands of
/// events: labels are found by the `x` range they cover.
struct Index {
    bucket: f64,
    cells: Vec<Vec<usize>>,
    xmin: f64,
}

impl Index {
    fn new(xmin: f64, xmax: f64) -> Self {
        let bucket = 64.0;
        let n = (((xmax - xmin) / bucket).ceil() as usize).clamp(1, 1 << 20) + 2;
        Index {
            bucket,
            cells: vec![Vec::new(); n],
            xmin,
        }
    }
    fn range(&self, a: f64, b: f64) -> std::ops::RangeInclusive<usize> {
        let last = self.cells.len() - 1;
        let ia = (((a - self.xmin) / self.bucket).floor().max(0.0) as usize).min(last);
        let ib = (((b - self.xmin) / self.bucket).floor().max(0.0) as usize).min(last);
        ia..=ib
    }
    fn insert(&mut self, a: f64, b: f64, id: usize) {
        for i in self.range(a, b) {
            self.cells[i].push(id);
        }
    }
}

/// Place labels for one lane. `reqs` may be in any order; results are in the same order.
///
/// 1. Sides: right of the marker where it fits the canvas, else left. Two labels that would
///    cover each other's markers (one reaching right over the other, the other reaching left
///    over the first) can never both be placed, so such a right label flips left; flips run
///    from right to left, so they cascade away from the edge.
/// 2. Order: a label covering another marker must sit above that marker's label, so covered
///    markers are placed first (a topological order; ties from right to left).
/// 3. Rows: each label takes the lowest row that breaks no rule, trying its side first.
pub fn place(reqs: &[Request], xmin: f64, xmax: f64, max_rows: usize) -> Vec<Option<Placement>> {
    let n = reqs.len();
    let valid: Vec<bool> = reqs
        .iter()
        .map(|r| r.x.is_finite() && r.w.is_finite() && r.w > 0.0)
        .collect();
    let fits = |a: f64, b: f64| a >= xmin - 1e-9 && b <= xmax + 1e-9;
    let right_box = |i: usize| (reqs[i].x + OFFSET, reqs[i].x + OFFSET + reqs[i].w);
    let left_box = |i: usize| (reqs[i].x - OFFSET - reqs[i].w, reqs[i].x - OFFSET);
    let mut by_x: Vec<usize> = (0..n).filter(|&i| valid[i]).collect();
    by_x.sort_by(|&a, &b| reqs[a].x.total_cmp(&reqs[b].x).then(a.cmp(&b)));
    let xs_sorted: Vec<f64> = by_x.iter().map(|&i| reqs[i].x).collect();
    // markers whose x lies in [a, b]
    let covered = |a: f64, b: f64| {
        let lo = xs_sorted.partition_point(|&x| x < a);
        let hi = xs_sorted.partition_point(|&x| x <= b);
        lo..hi
    };

    // 1. sides (true = right)
    let mut right: Vec<bool> = (0..n)
        .map(|i| {
            valid[i] && {
                let (a, b) = right_box(i);
                fits(a, b)
            }
        })
        .collect();
    for &i in by_x.iter().rev() {
        if !right[i] {
            continue;
        }
        let (a, b) = right_box(i);
        let mutual = covered(a - 2.0, b + 2.0).any(|k| {
            let j = by_x[k];
            j != i && !right[j] && {
                let (la, lb) = left_box(j);
                reqs[i].x >= la - 2.0 && reqs[i].x <= lb + 2.0
            }
        });
        if mutual {
            let (la, lb) = left_box(i);
            if fits(la, lb) {
                right[i] = false;
            }
        }
    }
    let bx = |i: usize| if right[i] { right_box(i) } else { left_box(i) };

    // 2. order: j before i when i's label covers j's marker
    let mut indeg = vec![0usize; n];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &i in &by_x {
        let (a, b) = bx(i);
        for k in covered(a - 2.0, b + 2.0) {
            let j = by_x[k];
            if j != i {
                after[j].push(i);
                indeg[i] += 1;
            }
        }
    }
    let mut heap: std::collections::BinaryHeap<(OrdF64, std::cmp::Reverse<usize>)> = by_x
        .iter()
        .filter(|&&i| indeg[i] == 0)
        .map(|&i| (OrdF64(reqs[i].x), std::cmp::Reverse(i)))
        .collect();
    let mut order = Vec::with_capacity(by_x.len());
    let mut done = vec![false; n];
    while let Some((_, std::cmp::Reverse(i))) = heap.pop() {
        order.push(i);
        done[i] = true;
        for &k in &after[i] {
            indeg[k] -= 1;
            if indeg[k] == 0 {
                heap.push((OrdF64(reqs[k].x), std::cmp::Reverse(k)));
            }
        }
    }
    // Cycles cannot arise once mutual covers are gone; if they do, the rest follow right to left.
    order.extend(by_x.iter().rev().filter(|&&i| !done[i]));

    // 3. rows
    let mut out: Vec<Option<Placement>> = vec![None; n];
    let mut placed: Vec<(usize, Placement)> = Vec::new();
    let mut index = Index::new(xmin, xmax);
    let mut leaders = Index::new(xmin, xmax);
    for &i in &order {
        let x = reqs[i].x;
        let first = bx(i);
        let other = if right[i] { left_box(i) } else { right_box(i) };
        let sides: Vec<(f64, f64)> = [first, other]
            .into_iter()
            .filter(|&(a, b)| fits(a, b))
            .collect();
        'sides: for &(a, b) in &sides {
            for row in 0..max_rows {
                if row_ok(&index, &leaders, &placed, reqs, x, a, b, row) {
                    let p = Placement {
                        row,
                        left: a,
                        right: b,
                    };
                    out[i] = Some(p);
                    index.insert(a, b, placed.len());
                    leaders.insert(x, x, placed.len());
                    placed.push((i, p));
                    break 'sides;
                }
            }
        }
    }
    out
}

/// f64 with a total order, for the heap.
#[derive(Debug, Clone, Copy, PartialEq)]
struct OrdF64(f64);
impl Eq for OrdF64 {}
impl PartialOrd for OrdF64 {
    fn partial_cmp(&self, o: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(o))
    }
}
impl Ord for OrdF64 {
    fn cmp(&self, o: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&o.0)
    }
}

/// Whether a label `[a, b]` in `row` for the marker at `x` breaks no rule against those placed.
#[allow(clippy::too_many_arguments)]
fn row_ok(
    index: &Index,
    leaders: &Index,
    placed: &[(usize, Placement)],
    reqs: &[Request],
    x: f64,
    a: f64,
    b: f64,
    row: usize,
) -> bool {
    let lo = a.min(x) - GAP - 2.0;
    let hi = b.max(x) + GAP + 2.0;
    for cell in index.range(lo, hi) {
        for &k in &index.cells[cell] {
            let p = placed[k].1;
            if p.row == row && a < p.right + GAP && p.left < b + GAP {
                return false;
            }
            if p.row < row && x >= p.left - 2.0 && x <= p.right + 2.0 {
                return false; // our leader would pass through a lower label
            }
        }
    }
    for cell in leaders.range(a - 2.0, b + 2.0) {
        for &k in &leaders.cells[cell] {
            let (j, p) = placed[k];
            let xj = reqs[j].x;
            if p.row > row && xj >= a - 2.0 && xj <= b + 2.0 {
                return false; // a higher label's leader would pass through us
            }
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The invariants the timeline promises, checked for any placement.
    pub fn check(
        reqs: &[Request],
        got: &[Option<Placement>],
        xmin: f64,
        xmax: f64,
    ) -> Result<(), String> {
        let placed: Vec<(usize, Placement)> = got
            .iter()
            .enumerate()
            .filter_map(|(i, p)| p.map(|p| (i, p)))
            .collect();
        for &(i, p) in &placed {
            if p.left < xmin - 1e-6 || p.right > xmax + 1e-6 {
                return Err(format!("label {i} {p:?} leaves [{xmin}, {xmax}]"));
            }
            if (p.right - p.left - reqs[i].w).abs() > 1e-6 {
                return Err(format!("label {i} has the wrong width"));
            }
            for &(j, q) in &placed {
                if i == j {
                    continue;
                }
                if p.row == q.row && p.left < q.right && q.left < p.right {
                    return Err(format!("labels {i} and {j} overlap in row {}", p.row));
                }
                if q.row < p.row && reqs[i].x >= q.left && reqs[i].x <= q.right {
                    return Err(format!("leader of {i} crosses label {j}"));
                }
            }
        }
        Ok(())
    }

    #[test]
    fn dodged_markers_keep_their_spacing_and_order() {
        let xs = [100.0, 100.0, 101.0, 300.0, 305.0, 900.0];
        let got = dodge(&xs, 14.0, 0.0, 1000.0);
        let mut sorted = got.clone();
        sorted.sort_by(f64::total_cmp);
        for w in sorted.windows(2) {
            assert!(w[1] - w[0] >= 14.0 - 1e-9, "{got:?}");
        }
        // a crowd stays near its date: 40 markers spread over at most 8 markers' width
        let crowd = dodge(&[500.0; 40], 14.0, 0.0, 1000.0);
        assert!(
            crowd.iter().all(|x| (x - 500.0).abs() <= 4.0 * 14.0 + 1e-9),
            "{crowd:?}"
        );
        assert_eq!(got[5], 900.0);
        assert!(((got[0] + got[1] + got[2]) / 3.0 - 100.333).abs() < 0.01);
        // a dense lane keeps its markers at their dates instead of pooling them
        let dense: Vec<f64> = (0..2000).map(|i| i as f64 * 0.5).collect();
        let got = dodge(&dense, 14.0, 0.0, 1000.0);
        assert!(
            got.iter().zip(&dense).all(|(a, b)| (a - b).abs() < 1.0),
            "dense markers drifted"
        );
    }

    #[test]
    fn earlier_labels_do_not_block_later_leaders() {
        let reqs = [
            Request { x: 100.0, w: 300.0 },
            Request { x: 200.0, w: 100.0 },
            Request { x: 250.0, w: 100.0 },
        ];
        let got = place(&reqs, 0.0, 1000.0, 5);
        assert!(got.iter().all(Option::is_some), "{got:?}");
        check(&reqs, &got, 0.0, 1000.0).unwrap();
    }

    #[test]
    fn crowded_same_day_events_stack_without_overlap() {
        let reqs: Vec<Request> = (0..40)
            .map(|i| Request {
                x: 500.0,
                w: 80.0 + i as f64,
            })
            .collect();
        let got = place(&reqs, 0.0, 1000.0, 100);
        check(&reqs, &got, 0.0, 1000.0).unwrap();
        assert!(got.iter().all(Option::is_some));
    }

    #[test]
    fn neighbours_near_the_right_edge_both_get_labels() {
        // The last label must go left; the one before would reach over it, so it goes left too.
        let reqs = [
            Request { x: 920.0, w: 170.0 },
            Request { x: 985.0, w: 200.0 },
            Request { x: 300.0, w: 100.0 },
        ];
        let got = place(&reqs, 0.0, 1000.0, 5);
        assert!(got.iter().all(Option::is_some), "{got:?}");
        check(&reqs, &got, 0.0, 1000.0).unwrap();
    }

    #[test]
    fn labels_near_the_right_edge_flip_left() {
        let reqs = [Request { x: 990.0, w: 100.0 }];
        let got = place(&reqs, 0.0, 1000.0, 5);
        assert_eq!(got[0].unwrap().right, 990.0 - OFFSET);
    }

    #[test]
    fn random_layouts_keep_the_invariants() {
        // A small deterministic generator (no dependency): many random lanes.
        let mut seed: u64 = 0x9E3779B97F4A7C15;
        let mut rnd = || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % 10_000) as f64 / 10_000.0
        };
        for _ in 0..300 {
            let n = (rnd() * 60.0) as usize;
            let reqs: Vec<Request> = (0..n)
                .map(|_| Request {
                    x: rnd() * 1000.0,
                    w: 20.0 + rnd() * 300.0,
                })
                .collect();
            let reqs: Vec<Request> = reqs
                .into_iter()
                .map(|r| Request {
                    w: r.w.min(room(r.x, 0.0, 1000.0)),
                    ..r
                })
                .collect();
            let got = place(&reqs, 0.0, 1000.0, 8);
            check(&reqs, &got, 0.0, 1000.0).unwrap();
        }
    }
}
