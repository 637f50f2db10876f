//! Small text helpers shared by the loader, resolution and formatting: folding names for
//! matching ("Türkiye" = "turkiye"), "did you mean" suggestions (optimal string alignment
//! distance, from `strsim`), and slug checks.

use unicode_normalization::UnicodeNormalization;

/// Fold a name for matching: strip accents, lower-case, turn punctuation into spaces, drop a
/// leading "the", collapse spaces. "the Republic of Korea" and "republic of  korea" fold alike.
pub fn fold(s: &str) -> String {
    let stripped: String = s
        .nfkd()
        .filter(|c| !unicode_normalization::char::is_combining_mark(*c))
        .flat_map(|c| c.to_lowercase())
        .map(|c| if c.is_alphanumeric() { c } else { ' ' })
        .collect();
    let mut words: Vec<&str> = stripped.split_whitespace().collect();
    if words.len() > 1 && words[0] == "the" {
        words.remove(0);
    }
    words.join(" ")
}

/// The closest candidate to `input`, if it is close enough to be a plausible typo.
/// Comparison ignores case; the distance is Levenshtein plus adjacent transpositions, on chars.
/// Ties go to the candidate that sorts first, so the answer is stable.
pub fn suggest<'a, I>(input: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let lower = input.to_lowercase();
    if lower.is_empty() || lower.chars().count() > 64 {
        return None;
    }
    let limit = (lower.chars().count() / 3).max(1);
    let mut best: Option<(usize, &str)> = None;
    for c in candidates {
        let d = strsim::osa_distance(&lower, &c.to_lowercase());
        if d <= limit && best.is_none_or(|(bd, bc)| d < bd || (d == bd && c < bc)) {
            best = Some((d, c));
        }
    }
    best.map(|(_, c)| c.to_string())
}

/// ` (did you mean "X"?)`, or nothing.
pub fn did_you_mean<'a, I>(input: &str, candidates: I) -> String
where
    I: IntoIterator<Item = &'a str>,
{
    match suggest(input, candidates) {
        Some(s) => format!(" (did you mean \"{s}\"?)"),
        None => String::new(),
    }
}

/// A lower-case slug: `[a-z0-9-]+`, not starting or ending with `-`.
pub fn is_slug(s: &str) -> bool {
    !s.is_empty()
        && !s.starts_with('-')
        && !s.ends_with('-')
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// Show a value inside an error message: quoted, long values cut, and every character a
/// terminal must not receive raw escaped as [`inline`](crate::present::escape::inline) does
/// (control characters, line ends included, and invisible formatting characters).
pub fn quote(s: &str) -> String {
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        if i == 60 {
            out.push('…');
            break;
        }
        match c {
            '"' => out.push_str("\\\""),
            c if crate::present::escape::is_hidden(c) => out.extend(c.escape_default()),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {

    use super::*;

    #[test]
    fn fold_ignores_accents_case_punctuation_and_leading_the() {
        assert_eq!(fold("Türkiye"), "turkiye");
        assert_eq!(fold("the Republic of Korea"), "republic of korea");
        assert_eq!(fold("Korea, Republic of"), "korea republic of");
        assert_eq!(fold("  South   KOREA "), "south korea");
        assert_eq!(fold("Côte d'Ivoire"), "cote d ivoire");
    }

    #[test]
    fn suggests_transposed_codes_and_typos() {
        assert_eq!(
            suggest("GRB", ["GBR", "DEU", "GRC"]).as_deref(),
            Some("GBR")
        );
        assert_eq!(
            suggest("strat", ["start", "end", "series"]).as_deref(),
            Some("start")
        );
        assert_eq!(
            suggest("sumit", ["summit", "treaty"]).as_deref(),
            Some("summit")
        );
        assert_eq!(suggest("zzzzzz", ["summit", "treaty"]), None);
    }

    #[test]
    fn quoted_values_show_controls_and_invisible_characters_escaped() {
        assert_eq!(
            quote("GR\u{1b}[2J\nB\r\u{202e}\u{feff}\u{200b}\"x"),
            "\"GR\\u{1b}[2J\\nB\\r\\u{202e}\\u{feff}\\u{200b}\\\"x\""
        );
        assert_eq!(quote("Türkiye"), "\"Türkiye\"");
    }

    #[test]
    fn slugs_are_lower_case_words_joined_by_hyphens() {
        assert!(is_slug("bletchley-2023"));
        assert!(!is_slug("Bletchley-2023"));
        assert!(!is_slug("bletchley 2023"));
        assert!(!is_slug("-x"));
        assert!(!is_slug(""));
    }
}
