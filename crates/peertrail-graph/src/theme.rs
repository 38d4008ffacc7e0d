//! A keyword classifier over the five CPC core components, aligned across
//! the two eras of the LGA framework (five components until about 2022,
//! five renamed ones since).
//!
//! Each recommendation gets at most one component: the one whose keywords
//! (stemmed like every other token) occur most often in its text, title
//! (counted twice) and heading themes (counted three times); ties go to the
//! component listed first. No keyword, no component. The component is added
//! to `Recommendation.themes` as `core:<key>`.

use peertrail_core::{Recommendation, Theme};

use crate::text::{line_tokens, token_line, tokens};
use crate::LookupMap;

/// One core component, with its names in both eras.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CoreComponent {
    /// The stable key (`financial-planning`).
    pub key: &'static str,
    /// The name until about 2022.
    pub until_2022: &'static str,
    /// The name since 2023.
    pub since_2023: &'static str,
    /// The words that vote for it, before stemming.
    pub keywords: &'static [&'static str],
}

/// The five components, in the order ties are broken.
pub const CORE_COMPONENTS: [CoreComponent; 5] = [
    CoreComponent {
        key: "financial-planning",
        until_2022: "Financial planning and viability",
        since_2023: "Financial planning and management",
        keywords: &[
            "budget",
            "capital",
            "commercial",
            "cost",
            "debt",
            "efficiency",
            "finance",
            "financial",
            "funding",
            "income",
            "mtfs",
            "reserves",
            "revenue",
            "savings",
            "spend",
            "treasury",
            "viability",
            "money",
            "deficit",
            "balanced",
        ],
    },
    CoreComponent {
        key: "governance",
        until_2022: "Organisational leadership and governance",
        since_2023: "Governance and culture",
        keywords: &[
            "accountability",
            "audit",
            "behaviours",
            "cabinet",
            "committee",
            "constitution",
            "councillor",
            "councillors",
            "culture",
            "decision",
            "decisions",
            "governance",
            "member",
            "members",
            "political",
            "risk",
            "scrutiny",
            "standards",
            "transparency",
            "trust",
            "values",
            "whistleblowing",
        ],
    },
    CoreComponent {
        key: "capacity",
        until_2022: "Capacity to deliver",
        since_2023: "Capacity for improvement",
        keywords: &[
            "capacity",
            "change",
            "delivery",
            "digital",
            "improvement",
            "performance",
            "programme",
            "project",
            "recruitment",
            "resources",
            "retention",
            "skills",
            "staff",
            "succession",
            "technology",
            "training",
            "transformation",
            "workforce",
            "management",
        ],
    },
    CoreComponent {
        key: "place-leadership",
        until_2022: "Leadership of place",
        since_2023: "Organisational and place leadership",
        keywords: &[
            "anchor",
            "business",
            "businesses",
            "collaboration",
            "combined",
            "economic",
            "economy",
            "external",
            "growth",
            "investment",
            "nhs",
            "partner",
            "partners",
            "partnership",
            "regeneration",
            "region",
            "regional",
            "stakeholder",
            "stakeholders",
            "system",
        ],
    },
    CoreComponent {
        key: "local-priorities",
        until_2022: "Understanding of the local place and priority setting",
        since_2023: "Local priorities and outcomes",
        keywords: &[
            "ambition",
            "communities",
            "community",
            "data",
            "deprivation",
            "evidence",
            "inequalities",
            "insight",
            "intelligence",
            "locality",
            "neighbourhood",
            "outcomes",
            "priorities",
            "priority",
            "residents",
            "vision",
            "needs",
            "place",
        ],
    },
];

/// The prefix of a classified theme label, as exports write it.
pub const PREFIX: &str = Theme::CORE_PREFIX;

/// Stemmed keywords, each with the components (bit `i` for component
/// `i`) it votes for, built once per graph: a word is looked up once,
/// not once per component.
#[derive(Debug)]
pub(crate) struct Classifier {
    /// Looked up once per distinct word of every recommendation.
    stems: LookupMap<String, u32>,
}

impl Classifier {
    pub(crate) fn new() -> Classifier {
        let mut stems: LookupMap<String, u32> = LookupMap::default();
        for (i, c) in CORE_COMPONENTS.iter().enumerate() {
            for stem in c.keywords.iter().flat_map(|k| tokens(k)) {
                *stems.entry(stem).or_default() |= 1 << i;
            }
        }
        Classifier { stems }
    }

    /// The component index for a recommendation whose text and title have
    /// the content words `text` and `title` (each a `token_line`; empty
    /// without a title), if any keyword votes.
    pub(crate) fn classify(&self, rec: &Recommendation, text: &str, title: &str) -> Option<usize> {
        let mut votes = [0u32; CORE_COMPONENTS.len()];
        let mut count = |line: &str, weight: u32| {
            // Each distinct word votes once.
            let mut words: Vec<&str> = line_tokens(line).collect();
            words.sort_unstable();
            words.dedup();
            for w in words {
                let Some(&components) = self.stems.get(w) else {
                    continue;
                };
                for (i, v) in votes.iter_mut().enumerate() {
                    if components & (1 << i) != 0 {
                        *v += weight;
                    }
                }
            }
        };
        count(text, 1);
        count(title, 2);
        for t in &rec.themes {
            if let Theme::Heading(heading) = t {
                count(&token_line(heading), 3);
            }
        }
        let best = votes.iter().copied().max().unwrap_or(0);
        if best == 0 {
            return None;
        }
        votes.iter().position(|&v| v == best)
    }

    /// Classifies and records the component among the recommendation's themes.
    pub(crate) fn label(&self, rec: &mut Recommendation, text: &str, title: &str) -> Option<usize> {
        rec.themes.retain(|t| t.core_component().is_none());
        let c = self.classify(rec, text, title)?;
        let key = CORE_COMPONENTS.get(c)?.key;
        // One more theme, room for one more: most recommendations had
        // none, and a first push would take room for four.
        rec.themes.reserve_exact(1);
        rec.themes.push(Theme::CoreComponent(key.into()));
        rec.themes.sort();
        Some(c)
    }
}
