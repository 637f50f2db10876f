//! Output: the only module that writes.
//!
//! Results go to stdout; a closed pipe (`convene events | head -1`) is not an error. Regular
//! files are written atomically: bytes go to a temporary file in the target directory, which is
//! then renamed over the target, so a failure leaves any existing file untouched and no partial
//! file. A target that exists and is not a regular file (a device such as `/dev/null`, a FIFO,
//! a socket, `/dev/stdout`, a process substitution) is written to directly: renaming over it
//! would replace the device or pipe with a file.
//!
//! Whatever reaches a terminal is escaped here, once for every command: messages on stderr
//! always ([`message`]), results on stdout, or on a device such as `/dev/tty`, when that is a
//! terminal ([`for_terminal`]). Data, arguments and paths can then never drive the terminal,
//! whichever view or message carried them. Piped or written to a file, results keep their
//! bytes exactly (a CSV or JSON reader needs them as they are). Nothing else in the crate
//! prints: `clippy.toml` disallows `print!`, `eprintln!` and their kin, and `io::stdout` and
//! `io::stderr` outside this module.

use crate::error::{Error, Result};
use crate::present::escape;
use std::borrow::Cow;
use std::io::{self, IsTerminal, Write};
use std::path::{Path, PathBuf};

/// A test every write makes first: whether what is about to be written came from a snapshot
/// found faulty while answering (set by `commands`). Such an answer is never written: writes
/// fail with [`Error::SnapshotFault`] and messages are dropped, and the command runs again
/// from the CSV files.
static WITHHELD: std::sync::OnceLock<fn() -> bool> = std::sync::OnceLock::new();

/// Set the test every write makes first (whether the answer came from a snapshot found
/// faulty), once per process.
pub fn withhold_when(test: fn() -> bool) {
    let _ = WITHHELD.set(test);
}

fn withheld() -> bool {
    WITHHELD.get().is_some_and(|test| test())
}

/// The bytes to write: as given, or, when they go to a terminal, as text with every character
/// that would drive the terminal or hide itself escaped ([`escape::terminal`]; bytes that are
/// not UTF-8 become U+FFFD).
pub fn for_terminal(bytes: &[u8], terminal: bool) -> Cow<'_, [u8]> {
    if !terminal {
        return Cow::Borrowed(bytes);
    }
    let text = String::from_utf8_lossy(bytes);
    let shown = escape::terminal(&text);
    if shown.as_bytes() == bytes {
        Cow::Borrowed(bytes)
    } else {
        Cow::Owned(shown.into_bytes())
    }
}

/// Whether stdout is a terminal (for commands that will not write SVG there).
#[allow(clippy::disallowed_methods)] // the one place that asks
pub fn stdout_is_terminal() -> bool {
    io::stdout().is_terminal()
}

/// Print a message (an error, a note, a warning) on stderr, with a line end, escaped for the
/// terminal whether or not stderr is one: a log file is read on a terminal later. A failure to
/// write a message is ignored; there is nowhere left to report it.
#[allow(clippy::disallowed_methods)] // the one writer of stderr
pub fn message(text: &str) {
    if withheld() {
        return;
    }
    let mut line = escape::terminal(text);
    line.push('\n');
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// Write bytes to stdout (escaped when it is a terminal, see [`for_terminal`]). A broken pipe
/// becomes `Err(Error::Io)` with kind `BrokenPipe`, which `main` treats as success.
#[allow(clippy::disallowed_methods)] // the one writer of stdout
pub fn stdout(bytes: &[u8]) -> Result<()> {
    if withheld() {
        return Err(Error::SnapshotFault);
    }
    let mut out = io::stdout().lock();
    let bytes = for_terminal(bytes, out.is_terminal());
    out.write_all(&bytes)
        .and_then(|_| out.flush())
        .map_err(|source| Error::Io {
            path: PathBuf::from("<stdout>"),
            source,
        })
}

/// Write bytes to `path` atomically, creating missing parent directories. `-` means stdout.
pub fn file(path: &Path, bytes: &[u8]) -> Result<()> {
    if path.as_os_str() == "-" {
        return stdout(bytes);
    }
    files(&[(path.to_path_buf(), bytes)])
}

/// Write several files as one change: every file is first staged as a temporary file beside
/// its target; only when all are staged are they renamed into place. A failure while staging
/// (an unwritable directory, a directory where a file should go) leaves every target as it was
/// and removes the staged files. A failure while renaming (rare: a full or read-only file
/// system, a target replaced by a directory meanwhile) puts back the targets already replaced,
/// from hard links (or copies) of the old files made before the first rename, so the set
/// changes all together or not at all. An interrupt (SIGINT, SIGTERM, SIGHUP) removes the
/// staged files before the process ends; it waits for a switch in progress to finish.
/// The bytes are borrowed, never copied: an export can be as large as the dataset.
pub fn files<B: AsRef<[u8]>>(targets: &[(PathBuf, B)]) -> Result<()> {
    files_with(targets, &mut |from, to| std::fs::rename(from, to))
}

/// [`files`] with the rename step given, so that tests can make one fail.
fn files_with<B: AsRef<[u8]>>(
    targets: &[(PathBuf, B)],
    rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
) -> Result<()> {
    if withheld() {
        return Err(Error::SnapshotFault);
    }
    interrupt::install();
    let mut staged: Vec<(staging::Staged, &Path)> = Vec::with_capacity(targets.len());
    let mut special = Vec::new();
    for (path, bytes) in targets {
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(io_error(
                    path,
                    io::Error::new(io::ErrorKind::IsADirectory, "is a directory, not a file"),
                ));
            }
            Ok(m) if !m.is_file() => special.push((path, bytes.as_ref())),
            _ => staged.push((staging::stage(path, bytes.as_ref())?, path)),
        }
    }
    // Devices and pipes take the bytes as they come; the staged files wait until they have.
    for (path, bytes) in special {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| {
                let bytes = for_terminal(bytes, f.is_terminal());
                f.write_all(&bytes).and_then(|_| f.flush())
            })
            .map_err(|source| io_error(path, source))?;
    }
    staging::switch(staged, rename)
}

fn io_error(path: &Path, source: io::Error) -> Error {
    Error::Io {
        path: path.to_path_buf(),
        source,
    }
}

/// The directory a file is written in, created if missing. A path through a file
/// (`-o notes.txt/x`) is named as such, not as the system's "File exists".
fn parent_dir(path: &Path) -> Result<PathBuf> {
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    if let Err(e) = std::fs::create_dir_all(&dir) {
        let through_file = dir
            .ancestors()
            .find(|a| !a.as_os_str().is_empty() && std::fs::metadata(a).is_ok_and(|m| !m.is_dir()));
        return Err(match through_file {
            Some(f) => io_error(
                path,
                io::Error::new(
                    io::ErrorKind::NotADirectory,
                    format!("{} is a file, not a directory", f.display()),
                ),
            ),
            None => io_error(&dir, e),
        });
    }
    Ok(dir)
}

/// Staged files and their switch into place.
mod staging {
    use super::{Path, PathBuf, Result, interrupt, io, io_error};
    use std::io::Write;

    /// A staged file: the temporary file holding the new bytes, removed when dropped unless
    /// it was renamed into place.
    pub struct Staged {
        tmp: PathBuf,
        done: bool,
    }

    impl Drop for Staged {
        fn drop(&mut self) {
            if !self.done {
                let _ = std::fs::remove_file(&self.tmp);
            }
            interrupt::forget(&self.tmp);
        }
    }

    /// Write `bytes` to a temporary file in `path`'s directory (created if missing).
    pub fn stage(path: &Path, bytes: &[u8]) -> Result<Staged> {
        let dir = super::parent_dir(path)?;
        let mut builder = tempfile::Builder::new();
        builder.prefix(".convene-").suffix(".tmp");
        // tempfile creates 0600 files; output files are ordinary documents (0644 less the umask).
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o644));
        }
        // Created and recorded while interrupts wait, so that none can leave it behind.
        let (mut file, tmp) = interrupt::while_held(|| {
            let (file, tmp) = builder.tempfile_in(&dir)?.into_parts();
            let tmp = tmp.keep().map_err(|e| e.error)?;
            interrupt::remember(&tmp);
            Ok::<_, io::Error>((file, tmp))
        })
        .map_err(|e| io_error(path, e))?;
        let staged = Staged { tmp, done: false };
        // On failure `staged` is dropped, which removes the temporary file.
        file.write_all(bytes)
            .and_then(|_| file.sync_all())
            .map_err(|e| io_error(path, e))?;
        Ok(staged)
    }

    /// A target's old file, kept under a second name until the switch is over.
    struct Backup {
        target: PathBuf,
        old: Option<PathBuf>,
    }

    /// Rename every staged file over its target, all or none: the old files are first linked
    /// (or copied) to a second name; if a rename fails, the targets already replaced get their
    /// old files back (or are removed, if there was none).
    pub fn switch(
        staged: Vec<(Staged, &Path)>,
        rename: &mut dyn FnMut(&Path, &Path) -> io::Result<()>,
    ) -> Result<()> {
        interrupt::while_held(|| {
            let mut backups = Vec::with_capacity(staged.len());
            let mut result = Ok(());
            for (s, target) in &staged {
                match backup(&s.tmp, target) {
                    Ok(b) => backups.push(b),
                    Err(e) => {
                        result = Err(io_error(target, e));
                        break;
                    }
                }
            }
            let mut staged = staged;
            if result.is_ok() {
                for (i, (s, target)) in staged.iter_mut().enumerate() {
                    if let Err(e) = rename(&s.tmp, target) {
                        restore(&backups[..i]);
                        result = Err(io_error(target, e));
                        break;
                    }
                    s.done = true;
                }
            }
            for b in &backups {
                if let Some(old) = &b.old {
                    let _ = std::fs::remove_file(old);
                    interrupt::forget(old);
                }
            }
            result
        })
    }

    /// Keep the old `target` (if any) under a name made from its staged file's.
    fn backup(tmp: &Path, target: &Path) -> io::Result<Backup> {
        let target = target.to_path_buf();
        if !std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_file()) {
            return Ok(Backup { target, old: None });
        }
        let old = tmp.with_extension("old");
        interrupt::remember(&old);
        if std::fs::hard_link(&target, &old).is_err() {
            std::fs::copy(&target, &old)?;
        }
        Ok(Backup {
            target,
            old: Some(old),
        })
    }

    /// Put back the targets of `done`, the backups of the files already renamed.
    fn restore(done: &[Backup]) {
        for b in done {
            let _ = match &b.old {
                Some(old) => std::fs::rename(old, &b.target),
                None => std::fs::remove_file(&b.target),
            };
        }
    }
}

/// What an interrupt does while files are being written: remove the staged files, then end
/// the process the way the signal would have.
mod interrupt {
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, MutexGuard, Once};

    /// The temporary files this process has made and not yet removed or renamed into place.
    static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

    fn lock() -> MutexGuard<'static, Vec<PathBuf>> {
        STAGED
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    static HELD: Mutex<()> = Mutex::new(());

    /// Run `f` with interrupts held back until it returns.
    pub fn while_held<T>(f: impl FnOnce() -> T) -> T {
        let _g = HELD
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        f()
    }

    pub fn remember(p: &Path) {
        lock().push(p.to_path_buf());
    }

    pub fn forget(p: &Path) {
        lock().retain(|x| x != p);
    }

    /// Start the thread that handles SIGINT, SIGTERM and SIGHUP (once per process).
    pub fn install() {
        static ONCE: Once = Once::new();
        ONCE.call_once(|| {
            #[cfg(unix)]
            {
                use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
                let Ok(mut signals) =
                    signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])
                else {
                    return;
                };
                std::thread::spawn(move || {
                    if let Some(sig) = signals.forever().next() {
                        let _held = HELD
                            .lock()
                            .unwrap_or_else(std::sync::PoisonError::into_inner);
                        for p in lock().drain(..) {
                            let _ = std::fs::remove_file(p);
                        }
                        let _ = signal_hook::low_level::emulate_default_handler(sig);
                        std::process::exit(128 + sig);
                    }
                });
            }
        });
    }
}

/// Whether an error is a closed stdout pipe.
pub fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listing(dir: &Path) -> Vec<String> {
        let mut v: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        v.sort();
        v
    }

    fn targets(dir: &Path, text: &str) -> Vec<(PathBuf, Vec<u8>)> {
        ["a.svg", "b.svg", "c.svg"]
            .iter()
            .map(|n| (dir.join(n), format!("{text} {n}").into_bytes()))
            .collect()
    }

    #[test]
    fn a_failed_second_rename_puts_back_the_first_and_leaves_no_staged_file() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        // a.svg and b.svg exist; c.svg is new.
        std::fs::write(dir.join("a.svg"), "old a.svg").unwrap();
        std::fs::write(dir.join("b.svg"), "old b.svg").unwrap();
        let mut calls = 0;
        let err = files_with(&targets(dir, "new"), &mut |from, to| {
            calls += 1;
            if calls == 2 {
                return Err(io::Error::other("injected failure"));
            }
            std::fs::rename(from, to)
        })
        .unwrap_err();
        assert_eq!(calls, 2);
        assert!(err.to_string().contains("b.svg: injected failure"), "{err}");
        assert_eq!(
            std::fs::read_to_string(dir.join("a.svg")).unwrap(),
            "old a.svg"
        );
        assert_eq!(
            std::fs::read_to_string(dir.join("b.svg")).unwrap(),
            "old b.svg"
        );
        assert_eq!(listing(dir), ["a.svg", "b.svg"]);
    }

    #[test]
    fn a_failed_rename_of_a_new_file_removes_the_new_files_already_placed() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        let mut calls = 0;
        files_with(&targets(dir, "new"), &mut |from, to| {
            calls += 1;
            if calls == 3 {
                return Err(io::Error::other("injected failure"));
            }
            std::fs::rename(from, to)
        })
        .unwrap_err();
        assert_eq!(listing(dir), Vec::<String>::new());
    }

    #[test]
    fn a_whole_switch_replaces_every_file_and_leaves_no_backup() {
        let tmp = tempfile::tempdir().unwrap();
        let dir = tmp.path();
        std::fs::write(dir.join("a.svg"), "old a.svg").unwrap();
        files(&targets(dir, "new")).unwrap();
        assert_eq!(listing(dir), ["a.svg", "b.svg", "c.svg"]);
        assert_eq!(
            std::fs::read_to_string(dir.join("a.svg")).unwrap(),
            "new a.svg"
        );
    }

    #[test]
    fn a_path_through_a_file_is_named_as_such() {
        let tmp = tempfile::tempdir().unwrap();
        let f = tmp.path().join("notes.txt");
        std::fs::write(&f, "keep").unwrap();
        let err = file(&f.join("x.svg"), b"new").unwrap_err().to_string();
        assert_eq!(
            err,
            format!(
                "{}: {} is a file, not a directory",
                f.join("x.svg").display(),
                f.display()
            )
        );
        assert_eq!(std::fs::read_to_string(&f).unwrap(), "keep");
    }

    #[test]
    fn results_for_a_terminal_are_escaped_and_piped_results_keep_their_bytes() {
        let csv = "id,name\nAAA,\"\u{1b}]0;pwn\u{7}\u{202e}Evil\r\"\r\n".as_bytes();
        assert_eq!(
            for_terminal(csv, false),
            csv,
            "piped: the bytes as they are"
        );
        assert_eq!(
            for_terminal(csv, true),
            "id,name\nAAA,\"\\u{1b}]0;pwn\\u{7}\\u{202e}Evil\\r\"\r\n".as_bytes()
        );
        let plain = "id,name\nGBR,United Kingdom\n".as_bytes();
        assert!(matches!(for_terminal(plain, true), Cow::Borrowed(_)));
        assert_eq!(
            for_terminal(b"\xff\x1b", true),
            "\u{fffd}\\u{1b}".as_bytes()
        );
    }
}
