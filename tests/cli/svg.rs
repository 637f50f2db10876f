//! Reading charts back: SVG parsed with roxmltree, texts measured with the embedded font the
//! layout uses, PNGs decoded and SVGs rasterised by resvg with fonts from bytes only.

pub fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("SVG is not well-formed XML: {e}"))
}

/// Text content of every `<text>` element, trimmed.
pub fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// A box in canvas pixels: (x0, y0, x1, y1).
pub type Rect = (f64, f64, f64, f64);

/// A `<text>` of an SVG chart, its size, and the box it takes, measured as the layout measures it: the
/// advance width in the embedded DejaVu Sans from `x` by its anchor, and an em high around `y`
/// (text is written with `dy="0.5ex"`, so `y` is its middle).
pub fn svg_text_boxes(doc: &roxmltree::Document) -> Vec<(String, f64, Rect)> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| {
            let text = n.text().unwrap_or("").trim().to_string();
            let num = |a: &str| n.attribute(a).and_then(|v| v.parse::<f64>().ok());
            let (x, y, px) = (
                num("x").unwrap(),
                num("y").unwrap(),
                num("font-size").unwrap(),
            );
            assert_eq!(n.attribute("dy"), Some("0.5ex"), "{text}");
            let bold = n.attribute("font-weight") == Some("bold");
            let w = convene::render::font::width(&text, px, bold);
            let x0 = match n.attribute("text-anchor") {
                Some("middle") => x - w / 2.0,
                Some("end") => x - w,
                _ => x,
            };
            (text, px, (x0, y - px / 2.0, x0 + w, y + px / 2.0))
        })
        .collect()
}

/// Every point that a shape of the SVG reaches: rectangles' corners, circles' extremes, and
/// the points of polylines, polygons and paths.
pub fn svg_shape_points(doc: &roxmltree::Document) -> Vec<(String, f64, f64)> {
    let mut out = Vec::new();
    for n in doc.descendants() {
        let num = |a: &str| {
            n.attribute(a)
                .and_then(|v| v.parse::<f64>().ok())
                .unwrap_or(0.0)
        };
        let tag = n.tag_name().name().to_string();
        match tag.as_str() {
            "rect" => {
                let (x, y) = (num("x"), num("y"));
                out.push((tag.clone(), x, y));
                out.push((tag, x + num("width"), y + num("height")));
            }
            "circle" => {
                let (cx, cy, r) = (num("cx"), num("cy"), num("r"));
                out.push((tag.clone(), cx - r, cy - r));
                out.push((tag, cx + r, cy + r));
            }
            "polyline" | "polygon" => {
                for p in n.attribute("points").unwrap_or("").split_whitespace() {
                    let (a, b) = p.split_once(',').unwrap();
                    out.push((tag.clone(), a.parse().unwrap(), b.parse().unwrap()));
                }
            }
            "path" => {
                // Our paths are "M x y L x y …".
                let d = n.attribute("d").unwrap_or("").replace(['M', 'L'], " ");
                let v: Vec<f64> = d.split_whitespace().map(|t| t.parse().unwrap()).collect();
                for xy in v.chunks(2) {
                    out.push((tag.clone(), xy[0], xy[1]));
                }
            }
            _ => {}
        }
    }
    out
}

/// Rasterise with resvg, fonts from bytes only (never the machine's), and look for ink.
pub fn raster(svg: &str) -> resvg::tiny_skia::Pixmap {
    let mut opt = resvg::usvg::Options::default();
    opt.fontdb_mut()
        .load_font_data(dejavu::sans::regular().to_vec());
    opt.fontdb_mut()
        .load_font_data(dejavu::sans::bold().to_vec());
    opt.fontdb_mut().set_sans_serif_family("DejaVu Sans");
    let tree = resvg::usvg::Tree::from_str(svg, &opt).expect("resvg parses the SVG");
    let size = tree.size().to_int_size();
    let mut pm = resvg::tiny_skia::Pixmap::new(size.width(), size.height()).unwrap();
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::default(),
        &mut pm.as_mut(),
    );
    pm
}

pub fn dark_pixels(pm: &resvg::tiny_skia::Pixmap, r: (f64, f64, f64, f64)) -> usize {
    let (w, h) = (pm.width() as i64, pm.height() as i64);
    let mut n = 0;
    for y in (r.1.floor() as i64).max(0)..(r.3.ceil() as i64).min(h) {
        for x in (r.0.floor() as i64).max(0)..(r.2.ceil() as i64).min(w) {
            let p = pm.pixel(x as u32, y as u32).unwrap();
            if p.alpha() > 200 && (p.red() as u32 + p.green() as u32 + p.blue() as u32) < 300 {
                n += 1;
            }
        }
    }
    n
}

/// Decode a PNG with tiny-skia's decoder (the png crate underneath).
pub fn decode_png(bytes: &[u8]) -> resvg::tiny_skia::Pixmap {
    resvg::tiny_skia::Pixmap::decode_png(bytes).unwrap_or_else(|e| panic!("not a PNG: {e}"))
}

/// The text of a chart's footer: its 11 px lines from the source line on, joined.
pub fn footer_text(svg: &str) -> String {
    let doc = parse(svg);
    let lines: Vec<String> = svg_text_boxes(&doc)
        .into_iter()
        .filter(|(_, px, _)| (px - 11.0).abs() < 0.01)
        .map(|(t, _, _)| t)
        .skip_while(|t| !t.starts_with("Source: "))
        .collect();
    lines.join(" ")
}

/// The `fill` and `opacity` of the `<text>` that says exactly `text`.
pub fn text_ink(doc: &roxmltree::Document, text: &str) -> (String, String) {
    let n = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.trim() == text))
        .unwrap_or_else(|| panic!("no text {text:?}"));
    let fill = n.attribute("fill").unwrap_or("").to_string();
    (fill, n.attribute("fill-opacity").unwrap_or("1").to_string())
}

/// Every number in an attribute of the SVG (coordinates, sizes, opacities, points, paths).
pub fn svg_numbers(doc: &roxmltree::Document) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for n in doc.descendants().filter(|n| n.is_element()) {
        for a in n.attributes() {
            let numeric = [
                "x",
                "y",
                "width",
                "height",
                "cx",
                "cy",
                "r",
                "font-size",
                "opacity",
                "fill-opacity",
                "stroke-opacity",
                "stroke-width",
                "points",
                "d",
                "transform",
            ];
            if !numeric.contains(&a.name()) {
                continue;
            }
            let v = a
                .value()
                .replace(['M', 'L', ',', '(', ')'], " ")
                .replace("rotate", " ");
            out.extend(
                v.split_whitespace()
                    .map(|t| (a.name().to_string(), t.to_string())),
            );
        }
    }
    out
}
