//! Output: the only module that writes.
//!
//! Results go to stdout; a closed pipe (`convene events | head -1`) is not an error. Files
//! are written atomically: bytes go to a temporary file in the target directory, which is then
//! renamed over the target, so a failure leaves any existing file untouched and no partial file.

use crate::error::{Error, Result};
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Raised when stdout is closed early; `main` exits quietly with 0.
#[derive(Debug)]
pub struct BrokenPipe;

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
    tmp.persist(path).map_err(|e| io_err(e.error))?;
    Ok(())
}

/// Whether an error is a closed stdout pipe.
pub fn is_broken_pipe(e: &Error) -> bool {
    matches!(e, Error::Io { source, .. } if source.kind() == io::ErrorKind::BrokenPipe)
}
