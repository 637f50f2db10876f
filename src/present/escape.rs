//! Escaping, shared by the views, the exporters and every message: text for a terminal
//! ([`terminal`], [`inline`], [`clean`]), CSV cells ([`csv_cell`]), Markdown ([`md`],
//! [`md_link`]), HTML ([`html`]) and URIs ([`uri`]).
//!
//! Each function maps a string to a string; none knows which view it serves. Which of them a
//! text needs depends on where it goes:
//!
//! - **A terminal** (stderr always, stdout when it is one): [`terminal`], applied by
//!   [`output`](crate::output) to every byte it writes there, so no message or view can forget
//!   it. Values put into a one-line message go through [`inline`] (or
//!   [`quote`](crate::text::quote)) first, so that they cannot break the line either; table
//!   cells go through [`clean`].
//! - **HTML and SVG**: markup escaped, control characters replaced, and the bidirectional
//!   overrides and isolates ([`is_bidi_override`]) dropped, so that a name cannot reorder the
//!   text around it.
//!
//! The characters a terminal must not receive raw are [`is_hidden`]: control characters (C0,
//! DEL and C1: ESC, BEL, CR, NEL, CSI, …), which a terminal acts on, and the invisible
//! formatting characters (bidirectional marks, embeddings, overrides and isolates, the
//! byte-order mark, zero-width space, word joiners, soft hyphen, tag characters, line and
//! paragraph separators), which make two different texts look alike or reorder what is shown.
//! They are shown as Rust writes them, `\u{1b}`, `\u{202e}`, `\r`, so the text can be read and
//! typed back.

/// Bidirectional embeddings, overrides (U+202A–202E) and isolates (U+2066–2069): they reorder
/// the text after them up to the end of a paragraph, so a name could reverse its neighbours.
pub fn is_bidi_override(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters shown escaped on a terminal: every control character (`char::is_control`, the
/// Unicode category Cc), the bidirectional overrides and isolates, and the other invisible
/// formatting characters in [`INVISIBLE`], which a terminal prints as nothing or uses to reorder
/// text. Zero-width joiner and non-joiner (U+200C, U+200D) are not among them: Persian, the
/// Indic scripts and emoji need them to be written at all.
pub fn is_hidden(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_control();
    }
    c.is_control()
        || is_bidi_override(c)
        || INVISIBLE.iter().any(|&(lo, hi)| (lo..=hi).contains(&c))
}

/// Invisible formatting characters (first, last) that [`is_hidden`] also escapes.
pub const INVISIBLE: [(char, char); 13] = [
    ('\u{00AD}', '\u{00AD}'),   // soft hyphen
    ('\u{061C}', '\u{061C}'),   // Arabic letter mark
    ('\u{180E}', '\u{180E}'),   // Mongolian vowel separator
    ('\u{200B}', '\u{200B}'),   // zero-width space
    ('\u{200E}', '\u{200F}'),   // left-to-right and right-to-left marks
    ('\u{2028}', '\u{2029}'),   // line and paragraph separators
    ('\u{2060}', '\u{2064}'),   // word joiner, invisible operators
    ('\u{206A}', '\u{206F}'),   // deprecated format characters
    ('\u{FEFF}', '\u{FEFF}'),   // byte-order mark (zero-width no-break space)
    ('\u{FFF9}', '\u{FFFB}'),   // interlinear annotation
    ('\u{1D173}', '\u{1D17A}'), // musical format characters
    ('\u{E0001}', '\u{E0001}'), // language tag
    ('\u{E0020}', '\u{E007F}'), // tag characters
];

/// Push `c` as Rust escapes it: `\n`, `\r`, `\t`, or `\u{…}`.
fn push_escaped(out: &mut String, c: char) {
    out.extend(c.escape_default());
}

/// A whole text for a terminal: every [hidden](is_hidden) character escaped except the line
/// ends and tabs that lay the text out (`\n`, `\t`, and the CR of a CRLF, as iCalendar uses).
/// A text with nothing to escape comes back unchanged, and the escaped form has nothing left
/// to escape, so applying it twice is applying it once.
pub fn terminal(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\n' | '\t' => out.push(c),
            '\r' if chars.peek() == Some(&'\n') => out.push(c),
            c if is_hidden(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// A value inside one line of a message for a terminal: every [hidden](is_hidden) character
/// escaped, line ends and tabs included, so the value can neither drive the terminal nor start
/// a line that looks like another message.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if is_hidden(c) {
            push_escaped(&mut out, c);
        } else {
            out.push(c);
        }
    }
    out
}

/// A table cell or field for a terminal: line ends and tabs become spaces (a cell is laid out
/// by the table), every other [hidden](is_hidden) character is escaped.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if is_hidden(c) => push_escaped(&mut out, c),
            c => out.push(c),
        }
    }
    out
}

/// Neutralise a CSV cell that a spreadsheet would evaluate (OWASP "CSV injection"): a cell
/// starting with `=`, `+`, `-`, `@`, tab or carriage return gets a leading `'`.
pub fn csv_cell(s: &str) -> String {
    match s.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{s}"),
        _ => s.to_string(),
    }
}

/// Escape text for a Markdown table cell or paragraph.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in clean(s).chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '\\' | '`' | '*' | '_' | '[' | ']' | '|' | '#' | '~' | '!' | '$' => {
                out.push('\\');
                out.push(c)
            }
            c => out.push(c),
        }
    }
    out
}

/// Markdown prose with its web addresses as autolinks (`<https://…>`): the text around them is
/// escaped as [`md`] does, the address not at all, since GFM renderers keep a backslash or an
/// entity inside a link's address (`\_`, `&amp;`) and so break it. An address runs to the next
/// space; trailing punctuation (`.,;:!?` and a `)` that closes nothing inside it) is left
/// outside, as GFM's autolink extension does. Characters an autolink cannot hold (`<`, `>`,
/// controls) are percent-encoded.
pub fn md_prose(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 16);
    let mut rest = s;
    while let Some(at) = ["https://", "http://"]
        .iter()
        .filter_map(|p| rest.find(p))
        .min()
    {
        out.push_str(&md(&rest[..at]));
        let tail = &rest[at..];
        let end = tail.find(|c: char| c.is_whitespace()).unwrap_or(tail.len());
        let mut url = &tail[..end];
        loop {
            let trimmed = url.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '"']);
            let unbalanced = trimmed.ends_with(')')
                && trimmed.matches(')').count() > trimmed.matches('(').count();
            let trimmed = if unbalanced {
                &trimmed[..trimmed.len() - 1]
            } else {
                trimmed
            };
            if trimmed.len() == url.len() {
                break;
            }
            url = trimmed;
        }
        let encoded: String = uri(url)
            .chars()
            .map(|c| match c {
                '<' => "%3C".to_string(),
                '>' => "%3E".to_string(),
                c => c.to_string(),
            })
            .collect();
        out.push('<');
        out.push_str(&encoded);
        out.push('>');
        rest = &tail[url.len()..];
    }
    out.push_str(&md(rest));
    out
}

/// A URI with its control characters percent-encoded (as UTF-8 bytes), as a browser would
/// send them, so the address stays the same one. The loader refuses whitespace in a source but
/// lets other control characters through; RFC 5545 forbids them in any value, and CommonMark
/// ends a link destination at one.
pub fn uri(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if c.is_control() {
            let mut buf = [0; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("%{b:02X}"));
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A Markdown link to a URL, safe for URLs with parentheses, spaces or control characters.
pub fn md_link(text: &str, url: &str) -> String {
    let target: String = uri(url)
        .chars()
        .map(|c| match c {
            '(' => "%28".to_string(),
            ')' => "%29".to_string(),
            ' ' => "%20".to_string(),
            '<' => "%3C".to_string(),
            '>' => "%3E".to_string(),
            c => c.to_string(),
        })
        .collect();
    format!("[{}]({target})", md(text))
}

/// Escape text for HTML content and attribute values. Control characters but `\n` become
/// U+FFFD; bidirectional overrides and isolates are dropped ([`is_bidi_override`]).
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            c if is_bidi_override(c) => {}
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod prose_tests {
    use super::*;

    #[test]
    fn addresses_in_prose_become_autolinks_with_nothing_escaped_inside() {
        assert_eq!(
            md_prose("Co-hosted (https://a.example/x_y?a=1&b=2). See https://b.example/p_(q)."),
            "Co-hosted (<https://a.example/x_y?a=1&b=2>). See <https://b.example/p_(q)>."
        );
        assert_eq!(md_prose("no address *here*"), "no address \\*here\\*");
        assert_eq!(
            md_prose("https://x.example/<b>"),
            "<https://x.example/%3Cb%3E>"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_that_start_a_formula_are_neutralised() {
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("@SUM"), "'@SUM");
        assert_eq!(csv_cell("GBR"), "GBR");
    }

    #[test]
    fn terminal_escapes_are_shown_not_executed() {
        assert_eq!(clean("a\u{1b}[31mb"), "a\\u{1b}[31mb");
        assert_eq!(clean("x\ny"), "x y");
    }

    /// The hostile texts of the issue, each with what a terminal is given instead.
    const HOSTILE: [(&str, &str); 8] = [
        ("\u{1b}]0;pwn\u{7}", "\\u{1b}]0;pwn\\u{7}"),
        ("\u{1b}[2J", "\\u{1b}[2J"),
        ("over\rwrite", "over\\rwrite"),
        ("\u{feff}BOM", "\\u{feff}BOM"),
        ("zero\u{200b}width", "zero\\u{200b}width"),
        (
            "\u{202e}RLO \u{2066}isolate\u{2069}",
            "\\u{202e}RLO \\u{2066}isolate\\u{2069}",
        ),
        ("marks \u{200e}\u{200f}", "marks \\u{200e}\\u{200f}"),
        ("C1 \u{9b}31m NEL\u{85}", "C1 \\u{9b}31m NEL\\u{85}"),
    ];

    #[test]
    fn a_text_for_the_terminal_escapes_controls_and_invisible_characters_but_keeps_its_lines() {
        for (raw, shown) in HOSTILE {
            assert_eq!(terminal(raw), shown, "{raw:?}");
            assert_eq!(inline(raw), shown, "{raw:?}");
            assert_eq!(terminal(shown), shown, "escaping twice is escaping once");
        }
        assert_eq!(
            terminal("line 1\n\tline 2\r\nline 3\rover"),
            "line 1\n\tline 2\r\nline 3\\rover"
        );
        assert_eq!(
            terminal("Türkiye, Côte d'Ivoire, مؤتمر, 🤖"),
            "Türkiye, Côte d'Ivoire, مؤتمر, 🤖"
        );
        // Zero-width (non-)joiners write Persian and emoji; they are not hidden.
        assert_eq!(
            terminal("می\u{200c}خواهم 👩\u{200d}💻"),
            "می\u{200c}خواهم 👩\u{200d}💻"
        );
    }

    #[test]
    fn a_value_inside_a_message_cannot_start_a_line() {
        assert_eq!(inline("a\nerror: fake\r\n\tb"), "a\\nerror: fake\\r\\n\\tb");
        assert_eq!(clean("a\nb\rc\td\u{2028}e"), "a b c d\\u{2028}e");
    }

    #[test]
    fn html_drops_bidi_overrides_and_isolates_but_keeps_marks() {
        assert_eq!(
            html(
                "\u{202a}\u{202b}\u{202c}\u{202d}\u{202e}x\u{2066}\u{2067}\u{2068}\u{2069}\u{200f}"
            ),
            "x\u{200f}"
        );
    }

    #[test]
    fn markdown_escapes_markup_and_html() {
        assert_eq!(md("a|b <script>*x*"), "a\\|b &lt;script&gt;\\*x\\*");
        assert_eq!(
            md_link("s", "https://en.wikipedia.org/wiki/A_(b)"),
            "[s](https://en.wikipedia.org/wiki/A_%28b%29)"
        );
    }

    #[test]
    fn control_characters_in_a_uri_are_percent_encoded() {
        assert_eq!(
            uri("https://x.org/a\u{1b}]0;t\u{7}?q=1;r=2,s\u{9b}"),
            "https://x.org/a%1B]0;t%07?q=1;r=2,s%C2%9B"
        );
        assert_eq!(uri("https://x.org/Türkiye"), "https://x.org/Türkiye");
        assert_eq!(
            md_link("s", "https://x.org/(a)\u{1b}"),
            "[s](https://x.org/%28a%29%1B)"
        );
    }

    #[test]
    fn html_escapes_markup_quotes_and_control_characters() {
        assert_eq!(
            html("<b a=\"x\">'&\u{7}"),
            "&lt;b a=&quot;x&quot;&gt;&#39;&amp;\u{FFFD}"
        );
    }
}
