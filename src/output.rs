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
    let mut line = escape::terminal(text);
    line.push('\n');
    let _ = io::stderr().lock().write_all(line.as_bytes());
}

/// Write bytes to stdout (escaped when it is a terminal, see [`for_terminal`]). A broken pipe
/// becomes `Err(Error::Io)` with kind `BrokenPipe`, which `main` treats as success.
#[allow(clippy::disallowed_methods)] // the one writer of stdout
pub fn stdout(bytes: &[u8]) -> Result<()> {
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
    files(&[(path.to_path_buf(), bytes.to_vec())])
}

/// Write several files as one change: every file is first staged as a temporary file beside
/// its target; only when all are staged are they renamed into place. A failure while staging
/// (an unwritable directory, a directory where a file should go) leaves every target as it was
/// and removes the staged files.
pub fn files(targets: &[(PathBuf, Vec<u8>)]) -> Result<()> {
    let mut staged = Vec::with_capacity(targets.len());
    let mut special = Vec::new();
    for (path, bytes) in targets {
        let io_err = |source| Error::Io {
            path: path.clone(),
            source,
        };
        match std::fs::metadata(path) {
            Ok(m) if m.is_dir() => {
                return Err(io_err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "is a directory, not a file",
                )));
            }
            Ok(m) if !m.is_file() => special.push((path, bytes)),
            _ => staged.push((stage(path, bytes)?, path)),
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
            .map_err(|source| Error::Io {
                path: path.clone(),
                source,
            })?;
    }
    for (tmp, path) in staged {
        tmp.persist(path).map_err(|e| Error::Io {
            path: path.clone(),
            source: e.error,
        })?;
    }
    Ok(())
}

/// Write `bytes` to a temporary file in `path`'s directory (created if missing).
fn stage(path: &Path, bytes: &[u8]) -> Result<tempfile::NamedTempFile> {
    let io_err = |source| Error::Io {
        path: path.to_path_buf(),
        source,
    };
    let dir = match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    };
    std::fs::create_dir_all(&dir).map_err(io_err)?;
    let mut builder = tempfile::Builder::new();
    builder.prefix(".convene-").suffix(".tmp");
    // tempfile creates 0600 files; output files are ordinary documents (0644 less the umask).
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o644));
    }
    let mut tmp = builder.tempfile_in(&dir).map_err(io_err)?;
    tmp.write_all(bytes)
        .and_then(|_| tmp.as_file().sync_all())
        .map_err(io_err)?;
    Ok(tmp)
}

/// Whether an error is a closed stdout pipe.
pub fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}

#[cfg(test)]
mod tests {
    use super::*;

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
