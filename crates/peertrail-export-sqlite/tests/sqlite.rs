//! The database read back: a dump of every table and view pinned, foreign
//! keys holding, views answering, the content the same every time.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use peertrail_testkit::fixture as common;

use std::path::PathBuf;

use peertrail_core::{ExportContext, Exporter};
use peertrail_export_sqlite::{SqliteExporter, FILE};
use rusqlite::{types::ValueRef, Connection};

fn database(tag: &str) -> (PathBuf, Connection) {
    let dir = std::env::temp_dir().join(format!("peertrail-sqlite-{tag}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(FILE);
    let data = common::dataset();
    SqliteExporter
        .write_path(FILE, &ExportContext::new(&data), &path)
        .unwrap();
    let conn = Connection::open(&path).unwrap();
    (dir, conn)
}

/// The schema and every row of every table and view, in a fixed order: a
/// `.dump` that does not depend on the SQLite version's formatting.
fn dump(conn: &Connection) -> String {
    let mut out = String::new();
    let mut st = conn
        .prepare(
            "SELECT type, name, sql FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name",
        )
        .unwrap();
    let objects: Vec<(String, String, String)> = st
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for (kind, name, sql) in &objects {
        out.push_str(&format!("{sql};\n"));
        if kind == "table" || kind == "view" {
            let mut q = conn.prepare(&format!("SELECT * FROM \"{name}\"")).unwrap();
            let n = q.column_count();
            let mut rows = q.query([]).unwrap();
            while let Some(row) = rows.next().unwrap() {
                let cells: Vec<String> = (0..n)
                    .map(|i| match row.get_ref(i).unwrap() {
                        ValueRef::Null => "NULL".to_string(),
                        ValueRef::Integer(v) => v.to_string(),
                        ValueRef::Real(v) => format!("{v}"),
                        ValueRef::Text(t) => format!("{:?}", String::from_utf8_lossy(t)),
                        ValueRef::Blob(b) => format!("<{} bytes>", b.len()),
                    })
                    .collect();
                out.push_str(&format!("  {name}: {}\n", cells.join(" | ")));
            }
        }
    }
    out
}

#[test]
fn the_database_reads_back() {
    let (dir, conn) = database("dump");
    let text = dump(&conn);
    insta::assert_snapshot!("dump", text);
    let (dir2, conn2) = database("dump-again");
    assert_eq!(dump(&conn2), text, "not deterministic");
    let a = std::fs::read(dir.join(FILE)).unwrap();
    let b = std::fs::read(dir2.join(FILE)).unwrap();
    assert_eq!(a, b, "the bytes differ between runs");
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(dir2);
}

#[test]
fn foreign_keys_hold_and_views_answer() {
    let (dir, conn) = database("keys");
    let broken: Vec<String> = conn
        .prepare("PRAGMA foreign_key_check")
        .unwrap()
        .query_map([], |r| r.get::<_, String>(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    assert!(broken.is_empty(), "{broken:?}");
    let recs: i64 = conn
        .query_row("SELECT COUNT(*) FROM recommendations", [], |r| r.get(0))
        .unwrap();
    let latest: i64 = conn
        .query_row("SELECT COUNT(*) FROM latest_status", [], |r| r.get(0))
        .unwrap();
    assert_eq!(recs, latest);
    let indexes: i64 = conn
        .query_row(
            "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert!(indexes >= 8, "{indexes}");
    conn.query_row("SELECT COUNT(*) FROM overdue_next_steps", [], |r| {
        r.get::<_, i64>(0)
    })
    .unwrap();
    let _ = std::fs::remove_dir_all(dir);
}
