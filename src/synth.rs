//! A deterministic synthetic dataset for benchmarks and scale tests (used by
//! `examples/synth.rs` and `benches/`). Not part of the tool's interface.
//!
//! Shape: parties with a Zipf-like share of participation; dates over 2015–2030, some known only
//! to the month or year, some spans; every kind and role; names with commas, quotes and
//! non-ASCII letters; about one event in twenty with a reported count above its listed parties.
//! The same spec always gives the same bytes.

use crate::load::schema;
use std::collections::HashSet;
use std::io::Write;
use std::path::PathBuf;

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    pub events: usize,
    pub parties: usize,
    /// Average participation rows per event (each event has 1 to 2 × this many).
    pub per_event: usize,
    pub seed: u64,
    pub out: PathBuf,
}

struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
    fn chance(&mut self, pct: u64) -> bool {
        self.below(100) < pct
    }
}

const KINDS: [&str; 10] = [
    "summit",
    "declaration",
    "meeting",
    "founding",
    "renaming",
    "treaty",
    "resolution",
    "report",
    "commitment",
    "exercise",
];
const SERIES: [&str; 8] = [
    "ai-summits",
    "aisi-network",
    "institutes",
    "council-of-europe",
    "united-nations",
    "g7-hiroshima",
    "oecd",
    "g20",
];
const NAMES: [&str; 8] = [
    "Türkiye",
    "Côte d'Ivoire",
    "Korea, Republic of",
    "São Tomé",
    "Réunion",
    "Åland",
    "\"Quoted\" Land",
    "Land",
];

type Out = csv::Writer<std::io::BufWriter<std::fs::File>>;
type Result<T> = std::result::Result<T, Box<dyn std::error::Error>>;

/// Write the five files of `a` into `a.out`.
pub fn generate(a: &Spec) -> Result<()> {
    std::fs::create_dir_all(&a.out)?;
    let mut rng = Rng(a.seed);
    let mut pw = writer(a, &schema::PARTIES)?;
    let ids = write_parties(&mut pw, a.parties)?;
    pw.flush()?;
    let zipf = Zipf::new(a.parties);
    let mut ew = writer(a, &schema::EVENTS)?;
    let mut tw = writer(a, &schema::PARTICIPATION)?;
    let mut lw = writer(a, &schema::LINKS)?;
    let epoch = chrono::NaiveDate::from_ymd_opt(2015, 1, 1).ok_or("date")?;
    let span_days = 365 * 16;
    let mut chosen: HashSet<usize> = HashSet::new();
    for i in 0..a.events {
        let id = format!("e-{i:07}");
        let start = epoch + chrono::Days::new(rng.below(span_days));
        let (start_s, end_s) = dates(&mut rng, start);
        let name = if i % 10 == 0 {
            format!("Meeting {i}, \"special\" session")
        } else {
            format!("Coordination meeting {i}")
        };
        let kind = KINDS[rng.below(KINDS.len() as u64) as usize];
        let series = SERIES[rng.below(SERIES.len() as u64) as usize];
        let host = &ids[zipf.pick(&mut rng)];
        let rows = Rows {
            event: i,
            id: &id,
            start,
            count: (1 + rng.below(2 * a.per_event as u64) as usize).min(a.parties),
        };
        let listed = write_rows(&mut tw, &mut rng, &zipf, &ids, &rows, &mut chosen)?;
        // About one list in twenty is partial with a reported count; the others are complete,
        // checked after every accession (the latest is 700 days after the start).
        let (list, reported, as_of) = if rng.chance(5) {
            (
                "partial",
                (listed + 1 + rng.below(40) as u32).to_string(),
                start + chrono::Days::new(30),
            )
        } else {
            ("complete", String::new(), start + chrono::Days::new(800))
        };
        let as_of = as_of.format("%Y-%m-%d").to_string();
        let short = format!("M{i}");
        ew.write_record([
            id.as_str(),
            &name,
            &short,
            kind,
            &start_s,
            &end_s,
            series,
            "",
            if i % 3 == 0 { "Genève" } else { "" },
            host,
            list,
            &reported,
            &as_of,
            &format!("https://example.org/e/{i}"),
            if i % 50 == 0 {
                "A note, with a comma."
            } else {
                ""
            },
        ])?;
        for j in 0..(rng.below(4)) {
            lw.write_record([
                id.as_str(),
                &format!("p-{}", (i as u64 + j * 5) % 12),
                &format!("https://example.org/p/{i}/{j}"),
            ])?;
        }
    }
    ew.flush()?;
    tw.flush()?;
    lw.flush()?;
    let mut pr = std::io::BufWriter::new(std::fs::File::create(a.out.join("priorities.csv"))?);
    writeln!(pr, "{}", schema::PRIORITIES.header())?;
    for j in 0..12 {
        writeln!(pr, "p-{j},Priority {j},Synthetic priority area {j}")?;
    }
    pr.flush()?;
    Ok(())
}

/// A CSV writer for one of the dataset's files, its header (the loader's schema) written.
fn writer(a: &Spec, s: &schema::Schema) -> Result<Out> {
    let f = std::fs::File::create(a.out.join(s.file))?;
    let mut w = csv::WriterBuilder::new()
        .terminator(csv::Terminator::Any(b'\n'))
        .from_writer(std::io::BufWriter::with_capacity(1 << 20, f));
    w.write_record(s.columns.iter().map(|c| c.name))?;
    Ok(w)
}

/// Parties: ~80 % countries (AAA, AAB, …), the rest organisations and companies. Returns
/// their ids.
fn write_parties(pw: &mut Out, n: usize) -> Result<Vec<String>> {
    let regions = ["Africa", "Americas", "Asia", "Europe", "Oceania"];
    let mut ids = Vec::with_capacity(n);
    for i in 0..n {
        let (id, kind, region) = if i % 5 != 4 {
            let b = i as u32;
            let id: String = [b / 676 % 26, b / 26 % 26, b % 26]
                .iter()
                .map(|&c| char::from(b'A' + c as u8))
                .collect();
            (id, "country", regions[i % 5])
        } else {
            (
                format!("ORG-{i:05}"),
                if i % 10 == 4 {
                    "organisation"
                } else {
                    "company"
                },
                "",
            )
        };
        let name = format!("{} {i}", NAMES[i % NAMES.len()]);
        let alias = if i % 7 == 0 {
            format!("Alias {i};Other name {i}")
        } else {
            String::new()
        };
        pw.write_record([id.as_str(), &name, kind, region, &alias])?;
        ids.push(id);
    }
    Ok(ids)
}

/// Zipf-like weights: the party of rank r has weight 1 / (r + 1).
struct Zipf {
    cdf: Vec<f64>,
    total: f64,
}

impl Zipf {
    fn new(n: usize) -> Self {
        let mut cdf = Vec::with_capacity(n);
        let mut total = 0.0f64;
        for r in 0..n {
            total += 1.0 / (r as f64 + 1.0);
            cdf.push(total);
        }
        Zipf { cdf, total }
    }
    fn pick(&self, rng: &mut Rng) -> usize {
        let x = (rng.next() >> 11) as f64 / (1u64 << 53) as f64 * self.total;
        self.cdf.partition_point(|&c| c < x).min(self.cdf.len() - 1)
    }
}

/// An event's start and end as written: some known only to the year or month, some spans.
fn dates(rng: &mut Rng, start: chrono::NaiveDate) -> (String, String) {
    let precision = rng.below(100);
    if precision < 3 {
        (start.format("%Y").to_string(), String::new())
    } else if precision < 13 {
        (start.format("%Y-%m").to_string(), String::new())
    } else if precision < 33 {
        (
            start.format("%Y-%m-%d").to_string(),
            (start + chrono::Days::new(1 + rng.below(4)))
                .format("%Y-%m-%d")
                .to_string(),
        )
    } else {
        (start.format("%Y-%m-%d").to_string(), String::new())
    }
}

/// The event whose participation rows are being written.
struct Rows<'a> {
    event: usize,
    id: &'a str,
    start: chrono::NaiveDate,
    /// How many distinct parties to draw.
    count: usize,
}

/// Write one event's participation rows; returns how many count as its parties.
fn write_rows(
    tw: &mut Out,
    rng: &mut Rng,
    zipf: &Zipf,
    ids: &[String],
    ev: &Rows,
    chosen: &mut HashSet<usize>,
) -> Result<u32> {
    chosen.clear();
    let mut listed = 0u32;
    let mut guard = 0;
    while chosen.len() < ev.count && guard < 20 * ev.count {
        guard += 1;
        let p = zipf.pick(rng);
        if !chosen.insert(p) {
            continue;
        }
        let role = match rng.below(100) {
            0..50 => "signatory",
            50..70 => "member",
            70..85 => "participant",
            85..90 => "joined",
            90..95 => "observer",
            _ => "non-signatory",
        };
        if !matches!(role, "observer" | "non-signatory") {
            listed += 1;
        }
        let date = if role == "joined" {
            (ev.start + chrono::Days::new(400 + rng.below(300)))
                .format("%Y-%m-%d")
                .to_string()
        } else {
            String::new()
        };
        let source = if rng.chance(10) {
            format!("https://example.org/rows/{}/{p}", ev.event)
        } else {
            String::new()
        };
        tw.write_record([ev.id, &ids[p], role, &date, &source, ""])?;
    }
    Ok(listed)
}
