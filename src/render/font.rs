//! Text metrics from the one font we embed (DejaVu Sans, from the `dejavu` crate), so layout
//! uses real advance widths ("iii" is narrower than "WWW"); the SVG names the same font,
//! `DejaVu Sans, sans-serif`, and PNG output draws with it (`render::png`).

use ab_glyph::{Font, FontRef};
use std::sync::OnceLock;

/// The `font-family` value written into every SVG text element.
pub const FAMILY: &str = "DejaVu Sans, sans-serif";

struct Fonts {
    regular: FontRef<'static>,
    bold: FontRef<'static>,
}

fn fonts() -> &'static Fonts {
    static F: OnceLock<Fonts> = OnceLock::new();
    F.get_or_init(|| {
        // The bytes are DejaVu Sans as shipped in the crate; parsing them cannot fail.
        let regular =
            FontRef::try_from_slice(dejavu::sans::regular()).expect("embedded DejaVu Sans parses");
        let bold = FontRef::try_from_slice(dejavu::sans::bold())
            .expect("embedded DejaVu Sans Bold parses");
        Fonts { regular, bold }
    })
}

/// Parse the embedded fonts now rather than at the first measurement.
pub fn init() {
    fonts();
}

/// Width in pixels of `text` set at CSS `font-size: px`, with kerning.
pub fn width(text: &str, px: f64, bold: bool) -> f64 {
    let f = fonts();
    let font = if bold { &f.bold } else { &f.regular };
    let upem = f64::from(font.units_per_em().unwrap_or(2048.0));
    let mut units = 0.0f64;
    let mut prev = None;
    for c in text.chars() {
        let g = font.glyph_id(c);
        if let Some(p) = prev {
            units += f64::from(font.kern_unscaled(p, g));
        }
        units += f64::from(font.h_advance_unscaled(g));
        prev = Some(g);
    }
    units * px / upem
}

/// Text safe to put in SVG: XML 1.0 forbids most control characters even when escaped, so
/// they are replaced; bidirectional controls are dropped so that they cannot reorder a label.
pub fn svg_safe(s: &str) -> String {
    s.chars()
        .filter(|&c| !crate::present::escape::is_bidi_override(c))
        .map(|c| {
            if c.is_control() || c == '\u{FFFE}' || c == '\u{FFFF}' {
                '\u{FFFD}'
            } else {
                c
            }
        })
        .collect()
}

/// Cut `text` to fit `max` pixels, ending with an ellipsis when cut.
pub fn fit(text: &str, px: f64, bold: bool, max: f64) -> String {
    if width(text, px, bold) <= max {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    for n in (0..chars.len()).rev() {
        let s: String = chars[..n].iter().collect::<String>().trim_end().to_string() + "…";
        if width(&s, px, bold) <= max {
            return s;
        }
    }
    String::new()
}

/// Break `text` into lines no wider than `max` pixels (words longer than a line are cut).
pub fn wrap(text: &str, px: f64, bold: bool, max: f64) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut cur = String::new();
    for word in text.split_whitespace() {
        let candidate = if cur.is_empty() {
            word.to_string()
        } else {
            format!("{cur} {word}")
        };
        if width(&candidate, px, bold) <= max || cur.is_empty() {
            cur = candidate;
        } else {
            lines.push(std::mem::take(&mut cur));
            cur = word.to_string();
        }
    }
    if !cur.is_empty() {
        lines.push(cur);
    }
    lines.into_iter().map(|l| fit(&l, px, bold, max)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_come_from_real_glyph_advances() {
        let i = width("iii", 12.0, false);
        let w = width("WWW", 12.0, false);
        assert!(w > 2.5 * i, "WWW {w} vs iii {i}");
        // "Türkiye" is 7 characters; a byte count would treat ü as two.
        let t = width("Türkiye", 12.0, false);
        let ascii = width("Turkiye", 12.0, false);
        assert!((t - ascii).abs() < 1.0, "{t} vs {ascii}");
        assert!(t < 0.7 * 12.0 / 1.24 / 1.24 * 8.0 * 1.5);
        assert!(width("Côte d'Ivoire", 12.0, true) > width("Côte d'Ivoire", 12.0, false));
    }

    #[test]
    fn control_characters_never_reach_the_svg() {
        assert_eq!(svg_safe("a\u{1b}b\u{202E}c"), "a\u{FFFD}bc");
    }

    #[test]
    fn fit_and_wrap_respect_the_width() {
        let s = fit(
            "International Network of AI Safety Institutes",
            12.0,
            false,
            100.0,
        );
        assert!(s.ends_with('…') && width(&s, 12.0, false) <= 100.0);
        for l in wrap("Network meeting San Francisco 2024", 11.0, false, 60.0) {
            assert!(width(&l, 11.0, false) <= 60.0, "{l}");
        }
    }
}
