//! Memory: running out of it ends the process with a message and exit code 1, never an abort.
//!
//! Rust's default answer to a failed allocation is to abort (exit 134, a core dump, and a
//! backtrace that itself needs memory). The `convene` binary installs [`ExitOnOom`] as its
//! allocator instead: the system's allocator, except that an allocation that fails writes one
//! line to stderr and exits with 1, allocating nothing on the way. Large buffers whose size is
//! known first (a dataset file, the rows it holds) are asked for through [`fallibly`], which
//! gets the failure back as an error, so that the loader can say which file did not fit.
//!
//! Under Linux's default overcommit the kernel rarely refuses memory; it does under an
//! address-space limit (`ulimit -v`, `prlimit --as`), in a container, or on a 32-bit system.

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

thread_local! {
    /// Whether this thread is inside [`fallibly`].
    static FALLIBLE: Cell<bool> = const { Cell::new(false) };
}

/// Run `f`, in which an allocation that fails returns its error (as `Vec::try_reserve` does)
/// instead of ending the process. Nothing else happens differently.
pub fn fallibly<R>(f: impl FnOnce() -> R) -> R {
    let was = FALLIBLE.try_with(|c| c.replace(true)).unwrap_or(false);
    let r = f();
    let _ = FALLIBLE.try_with(|c| c.set(was));
    r
}

/// `v.try_reserve_exact(additional)`, [`fallibly`].
pub fn try_reserve<T>(
    v: &mut Vec<T>,
    additional: usize,
) -> Result<(), std::collections::TryReserveError> {
    fallibly(|| v.try_reserve_exact(additional))
}

/// The allocator of the `convene` binary: the system's, except that a failed allocation
/// outside [`fallibly`] ends the process with a message and exit code 1.
pub struct ExitOnOom;

// SAFETY: every method hands its arguments to `System` unchanged and returns what it returns;
// a null pointer is returned only inside `fallibly`, where the caller expects it.
unsafe impl GlobalAlloc for ExitOnOom {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's guarantees for `layout` are `System`'s.
        let p = unsafe { System.alloc(layout) };
        if p.is_null() {
            failed(layout.size());
        }
        p
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: as for `alloc`.
        let p = unsafe { System.alloc_zeroed(layout) };
        if p.is_null() {
            failed(layout.size());
        }
        p
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: `ptr` was allocated by `System` (through this allocator) with `layout`.
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if p.is_null() {
            failed(new_size);
        }
        p
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: as for `realloc`.
        unsafe { System.dealloc(ptr, layout) }
    }
}

/// An allocation of `size` bytes failed: unless inside [`fallibly`], say so and exit with 1.
/// Nothing here allocates: the message is put together on the stack.
fn failed(size: usize) {
    if FALLIBLE.try_with(Cell::get).unwrap_or(false) {
        return;
    }
    let mut buf = [0u8; 256];
    let mut n = 0;
    for part in [
        &b"error: out of memory: "[..],
        digits(size, &mut [0u8; 20]),
        b" more bytes could not be had (is a memory limit such as `ulimit -v` set?); the dataset is too large for this command\n",
    ] {
        let take = part.len().min(buf.len() - n);
        buf[n..n + take].copy_from_slice(&part[..take]);
        n += take;
    }
    exit_with(&buf[..n]);
}

/// `n` in decimal, written into the end of `buf`.
fn digits(mut n: usize, buf: &mut [u8; 20]) -> &[u8] {
    let mut at = buf.len();
    loop {
        at -= 1;
        buf[at] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            return &buf[at..];
        }
    }
}

/// Write `message` to stderr and end the process with 1 at once: no destructor runs and no
/// buffer is flushed, since either could need memory.
#[cfg(unix)]
fn exit_with(message: &[u8]) -> ! {
    // SAFETY: `write` reads `message.len()` bytes from a live slice; `_exit` never returns.
    unsafe {
        libc::write(2, message.as_ptr().cast(), message.len());
        libc::_exit(1)
    }
}

#[cfg(not(unix))]
fn exit_with(message: &[u8]) -> ! {
    use std::io::Write;
    let _ = std::io::stderr().write_all(message);
    std::process::exit(1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_without_allocating() {
        assert_eq!(digits(0, &mut [0; 20]), b"0");
        assert_eq!(digits(431_204_503, &mut [0; 20]), b"431204503");
        assert_eq!(
            digits(usize::MAX, &mut [0; 20]),
            usize::MAX.to_string().as_bytes()
        );
    }

    #[test]
    fn an_impossible_reservation_is_an_error_inside_fallibly() {
        let mut v: Vec<u64> = Vec::new();
        assert!(try_reserve(&mut v, usize::MAX / 16).is_err());
        assert!(FALLIBLE.with(|c| !c.get()));
    }
}
