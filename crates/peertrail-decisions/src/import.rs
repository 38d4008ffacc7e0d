//! The spreadsheet round trip: the tracker columns a person edited become
//! decisions. A row is compared with what the corpus shows now (decisions
//! applied), so an unedited row, or a file imported twice, adds nothing.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use peertrail_core::{Dataset, RecommendationId, ResponseKind, Status, StatusUpdate};

use crate::fingerprint::Fingerprints;
use crate::model::Decision;
use crate::parse::serde_plain;
use crate::rows::{Place, TrackerRow};
use crate::DecisionsError;

pub use peertrail_core::TRACKER_COLUMNS;

/// The tracker columns that hold a day.
pub(crate) const DATE_COLUMNS: [&str; 2] = ["update_date", "response_date"];

/// One decision taken from one row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The row's line or sheet row.
    pub place: Place,
    /// The decision to record.
    pub decision: Decision,
}

/// A row that could not be used, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The row's line or sheet row.
    pub place: Place,
    /// The recommendation id it gave, if any.
    pub id: Option<String>,
    /// Why.
    pub reason: String,
}

/// What an import found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ImportResult {
    /// Decisions to record, in row order.
    pub changes: Vec<Change>,
    /// Rows refused, in row order; nothing of a refused row is taken.
    pub refused: Vec<Refused>,
    /// Rows that changed nothing.
    pub unchanged: usize,
}

fn status_named(s: &str) -> Option<Status> {
    let k = s.trim().to_lowercase().replace([' ', '-'], "_");
    let k = match k.as_str() {
        "completed" | "done" => "complete",
        "significantly_progressed" | "significant" => "significant_progress",
        "ongoing" | "in_hand" | "progressing" => "in_progress",
        "started" | "begun_to_progress" => "begun",
        _ => k.as_str(),
    };
    serde_plain(k)
}

fn response_named(s: &str) -> Option<ResponseKind> {
    let k = s.trim().to_lowercase().replace([' ', '-'], "_");
    let k = match k.as_str() {
        "partially_accepted" | "partly" | "partial" => "partly_accepted",
        "rejected" | "not_agreed" => "not_accepted",
        "agreed" => "accepted",
        _ => k.as_str(),
    };
    serde_plain(k)
}

/// A day as a spreadsheet leaves it: `2024-05-01`, or `01/05/2024` (day
/// first, as UK spreadsheets save dates).
fn date_named(s: &str) -> Option<NaiveDate> {
    let t = s.trim();
    NaiveDate::parse_from_str(t, "%Y-%m-%d")
        .or_else(|_| NaiveDate::parse_from_str(t, "%d/%m/%Y"))
        .ok()
}

fn opt(s: &str) -> Option<String> {
    let t = s.trim();
    (!t.is_empty()).then(|| t.to_string())
}

/// The decisions a tracker's edited rows ask for. `data` is the corpus as
/// shown now (decisions applied); `extracted` fingerprints it as extracted,
/// so the new decisions name their targets the way `apply` checks them.
/// Fails only when the rows are not a tracker at all (no `id` column, no
/// tracker column).
pub fn import(
    data: &Dataset,
    extracted: &Fingerprints,
    rows: &[TrackerRow],
) -> Result<ImportResult, DecisionsError> {
    if let Some(first) = rows.first() {
        let columns: Vec<&String> = first.cells.keys().collect();
        let header = first.place.header();
        if !columns.iter().any(|c| c.as_str() == "id") {
            return Err(DecisionsError::Tracker {
                place: header,
                message: "no `id` column: this is not a peertrail recommendations tracker".into(),
            });
        }
        if !columns
            .iter()
            .any(|c| TRACKER_COLUMNS.contains(&c.as_str()))
        {
            return Err(DecisionsError::Tracker {
                place: header,
                message: format!(
                    "none of the tracker columns ({}): export the tracker again with this peertrail",
                    TRACKER_COLUMNS.join(", ")
                ),
            });
        }
    }
    let mut out = ImportResult::default();
    let latest = data.latest_updates();
    for row in rows {
        match one(data, &latest, extracted, row) {
            Ok(changes) if changes.is_empty() => out.unchanged += 1,
            Ok(changes) => out.changes.extend(changes),
            Err((id, reason)) => out.refused.push(Refused {
                place: row.place,
                id,
                reason,
            }),
        }
    }
    Ok(out)
}

type RowResult = Result<Vec<Change>, (Option<String>, String)>;

fn one(
    data: &Dataset,
    latest: &BTreeMap<&RecommendationId, &StatusUpdate>,
    extracted: &Fingerprints,
    row: &TrackerRow,
) -> RowResult {
    let cell = |k: &str| row.cells.get(k).map(String::as_str);
    let id = cell("id").map(str::trim).unwrap_or_default().to_string();
    if id.is_empty() {
        return Err((None, "no recommendation id in the `id` cell".into()));
    }
    let refuse = |why: String| (Some(id.clone()), why);
    let rid = RecommendationId::from_raw(id.as_str());
    let Some(rec) = data.recommendation(&rid) else {
        let close = closest(data, &id);
        return Err(refuse(format!(
            "no recommendation `{id}` in the corpus{}",
            close.map_or_else(String::new, |c| format!("; did you mean `{c}`?"))
        )));
    };
    let fingerprint = extracted.fingerprint(&id).map(str::to_string);
    let text = extracted.excerpt(&id);
    // A cell left out of the file keeps the value shown.
    let edited = |col: &str, shown: Option<String>| match cell(col) {
        Some(v) => opt(v),
        None => shown,
    };
    let mut changes = Vec::new();

    // The latest status update recorded, as the export showed it.
    let current: Option<&StatusUpdate> = latest.get(&rid).copied();
    let status = edited(
        "update_status",
        current.map(|u| u.status.as_str().to_string()),
    )
    .map(|s| {
        status_named(&s).ok_or_else(|| {
            refuse(format!(
                "`{s}` is not a status ({})",
                Status::ALL.map(Status::as_str).join(", ")
            ))
        })
    })
    .transpose()?;
    let date = edited("update_date", current.map(|u| u.date.to_string()))
        .map(|s| {
            date_named(&s)
                .ok_or_else(|| refuse(format!("`{s}` is not a date (YYYY-MM-DD or DD/MM/YYYY)")))
        })
        .transpose()?;
    let note = edited("update_note", current.and_then(|u| u.note.clone()));
    let who = edited("update_who", current.and_then(|u| u.who.clone()));
    let was = (
        current.map(|u| u.status),
        current.map(|u| u.date),
        current.and_then(|u| u.note.clone()),
        current.and_then(|u| u.who.clone()),
    );
    if (status, date, note.clone(), who.clone()) != was {
        match (status, date) {
            (Some(status), Some(date)) => changes.push(Change {
                place: row.place,
                decision: Decision::StatusUpdate {
                    recommendation: id.clone(),
                    fingerprint: fingerprint.clone(),
                    text: text.clone(),
                    status,
                    date,
                    note,
                    who,
                },
            }),
            (None, None) if current.is_some() => {
                return Err(refuse(
                    "the status update was cleared, but a recorded update stays (decisions are history): \
                     give a new status and date to record a newer one"
                        .into(),
                ))
            }
            _ => {
                return Err(refuse(
                    "a status update needs both `update_status` and `update_date`".into(),
                ))
            }
        }
    }

    let current = rec.response.as_deref();
    let response = edited("response", current.map(|r| r.response.as_str().to_string()))
        .map(|s| {
            response_named(&s).ok_or_else(|| {
                refuse(format!(
                    "`{s}` is not a response ({})",
                    ResponseKind::ALL.map(ResponseKind::as_str).join(", ")
                ))
            })
        })
        .transpose()?;
    let date = edited("response_date", current.map(|r| r.date.to_string()))
        .map(|s| {
            date_named(&s)
                .ok_or_else(|| refuse(format!("`{s}` is not a date (YYYY-MM-DD or DD/MM/YYYY)")))
        })
        .transpose()?;
    let note = edited("response_note", current.and_then(|r| r.note.clone()));
    let was = (
        current.map(|r| r.response),
        current.map(|r| r.date),
        current.and_then(|r| r.note.clone()),
    );
    if (response, date, note.clone()) != was {
        match (response, date) {
            (Some(response), Some(date)) => changes.push(Change {
                place: row.place,
                decision: Decision::Response {
                    recommendation: id.clone(),
                    fingerprint,
                    text,
                    response,
                    date,
                    note,
                    who: None,
                },
            }),
            (None, None) if current.is_some() => return Err(refuse(
                "the response was cleared, but a recorded response stays (decisions are history): \
                     give the new response and its date"
                    .into(),
            )),
            _ => {
                return Err(refuse(
                    "a response needs both `response` and `response_date`".into(),
                ))
            }
        }
    }
    Ok(changes)
}

fn closest(data: &Dataset, id: &str) -> Option<String> {
    data.recommendations
        .iter()
        .map(|r| {
            let shared =
                r.id.as_str()
                    .bytes()
                    .zip(id.bytes())
                    .take_while(|(a, b)| a == b)
                    .count();
            (shared, r.id.as_str())
        })
        .filter(|(n, _)| *n > 0)
        .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(a.1)))
        .map(|(_, id)| id.to_string())
}
