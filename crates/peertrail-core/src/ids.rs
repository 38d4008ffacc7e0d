//! Typed ids with a stable, readable form derived from the data itself,
//! e.g. `sefton/2018-09-04-cpc` and `sefton/2018-09-04-cpc#r3`.
//!
//! Ids are compared in natural order (digit runs by value), so `#r2` sorts
//! before `#r10` and every sorted list reads the way a person expects.

use std::cmp::Ordering;
use std::fmt;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::{slugify, CoreError, DateSpan, ReviewKind};

macro_rules! id_type {
    ($(#[$meta:meta])* $name:ident) => {
        $(#[$meta])*
        ///
        /// The text is shared: a clone (a link's end, a recommendation's
        /// review, a status's recommendation) costs a count, not a copy.
        #[derive(Debug, Clone, PartialEq, Eq, Hash)]
        pub struct $name(Arc<str>);

        impl $name {
            /// Wraps an id read back from an export; no validation beyond
            /// what the producer guaranteed.
            pub fn from_raw(raw: impl Into<String>) -> Self {
                $name(Arc::from(raw.into()))
            }

            /// The id's text.
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// The id's text, shared rather than copied (a look-up table's
            /// key).
            pub fn shared(&self) -> Arc<str> {
                Arc::clone(&self.0)
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> Ordering {
                // Clones share their text: a look-up that ends on the
                // very id it was given (a review's id against its items'
                // copies of it) need not read it.
                if Arc::ptr_eq(&self.0, &other.0) {
                    return Ordering::Equal;
                }
                natural_cmp(&self.0, &other.0)
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.0)
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
                Ok($name(Arc::from(text.as_ref())))
            }
        }
    };
}

id_type!(
    /// A council: the slug of its name without the generic part
    /// ("Sefton Metropolitan Borough Council" and "Sefton MBC" are both `sefton`).
    CouncilId
);
id_type!(
    /// A review or document: `council/date-kind`, e.g. `sefton/2018-09-04-cpc`.
    ReviewId
);
id_type!(
    /// A recommendation: `review#rN`, e.g. `sefton/2018-09-04-cpc#r3`.
    RecommendationId
);
id_type!(
    /// An action of an action plan: `review#aN`, numbered like the
    /// recommendation it answers.
    ActionId
);
id_type!(
    /// A person: the slug of their name without honorifics, e.g. `dan-archer`.
    PersonId
);

/// Either end of a link: a review (or document), a recommendation or an
/// action.
///
/// Its text is the id's, and the variant is read from that text (`…#rN` a
/// recommendation, `…#aN` an action, no `#` a review), so it serializes as
/// the plain string and reads back from it. It compares, sorts and hashes
/// by the text's byte order, not the ids' natural order: links are sorted
/// by their ends, and that order is part of every export.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum NodeId {
    /// A review or document.
    Review(ReviewId),
    /// A recommendation.
    Recommendation(RecommendationId),
    /// An action of an action plan.
    Action(ActionId),
}

impl NodeId {
    /// The node an id's text names, by its form: the part after the last
    /// `#` starts with `r` for a recommendation, `a` for an action; any
    /// other text is taken as a review, so every string reads back.
    pub fn parse(text: &str) -> NodeId {
        match text
            .rsplit_once('#')
            .map(|(_, tail)| tail.as_bytes().first())
        {
            Some(Some(b'r')) => NodeId::Recommendation(RecommendationId::from_raw(text)),
            Some(Some(b'a')) => NodeId::Action(ActionId::from_raw(text)),
            _ => NodeId::Review(ReviewId::from_raw(text)),
        }
    }

    /// The id's text.
    pub fn as_str(&self) -> &str {
        match self {
            NodeId::Review(id) => id.as_str(),
            NodeId::Recommendation(id) => id.as_str(),
            NodeId::Action(id) => id.as_str(),
        }
    }

    /// The review, when the node is one.
    pub fn review(&self) -> Option<&ReviewId> {
        match self {
            NodeId::Review(id) => Some(id),
            _ => None,
        }
    }

    /// The recommendation, when the node is one.
    pub fn recommendation(&self) -> Option<&RecommendationId> {
        match self {
            NodeId::Recommendation(id) => Some(id),
            _ => None,
        }
    }
}

macro_rules! node_from {
    ($($id:ident => $variant:ident),*) => {$(
        impl From<$id> for NodeId {
            fn from(id: $id) -> Self {
                NodeId::$variant(id)
            }
        }

        impl From<&$id> for NodeId {
            fn from(id: &$id) -> Self {
                NodeId::$variant(id.clone())
            }
        }
    )*};
}

node_from!(ReviewId => Review, RecommendationId => Recommendation, ActionId => Action);

impl fmt::Display for NodeId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl PartialEq for NodeId {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for NodeId {}

impl PartialEq<str> for NodeId {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl PartialEq<&str> for NodeId {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl std::hash::Hash for NodeId {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.as_str().hash(state);
    }
}

impl Ord for NodeId {
    fn cmp(&self, other: &Self) -> Ordering {
        self.as_str().cmp(other.as_str())
    }
}

impl PartialOrd for NodeId {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for NodeId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for NodeId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(NodeId::parse(&text))
    }
}

/// Words that name the type of authority rather than the place. Longest first
/// so "metropolitan borough council" wins over "council".
const COUNCIL_SUFFIXES: &[&str] = &[
    "metropolitan-borough-council",
    "metropolitan-district-council",
    "royal-borough-council",
    "borough-council",
    "district-council",
    "county-council",
    "city-council",
    "town-council",
    "unitary-council",
    "council",
    "mbc",
    "bc",
    "dc",
    "cc",
];
const COUNCIL_PREFIXES: &[&str] = &["london-borough-of-", "royal-borough-of-", "city-of-"];

impl CouncilId {
    /// The id for a council name as written in a report.
    pub fn from_name(name: &str) -> Result<Self, CoreError> {
        let slug = slugify(name);
        let mut core = slug.as_str();
        for prefix in COUNCIL_PREFIXES {
            if let Some(rest) = core.strip_prefix(prefix) {
                core = rest;
                break;
            }
        }
        for suffix in COUNCIL_SUFFIXES {
            if let Some(rest) = core.strip_suffix(suffix) {
                if let Some(rest) = rest.strip_suffix('-') {
                    if !rest.is_empty() {
                        core = rest;
                        break;
                    }
                }
            }
        }
        if core.is_empty() {
            return Err(CoreError::EmptyId(name.to_string()));
        }
        Ok(CouncilId(Arc::from(core)))
    }
}

/// The parts as one shared text. Ids are made for every item of every
/// report: written part by part, not through the formatting machinery,
/// which cost about a thousand instructions an id.
fn joined(parts: &[&str]) -> Arc<str> {
    let mut text = String::with_capacity(parts.iter().map(|p| p.len()).sum());
    for part in parts {
        text.push_str(part);
    }
    Arc::from(text)
}

impl ReviewId {
    /// `council/date-kind`; an undated review is keyed `undated`.
    pub fn new(council: &CouncilId, kind: ReviewKind, held: Option<&DateSpan>) -> Self {
        let date = held.map_or_else(|| "undated".to_string(), DateSpan::key);
        ReviewId(joined(&[
            council.as_str(),
            "/",
            &date,
            "-",
            kind.id_fragment(),
        ]))
    }

    /// The same id with a numeric suffix, for a second document that would
    /// otherwise collide (`…-cpc-2`).
    pub fn with_suffix(&self, n: u32) -> Self {
        ReviewId(Arc::from(format!("{}-{n}", self.0)))
    }

    /// The council part of the id.
    pub fn council(&self) -> CouncilId {
        CouncilId(Arc::from(self.0.split('/').next().unwrap_or_default()))
    }
}

impl RecommendationId {
    /// The `number`th recommendation of `review`.
    pub fn new(review: &ReviewId, number: u32) -> Self {
        RecommendationId(joined(&[
            review.as_str(),
            "#r",
            crate::decimal(&mut [0; 20], u64::from(number)),
        ]))
    }

    /// The review part of the id.
    pub fn review(&self) -> ReviewId {
        ReviewId(Arc::from(
            self.0.rsplit_once('#').map_or(&*self.0, |(r, _)| r),
        ))
    }
}

impl ActionId {
    /// The action numbered `number` in action plan `review`.
    pub fn new(review: &ReviewId, number: u32) -> Self {
        ActionId(joined(&[
            review.as_str(),
            "#a",
            crate::decimal(&mut [0; 20], u64::from(number)),
        ]))
    }
}

impl PersonId {
    /// The id for a person's name, honorifics already removed.
    pub fn from_name(name: &str) -> Result<Self, CoreError> {
        let slug = slugify(name);
        if slug.is_empty() {
            return Err(CoreError::EmptyId(name.to_string()));
        }
        Ok(PersonId(Arc::from(slug)))
    }
}

/// Compares strings so that runs of ASCII digits compare by value.
pub(crate) fn natural_cmp(a: &str, b: &str) -> Ordering {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    // Ids in one sorted collection share long prefixes (`council/date-kind#r`):
    // skip the common part at memcmp speed, backing up to the start of a
    // digit run so numbers still compare by value.
    let common = common_prefix(a, b);
    if common == a.len() && common == b.len() {
        return Ordering::Equal;
    }
    let mut from = common;
    while from > 0 && a[from - 1].is_ascii_digit() {
        from -= 1;
    }
    natural_cmp_from(&a[from..], &b[from..])
}

/// The length of the longest common prefix, eight bytes at a time while
/// they agree (collections compare ids millions of times): the first
/// differing bit of two words says which byte differs.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    const WORD: usize = 8;
    let n = a.len().min(b.len());
    let (a, b) = (&a[..n], &b[..n]);
    let mut i = 0;
    for (x, y) in a.chunks_exact(WORD).zip(b.chunks_exact(WORD)) {
        let word = |c: &[u8]| <[u8; WORD]>::try_from(c).map_or(0, u64::from_le_bytes);
        let diff = word(x) ^ word(y);
        if diff != 0 {
            // Little-endian: the lowest set bit is in the first byte that differs.
            return i + (diff.trailing_zeros() / 8) as usize;
        }
        i += WORD;
    }
    i + a[i..]
        .iter()
        .zip(&b[i..])
        .take_while(|(x, y)| x == y)
        .count()
}

fn natural_cmp_from(a: &[u8], b: &[u8]) -> Ordering {
    let (mut a, mut b) = (a, b);
    loop {
        match (a.first(), b.first()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let da = a.iter().take_while(|c| c.is_ascii_digit()).count();
                let db = b.iter().take_while(|c| c.is_ascii_digit()).count();
                let (na, nb) = (trim_zeros(&a[..da]), trim_zeros(&b[..db]));
                let by_value = na.len().cmp(&nb.len()).then_with(|| na.cmp(nb));
                // Equal values with different zero padding still need a total order.
                let ord = by_value.then_with(|| da.cmp(&db));
                if ord != Ordering::Equal {
                    return ord;
                }
                a = &a[da..];
                b = &b[db..];
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(y);
                }
                a = &a[1..];
                b = &b[1..];
            }
        }
    }
}

fn trim_zeros(digits: &[u8]) -> &[u8] {
    let first = digits
        .iter()
        .position(|&c| c != b'0')
        .unwrap_or(digits.len());
    &digits[first..]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Precision;

    #[test]
    fn council_names_collapse_to_the_place() {
        for (name, id) in [
            ("Sefton Metropolitan Borough Council", "sefton"),
            ("Sefton MBC", "sefton"),
            ("St Helens Borough Council", "st-helens"),
            ("St Helens Council", "st-helens"),
            (
                "Cheshire West and Chester Council",
                "cheshire-west-and-chester",
            ),
            ("London Borough of Lambeth", "lambeth"),
            ("Council", "council"),
        ] {
            assert_eq!(CouncilId::from_name(name).unwrap().as_str(), id, "{name}");
        }
        assert!(CouncilId::from_name("  --  ").is_err());
    }

    #[test]
    fn review_and_recommendation_ids_read_well() {
        let council = CouncilId::from_name("Sefton MBC").unwrap();
        let held = DateSpan {
            start: chrono::NaiveDate::from_ymd_opt(2018, 9, 4).unwrap(),
            end: chrono::NaiveDate::from_ymd_opt(2018, 9, 7).unwrap(),
            precision: Precision::Day,
        };
        let review = ReviewId::new(&council, ReviewKind::CorporatePeerChallenge, Some(&held));
        assert_eq!(review.as_str(), "sefton/2018-09-04-cpc");
        let rec = RecommendationId::new(&review, 3);
        assert_eq!(rec.as_str(), "sefton/2018-09-04-cpc#r3");
        assert_eq!(rec.review(), review);
        assert_eq!(review.council(), council);
        let undated = ReviewId::new(&council, ReviewKind::ActionPlan, None);
        assert_eq!(undated.as_str(), "sefton/undated-action-plan");
    }

    #[test]
    fn a_cloned_id_shares_its_text_and_reads_back_as_a_plain_string() {
        let rec = RecommendationId::from_raw("kestrel-vale/2019-03-cpc#r2");
        let link_end = NodeId::from(&rec);
        let Some(shared) = link_end.recommendation() else {
            panic!("a recommendation's id is a recommendation node");
        };
        assert!(Arc::ptr_eq(&rec.shared(), &shared.shared()));
        let json = serde_json::to_string(&rec).unwrap_or_default();
        assert_eq!(json, "\"kestrel-vale/2019-03-cpc#r2\"");
        let back: RecommendationId =
            serde_json::from_str(&json).unwrap_or_else(|_| RecommendationId::from_raw(""));
        assert_eq!(back, rec);
        assert!(serde_json::from_str::<RecommendationId>("3").is_err());
    }

    #[test]
    fn natural_order() {
        let mut ids: Vec<RecommendationId> = ["x#r10", "x#r2", "x#r1", "w#r30"]
            .into_iter()
            .map(RecommendationId::from_raw)
            .collect();
        ids.sort();
        let got: Vec<&str> = ids.iter().map(RecommendationId::as_str).collect();
        assert_eq!(got, ["w#r30", "x#r1", "x#r2", "x#r10"]);
        assert_eq!(natural_cmp("a01", "a1"), Ordering::Greater);
        assert_eq!(natural_cmp("a1", "a1"), Ordering::Equal);
        // Long shared prefixes, compared a word at a time, still back up
        // to the start of a number that spans the first difference.
        let long = "kestrel-vale/2019-03-corporate-peer-challenge#r";
        for (a, b, ord) in [
            (format!("{long}9"), format!("{long}10"), Ordering::Less),
            (
                format!("{long}12345678"),
                format!("{long}12345679"),
                Ordering::Less,
            ),
            (format!("{long}100"), format!("{long}99"), Ordering::Greater),
            (format!("{long}7"), format!("{long}7"), Ordering::Equal),
            (format!("{long}7"), long.to_string(), Ordering::Greater),
            (
                "kestrel-vale/2019".to_string(),
                "kestrel-vale/201".to_string(),
                Ordering::Greater,
            ),
        ] {
            assert_eq!(natural_cmp(&a, &b), ord, "{a} {b}");
            assert_eq!(natural_cmp(&b, &a), ord.reverse(), "{b} {a}");
        }
        assert_eq!(common_prefix(b"abcdefghij", b"abcdefghiX"), 9);
        assert_eq!(common_prefix(b"abcdefgh", b"abcdefgh"), 8);
        assert_eq!(common_prefix(b"", b"a"), 0);
        // Wherever the first difference is, in a whole word or the tail.
        let a = b"sefton/2018-09-04-cpc#r12 and more";
        for at in 0..a.len() {
            let mut b = *a;
            b[at] ^= 0x20;
            assert_eq!(common_prefix(a, &b), at);
            assert_eq!(common_prefix(&a[..at], a), at);
        }
    }

    #[test]
    fn node_ids_read_their_kind_from_the_text_and_sort_by_bytes() {
        let review = ReviewId::from_raw("x/2020-01-cpc");
        let rec = RecommendationId::new(&review, 10);
        let action = ActionId::new(&review, 2);
        for (node, text) in [
            (NodeId::from(&review), "x/2020-01-cpc"),
            (NodeId::from(rec.clone()), "x/2020-01-cpc#r10"),
            (NodeId::from(action), "x/2020-01-cpc#a2"),
        ] {
            assert_eq!(NodeId::parse(text), node);
            assert_eq!(
                std::mem::discriminant(&NodeId::parse(text)),
                std::mem::discriminant(&node)
            );
            assert_eq!(node.to_string(), text);
            let json = serde_json::to_string(&node).unwrap_or_default();
            assert_eq!(json, format!("\"{text}\""));
            let back: NodeId = serde_json::from_str(&json).unwrap();
            assert_eq!(back.as_str(), text);
        }
        assert_eq!(
            NodeId::parse("x/2020-01-cpc#r10").recommendation(),
            Some(&rec)
        );
        assert_eq!(NodeId::parse("x/2020-01-cpc").review(), Some(&review));
        // Byte order, where the ids' natural order would put #r2 first.
        let mut nodes = [
            NodeId::parse("x/2020-01-cpc#r2"),
            NodeId::parse("x/2020-01-cpc#r10"),
        ];
        nodes.sort();
        let got: Vec<&str> = nodes.iter().map(NodeId::as_str).collect();
        assert_eq!(got, ["x/2020-01-cpc#r10", "x/2020-01-cpc#r2"]);
        assert!(matches!(NodeId::parse("odd#text"), NodeId::Review(_)));
    }
}
