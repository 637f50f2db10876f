//! The loader's speed devices, fenced here so that the rest of `load` reads as plain code and
//! no public type shows them: a record splitter for quote-free lines, the strict reader for
//! records with quotes, the line count, and the one place a second thread is started.
//!
//! What each earns, measured on the M dataset (100k events, 1M participation rows) with
//! `convene check` (release build, 2 cores, medians of 5 interleaved runs):
//!
//! - [`Records`]: most rows hold no quote, and such a line is split at its commas in one pass
//!   over a byte-class table, with no copy; only a line with a quote goes to the strict reader
//!   ([`Records::quoted`]). Handing every line to `csv-core` instead cost 4.21 G instructions
//!   against 2.99 G (callgrind; the participation thread 2.62 G against 1.73 G) and 758 ms
//!   against 631 ms of wall time.
//! - [`count_line_ends`]: counted in 255-byte blocks the compiler vectorises; it was 490 M
//!   instructions as a filter-and-count (BENCHMARKS.md).
//! - [`beside`]: participation.csv (1.73 G instructions) is read on a second thread while
//!   events.csv and event_priorities.csv (1.26 G on the first) are read. Pinned to one core
//!   (`taskset -c 0`, which also serialises the model's indexing thread) `check` takes 575 ms
//!   against 345 ms.
//!
//! Records are what `csv` yields for well-formed CSV (a property test below holds both paths
//! to it): `\n`, `\r\n` and a lone `\r` end a record, and empty lines are skipped. Two
//! differences, on purpose. A record's line is the line its first byte is on, counting `\n`,
//! `\r\n` and a lone `\r` alike (`csv` reports where the previous record ended). And quotes
//! are strict (RFC 4180), where `csv` is lenient: a quote inside an unquoted field, text after
//! a closing quote and a quote never closed are [`Fault`]s, each found where it is. After a
//! fault the reader goes on at the end of the line where it makes most sense to (see
//! [`FaultKind`]), so one stray quote costs one record, not the rest of the file.

/// One record: its fields, as byte ranges of the file's text (a plain line) or of `unquoted`
/// (a record with quotes, unquoted).
#[derive(Debug, Default)]
pub(super) struct Record {
    fields: Vec<(usize, usize)>,
    unquoted: String,
    quoted: bool,
    /// The 1-based line the record starts on.
    pub line: u64,
}

impl Record {
    pub fn len(&self) -> usize {
        self.fields.len()
    }

    /// Field `i`, untrimmed.
    pub fn get<'a>(&'a self, text: &'a str, i: usize) -> Option<&'a str> {
        let (a, b) = *self.fields.get(i)?;
        if self.quoted {
            self.unquoted.get(a..b)
        } else {
            text.get(a..b)
        }
    }

    /// Every field, untrimmed.
    pub fn iter<'a>(&'a self, text: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        (0..self.len()).map(move |i| self.get(text, i).unwrap_or(""))
    }
}

/// What reading one record gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Next {
    /// A well-formed record, in the `Record` given.
    Record,
    /// A record broken by a quote; the `Record` holds the fields before the fault.
    Fault(Fault),
    /// The end of the text.
    End,
}

/// Where a quote breaks a record: a 1-based line and a 0-based field of the record.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Fault {
    pub line: u64,
    pub field: usize,
    pub kind: FaultKind,
}

/// What is wrong with a record's quotes, and where reading goes on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FaultKind {
    /// A `"` in a field that does not start with one (`a"b`, or ` "b"` after a space). At the
    /// quote; reading goes on after its line.
    QuoteInUnquoted,
    /// A closing quote followed by something other than a comma or a line end (`"x"y`). At the
    /// closing quote; `opened` is the line the field opened on, if an earlier one. Reading goes
    /// on after the closing quote's line.
    TextAfterClose { opened: Option<u64> },
    /// A quote never closed before the end of the text. At the opening quote; reading goes on
    /// after its line, so the lines it swallowed are read as rows.
    Unclosed,
    /// A quote left open that a later quote happens to close: the field runs on to line
    /// `until`, and its first line was a whole row by itself (and, if the record ends well,
    /// so is its last), or the quote that closes it opens a field of a later row (it follows
    /// a comma or a line break, and text follows it), so the rows between were swallowed. At
    /// the opening quote; reading goes on after its line.
    LeftOpen { until: u64 },
}

const PLAIN: u8 = 0;
const COMMA: u8 = 1;
const QUOTE: u8 = 2;
const LINE_END: u8 = 3;

/// The class of each byte value.
const CLASS: [u8; 256] = {
    let mut t = [PLAIN; 256];
    t[b',' as usize] = COMMA;
    t[b'"' as usize] = QUOTE;
    t[b'\n' as usize] = LINE_END;
    t[b'\r' as usize] = LINE_END;
    t
};

/// The number of line breaks in `b`: `\n`, `\r\n` and a lone `\r` count one each.
fn line_breaks(b: &[u8]) -> u64 {
    let lf = memchr::memchr_iter(b'\n', b).count();
    let cr = memchr::memchr_iter(b'\r', b)
        .filter(|&i| b.get(i + 1) != Some(&b'\n'))
        .count();
    (lf + cr) as u64
}

/// The position of the first line end (`\n` or `\r`) at or after `from`, or `b.len()`.
fn line_end(b: &[u8], from: usize) -> usize {
    let from = from.min(b.len());
    memchr::memchr2(b'\n', b'\r', &b[from..]).map_or(b.len(), |p| from + p)
}

/// Reads records one by one from a text.
pub(super) struct Records<'f> {
    text: &'f str,
    at: usize,
    line: u64,
    /// The header's number of fields, once known: it tells a row joined to the next by a quote
    /// left open.
    width: Option<usize>,
    /// A quote ran to the end of the text once, and the lines after it were read again; a
    /// second one ends the reading there, so no text is read more than twice.
    reread: bool,
}

impl<'f> Records<'f> {
    pub fn new(text: &'f str) -> Self {
        Records {
            text,
            at: 0,
            line: 1,
            width: None,
            reread: false,
        }
    }

    /// The text records are read from.
    pub fn text(&self) -> &'f str {
        self.text
    }

    /// The number of fields of a whole row (the header's).
    pub fn set_width(&mut self, width: usize) {
        self.width = Some(width);
    }

    /// Read the next record into `rec`.
    pub fn next_into(&mut self, rec: &mut Record) -> Next {
        let b = self.text.as_bytes();
        // Line ends between records (and empty lines) are skipped; `\r\n` is one line break.
        while self.at < b.len() && (b[self.at] == b'\n' || b[self.at] == b'\r') {
            if b[self.at] == b'\n' || b.get(self.at + 1) != Some(&b'\n') {
                self.line += 1;
            }
            self.at += 1;
        }
        if self.at >= b.len() {
            return Next::End;
        }
        rec.line = self.line;
        rec.fields.clear();
        let start = self.at;
        // One pass over the line, classifying each byte by table: rows are short, so this
        // beats a vector search per delimiter.
        let mut from = start;
        let mut i = start;
        while i < b.len() {
            match CLASS[usize::from(b[i])] {
                PLAIN => {}
                COMMA => {
                    rec.fields.push((from, i));
                    from = i + 1;
                }
                QUOTE => return self.quoted(rec, start),
                _ => break, // a line end
            }
            i += 1;
        }
        rec.quoted = false;
        rec.fields.push((from, i));
        self.at = i;
        Next::Record
    }

    /// Whether the line starting at `from` would be a whole row if its quotes were plain
    /// characters: as many fields as the header.
    fn whole_row(&self, from: usize) -> bool {
        let b = self.text.as_bytes();
        let end = line_end(b, from);
        let fields = 1 + memchr::memchr_iter(b',', &b[from.min(end)..end]).count();
        self.width == Some(fields)
    }

    /// The start of the line that `at` is on, within the record that starts at `start`.
    fn line_start(&self, start: usize, at: usize) -> usize {
        let b = self.text.as_bytes();
        memchr::memrchr2(b'\n', b'\r', &b[start..at.min(b.len())]).map_or(start, |p| start + p + 1)
    }

    /// A fault: reading goes on at the end of the line that `resume` is on (line `line`).
    fn fault(&mut self, fault: Fault, resume: usize, line: u64) -> Next {
        self.at = line_end(self.text.as_bytes(), resume);
        self.line = line;
        Next::Fault(fault)
    }

    /// A record with a quote, read strictly from `start`: fields are unquoted into
    /// `rec.unquoted`, and a misplaced quote is a [`Fault`].
    fn quoted(&mut self, rec: &mut Record, start: usize) -> Next {
        let text = self.text;
        let b = text.as_bytes();
        rec.fields.clear();
        rec.unquoted.clear();
        rec.quoted = true;
        let mut i = start;
        let mut line = self.line;
        // The first field that runs past a line end, and where it opened.
        let mut spans: Option<(usize, usize)> = None;
        loop {
            let field = rec.fields.len();
            let from = rec.unquoted.len();
            if b.get(i) != Some(&b'"') {
                // An unquoted field: up to a comma or a line end; a quote in it is a fault.
                let a = i;
                while i < b.len() && CLASS[usize::from(b[i])] == PLAIN {
                    i += 1;
                }
                if b.get(i) == Some(&b'"') {
                    let f = Fault {
                        line,
                        field,
                        kind: FaultKind::QuoteInUnquoted,
                    };
                    return self.fault(f, i, line);
                }
                rec.unquoted.push_str(text.get(a..i).unwrap_or(""));
                rec.fields.push((from, rec.unquoted.len()));
                if b.get(i) == Some(&b',') {
                    i += 1;
                    continue;
                }
                break;
            }
            // A quoted field: up to a quote not doubled.
            let (open_at, opened) = (i, line);
            i += 1;
            loop {
                let Some(k) = memchr::memchr(b'"', &b[i..]) else {
                    let f = Fault {
                        line: opened,
                        field,
                        kind: FaultKind::Unclosed,
                    };
                    // Not known to happen (what a quote swallowed to the end holds no quote that
                    // is not doubled), but it bounds the work if it does.
                    if self.reread {
                        self.at = b.len();
                        return Next::Fault(f);
                    }
                    self.reread = true;
                    return self.fault(f, open_at, opened);
                };
                let chunk = text.get(i..i + k).unwrap_or("");
                let n = line_breaks(chunk.as_bytes());
                if n > 0 && spans.is_none() {
                    spans = Some((field, open_at));
                }
                line += n;
                rec.unquoted.push_str(chunk);
                i += k + 1;
                if b.get(i) != Some(&b'"') {
                    break;
                }
                rec.unquoted.push('"');
                i += 1;
            }
            // `i - 1` is the closing quote; what came before it.
            let at_field_start = matches!(
                i.checked_sub(2).and_then(|k| b.get(k)),
                Some(b',' | b'\n' | b'\r')
            );
            match b.get(i) {
                None | Some(b'\n' | b'\r') => {
                    rec.fields.push((from, rec.unquoted.len()));
                    break;
                }
                Some(b',') => {
                    rec.fields.push((from, rec.unquoted.len()));
                    i += 1;
                }
                Some(_)
                    if line > opened
                        && (self.whole_row(self.line_start(start, open_at)) || at_field_start) =>
                {
                    // Most likely the quote that opened the field was left open, and the one
                    // here opens a field of a later row: its line was a whole row, or this
                    // quote comes right after a comma or a line break.
                    let f = Fault {
                        line: opened,
                        field,
                        kind: FaultKind::LeftOpen { until: line },
                    };
                    return self.fault(f, open_at, opened);
                }
                Some(_) => {
                    let f = Fault {
                        line,
                        field,
                        kind: FaultKind::TextAfterClose {
                            opened: (line > opened).then_some(opened),
                        },
                    };
                    return self.fault(f, i, line);
                }
            }
        }
        // Well-formed, but two whole rows joined by a quote left open and a stray one that
        // closes it are read as one: a record over several lines whose first and last lines
        // are whole rows by themselves.
        if let Some((field, open_at)) = spans
            && self.whole_row(start)
            && self.whole_row(self.line_start(start, i))
        {
            let f = Fault {
                line: rec.line,
                field,
                kind: FaultKind::LeftOpen { until: line },
            };
            return self.fault(f, open_at, rec.line);
        }
        self.at = i;
        self.line = line;
        Next::Record
    }
}

/// The number of lines, roughly: the larger of the `\n` and the `\r` counts (a file has one
/// kind of line end, or CRLF). Counted in blocks of 255 bytes into byte-sized sums, which the
/// compiler turns into vector instructions (a plain filter-and-count is not).
pub(super) fn count_line_ends(bytes: &[u8]) -> usize {
    let (mut lf, mut cr) = (0usize, 0usize);
    for block in bytes.chunks(255) {
        let (mut n, mut r) = (0u8, 0u8);
        for &b in block {
            n += u8::from(b == b'\n');
            r += u8::from(b == b'\r');
        }
        lf += usize::from(n);
        cr += usize::from(r);
    }
    lf.max(cr)
}

/// The 1-based line and character of byte `at` of `bytes`, counting `\n`, `\r\n` and a lone
/// `\r` as one line break each.
pub(super) fn line_and_character(bytes: &[u8], at: usize) -> (u64, usize) {
    let before = &bytes[..at.min(bytes.len())];
    let line = 1 + line_breaks(before);
    let line_start = memchr::memrchr2(b'\n', b'\r', before).map_or(0, |p| p + 1);
    (line, 1 + before.len() - line_start)
}

/// Run `there` on a second thread while `here` runs on this one, and return both results. If
/// no thread can be started, `there` runs here afterwards: the results are the same either way.
pub(super) fn beside<A: Send, B>(
    there: impl FnOnce() -> A + Send + Clone,
    here: impl FnOnce() -> B,
) -> (A, B) {
    std::thread::scope(|s| {
        let worker = std::thread::Builder::new()
            .name("participation".into())
            .spawn_scoped(s, there.clone())
            .ok();
        let b = here();
        let a = match worker {
            Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
            None => there(),
        };
        (a, b)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// Records as `csv` reads them (flexible, no header), with the line of each record's first
    /// byte (`csv` gives the end of the previous record; the blank lines after it are skipped).
    fn by_csv(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut rdr = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let b = text.as_bytes();
        let mut out = Vec::new();
        let mut rec = csv::StringRecord::new();
        loop {
            let at = rdr.position().byte() as usize;
            match rdr.read_record(&mut rec) {
                Ok(true) => {}
                _ => break,
            }
            let mut first = at;
            while first < b.len() && (b[first] == b'\n' || b[first] == b'\r') {
                first += 1;
            }
            let (line, _) = line_and_character(b, first);
            out.push((line, rec.iter().map(str::to_string).collect()));
        }
        out
    }

    /// What we read: each record's line and fields, or its fault.
    fn read(text: &str, width: Option<usize>) -> Vec<Result<(u64, Vec<String>), Fault>> {
        let mut r = Records::new(text);
        if let Some(w) = width {
            r.set_width(w);
        }
        let mut rec = Record::default();
        let mut out = Vec::new();
        loop {
            match r.next_into(&mut rec) {
                Next::Record => {
                    out.push(Ok((rec.line, rec.iter(text).map(str::to_string).collect())))
                }
                Next::Fault(f) => out.push(Err(f)),
                Next::End => return out,
            }
        }
    }

    /// The records of a text with no fault.
    fn by_us(text: &str) -> Vec<(u64, Vec<String>)> {
        read(text, None)
            .into_iter()
            .map(|r| r.unwrap_or_else(|f| panic!("{f:?} in {text:?}")))
            .collect()
    }

    fn rec(line: u64, fields: &[&str]) -> Result<(u64, Vec<String>), Fault> {
        Ok((line, fields.iter().map(|f| f.to_string()).collect()))
    }

    fn fault(line: u64, field: usize, kind: FaultKind) -> Result<(u64, Vec<String>), Fault> {
        Err(Fault { line, field, kind })
    }

    #[test]
    fn plain_quoted_and_multiline_records() {
        let text = "a,b,c\r\n\r\n\n1,\"x, \"\"y\"\"\",3\n\"two\nlines\",z\rlast, spaced ,\n";
        assert_eq!(by_us(text), by_csv(text));
        assert_eq!(
            by_us(text),
            [
                (1, vec!["a".into(), "b".into(), "c".into()]),
                (4, vec!["1".into(), "x, \"y\"".into(), "3".into()]),
                (5, vec!["two\nlines".into(), "z".into()]),
                (7, vec!["last".into(), " spaced ".into(), "".into()]),
            ]
        );
    }

    #[test]
    fn lines_are_counted_by_cr_lf_and_crlf_alike() {
        // Old Mac line ends (a lone CR), inside a quoted field too.
        let text = "a,b\rc,d\r\"e\rf\",g\rh,\"i\"\r";
        assert_eq!(
            read(text, None),
            [
                rec(1, &["a", "b"]),
                rec(2, &["c", "d"]),
                rec(3, &["e\rf", "g"]),
                rec(5, &["h", "i"]),
            ]
        );
        assert_eq!(line_and_character(b"a\rb\r\nc\nd", 7), (4, 1));
        assert_eq!(line_and_character(b"a\rbc", 4), (2, 3));
    }

    #[test]
    fn a_quote_inside_an_unquoted_field_is_found_where_it_is() {
        let text = "a,b\nc,d\"e\nf,g\n";
        assert_eq!(
            read(text, Some(2)),
            [
                rec(1, &["a", "b"]),
                fault(2, 1, FaultKind::QuoteInUnquoted),
                rec(3, &["f", "g"]),
            ]
        );
        // Before a quoted field, a space makes the field unquoted.
        assert_eq!(
            read("a, \"b\"\n", None),
            [fault(1, 1, FaultKind::QuoteInUnquoted)]
        );
        // After a quoted field on the same line, too.
        assert_eq!(
            read("\"a\",b\"\nc,d\n", None),
            [fault(1, 1, FaultKind::QuoteInUnquoted), rec(2, &["c", "d"])]
        );
    }

    #[test]
    fn text_after_a_closing_quote_is_a_fault() {
        assert_eq!(
            read("a,\"x\"y\nb,c\n", Some(2)),
            [
                fault(1, 1, FaultKind::TextAfterClose { opened: None }),
                rec(2, &["b", "c"]),
            ]
        );
        // A field over two lines with a quote inside not doubled: the fault says where the
        // field opened.
        assert_eq!(
            read("a,\"x\nsays \"hi\" y\",z\nb,c\n", Some(3)),
            [
                fault(2, 1, FaultKind::TextAfterClose { opened: Some(1) }),
                rec(3, &["b", "c"]),
            ]
        );
    }

    #[test]
    fn a_quote_never_closed_costs_its_own_line_only() {
        let text = "a,b\n\"open,c\nd,e\n";
        assert_eq!(
            read(text, Some(2)),
            [
                rec(1, &["a", "b"]),
                fault(2, 0, FaultKind::Unclosed),
                rec(3, &["d", "e"]),
            ]
        );
        // What it swallowed is read again: doubled quotes there are quotes again.
        assert_eq!(
            read("\"a\n\"\"b\n", None),
            [
                fault(1, 0, FaultKind::Unclosed),
                fault(2, 0, FaultKind::TextAfterClose { opened: None }),
            ]
        );
    }

    #[test]
    fn a_quote_left_open_that_a_later_quote_closes_is_found_at_its_opening() {
        // Line 2's quote is left open; line 4's opens a field of its own.
        let text = "id,name,kind\nA,\"Alpha,x\nB,Beta,y\nC,\"Gamma, G\",z\n";
        assert_eq!(
            read(text, Some(3)),
            [
                rec(1, &["id", "name", "kind"]),
                fault(2, 1, FaultKind::LeftOpen { until: 4 }),
                rec(3, &["B", "Beta", "y"]),
                rec(4, &["C", "Gamma, G", "z"]),
            ]
        );
        // Line 2 is not a whole row, but the quote that closes its field opens one of line 3.
        let text = "id,name,kind\nA,\"Alpha x\nB,\"Beta\",y\n";
        assert_eq!(
            read(text, Some(3)),
            [
                rec(1, &["id", "name", "kind"]),
                fault(2, 1, FaultKind::LeftOpen { until: 3 }),
                rec(3, &["B", "Beta", "y"]),
            ]
        );
        // Two stray quotes that make a well-formed record of two whole rows.
        let text = "id,name,kind\nA,\"Alpha,x\nB,Beta\",y\n";
        assert_eq!(
            read(text, Some(3)),
            [
                rec(1, &["id", "name", "kind"]),
                fault(2, 1, FaultKind::LeftOpen { until: 3 }),
                fault(3, 1, FaultKind::QuoteInUnquoted),
            ]
        );
        // A field over two lines whose lines are not whole rows is accepted.
        let text = "id,name,kind\nA,\"Alpha\nfirst\",x\n";
        assert_eq!(read(text, Some(3))[1], rec(2, &["A", "Alpha\nfirst", "x"]));
    }

    #[test]
    fn line_ends_are_counted_across_blocks() {
        let mut bytes = Vec::new();
        for i in 0..2000u32 {
            bytes.extend_from_slice(if i % 3 == 0 { b"\"a\",b\n" } else { b"x\n" });
        }
        let lines = bytes.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(count_line_ends(&bytes), lines);
        assert_eq!(count_line_ends(&[b'\r'; 600]), 600);
        assert_eq!(count_line_ends(b""), 0);
    }

    /// Text made of the bytes that matter to CSV.
    fn csv_text() -> impl Strategy<Value = String> {
        proptest::collection::vec(
            prop_oneof![
                Just(","),
                Just("\""),
                Just("\"\""),
                Just("\n"),
                Just("\r"),
                Just("\r\n"),
                Just(" "),
                Just("a"),
                Just("bc"),
                Just("é"),
                Just("x\"y"),
            ],
            0..60,
        )
        .prop_map(|p| p.concat())
    }

    proptest! {
        /// Any text we read without a fault gives the records `csv` gives; any text with an odd
        /// number of quotes has a fault.
        #[test]
        fn records_match_the_csv_crate(text in csv_text()) {
            let ours = read(&text, None);
            let faults = ours.iter().filter(|r| r.is_err()).count();
            if faults == 0 {
                let ours: Vec<_> = ours.into_iter().filter_map(Result::ok).collect();
                prop_assert_eq!(ours, by_csv(&text));
            }
            if text.matches('"').count() % 2 == 1 {
                prop_assert!(faults > 0, "{:?}", text);
            }
        }

        /// Whatever `csv` writes, quotes and line breaks in fields included, reads back as it was.
        #[test]
        fn what_the_csv_crate_writes_reads_back(rows in proptest::collection::vec(
            proptest::collection::vec("[a\",\n\r é]{0,6}", 1..5), 1..6,
        )) {
            let mut w = csv::WriterBuilder::new().flexible(true).from_writer(Vec::new());
            for r in &rows {
                w.write_record(r).unwrap();
            }
            let text = String::from_utf8(w.into_inner().unwrap()).unwrap();
            let ours: Vec<Vec<String>> = by_us(&text).into_iter().map(|(_, f)| f).collect();
            prop_assert_eq!(ours, rows);
        }

    }
}
