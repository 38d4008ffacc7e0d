//! The sqlite exporter: one database file, `peertrail.sqlite`, for DB
//! Browser for SQLite, Datasette or any SQL client.
//!
//! Tables councils, reviews, people, memberships, recommendations,
//! actions, progress, links and next_steps (the due items, with the as-of
//! date in `export`), with foreign keys and indexes, and the views
//! latest_status and overdue_next_steps. Rows go in in `Dataset` order in
//! one transaction, so the same data set gives the same content. The
//! schema (`src/schema.sql`) is documented in `docs/formats.md`.
//!
//! This exporter is a [`Target::Path`] one: SQLite writes its own file, at
//! a temporary path the caller then renames into place.

#![warn(missing_docs)]

use std::path::Path;

use peertrail_core::{
    date_text, AsOf, ExportContext, ExportError, Exporter, LinkKind, Precision, Target, FORMAT,
};
use rusqlite::{params, Connection};

const NAME: &str = "sqlite";

/// The database's file name.
pub const FILE: &str = "peertrail.sqlite";

/// The schema, as run on a new database.
pub const SCHEMA: &str = include_str!("schema.sql");

/// The sqlite exporter plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct SqliteExporter;

impl Exporter for SqliteExporter {
    fn name(&self) -> &'static str {
        NAME
    }

    fn description(&self) -> &'static str {
        "one SQLite database (peertrail.sqlite): tables, foreign keys, indexes and views"
    }

    fn files(&self) -> &'static [&'static str] {
        &[FILE]
    }

    fn cost_hint(&self) -> u32 {
        // Measured at 10,000 generated documents: 0.27–0.30 s on one
        // thread, against ~0.02 s for one CSV table; above the workbook
        // (0.24 s of CPU spread over its sheets, so less wall time).
        4
    }

    fn target(&self) -> Target {
        Target::Path
    }

    fn write_path(
        &self,
        file: &str,
        ctx: &ExportContext<'_>,
        path: &Path,
    ) -> Result<(), ExportError> {
        if file != FILE {
            return Err(ExportError::unknown_file(NAME, file));
        }
        let mut conn = Connection::open(path).map_err(encode)?;
        fill(&mut conn, ctx).map_err(encode)?;
        conn.close().map_err(|(_, e)| encode(e))
    }
}

fn encode(e: rusqlite::Error) -> ExportError {
    ExportError::encode(NAME, e)
}

fn span(
    s: Option<peertrail_core::DateSpan>,
) -> (Option<String>, Option<String>, Option<&'static str>) {
    match s {
        None => (None, None, None),
        Some(h) => (
            Some(date_text(h.start)),
            Some(date_text(h.end)),
            Some(match h.precision {
                Precision::Day => "day",
                Precision::Month => "month",
                Precision::Year => "year",
                _ => "other",
            }),
        ),
    }
}

/// Creates the schema in `conn` and fills it from `ctx`.
pub fn fill(conn: &mut Connection, ctx: &ExportContext<'_>) -> rusqlite::Result<()> {
    // The caller renames and syncs the finished file; a crash half way
    // leaves only a temporary file to throw away.
    // Foreign keys are declared for readers and checked by the tests;
    // rows go in table by table, so they are not enforced while loading.
    // 16 KiB pages (the default is 4 KiB) mean a quarter as many page
    // splits, page writes and system calls for the same rows. The index
    // builds sort in SQLite's own temporary files past its cache, not all
    // in memory (10,000 generated reports: 7 MB at the export's peak;
    // the file byte for byte the same, and no slower). Neither changes a
    // row.
    conn.execute_batch(
        "PRAGMA page_size = 16384; PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; \
         PRAGMA foreign_keys = OFF;",
    )?;
    let tx = conn.transaction()?;
    // The indexes are built once the rows are in: one sort per index
    // instead of a B-tree insertion per row and index.
    let (indexes, tables): (Vec<&str>, Vec<&str>) = SCHEMA
        .lines()
        .partition(|line| line.starts_with("CREATE INDEX ") && line.trim_end().ends_with(';'));
    tx.execute_batch(&tables.join("\n"))?;
    let data = ctx.data;
    {
        let mut st = tx.prepare("INSERT INTO export (key, value) VALUES (?1, ?2)")?;
        st.execute(params!["format", FORMAT])?;
        if let Some(as_of) = ctx.as_of {
            let origin = match as_of {
                AsOf::Given(_) => "given",
                _ => "newest_document",
            };
            st.execute(params!["as_of", date_text(as_of.date())])?;
            st.execute(params!["as_of_origin", origin])?;
        }
        st.execute(params![
            "similar_theme",
            if ctx.similar_theme { "true" } else { "false" }
        ])?;
    }
    {
        let mut st = tx.prepare("INSERT INTO councils VALUES (?1, ?2, ?3)")?;
        for c in &data.councils {
            st.execute(params![c.id.as_str(), c.name, c.aliases.join("; ")])?;
        }
    }
    {
        let mut st = tx
            .prepare("INSERT INTO reviews VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")?;
        let mut ms =
            tx.prepare("INSERT INTO memberships VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
        for r in &data.reviews {
            let (start, end, precision) = span(r.held);
            st.execute(params![
                r.id.as_str(),
                r.council.as_str(),
                r.kind.as_str(),
                start,
                end,
                precision,
                r.title,
                r.review_name,
                r.in_corpus,
                r.follows.as_ref().map(|f| f.as_str()),
                r.source,
            ])?;
            for (seq, m) in r.peers.iter().enumerate() {
                ms.execute(params![
                    r.id.as_str(),
                    i64::try_from(seq).unwrap_or(i64::MAX) + 1,
                    m.person.as_str(),
                    m.name,
                    m.honorifics.join("; "),
                    m.role,
                    m.organisation,
                    m.position.as_str(),
                    m.span.line,
                ])?;
            }
        }
    }
    {
        let mut st = tx.prepare("INSERT INTO people VALUES (?1, ?2, ?3)")?;
        for p in &data.people {
            st.execute(params![p.id.as_str(), p.name, p.aliases.join("; ")])?;
        }
    }
    {
        let mut st = tx.prepare(
            "INSERT INTO recommendations VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
        )?;
        for r in &data.recommendations {
            let themes: Vec<String> = r.themes.iter().map(|t| t.name().into_owned()).collect();
            st.execute(params![
                r.id.as_str(),
                r.review.as_str(),
                r.number,
                r.label,
                r.kind.as_str(),
                r.title,
                r.text,
                themes.join("; "),
                r.source,
                r.span.line,
                r.span.end_line,
                r.latest.as_deref().map(|l| l.status.as_str()),
                r.latest.as_deref().map(|l| l.review.as_str()),
                r.latest.as_ref().and_then(|l| l.reported).map(date_text),
                r.silent,
            ])?;
        }
    }
    {
        let mut st =
            tx.prepare("INSERT INTO actions VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
        for a in &data.actions {
            st.execute(params![
                a.id.as_str(),
                a.review.as_str(),
                a.number,
                a.recommendation.as_ref().map(|r| r.as_str()),
                a.text,
                a.owner,
                a.covered_by.as_ref().map(|c| c.as_str()),
                a.span.line,
                a.span.end_line,
            ])?;
        }
    }
    {
        let mut st = tx.prepare("INSERT INTO progress VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")?;
        for p in &data.progress {
            st.execute(params![
                p.recommendation.as_str(),
                p.review.as_str(),
                p.status.as_str(),
                p.wording,
                p.commentary,
                p.span.line,
                p.span.end_line,
            ])?;
        }
    }
    {
        let mut st = tx.prepare("INSERT INTO links VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)")?;
        for l in &data.links {
            if l.kind == LinkKind::SimilarTheme && !ctx.similar_theme {
                continue;
            }
            st.execute(params![
                l.from.as_str(),
                l.to.as_str(),
                l.kind.as_str(),
                l.confidence,
                l.evidence.rule.name(),
                l.evidence.score,
                &*l.evidence.detail.text(),
                l.suggested,
            ])?;
        }
    }
    {
        let mut st =
            tx.prepare("INSERT INTO next_steps VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)")?;
        for d in ctx.due {
            st.execute(params![
                d.council.as_str(),
                d.review.as_str(),
                d.step.as_str(),
                d.due_from.map(date_text),
                date_text(d.due_by),
                d.status.as_str(),
                d.rule.as_str(),
                d.rule_text,
                d.satisfied_by.as_ref().map(|s| s.as_str()),
            ])?;
        }
    }
    tx.execute_batch(&indexes.join("\n"))?;
    tx.commit()
}
