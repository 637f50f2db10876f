//! Tests of label placement: fixed cases, and properties of any lane.

use super::choose::choose;
use super::rows::{OrdF64, placement_order, stack};
use super::*;

/// The order by explicit edges (Kahn's algorithm as first written), to check
/// [`placement_order`] against.
fn order_by_edges(by_x: &[usize], ranges: &[std::ops::Range<usize>], xs: &[f64]) -> Vec<usize> {
    let n = ranges.len();
    let mut indeg = vec![0usize; n];
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &i in by_x {
        for k in ranges[i].clone() {
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
        .map(|&i| (OrdF64(xs[i]), std::cmp::Reverse(i)))
        .collect();
    let mut order = Vec::new();
    let mut done = vec![false; n];
    while let Some((_, std::cmp::Reverse(i))) = heap.pop() {
        order.push(i);
        done[i] = true;
        for &k in &after[i] {
            indeg[k] -= 1;
            if indeg[k] == 0 {
                heap.push((OrdF64(xs[k]), std::cmp::Reverse(k)));
            }
        }
    }
    order.extend(by_x.iter().rev().filter(|&&i| !done[i]));
    order
}

proptest::proptest! {
    /// Any markers (ties included) and any covered ranges (cycles included): the same order.
    #[test]
    fn placement_order_matches_the_edge_version(
        xs in proptest::collection::vec(0u8..20, 0..40),
        spans in proptest::collection::vec((0usize..45, 0usize..12), 40),
    ) {
        let xs: Vec<f64> = xs.into_iter().map(f64::from).collect();
        let n = xs.len();
        let mut by_x: Vec<usize> = (0..n).collect();
        by_x.sort_by(|&a, &b| xs[a].total_cmp(&xs[b]).then(a.cmp(&b)));
        let ranges: Vec<std::ops::Range<usize>> = (0..n)
            .map(|i| {
                let (lo, len) = spans[i];
                let lo = lo.min(n);
                lo..(lo + len).min(n)
            })
            .collect();
        proptest::prop_assert_eq!(
            placement_order(&by_x, &ranges, &xs),
            order_by_edges(&by_x, &ranges, &xs)
        );
    }
}

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
        let w = reqs[i].widths.get(p.text);
        if w.is_none_or(|w| (p.right - p.left - w).abs() > 1e-6) {
            return Err(format!("label {i} has the wrong width"));
        }
        let x = reqs[i].x;
        if (p.left - OFFSET - x).abs() > 1e-6 && (p.right + OFFSET - x).abs() > 1e-6 {
            return Err(format!("label {i} is not beside its marker"));
        }
        for &(j, q) in placed.iter().filter(|(_, q)| q.under == p.under) {
            if i == j {
                continue;
            }
            if p.row == q.row && p.left < q.right && q.left < p.right {
                return Err(format!("labels {i} and {j} overlap in row {}", p.row));
            }
            if q.row < p.row && x >= q.left && x <= q.right {
                return Err(format!("leader of {i} crosses label {j}"));
            }
        }
    }
    Ok(())
}

/// A request with one text, all of equal importance.
fn one(x: f64, w: f64) -> Request {
    Request {
        x,
        widths: vec![w],
        rank: 0,
    }
}

/// Requests from (x, widths, rank) triples of small integers, on a lane 0..`span` wide.
fn lane(raw: &[(u16, Vec<u16>, u8)], span: f64) -> Vec<Request> {
    raw.iter()
        .map(|(x, ws, rank)| Request {
            x: f64::from(*x) % span,
            widths: ws.iter().map(|&w| 10.0 + f64::from(w)).collect(),
            rank: u32::from(*rank),
        })
        .collect()
}

proptest::proptest! {
    /// Any lane on a canvas 480 to 1600 px wide: the placement keeps the invariants, every
    /// chosen label finds a row, and a label is only ever left out because of more important
    /// ones: placing just the labels ranked before it, and it, leaves it out too.
    #[test]
    fn random_lanes_keep_the_invariants_and_the_importance_rule(
        raw in proptest::collection::vec(
            (0u16..1600, proptest::collection::vec(0u16..400, 1..4), 0u8..6),
            0..50,
        ),
        width in 480u32..=1600,
        max_rows in 1usize..10,
    ) {
        let span = f64::from(width);
        let reqs = lane(&raw, span);
        let chosen = choose(&reqs, 0.0, span, max_rows);
        let got = stack(reqs.len(), &chosen, 0.0, span);
        proptest::prop_assert_eq!(got.iter().flatten().count(), chosen.len());
        proptest::prop_assert_eq!(&got, &place(&reqs, 0.0, span, max_rows));
        if let Err(e) = check(&reqs, &got, 0.0, span) {
            proptest::prop_assert!(false, "{}", e);
        }
        for (d, _) in got.iter().enumerate().filter(|(_, p)| p.is_none()) {
            let fits = reqs[d].widths.iter().any(|&w| w <= room(reqs[d].x, 0.0, span));
            if !fits {
                continue; // no room on either side, whatever else there is
            }
            let before: Vec<usize> = (0..reqs.len())
                .filter(|&i| (reqs[i].rank, i) <= (reqs[d].rank, d))
                .collect();
            let subset: Vec<Request> = before.iter().map(|&i| reqs[i].clone()).collect();
            let at = before.iter().position(|&i| i == d).unwrap_or(0);
            let alone = place(&subset, 0.0, span, max_rows);
            proptest::prop_assert!(
                alone[at].is_none(),
                "label {} was left out although the more important labels leave room", d
            );
        }
    }
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
    let reqs = [one(100.0, 300.0), one(200.0, 100.0), one(250.0, 100.0)];
    let got = place(&reqs, 0.0, 1000.0, 5);
    assert!(got.iter().all(|p| p.is_some_and(|p| !p.under)), "{got:?}");
    check(&reqs, &got, 0.0, 1000.0).unwrap();
}

#[test]
fn crowded_same_day_events_stack_without_overlap() {
    let reqs: Vec<Request> = (0..40).map(|i| one(500.0, 80.0 + i as f64)).collect();
    let got = place(&reqs, 0.0, 1000.0, 100);
    check(&reqs, &got, 0.0, 1000.0).unwrap();
    assert!(got.iter().all(Option::is_some));
}

#[test]
fn neighbours_near_the_right_edge_both_get_labels() {
    // The last label must go left; the one before would reach over it, so it goes left too.
    let reqs = [one(920.0, 170.0), one(985.0, 200.0), one(300.0, 100.0)];
    let got = place(&reqs, 0.0, 1000.0, 5);
    assert!(got.iter().all(|p| p.is_some_and(|p| !p.under)), "{got:?}");
    check(&reqs, &got, 0.0, 1000.0).unwrap();
}

#[test]
fn labels_near_the_right_edge_flip_left() {
    let got = place(&[one(990.0, 100.0)], 0.0, 1000.0, 5);
    assert_eq!(got[0].unwrap().right, 990.0 - OFFSET);
}

/// Regression: at 900 px the Bletchley label, which can only reach right (the lane starts
/// just left of it), was dropped because the Seoul labels to its right had been sent left
/// over its marker, away from the labels at the right edge.
#[test]
fn a_label_at_the_left_edge_keeps_its_place_among_labels_sent_left() {
    let mut reqs = vec![one(20.0, 180.0)];
    for (i, x) in [
        110.0, 125.0, 140.0, 155.0, 270.0, 290.0, 420.0, 460.0, 490.0,
    ]
    .into_iter()
    .enumerate()
    {
        reqs.push(Request {
            rank: 1 + i as u32,
            ..one(x, 170.0)
        });
    }
    let got = place(&reqs, 0.0, 500.0, 24);
    check(&reqs, &got, 0.0, 500.0).unwrap();
    assert!(got.iter().all(Option::is_some), "{got:?}");
    let first = got[0].unwrap();
    assert!(first.left == 20.0 + OFFSET && !first.under, "{first:?}");
}

#[test]
fn of_two_labels_covering_each_other_the_more_important_stays_above() {
    // Each fits only towards the other: right of 60 and left of 140.
    let reqs = |first: u32| {
        [
            Request {
                rank: first,
                ..one(60.0, 150.0)
            },
            Request {
                rank: 1 - first,
                ..one(140.0, 130.0)
            },
        ]
    };
    let got = place(&reqs(0), 0.0, 220.0, 24);
    assert!(!got[0].unwrap().under && got[1].unwrap().under, "{got:?}");
    let got = place(&reqs(1), 0.0, 220.0, 24);
    assert!(got[0].unwrap().under && !got[1].unwrap().under, "{got:?}");
    // A third that can go nowhere else is left out, however early it comes.
    let mut three = reqs(0).to_vec();
    three.push(Request {
        rank: 2,
        ..one(100.0, 90.0)
    });
    let got = place(&three, 0.0, 220.0, 1);
    check(&three, &got, 0.0, 220.0).unwrap();
    assert!(
        got[0].is_some() && got[1].is_some() && got[2].is_none(),
        "{got:?}"
    );
}

#[test]
fn a_label_goes_under_the_line_before_its_text_is_shortened() {
    let reqs = [
        one(60.0, 150.0),
        Request {
            x: 140.0,
            widths: vec![130.0, 70.0],
            rank: 1,
        },
    ];
    let got = place(&reqs, 0.0, 220.0, 24);
    check(&reqs, &got, 0.0, 220.0).unwrap();
    assert_eq!(got[0].map(|p| (p.text, p.under)), Some((0, false)));
    assert_eq!(
        got[1].map(|p| (p.text, p.under)),
        Some((0, true)),
        "{got:?}"
    );
}

#[test]
fn a_shorter_text_is_used_before_a_label_is_left_out() {
    // In the middle of a lane 220 px wide, 150 px fit on neither side; 70 px do.
    let reqs = [Request {
        x: 110.0,
        widths: vec![150.0, 70.0],
        rank: 0,
    }];
    let got = place(&reqs, 0.0, 220.0, 24);
    assert_eq!(got[0].map(|p| p.text), Some(1), "{got:?}");
    // With both stacks full over that point, it is left out.
    let mut crowd = vec![one(5.0, 200.0), one(0.0, 200.0)];
    crowd.push(Request {
        rank: 1,
        ..reqs[0].clone()
    });
    let got = place(&crowd, 0.0, 220.0, 1);
    check(&crowd, &got, 0.0, 220.0).unwrap();
    assert!(
        got[0].is_some() && got[1].is_some() && got[2].is_none(),
        "{got:?}"
    );
}

#[test]
fn rows_grow_with_demand_up_to_the_limit_of_stacked_labels() {
    // Twelve labels, each reaching over the next marker: a staircase of twelve rows.
    let reqs: Vec<Request> = (0..12).map(|i| one(20.0 * i as f64, 100.0)).collect();
    let got = place(&reqs, 0.0, 1000.0, 24);
    check(&reqs, &got, 0.0, 1000.0).unwrap();
    assert!(got.iter().all(|p| p.is_some_and(|p| !p.under)), "{got:?}");
    assert_eq!(got.iter().flatten().map(|p| p.row).max(), Some(11));
    // With chains of four at most: four above, the next four under, and the ninth, whose
    // chain is full in both stacks, goes; the last three start a new staircase above.
    let got = place(&reqs, 0.0, 1000.0, 4);
    check(&reqs, &got, 0.0, 1000.0).unwrap();
    let left_out: Vec<usize> = (0..12).filter(|&i| got[i].is_none()).collect();
    assert_eq!(left_out, [8], "{got:?}");
    assert!(got[4..8].iter().all(|p| p.is_some_and(|p| p.under)));
}
