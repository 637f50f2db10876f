//! `convene show EVENT`: one event in full.

use crate::cli::{Cli, ShowArgs};
use crate::error::Result;
use crate::{format, query, resolve};

pub fn run(cli: &Cli, a: &ShowArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let ev = resolve::event(data, &a.event)?;
    super::emit(format::show(&query::show(data, ev), a.format.format))
}
