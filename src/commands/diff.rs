//! `convene diff A B`: how participation changed between two events.

use crate::cli::{Cli, DiffArgs};
use crate::error::Result;
use crate::present;
use crate::query::{diff, resolve};

pub fn run(cli: &Cli, a: &DiffArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let ea = resolve::event(data, &a.a)?;
    let eb = resolve::event(data, &a.b)?;
    let mut view = diff::diff(data, ea, eb);
    if let Some(k) = a.party_kind {
        view.retain_kind(k);
    }
    view.retain_sections(&a.only);
    super::emit(present::diff(&view, a.format.get(), super::width())?)
}
