//! Reviews and the documents that belong to them: who was on the peer team,
//! who attended, which earlier reviews they refer to and what comes next.

use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::{CouncilId, DateSpan, PersonId, ReviewId, Span};

/// What kind of review or document a report is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum ReviewKind {
    /// A Corporate Peer Challenge: a 3–4 day visit ending in a feedback report.
    CorporatePeerChallenge,
    /// A six- or ten-month progress review of a CPC.
    ProgressReview,
    /// A follow-up visit (the lighter-touch revisit of 2018–2020).
    FollowUpVisit,
    /// A council's action plan answering a review.
    ActionPlan,
    /// A remote Recovery and Renewal (or Reset, or Response & Recovery) Panel.
    RecoveryRenewalPanel,
    /// A remote peer support session.
    RemotePeerSupport,
    /// A Finance Peer Review or Challenge.
    FinancePeerReview,
    /// Another of the LGA's peer reviews (planning, communications, adult
    /// social care, children's services, governance, equality, culture,
    /// health check, …); the review's own name is kept in
    /// [`Review::review_name`].
    OtherPeerReview,
    /// A council's committee paper or web page reporting on a review; the
    /// review it is about is its [`Review::follows`].
    CommitteePaper,
}

impl ReviewKind {
    /// Every kind, in declaration order.
    pub const ALL: [ReviewKind; 9] = [
        ReviewKind::CorporatePeerChallenge,
        ReviewKind::ProgressReview,
        ReviewKind::FollowUpVisit,
        ReviewKind::ActionPlan,
        ReviewKind::RecoveryRenewalPanel,
        ReviewKind::RemotePeerSupport,
        ReviewKind::FinancePeerReview,
        ReviewKind::OtherPeerReview,
        ReviewKind::CommitteePaper,
    ];

    /// The snake_case name used in every export (`corporate_peer_challenge`).
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewKind::CorporatePeerChallenge => "corporate_peer_challenge",
            ReviewKind::ProgressReview => "progress_review",
            ReviewKind::FollowUpVisit => "follow_up_visit",
            ReviewKind::ActionPlan => "action_plan",
            ReviewKind::RecoveryRenewalPanel => "recovery_renewal_panel",
            ReviewKind::RemotePeerSupport => "remote_peer_support",
            ReviewKind::FinancePeerReview => "finance_peer_review",
            ReviewKind::OtherPeerReview => "other_peer_review",
            ReviewKind::CommitteePaper => "committee_paper",
        }
    }

    /// The short fragment used inside review ids (`cpc`, `action-plan`).
    pub fn id_fragment(self) -> &'static str {
        match self {
            ReviewKind::CorporatePeerChallenge => "cpc",
            ReviewKind::ProgressReview => "progress-review",
            ReviewKind::FollowUpVisit => "follow-up-visit",
            ReviewKind::ActionPlan => "action-plan",
            ReviewKind::RecoveryRenewalPanel => "panel",
            ReviewKind::RemotePeerSupport => "remote-support",
            ReviewKind::FinancePeerReview => "finance-review",
            ReviewKind::OtherPeerReview => "peer-review",
            ReviewKind::CommitteePaper => "committee-paper",
        }
    }

    /// A label for people: "Corporate Peer Challenge".
    pub fn label(self) -> &'static str {
        match self {
            ReviewKind::CorporatePeerChallenge => "Corporate Peer Challenge",
            ReviewKind::ProgressReview => "Progress review",
            ReviewKind::FollowUpVisit => "Follow-up visit",
            ReviewKind::ActionPlan => "Action plan",
            ReviewKind::RecoveryRenewalPanel => "Recovery and Renewal Panel",
            ReviewKind::RemotePeerSupport => "Remote peer support",
            ReviewKind::FinancePeerReview => "Finance peer review",
            ReviewKind::OtherPeerReview => "Peer review",
            ReviewKind::CommitteePaper => "Committee paper",
        }
    }

    /// Parses the snake_case name.
    pub fn parse(name: &str) -> Option<ReviewKind> {
        ReviewKind::ALL.into_iter().find(|k| k.as_str() == name)
    }
}

/// A review of one council, or a document (such as an action plan) about one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    /// Stable id, `council/date-kind`.
    pub id: ReviewId,
    /// The council reviewed.
    pub council: CouncilId,
    /// What kind of review or document this is.
    pub kind: ReviewKind,
    /// When the review took place (for an action plan: when it was written,
    /// where known). `None` when the text never says; never guessed.
    pub held: Option<DateSpan>,
    /// The document's own title line, where it has one.
    pub title: Option<String>,
    /// The review's own name where its kind does not say it all ("Planning
    /// Service Peer Challenge" for an `other_peer_review`).
    #[serde(default)]
    pub review_name: Option<String>,
    /// False for a placeholder: a review other documents refer to but whose
    /// own report is not in the corpus.
    pub in_corpus: bool,
    /// The earlier review this document answers, follows up or reports on
    /// (an action plan's CPC, a progress review's CPC, the review a
    /// committee paper is about).
    pub follows: Option<ReviewId>,
    /// The peer team.
    pub peers: Vec<Membership>,
    /// Council members and officers who took part; never peers.
    pub attendees: Vec<Attendee>,
    /// Earlier reviews this document mentions.
    pub references: Vec<ReviewRef>,
    /// Next steps the document itself states.
    pub next_steps: Vec<NextStep>,
    /// People named as the council's point of contact.
    pub contacts: Vec<Contact>,
    /// The file this review was read from (as given on the command line or
    /// relative to the corpus directory); `None` for a placeholder.
    pub source: Option<String>,
    /// Further councils of a joint review ("Babergh and Mid Suffolk
    /// District Councils"), by id: the review is on each one's trail.
    #[serde(default)]
    pub joint_councils: Vec<CouncilId>,
    /// The address the document was published at, where known (a
    /// sidecar's `source_url`, a `Source:` first line, a web page's
    /// canonical link).
    #[serde(default)]
    pub source_url: Option<String>,
    /// The fields whose shown value a person's correction set (`title`,
    /// `date`, `kind`, `council`), sorted; the id stays as extracted.
    #[serde(default)]
    pub decided: Vec<String>,
}

impl Review {
    /// A placeholder: a review other documents mention whose own report is
    /// not in the corpus. It knows only what the mention says.
    pub fn placeholder(
        id: ReviewId,
        council: CouncilId,
        kind: ReviewKind,
        held: Option<DateSpan>,
    ) -> Review {
        Review {
            id,
            council,
            kind,
            held,
            title: None,
            review_name: None,
            in_corpus: false,
            follows: None,
            peers: Vec::new(),
            attendees: Vec::new(),
            references: Vec::new(),
            next_steps: Vec::new(),
            contacts: Vec::new(),
            source: None,
            joint_councils: Vec::new(),
            source_url: None,
            decided: Vec::new(),
        }
    }
}

/// The role a peer played on a review team.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum PeerPosition {
    /// An elected member from another council.
    MemberPeer,
    /// A senior officer from another council.
    OfficerPeer,
    /// A shadow peer (observing, e.g. a political adviser).
    Shadow,
    /// The LGA peer challenge manager running the review.
    PeerChallengeManager,
    /// An LGA principal or regional adviser.
    LgaAdviser,
    /// Other LGA staff (programme, project support).
    LgaStaff,
    /// Not stated and not inferable.
    Unknown,
}

impl PeerPosition {
    /// Every position, in declaration order.
    pub const ALL: [PeerPosition; 7] = [
        PeerPosition::MemberPeer,
        PeerPosition::OfficerPeer,
        PeerPosition::Shadow,
        PeerPosition::PeerChallengeManager,
        PeerPosition::LgaAdviser,
        PeerPosition::LgaStaff,
        PeerPosition::Unknown,
    ];

    /// The position named `name` (as [`PeerPosition::as_str`] writes it).
    pub fn parse(name: &str) -> Option<PeerPosition> {
        PeerPosition::ALL.into_iter().find(|p| p.as_str() == name)
    }

    /// The snake_case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            PeerPosition::MemberPeer => "member_peer",
            PeerPosition::OfficerPeer => "officer_peer",
            PeerPosition::Shadow => "shadow",
            PeerPosition::PeerChallengeManager => "peer_challenge_manager",
            PeerPosition::LgaAdviser => "lga_adviser",
            PeerPosition::LgaStaff => "lga_staff",
            PeerPosition::Unknown => "unknown",
        }
    }
}

/// One person's place on one review's peer team.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Membership {
    /// The person (merged across reviews by the graph).
    pub person: PersonId,
    /// The name as this review wrote it, without honorifics. The name,
    /// role and organisation are shared texts: a peer serves on many
    /// reviews, and the graph keeps one copy of each text for all of them.
    pub name: Arc<str>,
    /// Honorifics as written ("Cllr", "Sir"), kept apart from the name.
    pub honorifics: Vec<String>,
    /// Job or political role on this review ("Leader", "Chief Executive").
    pub role: Option<Arc<str>>,
    /// Their organisation on this review.
    pub organisation: Option<Arc<str>>,
    /// Their position on the team.
    pub position: PeerPosition,
    /// Where the entry was read (line 0 for a member a person's decision
    /// added).
    pub span: Span,
    /// The fields whose shown value a person's decision set (`name`,
    /// `role`, `organisation`, `position`; all four for a member a
    /// decision added), sorted; the rest are as extracted.
    #[serde(default)]
    pub decided: Vec<String>,
}

/// A council member or officer who took part in a review.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attendee {
    /// Name without honorifics, when given (some reports list roles only).
    pub name: Option<String>,
    /// Honorifics as written.
    pub honorifics: Vec<String>,
    /// Their role at the council.
    pub role: Option<String>,
    /// Where the entry was read.
    pub span: Span,
}

/// A mention of another review in a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewRef {
    /// The review referred to (possibly a placeholder).
    pub review: ReviewId,
    /// Its kind as the mention implies.
    pub kind: ReviewKind,
    /// When it was held, as precisely as the mention says.
    pub held: Option<DateSpan>,
    /// The words of the mention.
    pub wording: String,
    /// Where the mention was read.
    pub span: Span,
}

/// What a review says comes next.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum NextStepKind {
    /// Publication of the review's report.
    ReportPublication,
    /// Publication of the council's action plan.
    ActionPlan,
    /// A progress review or six-month check-in.
    ProgressReview,
    /// A follow-up visit.
    FollowUpVisit,
    /// The next Corporate Peer Challenge (or Finance/Governance Peer Challenge).
    NextPeerChallenge,
}

impl NextStepKind {
    /// The snake_case name used in exports.
    pub fn as_str(self) -> &'static str {
        match self {
            NextStepKind::ReportPublication => "report_publication",
            NextStepKind::ActionPlan => "action_plan",
            NextStepKind::ProgressReview => "progress_review",
            NextStepKind::FollowUpVisit => "follow_up_visit",
            NextStepKind::NextPeerChallenge => "next_peer_challenge",
        }
    }
}

/// A next step stated by the document itself; it overrides the LGA's
/// era default when due dates are derived.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NextStep {
    /// What is expected.
    pub kind: NextStepKind,
    /// "within the next 18 – 24 months": the window in months after the review.
    pub within_months: Option<(u32, u32)>,
    /// "before September 2023": the date it is due by.
    pub before: Option<DateSpan>,
    /// The words it came from.
    pub wording: String,
    /// Where it was read.
    pub span: Span,
}

/// A named point of contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Contact {
    /// Name without honorifics.
    pub name: String,
    /// Their role ("Principal Adviser").
    pub role: Option<String>,
    /// E-mail address as written.
    pub email: Option<String>,
    /// Where it was read.
    pub span: Span,
}
