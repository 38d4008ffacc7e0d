//! One decision and the file that holds them, in file order.

use chrono::NaiveDate;
use peertrail_core::{LinkKind, ResponseKind, Status};
use serde::{Deserialize, Serialize};

/// What a person decided about a link.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum LinkVerdict {
    /// The link is right (it stops being suggested).
    Confirm,
    /// The link is wrong (it is removed, and a rejected `reports_progress`
    /// link takes its status with it).
    Reject,
    /// The tool missed it: add it.
    Add,
}

impl LinkVerdict {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            LinkVerdict::Confirm => "confirm",
            LinkVerdict::Reject => "reject",
            LinkVerdict::Add => "add",
        }
    }
}

/// What a person decided about a member of a review's peer team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PeerVerdict {
    /// The member is right but written wrong: show the given name, role,
    /// organisation or position instead (the person's id stays).
    Correct,
    /// The entry is not a member of the team (an attendee, a contact, a
    /// misread line): it leaves the team.
    Remove,
    /// The tool missed a member: add them.
    Add,
}

impl PeerVerdict {
    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            PeerVerdict::Correct => "correct",
            PeerVerdict::Remove => "remove",
            PeerVerdict::Add => "add",
        }
    }
}

/// A field a correction may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Field {
    /// A recommendation's or review's title (empty clears it).
    Title,
    /// A recommendation's or action's text.
    Text,
    /// A recommendation's number.
    Number,
    /// A recommendation's kind, or a review's kind.
    Kind,
    /// An action's owner (empty clears it).
    Owner,
    /// A review's date (`YYYY-MM-DD`, `YYYY-MM` or `YYYY`).
    Date,
    /// A review's council (an id).
    Council,
}

impl Field {
    /// Every field.
    pub const ALL: [Field; 7] = [
        Field::Title,
        Field::Text,
        Field::Number,
        Field::Kind,
        Field::Owner,
        Field::Date,
        Field::Council,
    ];

    /// The snake_case name.
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Title => "title",
            Field::Text => "text",
            Field::Number => "number",
            Field::Kind => "kind",
            Field::Owner => "owner",
            Field::Date => "date",
            Field::Council => "council",
        }
    }
}

/// One decision. Targets are named by id and by the fingerprint of their
/// extracted text (`…fingerprint` keys; optional when written by hand, in
/// which case the id alone is checked); `text` keeps a few words of the
/// target for a person reading the file, and for finding candidates when
/// the target is gone.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "decision", rename_all = "snake_case", deny_unknown_fields)]
#[non_exhaustive]
pub enum Decision {
    /// Confirm, reject or add a link.
    Link {
        /// What is decided.
        verdict: LinkVerdict,
        /// The later or dependent item's id.
        from: String,
        /// The earlier or referenced item's id.
        to: String,
        /// The link's kind.
        kind: LinkKind,
        /// Fingerprint of `from`'s extracted text.
        #[serde(default)]
        from_fingerprint: Option<String>,
        /// Fingerprint of `to`'s extracted text.
        #[serde(default)]
        to_fingerprint: Option<String>,
        /// Why, in the person's words.
        #[serde(default)]
        note: Option<String>,
        /// Who decided.
        #[serde(default)]
        who: Option<String>,
    },
    /// Correct an extracted field; the id stays as extracted.
    Correct {
        /// A recommendation, action or review id.
        target: String,
        /// Fingerprint of its extracted text.
        #[serde(default)]
        fingerprint: Option<String>,
        /// Some words of it.
        #[serde(default)]
        text: Option<String>,
        /// The field.
        field: Field,
        /// The value to show.
        value: String,
        /// Why.
        #[serde(default)]
        note: Option<String>,
        /// Who decided.
        #[serde(default)]
        who: Option<String>,
    },
    /// The item is not a recommendation: it leaves the data set.
    NotARecommendation {
        /// The recommendation id.
        recommendation: String,
        /// Fingerprint of its extracted text.
        #[serde(default)]
        fingerprint: Option<String>,
        /// Some words of it.
        #[serde(default)]
        text: Option<String>,
        /// Why.
        #[serde(default)]
        note: Option<String>,
        /// Who decided.
        #[serde(default)]
        who: Option<String>,
    },
    /// A status recorded between published reviews.
    StatusUpdate {
        /// The recommendation id.
        recommendation: String,
        /// Fingerprint of its extracted text.
        #[serde(default)]
        fingerprint: Option<String>,
        /// Some words of it.
        #[serde(default)]
        text: Option<String>,
        /// The status.
        status: Status,
        /// The day it held.
        date: NaiveDate,
        /// What the person wrote.
        #[serde(default)]
        note: Option<String>,
        /// Who recorded it.
        #[serde(default)]
        who: Option<String>,
    },
    /// The council's response to a recommendation.
    Response {
        /// The recommendation id.
        recommendation: String,
        /// Fingerprint of its extracted text.
        #[serde(default)]
        fingerprint: Option<String>,
        /// Some words of it.
        #[serde(default)]
        text: Option<String>,
        /// Accepted, partly accepted, not accepted or noted.
        response: ResponseKind,
        /// When the council responded.
        date: NaiveDate,
        /// What the person wrote.
        #[serde(default)]
        note: Option<String>,
        /// Who recorded it.
        #[serde(default)]
        who: Option<String>,
    },
    /// Correct, remove or add a member of a review's peer team.
    Peer {
        /// What is decided.
        verdict: PeerVerdict,
        /// The review id.
        review: String,
        /// The member's person id as extracted (`jo-hart`); none for `add`.
        #[serde(default)]
        person: Option<String>,
        /// The name as extracted, to find the member again and to say what
        /// changed if it is gone.
        #[serde(default)]
        text: Option<String>,
        /// The name to show (correct, add).
        #[serde(default)]
        name: Option<String>,
        /// The role to show (correct, add; empty clears it).
        #[serde(default)]
        role: Option<String>,
        /// The organisation to show (correct, add; empty clears it).
        #[serde(default)]
        organisation: Option<String>,
        /// The position on the team (`member_peer`, `officer_peer`,
        /// `shadow`, `peer_challenge_manager`, `lga_adviser`, `lga_staff`).
        #[serde(default)]
        position: Option<String>,
        /// Why.
        #[serde(default)]
        note: Option<String>,
        /// Who decided.
        #[serde(default)]
        who: Option<String>,
    },
    /// A new target date for an action; the plan's own stays beside it.
    ReviseDue {
        /// The action id.
        action: String,
        /// Fingerprint of its extracted text.
        #[serde(default)]
        fingerprint: Option<String>,
        /// Some words of it.
        #[serde(default)]
        text: Option<String>,
        /// The new date: `YYYY-MM-DD`, `YYYY-MM` (the whole month) or
        /// `YYYY`.
        due: String,
        /// Why.
        #[serde(default)]
        note: Option<String>,
        /// Who recorded it.
        #[serde(default)]
        who: Option<String>,
    },
}

impl Decision {
    /// The decision's name as written in the file (`link`, `status_update`, …).
    pub fn name(&self) -> &'static str {
        match self {
            Decision::Link { .. } => "link",
            Decision::Correct { .. } => "correct",
            Decision::NotARecommendation { .. } => "not_a_recommendation",
            Decision::StatusUpdate { .. } => "status_update",
            Decision::Response { .. } => "response",
            Decision::ReviseDue { .. } => "revise_due",
            Decision::Peer { .. } => "peer",
        }
    }

    /// One line for a person: what it does to what.
    pub fn summary(&self) -> String {
        match self {
            Decision::Link {
                verdict,
                from,
                to,
                kind,
                ..
            } => format!("{} link {} {from} -> {to}", verdict.as_str(), kind.as_str()),
            Decision::Correct {
                target,
                field,
                value,
                ..
            } => format!("correct {} of {target} to {value:?}", field.as_str()),
            Decision::NotARecommendation { recommendation, .. } => {
                format!("{recommendation} is not a recommendation")
            }
            Decision::StatusUpdate {
                recommendation,
                status,
                date,
                ..
            } => format!(
                "status update {recommendation}: {} on {date}",
                status.as_str()
            ),
            Decision::Response {
                recommendation,
                response,
                date,
                ..
            } => format!(
                "response to {recommendation}: {} on {date}",
                response.as_str()
            ),
            Decision::ReviseDue { action, due, .. } => {
                format!("revised due date of {action}: {due}")
            }
            Decision::Peer {
                verdict,
                review,
                person,
                name,
                ..
            } => {
                let who = name.as_deref().or(person.as_deref()).unwrap_or("?");
                format!("{} peer {who} of {review}", verdict.as_str())
            }
        }
    }
}

/// A decision with the line it starts on in the file (0 for one not yet
/// written).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Recorded {
    /// 1-based line of its `[[decision]]` header.
    pub line: u32,
    /// The decision.
    pub decision: Decision,
}

/// Every decision of a file, in file order (the order they were taken).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Decisions {
    /// The decisions.
    pub decisions: Vec<Recorded>,
}

impl Decisions {
    /// No decisions.
    pub fn is_empty(&self) -> bool {
        self.decisions.is_empty()
    }

    /// How many decisions.
    pub fn len(&self) -> usize {
        self.decisions.len()
    }
}
