//! Errors: what went wrong, where, and what to do about it.
//!
//! A [`Problem`] is one fault in the dataset, positioned as `path:line: column NAME: message`.
//! Loading collects every problem before it gives up, so a user fixes a file in one pass.
//! [`Error`] is what a command returns; `main` maps it to an exit code (1 for data, lookup and
//! I/O errors, 2 for usage errors).

use std::path::PathBuf;

pub use crate::load::Problem;

/// Every problem found in a dataset, up to [`Problems::KEEP`]; beyond that they are only
/// counted, so that a file with a million bad rows cannot exhaust memory.
///
/// The problems kept are the first `KEEP` in report order (file, line, column; see
/// [`Problem`]), whatever order they were pushed in, once the list is [settled]
/// (`Problems::settle`): lists found apart can be merged with [`Problems::append`].
///
/// [settled]: Problems::settle
#[derive(Debug, Clone, Default)]
pub struct Problems {
    kept: Vec<Problem>,
    dropped: usize,
}

impl Problems {
    /// How many problems are kept with their text.
    pub const KEEP: usize = 1000;

    pub fn push(&mut self, p: Problem) {
        // Let the list grow to twice its size, then keep the first half: no problem dropped
        // can be among the first KEEP, since KEEP problems before it were seen.
        self.kept.push(p);
        if self.kept.len() >= 2 * Self::KEEP {
            self.settle();
        }
    }
    /// Add another list's problems (found elsewhere, e.g. in another file).
    pub fn append(&mut self, other: Problems) {
        for p in other.kept {
            self.push(p);
        }
        self.dropped += other.dropped;
    }
    /// Sort the kept problems into report order and drop those beyond [`Problems::KEEP`].
    /// The sort is stable: problems at the same place stay in the order they were found.
    pub fn settle(&mut self) {
        self.kept.sort_by(|a, b| a.order_key().cmp(&b.order_key()));
        if self.kept.len() > Self::KEEP {
            self.dropped += self.kept.len() - Self::KEEP;
            self.kept.truncate(Self::KEEP);
        }
    }
    pub fn is_empty(&self) -> bool {
        self.kept.is_empty() && self.dropped == 0
    }
    /// All problems found, kept or only counted.
    pub fn total(&self) -> usize {
        self.kept.len() + self.dropped
    }
    pub fn iter(&self) -> std::slice::Iter<'_, Problem> {
        self.kept.iter()
    }
}

impl From<Vec<Problem>> for Problems {
    fn from(kept: Vec<Problem>) -> Self {
        let mut p = Problems::default();
        for x in kept {
            p.push(x);
        }
        p.settle();
        p
    }
}

/// Everything a command can fail with.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The dataset has problems; all of them are listed.
    #[error("the dataset has {} problem{}", .0.total(), if .0.total() == 1 { "" } else { "s" })]
    Data(Problems),
    /// An event, party, series or priority the user named could not be resolved.
    #[error("{0}")]
    Lookup(String),
    /// Reading or writing a file failed. The path is shown on one line, escaped for the
    /// terminal: it came from the user.
    #[error("{}: {source}", crate::present::escape::inline(&path.display().to_string()))]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    /// A chart could not be drawn.
    #[error(transparent)]
    Render(#[from] crate::render::RenderError),
    /// The command line is wrong in a way clap cannot see (e.g. a bad date value).
    #[error("{0}")]
    Usage(String),
    /// `check --strict` found lists of open instruments that have not been checked for a year.
    #[error(
        "stale lists: {0} of the open instruments were last checked more than a year before the newest event"
    )]
    Stale(usize),
    /// A view or an export could not be encoded (a bug: encoding into memory cannot fail on
    /// well-formed views).
    #[error(transparent)]
    Encode(#[from] crate::present::EncodeError),
    /// The snapshot answered from was found faulty before the answer was written: nothing was
    /// written, and the command runs again from the CSV files (`commands::main`). Never
    /// reported.
    #[error("the dataset's snapshot was found damaged while answering")]
    SnapshotFault,
}

impl Error {
    /// The process exit code for this error.
    pub fn exit_code(&self) -> i32 {
        match self {
            Error::Usage(_) => 2,
            _ => 1,
        }
    }
}

pub type Result<T> = std::result::Result<T, Error>;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::ProblemKind;

    #[test]
    fn a_settled_list_keeps_the_first_problems_whatever_the_push_order() {
        let n = 3 * Problems::KEEP as u64;
        let mut a = Problems::default();
        let mut b = Problems::default();
        // Lines n..1 pushed backwards, split over two lists and merged.
        for line in (1..=n).rev() {
            let l = if line % 2 == 0 { &mut a } else { &mut b };
            l.push(Problem::line("f.csv", line, ProblemKind::RequiredEmpty));
        }
        a.append(b);
        a.settle();
        assert_eq!(a.total(), n as usize);
        let lines: Vec<u64> = a.iter().filter_map(|p| p.line).collect();
        assert_eq!(lines, (1..=Problems::KEEP as u64).collect::<Vec<_>>());
    }

    #[test]
    fn an_unsettled_list_keeps_the_push_order() {
        let mut p = Problems::default();
        for line in (1..=1500).rev() {
            p.push(Problem::line("f.csv", line, ProblemKind::RequiredEmpty));
        }
        assert_eq!(p.total(), 1500);
        assert_eq!(p.iter().next().and_then(|p| p.line), Some(1500));
    }

    #[test]
    fn problems_are_reported_by_file_then_line_then_column() {
        let p = Problems::from(vec![
            Problem::field("d/participation.csv", 2, "role", ProblemKind::RequiredEmpty),
            Problem::field(
                "d/participation.csv",
                2,
                "event",
                ProblemKind::RequiredEmpty,
            ),
            Problem::line("d/participation.csv", 2, ProblemKind::UnterminatedQuote),
            Problem::line("d/events.csv", 9, ProblemKind::UnterminatedQuote),
        ]);
        let shown: Vec<(&str, Option<&str>)> = p
            .iter()
            .map(|p| (p.file.as_str(), p.column.as_deref()))
            .collect();
        assert_eq!(
            shown,
            [
                ("d/events.csv", None),
                ("d/participation.csv", None),
                ("d/participation.csv", Some("event")),
                ("d/participation.csv", Some("role")),
            ]
        );
    }
}
