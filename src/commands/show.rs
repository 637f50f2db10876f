//! `convene show EVENT`: one event in full.

use crate::cli::{Cli, ShowArgs};
use crate::error::Result;
use crate::present;
use crate::query::{self, resolve};

pub fn run(cli: &Cli, a: &ShowArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let ev = resolve::event(data, &a.event)?;
    let view = query::show(data, ev);
    super::emit(present::show(&view, a.format.get(), super::width())?)
}
