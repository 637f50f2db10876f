//! `convene members EVENT`: the parties of one event, with roles and completeness; with
//! `--series S --current`, those of the series' latest complete list.

use crate::cli::{Cli, MembersArgs};
use crate::error::{Error, Result};
use crate::present;
use crate::query::{self, current, resolve};

pub fn run(cli: &Cli, a: &MembersArgs) -> Result<()> {
    let data = super::dataset(cli)?;
    let (ev, roster) = match (&a.event, &a.series) {
        (Some(e), _) => (resolve::event(data, e)?, None),
        (None, Some(_)) if !a.current => {
            return Err(Error::Usage(
                "--series needs --current: members lists one event's parties; for a series' events see `convene events --series S`".into(),
            ));
        }
        (None, Some(s)) => {
            if s.contains(',') {
                return Err(Error::Usage(format!(
                    "--series takes one series here, not a list: {}",
                    crate::text::quote(s)
                )));
            }
            let s = resolve::series(data, s)?;
            let (ev, note) = current::current_roster(data, &s)?;
            (ev, Some(note))
        }
        (None, None) => {
            return Err(Error::Usage(
                "give an event, or --series SERIES with --current".into(),
            ));
        }
    };
    let mut view = query::members(data, ev, &a.role, a.as_of);
    view.current = roster;
    if let Some(k) = a.party_kind {
        view.retain_kind(k);
    }
    let mut r = present::members(&view, a.format.get(), super::width())?;
    if view.parties.is_empty() && (!a.role.is_empty() || a.party_kind.is_some()) {
        r.stderr
            .push("note: no party of this event's list matches --role / --party-kind".into());
    }
    super::emit(r)
}
