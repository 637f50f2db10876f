//! Writes a deterministic synthetic dataset (all five CSVs) for benchmarks and scale tests.
//!
//!     cargo run --release --example synth -- --events 100000 --parties 250 --per-event 10 --seed 1 --out /tmp/convene-m
//!
//! Scales used in BENCHMARKS.md: S = 1k events / ~10k rows, M = 100k / ~1M, L = 1M / ~10M.

use convene::synth::{Spec, generate};
use std::path::PathBuf;

fn args() -> Result<Spec, String> {
    let mut a = Spec {
        events: 1000,
        parties: 250,
        per_event: 10,
        seed: 1,
        out: PathBuf::from("synth"),
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut val = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--events" => a.events = val()?.parse().map_err(|e| format!("--events: {e}"))?,
            "--parties" => a.parties = val()?.parse().map_err(|e| format!("--parties: {e}"))?,
            "--per-event" => {
                a.per_event = val()?.parse().map_err(|e| format!("--per-event: {e}"))?
            }
            "--seed" => a.seed = val()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--out" => a.out = PathBuf::from(val()?),
            "-h" | "--help" => {
                return Err(
                    "usage: synth --events N --parties P --per-event K --seed S --out DIR".into(),
                );
            }
            other => return Err(format!("unknown option {other}")),
        }
    }
    if a.events == 0 || a.parties == 0 || a.parties > 17_576 {
        return Err("--events must be at least 1 and --parties between 1 and 17576".into());
    }
    Ok(a)
}

fn main() {
    let spec = match args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    if let Err(e) = generate(&spec) {
        eprintln!("synth: {e}");
        std::process::exit(1);
    }
}
