//! Loading: the only module that reads the dataset files, and this file the only one in it that
//! opens them.
//!
//! It turns five CSV files (embedded in the binary, or from a `--data` directory) into a
//! validated [`Dataset`], or into the complete list of [`Problem`]s found. The stages, one
//! file each: [`schema`] (the columns), `table` (encoding, header, rows and field accessors),
//! one pass per file (`parties`, `events`, `participation`, `priorities`, `links`), the
//! cross-file checks (`checks`: references, `parent` cycles, duplicates, counts) and
//! [`problem`] (what a problem says). The speed devices (a record splitter, a second thread)
//! are fenced in `fast`. Line numbers are 1-based and count physical lines; the header is the
//! first non-blank line.

mod checks;
mod events;
mod fast;
mod links;
mod participation;
mod parties;
mod priorities;
pub mod problem;
pub mod schema;
mod table;
#[cfg(test)]
mod tests;

pub use problem::{Entity, PartyHint, Problem, ProblemKind, Vocabulary};

use crate::error::{Error, Problems};
use crate::model::{Dataset, Ids, Rows};
use participation::RowsPass;
use problem::ProblemKind as K;
use std::path::Path;
use table::Table;

/// The largest field accepted, in bytes. A longer one is nearly always a quote left open.
pub const MAX_FIELD: usize = 64 * 1024;

/// The largest dataset file read, in bytes (2 GiB): about 7 million participation rows per
/// GiB, far beyond any real dataset (the 1M-row benchmark file is 30 MiB). A file's size is
/// known before it is read, so a larger one is refused without reading it, and the memory to
/// hold one is asked for before it is read ([`crate::memory`]).
pub const MAX_FILE: u64 = 2 * 1024 * 1024 * 1024;

/// The dataset files, in the order they are checked and reported.
pub const FILES: [&str; 5] = [
    schema::EVENTS.file,
    schema::PARTIES.file,
    schema::PARTICIPATION.file,
    schema::PRIORITIES.file,
    schema::LINKS.file,
];

/// One input file: the name to show in messages and its bytes.
pub struct InputFile {
    pub display: String,
    pub bytes: Vec<u8>,
}

/// The dataset shipped in `events/`, compiled into the binary.
pub fn embedded_files() -> Vec<InputFile> {
    let raw: [(&str, &str); 5] = [
        ("events/events.csv", include_str!("../../events/events.csv")),
        (
            "events/parties.csv",
            include_str!("../../events/parties.csv"),
        ),
        (
            "events/participation.csv",
            include_str!("../../events/participation.csv"),
        ),
        (
            "events/priorities.csv",
            include_str!("../../events/priorities.csv"),
        ),
        (
            "events/event_priorities.csv",
            include_str!("../../events/event_priorities.csv"),
        ),
    ];
    raw.iter()
        .map(|(d, s)| InputFile {
            display: d.to_string(),
            bytes: s.as_bytes().to_vec(),
        })
        .collect()
}

/// The dataset's own files as they were read, for those who want the source (the site's
/// `data/` folder): the shipped ones, or those of the `--data` directory, read again (after the
/// dataset was loaded from them, so each is a regular file of a size that loads). Each comes
/// with its file name (`events.csv`, …), in [`FILES`] order.
pub fn dataset_files(dir: Option<&Path>) -> Result<Vec<(&'static str, Vec<u8>)>, Error> {
    let Some(dir) = dir else {
        return Ok(FILES
            .iter()
            .zip(embedded_files())
            .map(|(name, f)| (*name, f.bytes))
            .collect());
    };
    let mut out = Vec::with_capacity(FILES.len());
    for name in FILES {
        let path = dir.join(name);
        match read_file(&path) {
            Ok(bytes) => out.push((name, bytes)),
            Err(kind) => {
                return Err(Error::Data(Problems::from(vec![Problem::file(
                    &path.display().to_string(),
                    kind,
                )])));
            }
        }
    }
    Ok(out)
}

/// Load the shipped dataset.
pub fn load_embedded() -> Result<Dataset, Error> {
    load_files(embedded_files()).map_err(Error::Data)
}

/// Validate and assemble. Returns every problem found (up to [`Problems::KEEP`], the first in
/// file and line order).
pub fn load_files(files: Vec<InputFile>) -> Result<Dataset, Problems> {
    load(files, None, false).map(|(d, _)| d)
}

/// Load a dataset directory (the `--data` option). Every file must be present.
pub fn load_dir(dir: &Path) -> Result<Dataset, Error> {
    load_dir_with(dir, false).map(|(d, _)| d)
}

/// [`load_dir`], with each file's content hash ([`crate::model::snapshot::hash`]) taken from
/// the very bytes that were loaded, in [`FILES`] order: the cache's record of what a snapshot
/// was made from.
pub fn load_dir_hashed(dir: &Path) -> Result<(Dataset, [u128; 5]), Error> {
    load_dir_with(dir, true)
}

fn load_dir_with(dir: &Path, hashed: bool) -> Result<(Dataset, [u128; 5]), Error> {
    let one = |kind| {
        Err(Error::Data(Problems::from(vec![Problem::file(
            &dir.display().to_string(),
            kind,
        )])))
    };
    match std::fs::metadata(dir) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return one(K::NoSuchDirectory),
        Err(e) => {
            return one(K::CannotRead {
                error: e.to_string(),
            });
        }
        Ok(m) if !m.is_dir() => return one(K::NotADirectory),
        Ok(_) => {}
    }
    let mut files = Vec::new();
    let mut problems = Problems::default();
    let mut deferred = None;
    for name in FILES {
        let path = dir.join(name);
        let display = path.display().to_string();
        // participation.csv, the largest file, is read on the thread that parses it, while
        // this one reads the others; here it is only looked at.
        let read = if name == schema::PARTICIPATION.file {
            look_at(&path).map(|_| {
                deferred = Some(path.clone());
                Vec::new()
            })
        } else {
            read_file(&path)
        };
        match read {
            Ok(bytes) => files.push(InputFile { display, bytes }),
            Err(kind) => problems.push(Problem::file(&display, kind)),
        }
    }
    if !problems.is_empty() {
        return Err(Error::Data(problems));
    }
    let mut hashes = [0u128; 5];
    if hashed {
        for (h, f) in hashes.iter_mut().zip(&files) {
            *h = crate::model::snapshot::hash(&f.bytes);
        }
    }
    let participation = FILES
        .iter()
        .position(|&f| f == schema::PARTICIPATION.file)
        .unwrap_or(2);
    let (data, part_hash) = load(files, deferred.as_deref(), hashed).map_err(Error::Data)?;
    if let Some(h) = part_hash {
        hashes[participation] = h;
    }
    Ok((data, hashes))
}

/// A dataset file's bytes, or what stops them being read: it must be a regular file (after
/// following symbolic links, so a FIFO that would block or a link to `/dev/zero` that would
/// never end is refused unread) of at most [`MAX_FILE`] bytes, and the memory to hold it must
/// be had.
fn read_file(path: &Path) -> Result<Vec<u8>, ProblemKind> {
    use std::io::Read;
    let cannot_read = |e: std::io::Error| K::CannotRead {
        error: e.to_string(),
    };
    let size = look_at(path)?;
    let file = std::fs::File::open(path).map_err(cannot_read)?;
    // Looked at again once open, in case the path changed in between.
    let size = match file.metadata() {
        Ok(m) if m.is_file() => size.max(m.len()),
        Ok(m) => return Err(not_regular(&m.file_type())),
        Err(e) => return Err(cannot_read(e)),
    };
    if size > MAX_FILE {
        return Err(K::FileTooLarge { bytes: size });
    }
    let mut bytes = Vec::new();
    // One byte more, so that reading to the end needs no second allocation.
    crate::memory::try_reserve(&mut bytes, size as usize + 1)
        .map_err(|_| K::OutOfMemory { bytes: size })?;
    // A file that grows while it is read is still cut at the limit.
    file.take(MAX_FILE + 1)
        .read_to_end(&mut bytes)
        .map_err(cannot_read)?;
    if bytes.len() as u64 > MAX_FILE {
        return Err(K::FileTooLarge {
            bytes: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

/// Whether a dataset file is there to be read: a regular file (after following symbolic
/// links) of at most [`MAX_FILE`] bytes. Its size.
fn look_at(path: &Path) -> Result<u64, ProblemKind> {
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => Err(K::IsADirectory),
        Ok(m) if !m.is_file() => Err(not_regular(&m.file_type())),
        Ok(m) if m.len() > MAX_FILE => Err(K::FileTooLarge { bytes: m.len() }),
        Ok(m) => Ok(m.len()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(K::FileNotFound),
        Err(e) => Err(K::CannotRead {
            error: e.to_string(),
        }),
    }
}

/// What a file that is not a regular file is, for the message.
fn not_regular(t: &std::fs::FileType) -> ProblemKind {
    #[cfg(unix)]
    let what = {
        use std::os::unix::fs::FileTypeExt;
        if t.is_fifo() {
            "a FIFO (named pipe)"
        } else if t.is_char_device() {
            "a character device"
        } else if t.is_block_device() {
            "a block device"
        } else if t.is_socket() {
            "a socket"
        } else {
            "a special file"
        }
    };
    #[cfg(not(unix))]
    let what = {
        let _ = t;
        "a special file"
    };
    K::NotARegularFile { what }
}

/// participation.csv, opened: read from `deferred` if it is given as a path (its entry in
/// `files` then has no bytes), and checked against the parties.
fn participation_pass(
    file: &InputFile,
    deferred: Option<&Path>,
    parties: &parties::Parties,
    hashed: bool,
) -> (RowsPass, Option<u128>) {
    let mut problems = Problems::default();
    let read_here;
    let file = match deferred.map(read_file) {
        None => file,
        Some(Ok(bytes)) => {
            read_here = InputFile {
                display: file.display.clone(),
                bytes,
            };
            &read_here
        }
        Some(Err(kind)) => {
            problems.push(Problem::file(&file.display, kind));
            return (participation::read(None, parties, problems), None);
        }
    };
    let hash = (hashed && deferred.is_some()).then(|| crate::model::snapshot::hash(&file.bytes));
    let table = Table::open(file, &schema::PARTICIPATION, &mut problems);
    (participation::read(table, parties, problems), hash)
}

/// [`load_files`], where participation.csv may be given as a path (`deferred`); with
/// `hashed`, a deferred participation.csv's content hash is returned with the dataset.
fn load(
    files: Vec<InputFile>,
    deferred: Option<&Path>,
    hashed: bool,
) -> Result<(Dataset, Option<u128>), Problems> {
    let mut problems = Problems::default();
    let [
        events_file,
        parties_file,
        part_file,
        priorities_file,
        links_file,
    ] = &files[..]
    else {
        panic!("load expects the {} dataset files", FILES.len());
    };
    // participation.csv is opened by its own pass.
    let mut open = |file, schema| Table::open(file, schema, &mut problems);
    let mut tables = [
        open(events_file, &schema::EVENTS),
        open(parties_file, &schema::PARTIES),
        open(priorities_file, &schema::PRIORITIES),
        open(links_file, &schema::LINKS),
    ];
    let [events_t, parties_t, priorities_t, links_t] = &mut tables;
    let parties = parties::read(parties_t.as_mut(), &mut problems);
    // participation.csv needs only the parties: it is read on a second thread from here on,
    // while this one reads the events and their priority links.
    let ((mut pass, part_hash), (events, priorities, links)) = fast::beside(
        || participation_pass(part_file, deferred, &parties, hashed),
        || {
            let priorities = priorities::read(priorities_t.as_mut(), &mut problems);
            let mut events = events::read(events_t.as_mut(), &mut problems);
            checks::link_references(&mut events, &parties, &mut problems);
            checks::parent_cycles(&events, &mut problems);
            events.sort();
            let links = links::read(links_t.as_mut(), &events, &priorities, &mut problems);
            (events, priorities, links)
        },
    );
    // Counts against rows are checked only when every row could be read.
    let all_read = tables.iter().all(Option::is_some) && pass.read && pass.complete;
    problems.append(std::mem::take(&mut pass.problems));

    // participation.csv, continued: resolve each distinct event id once, and report an
    // unknown one on every row that names it.
    let starts: Vec<_> = events.list.iter().map(|e| e.start).collect();
    let resolved = pass.resolve(&events.ix, &starts, &mut problems);
    checks::unknown_events(&pass, &resolved, &events, &mut problems);
    let (by_event, listed) =
        checks::group_rows(&mut pass, &resolved, &events, &parties, &mut problems);
    if all_read {
        checks::list_statuses(&events, &listed, &pass, &mut problems);
    }

    if !problems.is_empty() {
        problems.settle();
        return Err(problems);
    }
    let rows = Rows {
        rows: pass.rows,
        texts: pass.texts,
        by_event,
    };
    let data = Dataset::new(
        events.list,
        parties.list,
        rows,
        priorities.list,
        links,
        Ids {
            events: events.ix,
            parties: parties.ix,
            priorities: priorities.ix,
        },
    );
    Ok((data, part_hash))
}
