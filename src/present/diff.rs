//! `convene diff`: joined, left, changed, stayed and unknown parties between two events.

use super::grid::Grid;
use super::wrap::wrap;
use super::{Format, Rendered, Result, clean, json, md};
use crate::query::PartyRow;
use crate::query::diff::{DiffView, Section};

/// One row of the comparison: (section, id, name, role at A, role at B).
type Row = [String; 5];

/// The comparison as text. CSV sends the caveats about incomplete lists to stderr; table and
/// Markdown print them after the counts.
pub fn diff(v: &DiffView, f: Format, width: u16) -> Result<Rendered> {
    let caveats = caveats(v);
    let rows = rows(v);
    Ok(match f {
        Format::Json => Rendered::data(json(v)?),
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
                stdout: grid.csv()?,
                stderr: caveats.iter().map(|c| format!("note: {c}")).collect(),
            }
        }
        Format::Table => {
            // In the table, "stayed" rows show both roles only when they differ.
            let grid = Grid {
                headers: vec!["change", "id", "name", "at A", "at B"],
                rows: rows.iter().map(|r| r.to_vec()).collect(),
            };
            let head = format!(
                "A: {} — {}\nB: {} — {}",
                v.a, v.events.a.name, v.b, v.events.b.name
            );
            let head: String = head.split('\n').map(|l| wrap(&clean(l), width)).collect();
            let mut s = format!("{head}\n{}", grid.table(width));
            s.push_str(&format!("\n{}\n", counts(v)));
            for c in &caveats {
                s.push_str(&wrap(&format!("Note: {}", clean(c)), width));
            }
            Rendered::data(s)
        }
        Format::Markdown => {
            let grid = Grid {
                headers: vec!["change", "id", "name", "at A", "at B"],
                rows: rows.iter().map(|r| r.to_vec()).collect(),
            };
            let mut s = format!(
                "**A:** {} — {}  \n**B:** {} — {}\n\n{}",
                md(&v.a),
                md(&v.events.a.name),
                md(&v.b),
                md(&v.events.b.name),
                grid.markdown_escaped()
            );
            s.push_str(&format!("\n{}\n", counts(v)));
            for c in &caveats {
                s.push_str(&format!("\n> {}\n", md(c)));
            }
            Rendered::data(s)
        }
    })
}

/// A sentence for each side whose list is incomplete.
fn caveats(v: &DiffView) -> Vec<String> {
    let mut caveats = Vec::new();
    for (side, s, other) in [
        ("A", &v.events.a, &v.events.b),
        ("B", &v.events.b, &v.events.a),
    ] {
        if !s.list.complete {
            caveats.push(format!(
                "{side} ({}): {}; parties of {} that it does not name are unknown, not absent.",
                s.id,
                s.completeness().sentence(),
                other.id
            ));
        }
    }
    caveats
}

/// Every party of the comparison, section by section.
fn rows(v: &DiffView) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let row = |sec: &str, p: &PartyRow, ra: String, rb: String| {
        [sec.to_string(), p.id.clone(), p.name.clone(), ra, rb]
    };
    for p in &v.joined {
        rows.push(row("joined", p, String::new(), p.role.to_string()));
    }
    for p in &v.left {
        rows.push(row("left", p, p.role.to_string(), String::new()));
    }
    for (sec, list) in [("changed", &v.changed), ("stayed", &v.stayed)] {
        for c in list {
            rows.push(row(
                sec,
                &c.party,
                c.from_role.to_string(),
                c.to_role.to_string(),
            ));
        }
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
    rows
}

/// "joined 1, left 2, changed 0, stayed 9", with ", unknown N" when some are unknown; with
/// `--only`, the sections shown; with `--party-kind`, "(countries only)".
fn counts(v: &DiffView) -> String {
    let unknown = v.unknown_in_a.len() + v.unknown_in_b.len();
    let mut parts = Vec::new();
    for (s, n) in [
        (Section::Joined, v.joined.len()),
        (Section::Left, v.left.len()),
        (Section::Changed, v.changed.len()),
        (Section::Stayed, v.stayed.len()),
        (Section::Unknown, unknown),
    ] {
        let always = s != Section::Unknown || unknown > 0;
        if v.shows(s) && (always || !v.only.is_empty()) {
            parts.push(format!("{} {n}", s.as_str()));
        }
    }
    let mut line = parts.join(", ");
    if let Some(k) = v.party_kind {
        line.push_str(&format!(" ({} only)", super::kind_plural(k)));
    }
    line
}
