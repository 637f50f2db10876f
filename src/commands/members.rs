//! `convene members EVENT`: the parties of one event, with roles and completeness.

use crate::cli::{Cli, MembersArgs};
use crate::error::Result;
use crate::{format, query, resolve};

pub fn run(cli: &Cli, a: &MembersArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let ev = resolve::event(data, &a.event)?;
    super::emit(format::members(
        &query::members(data, ev, &a.role, a.as_of),
        a.format.format,
    ))
}
