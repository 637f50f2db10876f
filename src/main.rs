//! The `convene` binary: everything lives in the library; this only sets the allocator and the
//! exit code.

/// A failed allocation ends the process with a message and exit code 1, not an abort.
#[global_allocator]
static ALLOCATOR: convene::memory::ExitOnOom = convene::memory::ExitOnOom;

fn main() {
    std::process::exit(convene::commands::main());
}
