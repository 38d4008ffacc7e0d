//! Fingerprints of extracted text, so a decision can tell that the item
//! its id now names is still the one a person decided about.

use std::collections::BTreeMap;

use peertrail_core::{Action, Dataset, Recommendation, Review};

/// The words of `text`, lower-cased, letters and digits only: wrapping,
/// punctuation and markup changes keep the fingerprint.
pub(crate) fn words(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// The fingerprint of a text: 16 hex digits of the 64-bit FNV-1a hash of
/// its words joined by single spaces. Stable across platforms and versions.
pub fn fingerprint(text: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for (i, w) in words(text).iter().enumerate() {
        if i > 0 {
            hash ^= u64::from(b' ');
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        for b in w.bytes() {
            hash ^= u64::from(b);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
    }
    format!("{hash:016x}")
}

pub(crate) fn rec_text(r: &Recommendation) -> String {
    match &r.title {
        Some(t) => format!("{t} {}", r.text),
        None => r.text.clone(),
    }
}

pub(crate) fn action_text(a: &Action) -> String {
    a.text.clone()
}

pub(crate) fn review_text(r: &Review) -> String {
    r.title.clone().unwrap_or_default()
}

/// A few words of a text for a person reading the decisions file.
pub(crate) fn excerpt(text: &str) -> String {
    const MAX: usize = 80;
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match flat.char_indices().nth(MAX) {
        Some((at, _)) => format!("{}…", &flat[..at]),
        None => flat,
    }
}

/// What a recorded item was: its fingerprint and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Which list it is in.
    pub what: What,
    /// Fingerprint of its extracted text.
    pub fingerprint: String,
    /// The extracted text.
    pub text: String,
}

/// The kind of item an id names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum What {
    /// A recommendation.
    Recommendation,
    /// An action.
    Action,
    /// A review or document.
    Review,
}

/// The fingerprints of every item of a data set as extracted, taken
/// before any decision changes it.
#[derive(Debug, Clone, Default)]
pub struct Fingerprints {
    items: BTreeMap<String, Item>,
}

impl Fingerprints {
    /// Fingerprints every recommendation, action and review of `data`.
    pub fn of(data: &Dataset) -> Self {
        let mut items = BTreeMap::new();
        let mut put = |id: &str, what: What, text: String| {
            items.insert(
                id.to_string(),
                Item {
                    what,
                    fingerprint: fingerprint(&text),
                    text,
                },
            );
        };
        for r in &data.recommendations {
            put(r.id.as_str(), What::Recommendation, rec_text(r));
        }
        for a in &data.actions {
            put(a.id.as_str(), What::Action, action_text(a));
        }
        for r in &data.reviews {
            put(r.id.as_str(), What::Review, review_text(r));
        }
        Fingerprints { items }
    }

    /// The item an id names.
    pub fn get(&self, id: &str) -> Option<&Item> {
        self.items.get(id)
    }

    /// The fingerprint of the item an id names.
    pub fn fingerprint(&self, id: &str) -> Option<&str> {
        self.items.get(id).map(|i| i.fingerprint.as_str())
    }

    /// A few words of the item an id names, for the decisions file.
    pub fn excerpt(&self, id: &str) -> Option<String> {
        self.items
            .get(id)
            .map(|i| excerpt(&i.text))
            .filter(|e| !e.is_empty())
    }

    /// Every item, by id.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&String, &Item)> {
        self.items.iter()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_and_punctuation_keep_the_fingerprint() {
        let a = fingerprint("Refresh the **Corrington Plan**,\nwith partners.");
        let b = fingerprint("refresh the Corrington plan with  partners");
        assert_eq!(a, b);
        assert_eq!(a.len(), 16);
        assert_ne!(a, fingerprint("Refresh the Corrington Plan with residents"));
    }

    #[test]
    fn excerpts_are_short() {
        let long = "word ".repeat(40);
        assert!(excerpt(&long).chars().count() <= 81);
        assert_eq!(excerpt("  a\n b "), "a b");
    }
}
