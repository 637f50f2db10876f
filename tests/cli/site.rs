//! `convene site`: the static website. What the pages say is checked in a real browser by
//! `tests/browser/check.mjs` (every page loaded, every link followed, members compared with
//! `convene members`, the search, axe-core); the checks here need no browser: the folder, the
//! bytes, the links as written, the escaping and every refused input.
//!
//! The browser check is installed by `.ci/run` (Debian's chromium; puppeteer-core and axe-core
//! from `tests/browser/package-lock.json`). When it is missing here the test prints a notice and
//! skips; when `CI` is set, a missing browser fails it.
use super::*;
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::OnceLock;

/// Build a site with `args` into `dir`; stderr, on success.
fn build(dir: &Path, args: &[&str]) -> String {
    let out = convene()
        .arg("site")
        .arg("--out-dir")
        .arg(dir)
        .args(args)
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert!(out.status.success(), "convene site {args:?}: {stderr}");
    stderr
}

/// The site of the whole shipped dataset, built once for the tests that read it.
fn full_site() -> &'static Path {
    static SITE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    &SITE
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let site = dir.path().join("site");
            build(&site, &[]);
            (dir, site)
        })
        .1
}

/// Every file of a site: path from its top → bytes.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    fn walk(top: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in std::fs::read_dir(dir).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(top, &p, out);
            } else {
                let rel = p
                    .strip_prefix(top)
                    .unwrap()
                    .to_string_lossy()
                    .replace('\\', "/");
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    let mut out = BTreeMap::new();
    walk(dir, dir, &mut out);
    out
}

fn pages(site: &BTreeMap<String, Vec<u8>>) -> Vec<(&str, String)> {
    site.iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| (p.as_str(), String::from_utf8(b.clone()).unwrap()))
        .collect()
}

/// HTML text with its character references (`&#60;`, `&amp;`, …) turned back into characters.
fn unescape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find('&') {
        out.push_str(&rest[..i]);
        rest = &rest[i..];
        let end = rest.find(';').unwrap_or(0);
        let c = match &rest[1..end.max(1)] {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            r if r.starts_with('#') => r[1..].parse::<u32>().ok().and_then(char::from_u32),
            _ => None,
        };
        match c {
            Some(c) => {
                out.push(c);
                rest = &rest[end + 1..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The values of `attr="…"` in a page, unescaped.
fn attrs(html: &str, attr: &str) -> Vec<String> {
    let pat = format!(" {attr}=\"");
    html.match_indices(&pat)
        .map(|(i, _)| {
            let from = i + pat.len();
            let len = html[from..].find('"').unwrap();
            unescape(&html[from..from + len])
        })
        .collect()
}

/// Every `href` and `src` of every page that is not a source's http(s) address resolves to a
/// file of the site; none is absolute.
fn assert_links_resolve(site: &BTreeMap<String, Vec<u8>>) -> usize {
    let mut n = 0;
    for (page, html) in pages(site) {
        let base = Path::new(page).parent().unwrap();
        for link in attrs(&html, "href").into_iter().chain(attrs(&html, "src")) {
            if link.starts_with("https://") || link.starts_with("http://") {
                continue;
            }
            assert!(
                !link.starts_with('/') && !link.contains(':'),
                "{page}: {link} is not relative"
            );
            let file = link.split('#').next().unwrap();
            if file.is_empty() {
                continue;
            }
            let mut parts: Vec<&str> = base.iter().map(|c| c.to_str().unwrap()).collect();
            for c in file.split('/') {
                match c {
                    ".." => assert!(parts.pop().is_some(), "{page}: {link} leaves the site"),
                    c => parts.push(c),
                }
            }
            let target = parts.join("/");
            assert!(
                site.contains_key(&target),
                "{page}: {link} → {target}: no such file"
            );
            n += 1;
        }
    }
    n
}

#[test]
fn site_has_a_page_per_event_party_series_and_priority_area_and_every_link_resolves() {
    let site = files(full_site());
    let count = |prefix: &str| {
        site.keys()
            .filter(|p| p.starts_with(prefix) && p.ends_with(".html"))
            .count()
    };
    let events = json(&["events"]);
    let events = events.as_array().unwrap();
    assert_eq!(count("events/"), events.len());
    for e in events {
        let id = e["id"].as_str().unwrap();
        assert!(site.contains_key(&format!("events/{id}.ics")), "{id}.ics");
    }
    let named = json(&["parties"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["named"].as_u64().unwrap() > 0)
        .count();
    assert_eq!(count("parties/"), named);
    assert_eq!(
        count("series/"),
        json(&["series"]).as_array().unwrap().len()
    );
    let linked = json(&["priorities"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["events"].as_u64().unwrap() > 0)
        .count();
    assert_eq!(count("priorities/"), linked);
    for f in [
        "index.html",
        "assets/style.css",
        "data/events.csv",
        "data/convene.json",
        "data/convene.ics",
        "data/convene-timelinejs.json",
        "data/convene-flat.csv",
    ] {
        assert!(site.contains_key(f), "{f}");
    }
    assert_eq!(
        site["data/events.csv"],
        std::fs::read(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("events/events.csv")).unwrap(),
        "the dataset's own file, byte for byte"
    );
    assert!(assert_links_resolve(&site) > 1000);
}

#[test]
fn the_same_data_gives_the_same_bytes() {
    let again = tempfile::tempdir().unwrap();
    build(again.path(), &[]);
    let (a, b) = (files(full_site()), files(again.path()));
    assert_eq!(a.keys().collect::<Vec<_>>(), b.keys().collect::<Vec<_>>());
    for (path, bytes) in &a {
        assert!(*bytes == b[path], "{path} differs between two builds");
    }
}

#[test]
fn no_page_asks_for_anything_outside_the_site() {
    let site = files(full_site());
    for (page, html) in pages(&site) {
        for src in attrs(&html, "src") {
            assert!(!src.contains("://"), "{page}: loads {src}");
        }
        assert!(
            !html.contains("<link rel=\"stylesheet\" href=\"http"),
            "{page}"
        );
        assert!(
            !html.contains("<iframe") && !html.contains("<img"),
            "{page}"
        );
    }
    let css = String::from_utf8(site["assets/style.css"].clone()).unwrap();
    assert!(!css.contains("url(") && !css.contains("@import"), "{css}");
    let js = String::from_utf8(site["assets/site.js"].clone()).unwrap();
    assert!(
        !js.contains("fetch(") && !js.contains("XMLHttpRequest"),
        "{js}"
    );
}

#[test]
fn an_event_page_states_its_list_and_links_its_members_and_its_calendar() {
    let site = files(full_site());
    let html = String::from_utf8(site["events/bletchley-2023.html"].clone()).unwrap();
    let members = json(&["members", "bletchley-2023"]);
    let shown = json(&["show", "bletchley-2023"]);
    // The same completeness wording as every other output ("30 parties listed; complete as of …").
    let listed = members["listed"].as_u64().unwrap();
    assert!(
        html.contains(&format!("{listed} parties listed; complete as of ")),
        "{html}"
    );
    assert_eq!(shown["complete"], true);
    for p in members["parties"].as_array().unwrap() {
        let id = p["id"].as_str().unwrap();
        assert!(
            html.contains(&format!(
                "data-party=\"{id}\" data-role=\"{}\"",
                p["role"].as_str().unwrap()
            )),
            "{id}"
        );
        assert!(
            html.contains(&format!("href=\"../parties/{id}.html\"")),
            "{id}"
        );
    }
    assert!(html.contains("href=\"bletchley-2023.ics\""));
    let ics = String::from_utf8(site["events/bletchley-2023.ics"].clone()).unwrap();
    assert_eq!(ics.matches("BEGIN:VEVENT").count(), 1);
    assert!(ics.contains("UID:bletchley-2023@convene"), "{ics}");
}

#[test]
fn a_partial_list_says_so_and_unknown_is_never_absent() {
    let site = files(full_site());
    let html = String::from_utf8(site["events/paris-2025.html"].clone()).unwrap();
    let m = json(&["members", "paris-2025"]);
    let (listed, reported) = (
        m["listed"].as_u64().unwrap(),
        m["reported"].as_u64().unwrap(),
    );
    assert!(
        html.contains(&format!("{listed} of {reported} listed; incomplete")),
        "{html}"
    );
    assert!(html.contains("unknown here, not absent"));
}

#[test]
fn every_page_cites_the_dataset_version_its_latest_event_and_its_address() {
    let site = files(full_site());
    let v = env!("CARGO_PKG_VERSION");
    for (page, html) in pages(&site) {
        let line = html
            .lines()
            .find(|l| l.contains("Cite this page:"))
            .unwrap_or_else(|| panic!("{page} has no cite line"));
        assert!(
            line.contains(&format!("convene dataset v{v} (latest event ")),
            "{page}: {line}"
        );
        assert!(line.contains(&format!(">{page}</span>")), "{page}: {line}");
    }
}

#[test]
fn a_base_url_gives_every_page_its_full_address() {
    let dir = tempfile::tempdir().unwrap();
    build(
        dir.path(),
        &[
            "--series",
            "council-of-europe",
            "--base-url",
            "https://example.org/convene",
        ],
    );
    let html =
        std::fs::read_to_string(dir.path().join("events/coe-ai-convention-2024.html")).unwrap();
    let address = "https://example.org/convene/events/coe-ai-convention-2024.html";
    assert!(
        html.contains(&format!("<link rel=\"canonical\" href=\"{address}\">")),
        "{html}"
    );
    assert!(
        html.contains(&format!("data-absolute>{address}</span>")),
        "{html}"
    );
}

#[test]
fn filters_make_a_smaller_site_whose_links_all_resolve() {
    let dir = tempfile::tempdir().unwrap();
    let note = build(dir.path(), &["--series", "aisi-network"]);
    assert!(note.contains("pages"), "{note}");
    let site = files(dir.path());
    let want = csv_ids(&["events", "--series", "aisi-network"]);
    let mut got: Vec<String> = site
        .keys()
        .filter_map(|p| p.strip_prefix("events/")?.strip_suffix(".html"))
        .map(str::to_string)
        .collect();
    got.sort();
    assert_eq!(got, want);
    assert!(!site.contains_key("series/ai-summits.html"));
    assert_links_resolve(&site);
    let index = String::from_utf8(site["index.html"].clone()).unwrap();
    assert!(
        index.contains(&format!("This site shows {} of the dataset", want.len())),
        "{index}"
    );
}

#[test]
fn a_rebuild_replaces_an_earlier_site_and_removes_the_pages_it_no_longer_has() {
    let dir = tempfile::tempdir().unwrap();
    build(dir.path(), &["--series", "council-of-europe,aisi-network"]);
    assert!(
        dir.path()
            .join("events/coe-ai-convention-2024.html")
            .exists()
    );
    std::fs::write(dir.path().join(".nojekyll"), "").unwrap();
    let note = build(dir.path(), &["--series", "aisi-network"]);
    assert!(note.contains("removed "), "{note}");
    assert!(
        !dir.path()
            .join("events/coe-ai-convention-2024.html")
            .exists()
    );
    assert!(!dir.path().join("series/council-of-europe.html").exists());
    assert!(
        dir.path().join(".nojekyll").exists(),
        "the publisher's own file stays"
    );
    assert_links_resolve(&files(dir.path()));
}

/// Run `convene site ARGS` expecting failure: (exit code, stderr).
fn refused(args: &[&str]) -> (i32, String) {
    let out = convene().arg("site").args(args).output().unwrap();
    assert!(!out.status.success(), "convene site {args:?} succeeded");
    (
        out.status.code().unwrap(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn an_out_dir_that_is_a_file_is_refused_and_left_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "keep me").unwrap();
    let (code, err) = refused(&["--out-dir", file.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is a file, not a directory"), "{err}");
    let (code, err) = refused(&["--out-dir", file.join("site").to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("notes.txt is a file, not a directory"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "keep me");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn a_directory_of_other_files_is_refused_untouched() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("index.html"), "<p>my own page</p>").unwrap();
    let (code, err) = refused(&["--out-dir", dir.path().to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is not a site convene wrote"), "{err}");
    assert_eq!(
        std::fs::read_to_string(dir.path().join("index.html")).unwrap(),
        "<p>my own page</p>"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn bad_filters_and_addresses_are_explained_and_nothing_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    let o = out.to_str().unwrap();
    let (code, err) = refused(&["--out-dir", o, "--base-url", "example.org"]);
    assert_eq!(code, 2);
    assert!(err.contains("give the http or https address"), "{err}");
    let (code, err) = refused(&["--out-dir", o, "--base-url", "https://x.org/a?b"]);
    assert_eq!(code, 2);
    assert!(err.contains("without a query"), "{err}");
    let (code, err) = refused(&["--out-dir", o, "--series", "nope"]);
    assert_eq!(code, 1);
    assert!(err.contains("unknown series"), "{err}");
    let (code, err) = refused(&["--out-dir", o, "--from", "2030"]);
    assert_eq!(code, 1);
    assert!(err.contains("no event matches these filters"), "{err}");
    assert!(!out.exists(), "nothing was written");
}

#[test]
fn text_from_the_data_is_escaped_on_every_page() {
    let data = tempfile::tempdir().unwrap();
    let evil = "<script>alert(1)</script> & \"quoted\" <b>bold</b>";
    let files = [
        (
            "events.csv",
            format!(
                "id,name,kind,start,city,source,note,list,series\nx-1,\"{0}\",summit,2024-02-01,\"{0}\",\"https://x.org/a?b=1&c=\"\"2\"\"\",\"{0}\",complete,s-1\n",
                evil.replace('"', "\"\"")
            ),
        ),
        (
            "parties.csv",
            format!(
                "id,name,kind,aliases\nAAA,\"{}\",organisation,\"<i>alias</i>\"\n",
                evil.replace('"', "\"\"")
            ),
        ),
        (
            "participation.csv",
            "event,party,role\nx-1,AAA,signatory\n".to_string(),
        ),
        ("priorities.csv", "id,name\n".to_string()),
        (
            "event_priorities.csv",
            "event,priority,source\n".to_string(),
        ),
    ];
    for (name, text) in &files {
        std::fs::write(data.path().join(name), text).unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let run = convene()
        .arg("--data")
        .arg(data.path())
        .args(["site", "--out-dir"])
        .arg(out.path())
        .output()
        .unwrap();
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let site = self::files(out.path());
    for (page, html) in pages(&site) {
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(
            !html.contains("<b>bold") && !html.contains("<i>alias"),
            "{page}"
        );
    }
    let event = String::from_utf8(site["events/x-1.html"].clone()).unwrap();
    assert!(
        event.contains(&format!("<h1>{}</h1>", escaped(evil))),
        "the name, escaped once: {event}"
    );
    assert_eq!(unescape(&escaped(evil)), evil);
    assert!(
        event.contains("a dataset read from a directory by convene"),
        "{event}"
    );
    assert!(
        attrs(&event, "href").contains(&"https://x.org/a?b=1&c=\"2\"".to_string()),
        "the source's address, whole: {event}"
    );
}

/// `s` as the engine escapes text: each of `<>&"'` as a character reference.
fn escaped(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '<' | '>' | '&' | '"' | '\'' => format!("&#{};", c as u32),
            c => c.to_string(),
        })
        .collect()
}

/// Whether this run is CI's (`CI=true`), where the browser must be installed.
fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| !v.is_empty() && v != "false" && v != "0")
}

#[test]
fn the_site_passes_the_browser_check() {
    let site = full_site();
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let shots = root.join("target/site-screenshots");
    let out = std::process::Command::new("node")
        .arg(root.join("tests/browser/check.mjs"))
        .arg(site)
        .arg("--convene")
        .arg(assert_cmd::cargo::cargo_bin("convene"))
        .arg("--screenshots")
        .arg(&shots)
        .env_remove("CONVENE_DATA")
        .env("CONVENE_CACHE_DIR", crate::test_cache())
        .output();
    let missing = |why: String| {
        let notice = format!(
            "browser check: {why}; the install block of .ci/run installs it (apt-get install chromium; npm ci --prefix tests/browser)"
        );
        assert!(!in_ci(), "CI must run the browser check: {notice}");
        eprintln!("skipped: {notice}");
    };
    let out = match out {
        Ok(out) => out,
        Err(e) => return missing(format!("node: {e}")),
    };
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() == Some(77) {
        return missing(stderr.trim().to_string());
    }
    eprintln!("{stdout}");
    assert!(
        out.status.success(),
        "the browser check failed:\n{stdout}\n{stderr}"
    );
    assert!(stdout.contains("browser check: all passed"), "{stdout}");
}

/// Regression: the diff of the San Francisco meeting compared it with a testing exercise whose
/// list names no one, calling all ten members unknown. A diff's earlier side is the latest
/// earlier event of the series whose list names a party.
#[test]
fn a_diff_compares_with_the_latest_earlier_event_of_the_series_that_names_a_party() {
    let site = files(full_site());
    let series = json(&["events", "--series", "aisi-network"]);
    let ids: Vec<&str> = series
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["id"].as_str().unwrap())
        .collect();
    let names_any = |id: &str| {
        !json(&["members", id])["parties"]
            .as_array()
            .unwrap()
            .is_empty()
    };
    let named: Vec<bool> = ids.iter().map(|id| names_any(id)).collect();
    let mut diffs = 0;
    for (i, id) in ids.iter().enumerate() {
        let base = (0..i).rev().find(|&j| named[j]).filter(|_| named[i]);
        let page = site.get(&format!("diffs/{id}.html"));
        assert_eq!(page.is_some(), base.is_some(), "{id}");
        if let (Some(page), Some(j)) = (page, base) {
            let html = String::from_utf8(page.clone()).unwrap();
            let lede = html.lines().find(|l| l.contains("class=\"lede\"")).unwrap();
            let links = attrs(lede, "href");
            assert_eq!(
                links,
                [
                    format!("../events/{}.html", ids[j]),
                    format!("../events/{id}.html")
                ],
                "{id}"
            );
            diffs += 1;
        }
    }
    assert!(diffs >= 3, "{diffs}");
}
