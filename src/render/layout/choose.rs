//! Step 1 of [`place`](super::place): which labels stay, with which text, on which side and
//! in which stack, in order of importance.

use super::{GAP, Index, OFFSET, REACH, Request};

/// A chosen label: which request, its marker, its box, which text and which stack.
#[derive(Debug, Clone, Copy)]
pub(super) struct Chosen {
    pub(super) req: usize,
    pub(super) x: f64,
    pub(super) left: f64,
    pub(super) right: f64,
    pub(super) text: usize,
    pub(super) under: bool,
}

/// The labels that stay, in no particular order.
pub(super) fn choose(reqs: &[Request], xmin: f64, xmax: f64, max_rows: usize) -> Vec<Chosen> {
    let mut order: Vec<usize> = (0..reqs.len()).filter(|&i| reqs[i].x.is_finite()).collect();
    order.sort_by_key(|&i| (reqs[i].rank, i));
    let mut stacks = [
        Stacks::new(xmin, xmax, max_rows, false),
        Stacks::new(xmin, xmax, max_rows, true),
    ];
    for i in order {
        let x = reqs[i].x;
        'texts: for (t, &w) in reqs[i].widths.iter().enumerate() {
            if !(w.is_finite() && w > 0.0) {
                continue;
            }
            for s in &mut stacks {
                for (a, b) in [(x + OFFSET, x + OFFSET + w), (x - OFFSET - w, x - OFFSET)] {
                    if a >= xmin - 1e-9 && b <= xmax + 1e-9 && s.try_add(i, x, a, b, t) {
                        break 'texts;
                    }
                }
            }
        }
    }
    let [above, under] = stacks;
    let mut all = above.chosen;
    all.extend(under.chosen);
    all
}

/// The labels chosen so far in one stack (above the marker line, or under it), with what
/// stacking them needs: `inner[c]` is the longest chain of chosen labels from the marker line
/// out to label `c` (each covering the marker of the one before), `outer[c]` the longest from
/// `c` outwards. Both only grow as labels are added.
struct Stacks {
    chosen: Vec<Chosen>,
    /// Chosen labels by the x range their box covers (widened by [`REACH`]).
    boxes: Index,
    /// Chosen labels by their marker's x.
    markers: Index,
    inner: Vec<u32>,
    outer: Vec<u32>,
    max_rows: usize,
    under: bool,
    /// Scratch: which chosen labels a search has seen, by generation.
    seen: Vec<u32>,
    generation: u32,
}

impl Stacks {
    fn new(xmin: f64, xmax: f64, max_rows: usize, under: bool) -> Self {
        Stacks {
            chosen: Vec::new(),
            boxes: Index::new(xmin, xmax),
            markers: Index::new(xmin, xmax),
            inner: Vec::new(),
            outer: Vec::new(),
            max_rows,
            under,
            seen: Vec::new(),
            generation: 0,
        }
    }

    /// Chosen labels whose box covers the marker at `x`: they must sit further out than it.
    fn covering(&self, x: f64) -> impl Iterator<Item = usize> + '_ {
        let cell = *self.boxes.range(x, x).start();
        self.boxes.cells[cell].iter().copied().filter(move |&c| {
            let p = &self.chosen[c];
            x >= p.left - REACH && x <= p.right + REACH
        })
    }

    /// Chosen labels whose marker lies within the box `[a, b]`: it must sit further out.
    fn covered(&self, a: f64, b: f64) -> impl Iterator<Item = usize> + '_ {
        self.markers
            .range(a - REACH, b + REACH)
            .flat_map(move |cell| self.markers.cells[cell].iter().copied())
            .filter(move |&c| {
                let x = self.chosen[c].x;
                x >= a - REACH && x <= b + REACH
            })
    }

    fn next_generation(&mut self) -> u32 {
        self.generation = self.generation.wrapping_add(1);
        if self.generation == 0 {
            self.seen.iter_mut().for_each(|s| *s = 0);
            self.generation = 1;
        }
        self.seen.resize(self.chosen.len(), 0);
        self.generation
    }

    /// The most chosen labels that would sit over one point of `[a, b]` if a label were put
    /// there: labels within [`GAP`] of each other cannot share a row.
    fn depth(&mut self, a: f64, b: f64) -> usize {
        let g = self.next_generation();
        let mut ends: Vec<(f64, i32)> = Vec::new();
        for cell in self.boxes.range(a - GAP, b + GAP) {
            for &c in &self.boxes.cells[cell] {
                let p = self.chosen[c];
                if self.seen[c] == g || !(a < p.right + GAP && p.left < b + GAP) {
                    continue;
                }
                self.seen[c] = g;
                ends.push((p.left.max(a), 1));
                ends.push(((p.right + GAP).min(b + GAP), -1));
            }
        }
        // half-open spans: at one x, an end comes before a start
        ends.sort_by(|p, q| p.0.total_cmp(&q.0).then(p.1.cmp(&q.1)));
        let (mut now, mut most) = (0i32, 0i32);
        for (_, d) in ends {
            now += d;
            most = most.max(now);
        }
        most as usize + 1
    }

    /// Whether a label of request `req` at `[a, b]` for the marker at `x` can be stacked with
    /// the chosen ones; if so it is chosen.
    fn try_add(&mut self, req: usize, x: f64, a: f64, b: f64, text: usize) -> bool {
        let mut inside: Vec<usize> = self.covered(a, b).collect();
        let outside: Vec<usize> = self.covering(x).collect();
        inside.sort_unstable();
        if outside.iter().any(|o| inside.binary_search(o).is_ok()) {
            return false; // two labels covering each other's markers
        }
        let inner = 1 + inside.iter().map(|&c| self.inner[c]).max().unwrap_or(0);
        let outer = 1 + outside.iter().map(|&c| self.outer[c]).max().unwrap_or(0);
        if (inner + outer - 1) as usize > self.max_rows || self.depth(a, b) > self.max_rows {
            return false;
        }
        if !inside.is_empty() && !outside.is_empty() && self.reaches(&outside, &inside) {
            return false;
        }
        // The labels further out now have a longer chain inside them, those inside outside.
        let mut work: Vec<(usize, u32)> = outside.iter().map(|&c| (c, inner + 1)).collect();
        while let Some((c, v)) = work.pop() {
            if self.inner[c] < v {
                self.inner[c] = v;
                work.extend(self.covering(self.chosen[c].x).map(|d| (d, v + 1)));
            }
        }
        let mut work: Vec<(usize, u32)> = inside.iter().map(|&c| (c, outer + 1)).collect();
        while let Some((c, v)) = work.pop() {
            if self.outer[c] < v {
                self.outer[c] = v;
                let p = self.chosen[c];
                work.extend(self.covered(p.left, p.right).map(|d| (d, v + 1)));
            }
        }
        let id = self.chosen.len();
        self.chosen.push(Chosen {
            req,
            x,
            left: a,
            right: b,
            text,
            under: self.under,
        });
        self.inner.push(inner);
        self.outer.push(outer);
        self.boxes.insert(a - REACH, b + REACH, id);
        self.markers.insert(x, x, id);
        true
    }

    /// Whether any label of `targets` (sorted) sits further out than one of `from`, through
    /// labels each covering the marker of the one before. A label can only be inside labels
    /// whose chain from the marker line is longer than its own, which bounds the search.
    fn reaches(&mut self, from: &[usize], targets: &[usize]) -> bool {
        let highest = targets.iter().map(|&t| self.inner[t]).max().unwrap_or(0);
        let g = self.next_generation();
        let mut work: Vec<usize> = from.to_vec();
        for &c in from {
            self.seen[c] = g;
        }
        while let Some(c) = work.pop() {
            if targets.binary_search(&c).is_ok() {
                return true;
            }
            if self.inner[c] >= highest {
                continue;
            }
            let next: Vec<usize> = self.covering(self.chosen[c].x).collect();
            for d in next {
                if self.seen[d] != g {
                    self.seen[d] = g;
                    work.push(d);
                }
            }
        }
        false
    }
}
