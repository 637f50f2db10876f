//! PNG charts: an SVG chart rasterised by resvg with the fonts embedded in the binary (DejaVu
//! Sans, the font the layout measures with), never the machine's, so the same SVG gives the
//! same PNG bytes everywhere. Pure: SVG text in, PNG bytes out.

use super::RenderError;

/// The most pixels a PNG may have (about 100 megapixels, 400 MB while it is drawn).
pub const MAX_PIXELS: f64 = 1.0e8;

/// Rasterise `svg` at `scale` device pixels per SVG pixel and encode it as PNG.
pub fn png(svg: &str, scale: f64) -> Result<Vec<u8>, RenderError> {
    use resvg::{tiny_skia, usvg};
    let mut opt = usvg::Options::default();
    let db = opt.fontdb_mut();
    db.load_font_data(dejavu::sans::regular().to_vec());
    db.load_font_data(dejavu::sans::bold().to_vec());
    db.set_sans_serif_family("DejaVu Sans");
    let tree = usvg::Tree::from_str(svg, &opt).map_err(|e| RenderError::Draw {
        detail: format!("the SVG could not be read back for PNG: {e}"),
    })?;
    let size = tree.size();
    let (w, h) = (
        (f64::from(size.width()) * scale).ceil(),
        (f64::from(size.height()) * scale).ceil(),
    );
    let too_large = RenderError::TooLarge {
        width: w as u64,
        height: h as u64,
    };
    if w * h > MAX_PIXELS {
        return Err(too_large);
    }
    let mut pixmap = tiny_skia::Pixmap::new(w as u32, h as u32).ok_or(too_large)?;
    let s = scale as f32;
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(s, s),
        &mut pixmap.as_mut(),
    );
    pixmap.encode_png().map_err(|e| RenderError::Draw {
        detail: format!("PNG encoding failed: {e}"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" width="40" height="20" viewBox="0 0 40 20"><rect width="40" height="20" fill="#fff"/><text x="2" y="15" font-family="DejaVu Sans, sans-serif" font-size="14">Wi</text></svg>"##;

    #[test]
    fn a_png_is_the_svg_at_its_scale_with_text_drawn_in_the_embedded_font() {
        let bytes = png(SVG, 2.0).unwrap();
        let pm = resvg::tiny_skia::Pixmap::decode_png(&bytes).unwrap();
        assert_eq!((pm.width(), pm.height()), (80, 40));
        let dark = pm.pixels().iter().filter(|p| p.red() < 100).count();
        assert!(dark > 50, "the text left {dark} dark pixels");
        assert_eq!(bytes, png(SVG, 2.0).unwrap(), "same SVG, same bytes");
    }

    #[test]
    fn a_png_too_large_to_draw_is_refused_before_it_is_allocated() {
        let e = png(SVG, 400.0).unwrap_err();
        assert!(
            matches!(
                e,
                RenderError::TooLarge {
                    width: 16000,
                    height: 8000
                }
            ),
            "{e:?}"
        );
    }
}
