//! What is expected after a Corporate Peer Challenge, and where it stands as
//! of a date: computed by the graph (`peertrail_graph::Graph::due`), handed
//! to exporters through the export context.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::{CouncilId, NextStepKind, ReviewId};

/// Where a due item stands as of the date asked about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum DueStatus {
    /// Not yet done, and its due date has not passed.
    Due,
    /// Not done, and its due date has passed.
    Overdue,
    /// The corpus holds the review or document that fulfils it.
    Satisfied,
}

impl DueStatus {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            DueStatus::Due => "due",
            DueStatus::Overdue => "overdue",
            DueStatus::Satisfied => "satisfied",
        }
    }
}

/// The rule a due item's date comes from, by the name exports give it.
///
/// Every name lives in one table, [`DueRule::NAMES`], read both ways
/// (`as_str` and parsing, serde included).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum DueRule {
    /// A CPC held before 2018.
    EraBefore2018,
    /// A CPC held from 2018 to 2020.
    Era2018To2020,
    /// A CPC held in 2021 or 2022.
    Era2021To2022,
    /// A CPC held from 2023 on.
    Era2023On,
    /// Whatever the era (the next CPC).
    EveryEra,
    /// The report states the next step itself.
    Stated,
}

impl DueRule {
    /// Every rule with its name.
    pub const NAMES: [(DueRule, &'static str); 6] = [
        (DueRule::EraBefore2018, "era_before_2018"),
        (DueRule::Era2018To2020, "era_2018_2020"),
        (DueRule::Era2021To2022, "era_2021_2022"),
        (DueRule::Era2023On, "era_2023_on"),
        (DueRule::EveryEra, "every_era"),
        (DueRule::Stated, "stated"),
    ];

    /// The name exports give the rule.
    pub fn as_str(self) -> &'static str {
        Self::NAMES
            .iter()
            .find(|(r, _)| *r == self)
            .map_or("", |(_, name)| name)
    }

    /// Reads a name written by [`DueRule::as_str`]; `None` for a name
    /// this version does not know.
    pub fn parse(name: &str) -> Option<DueRule> {
        Self::NAMES
            .iter()
            .find(|(_, n)| *n == name)
            .map(|(r, _)| *r)
    }
}

impl std::fmt::Display for DueRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for DueRule {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for DueRule {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let name = std::borrow::Cow::<'de, str>::deserialize(deserializer)?;
        DueRule::parse(&name)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown due rule `{name}`")))
    }
}

/// One expected next step of one CPC.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DueItem {
    /// The council.
    pub council: CouncilId,
    /// The CPC the step follows.
    pub review: ReviewId,
    /// The CPC's first day.
    pub review_date: NaiveDate,
    /// What is expected.
    pub step: NextStepKind,
    /// The earliest it is expected, where the rule gives a window.
    pub due_from: Option<NaiveDate>,
    /// The last day it is due by.
    pub due_by: NaiveDate,
    /// The rule applied: the era's default, or the report's own words.
    pub rule: DueRule,
    /// The rule in words (for a stated step, the report's own words).
    pub rule_text: String,
    /// Where it stands as of the date asked about.
    pub status: DueStatus,
    /// The review or document that satisfies it.
    pub satisfied_by: Option<ReviewId>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_due_rule_name_reads_back() {
        let mut names = std::collections::BTreeSet::new();
        for (rule, name) in DueRule::NAMES {
            assert_eq!(rule.as_str(), name);
            assert_eq!(rule.to_string(), name);
            assert_eq!(DueRule::parse(name), Some(rule));
            assert!(names.insert(name), "{name} twice");
            let json = serde_json::to_string(&rule).unwrap_or_default();
            assert_eq!(json, format!("\"{name}\""));
            assert_eq!(serde_json::from_str::<DueRule>(&json).ok(), Some(rule));
        }
        assert_eq!(DueRule::parse("era_elsewhere"), None);
        assert!(serde_json::from_str::<DueRule>("\"elsewhere\"").is_err());
    }
}
