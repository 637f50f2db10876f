//! `convene site`: the static website of the (filtered) dataset.
//!
//! The directory is checked first (it must be new, empty, or an earlier site: never a file, and
//! never someone else's folder to mix pages into); the whole site is then built in memory
//! ([`site::build`]) and written as one staged set ([`output::files`]), so a failure leaves the
//! directory as it was. Only then are the pages of an earlier build that this one no longer
//! has removed, so that no stale page stays reachable at its old address.

use crate::cli::{Cli, SiteArgs};
use crate::error::{Error, Result};
use crate::present::escape::inline;
use crate::{load, output, query, site};
use std::path::{Path, PathBuf};

/// The folders the site writes its pages and files into: the only places stale files are
/// removed from.
const FOLDERS: [&str; 7] = [
    "assets",
    "data",
    "diffs",
    "events",
    "parties",
    "priorities",
    "series",
];

pub fn run(cli: &Cli, a: &SiteArgs) -> Result<()> {
    let earlier = check_out_dir(&a.out_dir)?;
    let base_url = a
        .base_url
        .as_deref()
        .map(site::BaseUrl::parse)
        .transpose()?;
    let data = super::dataset(cli)?;
    let filter = query::plan(data, &a.filter.spec())?;
    let events = query::events(data, &filter);
    if events.is_empty() {
        return Err(Error::Lookup(
            "no event matches these filters, so there is no site to write; see `convene events` with the same filters".into(),
        ));
    }
    let files = load::dataset_files(cli.data.as_deref())?;
    let built = site::build(&site::Input {
        data,
        events: &events,
        source: super::data_source(cli),
        base_url: base_url.as_ref(),
        files: &files,
    })?;
    let targets: Vec<(PathBuf, &[u8])> = built
        .files
        .iter()
        .map(|(p, b)| (a.out_dir.join(p), b.as_slice()))
        .collect();
    output::files(&targets)?;
    let removed = if earlier {
        remove_stale(&a.out_dir, &built)
    } else {
        0
    };
    let bytes: usize = built.files.iter().map(|(_, b)| b.len()).sum();
    let dir = inline(&a.out_dir.display().to_string());
    output::message(&format!(
        "wrote {} pages ({} files, {}) to {dir}; open {} in a browser",
        built.pages,
        built.files.len(),
        site::size(bytes),
        inline(&a.out_dir.join("index.html").display().to_string())
    ));
    if removed > 0 {
        output::message(&format!(
            "removed {removed} {} that an earlier build wrote and this one does not have",
            query::plural(removed, "file", "files")
        ));
    }
    Ok(())
}

/// Whether `dir` can take the site: missing (it is created), an empty directory, or the folder
/// of an earlier site (`true`: its stale pages are removed after the build). A file, a path
/// through a file, or a directory of other files is refused before any work.
fn check_out_dir(dir: &Path) -> Result<bool> {
    let shown = || inline(&dir.display().to_string());
    if let Some(file) = dir
        .ancestors()
        .filter(|p| !p.as_os_str().is_empty())
        .find(|p| std::fs::metadata(p).is_ok_and(|m| !m.is_dir()))
    {
        let what = if file == dir {
            "is a file, not a directory".to_string()
        } else {
            format!(
                "{} is a file, not a directory",
                inline(&file.display().to_string())
            )
        };
        return Err(Error::Usage(format!(
            "--out-dir {}: {what}; give a new or empty directory (it is created if missing), or the folder of an earlier site",
            shown()
        )));
    }
    let entries = match std::fs::read_dir(dir) {
        Ok(e) => e,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(false),
        Err(source) => {
            return Err(Error::Io {
                path: dir.to_path_buf(),
                source,
            });
        }
    };
    // Hidden entries (a `.git`, a `.nojekyll`) belong to whoever publishes the folder.
    let visible = entries
        .filter_map(std::result::Result::ok)
        .any(|e| !e.file_name().to_string_lossy().starts_with('.'));
    if !visible {
        return Ok(false);
    }
    if is_site(&dir.join("index.html")) {
        return Ok(true);
    }
    Err(Error::Usage(format!(
        "--out-dir {}: the directory holds files and is not a site convene wrote (its index.html does not say so); give a new or empty directory",
        shown()
    )))
}

/// Whether `index` is the front page of a site convene wrote.
fn is_site(index: &Path) -> bool {
    use std::io::Read;
    let mut head = [0u8; 512];
    let Ok(mut f) = std::fs::File::open(index) else {
        return false;
    };
    let n = f.read(&mut head).unwrap_or(0);
    String::from_utf8_lossy(&head[..n]).contains("<meta name=\"generator\" content=\"convene ")
}

/// Remove the files of the site's folders that `built` does not have (pages of events since
/// renamed or filtered out); the number removed. A file that cannot be removed is left, with a
/// note: the new site is already in place.
fn remove_stale(dir: &Path, built: &site::Site) -> usize {
    let wanted: std::collections::BTreeSet<PathBuf> =
        built.files.iter().map(|(p, _)| dir.join(p)).collect();
    let mut removed = 0;
    for folder in FOLDERS {
        let Ok(entries) = std::fs::read_dir(dir.join(folder)) else {
            continue;
        };
        let mut stale: Vec<PathBuf> = entries
            .filter_map(std::result::Result::ok)
            .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
            .map(|e| e.path())
            .filter(|p| !wanted.contains(p))
            .filter(|p| {
                !p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with('.'))
            })
            .collect();
        stale.sort();
        for p in stale {
            match std::fs::remove_file(&p) {
                Ok(()) => removed += 1,
                Err(e) => output::message(&format!(
                    "note: could not remove the stale file {}: {e}",
                    inline(&p.display().to_string())
                )),
            }
        }
    }
    removed
}
