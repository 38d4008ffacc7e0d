//! What reviews recommend and what councils propose to do about it.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::{
    ActionId, LatestStatus, RecommendationId, Response, ReviewId, RevisedDue, Span, Timescale,
};

/// What sort of item a review made.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RecommendationKind {
    /// A (key) recommendation.
    Recommendation,
    /// A key reflection of a remote panel: advice without the weight of a
    /// recommendation.
    Reflection,
    /// A smaller suggestion ("the council should consider … to:").
    Suggestion,
}

impl RecommendationKind {
    /// The snake_case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            RecommendationKind::Recommendation => "recommendation",
            RecommendationKind::Reflection => "reflection",
            RecommendationKind::Suggestion => "suggestion",
        }
    }
}

/// A theme label: a heading a recommendation sits under ("Financial
/// Planning") or a CPC core component it was classified into.
///
/// Exports write a heading as its text and a component as
/// `core:<key>` ([`Theme::CORE_PREFIX`]); themes sort by that text.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Theme {
    /// A heading of the report, as written.
    Heading(String),
    /// A CPC core component, by its key (`financial-planning`): the
    /// classifier's own text when the classifier set it, not a copy per
    /// recommendation.
    CoreComponent(Cow<'static, str>),
}

impl Theme {
    /// How a core component's key is written in exports.
    pub const CORE_PREFIX: &'static str = "core:";

    /// The label as exports write it.
    pub fn name(&self) -> std::borrow::Cow<'_, str> {
        match self {
            Theme::Heading(text) => text.as_str().into(),
            Theme::CoreComponent(key) => format!("{}{key}", Self::CORE_PREFIX).into(),
        }
    }

    /// The bytes of [`Theme::name`], without building it.
    fn name_bytes(&self) -> impl Iterator<Item = u8> + '_ {
        let (prefix, rest) = match self {
            Theme::Heading(text) => ("", text.as_str()),
            Theme::CoreComponent(key) => (Self::CORE_PREFIX, key.as_ref()),
        };
        prefix.bytes().chain(rest.bytes())
    }

    /// Reads a label written by [`Theme::name`].
    pub fn parse(name: &str) -> Theme {
        match name.strip_prefix(Self::CORE_PREFIX) {
            Some(key) => Theme::CoreComponent(Cow::Owned(key.to_string())),
            None => Theme::Heading(name.to_string()),
        }
    }

    /// The core component's key, for a classified theme.
    pub fn core_component(&self) -> Option<&str> {
        match self {
            Theme::CoreComponent(key) => Some(key.as_ref()),
            Theme::Heading(_) => None,
        }
    }
}

/// By [`Theme::name`], compared piece by piece rather than built: sorting
/// a recommendation's themes makes no string.
impl Ord for Theme {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.name_bytes().cmp(other.name_bytes())
    }
}

impl PartialOrd for Theme {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Theme {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name())
    }
}

impl<'de> Deserialize<'de> for Theme {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        Ok(Theme::parse(&name))
    }
}

/// One recommendation (or reflection, or suggestion) of one review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Recommendation {
    /// Stable id, `review#rN`.
    pub id: RecommendationId,
    /// The review that made it (possibly a placeholder, when only a later
    /// document restates it).
    pub review: ReviewId,
    /// Its number: as printed where the text numbers it, else its 1-based
    /// position among the review's items.
    pub number: u32,
    /// The label as printed ("3", "c", "R2"), where there is one.
    pub label: Option<String>,
    /// Recommendation, reflection or suggestion.
    pub kind: RecommendationKind,
    /// The short title (a bold lead sentence), where the text sets one apart.
    pub title: Option<String>,
    /// The full text, line wraps joined, markup removed.
    pub text: String,
    /// Theme labels, sorted.
    pub themes: Vec<Theme>,
    /// Where it was read: in the review's own report, or in the later
    /// document that restated it.
    pub span: Span,
    /// Why it was taken for a recommendation: the evidence and its line.
    #[serde(default)]
    pub cue: Option<Cue>,
    /// The file the span refers to: the document it was read from (for a
    /// recommendation of a review not in the corpus, the later document
    /// that restated it); `None` only for one a person added. One text
    /// shared by every recommendation of a document.
    pub source: Option<Arc<str>>,
    /// The latest status any later document reported (filled in by the graph).
    /// Boxed, as is `response`: most recommendations are held before they
    /// have either, and a corpus holds tens of thousands.
    pub latest: Option<Box<LatestStatus>>,
    /// True when no later document restates, answers or reports on it
    /// (filled in by the graph; false until then).
    pub silent: bool,
    /// The council's response, where a person recorded one.
    #[serde(default)]
    pub response: Option<Box<Response>>,
    /// The fields whose shown value a person's correction set (`title`,
    /// `text`, `number`, `kind`), sorted; the rest are as extracted.
    #[serde(default)]
    pub decided: Vec<String>,
}

/// The evidence that made a list, table or paragraph a recommendation:
/// what it was ("heading", "intro", "label", "column", …) and the words
/// and line it was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cue {
    /// The kind of evidence.
    pub kind: CueKind,
    /// The words that were the evidence ("Key recommendations"): one text
    /// shared by the items the same words are evidence for (a heading's
    /// whole list).
    pub words: Arc<str>,
    /// The 1-based line they stand on.
    pub line: u32,
}

/// What kind of evidence a [`Cue`] is. A kind rather than text: every
/// recommendation of a corpus has a cue, and a text each was an
/// allocation each.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum CueKind {
    /// A section heading about recommendations ("Key recommendations").
    Heading,
    /// The sentence before the list ("The peer team recommends:").
    Intro,
    /// A label on the item itself (`R1:`, `Recommendation 3`).
    Label,
    /// A table column named Recommendation or Ref.
    Column,
    /// A status heading over restated recommendations.
    StatusGroup,
    /// A later document quoting an earlier review's list.
    Restated,
    /// The words of an item of an advising list that advise the council
    /// ("we would encourage").
    Advice,
}

impl CueKind {
    /// The snake_case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            CueKind::Heading => "heading",
            CueKind::Intro => "intro",
            CueKind::Label => "label",
            CueKind::Column => "column",
            CueKind::StatusGroup => "status_group",
            CueKind::Restated => "restated",
            CueKind::Advice => "advice",
        }
    }
}

impl std::fmt::Display for CueKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A council's proposed action against one recommendation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Action {
    /// Stable id, `plan#aN`.
    pub id: ActionId,
    /// The action plan (a review of kind `action_plan`).
    pub review: ReviewId,
    /// The recommendation number the action sits under.
    pub number: u32,
    /// The recommendation it answers, once known.
    pub recommendation: Option<RecommendationId>,
    /// The proposed action; empty when the plan left it blank.
    pub text: String,
    /// Who owns it, where the text names an owner.
    pub owner: Option<String>,
    /// Another action that covers this one ("picked up under
    /// recommendation 1").
    pub covered_by: Option<ActionId>,
    /// Where it was read.
    pub span: Span,
    /// When the plan says it will be done, as the plan wrote it.
    #[serde(default)]
    pub timescale: Option<Timescale>,
    /// A later target date a person recorded; the original stays in
    /// `timescale`. Boxed: only a person sets one, and held inline it made
    /// every action of a corpus 72 bytes larger.
    #[serde(default)]
    pub revised: Option<Box<RevisedDue>>,
    /// The fields whose shown value a person's correction set (`text`,
    /// `owner`), sorted.
    #[serde(default)]
    pub decided: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A corpus holds every recommendation and action until it is linked
    /// (tens of thousands of each): what only a person or the graph fills
    /// in is boxed, and a cue's kind is no text of its own.
    #[test]
    #[cfg(target_pointer_width = "64")]
    fn a_recommendation_and_an_action_stay_small() {
        assert_eq!(std::mem::size_of::<Recommendation>(), 248);
        assert_eq!(std::mem::size_of::<Cue>(), 24);
        assert_eq!(std::mem::size_of::<Action>(), 224);
    }

    #[test]
    fn a_theme_reads_back_as_written_and_sorts_by_its_text() {
        for theme in [
            Theme::Heading("Financial planning".into()),
            Theme::CoreComponent("financial-planning".into()),
        ] {
            let json = serde_json::to_string(&theme).unwrap_or_default();
            let back: Theme = serde_json::from_str(&json).unwrap_or(Theme::Heading(String::new()));
            assert_eq!(back, theme);
        }
        assert_eq!(
            Theme::CoreComponent("place-leadership".into()).name(),
            "core:place-leadership"
        );
        let mut themes = [
            Theme::Heading("Zebra".into()),
            Theme::CoreComponent("a".into()),
            Theme::Heading("Apple".into()),
        ];
        themes.sort();
        let names: Vec<String> = themes.iter().map(|t| t.name().into_owned()).collect();
        assert_eq!(names, ["Apple", "Zebra", "core:a"]);
        // Compared as their names, whichever kind each is.
        let all = [
            Theme::Heading(String::new()),
            Theme::Heading("cor".into()),
            Theme::Heading("core:".into()),
            Theme::Heading("core:b".into()),
            Theme::Heading("core;".into()),
            Theme::Heading("Été".into()),
            Theme::CoreComponent("".into()),
            Theme::CoreComponent("a".into()),
            Theme::CoreComponent("b".into()),
        ];
        for a in &all {
            for b in &all {
                assert_eq!(a.cmp(b), a.name().cmp(&b.name()), "{a:?} {b:?}");
            }
        }
    }
}
