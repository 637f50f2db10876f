//! Errors: what went wrong, where, and what to do about it.
//!
//! A [`Problem`] is one fault in the dataset, positioned as `path:line: column NAME: message`.
//! Loading collects every problem before it gives up, so a user fixes a file in one pass.
//! [`Error`] is what a command returns; `main` maps it to an exit code (1 for data, lookup and
//! I/O errors, 2 for usage errors).

use std::fmt;
use std::path::PathBuf;

/// One fault in the dataset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file as the user should find it, e.g. `events/participation.csv`.
    pub file: String,
    /// 1-based line number of the record (the header is line 1), if the fault is in a line.
    pub line: Option<u64>,
    /// The column name, if the fault is in one field.
    pub column: Option<String>,
    /// What is wrong, with a suggestion where one exists.
    pub message: String,
}

impl Problem {
    pub fn file(file: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line: None,
            column: None,
            message: message.into(),
        }
    }
    pub fn line(file: &str, line: u64, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line: Some(line),
            column: None,
            message: message.into(),
        }
    }
    pub fn field(file: &str, line: u64, column: &str, message: impl Into<String>) -> Self {
        Problem {
            file: file.to_string(),
            line: Some(line),
            column: Some(column.to_string()),
            message: message.into(),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file)?;
        if let Some(l) = self.line {
            write!(f, ":{l}")?;
        }
        if let Some(c) = &self.column {
            write!(f, ": column {c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in a dataset, up to [`Problems::KEEP`]; beyond that they are only
/// counted, so that a file with a million bad rows cannot exhaust memory.
///
/// With an order ([`Problems::ordered`]) the problems kept are the first `KEEP` in that order,
/// whatever order they were found in: loaders that check files on several threads and merge
/// their findings ([`Problems::append`]) still show the first faults in the files.
#[derive(Debug, Clone, Default)]
pub struct Problems {
    kept: Vec<Problem>,
    dropped: usize,
    order: Option<fn(&Problem, &Problem) -> std::cmp::Ordering>,
}

impl Problems {
    /// How many problems are kept with their text.
    pub const KEEP: usize = 1000;

    /// An empty list that keeps the first [`Problems::KEEP`] problems in `order`.
    pub fn ordered(order: fn(&Problem, &Problem) -> std::cmp::Ordering) -> Self {
        Problems {
            kept: Vec::new(),
            dropped: 0,
            order: Some(order),
        }
    }

    pub fn push(&mut self, p: Problem) {
        match self.order {
            // Let the list grow to twice its size, then keep the first half: no problem
            // dropped can be among the first KEEP, since KEEP problems before it were seen.
            Some(_) => {
                self.kept.push(p);
                if self.kept.len() >= 2 * Self::KEEP {
                    self.settle();
                }
            }
            None if self.kept.len() < Self::KEEP => self.kept.push(p),
            None => self.dropped += 1,
        }
    }
    /// Add another list's problems (found elsewhere, e.g. on another thread).
    pub fn append(&mut self, other: Problems) {
        for p in other.kept {
            self.push(p);
        }
        self.dropped += other.dropped;
    }
    /// Sort the kept problems into their order and drop those beyond [`Problems::KEEP`].
    pub fn settle(&mut self) {
        if let Some(order) = self.order {
            self.kept.sort_by(order);
            if self.kept.len() > Self::KEEP {
                self.dropped += self.kept.len() - Self::KEEP;
                self.kept.truncate(Self::KEEP);
            }
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
    /// Reading or writing a file failed.
    #[error("{}: {source}", path.display())]
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
    /// A view or an export could not be encoded (a bug: encoding into memory cannot fail on
    /// well-formed views).
    #[error(transparent)]
    Encode(#[from] crate::present::EncodeError),
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

    fn by_line(a: &Problem, b: &Problem) -> std::cmp::Ordering {
        a.line.cmp(&b.line)
    }

    #[test]
    fn an_ordered_list_keeps_the_first_problems_whatever_the_push_order() {
        let n = 3 * Problems::KEEP as u64;
        let mut a = Problems::ordered(by_line);
        let mut b = Problems::ordered(by_line);
        // Lines n..1 pushed backwards, split over two lists and merged.
        for line in (1..=n).rev() {
            let l = if line % 2 == 0 { &mut a } else { &mut b };
            l.push(Problem::line("f.csv", line, "bad"));
        }
        a.append(b);
        a.settle();
        assert_eq!(a.total(), n as usize);
        let lines: Vec<u64> = a.iter().filter_map(|p| p.line).collect();
        assert_eq!(lines, (1..=Problems::KEEP as u64).collect::<Vec<_>>());
    }

    #[test]
    fn an_unordered_list_keeps_the_first_pushed() {
        let mut p = Problems::default();
        for line in (1..=1500).rev() {
            p.push(Problem::line("f.csv", line, "bad"));
        }
        assert_eq!(p.total(), 1500);
        assert_eq!(p.iter().next().and_then(|p| p.line), Some(1500));
    }
}
