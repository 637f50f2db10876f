//! Charts inlined in a page: the renderers' SVG, its ids scoped to the chart so that two charts,
//! or a chart and the page, can never share one (an HTML page's ids must be unique, and a
//! duplicate makes `url(#…)` and `href="#…"` point at the wrong element).

/// The SVG as it goes inside a page: without an XML declaration (not allowed in HTML), every
/// `id="x"` made `id="{scope}-x"`, and every reference to one (`url(#x)`, `href="#x"`,
/// `xlink:href="#x"`) made to follow.
pub fn inline(svg: &str, scope: &str) -> String {
    let body = match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    };
    let mut out = String::with_capacity(body.len() + 64);
    let mut rest = body;
    // The patterns that hold an id, and the text written in their place.
    let patterns: [(&str, String); 4] = [
        (" id=\"", format!(" id=\"{scope}-")),
        ("url(#", format!("url(#{scope}-")),
        (" href=\"#", format!(" href=\"#{scope}-")),
        (" xlink:href=\"#", format!(" xlink:href=\"#{scope}-")),
    ];
    loop {
        let next = patterns
            .iter()
            .filter_map(|(p, r)| rest.find(p).map(|i| (i, p.len(), r)))
            .min_by_key(|&(i, _, _)| i);
        match next {
            Some((i, len, replacement)) => {
                out.push_str(&rest[..i]);
                out.push_str(replacement);
                rest = &rest[i + len..];
            }
            None => {
                out.push_str(rest);
                break;
            }
        }
    }
    out
}

/// The ids an SVG (or a page) defines, in order.
#[cfg(test)]
pub fn ids(text: &str) -> Vec<&str> {
    text.match_indices(" id=\"")
        .filter_map(|(i, p)| {
            let from = i + p.len();
            text[from..].find('"').map(|j| &text[from..from + j])
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_references_are_scoped_and_the_declaration_dropped() {
        let svg = "<?xml version=\"1.0\"?>\n<svg xmlns=\"x\"><defs><clipPath id=\"c\"/></defs>\
                   <g id=\"events\" clip-path=\"url(#c)\"><a href=\"events/a.html\"><use href=\"#c\"/></a></g>\
                   <text>id=&quot;not-an-id&quot;</text></svg>";
        let out = inline(svg, "t1");
        assert!(out.starts_with("<svg"), "{out}");
        assert_eq!(ids(&out), ["t1-c", "t1-events"]);
        assert!(out.contains("clip-path=\"url(#t1-c)\""), "{out}");
        assert!(out.contains("<use href=\"#t1-c\"/>"), "{out}");
        assert!(
            out.contains("<a href=\"events/a.html\">"),
            "a page address is no id: {out}"
        );
        assert!(out.contains("id=&quot;not-an-id&quot;"), "{out}");
    }

    #[test]
    fn two_charts_of_one_page_share_no_id() {
        let d = crate::load::load_embedded().unwrap();
        let all = crate::query::events(&d, &Default::default());
        let t = crate::render::timeline::render(
            &crate::query::timeline::lanes(
                &d,
                &all,
                None,
                &crate::query::chart::COUNTED_BY_DEFAULT,
            ),
            &Default::default(),
        )
        .unwrap();
        let page = format!("{}{}", inline(&t, "a"), inline(&t, "b"));
        let mut seen = std::collections::BTreeSet::new();
        for id in ids(&page) {
            assert!(seen.insert(id), "id {id} twice");
        }
    }
}
