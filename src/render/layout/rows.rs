//! Step 2 of [`place`](super::place): rows for the chosen labels, in each stack apart.

use super::choose::Chosen;
use super::{GAP, Index, Placement, REACH};

/// Rows for the chosen labels. Returns a placement per request (`n` of them); a chosen label
/// always finds a row, as the order leaves every label that must sit further out for later.
pub(super) fn stack(n: usize, chosen: &[Chosen], xmin: f64, xmax: f64) -> Vec<Option<Placement>> {
    let mut out: Vec<Option<Placement>> = vec![None; n];
    for under in [false, true] {
        let one: Vec<Chosen> = chosen
            .iter()
            .copied()
            .filter(|c| c.under == under)
            .collect();
        stack_one(&one, xmin, xmax, &mut out);
    }
    out
}

/// Rows for the chosen labels of one stack, written into `out` by request.
fn stack_one(chosen: &[Chosen], xmin: f64, xmax: f64, out: &mut [Option<Placement>]) {
    let m = chosen.len();
    let mut by_x: Vec<usize> = (0..m).collect();
    by_x.sort_by(|&a, &b| {
        chosen[a]
            .x
            .total_cmp(&chosen[b].x)
            .then(chosen[a].req.cmp(&chosen[b].req))
    });
    let xs_sorted: Vec<f64> = by_x.iter().map(|&c| chosen[c].x).collect();
    let ranges: Vec<std::ops::Range<usize>> = chosen
        .iter()
        .map(|p| {
            let lo = xs_sorted.partition_point(|&x| x < p.left - REACH);
            let hi = xs_sorted.partition_point(|&x| x <= p.right + REACH);
            lo..hi
        })
        .collect();
    let xs: Vec<f64> = chosen.iter().map(|p| p.x).collect();
    let order = placement_order(&by_x, &ranges, &xs);

    let mut placed: Vec<(f64, Placement)> = Vec::new();
    let mut index = Index::new(xmin, xmax);
    let mut leaders = Index::new(xmin, xmax);
    for c in order {
        let p = chosen[c];
        let free = Neighbours {
            index: &index,
            leaders: &leaders,
            placed: &placed,
        }
        .lowest_row(p.x, p.left, p.right);
        if let Some(row) = free {
            let at = Placement {
                row,
                under: p.under,
                left: p.left,
                right: p.right,
                text: p.text,
            };
            out[p.req] = Some(at);
            index.insert(p.left, p.right, placed.len());
            leaders.insert(p.x, p.x, placed.len());
            placed.push((p.x, at));
        }
    }
}

/// The order labels are placed in: j before i when i's label covers j's marker; among the
/// labels free to go, the one furthest right first (then the lower index). `by_x` lists the
/// labels by marker x; `ranges[i]` is the range of positions in `by_x` that label i covers.
///
/// This is Kahn's algorithm without the edges: a crowded lane has millions of "covers" pairs,
/// but each label covers one contiguous range of markers, so it only needs to watch the first
/// marker in its range not yet placed. When that one is placed, the label moves on to the next
/// (skipping placed markers through a union–find of "next unplaced position"), and is free to
/// go when none is left.
pub(super) fn placement_order(
    by_x: &[usize],
    ranges: &[std::ops::Range<usize>],
    xs: &[f64],
) -> Vec<usize> {
    use std::cmp::Reverse;
    let m = by_x.len();
    let n = ranges.len();
    let mut pos = vec![usize::MAX; n];
    for (p, &i) in by_x.iter().enumerate() {
        pos[i] = p;
    }
    // next[p]: towards the first position >= p whose marker is not placed yet (m: none).
    let mut next: Vec<usize> = (0..=m).collect();
    fn find(next: &mut [usize], p: usize) -> usize {
        let mut root = p;
        while next[root] != root {
            root = next[root];
        }
        let mut q = p;
        while next[q] != root {
            let up = next[q];
            next[q] = root;
            q = up;
        }
        root
    }
    // The first unplaced position at or after `from` in `range`, other than the label's own.
    let first_open = |next: &mut Vec<usize>, from: usize, range: &std::ops::Range<usize>, own| {
        let mut q = find(next, from.max(range.start).min(m));
        if q == own {
            q = find(next, (q + 1).min(m));
        }
        (q < range.end).then_some(q)
    };
    let mut watch: Vec<Vec<usize>> = vec![Vec::new(); m];
    let mut heap = std::collections::BinaryHeap::new();
    for &i in by_x {
        match first_open(&mut next, ranges[i].start, &ranges[i], pos[i]) {
            None => heap.push((OrdF64(xs[i]), Reverse(i))),
            Some(w) => watch[w].push(i),
        }
    }
    let mut order = Vec::with_capacity(m);
    let mut done = vec![false; n];
    while let Some((_, Reverse(i))) = heap.pop() {
        order.push(i);
        done[i] = true;
        let p = pos[i];
        next[p] = p + 1;
        for k in std::mem::take(&mut watch[p]) {
            match first_open(&mut next, p + 1, &ranges[k], pos[k]) {
                None => heap.push((OrdF64(xs[k]), Reverse(k))),
                Some(w) => watch[w].push(k),
            }
        }
    }
    // Cycles cannot arise once mutual covers are gone; if they do, the rest follow right to left.
    order.extend(by_x.iter().rev().filter(|&&i| !done[i]));
    order
}

/// f64 with a total order, for the heap.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct OrdF64(pub(super) f64);
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

/// The labels placed so far, and where they are: (marker x, placement).
struct Neighbours<'a> {
    index: &'a Index,
    leaders: &'a Index,
    placed: &'a [(f64, Placement)],
}

impl Neighbours<'_> {
    /// The lowest row where a label `[a, b]` for the marker at `x` breaks no rule against the
    /// labels placed: it overlaps no label in its row (with the gap), its leader crosses no
    /// lower label, and no higher label's leader crosses it; `None` if there is none.
    fn lowest_row(&self, x: f64, a: f64, b: f64) -> Option<usize> {
        let mut taken: Vec<usize> = Vec::new();
        // Rows above a label our leader would cross are out: row <= upper.
        let mut upper = usize::MAX;
        // Rows below a label whose leader would cross ours are out: row >= lower.
        let mut lower = 0;
        for cell in self
            .index
            .range(a.min(x) - GAP - REACH, b.max(x) + GAP + REACH)
        {
            for &k in &self.index.cells[cell] {
                let p = self.placed[k].1;
                if a < p.right + GAP && p.left < b + GAP {
                    taken.push(p.row);
                }
                if x >= p.left - REACH && x <= p.right + REACH {
                    upper = upper.min(p.row);
                }
            }
        }
        for cell in self.leaders.range(a - REACH, b + REACH) {
            for &k in &self.leaders.cells[cell] {
                let (xj, p) = self.placed[k];
                if xj >= a - REACH && xj <= b + REACH {
                    lower = lower.max(p.row);
                }
            }
        }
        taken.sort_unstable();
        let mut row = lower;
        for t in taken {
            if t == row {
                row += 1;
            } else if t > row {
                break;
            }
        }
        (row <= upper).then_some(row)
    }
}
