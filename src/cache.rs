//! The snapshot cache: a validated dataset directory is loaded from its CSV files once, and
//! later commands on the same, unchanged files answer from a snapshot
//! ([`crate::model::snapshot`]) in the user's cache directory.
//!
//! Whether a snapshot is current is decided the way git's index decides whether a file
//! changed: from each file's stat data (size, modification and change times in nanoseconds,
//! inode and device), never from a modification time alone; a file whose modification time is
//! too close to when the snapshot was taken to tell a later edit apart ("racily clean") is
//! compared by content instead (an xxh3-128 hash of its bytes, recorded from the very bytes
//! that were loaded). BENCHMARKS.md measures both ways.
//!
//! The cache can only ever save time: a snapshot that is missing, stale, truncated, corrupt,
//! from another version of convene or not a snapshot at all is passed over (the CSV files are
//! loaded and the snapshot written anew), and a cache directory that cannot be written is no
//! error. Snapshots are written to a temporary file and renamed into place, so a reader never
//! sees half of one and two writers at once leave one whole snapshot.

use crate::error::Error;
use crate::load::{self, FILES};
use crate::model::Dataset;
use crate::model::snapshot::{self, Unusable};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// A snapshot's file name ends so: `<hash of the directory's path>.snapshot`.
const SUFFIX: &str = ".snapshot";
/// Temporary files being written start so.
const TEMP_PREFIX: &str = ".convene-snapshot-";
/// A file modified less than this before a snapshot was taken is racily clean: checked by
/// content. Two seconds covers the coarsest file-system clocks in use (FAT's).
const RACY_NS: i128 = 2_000_000_000;

/// What `--no-cache` and the environment say.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    /// Where snapshots live; `None`: no cache.
    pub dir: Option<PathBuf>,
}

impl Settings {
    /// `CONVENE_CACHE_DIR` if set (and not empty), else the platform's cache directory
    /// (`$XDG_CACHE_HOME/convene` or `~/.cache/convene` on Linux); none with `no_cache`.
    pub fn from_env(no_cache: bool) -> Self {
        if no_cache {
            return Settings { dir: None };
        }
        let dir = match std::env::var_os("CONVENE_CACHE_DIR") {
            Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
            _ => directories::ProjectDirs::from("", "", "convene")
                .map(|p| p.cache_dir().to_path_buf()),
        };
        Settings { dir }
    }
}

/// One file's stat data, as compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
struct Stat {
    size: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    ino: u64,
    dev: u64,
}

fn stat(path: &Path) -> Option<Stat> {
    let m = std::fs::metadata(path).ok()?;
    if !m.is_file() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt;
        let ns = |s: i64, n: i64| i128::from(s) * 1_000_000_000 + i128::from(n);
        Some(Stat {
            size: m.len(),
            mtime_ns: ns(m.mtime(), m.mtime_nsec()),
            ctime_ns: ns(m.ctime(), m.ctime_nsec()),
            ino: m.ino(),
            dev: m.dev(),
        })
    }
    #[cfg(not(unix))]
    {
        let ns = |t: std::io::Result<SystemTime>| {
            t.ok()
                .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos() as i128)
        };
        Some(Stat {
            size: m.len(),
            mtime_ns: ns(m.modified()),
            ctime_ns: ns(m.created()),
            ino: 0,
            dev: 0,
        })
    }
}

/// What a snapshot records of its origin (its meta block).
#[derive(Debug, Clone, PartialEq, Eq)]
struct Meta {
    version: String,
    dir: String,
    /// When the files were looked at, before they were read (ns since the epoch).
    taken_ns: i128,
    files: [(Stat, u128); 5],
}

impl Meta {
    fn encode(&self) -> Vec<u8> {
        let mut b = Vec::new();
        let str = |b: &mut Vec<u8>, s: &str| {
            b.extend_from_slice(&(s.len() as u32).to_le_bytes());
            b.extend_from_slice(s.as_bytes());
        };
        str(&mut b, &self.version);
        str(&mut b, &self.dir);
        b.extend_from_slice(&self.taken_ns.to_le_bytes());
        for (s, h) in &self.files {
            b.extend_from_slice(&s.size.to_le_bytes());
            b.extend_from_slice(&s.mtime_ns.to_le_bytes());
            b.extend_from_slice(&s.ctime_ns.to_le_bytes());
            b.extend_from_slice(&s.ino.to_le_bytes());
            b.extend_from_slice(&s.dev.to_le_bytes());
            b.extend_from_slice(&h.to_le_bytes());
        }
        b
    }

    fn decode(mut b: &[u8]) -> Option<Meta> {
        fn take<'a>(b: &mut &'a [u8], n: usize) -> Option<&'a [u8]> {
            if b.len() < n {
                return None;
            }
            let (h, t) = b.split_at(n);
            *b = t;
            Some(h)
        }
        fn str(b: &mut &[u8]) -> Option<String> {
            let n = u32::from_le_bytes(take(b, 4)?.try_into().ok()?) as usize;
            String::from_utf8(take(b, n)?.to_vec()).ok()
        }
        let u64 = |b: &mut &[u8]| Some(u64::from_le_bytes(take(b, 8)?.try_into().ok()?));
        let i128 = |b: &mut &[u8]| Some(i128::from_le_bytes(take(b, 16)?.try_into().ok()?));
        let u128 = |b: &mut &[u8]| Some(u128::from_le_bytes(take(b, 16)?.try_into().ok()?));
        let version = str(&mut b)?;
        let dir = str(&mut b)?;
        let taken_ns = i128(&mut b)?;
        let mut files = [(Stat::default(), 0u128); 5];
        for f in &mut files {
            let s = Stat {
                size: u64(&mut b)?,
                mtime_ns: i128(&mut b)?,
                ctime_ns: i128(&mut b)?,
                ino: u64(&mut b)?,
                dev: u64(&mut b)?,
            };
            *f = (s, u128(&mut b)?);
        }
        b.is_empty().then_some(Meta {
            version,
            dir,
            taken_ns,
            files,
        })
    }
}

fn now_ns() -> i128 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i128)
}

/// The directory as the snapshot names it: its canonical path where it has one.
fn dir_key(dir: &Path) -> String {
    std::fs::canonicalize(dir)
        .unwrap_or_else(|_| dir.to_path_buf())
        .to_string_lossy()
        .into_owned()
}

fn snapshot_path(cache: &Path, key: &str) -> PathBuf {
    cache.join(format!("{:032x}{SUFFIX}", snapshot::hash(key.as_bytes())))
}

/// Whether a snapshot's record still describes the files in `dir` as they are now.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Freshness {
    Current,
    /// Current, but one or more files were checked by content (racily clean).
    CurrentByContent,
    Stale(String),
}

fn freshness(meta: &Meta, dir: &Path, now: &[Option<Stat>; 5]) -> Freshness {
    if meta.version != env!("CARGO_PKG_VERSION") {
        return Freshness::Stale(format!("written by convene {}", meta.version));
    }
    let mut by_content = false;
    for (i, name) in FILES.iter().enumerate() {
        let (was, hash) = meta.files[i];
        match now[i] {
            None => return Freshness::Stale(format!("{name} cannot be read")),
            Some(s) if s != was => return Freshness::Stale(format!("{name} changed")),
            Some(s) if s.mtime_ns + RACY_NS > meta.taken_ns => {
                // Racily clean: an edit in the same clock tick would leave the stat data as it
                // was, so the bytes decide.
                let same = std::fs::read(dir.join(name)).is_ok_and(|b| snapshot::hash(&b) == hash);
                if !same {
                    return Freshness::Stale(format!("{name} changed"));
                }
                by_content = true;
            }
            Some(_) => {}
        }
    }
    if by_content {
        Freshness::CurrentByContent
    } else {
        Freshness::Current
    }
}

/// Map a snapshot file. A memory map's bytes could change if another process wrote the file
/// in place; snapshots are only ever replaced by renaming a new file over them, so a mapped
/// one is never written to, and each block is checked against its hash before it is used.
fn map(path: &Path) -> Option<snapshot::Bytes> {
    let file = std::fs::File::open(path).ok()?;
    if !file.metadata().ok()?.is_file() {
        return None;
    }
    // SAFETY: see above; the mapping is read only, and every read from it is bounds-checked.
    let map = unsafe { memmap2::Mmap::map(&file) }.ok()?;
    // Queries read a few scattered records: without these, the kernel maps a 2 MB huge page
    // (or reads ahead) around every one, and a 20-record answer made 25 MB resident.
    #[cfg(target_os = "linux")]
    {
        let _ = map.advise(memmap2::Advice::NoHugePage);
    }
    #[cfg(unix)]
    {
        let _ = map.advise(memmap2::Advice::Random);
    }
    Some(Box::new(Mapping { map, file }))
}

/// A snapshot's memory map, and its file: `cache status` reads every block through the file
/// to hash it, so that checking the whole snapshot does not leave it all resident. (A query
/// hashes the few blocks it reads in place, in the map.)
struct Mapping {
    map: memmap2::Mmap,
    file: std::fs::File,
}

impl snapshot::Source for Mapping {
    fn bytes(&self) -> &[u8] {
        &self.map
    }
    fn read(&self, at: usize, buf: &mut [u8]) {
        #[cfg(unix)]
        {
            use std::os::unix::fs::FileExt;
            if self.file.read_exact_at(buf, at as u64).is_err() {
                // The hash will not match: the snapshot is passed over.
                buf.fill(0);
            }
        }
        #[cfg(not(unix))]
        {
            let n = buf.len();
            buf.copy_from_slice(&self.map[at..at + n]);
        }
    }
}

/// A snapshot still to be written, of the dataset just loaded from the CSV files: the caller
/// writes it ([`Pending::write`]) while the command runs, on another thread.
#[derive(Debug)]
pub struct Pending {
    cache: PathBuf,
    path: PathBuf,
    meta: Vec<u8>,
}

impl Pending {
    /// Write the snapshot of `data` (the dataset this was returned with). Failing to is no
    /// error: the next command reads the CSV files again.
    pub fn write(self, data: &Dataset) {
        // Encoded only once the temporary file exists: a cache directory that cannot be
        // written costs a failed `open`, not an encoding thrown away.
        let _ = write(&self.cache, &self.path, |w| {
            snapshot::write(data, &self.meta, w)
        });
    }
}

/// Load `dir` through the cache: from its snapshot when that is current, else from the CSV
/// files, with the snapshot to write. The answer is the same either way. With `validate`, the
/// CSV files are read whatever the snapshot (`check`); the snapshot is written only if the one
/// there does not already record these very files.
pub fn load(
    dir: &Path,
    settings: &Settings,
    validate: bool,
) -> Result<(Dataset, Option<Pending>), Error> {
    let Some(cache) = &settings.dir else {
        return Ok((load::load_dir(dir)?, None));
    };
    let taken_ns = now_ns();
    let stats: [Option<Stat>; 5] = FILES.map(|f| stat(&dir.join(f)));
    if stats.iter().any(Option::is_none) {
        // The loader says what is wrong with the directory.
        return Ok((load::load_dir(dir)?, None));
    }
    let key = dir_key(dir);
    let path = snapshot_path(cache, &key);
    if !validate && let Some(data) = try_snapshot(cache, &path, &key, dir, &stats, taken_ns) {
        return Ok((data, None));
    }
    let (data, hashes) = load::load_dir_hashed(dir)?;
    let meta = Meta {
        version: env!("CARGO_PKG_VERSION").to_string(),
        dir: key,
        taken_ns,
        files: std::array::from_fn(|i| (stats[i].unwrap_or_default(), hashes[i])),
    };
    let recorded = || {
        let bytes = map(&path)?;
        let old = Meta::decode(snapshot::header(bytes.bytes()).ok()?.meta)?;
        (old.version == meta.version && old.files == meta.files).then_some(())
    };
    if validate && recorded().is_some() {
        return Ok((data, None));
    }
    let pending = Pending {
        cache: cache.clone(),
        path,
        meta: meta.encode(),
    };
    Ok((data, Some(pending)))
}

/// The snapshot at `path`, if it is one of `dir` and current. One found current by content
/// is rewritten with `now_ns` as its time once its files are out of the racy window, so that
/// later commands trust their stat data again (git refreshes its index the same way).
fn try_snapshot(
    cache: &Path,
    path: &Path,
    key: &str,
    dir: &Path,
    stats: &[Option<Stat>; 5],
    now_ns: i128,
) -> Option<Dataset> {
    let bytes = map(path)?;
    let (meta, body) = {
        let h = snapshot::header(bytes.bytes()).ok()?;
        (Meta::decode(h.meta)?, h.body())
    };
    if meta.dir != key {
        return None;
    }
    let fresh = freshness(&meta, dir, stats);
    if fresh == Freshness::CurrentByContent
        && meta
            .files
            .iter()
            .all(|(s, _)| s.mtime_ns + RACY_NS <= now_ns)
    {
        let renewed = Meta {
            taken_ns: now_ns,
            ..meta.clone()
        };
        if let Ok(h) = snapshot::header(bytes.bytes()) {
            let renewed = snapshot::with_meta(bytes.bytes(), &h, &renewed.encode());
            let _ = write(cache, path, |w| {
                use std::io::Write;
                w.write_all(&renewed)
            });
        }
    }
    match fresh {
        Freshness::Stale(_) => None,
        Freshness::Current | Freshness::CurrentByContent => snapshot::open(bytes, body).ok(),
    }
}

/// Remove the snapshot of `dir`, found faulty while answering, so that the CSV files are read
/// and a new one is written. Failing to is no error: the next command finds it faulty again.
pub fn discard(dir: &Path, settings: &Settings) {
    if let Some(cache) = &settings.dir {
        let _ = std::fs::remove_file(snapshot_path(cache, &dir_key(dir)));
    }
}

/// Write a snapshot atomically: a temporary file in the cache directory, renamed into place.
fn write(
    cache: &Path,
    path: &Path,
    fill: impl FnOnce(&mut std::io::BufWriter<&std::fs::File>) -> std::io::Result<()>,
) -> std::io::Result<()> {
    use std::io::Write;
    std::fs::create_dir_all(cache)?;
    let tmp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(cache)?;
    // Written in 64 KiB pieces (see `snapshot::PIECE` for why not in one).
    let mut w = std::io::BufWriter::with_capacity(64 << 10, tmp.as_file());
    fill(&mut w)?;
    w.flush()?;
    drop(w);
    // No fsync: after a crash a snapshot may be cut short or empty, which its hashes catch.
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// One snapshot in the cache, as `cache status` shows it.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Entry {
    pub file: String,
    pub bytes: u64,
    /// The dataset directory it was made from, if it could be read.
    pub dir: Option<String>,
    /// `current`, or why it would not be used.
    pub state: String,
}

/// Whether a file name is one the cache writes (a snapshot, or a temporary file of one).
fn ours(name: &str) -> bool {
    let snapshot = name.strip_suffix(SUFFIX).is_some_and(|h| {
        h.len() == 32
            && h.bytes()
                .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
    });
    snapshot || name.starts_with(TEMP_PREFIX)
}

/// Every snapshot in the cache directory, sorted by file name.
pub fn status(cache: &Path) -> std::io::Result<Vec<Entry>> {
    let mut out = Vec::new();
    let list = match std::fs::read_dir(cache) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
        r => r?,
    };
    for entry in list {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if !ours(&name) || name.starts_with(TEMP_PREFIX) {
            continue;
        }
        let bytes = entry.metadata().map_or(0, |m| m.len());
        let (dir, state) = describe(&entry.path());
        out.push(Entry {
            file: name,
            bytes,
            dir,
            state,
        });
    }
    out.sort_by(|a, b| a.file.cmp(&b.file));
    Ok(out)
}

fn describe(path: &Path) -> (Option<String>, String) {
    let Some(bytes) = map(path) else {
        return (None, "unreadable".into());
    };
    let (meta, body) = match snapshot::header(bytes.bytes()) {
        Ok(h) => (Meta::decode(h.meta), h.body()),
        Err(why) => return (None, why.to_string()),
    };
    let Some(meta) = meta else {
        return (
            None,
            Unusable::Malformed("its record of the files").to_string(),
        );
    };
    let dir = PathBuf::from(&meta.dir);
    let stats = FILES.map(|f| stat(&dir.join(f)));
    let state = match freshness(&meta, &dir, &stats) {
        Freshness::Current | Freshness::CurrentByContent => {
            let checked = snapshot::open(bytes, body).and_then(|d| d.verify_snapshot());
            match checked {
                Ok(()) => "current".to_string(),
                Err(why) => why.to_string(),
            }
        }
        Freshness::Stale(why) => format!("stale: {why}"),
    };
    (Some(meta.dir), state)
}

/// Remove every snapshot (and left-over temporary file) from the cache directory, and
/// nothing else: the number removed and their bytes.
pub fn clear(cache: &Path) -> std::io::Result<(usize, u64)> {
    let (mut n, mut bytes) = (0, 0);
    let list = match std::fs::read_dir(cache) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok((0, 0)),
        r => r?,
    };
    for entry in list {
        let entry = entry?;
        if !ours(&entry.file_name().to_string_lossy()) {
            continue;
        }
        let size = entry.metadata().map_or(0, |m| m.len());
        match std::fs::remove_file(entry.path()) {
            Ok(()) => {
                n += 1;
                bytes += size;
            }
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(e),
        }
    }
    Ok((n, bytes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(dir: &Path, taken_ns: i128) -> (Meta, [Option<Stat>; 5]) {
        let stats = FILES.map(|f| stat(&dir.join(f)));
        let files = std::array::from_fn(|i| {
            let bytes = std::fs::read(dir.join(FILES[i])).unwrap();
            (stats[i].unwrap(), snapshot::hash(&bytes))
        });
        let meta = Meta {
            version: env!("CARGO_PKG_VERSION").to_string(),
            dir: dir_key(dir),
            taken_ns,
            files,
        };
        (meta, stats)
    }

    fn dataset_dir() -> tempfile::TempDir {
        let d = tempfile::tempdir().unwrap();
        for f in FILES {
            std::fs::write(d.path().join(f), format!("{f}\n")).unwrap();
        }
        d
    }

    #[test]
    fn a_racily_clean_file_is_judged_by_its_bytes() {
        let d = dataset_dir();
        // Taken the moment the files were written: every file is racily clean.
        let (meta, stats) = meta_of(d.path(), now_ns());
        assert_eq!(
            freshness(&meta, d.path(), &stats),
            Freshness::CurrentByContent
        );
        // Same stat data (as an edit in the same clock tick would leave), other bytes.
        let mut edited = meta.clone();
        edited.files[1].1 ^= 1;
        assert_eq!(
            freshness(&edited, d.path(), &stats),
            Freshness::Stale("parties.csv changed".into())
        );
    }

    #[test]
    fn a_file_older_than_its_snapshot_is_judged_by_its_stat_data() {
        let d = dataset_dir();
        let (mut meta, stats) = meta_of(d.path(), now_ns() + 10 * RACY_NS);
        // Contents are not read: a wrong content hash goes unseen while the stat data holds.
        meta.files[0].1 ^= 1;
        assert_eq!(freshness(&meta, d.path(), &stats), Freshness::Current);
        // Any one stat field differing makes it stale.
        for change in 0..5 {
            let mut m = meta.clone();
            let s = &mut m.files[2].0;
            match change {
                0 => s.size += 1,
                1 => s.mtime_ns += 1,
                2 => s.ctime_ns += 1,
                3 => s.ino += 1,
                _ => s.dev += 1,
            }
            assert_eq!(
                freshness(&m, d.path(), &stats),
                Freshness::Stale("participation.csv changed".into()),
                "field {change}"
            );
        }
    }

    #[test]
    fn a_snapshot_of_another_version_is_stale() {
        let d = dataset_dir();
        let (mut meta, stats) = meta_of(d.path(), now_ns() + 10 * RACY_NS);
        meta.version = "0.0.1".into();
        assert!(matches!(
            freshness(&meta, d.path(), &stats),
            Freshness::Stale(_)
        ));
    }

    #[test]
    fn meta_blocks_read_back_as_written() {
        let d = dataset_dir();
        let (meta, _) = meta_of(d.path(), 12345);
        let bytes = meta.encode();
        assert_eq!(Meta::decode(&bytes), Some(meta));
        assert_eq!(Meta::decode(&bytes[..bytes.len() - 1]), None);
    }

    #[test]
    fn only_the_caches_own_files_are_ours() {
        assert!(ours("0123456789abcdef0123456789abcdef.snapshot"));
        assert!(ours(".convene-snapshot-x1y2"));
        for other in [
            "notes.txt",
            "0123.snapshot",
            "0123456789ABCDEF0123456789ABCDEF.snapshot",
        ] {
            assert!(!ours(other), "{other}");
        }
    }
}
