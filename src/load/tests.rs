//! The loader's unit tests: small datasets from strings, through the public entry points.

use super::*;
use crate::model::Role;

const EVENTS: &str = "id,name,kind,start,end,source,list\nsummit-a,Summit A,summit,2023-11-01,2023-11-02,https://example.org/a,complete\nsummit-b,Summit B,summit,2024-05,,https://example.org/b,complete\n";
const PARTIES: &str = "id,name,kind,region,aliases\nGBR,United Kingdom,country,Europe,UK\nKOR,Republic of Korea,country,Asia,South Korea\nEU,European Union,organisation,,\n";
const PART: &str = "event,party,role,date,source\nsummit-a,GBR,signatory,,\nsummit-a,KOR,signatory,,\nsummit-b,GBR,member,,\n";
const PRI: &str = "id,name,description\nresearch,Research,\n";
const LINKS: &str = "event,priority,source\nsummit-a,research,https://example.org/l\n";

fn files(e: &str, p: &str, pa: &str, pr: &str, l: &str) -> Vec<InputFile> {
    [e, p, pa, pr, l]
        .iter()
        .zip(FILES)
        .map(|(s, n)| InputFile {
            display: format!("d/{n}"),
            bytes: s.as_bytes().to_vec(),
        })
        .collect()
}

fn errors(e: &str, p: &str, pa: &str, pr: &str, l: &str) -> Vec<String> {
    load_files(files(e, p, pa, pr, l))
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect()
}

#[test]
fn loads_a_small_valid_dataset_sorted_and_indexed() {
    let d = load_files(files(EVENTS, PARTIES, PART, PRI, LINKS)).unwrap();
    assert_eq!(d.events().len(), 2);
    assert_eq!(d.events()[0].id, "summit-a");
    assert_eq!(d.rows_of(d.event_ids().next().unwrap()).len(), 2);
    assert_eq!(d.events_of(d.party_by_id("GBR").unwrap()).len(), 2);
}

#[test]
fn the_shipped_dataset_loads() {
    let d = load_embedded().unwrap_or_else(|e| panic!("{e:?}"));
    assert!(d.events().len() >= 9);
}

#[test]
fn unknown_party_names_line_and_column_and_suggests() {
    let pa = "event,party,role\nsummit-a,GBR,signatory\nsummit-a,GRB,signatory\n";
    assert_eq!(
        errors(EVENTS, PARTIES, pa, PRI, LINKS),
        ["d/participation.csv:3: column party: unknown party \"GRB\" (did you mean \"GBR\"?)"]
    );
}

#[test]
fn a_party_name_in_the_id_column_suggests_the_id() {
    let pa = "event,party,role\nsummit-a,South Korea,signatory\n";
    let e = errors(EVENTS, PARTIES, pa, PRI, LINKS);
    assert_eq!(
        e,
        [
            "d/participation.csv:2: column party: unknown party \"South Korea\" (did you mean \"KOR\"? use the party id, not its name)"
        ]
    );
}

#[test]
fn reports_every_problem_at_once_in_file_order() {
    let ev = "id,name,kind,start,end,source,list\nsummit-a,Summit A,sumit,2023-02-30,,https://example.org/a,complete\n";
    let pa = "event,party,role\nsummit-x,GBR,signatory\nsummit-a,GBR,singatory\n";
    let e = errors(ev, PARTIES, pa, PRI, "event,priority,source\n");
    assert_eq!(
        e,
        [
            "d/events.csv:2: column kind: unknown kind \"sumit\" (did you mean \"summit\"?); expected one of: summit, declaration, meeting, founding, renaming, treaty, resolution, report, commitment, exercise",
            "d/events.csv:2: column start: invalid date \"2023-02-30\": day 30 does not exist in 2023-02 (it has 28 days)",
            "d/participation.csv:2: column event: unknown event \"summit-x\"",
            "d/participation.csv:3: column role: unknown role \"singatory\" (did you mean \"signatory\"?); expected one of: signatory, joined, member, participant, observer, non-signatory",
        ]
    );
}

#[test]
fn unknown_column_is_an_error_with_a_suggestion() {
    let ev = "id,name,kind,strat,source\nsummit-a,Summit A,summit,2023,https://example.org/a\n";
    let e = errors(
        ev,
        PARTIES,
        "event,party,role\n",
        PRI,
        "event,priority,source\n",
    );
    assert_eq!(
        e[0],
        "d/events.csv:1: unknown column \"strat\" (did you mean \"start\"?); the columns of events.csv are: id,name,short,kind,start,end,series,parent,city,host,list,reported_parties,list_as_of,source,note"
    );
    assert_eq!(e[1], "d/events.csv:1: missing required column \"start\"");
}

#[test]
fn end_before_start_and_joined_without_date() {
    let ev = "id,name,kind,start,end,source,list\nsummit-a,Summit A,summit,2023-11-02,2023-11-01,https://example.org/a,complete\n";
    let pa = "event,party,role,date\nsummit-a,GBR,joined,\n";
    let e = errors(ev, PARTIES, pa, PRI, "event,priority,source\n");
    assert_eq!(
        e,
        [
            "d/events.csv:2: column end: end 2023-11-01 is before start 2023-11-02",
            "d/participation.csv:2: column date: a \"joined\" row needs the date the party joined",
        ]
    );
}

#[test]
fn parent_cycle_is_reported_once() {
    let ev = "id,name,kind,start,parent,source,list\na,A,summit,2023,b,https://x.org,complete\nb,B,summit,2023,a,https://x.org,complete\n";
    let e = errors(
        ev,
        PARTIES,
        "event,party,role\n",
        PRI,
        "event,priority,source\n",
    );
    assert_eq!(
        e,
        ["d/events.csv:2: column parent: parent cycle: a → b → a"]
    );
}

/// events.csv with `n` events, each the parent of the one before it: e-0's parent is e-1, …;
/// `cycle` makes the last event's parent e-0.
fn chain(n: usize, cycle: bool) -> String {
    let mut ev = String::from("id,name,kind,start,parent,source,list\n");
    for i in 0..n {
        let parent = if i + 1 < n {
            format!("e-{}", i + 1)
        } else if cycle {
            "e-0".to_string()
        } else {
            String::new()
        };
        ev.push_str(&format!(
            "e-{i},E {i},meeting,2023,{parent},https://x.org/{i},complete\n"
        ));
    }
    ev
}

#[test]
fn a_long_parent_chain_loads_and_a_long_cycle_is_one_short_message() {
    // Regression: the cycle check rescanned the path at every step (a 10,000-event chain
    // took ~55 s); it now walks each event once.
    let empty = ("event,party,role\n", "event,priority,source\n");
    let d = load_files(files(&chain(10_000, false), PARTIES, empty.0, PRI, empty.1)).unwrap();
    assert_eq!(d.events().len(), 10_000);
    let e = errors(&chain(5_000, true), PARTIES, empty.0, PRI, empty.1);
    assert_eq!(
        e,
        [
            "d/events.csv:2: column parent: parent cycle of 5000 events: e-0 → e-1 → e-2 → … → e-4997 → e-4998 → e-4999 → e-0"
        ]
    );
}

#[test]
fn duplicate_rows_point_at_the_first() {
    let pa = "event,party,role\nsummit-a,GBR,signatory\nsummit-a,GBR,member\n";
    let e = errors(EVENTS, PARTIES, pa, PRI, LINKS);
    assert_eq!(
        e,
        [
            "d/participation.csv:3: column party: GBR is already listed for summit-a on line 2; one row per event and party"
        ]
    );
}

#[test]
fn rows_of_an_event_spread_over_the_file_load_like_grouped_rows() {
    let grouped = "event,party,role\nsummit-a,GBR,signatory\nsummit-a,KOR,member\nsummit-b,GBR,member\nsummit-b,EU,observer\n";
    let spread = "event,party,role\nsummit-a,KOR,member\nsummit-b,GBR,member\nsummit-a,GBR,signatory\nsummit-b,EU,observer\n";
    let shape = |d: &Dataset| -> Vec<Vec<(String, Role)>> {
        d.event_ids()
            .map(|e| {
                d.rows_of(e)
                    .map(|p| {
                        assert_eq!(p.event, e);
                        (d.party(p.party).id.clone(), p.role)
                    })
                    .collect()
            })
            .collect()
    };
    let a = load_files(files(EVENTS, PARTIES, grouped, PRI, LINKS)).unwrap();
    let b = load_files(files(EVENTS, PARTIES, spread, PRI, LINKS)).unwrap();
    assert_eq!(shape(&a), shape(&b));
    assert_eq!(shape(&a)[0][0], ("GBR".to_string(), Role::Signatory));
    let by_party = |d: &Dataset| d.events_of(d.party_by_id("GBR").unwrap()).len();
    assert_eq!((by_party(&a), by_party(&b)), (2, 2));
}

#[test]
fn duplicates_are_found_within_a_run_and_across_runs() {
    // Line 3 repeats line 2 in the same run; line 5 repeats line 2 from another run.
    let pa = "event,party,role\nsummit-a,GBR,signatory\nsummit-a,GBR,member\nsummit-b,GBR,member\nsummit-a,GBR,observer\n";
    assert_eq!(
        errors(EVENTS, PARTIES, pa, PRI, LINKS),
        [
            "d/participation.csv:3: column party: GBR is already listed for summit-a on line 2; one row per event and party",
            "d/participation.csv:5: column party: GBR is already listed for summit-a on line 2; one row per event and party",
        ]
    );
    let pa =
        "event,party,role\nsummit-a,GBR,signatory\nsummit-a,KOR,signatory\nsummit-a,GBR,member\n";
    assert_eq!(
        errors(EVENTS, PARTIES, pa, PRI, LINKS),
        [
            "d/participation.csv:4: column party: GBR is already listed for summit-a on line 2; one row per event and party",
        ]
    );
}

#[test]
fn unknown_events_are_reported_on_every_row_that_names_them() {
    let pa = "event,party,role\nsummit-x,GBR,signatory\nsummit-x,KOR,signatory\nsummit-a,GBR,signatory\nsummit-x,EU,bogus\n";
    let e = errors(EVENTS, PARTIES, pa, PRI, LINKS);
    assert_eq!(e.len(), 4, "{e:?}");
    for line in [2, 3, 5] {
        assert!(
            e.contains(&format!("d/participation.csv:{line}: column event: unknown event \"summit-x\" (did you mean \"summit-a\"?)")),
            "{e:?}"
        );
    }
    assert!(
        e[2].starts_with("d/participation.csv:5: column event"),
        "{e:?}"
    );
    assert!(
        e[3].starts_with("d/participation.csv:5: column role"),
        "{e:?}"
    );
}

#[test]
fn reported_count_below_listed_is_an_error() {
    let ev = "id,name,kind,start,reported_parties,source,list\nsummit-a,A,summit,2023,1,https://x.org,partial\n";
    let e = errors(
        ev,
        PARTIES,
        PART.lines().take(3).collect::<Vec<_>>().join("\n").as_str(),
        PRI,
        "event,priority,source\n",
    );
    assert_eq!(
        e,
        [
            "d/events.csv:2: column reported_parties: reported 1 party but 2 are listed in participation.csv; raise the count or fix the rows"
        ]
    );
}

#[test]
fn bom_crlf_and_quoted_newlines_are_accepted() {
    let ev = "\u{feff}id,name,kind,start,source,list\r\nsummit-a,\"Summit, A\nsecond line\",summit,2023,https://x.org,complete\r\n\r\n";
    let d = load_files(files(
        ev,
        PARTIES,
        "event,party,role\r\nsummit-a,GBR,signatory\r\n",
        PRI,
        "event,priority,source\n",
    ))
    .unwrap();
    assert_eq!(d.events()[0].name, "Summit, A\nsecond line");
}

#[test]
fn line_numbers_count_physical_lines_after_a_quoted_newline() {
    let ev = "id,name,kind,start,source,list\na,\"A\nB\",summit,2023,https://x.org,complete\nb,B,sumit,2023,https://x.org,complete\n";
    let e = errors(
        ev,
        PARTIES,
        "event,party,role\n",
        PRI,
        "event,priority,source\n",
    );
    assert!(e[0].starts_with("d/events.csv:4: column kind:"), "{e:?}");
}

#[test]
fn invalid_utf8_and_utf16_are_reported() {
    let mut bad =
        b"id,name,kind,region,aliases\nGBR,United Kingdom,country,Europe,\nTUR,T".to_vec();
    bad.extend([0xFC, b'r', b'\n']);
    let mut f = files(EVENTS, PARTIES, PART, PRI, LINKS);
    f[1].bytes = bad;
    let e: Vec<String> = load_files(f)
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(
        e[0],
        "d/parties.csv:3: invalid UTF-8 at character 6 (byte 0xFC); save the file as UTF-8"
    );
    let mut f = files(EVENTS, PARTIES, PART, PRI, LINKS);
    f[0].bytes = vec![0xFF, 0xFE, b'i', 0];
    let e: Vec<String> = load_files(f)
        .unwrap_err()
        .iter()
        .map(|p| p.to_string())
        .collect();
    assert_eq!(e, ["d/events.csv: file is UTF-16; save it as UTF-8"]);
}

#[test]
fn ragged_rows_and_unterminated_quotes() {
    let pa = "event,party,role\nsummit-a,GBR,signatory,extra\nsummit-a,\"KOR,signatory\n";
    let e = errors(EVENTS, PARTIES, pa, PRI, LINKS);
    assert_eq!(
        e[0],
        "d/participation.csv:2: this row has 4 fields, the header has 3 (quote fields that contain commas)"
    );
    assert!(
        e.iter().any(|l| l.contains("unterminated quoted field")),
        "{e:?}"
    );
}
