//! Escaping, shared by the views and the exporters: text for a terminal ([`clean`]), CSV
//! cells ([`csv_cell`]), Markdown ([`md`], [`md_link`]) and HTML ([`html`]).
//!
//! Each function maps a string to a string; none knows which view it serves.

/// Escape control characters (terminal escape sequences included) so that data cannot drive
/// the terminal. Newlines inside a cell become spaces.
pub fn clean(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            c if c.is_control()
                || ('\u{202A}'..='\u{202E}').contains(&c)
                || ('\u{2066}'..='\u{2069}').contains(&c) =>
            {
                out.push_str(&c.escape_unicode().to_string())
            }
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

/// A Markdown link to a URL, safe for URLs with parentheses or spaces.
pub fn md_link(text: &str, url: &str) -> String {
    let target: String = url
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

/// Escape text for HTML content and attribute values.
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
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

    #[test]
    fn markdown_escapes_markup_and_html() {
        assert_eq!(md("a|b <script>*x*"), "a\\|b &lt;script&gt;\\*x\\*");
        assert_eq!(
            md_link("s", "https://en.wikipedia.org/wiki/A_(b)"),
            "[s](https://en.wikipedia.org/wiki/A_%28b%29)"
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
