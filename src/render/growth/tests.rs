//! Properties of the growth chart's labels over random charts: nothing a label or a leader
//! draws touches another label, leader, marker or line, and everything stays in the plot.
//! The checks sample points along leaders and lines, independently of `place`'s geometry.

use super::place::{Pt, Rect};
use super::*;
use crate::model::EventId;
use chrono::NaiveDate;
use proptest::prelude::*;

/// A random chart: additions on distinct or shared dates, series lines that rise anywhere.
fn arb_growth() -> impl Strategy<Value = Growth> {
    let adds = prop::collection::vec((0u32..1500, 1usize..40, 0usize..4, any::<bool>()), 1..45);
    let series =
        prop::collection::vec(prop::collection::vec((0u32..1500, 1usize..25), 1..12), 0..6);
    (adds, series, 480u32..1700).prop_map(|(mut adds, series, _)| {
        let day0 = NaiveDate::from_ymd_opt(2022, 6, 1).unwrap();
        let day = |d: u32| day0 + chrono::Days::new(u64::from(d));
        adds.sort_by_key(|a| a.0);
        let mut total = 0;
        let mut additions = Vec::new();
        let mut steps: Vec<(NaiveDate, usize)> = Vec::new();
        for (i, &(d, added, name, joined)) in adds.iter().enumerate() {
            total += added;
            let label = [
                "Summit",
                "AI Safety Institutes meeting",
                "Framework Convention on AI",
                "G7",
            ][name];
            additions.push(crate::query::growth::Addition {
                event: EventId::new(i),
                label: format!("{label} {i}"),
                joined,
                date: day(d),
                added,
                total,
            });
            match steps.last_mut() {
                Some(s) if s.0 == day(d) => s.1 = total,
                _ => steps.push((day(d), total)),
            }
        }
        let series = series
            .into_iter()
            .enumerate()
            .map(|(k, mut rises)| {
                rises.sort_by_key(|r| r.0);
                let mut c = 0;
                let mut steps: Vec<(NaiveDate, usize)> = Vec::new();
                for (d, n) in rises {
                    c = (c + n).min(total);
                    match steps.last_mut() {
                        Some(s) if s.0 == day(d) => s.1 = c,
                        _ => steps.push((day(d), c)),
                    }
                }
                Line {
                    id: format!("s{k}"),
                    name: format!("Series number {k}"),
                    steps,
                }
            })
            .collect();
        let first = adds.first().map_or(0, |a| a.0);
        let last = adds.last().map_or(0, |a| a.0).max(first);
        Growth {
            overall: Line {
                id: "all".into(),
                name: "All events".into(),
                steps,
            },
            series,
            additions,
            events: adds.len(),
            counted: crate::query::growth::COUNTED_BY_DEFAULT.to_vec(),
            incomplete: 0,
            span: Some((day(first), day(last.max(first + 1)))),
            credit: crate::query::chart::Credit::default(),
        }
    })
}

fn dist(p: Pt, (a, b): (Pt, Pt)) -> f64 {
    // the nearest of 200 points along the segment, then exact along it
    let n = 200;
    (0..=n)
        .map(|k| {
            let t = f64::from(k) / f64::from(n);
            let q = (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1));
            ((p.0 - q.0).powi(2) + (p.1 - q.1).powi(2)).sqrt()
        })
        .fold(f64::INFINITY, f64::min)
}

fn inside(r: &Rect, p: Pt) -> bool {
    r.x0 < p.0 && p.0 < r.x1 && r.y0 < p.1 && p.1 < r.y1
}

/// Points every half pixel along a segment.
fn along((a, b): (Pt, Pt)) -> Vec<Pt> {
    let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
    let n = (len * 2.0).ceil().max(1.0) as usize;
    (0..=n)
        .map(|k| {
            let t = k as f64 / n as f64;
            (a.0 + t * (b.0 - a.0), a.1 + t * (b.1 - a.1))
        })
        .collect()
}

fn check(g: &Growth, width: f64) -> Result<(), TestCaseError> {
    let lines: Vec<&Line> = std::iter::once(&g.overall).chain(g.series.iter()).collect();
    let plan = plan(g, &lines, width, 80.0);
    let f = &plan.frame;
    let Some(axis) = &f.axis else {
        return Ok(());
    };
    let markers: Vec<Pt> = g
        .additions
        .iter()
        .map(|a| (axis.x(a.date), f.y(a.total)))
        .collect();
    let segments: Vec<(Pt, Pt)> = plan
        .paths
        .iter()
        .flat_map(|p| p.windows(2).map(|w| (w[0], w[1])))
        .collect();
    prop_assert_eq!(plan.labels.len() + plan.omitted, g.additions.len());
    for (i, l) in plan.labels.iter().enumerate() {
        let r = &l.rect;
        prop_assert!(
            r.x0 >= f.x0 && r.x1 <= f.x1 && r.y0 >= f.plot_top && r.y1 <= f.plot_bottom,
            "label {:?} leaves the plot",
            l.lines
        );
        // the text fits its box
        for t in &l.lines {
            prop_assert!(font::width(t, LABEL_PX, false) <= r.x1 - r.x0);
        }
        for (j, o) in plan.labels.iter().enumerate() {
            if i != j {
                let q = &o.rect;
                prop_assert!(
                    !(r.x0 < q.x1 && q.x0 < r.x1 && r.y0 < q.y1 && q.y0 < r.y1),
                    "labels {:?} and {:?} overlap",
                    l.lines,
                    o.lines
                );
                if let Some(lead) = o.leader {
                    prop_assert!(
                        along(lead).iter().all(|&p| !inside(r, p)),
                        "the leader of {:?} crosses label {:?}",
                        o.lines,
                        l.lines
                    );
                    if let Some(mine) = l.leader {
                        let gap = along(mine)
                            .iter()
                            .map(|&p| dist(p, lead))
                            .fold(f64::INFINITY, f64::min);
                        prop_assert!(
                            gap > 1.0,
                            "leaders of {:?} and {:?} touch",
                            l.lines,
                            o.lines
                        );
                    }
                }
            }
        }
        for &m in &markers {
            let near = (m.0.clamp(r.x0, r.x1), m.1.clamp(r.y0, r.y1));
            prop_assert!(((near.0 - m.0).powi(2) + (near.1 - m.1).powi(2)).sqrt() > MARKER_R);
            if let Some(lead) = l.leader
                && m != l.point
            {
                prop_assert!(
                    dist(m, lead) > MARKER_R,
                    "leader of {:?} hits a marker",
                    l.lines
                );
            }
        }
        for &s in &segments {
            prop_assert!(
                along(s).iter().all(|&p| !inside(r, p)),
                "a line crosses label {:?}",
                l.lines
            );
            if let Some(lead) = l.leader {
                let gap = along(lead)
                    .iter()
                    .map(|&p| dist(p, s))
                    .fold(f64::INFINITY, f64::min);
                prop_assert!(gap > 1.0, "the leader of {:?} touches a line", l.lines);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn labels_and_leaders_touch_no_label_leader_marker_or_line(g in arb_growth(), w in 480u32..1700) {
        check(&g, f64::from(w))?;
    }
}

#[test]
fn line_end_names_stay_apart_and_inside_the_plot() {
    let rows = end_rows(&[300.0, 301.0, 302.0, 500.0, 509.0], 100.0, 510.0);
    let mut sorted = rows.clone();
    sorted.sort_by(f64::total_cmp);
    for w in sorted.windows(2) {
        assert!(w[1] - w[0] >= END_ROW - 1e-9, "{rows:?}");
    }
    assert!(
        rows.iter().all(|&y| (100.0..=510.0).contains(&y)),
        "{rows:?}"
    );
    // the order of the names is the order of the ends
    assert!(
        rows[0] < rows[1] && rows[1] < rows[2] && rows[3] < rows[4],
        "{rows:?}"
    );
}

#[test]
fn a_single_series_that_is_the_total_is_drawn_once_under_its_name() {
    let d = NaiveDate::from_ymd_opt(2024, 5, 21).unwrap();
    let line = |id: &str, name: &str| Line {
        id: id.into(),
        name: name.into(),
        steps: vec![(d, 11)],
    };
    let mut g = Growth {
        overall: line("all", "All events"),
        series: vec![line("aisi-network", "Network of AI Safety Institutes")],
        additions: Vec::new(),
        events: 1,
        counted: crate::query::growth::COUNTED_BY_DEFAULT.to_vec(),
        incomplete: 0,
        span: Some((d, d)),
        credit: crate::query::chart::Credit::default(),
    };
    let names: Vec<&str> = lines_shown(&g).iter().map(|l| l.name.as_str()).collect();
    assert_eq!(names, ["Network of AI Safety Institutes"]);
    g.series[0].steps[0].1 = 10;
    assert_eq!(
        lines_shown(&g).len(),
        2,
        "a series that is not the total is its own line"
    );
}

#[test]
fn nice_steps_are_round() {
    assert_eq!(nice_step(120), 20);
    assert_eq!(nice_step(7), 2);
    assert_eq!(nice_step(1), 1);
}
