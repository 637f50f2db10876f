//! Property tests of the library: the loader never panics and positions every problem; for
//! random valid datasets the queries keep their promises and every chart is well-formed SVG.
//! Case counts are modest so `cargo test` stays quick; raise them with PROPTEST_CASES.

use convene::load::{FILES, InputFile, load_files};
use convene::model::Dataset;
use convene::query::diff::diff;
use convene::query::{EventFilter, events, members};
use proptest::prelude::*;
use std::collections::BTreeSet;

/// The case count: `PROPTEST_CASES` if set, else `n`.
fn cases(n: u32) -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n)
}

fn files(texts: [&[u8]; 5]) -> Vec<InputFile> {
    texts
        .iter()
        .zip(FILES)
        .map(|(b, n)| InputFile {
            display: format!("d/{n}"),
            bytes: b.to_vec(),
        })
        .collect()
}

const EVENTS: &str = "id,name,short,kind,start,end,series,parent,city,host,list,reported_parties,list_as_of,source,note\n\
a-2023,\"Alpha, first\",Alpha,summit,2023-11-01,2023-11-02,s,,Town,GBR,complete,,2024-06,https://x.org/a,\n\
b-2024,Beta,,declaration,2024-05,,s,a-2023,,KOR;GBR,partial,5,2024-05-31,https://x.org/b,note\n\
c-2025,Gamma,,meeting,2025,,n,,,,complete,,,https://x.org/c,\n";
const PARTIES: &str = "id,name,kind,region,aliases\nGBR,United Kingdom,country,Europe,UK\nKOR,Republic of Korea,country,Asia,\"South Korea;Korea, Republic of\"\nUSA,United States,country,Americas,US\nEU,European Union,organisation,,\n";
const PART: &str = "event,party,role,date,source,note\na-2023,GBR,signatory,,,\na-2023,USA,joined,2024-03-01,https://x.org/j,\nb-2024,KOR,signatory,,,\nb-2024,USA,non-signatory,,,\nc-2025,EU,member,,,\n";
const PRI: &str = "id,name,description\nt,Testing,\n";
const LINKS: &str = "event,priority,source\na-2023,t,https://x.org/l\n";

fn assert_positioned(r: Result<Dataset, convene::error::Problems>) -> Result<(), TestCaseError> {
    if let Err(p) = r {
        prop_assert!(p.total() > 0);
        for x in p.iter() {
            prop_assert!(
                FILES.iter().any(|f| x.file.ends_with(f)),
                "problem without a file: {x}"
            );
            prop_assert!(!x.kind.to_string().is_empty());
            if let Some(c) = &x.column {
                prop_assert!(x.line.is_some(), "a column without a line: {x}");
                prop_assert!(!c.is_empty());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(256), ..ProptestConfig::default() })]

    /// Arbitrary bytes in any file: no panic; either it loads or every problem is positioned.
    #[test]
    fn arbitrary_bytes_never_panic(which in 0usize..5, bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let mut t: [&[u8]; 5] = [EVENTS.as_bytes(), PARTIES.as_bytes(), PART.as_bytes(), PRI.as_bytes(), LINKS.as_bytes()];
        t[which] = &bytes;
        assert_positioned(load_files(files(t)))?;
    }

    /// Valid files with bytes deleted, replaced or inserted: no panic, positioned problems.
    #[test]
    fn mutated_valid_files_never_panic(which in 0usize..5, edits in proptest::collection::vec((any::<u16>(), 0u8..3, any::<u8>()), 1..6)) {
        let originals = [EVENTS, PARTIES, PART, PRI, LINKS];
        let mut b = originals[which].as_bytes().to_vec();
        for (pos, op, byte) in edits {
            let i = usize::from(pos) % (b.len() + 1);
            let byte = [b',', b'"', b'\n', b'\r', b'-', b';', 0xC3, byte][usize::from(byte) % 8];
            match op {
                0 if i < b.len() => { b.remove(i); }
                1 if i < b.len() => b[i] = byte,
                _ => b.insert(i, byte),
            }
        }
        let mut t: [&[u8]; 5] = [EVENTS.as_bytes(), PARTIES.as_bytes(), PART.as_bytes(), PRI.as_bytes(), LINKS.as_bytes()];
        t[which] = &b;
        assert_positioned(load_files(files(t)))?;
    }
}

/// A random valid dataset: `n` events, parties P00.., rows from a seeded choice.
fn random_dataset(
    events_n: usize,
    parties_n: usize,
    picks: &[(u8, u8, u8)],
    reported: &[u8],
) -> Dataset {
    let roles = [
        "signatory",
        "member",
        "participant",
        "observer",
        "non-signatory",
        "joined",
    ];
    let mut ev =
        String::from("id,name,kind,start,series,list,reported_parties,list_as_of,source\n");
    let mut rows: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut part = String::from("event,party,role,date\n");
    let mut listed = vec![0u32; events_n];
    for &(e, p, r) in picks {
        let (e, p) = (usize::from(e) % events_n, usize::from(p) % parties_n);
        if rows.insert((e, p)) {
            let role = roles[usize::from(r) % roles.len()];
            let date = if role == "joined" {
                format!("2025-{:02}-01", 1 + e % 12)
            } else {
                String::new()
            };
            if !["observer", "non-signatory"].contains(&role) {
                listed[e] += 1;
            }
            part.push_str(&format!("e-{e},P{p:02},{role},{date}\n"));
        }
    }
    for (i, &n) in listed.iter().enumerate() {
        let rep = reported
            .get(i)
            .map(|r| u32::from(*r % 4))
            .filter(|r| *r > 0)
            .map(|r| (n + r).to_string())
            .unwrap_or_default();
        // Complete lists are checked after every accession (joined rows are dated 2025).
        let list = if rep.is_empty() {
            "complete"
        } else {
            "partial"
        };
        ev.push_str(&format!(
            "e-{i},Event {i},meeting,2024-{:02}-{:02},s{},{list},{rep},2026-01,https://x.org/{i}\n",
            1 + i % 12,
            1 + i % 28,
            i % 3
        ));
    }
    let mut pa = String::from("id,name,kind\n");
    for p in 0..parties_n {
        pa.push_str(&format!("P{p:02},Party {p},organisation\n"));
    }
    load_files(files([
        ev.as_bytes(),
        pa.as_bytes(),
        part.as_bytes(),
        b"id,name\n",
        b"event,priority,source\n",
    ]))
    .unwrap_or_else(|e| panic!("{e:?}"))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(64), ..ProptestConfig::default() })]

    #[test]
    fn members_diff_and_charts_keep_their_promises(
        events_n in 1usize..12,
        parties_n in 1usize..30,
        picks in proptest::collection::vec((any::<u8>(), any::<u8>(), any::<u8>()), 0..200),
        reported in proptest::collection::vec(any::<u8>(), 0..12),
        a in any::<u8>(),
        b in any::<u8>(),
    ) {
        let d = random_dataset(events_n, parties_n, &picks, &reported);
        // members returns exactly the event's rows
        for e in d.event_ids() {
            let v = members(&d, e, &[], None);
            let want: BTreeSet<String> = d.rows_of(e).map(|r| d.party(r.party).id.clone()).collect();
            let got: BTreeSet<String> = v.parties.iter().map(|p| p.id.clone()).collect();
            prop_assert_eq!(got, want);
            prop_assert_eq!(v.parties.len(), d.rows_of(e).len());
        }
        // diff partitions the union, pairwise disjoint
        let pick = |k: u8| d.event_ids().nth(usize::from(k) % d.events().len()).expect("an event");
        let (a, b) = (pick(a), pick(b));
        let v = diff(&d, a, b);
        let ids = |l: &[convene::query::PartyRow]| l.iter().map(|p| p.id.clone()).collect::<Vec<_>>();
        let mut parts: Vec<Vec<String>> = vec![ids(&v.joined), ids(&v.left), ids(&v.unknown_in_a), ids(&v.unknown_in_b)];
        parts.push(v.stayed.iter().map(|c| c.party.id.clone()).collect());
        parts.push(v.changed.iter().map(|c| c.party.id.clone()).collect());
        let all: Vec<String> = parts.concat();
        let set: BTreeSet<String> = all.iter().cloned().collect();
        prop_assert_eq!(all.len(), set.len(), "the parts of a diff overlap");
        let union: BTreeSet<String> = d.rows_of(a).chain(d.rows_of(b)).map(|r| d.party(r.party).id.clone()).collect();
        prop_assert_eq!(set, union);
        // diff A A changes nothing
        let same = diff(&d, a, a);
        prop_assert!(same.joined.is_empty() && same.left.is_empty() && same.changed.is_empty());
        prop_assert!(same.unknown_in_a.is_empty() && same.unknown_in_b.is_empty());
        // charts render and are well-formed
        let all_ev = events(&d, &EventFilter::default());
        for svg in [
            convene::render::timeline::render(&convene::query::timeline::lanes(&d, &all_ev, None, &convene::query::chart::COUNTED_BY_DEFAULT), &Default::default()).unwrap(),
            convene::render::membership::render(&convene::query::membership::matrix(&d, &all_ev, 0), &Default::default()).unwrap(),
            convene::render::growth::render(&convene::query::growth::lines(&d, &all_ev), &Default::default()).unwrap(),
        ] {
            prop_assert!(roxmltree::Document::parse(&svg).is_ok());
        }
    }
}
