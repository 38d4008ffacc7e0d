//! Links between items across reviews, each with its evidence.

use serde::{Deserialize, Serialize};

use crate::Source;

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

/// Why a link was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The rule that made it (`explicit_number`, `placeholder_restatement`,
    /// `tfidf_cosine`, …).
    pub rule: String,
    /// The score the rule computed, where it computes one.
    pub score: Option<f64>,
    /// A short human explanation ("recommendation 4 of the action plan").
    pub detail: String,
}

/// A directed link `from` → `to` between two ids of any kind.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The later or dependent item's id.
    pub from: String,
    /// The earlier or referenced item's id.
    pub to: String,
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
