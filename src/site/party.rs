//! A party's page: its history as `convene party` gives it (limited to the site's events), its
//! aliases, and the timeline of the site's events with its part in each drawn.

use super::{Context, Link, Source, When, render, svg};
use crate::error::Result;
use crate::model::PartyId;
use crate::query::{self, HistoryRow, plural};
use crate::render::timeline;
use askama::Template;

const ROOT: &str = "../";

#[derive(Template)]
#[template(path = "site/party.html")]
struct PartyPage {
    page: super::Chrome,
    id: String,
    name: String,
    kind: &'static str,
    region: Option<&'static str>,
    aliases: Vec<String>,
    /// "First appearance: …", with the event linked.
    first: Option<(Link, When, String)>,
    rows: Vec<Row>,
    /// Events of the site whose incomplete lists do not name the party.
    unknown: Vec<Link>,
    /// "4 events keep no party list …", if any.
    no_list: Option<String>,
    chart: String,
}

struct Row {
    when: When,
    event: Link,
    role: String,
    source: Source,
}

/// "signatory", "host", "member, host"; "joined 2024-10" shows its own date in the date column.
fn role(r: &HistoryRow) -> String {
    let role = r.role.map(|x| x.as_str().to_string());
    match (role, r.host) {
        (Some(x), true) => format!("{x}, host"),
        (Some(x), false) => x,
        (None, _) => "host".to_string(),
    }
}

/// The page of party `px`.
pub fn page(cx: &Context, px: PartyId) -> Result<String> {
    let data = cx.data;
    let mut v = query::party(data, px, None);
    let in_site = |id: &str| {
        data.event_by_id(id)
            .is_some_and(|e| cx.event_href("", e).is_some())
    };
    v.events.retain(|r| in_site(&r.event));
    v.unknown.retain(|id| in_site(id));
    v.no_list.retain(|id| in_site(id));
    let link = |id: &str| {
        let ev = data.event_by_id(id).expect("an event of the history");
        cx.event_link(ROOT, ev, false)
    };
    let rows: Vec<Row> = v
        .events
        .iter()
        .map(|r| Row {
            when: When::of(&r.date.unwrap_or(r.start), None),
            event: link(&r.event),
            role: role(r),
            source: Source::of(&r.source),
        })
        .collect();
    let first = v.events.first().map(|r| {
        (
            link(&r.event),
            When::of(&r.date.unwrap_or(r.start), None),
            role(r),
        )
    });
    let no_list = (!v.no_list.is_empty()).then(|| {
        let n = v.no_list.len();
        format!(
            "{n} other {} of this site keep no party list (foundings, reports, renamings), so whether {} took part in {} is not recorded.",
            plural(n, "event", "events"),
            v.name,
            plural(n, "it", "them")
        )
    });
    let view = query::timeline::lanes(
        data,
        cx.events,
        Some(px),
        &crate::query::chart::COUNTED_BY_DEFAULT,
    );
    let chart = timeline::render(
        &view,
        &timeline::TimelineOptions {
            title: Some(format!(
                "{} in international AI safety coordination",
                v.name
            )),
            source: cx.source,
            links: Some("../events/{id}.html".into()),
            ..Default::default()
        },
    )?;
    let page = PartyPage {
        page: cx.chrome(&format!("parties/{}.html", v.id), &v.name, "parties"),
        id: v.id.clone(),
        name: v.name.clone(),
        kind: v.kind.as_str(),
        region: v.region.map(|r| r.as_str()),
        aliases: v.aliases.clone(),
        first,
        rows,
        unknown: v.unknown.iter().map(|id| link(id)).collect(),
        no_list,
        chart: svg::inline(&chart, "timeline"),
    };
    render(&page)
}
