//! Small text helpers shared by the loader, resolution and formatting: folding names for
//! matching ("Türkiye" = "turkiye"), "did you mean" suggestions (word by word, optimal string
//! alignment distance from `strsim`), and slug checks.

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

/// How many edits a typed word of `n` letters may be from the word meant: none up to three
/// letters (but for one swap of neighbours: "GRB" for "GBR"), one up to seven ("saftey",
/// "sumit"), two beyond ("bletchly" for "bletchley").
fn allowed_edits(n: usize) -> usize {
    match n {
        0..=3 => 0,
        4..=7 => 1,
        _ => 2,
    }
}

/// The edits from typed word `q` to word `w`, if few enough to be a typo of it.
fn typo_distance(q: &str, w: &str) -> Option<usize> {
    let d = strsim::osa_distance(q, w);
    let n = q.chars().count();
    let swap = d == 1 && n == w.chars().count() && {
        let (mut a, mut b): (Vec<char>, Vec<char>) = (q.chars().collect(), w.chars().collect());
        a.sort_unstable();
        b.sort_unstable();
        a == b
    };
    (d <= allowed_edits(n) || swap).then_some(d)
}

/// How far `typed` is from `candidate`, both as folded words: every typed word must be a
/// plausible typo of (or equal to) one of the candidate's words; the distance is the sum of
/// their edits. `None` is a clear mismatch ("north korea" is not "south korea": "north" is
/// no typo of "south").
fn words_distance(typed: &[&str], candidate: &[&str]) -> Option<usize> {
    typed.iter().try_fold(0, |total, q| {
        candidate
            .iter()
            .filter_map(|w| typo_distance(q, w))
            .min()
            .map(|d| total + d)
    })
}

/// The closest candidate to `input`, if it is close enough to be a plausible typo. Both are
/// compared as words, ignoring case, accents and punctuation ([`fold`]); each typed word may
/// be a few edits (Levenshtein plus swaps of neighbours) from a word of the candidate, fewer
/// for short words, so "bletchly" suggests "bletchley-2023" while "PRC" suggests nothing.
/// The input itself is not a suggestion (though its folded form may be: "\u{202e}signatory"
/// suggests "signatory"). Of two as close, the one with fewer words left over
/// wins ("singatory" is "signatory", not "non-signatory"), then the one given first, so the
/// caller decides (vocabulary order, file order, most frequent first).
pub fn suggest<'a, I>(input: &str, candidates: I) -> Option<String>
where
    I: IntoIterator<Item = &'a str>,
{
    let typed = fold(input);
    if typed.is_empty() || typed.chars().count() > 64 {
        return None;
    }
    let typed_words: Vec<&str> = typed.split(' ').collect();
    let mut best: Option<((usize, usize), &str)> = None;
    for c in candidates {
        let folded = fold(c);
        let words: Vec<&str> = folded.split(' ').collect();
        // One edit in a whole id of five letters or more is a typo too ("summit-x" for
        // "summit-a"), though a word of one letter may not change.
        let whole =
            (typed.chars().count() >= 5 && strsim::osa_distance(&typed, &folded) == 1).then_some(1);
        if let Some(d) = words_distance(&typed_words, &words).or(whole)
            && !c.eq_ignore_ascii_case(input.trim())
        {
            let key = (d, words.len().saturating_sub(typed_words.len()));
            if best.is_none_or(|(bk, _)| key < bk) {
                best = Some((key, c));
            }
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

/// "812 bytes", "48.2 kB", "1.4 MB" (powers of 1000, as file managers show them): the site's
/// file sizes and `convene cache status`.
pub fn size(n: usize) -> String {
    match n {
        0..1_000 => format!("{n} bytes"),
        1_000..1_000_000 => format!("{:.1} kB", n as f64 / 1e3),
        _ => format!("{:.1} MB", n as f64 / 1e6),
    }
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

    /// Issue 15: "north korea" suggested the Republic of Korea, "PRC" Greece, "nowhere"
    /// Cohere, while real typos got nothing.
    #[test]
    fn suggests_real_typos_and_nothing_across_a_clear_mismatch() {
        let events = ["bletchley-2023", "paris-2025", "seoul-intent-2024"];
        assert_eq!(
            suggest("bletchly", events).as_deref(),
            Some("bletchley-2023")
        );
        assert_eq!(
            suggest("bletchly-2023", events).as_deref(),
            Some("bletchley-2023")
        );
        let words = ["safety", "testing", "research"];
        assert_eq!(suggest("saftey", words).as_deref(), Some("safety"));
        let parties = [
            "south korea",
            "republic of korea",
            "greece",
            "grc",
            "cohere",
        ];
        assert_eq!(suggest("north korea", parties), None);
        assert_eq!(suggest("PRC", parties), None);
        assert_eq!(suggest("nowhere", parties), None);
        assert_eq!(
            suggest("south kroea", parties).as_deref(),
            Some("south korea")
        );
        assert_eq!(
            suggest("greece", parties),
            None,
            "an exact match is no suggestion"
        );
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
