//! Nothing from the data, the command line or a file path can drive the terminal: messages on
//! stderr are always escaped, results on stdout are escaped when stdout is a terminal (and keep
//! their bytes when piped), and invisible characters are shown, not hidden.
use super::*;

/// A dataset whose names, aliases, cities, notes and sources carry terminal escapes (an OSC
/// that sets the window title, a clear-screen CSI, BEL, a bare CR) and invisible characters
/// (byte-order mark, zero-width space, right-to-left override).
fn hostile() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let w = |f: &str, s: &str| std::fs::write(dir.path().join(f), s).unwrap();
    w(
        "events.csv",
        "id,name,kind,start,city,source,note,list\n\
         evil-1,\"Evil \u{1b}]0;pwn\u{7} one\",summit,2024-01-01,\"Town\rover\",https://x.org/a,\"\u{202e}RLO note\",complete\n\
         evil-2,\"Evil \u{1b}[2J two\u{feff}\",meeting,2024-02-01,,https://x.org/b,,complete\n",
    );
    w(
        "parties.csv",
        "id,name,kind,aliases\n\
         AAA,\"Evil\u{feff}Corp\",organisation,\"Zero\u{200b}Width\"\n\
         BBB,\"Evil\u{202e} Two\",organisation,\n",
    );
    w(
        "participation.csv",
        "event,party,role,source\n\
         evil-1,AAA,signatory,\n\
         evil-1,BBB,signatory,https://x.org/\u{1b}]0;pwn\u{7}\n\
         evil-2,AAA,participant,\n",
    );
    w("priorities.csv", "id,name\n");
    w("event_priorities.csv", "event,priority,source\n");
    dir
}

/// Run against the hostile dataset; (exit code, stdout, stderr).
fn run(dir: &tempfile::TempDir, args: &[&str]) -> (i32, String, String) {
    let out = convene()
        .arg("--data")
        .arg(dir.path())
        .args(args)
        .output()
        .unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

/// No control character but the line end, and no invisible character, in a message.
fn assert_shown(text: &str) {
    let raw: Vec<char> = text
        .chars()
        .filter(|&c| c != '\n' && convene::present::escape::is_hidden(c))
        .collect();
    assert!(raw.is_empty(), "raw {raw:?} in {text:?}");
}

#[test]
fn an_ambiguous_event_lists_its_candidates_with_their_names_escaped() {
    let d = hostile();
    let (code, out, err) = run(&d, &["members", "evil"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err,
        "error: \"evil\" matches 2 events; use one of these ids:\n  \
         evil-1                                   2024-01-01  Evil \\u{1b}]0;pwn\\u{7} one\n  \
         evil-2                                   2024-02-01  Evil \\u{1b}[2J two\\u{feff}\n"
    );
}

#[test]
fn an_ambiguous_party_lists_its_candidates_with_their_names_escaped() {
    let d = hostile();
    let (code, _, err) = run(&d, &["party", "evil"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: \"evil\" matches 2 parties; use one of these ids:\n  \
         AAA        Evil\\u{feff}Corp\n  \
         BBB        Evil\\u{202e} Two\n"
    );
}

#[test]
fn did_you_mean_shows_the_suggested_party_name_escaped() {
    let d = hostile();
    let (code, _, err) = run(&d, &["party", "Evil Corq"]);
    assert_eq!(code, 1);
    assert_eq!(
        err,
        "error: no party matches \"Evil Corq\" (did you mean AAA — Evil\\u{feff}Corp?); parties are named by id (GBR), name or alias\n"
    );
}

/// What the user typed is echoed back quoted and escaped, on one line, by every lookup.
#[test]
fn unknown_names_typed_by_the_user_are_echoed_escaped_on_one_line() {
    let d = hostile();
    let esc = "\u{1b}]0;pwn\u{7}x";
    let cases: [(&[&str], &str); 9] = [
        (
            &["members", "\u{1b}[2Jnope\u{202e}"],
            "error: no event matches \"\\u{1b}[2Jnope\\u{202e}\"; run `convene events` to list them\n",
        ),
        (
            &["show", "a\nerror: fake\rover"],
            "error: no event matches \"a\\nerror: fake\\rover\"; run `convene events` to list them\n",
        ),
        (
            &["diff", "evil-1", "\u{feff}zz\u{200b}"],
            "error: no event matches \"\\u{feff}zz\\u{200b}\"; run `convene events` to list them\n",
        ),
        (
            &["party", esc],
            "error: no party matches \"\\u{1b}]0;pwn\\u{7}x\"; parties are named by id (GBR), name or alias\n",
        ),
        (
            &["events", "--party", esc],
            "error: no party matches \"\\u{1b}]0;pwn\\u{7}x\"; parties are named by id (GBR), name or alias\n",
        ),
        (
            &["timeline", "--party", "\u{202e}X", "-o", "-"],
            "error: no party matches \"\\u{202e}X\"; parties are named by id (GBR), name or alias\n",
        ),
        (
            &["events", "--series", esc],
            "error: unknown series \"\\u{1b}]0;pwn\\u{7}x\"; known: \n",
        ),
        (
            &["export", "--format", "json", "--priority", "\u{feff}x"],
            "error: unknown priority area \"\\u{feff}x\"; known: \n",
        ),
        (
            &["chart", "membership", "--events", "\u{1b}[31m", "-o", "-"],
            "error: no event matches \"\\u{1b}[31m\"; run `convene events` to list them\n",
        ),
    ];
    for (args, expected) in cases {
        let (code, out, err) = run(&d, args);
        assert_eq!((code, out.as_str()), (1, ""), "{args:?}");
        assert_eq!(err, expected, "{args:?}");
    }
}

/// clap quotes the arguments it rejects; on a terminal it printed them raw, and elsewhere it
/// stripped the escape sequences, so `'\e]0;x\a'` was shown as `''`.
#[test]
fn usage_errors_quote_hostile_arguments_escaped() {
    let d = hostile();
    let (code, _, err) = run(&d, &["events", "--kind", "\u{1b}]0;pwn\u{7}"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: invalid value '\\u{1b}]0;pwn\\u{7}' for '--kind <KIND>'\n  \
         [possible values: summit, declaration, meeting, founding, renaming, treaty, resolution, report, commitment, exercise]\n\n\
         For more information, try '--help'.\n"
    );
    let (code, _, err) = run(&d, &["members", "sf", "--as-of", "2024\u{202e}-01-01"]);
    assert_eq!(code, 2);
    assert_eq!(
        err,
        "error: invalid value '2024\\u{202e}-01-01' for '--as-of <DATE>': invalid date \"2024\\u{202e}-01-01\": expected YYYY, YYYY-MM or YYYY-MM-DD\n\n\
         For more information, try '--help'.\n"
    );
    let (code, _, err) = run(&d, &["\u{1b}[2Jcmd"]);
    assert_eq!(code, 2);
    assert!(
        err.starts_with("error: unrecognized subcommand '\\u{1b}[2Jcmd'\n"),
        "{err}"
    );
}

/// clap's help shows the value of `CONVENE_DATA`; it is escaped like any other text.
#[test]
fn the_help_shows_a_hostile_data_directory_escaped() {
    for args in [vec!["--help"], vec!["members", "--help"]] {
        let out = convene()
            .env("CONVENE_DATA", "/x\u{1b}]0;pwn\u{7}")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(0), "{args:?}");
        let help = String::from_utf8(out.stdout).unwrap();
        assert_shown(&help);
        assert!(
            help.contains("CONVENE_DATA=/x\\u{1b}]0;pwn\\u{7}]"),
            "{args:?}: {help}"
        );
    }
}

#[test]
fn file_paths_in_messages_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let base = dir.path().display().to_string();
    let evil = dir.path().join("\u{1b}]0;pwn\u{7}\nok: 54 events");
    let out = convene()
        .arg("--data")
        .arg(&evil)
        .arg("check")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8(out.stderr).unwrap(),
        format!(
            "{base}/\\u{{1b}}]0;pwn\\u{{7}}\\nok: 54 events: no such directory (--data expects a directory holding events.csv, parties.csv, participation.csv, priorities.csv and event_priorities.csv)\n\
             error: the dataset has 1 problem; nothing was written\n"
        )
    );
    std::fs::write(dir.path().join("blocker"), "a file").unwrap();
    let target = dir.path().join("blocker/\u{1b}[2J\u{202e}.json");
    let out = convene()
        .args(["export", "--format", "json", "-o"])
        .arg(&target)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let shown = format!("error: {base}/blocker/\\u{{1b}}[2J\\u{{202e}}.json: ");
    assert!(err.starts_with(&shown), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert_shown(&err);
}

/// The loader quotes the cells it rejects; a quoted cell is escaped, invisible characters
/// included, and a file's problems stay one line each.
#[test]
fn dataset_problems_quote_hostile_cells_escaped() {
    let d = hostile();
    std::fs::write(
        d.path().join("events.csv"),
        "id,name,kind,start,source,list\n\
         evil-1,Evil,sum\u{200b}mit,2024\u{feff},https://x.org/a,complete\n",
    )
    .unwrap();
    std::fs::write(
        d.path().join("participation.csv"),
        "event,party,role\nevil-1,\"GR\u{1b}[2J\nB\",signatory\nevil-1,AAA,\u{202e}signatory\n",
    )
    .unwrap();
    let (code, out, err) = run(&d, &["check"]);
    assert_eq!((code, out.as_str()), (1, ""));
    let p = d.path().display();
    assert_eq!(
        err,
        format!(
            "{p}/events.csv:2: column kind: unknown kind \"sum\\u{{200b}}mit\" (did you mean \"summit\"?); expected one of: summit, declaration, meeting, founding, renaming, treaty, resolution, report, commitment, exercise\n\
             {p}/events.csv:2: column start: invalid date \"2024\\u{{feff}}\": expected YYYY, YYYY-MM or YYYY-MM-DD\n\
             {p}/participation.csv:2: column party: unknown party \"GR\\u{{1b}}[2J\\nB\"\n\
             {p}/participation.csv:4: column role: unknown role \"\\u{{202e}}signatory\" (did you mean \"signatory\"?); expected one of: signatory, joined, member, participant, observer, non-signatory\n\
             error: the dataset has 4 problems; nothing was written\n"
        )
    );
}

#[test]
fn the_sources_of_an_event_are_shown_escaped_in_its_table() {
    let d = hostile();
    let (code, out, _) = run(&d, &["show", "evil-1"]);
    assert_eq!(code, 0);
    assert_shown(&out);
    assert!(
        out.contains("  sources       https://x.org/\\u{1b}]0;pwn\\u{7}\n"),
        "{out}"
    );
}

/// `--format csv` (and json, and an export) on a terminal: the escapes are shown, not run.
/// Piped, the same command gives the data's bytes exactly, for the program that reads them.
#[test]
fn results_on_a_terminal_are_shown_escaped_and_piped_results_keep_their_bytes() {
    let d = hostile();
    let dp = d.path().to_str().unwrap();
    let args = ["--data", dp, "members", "evil-1", "--format", "csv"];
    let (code, shown) = on_a_terminal(&args, d.path());
    assert_eq!(code, 0, "{shown}");
    assert_eq!(
        shown,
        "id,name,kind,role,date,source\n\
         BBB,Evil\\u{202e} Two,organisation,signatory,,https://x.org/\\u{1b}]0;pwn\\u{7}\n\
         AAA,Evil\\u{feff}Corp,organisation,signatory,,https://x.org/a\n"
    );
    let piped = convene().args(args).output().unwrap();
    assert_eq!(
        String::from_utf8(piped.stdout).unwrap(),
        "id,name,kind,role,date,source\n\
         BBB,Evil\u{202e} Two,organisation,signatory,,https://x.org/\u{1b}]0;pwn\u{7}\n\
         AAA,Evil\u{feff}Corp,organisation,signatory,,https://x.org/a\n",
        "piped CSV keeps its bytes"
    );
    // JSON escapes C0 controls itself; on a terminal the invisible ones are shown as well.
    let (code, shown) = on_a_terminal(
        &["--data", dp, "show", "evil-2", "--format", "csv"],
        d.path(),
    );
    assert_eq!(code, 0, "{shown}");
    assert_shown(&shown);
    assert!(
        shown.contains("evil-2,Evil \\u{1b}[2J two\\u{feff},meeting,"),
        "{shown}"
    );
    let (code, shown) = on_a_terminal(&["--data", dp, "export", "--format", "json"], d.path());
    assert_eq!(code, 0);
    assert_shown(&shown);
    assert!(
        shown.contains("\"note\": \"\\u{202e}RLO note\",")
            && shown.contains("\"name\": \"Evil\\u{feff}Corp\",")
            && shown.contains("\"city\": \"Town\\rover\","),
        "{shown}"
    );
    // The calendar's CRLF line ends are line ends, not something to escape.
    let (code, shown) = on_a_terminal(&["--data", dp, "export", "--format", "ics"], d.path());
    assert_eq!(code, 0);
    assert!(
        shown.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"),
        "{shown}"
    );
    assert_shown(&shown.replace("\r\n", "\n"));
}

#[test]
fn messages_on_a_terminal_are_shown_escaped() {
    let d = hostile();
    let dp = d.path().to_str().unwrap();
    let (code, shown) = on_a_terminal(&["--data", dp, "members", "evil"], d.path());
    assert_eq!(code, 1);
    assert_eq!(
        shown,
        "error: \"evil\" matches 2 events; use one of these ids:\n  \
         evil-1                                   2024-01-01  Evil \\u{1b}]0;pwn\\u{7} one\n  \
         evil-2                                   2024-02-01  Evil \\u{1b}[2J two\\u{feff}\n"
    );
    // clap prints its own errors; on a terminal it used to pass the argument through raw.
    let (code, shown) = on_a_terminal(&["events", "--kind", "\u{1b}]0;pwn\u{7}"], d.path());
    assert_eq!(code, 2);
    assert!(
        shown.starts_with("error: invalid value '\\u{1b}]0;pwn\\u{7}' for '--kind <KIND>'\n"),
        "{shown:?}"
    );
    assert_shown(&shown);
}
