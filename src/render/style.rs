//! Visual vocabulary shared by the charts: the Okabe–Ito palette, a marker shape per event
//! kind, display names for series, and dates as people write them ("1–2 Nov 2023").

use super::paint::{Color, Shape, hex};
use crate::date::{PartialDate, Precision};
use crate::model::EventKind;

/// Okabe & Ito's colour-blind-safe palette.
pub mod okabe_ito {
    use super::*;
    pub const ORANGE: Color = hex(0xE69F00);
    pub const SKY_BLUE: Color = hex(0x56B4E9);
    pub const GREEN: Color = hex(0x009E73);
    pub const YELLOW: Color = hex(0xF0E442);
    pub const BLUE: Color = hex(0x0072B2);
    pub const VERMILLION: Color = hex(0xD55E00);
    pub const PURPLE: Color = hex(0xCC79A7);
    pub const BLACK: Color = hex(0x000000);
    pub const ALL: [Color; 8] = [
        BLUE, VERMILLION, GREEN, ORANGE, PURPLE, SKY_BLUE, YELLOW, BLACK,
    ];
}

/// Colour and shape of an event kind. Each kind has its own shape, so kinds stay distinct
/// without colour.
pub fn kind_style(k: EventKind) -> (Color, Shape) {
    use okabe_ito::*;
    match k {
        EventKind::Summit => (VERMILLION, Shape::Circle),
        EventKind::Declaration => (BLUE, Shape::Diamond),
        EventKind::Meeting => (GREEN, Shape::Square),
        EventKind::Founding => (ORANGE, Shape::TriangleUp),
        EventKind::Renaming => (ORANGE, Shape::TriangleDown),
        EventKind::Treaty => (PURPLE, Shape::Pentagon),
        EventKind::Resolution => (SKY_BLUE, Shape::Hexagon),
        EventKind::Report => (BLACK, Shape::Star),
        EventKind::Commitment => (YELLOW, Shape::Plus),
        EventKind::Exercise => (GREEN, Shape::Cross),
    }
}

/// Series in lane order, with display names. Unknown series follow, by name.
pub const SERIES: &[(&str, &str)] = &[
    ("ai-summits", "AI summits"),
    ("aisi-network", "Network of AI Safety Institutes"),
    ("institutes", "National institutes"),
    ("council-of-europe", "Council of Europe"),
    ("united-nations", "United Nations"),
    ("g7-hiroshima", "G7 Hiroshima process"),
];

pub fn series_name(s: Option<&str>) -> String {
    match s {
        None => "Other".to_string(),
        Some(s) => SERIES
            .iter()
            .find(|(id, _)| *id == s)
            .map(|(_, n)| n.to_string())
            .unwrap_or_else(|| s.to_string()),
    }
}

pub fn series_rank(s: Option<&str>) -> (usize, String) {
    match s {
        None => (usize::MAX, String::new()),
        Some(s) => (
            SERIES
                .iter()
                .position(|(id, _)| *id == s)
                .unwrap_or(SERIES.len()),
            s.to_string(),
        ),
    }
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

pub fn month_name(m: u32) -> &'static str {
    MONTHS[((m.clamp(1, 12)) - 1) as usize]
}

/// A date or span as people write it: "1–2 Nov 2023", "30 Nov – 2 Dec 2024", "Dec 2025", "2023".
pub fn human_span(start: &PartialDate, end: Option<&PartialDate>) -> String {
    let one = |d: &PartialDate| match d.precision() {
        Precision::Year => d.year().to_string(),
        Precision::Month => format!("{} {}", month_name(d.month().unwrap_or(1)), d.year()),
        Precision::Day => format!(
            "{} {} {}",
            d.day().unwrap_or(1),
            month_name(d.month().unwrap_or(1)),
            d.year()
        ),
    };
    let Some(e) = end.filter(|e| *e != start) else {
        return one(start);
    };
    match (start.precision(), e.precision()) {
        (Precision::Day, Precision::Day)
            if start.year() == e.year() && start.month() == e.month() =>
        {
            format!(
                "{}–{} {} {}",
                start.day().unwrap_or(1),
                e.day().unwrap_or(1),
                month_name(e.month().unwrap_or(1)),
                e.year()
            )
        }
        (Precision::Day, Precision::Day) if start.year() == e.year() => format!(
            "{} {} – {} {} {}",
            start.day().unwrap_or(1),
            month_name(start.month().unwrap_or(1)),
            e.day().unwrap_or(1),
            month_name(e.month().unwrap_or(1)),
            e.year()
        ),
        (Precision::Month, Precision::Month) if start.year() == e.year() => {
            format!(
                "{}–{} {}",
                month_name(start.month().unwrap_or(1)),
                month_name(e.month().unwrap_or(1)),
                e.year()
            )
        }
        _ => format!("{} – {}", one(start), one(e)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> PartialDate {
        PartialDate::parse(s).unwrap()
    }

    #[test]
    fn spans_read_as_people_write_them() {
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
    fn every_kind_has_its_own_shape() {
        let mut shapes: Vec<String> = EventKind::ALL
            .iter()
            .map(|k| format!("{:?}", kind_style(*k).1))
            .collect();
        shapes.sort();
        shapes.dedup();
        assert_eq!(shapes.len(), EventKind::ALL.len());
    }
}
