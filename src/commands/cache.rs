//! `convene cache status|clear`: the snapshots of `--data` directories in the cache directory.

use crate::cache::{self, Settings};
use crate::cli::{CacheAction, Cli};
use crate::error::{Error, Result};
use crate::output;
use crate::present::escape::inline;

fn size(bytes: u64) -> String {
    crate::text::size(usize::try_from(bytes).unwrap_or(usize::MAX))
}

pub fn run(cli: &Cli, action: CacheAction) -> Result<()> {
    let settings = Settings::from_env(false);
    let Some(dir) = settings.dir else {
        return Err(Error::Usage(
            "no cache directory: set CONVENE_CACHE_DIR (this platform has no cache directory)"
                .into(),
        ));
    };
    let io = |source| Error::Io {
        path: dir.clone(),
        source,
    };
    let shown = inline(&dir.display().to_string());
    match action {
        CacheAction::Status => {
            let entries = cache::status(&dir).map_err(io)?;
            let total: u64 = entries.iter().map(|e| e.bytes).sum();
            let mut out = format!(
                "cache directory: {shown}{}\n{} snapshot{}, {}\n",
                if cli.no_cache {
                    " (not used: --no-cache or CONVENE_NO_CACHE)"
                } else {
                    ""
                },
                entries.len(),
                if entries.len() == 1 { "" } else { "s" },
                size(total)
            );
            for e in &entries {
                out.push_str(&format!(
                    "{:>9}  {}  {}\n",
                    size(e.bytes),
                    e.dir.as_deref().map_or_else(|| inline(&e.file), inline),
                    inline(&e.state)
                ));
            }
            output::stdout(out.as_bytes())
        }
        CacheAction::Clear => {
            let (n, bytes) = cache::clear(&dir).map_err(io)?;
            output::stdout(
                format!(
                    "removed {n} snapshot{} ({}) from {shown}\n",
                    if n == 1 { "" } else { "s" },
                    size(bytes)
                )
                .as_bytes(),
            )
        }
    }
}
