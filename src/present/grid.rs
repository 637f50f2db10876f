//! The grid every list view is made of: headers and rows of cells, laid out as a table (at a
//! given width), CSV or Markdown. Cells are escaped here for the table and CSV; Markdown cells
//! arrive escaped, since some views put links in them.

use super::Result;
use super::escape::{clean, csv_cell};
use comfy_table::{ColumnConstraint, ContentArrangement, LineStyle, Table, TableStyle, Width};

/// Columns whose values are copied into other commands (ids, dates) never wrap in tables.
const NO_WRAP: &[&str] = &[
    "id",
    "date",
    "event",
    "parties",
    "kind",
    "change",
    "what",
    "field",
    "events",
    "first",
    "last",
    "latest",
    "series",
    "list_as_of",
    "standing",
    "list",
];

/// The narrowest a wrapped column gets (or its widest cell, if narrower).
const MIN_COLUMN: usize = 6;

/// A grid of cells, rendered as a table, CSV or Markdown.
pub(super) struct Grid<'a> {
    pub headers: Vec<&'a str>,
    pub rows: Vec<Vec<String>>,
}

impl Grid<'_> {
    /// A table at most `width` columns wide; "(none)" under the header when there are no rows.
    pub fn table(&self, width: u16) -> String {
        let mut t = Table::new();
        t.load_style(TableStyle::new().header_separator(LineStyle::none().fill('─').junction(' ')));
        if width == super::UNWRAPPED {
            t.set_content_arrangement(ContentArrangement::Disabled);
        } else {
            t.set_content_arrangement(ContentArrangement::Dynamic)
                .set_width(width);
        }
        t.set_header(self.headers.clone());
        for r in &self.rows {
            t.add_row(r.iter().map(|c| clean(c)).collect::<Vec<_>>());
        }
        for c in t.column_iter_mut() {
            c.set_padding((0, 1));
        }
        for (i, h) in self.headers.iter().enumerate() {
            let Some(c) = t.column_mut(i) else { continue };
            if NO_WRAP.contains(h) {
                c.set_constraint(ColumnConstraint::ContentWidth);
            } else {
                // Below MIN_COLUMN a column is unreadable (one letter a line): the table is
                // let grow past `width` instead, and the terminal folds the long lines.
                let widest = std::iter::once(*h)
                    .chain(self.rows.iter().map(|r| r[i].as_str()))
                    .map(|cell| unicode_width::UnicodeWidthStr::width(cell).min(MIN_COLUMN))
                    .max()
                    .unwrap_or(0);
                c.set_constraint(ColumnConstraint::LowerBoundary(Width::Fixed(
                    widest as u16 + 1,
                ))); // + padding
            }
        }
        let mut s: String = t.lines().map(|l| l.trim_end().to_string() + "\n").collect();
        if self.rows.is_empty() {
            s.push_str("(none)\n");
        }
        s
    }

    /// CSV with `\n` line ends and formula-like cells neutralised.
    pub fn csv(&self) -> Result<String> {
        let mut w = csv::WriterBuilder::new()
            .terminator(csv::Terminator::Any(b'\n'))
            .from_writer(Vec::new());
        w.write_record(&self.headers)?;
        for r in &self.rows {
            w.write_record(r.iter().map(|c| csv_cell(c)))?;
        }
        let bytes = w
            .into_inner()
            .map_err(|e| csv::Error::from(e.into_error()))?;
        Ok(String::from_utf8(bytes)?)
    }

    /// A Markdown table with every cell escaped ([`md`](super::md)), for grids whose cells
    /// are plain text.
    pub fn markdown_escaped(&self) -> String {
        Grid {
            headers: self.headers.clone(),
            rows: self
                .rows
                .iter()
                .map(|r| r.iter().map(|c| super::md(c)).collect())
                .collect(),
        }
        .markdown()
    }

    /// A Markdown table of cells as given.
    pub fn markdown(&self) -> String {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn grid() -> Grid<'static> {
        Grid {
            headers: vec!["id", "name"],
            rows: vec![vec!["GBR".into(), "=1+1".into()]],
        }
    }

    #[test]
    fn csv_rows_end_in_newlines_and_formulas_are_neutralised() {
        assert_eq!(grid().csv().unwrap(), "id,name\nGBR,'=1+1\n");
    }

    #[test]
    fn tables_are_laid_out_at_the_width_given_not_the_environment() {
        let long = Grid {
            headers: vec!["id", "name"],
            rows: vec![vec!["GBR".into(), "word ".repeat(30)]],
        };
        for w in [60, 200] {
            let t = long.table(w);
            let widest = t.lines().map(|l| l.chars().count()).max().unwrap();
            assert!(widest <= w as usize, "{widest} > {w}");
        }
        assert!(long.table(60).lines().count() > long.table(200).lines().count());
    }

    #[test]
    fn at_a_narrow_width_no_wrapped_column_is_narrower_than_its_floor() {
        let g = Grid {
            headers: vec!["date", "event", "role", "name"],
            rows: vec![vec![
                "2023-11-01".into(),
                "frontier-commitments-2024".into(),
                "signatory".into(),
                "Bletchley Declaration word word".into(),
            ]],
        };
        let t = g.table(40);
        // Every line of the header row's wrapped column holds at least MIN_COLUMN letters of
        // a word, or the whole word.
        let body: Vec<&str> = t.lines().skip(2).collect();
        assert!(
            body[0].contains("signat") && body[0].contains("Bletch"),
            "{t}"
        );
    }
}
