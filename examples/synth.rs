//! Writes a deterministic synthetic dataset (all five CSVs) for benchmarks and scale tests.
//!
//!     cargo run --release --example synth -- --events 100000 --parties 250 --per-event 10 --seed 1 --out /tmp/convene-m
//!
//! Scales used in BENCHMARKS.md: S = 1k events / ~10k rows, M = 100k / ~1M, L = 1M / ~10M.

// `clippy.toml` keeps all printing in `convene::output`; this is a generator, not `convene`:
// it prints its own progress.
#![allow(clippy::disallowed_macros)]

use clap::Parser;
use convene::synth::{Spec, generate};
use std::path::PathBuf;

/// Write a synthetic convene dataset: the same arguments give the same bytes.
#[derive(Parser)]
#[command(name = "synth")]
struct Args {
    /// Number of events
    #[arg(long, default_value_t = 1000, value_parser = clap::value_parser!(u64).range(1..))]
    events: u64,
    /// Number of parties (ids are three letters, so at most 26³)
    #[arg(long, default_value_t = 250, value_parser = clap::value_parser!(u64).range(1..=17_576))]
    parties: u64,
    /// Average participation rows per event (each event has 1 to 2 × this many)
    #[arg(long, default_value_t = 10)]
    per_event: usize,
    /// Seed of the generator
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Directory to write the five CSV files into (created if missing)
    #[arg(long, default_value = "synth")]
    out: PathBuf,
}

fn main() {
    let a = Args::parse();
    let spec = Spec {
        events: a.events as usize,
        parties: a.parties as usize,
        per_event: a.per_event,
        seed: a.seed,
        out: a.out,
    };
    if let Err(e) = generate(&spec) {
        eprintln!("synth: {e}");
        std::process::exit(1);
    }
}
