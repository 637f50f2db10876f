//! Wrapping prose at the table width: paragraphs ([`wrap`]) and `key  value` fields
//! ([`wrap_field`]). The width is always a parameter, counted in terminal columns
//! (`unicode-width`: a CJK character takes two, a combining accent none).

use unicode_width::UnicodeWidthStr;

/// Wrap a paragraph at `width` columns; continuation lines are indented by two spaces.
pub fn wrap(text: &str, width: u16) -> String {
    let w = width as usize;
    let mut out = String::new();
    let mut len = 0;
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let wl = word.width();
        if len > 0 && len + 1 + wl > w {
            out.push_str("\n  ");
            len = 2;
        } else if len > 0 {
            out.push(' ');
            len += 1;
        }
        out.push_str(word);
        len += wl;
    }
    out.push('\n');
    out
}

/// "  key        value", wrapped at `width` columns (at least 36) with a hanging indent; each
/// line of `value` starts a new indented line.
pub fn wrap_field(key: &str, value: &str, width: u16) -> String {
    let indent = 16usize;
    let w = (width as usize).max(indent + 20);
    let mut out = String::new();
    let mut first = true;
    for para in value.split('\n') {
        let mut line = if first {
            format!("  {key:<width$}", width = indent - 2)
        } else {
            " ".repeat(indent)
        };
        if first && key.width() > indent - 3 {
            line = format!("  {key}\n{}", " ".repeat(indent));
        }
        first = false;
        let mut len = line.rsplit('\n').next().map_or(0, UnicodeWidthStr::width);
        let mut empty = true;
        for word in para.split(' ') {
            let wl = word.width();
            if !empty && len + 1 + wl > w {
                out.push_str(line.trim_end());
                out.push('\n');
                line = " ".repeat(indent);
                len = indent;
                empty = true;
            }
            if !empty {
                line.push(' ');
                len += 1;
            }
            line.push_str(word);
            len += wl;
            empty = false;
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapped_fields_fit_the_width() {
        let long = "word ".repeat(40);
        for line in wrap_field("note", long.trim(), 80).lines() {
            assert!(line.width() <= 80, "{line}");
        }
    }

    #[test]
    fn wrapped_paragraphs_fit_the_width_and_indent_continuations() {
        let text = "word ".repeat(40);
        let out = wrap(&text, 60);
        assert!(out.lines().count() > 1);
        for (i, line) in out.lines().enumerate() {
            assert!(line.width() <= 60, "{line}");
            assert_eq!(line.starts_with("  "), i > 0, "{line}");
        }
    }
}

#[cfg(test)]
mod width_tests {
    use super::*;

    #[test]
    fn wide_characters_count_as_two_columns() {
        // 12 CJK characters are 24 columns: at width 30 two of them do not fit on one line.
        let text = "人工知能 安全 研究所 国際 ネットワーク";
        let out = wrap(text, 20);
        for line in out.lines() {
            assert!(line.width() <= 20, "{line:?} is {} columns", line.width());
        }
        assert!(out.lines().count() > 1);
    }
}
