//! `PartialDate`: a calendar date given to the year, the month or the day.
//!
//! Sources often give only "December 2025" or "2023"; this type keeps the precision that was
//! given so that nothing downstream invents a day. Parsing is strict (`YYYY`, `YYYY-MM`,
//! `YYYY-MM-DD`, nothing else) and done here, from the raw string, so that the loader can say
//! which column held a bad date.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// How much of a date a source gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// A date known to the year, the month or the day.
///
/// Ordering is chronological by first possible day; a coarser date sorts before a finer one
/// that starts on the same day (`2024` < `2024-01` < `2024-01-01`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    year: i32,
    /// 1–12, or 0 when not given (so "not given" sorts first, as the precision order wants).
    month: u8,
    /// 1–31, or 0 when not given.
    day: u8,
}

impl PartialDate {
    /// The year 1, the earliest date there is.
    pub(crate) const YEAR_ONE: PartialDate = PartialDate {
        year: 1,
        month: 0,
        day: 0,
    };

    /// Parse `YYYY`, `YYYY-MM` or `YYYY-MM-DD`. The error text is a complete sentence fragment
    /// suitable after `column start: `.
    pub fn parse(s: &str) -> Result<Self, String> {
        match Self::parse_plain(s.as_bytes()) {
            Some(d) => Ok(d),
            None => Self::parse_general(s),
        }
    }

    /// A well-formed date read straight from its bytes; `None` for anything else (including
    /// every mistake), which [`PartialDate::parse_general`] then explains.
    fn parse_plain(b: &[u8]) -> Option<Self> {
        let digit = |i: usize| -> Option<u32> {
            let c = *b.get(i)?;
            c.is_ascii_digit().then(|| u32::from(c - b'0'))
        };
        if !matches!(b.len(), 4 | 7 | 10) {
            return None;
        }
        let year = digit(0)? * 1000 + digit(1)? * 100 + digit(2)? * 10 + digit(3)?;
        if !(1..=9998).contains(&year) {
            return None;
        }
        let (mut month, mut day) = (0, 0);
        if b.len() >= 7 {
            month = digit(5)? * 10 + digit(6)?;
            if b[4] != b'-' || !(1..=12).contains(&month) {
                return None;
            }
        }
        if b.len() == 10 {
            day = digit(8)? * 10 + digit(9)?;
            let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
            let days = match month {
                2 if leap => 29,
                2 => 28,
                4 | 6 | 9 | 11 => 30,
                _ => 31,
            };
            if b[7] != b'-' || day == 0 || day > days {
                return None;
            }
        }
        Some(PartialDate {
            year: year as i32,
            month: month as u8,
            day: day as u8,
        })
    }

    fn parse_general(s: &str) -> Result<Self, String> {
        let form = "expected YYYY, YYYY-MM or YYYY-MM-DD";
        let raw = s;
        if s.is_empty() {
            return Err(format!("empty date ({form})"));
        }
        // At most three parts; a fourth makes the shape wrong. No allocation: dates are parsed
        // once per row of a large file.
        let mut split = [""; 3];
        let mut count = 0;
        for p in s.split('-') {
            if count == split.len() {
                count += 1;
                break;
            }
            split[count] = p;
            count += 1;
        }
        let parts: &[&str] = if count <= split.len() {
            &split[..count]
        } else {
            &[]
        };
        let digits = |p: &str, n: usize| p.len() == n && p.bytes().all(|b| b.is_ascii_digit());
        let shape_ok = match parts {
            [y] => digits(y, 4),
            [y, m] => digits(y, 4) && digits(m, 2),
            [y, m, d] => digits(y, 4) && digits(m, 2) && digits(d, 2),
            _ => false,
        };
        if !shape_ok {
            let hint = if s.contains('/') {
                " (use '-' between parts, not '/')"
            } else if s.trim() != s {
                " (remove the spaces around it)"
            } else if s.contains('T') || s.contains(':') || s.contains(' ') {
                " (give a date without a time)"
            } else {
                ""
            };
            return Err(format!("invalid date \"{raw}\": {form}{hint}"));
        }
        let year: i32 = parts[0]
            .parse()
            .map_err(|_| format!("invalid year in \"{raw}\""))?;
        // 9999 would put the exclusive end of its last day (used by calendars) in year 10000.
        if !(1..=9998).contains(&year) {
            return Err(format!(
                "invalid date \"{raw}\": year {year:04} is outside 0001 to 9998"
            ));
        }
        let month = match parts.get(1) {
            None => None,
            Some(m) => {
                let m: u32 = m
                    .parse()
                    .map_err(|_| format!("invalid month in \"{raw}\""))?;
                if !(1..=12).contains(&m) {
                    return Err(format!("invalid date \"{raw}\": month {m} is not 01 to 12"));
                }
                Some(m)
            }
        };
        let day = match parts.get(2) {
            None => None,
            Some(d) => {
                let d: u32 = d.parse().map_err(|_| format!("invalid day in \"{raw}\""))?;
                let m = month.unwrap_or(1);
                if NaiveDate::from_ymd_opt(year, m, d).is_none() {
                    let last = last_day_of_month(year, m);
                    return Err(format!(
                        "invalid date \"{raw}\": day {d} does not exist in {year}-{m:02} (it has {last} days)"
                    ));
                }
                Some(d)
            }
        };
        Ok(PartialDate {
            year,
            month: month.unwrap_or(0) as u8,
            day: day.unwrap_or(0) as u8,
        })
    }

    pub fn year(&self) -> i32 {
        self.year
    }
    pub fn month(&self) -> Option<u32> {
        (self.month > 0).then_some(u32::from(self.month))
    }
    pub fn day(&self) -> Option<u32> {
        (self.day > 0).then_some(u32::from(self.day))
    }

    pub fn precision(&self) -> Precision {
        match (self.month, self.day) {
            (0, _) => Precision::Year,
            (_, 0) => Precision::Month,
            _ => Precision::Day,
        }
    }

    /// The first day this date can mean.
    pub fn first_day(&self) -> NaiveDate {
        let m = self.month().unwrap_or(1);
        let d = self.day().unwrap_or(1);
        NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or(NaiveDate::MIN)
    }

    /// The date as one integer that sorts the way dates do (year, then month, then day; an
    /// absent month or day first).
    pub fn sort_key(&self) -> u32 {
        // Years are 1 to 9998 (checked when parsed), so the shift cannot overflow.
        ((self.year as u32) << 16) | (u32::from(self.month) << 8) | u32::from(self.day)
    }

    /// The date a [`PartialDate::sort_key`] was made from, if it is one a parse could give
    /// (a snapshot stores dates as their keys, and one read back is checked).
    pub(crate) fn from_sort_key(k: u32) -> Option<Self> {
        let (year, month, day) = ((k >> 16) as i32, (k >> 8) as u8, k as u8);
        let ok = (1..=9998).contains(&year)
            && month <= 12
            && (day == 0
                || (month > 0
                    && (day <= 28 || u32::from(day) <= last_day_of_month(year, u32::from(month)))));
        ok.then_some(PartialDate { year, month, day })
    }

    /// Whether every day this date can mean is before every day `other` can mean, i.e.
    /// `self.last_day() < other.first_day()`, compared as integers. An unknown day counts as
    /// 31 (no real first day falls between a month's last day and its 31st) and an unknown
    /// month as 12 or 1.
    pub fn ends_before(&self, other: &PartialDate) -> bool {
        let last = (
            self.year,
            if self.month == 0 { 12 } else { self.month },
            if self.day == 0 { 31 } else { self.day },
        );
        let first = (other.year, other.month.max(1), other.day.max(1));
        last < first
    }

    /// The last day this date can mean.
    pub fn last_day(&self) -> NaiveDate {
        let m = self.month().unwrap_or(12);
        let d = self
            .day()
            .unwrap_or_else(|| last_day_of_month(self.year, m));
        NaiveDate::from_ymd_opt(self.year, m, d).unwrap_or(NaiveDate::MAX)
    }
}

/// Number of days in a month (28 to 31).
pub fn last_day_of_month(year: i32, month: u32) -> u32 {
    let (ny, nm) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(ny, nm, 1)
        .and_then(|d| d.pred_opt())
        .map(|d| d.day())
        .unwrap_or(31)
}

impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month() {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day() {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl serde::Serialize for PartialDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// A date range as people write it: `2023-11-01 – 2023-11-02`, or one date.
pub fn format_span(start: &PartialDate, end: Option<&PartialDate>) -> String {
    match end {
        Some(e) if e != start => format!("{start} – {e}"),
        _ => start.to_string(),
    }
}

/// The English abbreviation of month `m` (1–12, clamped): "Jan" … "Dec", the first three
/// letters of chrono's month names.
pub fn month_abbrev(m: u32) -> &'static str {
    // `m` is clamped into 1..=12, so the conversion cannot fail.
    chrono::Month::try_from(m.clamp(1, 12) as u8).map_or("Jan", |m| &m.name()[..3])
}

/// A date or span as people write it: "1–2 Nov 2023", "30 Nov – 2 Dec 2024", "Dec 2025", "2023".
/// Charts and exports use it; [`format_span`] is the ISO form.
pub fn human_span(start: &PartialDate, end: Option<&PartialDate>) -> String {
    let month = |d: &PartialDate| month_abbrev(d.month().unwrap_or(1));
    let day = |d: &PartialDate| d.day().unwrap_or(1);
    let one = |d: &PartialDate| match d.precision() {
        Precision::Year => d.year().to_string(),
        Precision::Month => format!("{} {}", month(d), d.year()),
        Precision::Day => format!("{} {} {}", day(d), month(d), d.year()),
    };
    let Some(e) = end.filter(|e| *e != start) else {
        return one(start);
    };
    match (start.precision(), e.precision()) {
        (Precision::Day, Precision::Day)
            if start.year() == e.year() && start.month() == e.month() =>
        {
            format!("{}–{} {} {}", day(start), day(e), month(e), e.year())
        }
        (Precision::Day, Precision::Day) if start.year() == e.year() => format!(
            "{} {} – {} {} {}",
            day(start),
            month(start),
            day(e),
            month(e),
            e.year()
        ),
        (Precision::Month, Precision::Month) if start.year() == e.year() => {
            format!("{}–{} {}", month(start), month(e), e.year())
        }
        _ => format!("{} – {}", one(start), one(e)),
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn sort_keys_order_dates_like_dates() {
        let dates: Vec<PartialDate> = [
            "0001",
            "2023",
            "2023-01",
            "2023-01-01",
            "2023-01-31",
            "2023-02",
            "2023-12-31",
            "2024",
            "9998-12-31",
        ]
        .iter()
        .map(|s| PartialDate::parse(s).unwrap())
        .collect();
        for a in &dates {
            for b in &dates {
                assert_eq!(a.sort_key().cmp(&b.sort_key()), a.cmp(b), "{a} {b}");
            }
        }
    }

    #[test]
    fn the_plain_reader_agrees_with_the_general_one() {
        let mut inputs: Vec<String> = Vec::new();
        for y in [
            "0000", "0001", "1900", "2000", "2023", "2024", "2100", "9998", "9999",
        ] {
            inputs.push(y.to_string());
            for m in 0..=13 {
                inputs.push(format!("{y}-{m:02}"));
                for d in [0, 1, 28, 29, 30, 31, 32] {
                    inputs.push(format!("{y}-{m:02}-{d:02}"));
                }
            }
        }
        inputs.extend(
            [
                "2024/01/02",
                "2024-1-2",
                "20a4",
                "2024-01-0x",
                "2024x01",
                "+202",
            ]
            .map(String::from),
        );
        for s in &inputs {
            let general = PartialDate::parse_general(s);
            match PartialDate::parse_plain(s.as_bytes()) {
                Some(d) => assert_eq!(Ok(d), general, "{s}"),
                None => assert!(
                    general.is_err(),
                    "{s}: the plain reader refused a valid date"
                ),
            }
            assert_eq!(PartialDate::parse(s), general, "{s}");
        }
    }

    #[test]
    fn a_fourth_part_or_a_stray_dash_is_the_wrong_shape() {
        for bad in ["2024-01-02-03", "2024-", "-2024", "2024--01", "2024-01-02-"] {
            let e = PartialDate::parse(bad).unwrap_err();
            assert!(
                e.contains("expected YYYY, YYYY-MM or YYYY-MM-DD"),
                "{bad}: {e}"
            );
        }
        assert!(PartialDate::parse("2024-02-29").is_ok());
    }

    #[test]
    fn ends_before_agrees_with_the_calendar() {
        let mut dates = Vec::new();
        for y in [2023, 2024] {
            dates.push(PartialDate::parse(&format!("{y}")).unwrap());
            for m in 1..=12u32 {
                dates.push(PartialDate::parse(&format!("{y}-{m:02}")).unwrap());
                for d in [1, 15, 28, 29, 30, 31] {
                    if let Ok(x) = PartialDate::parse(&format!("{y}-{m:02}-{d:02}")) {
                        dates.push(x);
                    }
                }
            }
        }
        for a in &dates {
            for b in &dates {
                assert_eq!(a.ends_before(b), a.last_day() < b.first_day(), "{a} {b}");
            }
        }
    }

    use super::*;

    #[test]
    fn month_abbreviations_are_the_usual_three_letters() {
        let all: Vec<&str> = (1..=12).map(month_abbrev).collect();
        assert_eq!(
            all,
            [
                "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
            ]
        );
        assert_eq!(month_abbrev(0), "Jan");
        assert_eq!(month_abbrev(13), "Dec");
    }

    #[test]
    fn spans_read_as_people_write_them() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert_eq!(
            human_span(&d("2023-11-01"), Some(&d("2023-11-02"))),
            "1–2 Nov 2023"
        );
        assert_eq!(
            human_span(&d("2024-11-30"), Some(&d("2024-12-02"))),
            "30 Nov – 2 Dec 2024"
        );
        assert_eq!(human_span(&d("2025-12"), None), "Dec 2025");
        assert_eq!(
            human_span(&d("2023-05"), Some(&d("2023-12"))),
            "May–Dec 2023"
        );
        assert_eq!(human_span(&d("2023"), None), "2023");
    }

    #[test]
    fn keeps_the_precision_given() {
        assert_eq!(
            PartialDate::parse("2025").unwrap().precision(),
            Precision::Year
        );
        assert_eq!(
            PartialDate::parse("2025-12").unwrap().precision(),
            Precision::Month
        );
        assert_eq!(
            PartialDate::parse("2025-12-04").unwrap().precision(),
            Precision::Day
        );
        for s in ["2025", "2025-12", "2025-12-04"] {
            assert_eq!(PartialDate::parse(s).unwrap().to_string(), s);
        }
    }

    #[test]
    fn month_precision_spans_the_whole_month() {
        let d = PartialDate::parse("2024-02").unwrap();
        assert_eq!(d.first_day(), NaiveDate::from_ymd_opt(2024, 2, 1).unwrap());
        assert_eq!(d.last_day(), NaiveDate::from_ymd_opt(2024, 2, 29).unwrap());
        let y = PartialDate::parse("2023").unwrap();
        assert_eq!(y.last_day(), NaiveDate::from_ymd_opt(2023, 12, 31).unwrap());
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        let cases = [
            ("2023-02-30", "day 30 does not exist in 2023-02"),
            ("2023-13-01", "month 13 is not 01 to 12"),
            ("23-11-01", "expected YYYY, YYYY-MM or YYYY-MM-DD"),
            ("2023/11/01", "use '-' between parts"),
            ("2023-11-01T10:00", "without a time"),
            (" 2024", "remove the spaces"),
            ("2024 ", "remove the spaces"),
            ("2023-1-5", "expected YYYY"),
            ("", "empty date"),
            ("9999-12-31", "outside 0001 to 9998"),
            ("0000", "outside 0001 to 9998"),
        ];
        for (input, want) in cases {
            let err = PartialDate::parse(input).unwrap_err();
            assert!(err.contains(want), "{input:?}: {err}");
        }
    }

    #[test]
    fn leap_day_is_valid_only_in_leap_years() {
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("2023-02-29").is_err());
    }

    #[test]
    fn coarser_dates_sort_first_on_the_same_day() {
        let mut v: Vec<PartialDate> = ["2024-01-01", "2024", "2024-01", "2023-12-31"]
            .iter()
            .map(|s| PartialDate::parse(s).unwrap())
            .collect();
        v.sort();
        let got: Vec<String> = v.iter().map(|d| d.to_string()).collect();
        assert_eq!(got, ["2023-12-31", "2024", "2024-01", "2024-01-01"]);
    }
}
