//! How the dataset is indexed: items grouped by a small integer key in flat arrays, and the
//! order of events. Private to the model; the loader builds these, queries read them through
//! [`Dataset`](super::Dataset)'s accessors.

use super::types::{Event, EventId};

/// Items grouped by a small integer key, stored flat: one offset per group into one vector
/// (no allocation per group). `groups[g]` is the slice of group `g`. Offsets are 32 bits, as
/// in a snapshot, which the writer copies through a [`GroupsRef`].
#[derive(Debug, Clone, Default)]
pub(crate) struct Groups<T = u32> {
    starts: Vec<u32>,
    items: Vec<T>,
}

impl<T: Copy + Default> Groups<T> {
    /// Group `(key, item)` pairs by key (every key below `n`), keeping their order within a
    /// group: a counting sort, two passes over the pairs.
    pub(crate) fn build<I>(n: usize, pairs: I) -> Self
    where
        I: Iterator<Item = (usize, T)> + Clone,
    {
        let mut starts = vec![0u32; n + 1];
        for (k, _) in pairs.clone() {
            starts[k + 1] += 1;
        }
        for g in 0..n {
            starts[g + 1] += starts[g];
        }
        let mut next = starts[..n].to_vec();
        let mut items = vec![T::default(); starts[n] as usize];
        for (k, item) in pairs {
            items[next[k] as usize] = item;
            next[k] += 1;
        }
        Groups { starts, items }
    }
}

impl<T> Groups<T> {
    /// Groups given as the start of each group in `items`, plus the end of the last.
    pub(crate) fn from_parts(starts: Vec<u32>, items: Vec<T>) -> Self {
        debug_assert!(starts.windows(2).all(|w| w[0] <= w[1]));
        debug_assert_eq!(starts.last().copied().unwrap_or(0) as usize, items.len());
        Groups { starts, items }
    }
    /// Every item, group after group.
    pub(crate) fn items(&self) -> &[T] {
        &self.items
    }
    /// The number of groups.
    pub(crate) fn len(&self) -> usize {
        self.starts.len().saturating_sub(1)
    }
    pub(crate) fn group_mut(&mut self, g: usize) -> &mut [T] {
        &mut self.items[self.starts[g] as usize..self.starts[g + 1] as usize]
    }
    /// The same groups, borrowed.
    pub(crate) fn view(&self) -> GroupsRef<'_, T> {
        GroupsRef {
            starts: &self.starts,
            items: &self.items,
        }
    }
}

impl<T> std::ops::Index<usize> for Groups<T> {
    type Output = [T];
    fn index(&self, g: usize) -> &[T] {
        &self.items[self.starts[g] as usize..self.starts[g + 1] as usize]
    }
}

/// Groups borrowed from a [`Groups`], as the snapshot writer reads them.
#[derive(Debug, Clone, Copy)]
pub(crate) struct GroupsRef<'a, T> {
    pub(crate) starts: &'a [u32],
    pub(crate) items: &'a [T],
}

/// Sort events oldest first, then by id, in place (no second copy), and point their `parent`s
/// at the new places. Returns where each event went: `remap[old] = new`.
pub(crate) fn sort_events(events: &mut [Event]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..events.len()).collect();
    order.sort_unstable_by(|&a, &b| {
        (events[a].start, &events[a].id).cmp(&(events[b].start, &events[b].id))
    });
    let mut remap = vec![0usize; events.len()];
    for (new, &old) in order.iter().enumerate() {
        remap[old] = new;
    }
    // Apply the permutation cycle by cycle.
    let mut perm = remap.clone(); // perm[i] = where the event now at i belongs
    for i in 0..events.len() {
        while perm[i] != i {
            let j = perm[i];
            events.swap(i, j);
            perm.swap(i, j);
        }
    }
    for e in events.iter_mut() {
        e.parent = e.parent.map(|p| EventId::new(remap[p.index()]));
    }
    remap
}
