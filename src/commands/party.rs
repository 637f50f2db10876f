//! `convene party P`: one party's history.

use crate::cli::{Cli, PartyArgs};
use crate::error::Result;
use crate::{format, query, resolve};

pub fn run(cli: &Cli, a: &PartyArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let p = resolve::party(data, &a.party)?;
    super::emit(format::party(
        &query::party(data, p, a.as_of),
        a.format.format,
    ))
}
