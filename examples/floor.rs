//! The parse floor: one pass of the `csv` crate's `ByteRecord` reader over files, counting
//! records. Nothing can load CSV faster than this; `benches/compare.sh` reports each step as a
//! multiple of it.
//!
//!     cargo run --release --example floor -- events/participation.csv [MORE.csv …]

// `clippy.toml` keeps all printing in `convene::output`; this is a measuring tool, not
// `convene`: it prints its own figures.
#![allow(clippy::disallowed_macros)]

fn main() {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: floor FILE [FILE …]");
        std::process::exit(2);
    }
    for path in paths {
        one(&path);
    }
}

fn one(path: &str) {
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            eprintln!("floor: {path}: {e}");
            std::process::exit(1);
        }
    };
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(bytes.as_slice());
    let mut rec = csv::ByteRecord::new();
    let mut n = 0u64;
    let mut fields = 0u64;
    loop {
        match rdr.read_byte_record(&mut rec) {
            Ok(true) => {
                n += 1;
                fields += rec.len() as u64;
            }
            Ok(false) => break,
            Err(e) => {
                eprintln!("floor: {e}");
                std::process::exit(1);
            }
        }
    }
    println!(
        "{path}: {n} records, {fields} fields, {} bytes",
        bytes.len()
    );
}
