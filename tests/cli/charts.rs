//! Charts: well-formed SVG with title and description, one label per event, a legend naming
//! every kind shown, ink where the labels are, identical bytes on every run, `output/` up to date.
use super::*;
use convene::load::{InputFile, load_embedded, load_files};
use convene::model::{Dataset, EventId};
use convene::query::{self, EventFilter};
use convene::render::timeline::{self, TimelineOptions};

fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("SVG is not well-formed XML: {e}"))
}

/// Text content of every `<text>` element, trimmed (plotters puts newlines around it).
fn texts(doc: &roxmltree::Document) -> Vec<String> {
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

fn check_accessible(svg: &str, what: &str) {
    let doc = parse(svg);
    let root = doc.root_element();
    let title = root
        .children()
        .find(|n| n.has_tag_name("title"))
        .unwrap_or_else(|| panic!("{what}: no <title>"));
    let desc = root
        .children()
        .find(|n| n.has_tag_name("desc"))
        .unwrap_or_else(|| panic!("{what}: no <desc>"));
    assert!(
        !title.text().unwrap_or("").is_empty() && !desc.text().unwrap_or("").is_empty(),
        "{what}"
    );
}

fn all_events(d: &Dataset) -> Vec<EventId> {
    query::events(d, &EventFilter::default())
}

/// The timeline view of `events`, nothing highlighted.
fn lanes(d: &Dataset, events: &[EventId]) -> query::timeline::Timeline {
    query::timeline::lanes(d, events, None)
}

fn membership_svg(d: &Dataset, events: &[EventId]) -> String {
    let view = query::membership::matrix(d, events, 0);
    convene::render::membership::render(&view, &Default::default()).unwrap()
}

fn growth_svg(d: &Dataset, events: &[EventId]) -> String {
    let view = query::growth::lines(d, events);
    convene::render::growth::render(&view, &Default::default()).unwrap()
}

#[test]
fn render_writes_three_well_formed_accessible_charts() {
    let dir = tempfile::tempdir().unwrap();
    let out = convene()
        .args(["render", "--out-dir"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for f in ["timeline.svg", "membership.svg", "growth.svg"] {
        let svg = std::fs::read_to_string(dir.path().join(f)).unwrap();
        check_accessible(&svg, f);
    }
}

#[test]
fn timeline_labels_every_event_and_its_legend_names_every_kind() {
    let d = load_embedded().unwrap();
    let events = all_events(&d);
    let svg = timeline::render(&lanes(&d, &events), &TimelineOptions::default()).unwrap();
    let doc = parse(&svg);
    let t = texts(&doc);
    for &e in &events {
        let ev = d.event(e);
        let n = t
            .iter()
            .filter(|s| s.starts_with(&format!("{}, ", ev.label())))
            .count();
        assert_eq!(n, 1, "event {} should have exactly one label", ev.id);
    }
    let mut kinds: Vec<&str> = events.iter().map(|&e| d.event(e).kind.as_str()).collect();
    kinds.sort();
    kinds.dedup();
    for k in kinds {
        assert!(t.iter().any(|s| s == k), "legend lacks kind {k}");
    }
    assert!(
        !svg.contains("left out"),
        "no label of the shipped dataset may be left out"
    );
}

/// A box in canvas pixels: (x0, y0, x1, y1).
type Rect = (f64, f64, f64, f64);

/// A `<text>` of an SVG chart, its size, and the box it takes, measured as the layout measures it: the
/// advance width in the embedded DejaVu Sans from `x` by its anchor, and an em high around `y`
/// (plotters writes `dy="0.5ex"`, so `y` is the text's middle).
fn svg_text_boxes(doc: &roxmltree::Document) -> Vec<(String, f64, Rect)> {
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
/// the points of polylines and polygons.
fn svg_shape_points(doc: &roxmltree::Document) -> Vec<(String, f64, f64)> {
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
            _ => {}
        }
    }
    out
}

/// The issue's widths: `convene timeline --width W` for the shipped dataset keeps the label of
/// every core event, cuts no label's date, keeps the title's years, and puts nothing outside
/// the canvas or over another text.
#[test]
fn timeline_keeps_every_core_label_and_everything_inside_the_canvas_from_480_to_1600_px() {
    let d = load_embedded().unwrap();
    let view = lanes(&d, &all_events(&d));
    // What a label may say: its label with its date, with the date to the month, or alone.
    let allowed: Vec<Vec<String>> = view
        .entries
        .iter()
        .map(|e| {
            vec![
                format!("{}, {}", e.label, e.when),
                format!("{}, {}", e.label, e.when_month),
                e.label.clone(),
            ]
        })
        .collect();
    for width in [480, 600, 800, 1000, 1200, 1600] {
        let svg = stdout(&["timeline", "--width", &width.to_string(), "-o", "-"]);
        let doc = parse(&svg);
        let root = doc.root_element();
        let size = |a: &str| root.attribute(a).unwrap().parse::<f64>().unwrap();
        let (w, h) = (size("width"), size("height"));
        assert_eq!(w, f64::from(width));
        let boxes = svg_text_boxes(&doc);
        for (i, (t, _, b)) in boxes.iter().enumerate() {
            assert!(
                b.0 >= -0.5 && b.1 >= -0.5 && b.2 <= w + 0.5 && b.3 <= h + 0.5,
                "{width} px: text {t:?} leaves the {w}×{h} canvas: {b:?}"
            );
            for (u, _, c) in &boxes[i + 1..] {
                let apart =
                    b.2 <= c.0 + 0.5 || c.2 <= b.0 + 0.5 || b.3 <= c.1 + 0.5 || c.3 <= b.1 + 0.5;
                assert!(apart, "{width} px: texts {t:?} and {u:?} overlap");
            }
        }
        for (tag, x, y) in svg_shape_points(&doc) {
            assert!(
                (-0.5..=w + 0.5).contains(&x) && (-0.5..=h + 0.5).contains(&y),
                "{width} px: a {tag} reaches ({x}, {y}), outside the canvas"
            );
        }
        // Event labels are the 11.5 px texts; each says one of its allowed forms, whole.
        let labels: Vec<&str> = boxes
            .iter()
            .filter(|(_, px, _)| (px - 11.5).abs() < 0.01)
            .map(|(t, _, _)| t.as_str())
            .collect();
        for l in &labels {
            assert!(
                allowed.iter().flatten().any(|a| a == l),
                "{width} px: label {l:?} is not an event's label with its whole date"
            );
        }
        for id in convene::model::catalog::CORE_EVENTS {
            let e = view
                .entries
                .iter()
                .position(|e| d.event(e.event).id == id)
                .unwrap();
            assert!(
                labels.iter().any(|l| allowed[e].iter().any(|a| a == l)),
                "{width} px: the core event {id} has no label"
            );
        }
        let title: Vec<&str> = boxes
            .iter()
            .filter(|(_, px, _)| *px == 20.0)
            .map(|(t, _, _)| t.as_str())
            .collect();
        assert!(
            title.join(" ").ends_with("2023–2026"),
            "{width} px: title {title:?}"
        );
    }
}

#[test]
fn timeline_layout_of_the_shipped_dataset_has_no_collisions_at_any_width() {
    let d = load_embedded().unwrap();
    let view = lanes(&d, &all_events(&d));
    let l = timeline::layout(&view, &TimelineOptions::default());
    assert_eq!(l.omitted, 0);
    for width in (480..=1600).step_by(40) {
        let l = timeline::layout(
            &view,
            &TimelineOptions {
                width,
                ..Default::default()
            },
        );
        if let Err(e) = timeline::check_layout(&l) {
            panic!("{width} px: {e}");
        }
    }
}

#[test]
fn output_directory_matches_a_fresh_render() {
    let d = load_embedded().unwrap();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("output");
    for (name, svg) in convene::render::charts(&d, convene::render::DataSource::Shipped).unwrap() {
        let committed = std::fs::read_to_string(root.join(name)).unwrap_or_default();
        assert!(
            committed == svg,
            "output/{name} is stale: run `cargo run --release -- render` and commit output/"
        );
    }
}

#[test]
fn rendering_twice_gives_the_same_bytes() {
    let a = stdout(&["timeline", "-o", "-"]);
    let b = stdout(&["timeline", "-o", "-"]);
    assert_eq!(a, b);
    let a = stdout(&["chart", "membership", "-o", "-"]);
    assert_eq!(a, stdout(&["chart", "membership", "-o", "-"]));
}

/// Rasterise with resvg, fonts from bytes only (never the machine's), and look for ink.
fn raster(svg: &str) -> resvg::tiny_skia::Pixmap {
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

fn dark_pixels(pm: &resvg::tiny_skia::Pixmap, r: (f64, f64, f64, f64)) -> usize {
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

#[test]
fn every_timeline_label_has_ink_where_it_was_placed() {
    let d = load_embedded().unwrap();
    let l = timeline::layout(&lanes(&d, &all_events(&d)), &TimelineOptions::default());
    let pm = raster(&timeline::draw(&l).unwrap());
    for m in &l.marks {
        let lb = m.label.as_ref().unwrap();
        let ink = dark_pixels(&pm, lb.bbox);
        assert!(ink > 40, "label {:?} has {ink} dark pixels", lb.text);
    }
}

#[test]
fn membership_and_growth_rasterise_with_text() {
    let d = load_embedded().unwrap();
    for (name, svg) in convene::render::charts(&d, convene::render::DataSource::Shipped).unwrap() {
        let pm = raster(&svg);
        // the title band holds dark text
        let ink = dark_pixels(&pm, (16.0, 12.0, 400.0, 38.0));
        assert!(ink > 200, "{name}: title has {ink} dark pixels");
    }
}

fn dataset_from(events: &str, parties: &str, participation: &str) -> Dataset {
    let files = [
        events,
        parties,
        participation,
        "id,name\n",
        "event,priority,source\n",
    ];
    let files = files
        .iter()
        .zip(convene::load::FILES)
        .map(|(s, n)| InputFile {
            display: n.to_string(),
            bytes: s.as_bytes().to_vec(),
        })
        .collect();
    load_files(files).unwrap_or_else(|e| panic!("{e:?}"))
}

#[test]
fn hostile_names_give_well_formed_svg() {
    let events = "id,name,short,kind,start,source,list\n\
        a-1,\"<script>alert('x')</script> & \"\"quotes\"\"\",\"<b>&amp;\",summit,2024-01-05,https://x.org/a,complete\n\
        b-1,\"مؤتمر القمة \u{202e}reversed\",,meeting,2024-02-05,https://x.org/b,complete\n\
        c-1,\"Emoji 🤖🛡️ summit\u{1b}[31m\",,treaty,2024-03,https://x.org/c,partial\n";
    let parties = "id,name,kind\nAAA,\"Côte d'Ivoire <&>\",country\nBBB,\"\u{1b}]0;pwned\u{7}Evil\",organisation\n";
    let part = "event,party,role\na-1,AAA,signatory\nb-1,BBB,member\nc-1,AAA,joined\n";
    let part = part.replace("c-1,AAA,joined", "c-1,AAA,signatory");
    let d = dataset_from(events, parties, &part);
    let ev = all_events(&d);
    let t = timeline::render(&lanes(&d, &ev), &TimelineOptions::default()).unwrap();
    parse(&t);
    assert!(!t.contains("<script>") && !t.contains('\u{1b}'));
    assert!(
        !t.contains('\u{202e}'),
        "a bidi override reorders the label"
    );
    let m = membership_svg(&d, &ev);
    parse(&m);
    assert!(!m.contains('\u{1b}'));
    parse(&growth_svg(&d, &ev));
}

#[test]
fn zero_one_and_a_crowd_of_same_day_events_render_legibly() {
    let parties = "id,name,kind\nAAA,Alpha,country\n";
    // no events selected (a dataset always has at least one)
    let empty = dataset_from(
        "id,name,kind,start,source,list\nx,X,summit,2024,https://x.org,complete\n",
        parties,
        "event,party,role\n",
    );
    parse(&timeline::render(&lanes(&empty, &[]), &TimelineOptions::default()).unwrap());
    parse(&membership_svg(&empty, &[]));
    parse(&growth_svg(&empty, &[]));

    let one = dataset_from(
        "id,name,kind,start,source,list\nx,Only event,summit,2024-05-01,https://x.org,complete\n",
        parties,
        "event,party,role\nx,AAA,signatory\n",
    );
    let l = timeline::layout(&lanes(&one, &all_events(&one)), &TimelineOptions::default());
    timeline::check_layout(&l).unwrap();
    parse(&timeline::draw(&l).unwrap());

    let mut ev = String::from("id,name,kind,start,source,list\n");
    for i in 0..120 {
        ev.push_str(&format!(
            "e-{i},Busy day meeting number {i},meeting,2024-06-01,https://x.org/{i},complete\n"
        ));
    }
    let busy = dataset_from(&ev, parties, "event,party,role\n");
    let all = all_events(&busy);
    // At the smallest width a hundred and twenty labels on one day cannot all have room: each
    // stack, above and under the markers, holds 24 over one point.
    let narrow = TimelineOptions {
        width: 480,
        ..TimelineOptions::default()
    };
    let l = timeline::layout(&lanes(&busy, &all), &narrow);
    timeline::check_layout(&l).unwrap();
    let labelled = l.marks.iter().filter(|m| m.label.is_some()).count();
    assert_eq!(labelled + l.omitted, 120);
    let svg = timeline::draw(&l).unwrap();
    parse(&svg);
    // The footer must count exactly the labels left out.
    assert!(
        l.omitted > 0,
        "all 120 labels fitted; the case no longer tests omission"
    );
    assert!(
        svg.contains(&format!("{} labels did not fit", l.omitted)),
        "the footer does not count the {} omitted labels",
        l.omitted
    );
}

#[test]
fn chart_commands_write_to_a_file_or_to_piped_stdout() {
    let dir = tempfile::tempdir().unwrap();
    let f = dir.path().join("sub/dir/m.svg");
    let out = convene()
        .args(["chart", "membership", "--events", "sf,san-diego", "-o"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    parse(&std::fs::read_to_string(&f).unwrap());
    let out = convene()
        .args(["chart", "growth", "--series", "aisi-network", "-o", "-"])
        .output()
        .unwrap();
    assert!(out.status.success());
    parse(&String::from_utf8(out.stdout).unwrap());
}

/// Runs `convene ARGS` on a pseudo-terminal in an empty directory, and checks it wrote no file
/// there. Returns (exit code, what the terminal showed).
fn on_a_terminal(args: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let args = split_args(args);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let shown = super::on_a_terminal(&args, dir.path());
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "`convene {args:?}` wrote files: {left:?}");
    shown
}

#[test]
fn chart_commands_refuse_to_write_svg_to_a_terminal() {
    for args in [
        "timeline",
        "chart membership",
        "chart growth --series aisi-network",
    ] {
        let (code, shown) = on_a_terminal(args);
        assert_eq!(code, 2, "`convene {args}` on a terminal: {shown}");
        assert!(
            shown.contains("stdout is a terminal; give -o FILE"),
            "`convene {args}` on a terminal printed: {shown}"
        );
        assert!(
            !shown.contains("<svg"),
            "`convene {args}` wrote SVG to the terminal"
        );
    }
    // The same command with stdout on a terminal but `-o -` asked for explicitly writes it.
    let (code, shown) = on_a_terminal("chart growth -o -");
    assert_eq!(code, 0, "{shown}");
    assert!(shown.contains("<svg"));
    // A PNG never goes to a terminal.
    let (code, shown) = on_a_terminal("timeline --format png -o -");
    assert_eq!(code, 2, "{shown}");
    assert!(shown.contains("give -o FILE.png"), "{shown}");
}

/// Decode a PNG with tiny-skia's decoder (the png crate underneath).
fn decode_png(bytes: &[u8]) -> resvg::tiny_skia::Pixmap {
    resvg::tiny_skia::Pixmap::decode_png(bytes).unwrap_or_else(|e| panic!("not a PNG: {e}"))
}

#[test]
fn charts_ending_in_png_are_written_as_png_at_twice_the_size() {
    let dir = tempfile::tempdir().unwrap();
    for (args, file, scale) in [
        (&["timeline", "--width", "800"][..], "t.png", None),
        (&["chart", "membership"][..], "m.PNG", None),
        (&["chart", "growth"][..], "g.png", Some(1.0)),
    ] {
        let path = dir.path().join(file);
        let mut cmd = convene();
        cmd.args(args).arg("-o").arg(&path);
        if let Some(s) = scale {
            cmd.args(["--scale", &s.to_string()]);
        }
        let out = cmd.output().unwrap();
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let pm = decode_png(&std::fs::read(&path).unwrap());
        // The SVG of the same chart gives the size.
        let svg = stdout(&[args, &["-o", "-"]].concat());
        let doc = parse(&svg);
        let dim = |a: &str| {
            doc.root_element()
                .attribute(a)
                .unwrap()
                .parse::<f64>()
                .unwrap()
        };
        let scale = scale.unwrap_or(2.0);
        assert_eq!(
            (f64::from(pm.width()), f64::from(pm.height())),
            (
                (dim("width") * scale).ceil(),
                (dim("height") * scale).ceil()
            ),
            "{file}"
        );
        // The title is drawn: dark pixels in its band.
        let band = (16.0 * scale, 14.0 * scale, 300.0 * scale, 36.0 * scale);
        assert!(dark_pixels(&pm, band) > 200, "{file} has no title");
    }
    // `--format png` to stdout, and the same bytes every time.
    let a = convene()
        .args(["timeline", "--format", "png", "-o", "-"])
        .output()
        .unwrap();
    assert!(a.status.success());
    assert_eq!(decode_png(&a.stdout).width(), 2 * timeline::DEFAULT_WIDTH);
    let b = convene()
        .args(["timeline", "--format", "png", "-o", "-"])
        .output()
        .unwrap();
    assert!(a.stdout == b.stdout, "two PNGs of the same chart differ");
}

#[test]
fn an_unknown_extension_or_a_contradicting_format_is_a_usage_error_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    for (args, says) in [
        (
            &["timeline", "-o", "t.txt"][..],
            "unknown extension \".txt\"",
        ),
        (
            &["chart", "growth", "-o", "g.jpeg"][..],
            "unknown extension \".jpeg\"",
        ),
        (
            &["timeline", "--format", "png", "-o", "t.svg"][..],
            "contradicts the extension",
        ),
        (
            &["chart", "membership", "--scale", "3", "-o", "m.svg"][..],
            "--scale sizes a PNG",
        ),
        (
            &["timeline", "--scale", "0", "-o", "t.png"][..],
            "from 0.25 to 8",
        ),
    ] {
        let out = convene()
            .current_dir(dir.path())
            .args(args)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(
            out.status.code(),
            Some(2),
            "`convene {}`: {err}",
            args.join(" ")
        );
        assert!(
            err.contains(says),
            "`convene {}` said: {err}",
            args.join(" ")
        );
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "files were written: {left:?}");
    // With --format given, the extension is the user's business.
    let f = dir.path().join("chart.img");
    let out = convene()
        .args(["timeline", "--format", "png", "-o"])
        .arg(&f)
        .output()
        .unwrap();
    assert!(out.status.success());
    decode_png(&std::fs::read(&f).unwrap());
}

/// The text of a chart's footer: its 11 px lines from the source line on, joined.
fn footer_text(svg: &str) -> String {
    let doc = parse(svg);
    let lines: Vec<String> = svg_text_boxes(&doc)
        .into_iter()
        .filter(|(_, px, _)| (px - 11.0).abs() < 0.01)
        .map(|(t, _, _)| t)
        .skip_while(|t| !t.starts_with("Source: "))
        .collect();
    lines.join(" ")
}

#[test]
fn footers_cite_the_dataset_by_version_and_count_what_the_chart_shows() {
    let total = json(&["events"]).as_array().unwrap().len();
    let parties = json(&["parties"]).as_array().unwrap().len();
    let version = env!("CARGO_PKG_VERSION");
    let cite = format!("Source: convene dataset v{version} (events to 2026-06), ");
    let network = json(&["events", "--series", "aisi-network"])
        .as_array()
        .unwrap()
        .len();
    let t = footer_text(&stdout(&[
        "timeline",
        "--series",
        "aisi-network",
        "-o",
        "-",
    ]));
    assert!(
        t.starts_with(&format!("{cite}{network} of {total} events shown.")),
        "{t}"
    );
    // The membership chart of two events: its rows are the parties shown.
    let svg = stdout(&["chart", "membership", "--events", "sf,san-diego", "-o", "-"]);
    let members = |e: &str| -> Vec<String> {
        json(&["members", e])["parties"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["id"].as_str().unwrap().to_string())
            .collect()
    };
    let mut both = members("aisi-network-sf-2024");
    both.extend(members("network-san-diego-2025"));
    both.sort();
    both.dedup();
    let m = footer_text(&svg);
    let shown = format!(
        "2 of {total} events and {} of {parties} parties shown.",
        both.len()
    );
    assert!(m.starts_with(&format!("{cite}{shown}")), "{m}");
    // Another directory's data is not called the shipped dataset.
    let d = stdout(&[
        "--data",
        fixture("small").to_str().unwrap(),
        "timeline",
        "-o",
        "-",
    ]);
    let d = footer_text(&d);
    assert!(
        d.starts_with(&format!(
            "Source: a dataset read from a directory by convene v{version}"
        )),
        "{d}"
    );
}

#[test]
fn growth_counts_countries_and_organisations_unless_companies_are_asked_for() {
    // From the JSON export: the parties with a role that makes them a party of an event.
    let export: serde_json::Value =
        serde_json::from_str(&stdout(&["export", "--format", "json"])).unwrap();
    let kind_of = |id: &str| {
        export["parties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|p| p["id"] == id)
            .map(|p| p["kind"].as_str().unwrap().to_string())
            .unwrap()
    };
    let named = |ks: &[&str]| {
        let mut ids: Vec<&str> = export["events"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|e| e["parties"].as_array().unwrap())
            .filter(|p| {
                ["signatory", "joined", "member", "participant"]
                    .contains(&p["role"].as_str().unwrap())
            })
            .map(|p| p["id"].as_str().unwrap())
            .filter(|id| ks.contains(&kind_of(id).as_str()))
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids.len()
    };
    let subtitle = |svg: &str| -> String {
        let doc = parse(svg);
        svg_text_boxes(&doc)
            .into_iter()
            .find(|(_, px, _)| (px - 13.0).abs() < 0.01)
            .map(|(t, _, _)| t)
            .unwrap()
    };
    let s = subtitle(&stdout(&["chart", "growth", "-o", "-"]));
    let n = named(&["country", "organisation"]);
    assert!(
        s.starts_with(&format!(
            "{n} distinct countries and organisations (companies not counted)"
        )),
        "{s}"
    );
    let s = subtitle(&stdout(&[
        "chart",
        "growth",
        "--party-kind",
        "country,organisation,company",
        "-o",
        "-",
    ]));
    let n = named(&["country", "organisation", "company"]);
    assert!(
        s.starts_with(&format!(
            "{n} distinct parties (countries, organisations and companies)"
        )),
        "{s}"
    );
}

/// The `fill` and `opacity` of the `<text>` that says exactly `text`.
fn text_ink(doc: &roxmltree::Document, text: &str) -> (String, String) {
    let n = doc
        .descendants()
        .find(|n| n.has_tag_name("text") && n.text().is_some_and(|t| t.trim() == text))
        .unwrap_or_else(|| panic!("no text {text:?}"));
    let a = |k: &str| n.attribute(k).unwrap_or("").to_string();
    (a("fill"), a("opacity"))
}

/// Regression: for GBR the UN resolution adopted by all 193 was dimmed as if the UK had not
/// taken part, and Paris, which the UK refused to sign, was highlighted like Bletchley.
#[test]
fn a_highlight_shows_took_part_did_not_sign_unknown_and_absent_apart() {
    let svg = stdout(&["timeline", "--party", "GBR", "-o", "-"]);
    let doc = parse(&svg);
    let t = texts(&doc);
    assert!(
        t[0].starts_with("United Kingdom (GBR) in international AI safety coordination"),
        "{:?}",
        t[0]
    );
    for key in [
        "GBR took part (",
        "GBR was there but did not sign, or observed (1 event)",
        "GBR not named, list incomplete: unknown (",
        "GBR not in the complete list: did not take part (",
    ] {
        assert!(
            t.iter().any(|s| s.starts_with(key)),
            "no legend line {key:?}"
        );
    }
    let ink = |s: &str| text_ink(&doc, s);
    let full = ("#1A1A1A".to_string(), "1".to_string());
    assert_eq!(ink("Bletchley summit, 1–2 Nov 2023"), full);
    assert_eq!(ink("Paris AI Action Summit, 10–11 Feb 2025"), full);
    // Unknown is grey, never faint like an absence.
    let unknown = ink("UN resolution 78/265, 21 Mar 2024");
    assert_eq!(unknown, ("#595959".to_string(), "1".to_string()));
    let absent = ink("Korea-Singapore joint testing, Jan 2026");
    assert!(absent.1.parse::<f64>().unwrap() < 1.0, "{absent:?}");
    // The text alternative says it too.
    let desc = doc.descendants().find(|n| n.has_tag_name("desc")).unwrap();
    let desc = desc.text().unwrap();
    assert!(desc.contains(
        "Paris AI Action Summit (summit, 10–11 Feb 2025; GBR was there but did not sign)"
    ));
    assert!(desc.contains(
        "UN resolution 78/265 (resolution, 21 Mar 2024; whether GBR took part is unknown)"
    ));
}
