//! Links between items across reviews, each with its evidence.

use std::borrow::Cow;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::{NodeId, RecommendationId, Source};

/// How one item relates to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LinkKind {
    /// A later document quotes an earlier recommendation.
    Restates,
    /// An action answers a recommendation.
    Responds,
    /// A later review reports a status on a recommendation.
    ReportsProgress,
    /// A later recommendation substantially repeats an earlier one.
    Recurs,
    /// Recommendations of different councils on the same theme.
    SimilarTheme,
    /// A document follows an earlier review (action plan, progress review).
    Follows,
    /// A document mentions an earlier review.
    References,
    /// An action is covered by another action.
    CoveredBy,
}

impl LinkKind {
    /// Every kind, in declaration order (the order links are sorted in).
    pub const ALL: [LinkKind; 8] = [
        LinkKind::Restates,
        LinkKind::Responds,
        LinkKind::ReportsProgress,
        LinkKind::Recurs,
        LinkKind::SimilarTheme,
        LinkKind::Follows,
        LinkKind::References,
        LinkKind::CoveredBy,
    ];

    /// The snake_case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkKind::Restates => "restates",
            LinkKind::Responds => "responds",
            LinkKind::ReportsProgress => "reports_progress",
            LinkKind::Recurs => "recurs",
            LinkKind::SimilarTheme => "similar_theme",
            LinkKind::Follows => "follows",
            LinkKind::References => "references",
            LinkKind::CoveredBy => "covered_by",
        }
    }
}

/// The rule that made a link, by the name exports give it.
///
/// Every name lives in one table, [`LinkRule::NAMES`], read both ways
/// (`as_str` and parsing), so CSV, DOT, SQLite and JSON cannot drift. When
/// two links of the same kind join the same items with the same confidence,
/// the rule earlier in [`LinkRule::NAMES`] wins ([`LinkRule::rank`]): the
/// order is this table's, not the names', so renaming a rule never changes
/// which link is kept.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum LinkRule {
    /// The document itself says so (a stated follow-up, a covering action).
    Stated,
    /// An action plan names the recommendation an action answers.
    Explicit,
    /// A document mentions an earlier review.
    Mention,
    /// A follow-up document follows the council's nearest earlier CPC.
    NearestEarlierCpc,
    /// Action N answers recommendation N of the review the plan follows.
    Number,
    /// An action's text overlaps a recommendation's.
    Text,
    /// A restatement is word for word the earlier recommendation.
    ExactText,
    /// A restatement's text matches an earlier recommendation's.
    TextMatch,
    /// A restatement's number and text both match.
    NumberAndText,
    /// A restated topic matches an earlier recommendation's title.
    TopicMatch,
    /// A restatement matches loosely: offered for confirmation.
    WeakTextMatch,
    /// A restatement of a review outside the corpus, owned by its placeholder.
    PlaceholderRestatement,
    /// A restatement that matched no recommendation of the real review.
    UnmatchedRestatement,
    /// A later review states this status for the recommendation.
    StatedStatus(crate::Status),
    /// TF-IDF cosine between two recommendations of one council.
    TfidfCosine,
    /// Same core component and TF-IDF cosine, across councils.
    CoreComponentTfidfCosine,
    /// A person confirmed or added the link.
    Decision,
}

impl LinkRule {
    /// Every rule without a parameter, with its name, in rank order (the
    /// names' alphabetical order when the table was made, which is the
    /// order ties were broken in before; keep a rule's place when renaming
    /// it). `stated_status:<status>` ranks just after `stated`.
    pub const NAMES: [(LinkRule, &'static str); 16] = [
        (
            LinkRule::CoreComponentTfidfCosine,
            "core_component+tfidf_cosine",
        ),
        (LinkRule::Decision, "decision"),
        (LinkRule::ExactText, "exact_text"),
        (LinkRule::Explicit, "explicit"),
        (LinkRule::Mention, "mention"),
        (LinkRule::NearestEarlierCpc, "nearest_earlier_cpc"),
        (LinkRule::Number, "number"),
        (LinkRule::NumberAndText, "number_and_text"),
        (LinkRule::PlaceholderRestatement, "placeholder_restatement"),
        (LinkRule::Stated, "stated"),
        (LinkRule::Text, "text"),
        (LinkRule::TextMatch, "text_match"),
        (LinkRule::TfidfCosine, "tfidf_cosine"),
        (LinkRule::TopicMatch, "topic_match"),
        (LinkRule::UnmatchedRestatement, "unmatched_restatement"),
        (LinkRule::WeakTextMatch, "weak_text_match"),
    ];

    /// The prefix of `stated_status:<status>`.
    pub const STATED_STATUS: &'static str = "stated_status";

    /// The name exports give the rule (`stated_status:<status>` for a
    /// stated status).
    pub fn name(&self) -> std::borrow::Cow<'static, str> {
        match self {
            LinkRule::StatedStatus(status) => stated_status_name(*status).into(),
            rule => Self::NAMES
                .iter()
                .find(|(r, _)| r == rule)
                .map_or("", |(_, name)| name)
                .into(),
        }
    }

    /// Reads a name written by [`LinkRule::name`]; `None` for a name this
    /// version does not know.
    pub fn parse(name: &str) -> Option<LinkRule> {
        if let Some(status) = name
            .strip_prefix(Self::STATED_STATUS)
            .and_then(|rest| rest.strip_prefix(':'))
        {
            return crate::Status::ALL
                .into_iter()
                .find(|x| x.as_str() == status)
                .map(LinkRule::StatedStatus);
        }
        Self::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(r, _)| *r)
    }

    /// Where the rule stands when two otherwise equal links compete:
    /// lower wins. A stated status ranks with `stated`, after it by name.
    pub fn rank(&self) -> usize {
        match self {
            LinkRule::StatedStatus(_) => LinkRule::Stated.rank(),
            rule => Self::NAMES
                .iter()
                .position(|(r, _)| r == rule)
                .unwrap_or(Self::NAMES.len()),
        }
    }
}

/// `stated_status:<status>`, written out: exports name a rule for every
/// link they write, and the names of the stated statuses are as fixed as
/// the others (a test checks them against [`LinkRule::STATED_STATUS`] and
/// [`crate::Status::as_str`]).
fn stated_status_name(status: crate::Status) -> &'static str {
    use crate::Status;
    match status {
        Status::Complete => "stated_status:complete",
        Status::SignificantProgress => "stated_status:significant_progress",
        Status::InProgress => "stated_status:in_progress",
        Status::Begun => "stated_status:begun",
        Status::NotStarted => "stated_status:not_started",
        Status::Superseded => "stated_status:superseded",
        Status::Unknown => "stated_status:unknown",
    }
}

/// By [`LinkRule::rank`], then name (`stated` and the stated statuses
/// share a rank).
impl Ord for LinkRule {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.rank()
            .cmp(&other.rank())
            .then_with(|| self.name().cmp(&other.name()))
    }
}

impl PartialOrd for LinkRule {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl std::fmt::Display for LinkRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.name())
    }
}

impl Serialize for LinkRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.name())
    }
}

impl<'de> Deserialize<'de> for LinkRule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        LinkRule::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown link rule `{name}`")))
    }
}

/// Why a link was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The rule that made it.
    pub rule: LinkRule,
    /// The score the rule computed, where it computes one.
    pub score: Option<f64>,
    /// A short human explanation ("recommendation 4 of the action plan").
    pub detail: Detail,
}

/// A link's short human explanation. Where a rule writes it in one shape
/// it is kept as its parts and written out when read ([`Detail::text`],
/// `Display`): a corpus has several links per recommendation, and the
/// parts take less room than the sentence (a restatement's shares its
/// file's name and names its runner-up by the id the data set holds).
/// Written, compared and ordered as its text, whatever its form.
#[derive(Debug, Clone)]
#[non_exhaustive]
pub enum Detail {
    /// Written out.
    Text(Box<str>),
    /// A sentence that never changes.
    Fixed(&'static str),
    /// `the plan sets action N against it`.
    PlanSetsAction(u32),
    /// `restated at line L of FILE: "SAID"`, then `; runner-up ID (S)`
    /// when another recommendation came close.
    Restated(Box<Restated>),
    /// `TF-IDF cosine S between LATER and the earlier EARLIER`.
    Cosine(Box<Cosine>),
}

/// Where a later document restated a recommendation, in its words.
#[derive(Debug, Clone)]
pub struct Restated {
    /// The line the restatement starts on.
    pub line: u32,
    /// The restating document's file (or review id).
    pub place: Arc<str>,
    /// The restatement's words (its title, else its text), cut short.
    pub said: Box<str>,
    /// The recommendation that came closest after the one taken, and its
    /// score.
    pub runner_up: Option<(RecommendationId, f64)>,
}

/// The TF-IDF cosine between a recommendation and an earlier one.
#[derive(Debug, Clone)]
pub struct Cosine {
    /// The cosine, as computed (written to three places).
    pub score: f64,
    /// The later recommendation (the link's `from`).
    pub later: RecommendationId,
    /// The earlier one (its `to`).
    pub earlier: RecommendationId,
}

impl Detail {
    /// The explanation as text: borrowed when it is kept written out.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            Detail::Text(text) => Cow::Borrowed(text),
            Detail::Fixed(text) => Cow::Borrowed(text),
            _ => {
                // Written into room for all of it: grown as written, the
                // copies showed in a profile of a whole export.
                let mut text = String::with_capacity(self.room());
                // `write!` into a String cannot fail.
                let _ = std::fmt::Write::write_fmt(&mut text, format_args!("{self}"));
                Cow::Owned(text)
            }
        }
    }

    /// Room enough for the written-out text.
    fn room(&self) -> usize {
        match self {
            Detail::Text(text) => text.len(),
            Detail::Fixed(text) => text.len(),
            Detail::PlanSetsAction(_) => 48,
            Detail::Restated(r) => {
                48 + r.place.len()
                    + r.said.len()
                    + r.runner_up
                        .as_ref()
                        .map_or(0, |(id, _)| 24 + id.as_str().len())
            }
            Detail::Cosine(c) => 64 + c.later.as_str().len() + c.earlier.as_str().len(),
        }
    }

    /// Whether there is nothing to say.
    pub fn is_empty(&self) -> bool {
        match self {
            Detail::Text(text) => text.is_empty(),
            Detail::Fixed(text) => text.is_empty(),
            _ => false,
        }
    }
}

impl Default for Detail {
    fn default() -> Self {
        Detail::Fixed("")
    }
}

impl std::fmt::Display for Detail {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Detail::Text(text) => f.write_str(text),
            Detail::Fixed(text) => f.write_str(text),
            Detail::PlanSetsAction(n) => write!(f, "the plan sets action {n} against it"),
            Detail::Restated(r) => {
                write!(
                    f,
                    "restated at line {} of {}: \"{}\"",
                    r.line, r.place, r.said
                )?;
                match &r.runner_up {
                    Some((other, score)) => write!(f, "; runner-up {other} ({score:.2})"),
                    None => Ok(()),
                }
            }
            Detail::Cosine(c) => write!(
                f,
                "TF-IDF cosine {:.3} between {} and the earlier {}",
                c.score, c.later, c.earlier
            ),
        }
    }
}

impl From<String> for Detail {
    fn from(text: String) -> Self {
        Detail::Text(text.into_boxed_str())
    }
}

impl From<&str> for Detail {
    fn from(text: &str) -> Self {
        Detail::Text(text.into())
    }
}

impl PartialEq for Detail {
    fn eq(&self, other: &Self) -> bool {
        self.text() == other.text()
    }
}

impl Eq for Detail {}

impl Ord for Detail {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.text().cmp(&other.text())
    }
}

impl PartialOrd for Detail {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Serialize for Detail {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text())
    }
}

impl<'de> Deserialize<'de> for Detail {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        String::deserialize(deserializer).map(Detail::from)
    }
}

/// A directed link `from` → `to` between two ids of any kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The later or dependent item's id.
    pub from: NodeId,
    /// The earlier or referenced item's id.
    pub to: NodeId,
    /// The relation.
    pub kind: LinkKind,
    /// Confidence in [0, 1].
    pub confidence: f64,
    /// Why.
    pub evidence: Evidence,
    /// True when the confidence is under the threshold below which a link
    /// is offered for a person to confirm rather than asserted
    /// (`peertrail links --suggested` lists them).
    #[serde(default)]
    pub suggested: bool,
    /// `extracted` for a link the rules made; `decided` for one a person
    /// confirmed or added.
    #[serde(default)]
    pub source: Source,
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A detail kept as its parts reads, compares and serialises as the
    /// sentence it stands for, and reads back as that sentence.
    #[test]
    fn a_detail_kept_as_parts_is_its_sentence() {
        let id = |s: &str| RecommendationId::from_raw(s.to_string());
        let restated = Detail::Restated(Box::new(Restated {
            line: 18,
            place: Arc::from("kestrel-vale-2021-plan.md"),
            said: "Agree a budget for \"the depots\"".into(),
            runner_up: Some((id("kestrel-vale/2019-03-12-cpc#r4"), 0.3949)),
        }));
        let sentence = "restated at line 18 of kestrel-vale-2021-plan.md: \"Agree a budget \
                        for \"the depots\"\"; runner-up kestrel-vale/2019-03-12-cpc#r4 (0.39)";
        assert_eq!(restated.text(), sentence);
        assert_eq!(restated, Detail::from(sentence));
        let cosine = Detail::Cosine(Box::new(Cosine {
            score: 0.81249,
            later: id("kv/2024-01-18-cpc#r1"),
            earlier: id("kv/2018-03-12-cpc#r1"),
        }));
        assert_eq!(
            cosine.to_string(),
            "TF-IDF cosine 0.812 between kv/2024-01-18-cpc#r1 and the earlier kv/2018-03-12-cpc#r1"
        );
        assert_eq!(
            Detail::PlanSetsAction(3).text(),
            "the plan sets action 3 against it"
        );
        assert!(Detail::default().is_empty() && !restated.is_empty());
        for d in [restated, cosine, Detail::Fixed("stated")] {
            let json = serde_json::to_string(&d).unwrap_or_default();
            assert_eq!(json, serde_json::to_string(&d.text()).unwrap_or_default());
            let back: Detail = serde_json::from_str(&json).unwrap_or_default();
            assert_eq!(back, d);
            assert!(matches!(back, Detail::Text(_)));
        }
        assert!(Detail::from("a") < Detail::Fixed("b"));
    }

    #[test]
    fn every_rule_name_reads_back_and_ranks_apart() {
        let mut names = std::collections::BTreeSet::new();
        for (i, (rule, name)) in LinkRule::NAMES.iter().enumerate() {
            assert_eq!(rule.name(), *name);
            assert_eq!(LinkRule::parse(name), Some(*rule));
            assert!(names.insert(*name), "{name} twice");
            let json = serde_json::to_string(rule).unwrap_or_default();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(rule.rank(), i);
        }
        for status in crate::Status::ALL {
            let rule = LinkRule::StatedStatus(status);
            assert_eq!(
                rule.name(),
                format!("{}:{}", LinkRule::STATED_STATUS, status.as_str())
            );
            assert_eq!(LinkRule::parse(&rule.name()), Some(rule));
        }
        let ranks: std::collections::BTreeSet<usize> =
            LinkRule::NAMES.iter().map(|(r, _)| r.rank()).collect();
        assert_eq!(ranks.len(), LinkRule::NAMES.len());
        // Ties break as the names sorted before the rules were typed.
        let mut all: Vec<LinkRule> = LinkRule::NAMES.iter().map(|(r, _)| *r).collect();
        all.extend(crate::Status::ALL.map(LinkRule::StatedStatus));
        let mut by_rule = all.clone();
        by_rule.sort();
        all.sort_by_key(|r| r.name().into_owned());
        assert_eq!(by_rule, all);
        assert_eq!(LinkRule::parse("a_rule_from_elsewhere"), None);
        assert_eq!(LinkRule::parse("stated_status:elsewhere"), None);
        assert!(serde_json::from_str::<LinkRule>("\"elsewhere\"").is_err());
    }
}
