//! Formatting: views to text in the four query formats.
//!
//! Pure functions: each takes a view and returns the text for stdout plus notes for stderr
//! (the CSV format keeps stdout pure data, so its completeness caveats go to stderr; table and
//! Markdown print them after the data; JSON carries them as fields). Text that reaches a
//! terminal has control characters escaped; CSV cells that a spreadsheet would run as a formula
//! are neutralised; Markdown escapes markup.

use crate::diff::DiffView;
use crate::query::{
    Completeness, EventSummary, MembersView, PartyRow, PartyView, ShowView, plural,
};
use comfy_table::{ContentArrangement, LineStyle, Table, TableStyle};
use serde::Serialize;

/// The formats of the query commands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Table,
    Csv,
    Json,
    Markdown,
}

/// Text for stdout, and notes for stderr.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub stdout: String,
    pub stderr: Vec<String>,
}

/// A grid of cells, rendered as a table, CSV or Markdown.
struct Grid {
    headers: Vec<&'static str>,
    rows: Vec<Vec<String>>,
}

/// Columns whose values are copied into other commands (ids, dates) never wrap in tables.
const NO_WRAP: &[&str] = &["id", "date", "event", "parties", "kind", "change"];

/// Escape control characters (terminal escape sequences included) so that data cannot drive
/// the terminal. Newlines inside a cell become spaces.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control()
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c) =>
            {
                out.push_str(&c.escape_unicode().to_string())
            }
            c => out.push(c),
        }
    }
    out
}

/// Neutralise a CSV cell that a spreadsheet would evaluate (OWASP "CSV injection"): a cell
/// starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`.
pub fn csv_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Escape text for a Markdown table cell or paragraph.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c)
            }
            c => out.push(c),
        }
    }
    out
}

/// A Markdown link to a URL, safe for URLs with parentheses or spaces.
pub fn md_link(text: &str, url: &str) -> String {
    let target: String = url
        .chars()
        .map(|c| match c {
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            ' ' => "%20".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!("[{}]({target})", md(text))
}

/// Table width: `$COLUMNS` if set, else 80.
pub fn width() -> u16 {
    std::env::var("COLUMNS")
        .ok()
        .and_then(|c| c.parse().ok())
        .filter(|&w: &u16| w >= 40)
        .unwrap_or(80)
}

impl Grid {
    fn table(&self) -> String {
        let mut t = Table::new();
        t.load_style(TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' ')));
        t.set_content_arrangement(ContentArrangement::Dynamic)
            .set_width(width());
        t.set_header(self.headers.clone());
        for r in &self.rows {
            t.add_row(r.iter().map(|c| clean(c)).collect::<Vec<_>>());
        }
        for c in t.column_iter_mut() {
            c.set_padding((0, 1));
        }
        for (i, h) in self.headers.iter().enumerate() {
            if NO_WRAP.contains(h)
                && let Some(c) = t.column_mut(i)
            {
                c.set_constraint(comfy_table::ColumnConstraint::ContentWidth);
            }
        }
        let mut s: String = t.lines().map(|l| l.trim_end().to_string() + "\n").collect();
        if self.rows.is_empty() {
            s.push_str("(none)\n");
        }
        s
    }
    fn csv(&self) -> String {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        // Writing to a Vec cannot fail.
        let _ = w.write_record(&self.headers);
        for r in &self.rows {
            let _ = w.write_record(r.iter().map(|c| csv_cell(c)));
        }
        String::from_utf8(w.into_inner().unwrap_or_default()).unwrap_or_default()
    }
    fn markdown(&self) -> String {
        let mut s = format!("| {} |\n", self.headers.join(" | "));
        s.push_str(&format!(
            "|{}\n",
            self.headers.iter().map(|_| "---|").collect::<String>()
        ));
        for r in &self.rows {
            s.push_str(&format!("| {} |\n", r.join(" | ")));
        }
        s
    }
}

fn json<T: Serialize>(v: &T) -> String {
    let mut s =
        serde_json::to_string_pretty(v).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"));
    s.push('\n');
    s
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

fn span(e: &EventSummary) -> String {
    crate::date::format_span(&e.start, e.end.as_ref())
}

fn completeness_of(e: &EventSummary) -> Completeness {
    Completeness {
        listed: e.listed,
        reported: e.reported,
        reported_as_of: e.reported_as_of,
        complete: e.complete,
    }
}

/// `convene events`.
pub fn events(list: &[EventSummary], f: Format) -> Rendered {
    let out = match f {
        Format::Json => json(&list),
        Format::Csv => Grid {
            headers: vec![
                "id",
                "name",
                "kind",
                "start",
                "end",
                "series",
                "parent",
                "city",
                "host",
                "listed",
                "reported",
                "reported_as_of",
                "complete",
                "source",
            ],
            rows: list
                .iter()
                .map(|e| {
                    vec![
                        e.id.clone(),
                        e.name.clone(),
                        e.kind.to_string(),
                        e.start.to_string(),
                        opt(&e.end),
                        opt(&e.series),
                        opt(&e.parent),
                        opt(&e.city),
                        e.host.join(";"),
                        e.listed.to_string(),
                        opt(&e.reported),
                        opt(&e.reported_as_of),
                        e.complete.to_string(),
                        e.source.clone(),
                    ]
                })
                .collect(),
        }
        .csv(),
        Format::Table | Format::Markdown => {
            let md_mode = f == Format::Markdown;
            let grid = Grid {
                headers: vec!["date", "id", "kind", "parties", "name"],
                rows: list
                    .iter()
                    .map(|e| {
                        let name = if md_mode {
                            md(&e.label)
                        } else {
                            e.label.clone()
                        };
                        vec![
                            e.start.to_string(),
                            e.id.clone(),
                            e.kind.to_string(),
                            completeness_of(e).short(),
                            name,
                        ]
                    })
                    .collect(),
            };
            let mut s = if md_mode {
                grid.markdown()
            } else {
                grid.table()
            };
            let partial = list
                .iter()
                .filter(|e| !e.complete && e.reported.is_some())
                .count();
            s.push_str(&format!(
                "\n{} {}",
                list.len(),
                plural(list.len(), "event", "events")
            ));
            if partial > 0 {
                s.push_str(&format!(
                    "; {partial} with incomplete lists (\"15 of 60\": 15 of 60 parties listed)"
                ));
            }
            s.push('\n');
            s
        }
    };
    Rendered {
        stdout: out,
        stderr: vec![],
    }
}

fn role_cell(p: &PartyRow) -> String {
    match &p.date {
        Some(d) => format!("{} ({d})", p.role),
        None => p.role.to_string(),
    }
}

/// `convene members`.
pub fn members(v: &MembersView, f: Format) -> Rendered {
    let c = v.completeness();
    let as_of = v.as_of.map(|d| format!(" as of {d}")).unwrap_or_default();
    let headline = format!("{} — {}{as_of}", v.event, v.name);
    match f {
        Format::Json => Rendered {
            stdout: json(v),
            stderr: vec![],
        },
        Format::Csv => {
            let grid = Grid {
                headers: vec!["id", "name", "kind", "role", "date", "source"],
                rows: v
                    .parties
                    .iter()
                    .map(|p| {
                        vec![
                            p.id.clone(),
                            p.name.clone(),
                            p.kind.to_string(),
                            p.role.to_string(),
                            opt(&p.date),
                            p.source.clone(),
                        ]
                    })
                    .collect(),
            };
            let stderr = if c.complete {
                vec![]
            } else {
                vec![format!("note: {}: {}", v.event, c.sentence())]
            };
            Rendered {
                stdout: grid.csv(),
                stderr,
            }
        }
        Format::Table => {
            let grid = Grid {
                headers: vec!["id", "name", "role", "kind"],
                rows: v
                    .parties
                    .iter()
                    .map(|p| {
                        vec![
                            p.id.clone(),
                            p.name.clone(),
                            role_cell(p),
                            p.kind.to_string(),
                        ]
                    })
                    .collect(),
            };
            Rendered {
                stdout: format!(
                    "{}{}\n{}",
                    wrap(&clean(&headline)),
                    wrap(&format!("{}.", c.sentence())),
                    grid.table()
                ),
                stderr: vec![],
            }
        }
        Format::Markdown => {
            let grid = Grid {
                headers: vec!["id", "name", "role", "source"],
                rows: v
                    .parties
                    .iter()
                    .map(|p| {
                        vec![
                            md(&p.id),
                            md(&p.name),
                            md(&role_cell(p)),
                            md_link("source", &p.source),
                        ]
                    })
                    .collect(),
            };
            Rendered {
                stdout: format!(
                    "**{}**\n\n{}.\n\n{}",
                    md(&headline),
                    c.sentence(),
                    grid.markdown()
                ),
                stderr: vec![],
            }
        }
    }
}

/// `convene diff`.
pub fn diff(v: &DiffView, f: Format) -> Rendered {
    let mut caveats = Vec::new();
    for (side, s, other) in [
        ("A", &v.events.a, &v.events.b),
        ("B", &v.events.b, &v.events.a),
    ] {
        if !s.complete {
            let c = Completeness {
                listed: s.listed,
                reported: s.reported,
                reported_as_of: None,
                complete: false,
            };
            caveats.push(format!(
                "{side} ({}): {}; parties of {} that it does not name are unknown, not absent.",
                s.id,
                c.sentence(),
                other.id
            ));
        }
    }
    // (section, id, name, role at A, role at B)
    let mut rows: Vec<[String; 5]> = Vec::new();
    let row = |sec: &str, p: &PartyRow, ra: String, rb: String| {
        [sec.to_string(), p.id.clone(), p.name.clone(), ra, rb]
    };
    for p in &v.joined {
        rows.push(row("joined", p, String::new(), p.role.to_string()));
    }
    for p in &v.left {
        rows.push(row("left", p, p.role.to_string(), String::new()));
    }
    for c in &v.changed {
        rows.push(row(
            "changed",
            &c.party,
            c.from_role.to_string(),
            c.to_role.to_string(),
        ));
    }
    for c in &v.stayed {
        rows.push(row(
            "stayed",
            &c.party,
            c.from_role.to_string(),
            c.to_role.to_string(),
        ));
    }
    for p in &v.unknown_in_b {
        rows.push(row(
            "unknown in B",
            p,
            p.role.to_string(),
            "not listed".into(),
        ));
    }
    for p in &v.unknown_in_a {
        rows.push(row(
            "unknown in A",
            p,
            "not listed".into(),
            p.role.to_string(),
        ));
    }
    let counts = format!(
        "joined {}, left {}, changed {}, stayed {}{}",
        v.joined.len(),
        v.left.len(),
        v.changed.len(),
        v.stayed.len(),
        if v.unknown_in_a.len() + v.unknown_in_b.len() > 0 {
            format!(", unknown {}", v.unknown_in_a.len() + v.unknown_in_b.len())
        } else {
            String::new()
        }
    );
    let head = format!(
        "A: {} — {}\nB: {} — {}",
        v.a, v.events.a.name, v.b, v.events.b.name
    );
    match f {
        Format::Json => Rendered {
            stdout: json(v),
            stderr: vec![],
        },
        Format::Csv => {
            let grid = Grid {
                headers: vec!["id", "name", "change", "role_a", "role_b"],
                rows: rows
                    .iter()
                    .map(|r| {
                        vec![
                            r[1].clone(),
                            r[2].clone(),
                            r[0].clone(),
                            r[3].clone(),
                            r[4].clone(),
                        ]
                    })
                    .collect(),
            };
            Rendered {
                stdout: grid.csv(),
                stderr: caveats.iter().map(|c| format!("note: {c}")).collect(),
            }
        }
        Format::Table => {
            // In the table, "stayed" rows show both roles only when they differ.
            let grid = Grid {
                headers: vec!["change", "id", "name", "at A", "at B"],
                rows: rows.iter().map(|r| r.to_vec()).collect(),
            };
            let head: String = head.split('\n').map(|l| wrap(&clean(l))).collect();
            let mut s = format!("{head}\n{}", grid.table());
            s.push_str(&format!("\n{counts}\n"));
            for c in &caveats {
                s.push_str(&wrap(&format!("Note: {}", clean(c))));
            }
            Rendered {
                stdout: s,
                stderr: vec![],
            }
        }
        Format::Markdown => {
            let grid = Grid {
                headers: vec!["change", "id", "name", "at A", "at B"],
                rows: rows
                    .iter()
                    .map(|r| r.iter().map(|c| md(c)).collect())
                    .collect(),
            };
            let mut s = format!(
                "**A:** {} — {}  \n**B:** {} — {}\n\n{}",
                md(&v.a),
                md(&v.events.a.name),
                md(&v.b),
                md(&v.events.b.name),
                grid.markdown()
            );
            s.push_str(&format!("\n{counts}\n"));
            for c in &caveats {
                s.push_str(&format!("\n> {}\n", md(c)));
            }
            Rendered {
                stdout: s,
                stderr: vec![],
            }
        }
    }
}

/// `convene party`.
pub fn party(v: &PartyView, f: Format) -> Rendered {
    let role = |r: &crate::query::HistoryRow| {
        let mut s = r.role.map(|x| x.to_string()).unwrap_or_default();
        if r.host {
            s = if s.is_empty() {
                "host".into()
            } else {
                format!("{s}, host")
            };
        }
        if let Some(d) = r.date {
            s.push_str(&format!(" ({d})"));
        }
        s
    };
    let mut caveat = None;
    if !v.unknown.is_empty() {
        caveat = Some(format!(
            "{} {} with incomplete lists do not name {}: unknown, not absent: {}.",
            v.unknown.len(),
            plural(v.unknown.len(), "event", "events"),
            v.id,
            v.unknown.join(", ")
        ));
    }
    let first = v.first.as_ref().map(|r| {
        format!(
            "First appearance: {} {} ({}).",
            r.date.unwrap_or(r.start),
            r.event,
            role(r)
        )
    });
    let region = v.region.map(|r| format!(", {r}")).unwrap_or_default();
    let aliases = if v.aliases.is_empty() {
        String::new()
    } else {
        format!("; also “{}”", v.aliases.join("”, “"))
    };
    let as_of = v.as_of.map(|d| format!(" as of {d}")).unwrap_or_default();
    let head = format!("{} — {} ({}{region}{aliases}){as_of}", v.id, v.name, v.kind);
    match f {
        Format::Json => Rendered {
            stdout: json(v),
            stderr: vec![],
        },
        Format::Csv => {
            let grid = Grid {
                headers: vec![
                    "id",
                    "name",
                    "kind",
                    "start",
                    "role",
                    "host",
                    "date",
                    "source",
                    "event_complete",
                ],
                rows: v
                    .events
                    .iter()
                    .map(|r| {
                        vec![
                            r.event.clone(),
                            r.name.clone(),
                            r.kind.to_string(),
                            r.start.to_string(),
                            opt(&r.role),
                            r.host.to_string(),
                            opt(&r.date),
                            r.source.clone(),
                            r.event_complete.to_string(),
                        ]
                    })
                    .collect(),
            };
            Rendered {
                stdout: grid.csv(),
                stderr: caveat.into_iter().map(|c| format!("note: {c}")).collect(),
            }
        }
        Format::Table | Format::Markdown => {
            let m = f == Format::Markdown;
            let grid = Grid {
                headers: vec!["date", "event", "role", "name"],
                rows: v
                    .events
                    .iter()
                    .map(|r| {
                        let cells = vec![
                            r.start.to_string(),
                            r.event.clone(),
                            role(r),
                            r.label.clone(),
                        ];
                        if m {
                            cells.iter().map(|c| md(c)).collect()
                        } else {
                            cells
                        }
                    })
                    .collect(),
            };
            let mut s = if m {
                format!("**{}**\n\n", md(&head))
            } else {
                wrap(&clean(&head))
            };
            if let Some(fl) = &first {
                s.push_str(&if m {
                    format!("{}\n", md(fl))
                } else {
                    wrap(&clean(fl))
                });
            }
            s.push('\n');
            s.push_str(&if m { grid.markdown() } else { grid.table() });
            s.push_str(&format!(
                "\n{} {}\n",
                v.events.len(),
                plural(v.events.len(), "event", "events")
            ));
            if let Some(c) = &caveat {
                s.push_str(&if m {
                    format!("\n> {}\n", md(c))
                } else {
                    wrap(&format!("Note: {}", clean(c)))
                });
            }
            Rendered {
                stdout: s,
                stderr: vec![],
            }
        }
    }
}

/// `convene show`.
pub fn show(v: &ShowView, f: Format) -> Rendered {
    let e = &v.event;
    let c = completeness_of(e);
    let hosts: Vec<String> = v
        .host_names
        .iter()
        .zip(&e.host)
        .map(|(n, id)| format!("{n} ({id})"))
        .collect();
    let pri: Vec<String> = v.priorities.iter().map(|p| p.name.clone()).collect();
    let mut fields: Vec<(&str, String)> = vec![
        ("kind", e.kind.to_string()),
        ("date", span(e)),
        ("place", opt(&e.city)),
        ("host", hosts.join(", ")),
        ("series", opt(&e.series)),
        (
            "part of",
            e.parent
                .as_ref()
                .map(|p| format!("{p} ({})", opt(&v.parent_name)))
                .unwrap_or_default(),
        ),
        ("includes", v.children.join(", ")),
        ("priorities", pri.join(", ")),
        ("parties", c.sentence()),
        ("source", e.source.clone()),
        ("note", opt(&v.note)),
    ];
    fields.retain(|(_, val)| !val.is_empty());
    // Members grouped by role, in role order.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for p in &v.parties {
        let label = p.role.to_string();
        let name = match p.date {
            Some(d) => format!("{} ({d})", p.name),
            None => p.name.clone(),
        };
        match groups.last_mut() {
            Some((l, names)) if *l == label => names.push(name),
            _ => groups.push((label, vec![name])),
        }
    }
    match f {
        Format::Json => Rendered {
            stdout: json(v),
            stderr: vec![],
        },
        Format::Csv => {
            let grid = Grid {
                headers: vec![
                    "id",
                    "name",
                    "kind",
                    "start",
                    "end",
                    "series",
                    "parent",
                    "city",
                    "host",
                    "priorities",
                    "listed",
                    "reported",
                    "complete",
                    "source",
                    "note",
                ],
                rows: vec![vec![
                    e.id.clone(),
                    e.name.clone(),
                    e.kind.to_string(),
                    e.start.to_string(),
                    opt(&e.end),
                    opt(&e.series),
                    opt(&e.parent),
                    opt(&e.city),
                    e.host.join(";"),
                    v.priorities
                        .iter()
                        .map(|p| p.id.as_str())
                        .collect::<Vec<_>>()
                        .join(";"),
                    e.listed.to_string(),
                    opt(&e.reported),
                    e.complete.to_string(),
                    e.source.clone(),
                    opt(&v.note),
                ]],
            };
            Rendered {
                stdout: grid.csv(),
                stderr: vec![],
            }
        }
        Format::Table => {
            let mut s = format!("{}\n{}\n\n", clean(&e.id), clean(&e.name));
            for (k, val) in &fields {
                s.push_str(&wrap_field(k, &clean(val)));
            }
            for (role, names) in &groups {
                s.push_str(&wrap_field(
                    &format!("{role} ({})", names.len()),
                    &clean(&names.join(", ")),
                ));
            }
            if v.sources.len() > 1 {
                s.push_str(&wrap_field("sources", &v.sources[1..].join("\n")));
            }
            Rendered {
                stdout: s,
                stderr: vec![],
            }
        }
        Format::Markdown => {
            let mut s = format!("### {}\n\n`{}`\n\n", md(&e.name), md(&e.id));
            for (k, val) in &fields {
                let val = if *k == "source" {
                    md_link(val, val)
                } else {
                    md(val)
                };
                s.push_str(&format!("- **{k}:** {val}\n"));
            }
            for (role, names) in &groups {
                s.push_str(&format!(
                    "- **{role} ({}):** {}\n",
                    names.len(),
                    md(&names.join(", "))
                ));
            }
            if v.sources.len() > 1 {
                s.push_str("- **sources:**");
                for (i, u) in v.sources[1..].iter().enumerate() {
                    s.push_str(&format!(" {}", md_link(&format!("[{}]", i + 1), u)));
                }
                s.push('\n');
            }
            Rendered {
                stdout: s,
                stderr: vec![],
            }
        }
    }
}

/// Wrap a paragraph at the table width; continuation lines are indented by two spaces.
pub fn wrap(text: &str) -> String {
    let w = width() as usize;
    let mut out = String::new();
    let mut len = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let wl = word.chars().count();
        if len > 0 && len + 1 + wl > w {
            out.push_str("\n  ");
            len = 2;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += wl;
    }
    out.push('\n');
    out
}

/// "  key        value", wrapped at the table width with a hanging indent.
fn wrap_field(key: &str, value: &str) -> String {
    let indent = 16usize;
    let w = (width() as usize).max(indent + 20);
    let mut out = String::new();
    let mut first = true;
    for para in value.split('\n') {
        let mut line = if first {
            format!("  {key:<width$}", width = indent - 2)
        } else {
            " ".repeat(indent)
        };
        if first && key.chars().count() > indent - 3 {
            line = format!("  {key}\n{}", " ".repeat(indent));
        }
        first = false;
        let mut len = line.rsplit('\n').next().map_or(0, |l| l.chars().count());
        let mut empty = true;
        for word in para.split(' ') {
            let wl = word.chars().count();
            if !empty && len + 1 + wl > w {
                out.push_str(line.trim_end());
                out.push('\n');
                line = " ".repeat(indent);
                len = indent;
                empty = true;
            }
            if !empty {
                line.push(' ');
                len += 1;
            }
            line.push_str(word);
            len += wl;
            empty = false;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_start_a_formula_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("@SUM"), "'@SUM");
        assert_eq!(csv_cell("GBR"), "GBR");
    }

    #[test]
    fn terminal_escapes_are_shown_not_executed() {
        assert_eq!(clean("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(clean("x\ny"), "x y");
    }

    #[test]
    fn markdown_escapes_markup_and_html() {
        assert_eq!(md("a|b <script>*x*"), "a\\|b &lt;script&gt;\\*x\\*");
        assert_eq!(
            md_link("s", "https://en.wikipedia.org/wiki/A_(b)"),
            "[s](https://en.wikipedia.org/wiki/A_%28b%29)"
        );
    }

    #[test]
    fn wrapped_fields_fit_the_width() {
        let long = "word ".repeat(40);
        for line in wrap_field("note", long.trim()).lines() {
            assert!(line.chars().count() <= 80, "{line}");
        }
    }
}
