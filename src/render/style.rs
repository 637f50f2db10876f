//! Visual vocabulary shared by the charts: the Okabe–Ito palette and a colour and marker shape
//! per event kind. Names (of series, of months) are data and live in `model::catalog` and
//! `date`, not here.

use super::paint::{Color, Shape, hex};
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

#[cfg(test)]
mod tests {
    use super::*;

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
