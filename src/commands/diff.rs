//! `convene diff A B`: how participation changed between two events.

use crate::cli::{Cli, DiffArgs};
use crate::error::Result;
use crate::{diff, format, resolve};

pub fn run(cli: &Cli, a: &DiffArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let ea = resolve::event(data, &a.a)?;
    let eb = resolve::event(data, &a.b)?;
    super::emit(format::diff(&diff::diff(data, ea, eb), a.format.format))
}
