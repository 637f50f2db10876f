//! Label placement for the timeline: pure geometry, no drawing.
//!
//! Each event has a marker at `x` on the lane's marker line and wants a label: one of a few
//! texts of decreasing length (the fullest first). Labels sit in rows stacked above the marker
//! line, or if there is no room there in rows hanging under it, each joined to its marker by a
//! vertical leader at `x`. A placement is valid when, within a lane and on each side of the
//! marker line: no two labels in a row overlap (with a gap); no leader passes through another
//! label; every label lies within `[xmin, xmax]`. Labels never meet markers because markers
//! live between the first rows above and under the line. Labels are chosen in order of
//! importance, so that when one must be left out it is never for the sake of a less important
//! one; rows are then stacked as the chosen labels need (see [`place`]).
//!
//! `choose` picks each label's text, side and stack; `rows` gives the chosen labels rows.

mod choose;
mod rows;
#[cfg(test)]
mod tests;

/// Horizontal distance from a marker's leader to its label.
pub const OFFSET: f64 = 5.0;
/// Minimum gap between two labels in a row, and between a leader and a label.
pub const GAP: f64 = 6.0;

/// A label to place: its marker's x, the widths of its texts in order of preference (the
/// fullest first, then shorter forms), and its importance (a lower `rank` is placed first).
#[derive(Debug, Clone, PartialEq)]
pub struct Request {
    pub x: f64,
    pub widths: Vec<f64>,
    pub rank: u32,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Placement {
    /// Rows count outwards from the marker line: 0 is the one next to the markers.
    pub row: usize,
    /// The label hangs under the marker line (its leader goes down) instead of above it.
    pub under: bool,
    pub left: f64,
    pub right: f64,
    /// Which of the request's texts it shows.
    pub text: usize,
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

/// A bucketed index over labels and markers so that placement stays near-linear for thousands
/// of events: each is found by the `x` range it covers.
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

/// How far a label's box reaches, for "covers a marker": a leader within this distance of a
/// label counts as passing through it.
const REACH: f64 = 2.0;

/// Place labels for one lane. `reqs` may be in any order; results are in the same order.
///
/// 1. Choice, in order of importance (`rank`, then position): each label takes the first of
///    its texts, and for each text the first of the stacks (above the marker line, then
///    under it) and sides (right of the marker, then left), that fits the canvas and can
///    still be stacked together with the labels chosen before it. In a stack, a label
///    covering another's marker must sit further out than that label; a choice is refused
///    when it would need a label further out than itself (two labels covering each other's
///    markers, or a longer cycle), a chain of more than `max_rows` labels over one another's
///    markers, or more than `max_rows` labels over one point. A label with no such choice is
///    left out, so a label is only ever left out because of more important ones.
/// 2. Rows: in each stack, the chosen labels are given rows, covered markers' labels first (a
///    topological order; ties from right to left), each in the lowest row that breaks no rule.
///    Rows are not limited: a lane takes the height its labels need.
pub fn place(reqs: &[Request], xmin: f64, xmax: f64, max_rows: usize) -> Vec<Option<Placement>> {
    let chosen = choose::choose(reqs, xmin, xmax, max_rows);
    rows::stack(reqs.len(), &chosen, xmin, xmax)
}
