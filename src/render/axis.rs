//! A calendar-aligned date axis: ticks on 1 January, on month starts for ranges under a year
//! and a half, and on days (every 1, 2 or 3 days, or on Mondays) for ranges of a few weeks,
//! never on "every N weeks from the first date" as plotters' own date ranges do.

use crate::date::month_abbrev;
use chrono::{Datelike, NaiveDate};

/// Ranges up to this many days get a day axis.
pub const DAY_AXIS_DAYS: i64 = 45;

#[derive(Debug, Clone)]
pub struct DateAxis {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub x0: f64,
    pub x1: f64,
}

pub struct Tick {
    pub x: f64,
    pub label: Option<String>,
    /// A major tick (1 January, or a month start in month mode) gets a long mark and a gridline.
    pub major: bool,
}

impl Tick {
    /// Whether to draw a tick mark here (year labels sit between marks, with none of their own).
    pub fn has_mark(&self) -> bool {
        self.major || self.label.is_none()
    }
}

impl DateAxis {
    /// An axis covering `[lo, hi]`, widened to whole months with a month of air on each side;
    /// a range of up to [`DAY_AXIS_DAYS`] days is zoomed to its days, with an eighth of its
    /// length (at least a day) of air on each side.
    pub fn covering(lo: NaiveDate, hi: NaiveDate, x0: f64, x1: f64) -> Self {
        let span = (hi - lo).num_days();
        if (0..=DAY_AXIS_DAYS).contains(&span) {
            let air = chrono::Days::new((span as u64).div_ceil(8).max(1));
            let start = lo.checked_sub_days(air).unwrap_or(lo);
            let end = hi
                .checked_add_days(air)
                .and_then(|d| d.succ_opt())
                .unwrap_or(hi);
            return DateAxis { start, end, x0, x1 };
        }
        let first_of = |d: NaiveDate| NaiveDate::from_ymd_opt(d.year(), d.month(), 1).unwrap_or(d);
        let start = first_of(lo)
            .checked_sub_months(chrono::Months::new(1))
            .unwrap_or(lo);
        let end = first_of(hi)
            .checked_add_months(chrono::Months::new(2))
            .unwrap_or(hi);
        DateAxis { start, end, x0, x1 }
    }

    pub fn days(&self) -> f64 {
        (self.end - self.start).num_days().max(1) as f64
    }

    /// x of the start of a day.
    pub fn x(&self, d: NaiveDate) -> f64 {
        self.x0 + (d - self.start).num_days() as f64 / self.days() * (self.x1 - self.x0)
    }

    /// x of the end of a day (start of the next).
    pub fn x_end(&self, d: NaiveDate) -> f64 {
        self.x(d.succ_opt().unwrap_or(d))
    }

    /// Ticks: years when the range is long (every 1, 2 or 5 years), months when it is short.
    pub fn ticks(&self) -> Vec<Tick> {
        let mut out = Vec::new();
        let span_years = self.days() / 365.25;
        let px_per_year = (self.x1 - self.x0) / span_years.max(0.01);
        if span_years >= 1.5 {
            // the smallest round step that keeps year labels at least 50 px apart
            let step = [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000]
                .into_iter()
                .find(|&s| f64::from(s) * px_per_year >= 50.0)
                .unwrap_or(10_000);
            // Ticks on 1 January; each year's label sits in the middle of its span (clipped to
            // the axis), so a partial year at either end is labelled too when there is room.
            for y in self.start.year()..=self.end.year() {
                let Some(jan) = NaiveDate::from_ymd_opt(y, 1, 1) else {
                    continue;
                };
                if jan >= self.start && jan <= self.end && y.rem_euclid(step) == 0 {
                    out.push(Tick {
                        x: self.x(jan),
                        label: None,
                        major: true,
                    });
                }
                if px_per_year >= 120.0 {
                    for m in [4, 7, 10] {
                        if let Some(d) = NaiveDate::from_ymd_opt(y, m, 1)
                            && d >= self.start
                            && d <= self.end
                        {
                            out.push(Tick {
                                x: self.x(d),
                                label: None,
                                major: false,
                            });
                        }
                    }
                }
                if step == 1 {
                    let a = self.x(jan.max(self.start));
                    let b = NaiveDate::from_ymd_opt(y + 1, 1, 1)
                        .map_or(self.x1, |n| self.x(n.min(self.end)));
                    if b - a >= 40.0 {
                        out.push(Tick {
                            x: (a + b) / 2.0,
                            label: Some(y.to_string()),
                            major: false,
                        });
                    }
                } else if y.rem_euclid(step) == 0
                    && jan >= self.start
                    && let Some(t) = out.iter_mut().rev().find(|t| t.major)
                {
                    t.label = Some(y.to_string());
                }
            }
        } else if self.days() <= (DAY_AXIS_DAYS + 2 * (DAY_AXIS_DAYS / 8 + 1) + 1) as f64 {
            // The smallest step of days whose labels, measured, stay apart.
            for step in [1, 2, 3, 7, 14, 28] {
                out = self.day_ticks(step);
                if labels_apart(&out) {
                    break;
                }
            }
        } else {
            // The smallest step of months whose labels, measured, stay apart.
            for step in [1, 2, 3, 6, 12] {
                out = self.month_ticks(step);
                if labels_apart(&out) {
                    break;
                }
            }
        }
        out
    }
}

impl DateAxis {
    /// A tick on every month start, labelled every `step` months (the first label and each
    /// January's with the year).
    fn month_ticks(&self, step: u32) -> Vec<Tick> {
        let mut out: Vec<Tick> = Vec::new();
        let mut d = self.start;
        while d <= self.end {
            let m0 = d.month0();
            let labelled = m0.is_multiple_of(step);
            let first = !out.iter().any(|t| t.label.is_some());
            let label = labelled.then(|| {
                if m0 == 0 || first {
                    format!("{} {}", month_abbrev(d.month()), d.year())
                } else {
                    month_abbrev(d.month()).to_string()
                }
            });
            out.push(Tick {
                x: self.x(d),
                label,
                major: m0 == 0,
            });
            d = match d.checked_add_months(chrono::Months::new(1)) {
                Some(n) => n,
                None => break,
            };
        }
        out
    }
}

impl DateAxis {
    /// A tick on every day, labelled every `step` days ("21 May"; on every `step / 7`th Monday
    /// for a step of 7 or more), the first label with its year, a month start drawn as a major tick.
    fn day_ticks(&self, step: u32) -> Vec<Tick> {
        let mut out: Vec<Tick> = Vec::new();
        let mut d = self.start;
        while d <= self.end {
            let labelled = if step >= 7 {
                d.weekday() == chrono::Weekday::Mon
                    && (d.num_days_from_ce() / 7).rem_euclid((step / 7) as i32) == 0
            } else {
                d.num_days_from_ce().rem_euclid(step as i32) == 0
            };
            let first = !out.iter().any(|t| t.label.is_some());
            let label = labelled.then(|| {
                if first || (d.month() == 1 && d.day() <= step) {
                    format!("{} {} {}", d.day(), month_abbrev(d.month()), d.year())
                } else {
                    format!("{} {}", d.day(), month_abbrev(d.month()))
                }
            });
            out.push(Tick {
                x: self.x(d),
                label,
                major: d.day() == 1,
            });
            d = match d.succ_opt() {
                Some(n) => n,
                None => break,
            };
        }
        out
    }
}

/// Whether the labels of `ticks`, centred on them at 12 px, keep 8 px apart.
fn labels_apart(ticks: &[Tick]) -> bool {
    let spans: Vec<(f64, f64)> = ticks
        .iter()
        .filter_map(|t| {
            let half = super::font::width(t.label.as_deref()?, 12.0, false) / 2.0;
            Some((t.x - half, t.x + half))
        })
        .collect();
    spans.windows(2).all(|w| w[1].0 - w[0].1 >= 8.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticks_fall_on_the_first_of_january() {
        let a = DateAxis::covering(
            NaiveDate::from_ymd_opt(2023, 5, 10).unwrap(),
            NaiveDate::from_ymd_opt(2026, 3, 16).unwrap(),
            0.0,
            1000.0,
        );
        let labels: Vec<String> = a.ticks().into_iter().filter_map(|t| t.label).collect();
        assert_eq!(labels, ["2023", "2024", "2025", "2026"]);
        let marks: Vec<f64> = a.ticks().iter().filter(|t| t.major).map(|t| t.x).collect();
        assert_eq!(marks.len(), 3, "1 January of 2024, 2025 and 2026");
        assert_eq!(a.start, NaiveDate::from_ymd_opt(2023, 4, 1).unwrap());
    }

    #[test]
    fn labels_stay_apart_on_very_long_ranges() {
        let a = DateAxis::covering(
            NaiveDate::from_ymd_opt(1, 1, 1).unwrap(),
            NaiveDate::from_ymd_opt(9998, 12, 31).unwrap(),
            0.0,
            1000.0,
        );
        let xs: Vec<f64> = a
            .ticks()
            .into_iter()
            .filter(|t| t.label.is_some())
            .map(|t| t.x)
            .collect();
        assert!(!xs.is_empty() && xs.len() <= 21, "{} labels", xs.len());
        for w in xs.windows(2) {
            assert!(w[1] - w[0] >= 49.0, "{xs:?}");
        }
        let marks = a.ticks().iter().filter(|t| t.major).count();
        assert!(marks <= 21, "{marks} tick marks and gridlines");
    }

    #[test]
    fn month_labels_stay_apart_however_narrow_the_axis() {
        for px in [200.0, 300.0, 440.0, 600.0, 800.0, 1400.0] {
            let a = DateAxis::covering(
                NaiveDate::from_ymd_opt(2022, 12, 5).unwrap(),
                NaiveDate::from_ymd_opt(2023, 11, 20).unwrap(),
                0.0,
                px,
            );
            let ticks = a.ticks();
            assert!(ticks.iter().any(|t| t.label.is_some()), "{px} px");
            assert!(labels_apart(&ticks), "{px} px");
        }
    }

    #[test]
    fn a_week_gets_a_day_axis_with_every_day_labelled_when_there_is_room() {
        let (lo, hi) = (
            NaiveDate::from_ymd_opt(2024, 5, 20).unwrap(),
            NaiveDate::from_ymd_opt(2024, 5, 23).unwrap(),
        );
        let a = DateAxis::covering(lo, hi, 0.0, 800.0);
        assert_eq!(a.start, NaiveDate::from_ymd_opt(2024, 5, 19).unwrap());
        assert_eq!(a.end, NaiveDate::from_ymd_opt(2024, 5, 25).unwrap());
        let labels: Vec<String> = a.ticks().into_iter().filter_map(|t| t.label).collect();
        assert_eq!(labels[0], "19 May 2024");
        assert!(labels.contains(&"21 May".to_string()), "{labels:?}");
        // a day is wide: the four days take most of the axis
        assert!(a.x_end(hi) - a.x(lo) > 400.0);
        for px in [200.0, 440.0, 1400.0] {
            for span in [0, 3, 10, 30, 45] {
                let a = DateAxis::covering(lo, lo + chrono::Days::new(span), 0.0, px);
                let ticks = a.ticks();
                assert!(
                    ticks.iter().any(|t| t.label.is_some()),
                    "{px} px, {span} days"
                );
                assert!(labels_apart(&ticks), "{px} px, {span} days");
            }
        }
        // 46 days and more: month ticks
        let a = DateAxis::covering(lo, lo + chrono::Days::new(46), 0.0, 800.0);
        assert_eq!(a.start, NaiveDate::from_ymd_opt(2024, 4, 1).unwrap());
    }

    #[test]
    fn short_ranges_get_month_ticks() {
        let a = DateAxis::covering(
            NaiveDate::from_ymd_opt(2024, 5, 21).unwrap(),
            NaiveDate::from_ymd_opt(2024, 11, 21).unwrap(),
            0.0,
            800.0,
        );
        let labels: Vec<String> = a.ticks().into_iter().filter_map(|t| t.label).collect();
        assert_eq!(labels.first().map(String::as_str), Some("Apr 2024"));
        assert!(labels.contains(&"Jan 2025".to_string()) || labels.len() >= 6);
    }
}
