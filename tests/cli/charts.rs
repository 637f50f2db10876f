//! Charts: well-formed accessible SVG, identical bytes on every run, `output/` up to date, PNG
//! output, footers that cite the dataset, and SVG a designer can edit. The timeline's own
//! layout tests are in `timeline.rs`.
use super::svg::*;
use super::*;
use convene::load::{InputFile, load_embedded, load_files};
use convene::model::{Dataset, EventId};
use convene::query::{self, EventFilter};
use convene::render::timeline::{self, TimelineOptions};

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

pub fn all_events(d: &Dataset) -> Vec<EventId> {
    query::events(d, &EventFilter::default())
}

/// The timeline view of `events`, nothing highlighted.
pub fn lanes(d: &Dataset, events: &[EventId]) -> query::timeline::Timeline {
    query::timeline::lanes(d, events, None, &query::chart::COUNTED_BY_DEFAULT)
}

pub fn membership_svg(d: &Dataset, events: &[EventId]) -> String {
    let view = query::membership::matrix(d, events, 0);
    convene::render::membership::render(&view, &Default::default()).unwrap()
}

pub fn growth_svg(d: &Dataset, events: &[EventId]) -> String {
    let view = query::growth::lines(d, events);
    convene::render::growth::render(&view, &Default::default()).unwrap()
}

#[test]
fn render_writes_four_well_formed_accessible_charts() {
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
    for f in [
        "timeline.svg",
        "membership.svg",
        "growth.svg",
        "priorities.svg",
    ] {
        let svg = std::fs::read_to_string(dir.path().join(f)).unwrap();
        check_accessible(&svg, f);
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

pub fn dataset_from(events: &str, parties: &str, participation: &str) -> Dataset {
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

#[test]
fn svgs_a_designer_can_edit_groups_with_ids_one_path_a_dashed_line_round_numbers() {
    let d = load_embedded().unwrap();
    let view = lanes(&d, &all_events(&d));
    let l = timeline::layout(&view, &TimelineOptions::default());
    let svg = timeline::draw(&l).unwrap();
    let doc = parse(&svg);
    let groups: Vec<(&str, &str)> = doc
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|n| Some((n.attribute("id")?, n.attribute("class")?)))
        .collect();
    // One group per lane, with the series' id; the legend and the axis have theirs.
    let lane_ids: Vec<&str> = groups
        .iter()
        .filter(|g| g.1 == "lane")
        .map(|g| g.0)
        .collect();
    assert_eq!(lane_ids.len(), view.lanes.len());
    assert_eq!(lane_ids[0], "lane-ai-summits");
    assert_eq!(lane_ids.last(), Some(&"lane-other"));
    for id in ["header", "legend", "axis", "footer"] {
        assert!(groups.iter().any(|g| g.0 == id), "no group {id}");
    }
    // Every event's marker and label has its own group, named by the event's id.
    for e in &view.entries {
        for what in ["marker", "label"] {
            let id = format!("{what}-{}", e.id);
            assert!(groups.iter().any(|g| g.0 == id), "no group {id}");
        }
    }
    let mut ids: Vec<&str> = doc
        .descendants()
        .filter_map(|n| n.attribute("id"))
        .collect();
    let n = ids.len();
    ids.sort_unstable();
    ids.dedup();
    assert_eq!(ids.len(), n, "ids repeat");
    // A dashed line is one element: the imprecise spans' borders, each lane's gridlines and
    // the legend's swatch, and nothing else (plotters drew 854 segments for this chart).
    let dashed = doc
        .descendants()
        .filter(|n| n.attribute("stroke-dasharray").is_some())
        .count();
    let spans = l
        .marks
        .iter()
        .filter(|m| m.imprecise && m.span.is_some())
        .count();
    let gridlines = l
        .axis
        .as_ref()
        .unwrap()
        .ticks()
        .iter()
        .filter(|t| t.major)
        .count();
    assert_eq!(dashed, spans + l.lanes.len() * gridlines + 1);
    // Numbers are rounded to 0.01, in every chart.
    let growth = growth_svg(&d, &all_events(&d));
    let membership = membership_svg(&d, &convene::model::catalog::core_events(&d));
    for (name, svg) in [
        ("timeline", &svg),
        ("growth", &growth),
        ("membership", &membership),
    ] {
        let doc = parse(svg);
        for (attr, v) in svg_numbers(&doc) {
            let (int, frac) = v.split_once('.').unwrap_or((&v, ""));
            let ok = int
                .trim_start_matches('-')
                .chars()
                .all(|c| c.is_ascii_digit())
                && !int.is_empty()
                && frac.len() <= 2
                && frac.chars().all(|c| c.is_ascii_digit());
            assert!(ok, "{name}: {attr}=\"{v}\" is not a number rounded to 0.01");
        }
    }
    // The growth chart's series and the membership chart's rows have groups too.
    let doc = parse(&growth);
    assert!(
        doc.descendants()
            .any(|n| n.attribute("id") == Some("series-all"))
    );
    assert!(
        doc.descendants()
            .any(|n| n.attribute("id") == Some("series-ai-summits"))
    );
    let doc = parse(&membership);
    assert!(
        doc.descendants()
            .any(|n| n.attribute("id") == Some("row-gbr"))
    );
}
