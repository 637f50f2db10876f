//! Output: the only module that writes.
//!
//! Results go to stdout; a closed pipe (`convene events | head -1`) is not an error. Regular
//! files are written atomically: bytes go to a temporary file in the target directory, which is
//! then renamed over the target, so a failure leaves any existing file untouched and no partial
//! file. A target that exists and is not a regular file (a device such as `/dev/null`, a FIFO,
//! a socket, `/dev/stdout`, a process substitution) is written to directly: renaming over it
//! would replace the device or pipe with a file.

use crate::error::{Error, Result};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Write bytes to stdout. A broken pipe becomes `Err(Error::Io)` with kind `BrokenPipe`,
/// which `main` treats as success.
pub fn stdout(bytes: &[u8]) -> Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(bytes)
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
/// and removes the staged files.
/// The bytes are borrowed, never copied: an export can be as large as the dataset.
pub fn files<B: AsRef<[u8]>>(targets: &[(PathBuf, B)]) -> Result<()> {
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
            Ok(m) if !m.is_file() => special.push((path, bytes.as_ref())),
            _ => staged.push((stage(path, bytes.as_ref())?, path)),
        }
    }
    // Devices and pipes take the bytes as they come; the staged files wait until they have.
    for (path, bytes) in special {
        std::fs::OpenOptions::new()
            .write(true)
            .open(path)
            .and_then(|mut f| f.write_all(bytes).and_then(|_| f.flush()))
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
