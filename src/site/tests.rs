use super::*;

#[test]
fn a_base_url_is_http_or_https_with_a_host_and_ends_in_a_slash() {
    let ok = |s: &str| BaseUrl::parse(s).map(|b| b.as_str().to_string());
    assert_eq!(
        ok("https://example.org/convene").unwrap(),
        "https://example.org/convene/"
    );
    assert_eq!(ok("http://intranet/ai/").unwrap(), "http://intranet/ai/");
    for bad in [
        "example.org",
        "ftp://x.org/",
        "https://",
        "https:///x",
        "https://x.org/a b",
        "https://x.org/?q",
        "https://x.org/#top",
        "https://x.org/\"onload",
    ] {
        let e = BaseUrl::parse(bad).unwrap_err();
        assert_eq!(e.exit_code(), 2, "{bad}: {e}");
        assert!(e.to_string().starts_with("--base-url "), "{e}");
    }
}

#[test]
fn a_source_shows_its_host_and_links_its_whole_address() {
    let s = Source::of("https://www.gov.uk/government/x?a=1#b");
    assert_eq!(s.host, "gov.uk");
    assert_eq!(s.href, "https://www.gov.uk/government/x?a=1#b");
    assert_eq!(Source::of("http://x.org").host, "x.org");
    assert_eq!(
        Source::of("https://a.example/\u{7}").href,
        "https://a.example/%07"
    );
}

#[test]
fn sizes_read_as_file_managers_show_them() {
    assert_eq!(size(812), "812 bytes");
    assert_eq!(size(48_210), "48.2 kB");
    assert_eq!(size(1_400_000), "1.4 MB");
}

#[test]
fn a_filtered_site_links_only_to_the_pages_it_has() {
    let d = crate::load::load_embedded().unwrap();
    let coe = d.event_by_id("coe-ai-convention-2024").unwrap();
    let bletchley = d.event_by_id("bletchley-2023").unwrap();
    let files = crate::load::dataset_files(None).unwrap();
    let input = Input {
        data: &d,
        events: &[coe],
        source: DataSource::Shipped,
        base_url: None,
        files: &files,
    };
    let cx = Context::new(&input);
    assert_eq!(
        cx.event_href("../", coe).as_deref(),
        Some("../events/coe-ai-convention-2024.html")
    );
    assert_eq!(cx.event_href("../", bletchley), None);
    let link = cx.event_link("", bletchley, false);
    assert_eq!(
        (link.href, link.text),
        (None, d.event(bletchley).name.clone())
    );
    // A party the convention's list does not name has no page in this site.
    let chn = d.party_by_id("CHN").unwrap();
    assert!(d.rows_of(coe).all(|r| r.party != chn));
    assert_eq!(cx.party_link("", chn).href, None);
    assert_eq!(cx.series, ["council-of-europe"]);
}

#[test]
fn the_chrome_cites_the_dataset_and_the_page() {
    let d = crate::load::load_embedded().unwrap();
    let files = crate::load::dataset_files(None).unwrap();
    let events: Vec<EventId> = d.event_ids().collect();
    let base = BaseUrl::parse("https://example.org/c/").unwrap();
    let input = Input {
        data: &d,
        events: &events,
        source: DataSource::Shipped,
        base_url: Some(&base),
        files: &files,
    };
    let c = Context::new(&input).chrome("events/x.html", "X", "index");
    assert_eq!(c.root, "../");
    assert_eq!(c.address, "https://example.org/c/events/x.html");
    let latest = crate::query::chart::Credit::of(&d).latest.unwrap();
    assert_eq!(
        c.cite,
        format!(
            "“X”, convene dataset v{} (latest event {})",
            env!("CARGO_PKG_VERSION"),
            human_span(&latest, None)
        )
    );
}
