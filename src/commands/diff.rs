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
    let mut r = present::diff(&view, a.format.get(), super::width())?;
    let (sa, sb) = (data.event(ea).start, data.event(eb).start);
    if sb.last_day() < sa.first_day() {
        r.stderr.push(format!(
            "note: A ({}) is later than B ({}): \"joined\" and \"left\" read from A to B",
            data.event(ea).id,
            data.event(eb).id
        ));
    }
    super::emit(r)
}
