//! `convene party P`: one party's history.

use crate::cli::{Cli, PartyArgs};
use crate::error::Result;
use crate::present;
use crate::query::{self, resolve};

pub fn run(cli: &Cli, a: &PartyArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let p = resolve::party(data, &a.party)?;
    if a.current {
        let view = query::current::party_current(data, p);
        return super::emit(present::party_current(
            &view,
            a.format.get(),
            super::width(),
        )?);
    }
    let view = query::party(data, p, a.as_of);
    super::emit(present::party(&view, a.format.get(), super::width())?)
}
