//! The growth chart: the cumulative number of distinct parties named over time, as step
//! lines, overall and per series, with the events that added parties marked and labelled.

use super::axis::DateAxis;
use super::font;
use super::paint::*;
use super::style::{okabe_ito, series_name};
use crate::model::{Dataset, EventIx};
use crate::query::completeness;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

#[derive(Debug, Clone, Default)]
pub struct GrowthOptions {
    pub title: Option<String>,
    pub width: Option<u32>,
}

/// One step line: (date, cumulative count) at each date the count rises.
#[derive(Debug, Clone)]
pub struct Line {
    pub name: String,
    pub steps: Vec<(NaiveDate, usize)>,
}

/// An event that added parties to the overall count.
#[derive(Debug, Clone)]
pub struct Addition {
    pub event: EventIx,
    /// True when every party added here joined after the event (a later accession).
    pub joined: bool,
    pub date: NaiveDate,
    pub added: usize,
    pub total: usize,
}

/// Cumulative distinct parties: overall, then per series. A party counts from the date of its
/// row (a later accession counts when it joined), else its event's start. Only roles that make
/// a party of the event count (not observers or non-signatories).
pub fn lines(data: &Dataset, events: &[EventIx]) -> (Line, Vec<Line>, Vec<Addition>) {
    // (date, event, party) in date order
    let mut rows: Vec<(NaiveDate, EventIx, usize)> = Vec::new();
    let mut joined_rows: BTreeSet<(EventIx, usize)> = BTreeSet::new();
    for &e in events {
        for &i in &data.by_event[e] {
            let r = &data.participation[i];
            if r.role.is_party() {
                rows.push((
                    r.date.unwrap_or(data.events[e].start).first_day(),
                    e,
                    r.party,
                ));
                if r.role == crate::model::Role::Joined {
                    joined_rows.insert((e, r.party));
                }
            }
        }
    }
    rows.sort();
    let cumulate = |filter: &dyn Fn(EventIx) -> bool| -> Vec<(NaiveDate, usize)> {
        let mut seen = BTreeSet::new();
        let mut steps: Vec<(NaiveDate, usize)> = Vec::new();
        for &(d, e, p) in &rows {
            if filter(e) && seen.insert(p) {
                match steps.last_mut() {
                    Some(last) if last.0 == d => last.1 = seen.len(),
                    _ => steps.push((d, seen.len())),
                }
            }
        }
        steps
    };
    let overall = Line {
        name: "All events".into(),
        steps: cumulate(&|_| true),
    };
    let series = super::series_of(data, events);
    let per: Vec<Line> = series
        .iter()
        .map(|s| Line {
            name: series_name(*s),
            steps: cumulate(&|e| data.events[e].series.as_deref() == *s),
        })
        .filter(|l| !l.steps.is_empty())
        .collect();
    // additions to the overall count, per (date, event)
    let mut seen = BTreeSet::new();
    let mut adds: BTreeMap<(NaiveDate, EventIx), (usize, bool)> = BTreeMap::new();
    for &(d, e, p) in &rows {
        if seen.insert(p) {
            let a = adds.entry((d, e)).or_insert((0, true));
            a.0 += 1;
            a.1 &= joined_rows.contains(&(e, p));
        }
    }
    let mut total = 0;
    let additions = adds
        .into_iter()
        .map(|((date, event), (added, joined))| {
            total += added;
            Addition {
                event,
                joined,
                date,
                added,
                total,
            }
        })
        .collect();
    (overall, per, additions)
}

const DASHES: [(i32, i32); 6] = [(0, 0), (8, 4), (3, 3), (12, 4), (2, 6), (6, 2)];

pub fn render(data: &Dataset, events: &[EventIx], opts: &GrowthOptions) -> Result<String, String> {
    let (overall, per, additions) = lines(data, events);
    let width = f64::from(opts.width.unwrap_or(1200).clamp(480, 20_000));
    let title = opts.title.clone().unwrap_or_else(|| {
        "How many parties have taken part: cumulative distinct parties named".into()
    });
    let max = overall.steps.last().map_or(0, |s| s.1);
    let incomplete = events
        .iter()
        .filter(|&&e| data.events[e].reported.is_some() && !completeness(data, e, None).complete)
        .count();
    let subtitle = format!(
        "{max} distinct parties across {} events{}",
        events.len(),
        if incomplete > 0 {
            format!("; {incomplete} of the events have incomplete lists, so true totals are higher")
        } else {
            String::new()
        }
    );
    // Legend rows
    let mut legend: Vec<(usize, f64, f64)> = Vec::new();
    let (mut lx, mut ly) = (16.0, 78.0);
    let all_lines: Vec<&Line> = std::iter::once(&overall).chain(per.iter()).collect();
    for (i, l) in all_lines.iter().enumerate() {
        let w = 36.0 + font::width(&l.name, 12.0, i == 0) + 24.0;
        if lx + w > width - 16.0 {
            lx = 16.0;
            ly += 22.0;
        }
        legend.push((i, lx, ly));
        lx += w;
    }
    let plot_top = ly + 40.0;
    let plot_h = 420.0;
    let plot_bottom = plot_top + plot_h;
    let y_label_w = 44.0;
    let x0 = 16.0 + y_label_w + 14.0;
    let x1 = width - 24.0;
    let range = super::date_range(data, events);
    let (lo, hi) = (range.map(|r| r.0), range.map(|r| r.1));
    let last_row = additions.iter().map(|a| a.date).max();
    let hi = match (hi, last_row) {
        (Some(h), Some(r)) => Some(h.max(r)),
        (h, r) => h.or(r),
    };
    let axis = match (lo, hi) {
        (Some(a), Some(b)) => Some(DateAxis::covering(a, b, x0, x1)),
        _ => None,
    };
    let ystep = nice_step(max.max(1));
    let ymax = (max.max(1)).div_ceil(ystep) * ystep;
    let y = |v: usize| plot_bottom - v as f64 / ymax as f64 * plot_h;
    let footer_y = plot_bottom + 44.0;
    let mut footer = super::footer(
        data,
        "Counts include only the parties the dataset names; a party counts from the date it joined. Observers and non-signatories are not counted.",
        width,
    );

    // Labels for additions: up-left of the step (where a rising step line cannot be), pushed
    // up past earlier labels; right of the step if there is no room on the left.
    let mut labels: Vec<(String, f64, f64, f64, f64, f64, f64)> = Vec::new(); // text, x0, y0, x1, y1, px, py
    let mut omitted = 0;
    if let Some(axis) = &axis {
        let curve_y_at = |x: f64| {
            let mut v = 0;
            for &(d, c) in &overall.steps {
                if axis.x(d) <= x {
                    v = c;
                }
            }
            y(v)
        };
        let mut adds: Vec<&Addition> = additions.iter().collect();
        adds.sort_by_key(|a| std::cmp::Reverse(a.added));
        for a in adds {
            let px = axis.x(a.date);
            let py = y(a.total);
            let joined = if a.joined { " (joined later)" } else { "" };
            let text = font::svg_safe(&format!(
                "{}{joined} +{}",
                data.events[a.event].label(),
                a.added
            ));
            let w = font::width(&text, 11.0, false);
            let h = 14.0;
            let mut placed = None;
            for (bx0, bx1) in [(px - 6.0 - w, px - 6.0), (px + 6.0, px + 6.0 + w)] {
                if bx0 < x0 || bx1 > x1 {
                    continue;
                }
                // above the curve over the label's span
                let mut by1 = curve_y_at(bx1).min(py) - 6.0;
                loop {
                    let by0 = by1 - h;
                    if by0 < plot_top {
                        break;
                    }
                    let hit = labels.iter().any(|l| {
                        bx0 < l.3 + 4.0 && l.1 < bx1 + 4.0 && by0 < l.4 + 2.0 && l.2 < by1 + 2.0
                    });
                    if !hit {
                        placed = Some((bx0, by0, bx1, by1));
                        break;
                    }
                    by1 -= 4.0;
                }
                if placed.is_some() {
                    break;
                }
            }
            match placed {
                Some((a0, b0, a1, b1)) => labels.push((text, a0, b0, a1, b1, px, py)),
                None => omitted += 1,
            }
        }
    }
    if omitted > 0 {
        footer.extend(font::wrap(
            &format!("{omitted} event labels did not fit and are left out."),
            11.0,
            false,
            width - 32.0,
        ));
    }
    let height = footer_y + footer.len() as f64 * 15.0 + 10.0;

    let colors: Vec<Color> = std::iter::once(INK)
        .chain(okabe_ito::ALL.iter().copied().cycle().take(per.len()))
        .collect();
    let mut buf = String::new();
    {
        let p = Painter::new(&mut buf, width as u32, height.ceil() as u32)?;
        super::draw_header(&p, &title, &subtitle, width)?;
        for &(i, lx, ly) in &legend {
            let (dash, gap) = DASHES[i.min(DASHES.len() - 1)];
            let wdt = if i == 0 { 3 } else { 2 };
            if dash == 0 {
                p.line(&[(lx, ly), (lx + 28.0, ly)], colors[i], wdt)?;
            } else {
                p.dashed(&[(lx, ly), (lx + 28.0, ly)], colors[i], wdt, dash, gap)?;
            }
            p.text(
                &all_lines[i].name,
                lx + 36.0,
                ly,
                12.0,
                i == 0,
                INK,
                Anchor::Start,
            )?;
        }
        // y grid
        let mut v = 0;
        while v <= ymax {
            let yy = y(v);
            p.line(&[(x0, yy), (x1, yy)], if v == 0 { MUTED } else { RULE }, 1)?;
            p.text(&v.to_string(), x0 - 8.0, yy, 12.0, false, INK, Anchor::End)?;
            v += ystep;
        }
        p.text(
            "parties",
            16.0,
            plot_top - 14.0,
            12.0,
            true,
            INK,
            Anchor::Start,
        )?;
        if let Some(axis) = &axis {
            for t in axis.ticks() {
                if t.has_mark() {
                    p.line(
                        &[
                            (t.x, plot_bottom),
                            (t.x, plot_bottom + if t.major { 7.0 } else { 4.0 }),
                        ],
                        MUTED,
                        1,
                    )?;
                }
                if let Some(lbl) = &t.label {
                    let half = font::width(lbl, 12.0, false) / 2.0;
                    p.text(
                        lbl,
                        t.x.clamp(8.0 + half, width - 8.0 - half),
                        plot_bottom + 19.0,
                        12.0,
                        false,
                        INK,
                        Anchor::Middle,
                    )?;
                }
            }
            let end_x = axis.x1;
            // series first, overall on top
            for (i, l) in all_lines.iter().enumerate().rev() {
                let mut pts = vec![(axis.x0, y(0))];
                for &(d, c) in &l.steps {
                    let xx = axis.x(d);
                    let prev = pts.last().map_or(y(0), |p| p.1);
                    pts.push((xx, prev));
                    pts.push((xx, y(c)));
                }
                let last = pts.last().map_or(y(0), |p| p.1);
                pts.push((end_x, last));
                let (dash, gap) = DASHES[i.min(DASHES.len() - 1)];
                let wdt = if i == 0 { 3 } else { 2 };
                if dash == 0 {
                    p.line(&pts, colors[i], wdt)?;
                } else {
                    p.dashed(&pts, colors[i], wdt, dash, gap)?;
                }
            }
            for a in &additions {
                p.circle(
                    axis.x(a.date),
                    y(a.total),
                    4.0,
                    Some(INK),
                    Some((WHITE_C, 1)),
                )?;
            }
            for l in &labels {
                p.line(
                    &[
                        (l.5, l.6 - 4.0),
                        (if l.1 < l.5 { l.3 } else { l.1 }, (l.2 + l.4) / 2.0),
                    ],
                    with_alpha(MUTED, 0.7),
                    1,
                )?;
                p.rect(l.1 - 1.0, l.2, l.3 + 1.0, l.4, WHITE_C)?;
                p.text(
                    &l.0,
                    l.1,
                    (l.2 + l.4) / 2.0,
                    11.0,
                    false,
                    INK,
                    Anchor::Start,
                )?;
            }
        }
        super::draw_footer(&p, &footer, footer_y)?;
        p.finish()?;
    }
    let desc = format!(
        "Step chart of the cumulative number of distinct parties named, overall and per series. {subtitle}. Lines: {}.",
        all_lines
            .iter()
            .map(|l| format!("{} reaches {}", l.name, l.steps.last().map_or(0, |s| s.1)))
            .collect::<Vec<_>>()
            .join("; ")
    );
    Ok(accessible(buf, &title, &desc))
}

/// A round step for about 5–8 gridlines.
fn nice_step(max: usize) -> usize {
    let raw = (max as f64 / 6.0).max(1.0);
    let mag = 10f64.powf(raw.log10().floor());
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .find(|s| *s >= raw)
        .unwrap_or(10.0 * mag);
    step as usize
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::load_embedded;

    #[test]
    fn a_later_accession_counts_from_its_own_date() {
        let d = load_embedded().unwrap();
        let ev = d.event_ix["bletchley-2023"];
        let (overall, _, adds) = lines(&d, &[ev]);
        assert_eq!(overall.steps.len(), 2, "{:?}", overall.steps);
        assert_eq!(overall.steps[0].1, 29);
        assert_eq!(overall.steps[1].1, 30);
        assert_eq!(adds.iter().map(|a| a.added).sum::<usize>(), 30);
    }

    #[test]
    fn nice_steps_are_round() {
        assert_eq!(nice_step(120), 20);
        assert_eq!(nice_step(7), 2);
        assert_eq!(nice_step(1), 1);
    }
}
