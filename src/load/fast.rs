//! The loader's speed devices, fenced here so that the rest of `load` reads as plain code and
//! no public type shows them: a record splitter for quote-free lines, the quote and line count,
//! and the one place a second thread is started.
//!
//! What each earns, measured on the M dataset (100k events, 1M participation rows) with
//! `convene check` (release build, 2 cores, medians of 5 interleaved runs):
//!
//! - [`Records`]: most rows hold no quote, and such a line is split at its commas in one pass
//!   over a byte-class table, with no copy; a line with a quote goes to `csv-core` (the state
//!   machine under the `csv` crate). Handing every line to `csv-core` instead costs 4.21 G
//!   instructions against 2.99 G (callgrind; the participation thread 2.62 G against 1.73 G)
//!   and 758 ms against 631 ms of wall time.
//! - [`count_quotes_and_lines`]: counted in 255-byte blocks the compiler vectorises; it was
//!   490 M instructions as a filter-and-count (BENCHMARKS.md).
//! - [`beside`]: participation.csv (1.73 G instructions) is read on a second thread while
//!   events.csv and event_priorities.csv (1.26 G on the first) are read. Pinned to one core
//!   (`taskset -c 0`, which also serialises the model's indexing thread) `check` takes 575 ms
//!   against 345 ms.
//!
//! Records are what `csv` yields (a property test below holds the splitter to it): `\n`,
//! `\r\n` and a lone `\r` end a record, and empty lines are skipped. One difference, on
//! purpose: a record's line is the line its first byte is on. `csv` reports where the previous
//! record ended, which is an earlier line when blank lines come between.

use csv_core::ReadRecordResult;

/// One record: its fields, as byte ranges of the file's text (a plain line) or of `unquoted`
/// (a record with quotes, as `csv-core` unquoted it).
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

/// Reads records one by one from a text.
pub(super) struct Records<'f> {
    text: &'f str,
    at: usize,
    line: u64,
    core: csv_core::Reader,
    out: Vec<u8>,
    ends: Vec<usize>,
}

impl<'f> Records<'f> {
    pub fn new(text: &'f str) -> Self {
        Records {
            text,
            at: 0,
            line: 1,
            core: csv_core::Reader::new(),
            out: vec![0; 1024],
            ends: vec![0; 32],
        }
    }

    /// The text records are read from.
    pub fn text(&self) -> &'f str {
        self.text
    }

    /// Read the next record into `rec`; `false` at the end of the text.
    pub fn next_into(&mut self, rec: &mut Record) -> bool {
        let b = self.text.as_bytes();
        // Line ends between records (and empty lines) are skipped.
        while self.at < b.len() && (b[self.at] == b'\n' || b[self.at] == b'\r') {
            if b[self.at] == b'\n' {
                self.line += 1;
            }
            self.at += 1;
        }
        if self.at >= b.len() {
            return false;
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
        true
    }

    /// A record with a quote, parsed by `csv-core` from `start`.
    fn quoted(&mut self, rec: &mut Record, start: usize) -> bool {
        let input = &self.text.as_bytes()[start..];
        rec.fields.clear();
        self.core.reset();
        let (mut nin, mut nout, mut nend) = (0, 0, 0);
        let found = loop {
            let (res, i, o, e) =
                self.core
                    .read_record(&input[nin..], &mut self.out[nout..], &mut self.ends[nend..]);
            nin += i;
            nout += o;
            nend += e;
            match res {
                // An empty input tells csv-core the text has ended.
                ReadRecordResult::InputEmpty => {}
                ReadRecordResult::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                ReadRecordResult::Record => break true,
                ReadRecordResult::End => break false,
            }
        };
        let consumed = &input[..nin];
        self.line += memchr::memchr_iter(b'\n', consumed).count() as u64;
        self.at = start + nin;
        if !found {
            return false;
        }
        // Quotes are ASCII, so what csv-core copies out of UTF-8 text is UTF-8.
        rec.unquoted.clear();
        rec.unquoted
            .push_str(&String::from_utf8_lossy(&self.out[..nout]));
        rec.quoted = true;
        let mut from = 0;
        for &e in &self.ends[..nend] {
            rec.fields.push((from, e));
            from = e;
        }
        true
    }
}

/// The number of `"` and of `\n` bytes. Counted in blocks of 255 bytes into byte-sized sums,
/// which the compiler turns into vector instructions (a plain filter-and-count is not).
pub(super) fn count_quotes_and_lines(bytes: &[u8]) -> (usize, usize) {
    let (mut quotes, mut lines) = (0usize, 0usize);
    for block in bytes.chunks(255) {
        let (mut q, mut n) = (0u8, 0u8);
        for &b in block {
            q += u8::from(b == b'"');
            n += u8::from(b == b'\n');
        }
        quotes += usize::from(q);
        lines += usize::from(n);
    }
    (quotes, lines)
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
            let line = 1 + b[..first].iter().filter(|&&c| c == b'\n').count() as u64;
            out.push((line, rec.iter().map(str::to_string).collect()));
        }
        out
    }

    fn by_us(text: &str) -> Vec<(u64, Vec<String>)> {
        let mut r = Records::new(text);
        let mut rec = Record::default();
        let mut out = Vec::new();
        while r.next_into(&mut rec) {
            out.push((rec.line, rec.iter(text).map(str::to_string).collect()));
        }
        out
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
                (6, vec!["last".into(), " spaced ".into(), "".into()]),
            ]
        );
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end() {
        let text = "a,b\n\"open,c\nd,e\n";
        assert_eq!(by_us(text), by_csv(text));
        assert_eq!(by_us(text).len(), 2);
    }

    #[test]
    fn quotes_and_lines_are_counted_across_blocks() {
        let mut bytes = Vec::new();
        for i in 0..2000u32 {
            bytes.extend_from_slice(if i % 3 == 0 { b"\"a\",b\n" } else { b"x\n" });
        }
        let quotes = bytes.iter().filter(|&&b| b == b'"').count();
        let lines = bytes.iter().filter(|&&b| b == b'\n').count();
        assert_eq!(count_quotes_and_lines(&bytes), (quotes, lines));
        assert_eq!(count_quotes_and_lines(&[b'"'; 600]), (600, 0));
        assert_eq!(count_quotes_and_lines(b""), (0, 0));
    }

    proptest! {
        /// Any text made of the bytes that matter to CSV gives the records `csv` gives.
        #[test]
        fn records_match_the_csv_crate(parts in proptest::collection::vec(
            prop_oneof![
                Just(","), Just("\""), Just("\"\""), Just("\n"), Just("\r"), Just("\r\n"),
                Just(" "), Just("a"), Just("bc"), Just("é"), Just("x\"y"),
            ],
            0..60,
        )) {
            let text: String = parts.concat();
            prop_assert_eq!(by_us(&text), by_csv(&text));
        }
    }
}
