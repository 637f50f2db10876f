//! The static website of `convene site`: the selected events, the parties they name, their
//! series and priority areas, each at its own page, with the dataset's files and exports.
//!
//! Pure, like the exporters: [`build`] turns the dataset and a selection into a list of
//! (path in the site, bytes) and never writes; `output` writes the set at once. The pages come
//! from the askama templates in `templates/site/` (compiled into the binary, checked when it is
//! built, every value escaped by the engine); the charts are the renderers' SVG, inlined with
//! their ids scoped to the page (`svg`).
//!
//! Every link is relative (`../events/x.html`), so the folder works from a disk, a zip or any
//! sub-path of a host, and no page asks for anything outside it. Nothing here reads the clock:
//! the same data gives the same bytes.
//!
//! - `index`: the front page and the lists of parties, series and priority areas.
//! - `event`: an event's page and the page of what changed since its series' previous one.
//! - `party`: a party's history; `group`: a series' or a priority area's events.
//! - `data`: the `data/` folder; `search`: the index the front page's search reads.

mod data;
mod event;
mod group;
mod index;
mod party;
mod search;
mod svg;

use crate::date::{PartialDate, human_span};
use crate::error::{Error, Result};
use crate::model::{Dataset, EventId, PartyId, PriorityId, catalog};
use crate::render::DataSource;

/// What to build a site of.
pub struct Input<'a> {
    pub data: &'a Dataset,
    /// The events of the site, oldest first.
    pub events: &'a [EventId],
    /// Where the data came from: the shipped dataset, or a directory.
    pub source: DataSource,
    /// The address the site is published at, if known.
    pub base_url: Option<&'a BaseUrl>,
    /// The dataset's own files (name, bytes), for `data/`.
    pub files: &'a [(&'static str, Vec<u8>)],
}

/// A built site: every file, by its path in the site (`/`-separated), in path order.
#[derive(Debug, Clone)]
pub struct Site {
    pub files: Vec<(String, Vec<u8>)>,
    /// How many of the files are HTML pages.
    pub pages: usize,
}

/// A checked `--base-url`: http or https, ending in `/`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BaseUrl(String);

impl BaseUrl {
    /// Check an address: http(s), without spaces, quotes or angle brackets, a query or a
    /// fragment; a missing final `/` is added (the pages are below it).
    pub fn parse(s: &str) -> Result<Self> {
        let bad = |why: &str| {
            Err(Error::Usage(format!(
                "--base-url {}: {why}",
                crate::text::quote(s)
            )))
        };
        let rest = s
            .strip_prefix("https://")
            .or_else(|| s.strip_prefix("http://"));
        let Some(rest) = rest else {
            return bad(
                "give the http or https address the site will be published at, e.g. https://example.org/convene/",
            );
        };
        if rest.is_empty() || rest.starts_with('/') {
            return bad("the address has no host");
        }
        if rest
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c))
        {
            return bad("an address cannot hold spaces, quotes, angle brackets or backslashes");
        }
        if rest.contains(['?', '#']) {
            return bad("give the folder's address, without a query (?) or a fragment (#)");
        }
        let mut url = s.to_string();
        if !url.ends_with('/') {
            url.push('/');
        }
        Ok(BaseUrl(url))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Build the site.
pub fn build(input: &Input) -> Result<Site> {
    let cx = Context::new(input);
    let mut files: Vec<(String, Vec<u8>)> = Vec::new();
    let mut page = |path: String, html: String| files.push((path, html.into_bytes()));
    let data_files = data::files(&cx)?;
    page("index.html".into(), index::front(&cx, &data_files)?);
    page("parties.html".into(), index::parties(&cx)?);
    page("series.html".into(), index::series(&cx)?);
    page("priorities.html".into(), index::priorities(&cx)?);
    for &ev in input.events {
        let id = &input.data.event(ev).id;
        page(format!("events/{id}.html"), event::page(&cx, ev)?);
        if let Some(html) = event::diff_page(&cx, ev)? {
            page(format!("diffs/{id}.html"), html);
        }
    }
    for &p in &cx.parties {
        let id = &input.data.party(p).id;
        page(format!("parties/{id}.html"), party::page(&cx, p)?);
    }
    for s in &cx.series {
        page(format!("series/{s}.html"), group::series(&cx, s)?);
    }
    for &p in &cx.priorities {
        let id = &input.data.priority(p).id;
        page(format!("priorities/{id}.html"), group::priority(&cx, p)?);
    }
    let pages = files.len();
    for &ev in input.events {
        let id = &input.data.event(ev).id;
        files.push((format!("events/{id}.ics"), event::calendar(&cx, ev)?));
    }
    files.extend(
        data_files
            .into_iter()
            .map(|f| (format!("data/{}", f.name), f.bytes)),
    );
    files.push(("assets/style.css".into(), STYLE.as_bytes().to_vec()));
    files.push(("assets/site.js".into(), SCRIPT.as_bytes().to_vec()));
    files.push(("assets/search-index.js".into(), search::index(&cx)?));
    files.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(Site { files, pages })
}

/// A page from its template; a failure to render is a bug, reported as one.
pub(crate) fn render(t: &impl askama::Template) -> Result<String> {
    t.render()
        .map_err(|e| Error::Encode(crate::present::EncodeError::Html(e)))
}

/// The stylesheet: one small file, light and dark, and a print style.
const STYLE: &str = include_str!("assets/style.css");
/// The one script: the search, and the cite line's address when the site is served.
const SCRIPT: &str = include_str!("assets/site.js");

/// What every page builder needs: the dataset, what the site holds, and how to cite it.
pub(crate) struct Context<'a> {
    pub data: &'a Dataset,
    pub events: &'a [EventId],
    /// Per event of the dataset: whether the site has its page.
    in_site: Vec<bool>,
    /// The parties the site's events name (as hosts or in their lists), in dataset order.
    pub parties: Vec<PartyId>,
    party_in_site: Vec<bool>,
    /// The series of the site's events, in lane order.
    pub series: Vec<String>,
    /// The priority areas the site's events are linked to, in dataset order.
    pub priorities: Vec<PriorityId>,
    priority_in_site: Vec<bool>,
    pub source: DataSource,
    base_url: Option<&'a BaseUrl>,
    pub files: &'a [(&'static str, Vec<u8>)],
    /// "convene dataset v0.1.0 (latest event 9 Jun 2026)".
    dataset: String,
}

impl<'a> Context<'a> {
    fn new(input: &Input<'a>) -> Self {
        let data = input.data;
        let mut in_site = vec![false; data.events().len()];
        let mut party_in_site = vec![false; data.parties().len()];
        let mut priority_in_site = vec![false; data.priorities().len()];
        let mut series: Vec<String> = Vec::new();
        for &ev in input.events {
            in_site[ev.index()] = true;
            let e = data.event(ev);
            for &h in &e.hosts {
                party_in_site[h.index()] = true;
            }
            for r in data.rows_of(ev) {
                party_in_site[r.party.index()] = true;
            }
            for l in data.priorities_of(ev) {
                priority_in_site[l.priority.index()] = true;
            }
            if let Some(s) = &e.series
                && !series.contains(s)
            {
                series.push(s.clone());
            }
        }
        series.sort_by_key(|s| catalog::series_rank(Some(s)));
        let parties = data
            .party_ids()
            .filter(|p| party_in_site[p.index()])
            .collect();
        let priorities = data
            .priority_ids()
            .filter(|p| priority_in_site[p.index()])
            .collect();
        Context {
            data,
            events: input.events,
            in_site,
            parties,
            party_in_site,
            series,
            priorities,
            priority_in_site,
            source: input.source,
            base_url: input.base_url,
            files: input.files,
            dataset: dataset_credit(data, input.source),
        }
    }

    /// The page of an event, from a page `root` below the site's top (`""` or `"../"`), if the
    /// site has one.
    pub fn event_href(&self, root: &str, ev: EventId) -> Option<String> {
        self.in_site[ev.index()].then(|| format!("{root}events/{}.html", self.data.event(ev).id))
    }

    /// A link to an event, by its name (or its short name with `short`).
    pub fn event_link(&self, root: &str, ev: EventId, short: bool) -> Link {
        let e = self.data.event(ev);
        Link {
            href: self.event_href(root, ev),
            text: if short { e.label() } else { &e.name }.to_string(),
        }
    }

    pub fn party_link(&self, root: &str, p: PartyId) -> Link {
        let party = self.data.party(p);
        Link {
            href: self.party_in_site[p.index()].then(|| format!("{root}parties/{}.html", party.id)),
            text: party.name.clone(),
        }
    }

    pub fn series_link(&self, root: &str, s: &str) -> Link {
        Link {
            href: self
                .series
                .iter()
                .any(|x| x == s)
                .then(|| format!("{root}series/{s}.html")),
            // The lane's name, as the timeline shows it; the series' page gives its current one.
            text: catalog::series_name(Some(s)),
        }
    }

    pub fn priority_link(&self, root: &str, p: PriorityId) -> Link {
        let pr = self.data.priority(p);
        Link {
            href: self.priority_in_site[p.index()]
                .then(|| format!("{root}priorities/{}.html", pr.id)),
            text: pr.name.clone(),
        }
    }

    /// The chrome of the page at `path` (`events/x.html`), titled `title`, under the
    /// navigation item `nav`.
    pub fn chrome(&self, path: &str, title: &str, nav: &'static str) -> Chrome {
        let root = if path.contains('/') { "../" } else { "" };
        let address = match self.base_url {
            Some(b) => format!("{}{path}", b.as_str()),
            None => path.to_string(),
        };
        Chrome {
            title: title.to_string(),
            root,
            address,
            absolute: self.base_url.is_some(),
            cite: format!("“{title}”, {}", self.dataset),
            nav,
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

/// "convene dataset v0.1.0 (latest event 9 Jun 2026)", or for a `--data` directory "a dataset
/// read from a directory by convene v0.1.0 (…)": what a citation names, as the charts' source
/// lines name it.
fn dataset_credit(data: &Dataset, source: DataSource) -> String {
    let (name, version) = (env!("CARGO_PKG_NAME"), env!("CARGO_PKG_VERSION"));
    let what = match source {
        DataSource::Shipped => format!("{name} dataset v{version}"),
        DataSource::Directory => format!("a dataset read from a directory by {name} v{version}"),
    };
    match crate::query::chart::Credit::of(data).latest {
        Some(d) => format!("{what} (latest event {})", human_span(&d, None)),
        None => what,
    }
}

/// What every page shows around its content: title, navigation, the "cite this" line.
pub(crate) struct Chrome {
    pub title: String,
    /// The way up to the site's top from this page: `""` or `"../"`.
    pub root: &'static str,
    /// Its address: the base URL and the path, else the path alone.
    pub address: String,
    /// Whether `address` is a whole URL (a `--base-url` was given).
    pub absolute: bool,
    /// The citation, less the address.
    pub cite: String,
    /// The navigation item the page is under: index, parties, series, priorities.
    pub nav: &'static str,
    pub version: &'static str,
}

/// A link, or plain text where the site has no page for it (an event the filters left out).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Link {
    pub href: Option<String>,
    pub text: String,
}

/// A source URL: the address to link (control characters percent-encoded) and its host, the
/// text shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Source {
    pub href: String,
    pub host: String,
}

impl Source {
    pub fn of(url: &str) -> Self {
        let rest = url.split_once("://").map_or(url, |(_, r)| r);
        let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
        let host = host.strip_prefix("www.").unwrap_or(host);
        Source {
            href: crate::present::escape::uri(url),
            host: host.to_string(),
        }
    }
}

/// A date for a page: as people write it, and the machine-readable form of its start for a
/// `<time datetime>` (`2023-11-01`, `2024-02`, `2024`, valid HTML date strings all).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct When {
    pub text: String,
    pub datetime: String,
}

impl When {
    pub fn of(start: &PartialDate, end: Option<&PartialDate>) -> Self {
        When {
            text: human_span(start, end),
            datetime: start.to_string(),
        }
    }
}

/// One event as a row of the events tables (the front page, a series, a priority area).
pub(crate) struct EventRow {
    pub link: Link,
    pub when: When,
    pub kind: &'static str,
    pub series: Option<Link>,
    pub place: String,
    /// How many parties the list holds: "29", "15 of 60", "8+", "–".
    pub parties: String,
    /// "incomplete", "no list kept": what the count is not.
    pub flag: Option<&'static str>,
    /// The source of the row's reason to be in the table (a priority link), if any.
    pub source: Option<Source>,
}

impl Context<'_> {
    pub fn event_row(&self, root: &str, ev: EventId) -> EventRow {
        let e = self.data.event(ev);
        let c = crate::query::completeness(self.data, ev, None);
        EventRow {
            link: self.event_link(root, ev, false),
            when: When::of(&e.start, e.end.as_ref()),
            kind: e.kind.as_str(),
            series: e.series.as_deref().map(|s| self.series_link(root, s)),
            place: e.city.clone().unwrap_or_default(),
            parties: c.short(),
            flag: match c.list {
                crate::model::ListStatus::Complete => None,
                crate::model::ListStatus::Partial => Some("incomplete"),
                crate::model::ListStatus::None => Some("no list kept"),
            },
            source: None,
        }
    }
}

pub(crate) use crate::text::size;

#[cfg(test)]
mod tests;
