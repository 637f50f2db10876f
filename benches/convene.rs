//! In-process benchmarks (criterion): load + validate, members and diff on a loaded dataset,
//! and chart rendering, on deterministic synthetic data (`convene::synth`).
//!
//!     cargo bench --bench convene                       # S scale (1k events, ~10k rows)
//!     CONVENE_BENCH_SCALE=M cargo bench --bench convene # adds M (100k events, ~1M rows)
//!     CONVENE_BENCH_SCALE=ML cargo bench --bench convene -- party-warm
//!                                        # adds L too (1M events, ~10M rows; several GB of RAM)
//!     cargo bench --bench convene -- --test             # smoke mode: each benchmark runs once
//!
//! `benches/compare.sh` measures the same steps end to end against the floors and against a
//! pandas + matplotlib baseline; BENCHMARKS.md records both.

use convene::load::{FILES, InputFile, load_files};
use convene::model::Dataset;
use convene::query::{EventFilter, events, members};
use convene::synth::{Spec, generate};
use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;
use std::path::Path;

fn dataset_files(dir: &Path) -> Vec<InputFile> {
    FILES
        .iter()
        .map(|n| InputFile {
            display: n.to_string(),
            bytes: std::fs::read(dir.join(n)).expect("generated file"),
        })
        .collect()
}

fn make(tmp: &Path, name: &str, events: usize, parties: usize, per_event: usize) -> Vec<InputFile> {
    let out = tmp.join(name);
    generate(&Spec {
        events,
        parties,
        per_event,
        seed: 1,
        out: out.clone(),
    })
    .expect("generate");
    dataset_files(&out)
}

fn load(files: &[InputFile]) -> Dataset {
    let copy = files
        .iter()
        .map(|f| InputFile {
            display: f.display.clone(),
            bytes: f.bytes.clone(),
        })
        .collect();
    load_files(copy).expect("valid synthetic data")
}

fn benches(c: &mut Criterion) {
    let tmp = tempfile::tempdir().expect("tempdir");
    let mut scales = vec![("S", 1_000usize)];
    if std::env::var("CONVENE_BENCH_SCALE").is_ok_and(|s| s.contains('M')) {
        scales.push(("M", 100_000));
    }
    // L: the scale at which `party` on the most frequent party was quadratic (issue 16); the
    // party benchmark's throughput per history row should match S and M.
    if std::env::var("CONVENE_BENCH_SCALE").is_ok_and(|s| s.contains('L')) {
        scales.push(("L", 1_000_000));
    }
    for (scale, n) in scales {
        let files = make(tmp.path(), scale, n, 250, 10);
        let bytes: u64 = files.iter().map(|f| f.bytes.len() as u64).sum();
        let mut g = c.benchmark_group(format!("load+validate/{scale}"));
        g.throughput(Throughput::Bytes(bytes));
        g.sample_size(if scale == "S" { 50 } else { 10 });
        g.bench_function("bytes", |b| {
            b.iter_batched(
                || {
                    files
                        .iter()
                        .map(|f| InputFile {
                            display: f.display.clone(),
                            bytes: f.bytes.clone(),
                        })
                        .collect::<Vec<_>>()
                },
                |fs| black_box(load_files(fs).expect("valid")),
                BatchSize::LargeInput,
            )
        });
        g.finish();
        // rows per second follow from this time and the row count printed by `convene check`
        let d = load(&files);
        // warm queries on the loaded dataset: the busiest event against another
        let busiest = d
            .event_ids()
            .max_by_key(|&e| d.rows_of(e).len())
            .expect("the dataset has events");
        let other = d
            .event_ids()
            .nth(d.events().len() / 2)
            .expect("the dataset has events");
        c.bench_function(&format!("members-warm/{scale}"), |b| {
            b.iter(|| black_box(members(&d, black_box(busiest), &[], None)))
        });
        // party, in process: the most and the least frequent party, with the size of each
        // answer as the throughput, so that the report shows the cost per history row
        // (linear in the answer, issue 16) rather than per dataset.
        let by_rows = |p: &convene::model::PartyId| d.events_of(*p).len();
        let most = d.party_ids().max_by_key(by_rows).expect("parties");
        let least = d
            .party_ids()
            .filter(|p| by_rows(p) > 0)
            .min_by_key(by_rows)
            .expect("a party with a row");
        let mut g = c.benchmark_group(format!("party-warm/{scale}"));
        if scale != "S" {
            g.sample_size(10);
        }
        for (name, p) in [("most", most), ("least", least)] {
            g.throughput(Throughput::Elements(d.events_of(p).len() as u64));
            g.bench_function(name, |b| {
                b.iter(|| black_box(convene::query::party(&d, black_box(p), None)))
            });
        }
        g.finish();
        snapshot_benches(c, tmp.path(), scale, &d);
        c.bench_function(&format!("diff-warm/{scale}"), |b| {
            b.iter(|| {
                black_box(convene::query::diff::diff(
                    &d,
                    black_box(busiest),
                    black_box(other),
                ))
            })
        });
    }
    // rendering
    for (name, n) in [("1k", 1_000usize), ("10k", 10_000)] {
        let d = load(&make(tmp.path(), &format!("t{name}"), n, 250, 10));
        let all = events(&d, &EventFilter::default());
        let mut g = c.benchmark_group("timeline");
        g.sample_size(10);
        g.throughput(Throughput::Elements(all.len() as u64));
        g.bench_function(name, |b| {
            b.iter(|| {
                black_box(
                    convene::render::timeline::render(
                        &convene::query::timeline::lanes(
                            &d,
                            &all,
                            None,
                            &convene::query::chart::COUNTED_BY_DEFAULT,
                        ),
                        &Default::default(),
                    )
                    .expect("svg"),
                )
            })
        });
        g.finish();
    }
    let d = load(&make(tmp.path(), "m50", 200, 50, 10));
    let all = events(&d, &EventFilter::default());
    let mut g = c.benchmark_group("membership");
    g.sample_size(20);
    g.bench_function("50x200", |b| {
        b.iter(|| {
            black_box(
                convene::render::membership::render(
                    &convene::query::membership::matrix(&d, &all, 0),
                    &Default::default(),
                )
                .expect("svg"),
            )
        })
    });
    g.finish();
}

/// Issue 16's snapshot, measured at one scale (files made in `tmp/scale`).
fn snapshot_benches(c: &mut Criterion, tmp: &Path, scale: &str, d: &Dataset) {
    // Issue 16's choice of freshness test, measured: the five files' stat data (what the
    // cache compares) against reading and hashing their bytes (what it falls back to for a
    // racily-clean file); and what opening a snapshot costs, and how much of that is its
    // checksum guard.
    let dir = tmp.join(scale);
    let mut g = c.benchmark_group(format!("snapshot/{scale}"));
    if scale != "S" {
        g.sample_size(10);
    }
    g.bench_function("freshness-stat", |b| {
        b.iter(|| {
            for f in FILES {
                black_box(std::fs::metadata(dir.join(f)).expect("stat"));
            }
        })
    });
    g.bench_function("freshness-xxh3", |b| {
        b.iter(|| {
            for f in FILES {
                let bytes = std::fs::read(dir.join(f)).expect("read");
                black_box(convene::model::snapshot::hash(&bytes));
            }
        })
    });
    // What a cold command adds: the dataset encoded and written as a snapshot file (into
    // the page cache, as the cache writes it: no fsync).
    let out = tmp.join(format!("{scale}.snapshot"));
    g.bench_function("write", |b| {
        b.iter(|| {
            let file = std::fs::File::create(&out).expect("create");
            let mut w = std::io::BufWriter::with_capacity(64 << 10, &file);
            convene::model::snapshot::write(d, b"bench", &mut w).expect("writes");
            std::io::Write::flush(&mut w).expect("flush");
        })
    });
    let snap = convene::model::snapshot::encode(d, b"bench").expect("encodes");
    g.throughput(Throughput::Bytes(snap.len() as u64));
    g.bench_function("hash-only", |b| {
        b.iter(|| black_box(convene::model::snapshot::hash(black_box(&snap))))
    });
    g.bench_function("open", |b| {
        b.iter_batched(
            || snap.clone(),
            |bytes| {
                let body = convene::model::snapshot::header(&bytes)
                    .expect("a snapshot")
                    .body();
                black_box(convene::model::snapshot::open(Box::new(bytes), body).expect("opens"))
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(all, benches);
criterion_main!(all);
