//! `convene members EVENT`: the parties of one event, with roles and completeness.

use crate::cli::{Cli, MembersArgs};
use crate::error::Result;
use crate::present;
use crate::query::{self, resolve};

pub fn run(cli: &Cli, a: &MembersArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let ev = resolve::event(data, &a.event)?;
    let mut view = query::members(data, ev, &a.role, a.as_of);
    if let Some(k) = a.party_kind {
        view.retain_kind(k);
    }
    super::emit(present::members(&view, a.format.get(), super::width())?)
}
