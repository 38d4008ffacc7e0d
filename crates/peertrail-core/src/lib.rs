//! The peertrail domain model, shared by every other crate.
//!
//! Architecture invariant: this crate performs no I/O and knows nothing of
//! petgraph, files or output formats. Types are plain data with public fields
//! and serde derives; every public enum is `#[non_exhaustive]`.

#![warn(missing_docs)]

mod council;
mod dataset;
mod date;
mod digits;
mod due;
mod error;
mod export;
mod ids;
mod item;
mod link;
mod person;
mod review;
mod scan;
mod slug;
mod span;
mod status;
mod tracker;

pub use council::Council;
pub use dataset::{Dataset, Extraction, Warning, FORMAT};
pub use date::{DateSpan, Precision};
pub use digits::{date_text, decimal, push_date, push_fixed, push_padded};
pub use due::{DueItem, DueRule, DueStatus};
pub use error::CoreError;
pub use export::{
    is_safe_relative_path, spreadsheet_would_evaluate, AsOf, ExportContext, ExportError, Exporter,
    FolderSink, MemoryFolder, Target,
};
pub use ids::{ActionId, CouncilId, NodeId, PersonId, RecommendationId, ReviewId};
pub use item::{Action, Cue, CueKind, Recommendation, RecommendationKind, Theme};
pub use link::{Cosine, Detail, Evidence, Link, LinkKind, LinkRule, Restated};
pub use person::Person;
pub use review::{
    Attendee, Contact, Membership, NextStep, NextStepKind, PeerPosition, Review, ReviewKind,
    ReviewRef,
};
pub use scan::{bytes_below, holds_any, position_blockwise, repeat_byte, zero_bytes};
pub use slug::{page_name, slugify};
pub use span::Span;
pub use status::{LatestStatus, Progress, ReviewProgress, Status};
pub use tracker::{
    is_late, Response, ResponseKind, RevisedDue, Source, StatusUpdate, Timescale, TRACKER_COLUMNS,
};
