//! `export --format timelinejs`: Knight Lab TimelineJS3's JSON format
//! (<https://timeline.knightlab.com/docs/json-format.html>): a title slide and one slide per
//! event. Dates keep their precision (a month-precision date has no `day`); `text.text` is
//! HTML, built here with every piece of data escaped; `group` is the series; `unique_id` is
//! the event id.

use super::Result;
use crate::date::PartialDate;
use crate::date::human_span;
use crate::model::catalog::series_name;
use crate::present::escape::{html, uri};
use crate::query::export::ExportView;
use serde::Serialize;

#[derive(Serialize)]
struct Timeline {
    title: Slide,
    events: Vec<Slide>,
}

#[derive(Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    end_date: Option<Date>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
    text: Text,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
}

#[derive(Serialize)]
struct Text {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct Date {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
}

fn date(d: &PartialDate) -> Date {
    Date {
        year: d.year(),
        month: d.month(),
        day: d.day(),
    }
}

/// The timeline of the view's events: a title slide, then one slide per event.
pub fn export(view: &ExportView) -> Result<String> {
    let slides = view
        .events
        .iter()
        .map(|e| {
            let ev = e.event;
            let c = &e.completeness;
            let mut body = String::new();
            let place = ev
                .city
                .as_deref()
                .map(|c| format!(" · {}", html(c)))
                .unwrap_or_default();
            body.push_str(&format!("<p>{}{place}</p>", html(ev.kind.as_str())));
            body.push_str(&format!("<p>{}.</p>", html(&c.sentence())));
            for (role, members) in e.by_role() {
                let names: Vec<String> = members.iter().map(super::member_name).collect();
                body.push_str(&format!(
                    "<p><b>{}</b> ({}): {}</p>",
                    super::role_heading(role),
                    names.len(),
                    html(&names.join(", "))
                ));
            }
            if let Some(n) = &ev.note {
                body.push_str(&format!("<p>{}</p>", html(n)));
            }
            body.push_str(&format!(
                "<p><a href=\"{}\" target=\"_blank\" rel=\"noopener\">Source</a></p>",
                html(&uri(&ev.source))
            ));
            Slide {
                start_date: Some(date(&ev.start)),
                end_date: ev.end.as_ref().filter(|e| **e != ev.start).map(date),
                display_date: Some(human_span(&ev.start, ev.end.as_ref())),
                text: Text {
                    headline: html(&ev.name),
                    text: body,
                },
                group: Some(series_name(ev.series.as_deref())),
                unique_id: Some(ev.id.clone()),
            }
        })
        .collect();
    let title = Slide {
        start_date: None,
        end_date: None,
        display_date: None,
        text: Text {
            headline: "International AI safety coordination".into(),
            text: html(&format!(
                "{} events from the convene dataset, every fact with its source. Where only part of a list of parties is known, the slide says so.",
                view.events.len()
            )),
        },
        group: None,
        unique_id: None,
    };
    crate::present::json(&Timeline {
        title,
        events: slides,
    })
}
