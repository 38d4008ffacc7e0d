//! Text normalisation for matching: normalise, tokenise, stem, and the
//! similarity measures built on them (token-set overlap and TF-IDF cosine).
//!
//! Everything here is deterministic and allocation-light; the same text
//! always gives the same tokens, whatever else is in the corpus (only the
//! IDF weights depend on the corpus).

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::thresholds::{CONTAINMENT_WEIGHT, MIN_CONTAINED};
use crate::LookupMap;

/// Lower-cases, folds typographic quotes and dashes, turns every other
/// non-alphanumeric character into a space and collapses runs of
/// whitespace (line wraps included).
pub(crate) fn normalise(text: &str) -> String {
    if text.is_ascii() {
        return normalise_ascii(text.as_bytes());
    }
    normalise_chars(text)
}

/// [`normalise`] character by character, for text that is not all ASCII.
fn normalise_chars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for ch in text.chars() {
        if matches!(ch, '\'' | '\u{2018}' | '\u{2019}') {
            continue;
        }
        // Report text is nearly all ASCII: its letters lower-case without
        // the Unicode tables, a tenth of a build's time before this path.
        let word = if ch.is_ascii() {
            ch.is_ascii_alphanumeric()
        } else {
            ch.is_alphanumeric()
        };
        if !word {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        if ch.is_ascii() {
            out.push(ch.to_ascii_lowercase());
        } else {
            out.extend(ch.to_lowercase());
        }
    }
    out
}

/// [`normalise`] for ASCII text (nearly every report), byte by byte with
/// no character decoding: the same rules, a third of the instructions.
fn normalise_ascii(text: &[u8]) -> String {
    let mut out: Vec<u8> = Vec::with_capacity(text.len());
    let mut space = false;
    for &b in text {
        if b == b'\'' {
            continue;
        }
        if !b.is_ascii_alphanumeric() {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(b' ');
        }
        space = false;
        out.push(b.to_ascii_lowercase());
    }
    // Only ASCII letters, digits and spaces were written.
    String::from_utf8(out).unwrap_or_default()
}

/// Words too common in English or in peer review reports to say anything
/// about what a recommendation is about.
const STOPWORDS: &[&str] = &[
    "a", "about", "across", "all", "also", "an", "and", "any", "are", "as", "at", "be", "been",
    "being", "both", "but", "by", "can", "could", "council", "councils", "do", "does", "each",
    "ensure", "for", "from", "further", "has", "have", "how", "in", "into", "is", "it", "its",
    "more", "most", "need", "needs", "not", "of", "on", "or", "other", "our", "over", "should",
    "so", "such", "than", "that", "the", "their", "them", "then", "there", "these", "this",
    "those", "through", "to", "up", "was", "well", "were", "what", "when", "which", "while", "who",
    "will", "with", "within", "would", "you", "your",
];

/// The longest stopword: a longer word is none, without a search.
const LONGEST_STOPWORD: usize = 8;

/// A word of at most eight bytes as one number: its bytes, first byte
/// highest, zero-padded. Words hold no zero byte, so two words pack alike
/// only when they are the same, and packed words sort as the words do.
const fn pack(word: &[u8]) -> u64 {
    let mut v = 0u64;
    let mut i = 0;
    while i < 8 {
        v <<= 8;
        if i < word.len() {
            v |= word[i] as u64;
        }
        i += 1;
    }
    v
}

/// [`STOPWORDS`] packed, in the same (sorted) order: every word of every
/// text is looked up here, and comparing numbers is several times cheaper
/// than comparing strings.
const STOPWORD_KEYS: [u64; STOPWORDS.len()] = {
    let mut keys = [0u64; STOPWORDS.len()];
    let mut i = 0;
    while i < STOPWORDS.len() {
        keys[i] = pack(STOPWORDS[i].as_bytes());
        i += 1;
    }
    keys
};

fn is_stopword(word: &str) -> bool {
    word.len() <= LONGEST_STOPWORD && STOPWORD_KEYS.binary_search(&pack(word.as_bytes())).is_ok()
}

/// Suffixes stripped by [`stem_into`], longest first within each step, with
/// their replacement. British and American spellings fold together
/// (`-isation`/`-ization`).
const SUFFIXES: &[(&str, &str)] = &[
    ("isations", ""),
    ("izations", ""),
    ("isation", ""),
    ("ization", ""),
    ("ational", "ate"),
    ("fulness", "ful"),
    ("iveness", "ive"),
    ("ousness", "ous"),
    ("ements", ""),
    ("ations", ""),
    ("ement", ""),
    ("ation", ""),
    ("ments", ""),
    ("ising", ""),
    ("izing", ""),
    ("ities", ""),
    ("ment", ""),
    ("ness", ""),
    ("ship", ""),
    ("ance", ""),
    ("ence", ""),
    ("ised", ""),
    ("ized", ""),
    ("ity", ""),
    ("ies", ""),
    ("ial", ""),
    ("ing", ""),
    ("ise", ""),
    ("ize", ""),
    ("ive", ""),
    ("ed", ""),
    ("ly", ""),
    ("al", ""),
    ("ic", ""),
    ("es", ""),
    ("s", ""),
    ("y", ""),
    ("e", ""),
];

/// The [`SUFFIXES`] that end in `last`, in their order there. Suffixes
/// that end in different letters never both fit a word, so only the order
/// of those ending alike matters, and a word is compared with those alone
/// rather than with all of them.
fn suffixes_ending_in(last: u8) -> &'static [(&'static str, &'static str)] {
    type Table = Vec<Vec<(&'static str, &'static str)>>;
    static BY_LAST: OnceLock<Table> = OnceLock::new();
    let table = BY_LAST.get_or_init(|| {
        let mut table: Table = vec![Vec::new(); 256];
        for &(suffix, rep) in SUFFIXES {
            if let Some(list) = suffix
                .as_bytes()
                .last()
                .and_then(|&b| table.get_mut(usize::from(b)))
            {
                list.push((suffix, rep));
            }
        }
        table
    });
    table.get(usize::from(last)).map_or(&[], Vec::as_slice)
}

/// A light suffix-stripping stemmer: one suffix from [`SUFFIXES`] is
/// removed when at least four letters remain (three for a one-letter
/// suffix), and a final doubled
/// consonant is undoubled ("planned" → "plan"). Crude, but stable, and it
/// makes "engagement"/"engaging"/"engage" and "priorities"/"priority"
/// agree, which is all lexical matching needs.
///
/// The stem is written at the end of `out` (which may hold other words),
/// so that tokens are built in one reused buffer.
fn stem_into(word: &str, out: &mut String) {
    let from = out.len();
    out.push_str(word);
    if word.len() <= 3 || !word.is_ascii() {
        return;
    }
    let bytes = word.as_bytes();
    let last = bytes.last().copied().unwrap_or_default();
    // "ss", "us" and "is" endings ("process", "focus", "basis") keep their letters.
    let kept = matches!(bytes, [.., b's' | b'u' | b'i', b's']);
    if !kept {
        for (suffix, rep) in suffixes_ending_in(last) {
            if ends_with(bytes, suffix.as_bytes()) {
                let rest = word.len() - suffix.len();
                let min = if suffix.len() == 1 { 3 } else { 4 };
                if rest >= min {
                    out.truncate(from + rest);
                    out.push_str(rep);
                    break;
                }
            }
        }
    }
    let bytes = &out.as_bytes()[from..];
    if let [.., a, b] = bytes {
        if bytes.len() >= 4 && a == b && !b"lszeoaiu".contains(b) {
            out.pop();
        }
    }
}

/// Whether `word` ends with `suffix`, compared a byte at a time: suffixes
/// are a few bytes, and a call into `memcmp` for each of the many tried
/// on every word cost more than the comparison.
fn ends_with(word: &[u8], suffix: &[u8]) -> bool {
    word.len() >= suffix.len()
        && word
            .iter()
            .rev()
            .zip(suffix.iter().rev())
            .all(|(a, b)| a == b)
}

/// The content words of `text`: normalised, stopwords removed, stemmed.
/// Single letters are dropped; digits are kept (a year or a number can be
/// what two recommendations share).
pub(crate) fn tokens(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    for_each_token(&normalise(text), |t| out.push(t.to_string()));
    out
}

/// Calls `f` with each of the [`tokens`] of a text already [`normalise`]d,
/// none of them allocated: for callers that keep the normalised text, or
/// keep something smaller than the words themselves.
pub(crate) fn for_each_token(normal: &str, f: impl FnMut(&str)) {
    // Room for any ordinary word at once, not grown a byte at a time.
    let mut token = String::with_capacity(32);
    each_token(normal, &mut token, f);
}

/// The content words of `text` ([`tokens`]) in one string, separated by
/// single spaces (no token holds one): what a linker keeps for every
/// recommendation, a fraction of the memory and none of the allocations
/// of a list of strings. [`line_tokens`] reads them back.
pub(crate) fn token_line(text: &str) -> String {
    let normal = normalise(text);
    let mut line = String::with_capacity(normal.len());
    let mut token = String::with_capacity(32);
    each_token(&normal, &mut token, |t| {
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(t);
    });
    line.shrink_to_fit();
    line
}

/// The tokens of a [`token_line`], in order.
pub(crate) fn line_tokens(line: &str) -> impl Iterator<Item = &str> + Clone {
    SpacedWords { rest: line }
}

/// The words of a text whose words are separated by spaces (a normalised
/// text, a token line), empty ones skipped: `split(' ')` without its
/// searcher, which cost more per word than finding a space in the few
/// bytes of a word does.
#[derive(Debug, Clone)]
struct SpacedWords<'a> {
    rest: &'a str,
}

impl<'a> Iterator for SpacedWords<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.rest.as_bytes();
        let start = bytes.iter().position(|&b| b != b' ')?;
        let end = bytes[start..]
            .iter()
            .position(|&b| b == b' ')
            .map_or(bytes.len(), |n| start + n);
        // Both ends are at a space or an end of the text: char boundaries.
        let word = self.rest.get(start..end)?;
        self.rest = self.rest.get(end..).unwrap_or_default();
        Some(word)
    }
}

/// Calls `f` with each content word of the normalised text `normal`, in
/// order, each built in `token` (reused, so no word allocates).
fn each_token(normal: &str, token: &mut String, mut f: impl FnMut(&str)) {
    let mut emit = |word: &str| {
        token.clear();
        stem_into(word, token);
        f(token);
    };
    let mut words = SpacedWords { rest: normal }.peekable();
    while let Some(w) = words.next() {
        // "O&S" normalises to "o s": the two letters are one abbreviation.
        if w.len() == 1 {
            if let Some(&b) = words.peek() {
                if b.len() == 1 {
                    if let Some(expansion) =
                        PAIRS.iter().find(|(p, _)| *p == (w, b)).map(|(_, e)| e)
                    {
                        expansion.split(' ').for_each(&mut emit);
                        words.next();
                        continue;
                    }
                }
            }
        }
        let abbreviation = (w.len() <= LONGEST_ABBREVIATION)
            .then(|| ABBREVIATIONS.iter().find(|(abbr, _)| *abbr == w))
            .flatten();
        if let Some((_, expansion)) = abbreviation {
            expansion
                .split(' ')
                .filter(|x| !is_stopword(x))
                .for_each(&mut emit);
            continue;
        }
        if is_stopword(w) || (w.len() == 1 && !w.chars().all(|c| c.is_ascii_digit())) {
            continue;
        }
        let w = SYNONYMS
            .iter()
            .find(|(from, _)| *from == w)
            .map_or(w, |(_, to)| *to);
        emit(w);
    }
}

/// Abbreviations local government writes, and what they stand for, so
/// that "the MTFS" and "the medium term financial strategy" agree. Only
/// forms that are not ordinary words ("BID" is left out: "bid" is one).
/// Documented in docs/linking.md.
pub(crate) const ABBREVIATIONS: &[(&str, &str)] = &[
    ("asc", "adult social care"),
    ("cil", "community infrastructure levy"),
    ("cmt", "corporate management team"),
    ("cqc", "care quality commission"),
    ("elt", "executive leadership team"),
    ("hr", "human resources"),
    ("hra", "housing revenue account"),
    ("ict", "information communications technology"),
    ("kpi", "key performance indicator"),
    ("kpis", "key performance indicators"),
    ("lep", "local enterprise partnership"),
    ("mca", "mayoral combined authority"),
    ("mtfp", "medium term financial plan"),
    ("mtfs", "medium term financial strategy"),
    ("od", "organisational development"),
    ("os", "overview scrutiny"),
    ("pas", "planning advisory service"),
    ("s151", "section 151 officer"),
    ("slt", "senior leadership team"),
    ("smt", "senior management team"),
    ("vcs", "voluntary community sector"),
    ("vcse", "voluntary community social enterprise"),
];

/// The longest abbreviation: a longer word is none, without a search.
const LONGEST_ABBREVIATION: usize = 4;

/// Two single letters that are one abbreviation once "&" is gone.
const PAIRS: &[((&str, &str), &str)] = &[
    (("o", "s"), "overview scrutiny"),
    (("h", "s"), "health safety"),
];

/// Words reports use interchangeably, folded to one.
const SYNONYMS: &[(&str, &str)] = &[
    ("councillor", "member"),
    ("councillors", "members"),
    ("refresh", "update"),
    ("refreshed", "updated"),
    ("refreshing", "updating"),
    ("revise", "update"),
    ("revised", "updated"),
    ("employees", "staff"),
];

/// The distinct content words of `text`.
#[cfg(test)]
pub(crate) fn token_set(text: &str) -> BTreeSet<String> {
    tokens(text).into_iter().collect()
}

/// Overlap of two token sets: the larger of the Dice coefficient and, when
/// the smaller set has at least [`MIN_CONTAINED`] words,
/// [`CONTAINMENT_WEIGHT`] times the
/// containment (share of the smaller set found in the larger). Containment
/// lets a restatement that quotes only part of a recommendation still match
/// it, a little below a full match.
pub(crate) fn overlap<T: Ord>(a: &BTreeSet<T>, b: &BTreeSet<T>) -> f64 {
    overlap_of(a.intersection(b).count(), a.len(), b.len())
}

/// [`overlap`] of two sorted lists without repeats.
pub(crate) fn sorted_overlap<T: Ord + Copy>(a: &[T], b: &[T]) -> f64 {
    let common = a.len() + b.len() - sorted_union(a, b).count();
    overlap_of(common, a.len(), b.len())
}

/// The items of two sorted lists without repeats, each once, in order.
pub(crate) fn sorted_union<'a, T: Ord + Copy>(
    a: &'a [T],
    b: &'a [T],
) -> impl Iterator<Item = T> + 'a {
    let mut a = a.iter().copied().peekable();
    let mut b = b.iter().copied().peekable();
    std::iter::from_fn(move || match (a.peek(), b.peek()) {
        (Some(x), Some(y)) if x < y => a.next(),
        (Some(x), Some(y)) if x > y => b.next(),
        (Some(_), Some(_)) => {
            b.next();
            a.next()
        }
        (Some(_), None) => a.next(),
        (None, _) => b.next(),
    })
}

/// The score of [`overlap`] for sets of `a` and `b` words with `common`
/// words in both.
fn overlap_of(common: usize, a: usize, b: usize) -> f64 {
    if a == 0 || b == 0 {
        return 0.0;
    }
    let common = common as f64;
    let dice = 2.0 * common / (a + b) as f64;
    let small = a.min(b);
    let contained = if small >= MIN_CONTAINED {
        CONTAINMENT_WEIGHT * common / small as f64
    } else {
        0.0
    };
    dice.max(contained)
}

/// A sparse, L2-normalised TF-IDF vector: (term id, weight), sorted by term.
pub(crate) type Vector = Vec<(u32, f32)>;

/// TF-IDF weights over a set of token lists (one per recommendation).
/// Term ids are assigned in sorted term order, so they do not depend on the
/// order the documents came in.
#[derive(Debug, Default)]
pub(crate) struct TfIdf {
    /// Term → id, looked up once per token of every recommendation (the
    /// ids themselves follow term order).
    terms: LookupMap<String, u32>,
    idf: Vec<f32>,
}

impl TfIdf {
    /// Learns document frequencies from `docs`, each a list of tokens.
    pub(crate) fn fit<'a, D>(docs: impl IntoIterator<Item = D>) -> TfIdf
    where
        D: IntoIterator<Item = &'a str>,
    {
        // Counted by look-up, then put in term order below, which fixes
        // the ids.
        let mut counts: LookupMap<&'a str, u32> = LookupMap::default();
        let mut n = 0u32;
        let mut distinct: Vec<&'a str> = Vec::new();
        for doc in docs {
            n += 1;
            distinct.clear();
            distinct.extend(doc);
            distinct.sort_unstable();
            distinct.dedup();
            for t in &distinct {
                *counts.entry(t).or_insert(0) += 1;
            }
        }
        let mut df: Vec<(&'a str, u32)> = counts.into_iter().collect();
        df.sort_unstable();
        let mut terms = crate::lookup_map(df.len());
        let mut idf = Vec::with_capacity(df.len());
        for (i, (t, f)) in df.into_iter().enumerate() {
            terms.insert(t.to_string(), i as u32);
            // Smoothed IDF: never zero, so a term every document shares
            // still counts a little.
            idf.push((((1 + n) as f32) / ((1 + f) as f32)).ln() + 1.0);
        }
        TfIdf { terms, idf }
    }

    /// The vector of one token list; unknown terms are ignored.
    pub(crate) fn vector<'a>(&self, doc: impl IntoIterator<Item = &'a str>) -> Vector {
        // The term ids in order, then counted run by run: a recommendation
        // has a few dozen tokens, fewer than a map would be worth.
        let mut ids: Vec<u32> = doc
            .into_iter()
            .filter_map(|t| self.terms.get(t).copied())
            .collect();
        ids.sort_unstable();
        let runs = || ids.chunk_by(|a, b| a == b);
        // Exactly as long as the distinct terms: a vector is kept for every
        // recommendation until linking ends.
        let mut v: Vector = Vec::with_capacity(runs().count());
        v.extend(runs().filter_map(|run| {
            let &id = run.first()?;
            let idf = self.idf.get(id as usize).copied().unwrap_or(1.0);
            Some((id, run.len() as f32 * idf))
        }));
        let norm = v.iter().map(|(_, w)| w * w).sum::<f32>().sqrt();
        if norm > 0.0 {
            for (_, w) in &mut v {
                *w /= norm;
            }
        }
        v
    }

    /// How many distinct terms the corpus holds.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.idf.len()
    }
}

/// Cosine similarity of two normalised sparse vectors (a sorted merge).
pub(crate) fn cosine(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    let (mut i, mut j, mut sum) = (0, 0, 0.0f64);
    while let (Some(&(ta, wa)), Some(&(tb, wb))) = (a.get(i), b.get(j)) {
        match ta.cmp(&tb) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                sum += f64::from(wa) * f64::from(wb);
                i += 1;
                j += 1;
            }
        }
    }
    sum.clamp(0.0, 1.0)
}

/// Rounds a score for output, so that evidence reads well and float noise
/// never reaches an export.
pub(crate) fn round3(x: f64) -> f64 {
    (x * 1000.0).round() / 1000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stem(word: &str) -> String {
        let mut out = String::new();
        stem_into(word, &mut out);
        out
    }

    #[test]
    fn stopwords_are_sorted_for_binary_search() {
        let mut sorted = STOPWORDS.to_vec();
        sorted.sort_unstable();
        assert_eq!(sorted, STOPWORDS);
    }

    #[test]
    fn packed_stopwords_keep_their_order_and_find_only_themselves() {
        assert!(STOPWORD_KEYS.windows(2).all(|w| w[0] < w[1]));
        for w in STOPWORDS {
            assert!(is_stopword(w), "{w}");
        }
        for w in [
            "", "ab", "abou", "abouts", "th", "thes", "withins", "councilx",
        ] {
            assert!(!is_stopword(w), "{w}");
        }
    }

    #[test]
    fn longest_entries_are_what_the_searches_skip_beyond() {
        let longest = |words: &mut dyn Iterator<Item = &str>| words.map(str::len).max();
        assert_eq!(
            longest(&mut STOPWORDS.iter().copied()),
            Some(LONGEST_STOPWORD)
        );
        assert_eq!(
            longest(&mut ABBREVIATIONS.iter().map(|(a, _)| *a)),
            Some(LONGEST_ABBREVIATION)
        );
    }

    #[test]
    fn normalise_folds_wraps_and_punctuation() {
        assert_eq!(
            normalise("Develop  the\nrole — of ALL members."),
            "develop the role of all members"
        );
        assert_eq!(normalise("council’s ***plan***"), "councils plan");
        assert_eq!(normalise("Ça ‘Déjà’ VU, ΣΟΦΙΑ’s"), "ça déjà vu σοφιαs");
    }

    #[test]
    fn stems_agree_across_forms() {
        for group in [
            &["engagement", "engaging", "engage", "engaged"][..],
            &["priorities", "priority"],
            &["organisation", "organization", "organisations"],
            &["governance", "governing"],
            &["partners", "partnership", "partner"],
            &["strategy", "strategic", "strategies"],
            &["planned", "plan", "plans", "planning"],
        ] {
            let stems: BTreeSet<String> = group.iter().map(|w| stem(w)).collect();
            assert_eq!(stems.len(), 1, "{group:?} → {stems:?}");
        }
        assert_eq!(stem("process"), "process");
    }

    #[test]
    fn the_ascii_path_normalises_as_the_general_one() {
        for text in [
            "The Council's  O&S committee -- should (refresh) the MTFS, 2024/25!",
            "  leading, trailing.  ",
            "it's 'quoted' and\ttabbed\nwrapped",
            "",
            "---",
        ] {
            assert_eq!(
                normalise_ascii(text.as_bytes()),
                normalise_chars(text),
                "{text:?}"
            );
        }
    }

    #[test]
    fn spaced_words_are_split_on_spaces_without_empty_ones() {
        for text in ["", " ", "  a  b ", "a", "é b\tc  ", "  ß", "x y z"] {
            assert_eq!(
                SpacedWords { rest: text }.collect::<Vec<_>>(),
                text.split(' ')
                    .filter(|w| !w.is_empty())
                    .collect::<Vec<_>>(),
                "{text:?}"
            );
        }
    }

    #[test]
    fn a_token_line_holds_the_tokens_in_order() {
        for text in [
            "The O&S committee should refresh the MTFS, and the KPIs.",
            "Councillors' engagement: planned, engaging; 2024 budget",
            "",
            "a I the of",
            "Développement économique du conseil",
        ] {
            let line = token_line(text);
            assert_eq!(
                line_tokens(&line).collect::<Vec<_>>(),
                tokens(text),
                "{text:?}"
            );
            assert!(!line.contains("  ") && !line.starts_with(' '), "{line:?}");
        }
        assert_eq!(
            token_line("The O&S committee should refresh the MTFS"),
            "overview scrutin committe updat medium term financ strateg"
        );
    }

    #[test]
    fn overlap_and_cosine() {
        let a = token_set("Develop a clear medium term financial strategy");
        let b = token_set("develop a clear medium-term\nfinancial strategy.");
        assert!((overlap(&a, &b) - 1.0).abs() < 1e-9);
        let c = token_set("Strengthen scrutiny arrangements");
        assert!(overlap(&a, &c) < 0.2);
        // The sorted-list form scores the same sets the same.
        let d = token_set("Strengthen the medium term financial strategy and scrutiny");
        for (x, y) in [(&a, &b), (&a, &c), (&a, &d), (&c, &d), (&d, &d)] {
            let (xs, ys): (Vec<_>, Vec<_>) = (x.iter().collect(), y.iter().collect());
            assert_eq!(overlap(x, y), sorted_overlap(&xs, &ys), "{x:?} {y:?}");
        }
        assert_eq!(sorted_overlap::<u64>(&[], &[1]), 0.0);
        let both: Vec<u64> = sorted_union(&[1, 3, 5], &[2, 3, 6]).collect();
        assert_eq!(both, [1, 2, 3, 5, 6]);
        let docs = [
            tokens("financial strategy medium term"),
            tokens("scrutiny arrangements"),
        ];
        let model = TfIdf::fit(docs.iter().map(|d| d.iter().map(String::as_str)));
        let va = model.vector(docs[0].iter().map(String::as_str));
        assert!((cosine(&va, &va) - 1.0).abs() < 1e-6);
        let vb = model.vector(docs[1].iter().map(String::as_str));
        assert_eq!(cosine(&va, &vb), 0.0);
        assert_eq!(model.len(), 6);
    }
}
