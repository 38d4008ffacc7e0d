//! The living tracker end to end: export, edit the CSV as a person would,
//! import, export again and find the update in every format with its
//! source; change a report's text and find the decision orphaned rather
//! than misapplied; bad decisions files and concurrent writers.

use std::fs;
use std::path::{Path, PathBuf};

use crate::support::{arg, corpus, outcome, peertrail, scratch};

pub const REC: &str = "corrington/2019-09-17-cpc#r3";
pub const OTHER: &str = "corrington/2019-09-17-cpc#r5";

/// A copy of the sample corpus that decisions can be written beside.
pub fn corpus_copy(dir: &Path) -> PathBuf {
    let to = dir.join("corpus");
    fs::create_dir_all(&to).unwrap();
    for entry in fs::read_dir(corpus()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            fs::copy(&path, to.join(path.file_name().unwrap())).unwrap();
        }
    }
    to
}

fn export(corpus: &Path, out: &Path) -> (i32, String, String) {
    export_as(corpus, out, "csv,json,dot")
}

/// `peertrail export` of `corpus` into `out` in `formats`.
pub fn export_as(corpus: &Path, out: &Path, formats: &str) -> (i32, String, String) {
    outcome(&peertrail(&[
        "export",
        "--corpus",
        arg(corpus),
        "--out",
        arg(out),
        "--format",
        formats,
    ]))
}

/// The update of `REC` (complete on 2024-05-01, who `Policy Team`) and its
/// response (partly accepted) as every text format of `out` shows them,
/// with their source.
pub fn assert_the_update_shows_everywhere(out: &Path) {
    let tracker = out.join("recommendations.csv");
    assert_eq!(cell(&tracker, REC, "latest_status"), "complete");
    assert_eq!(cell(&tracker, REC, "latest_source"), "updated");
    assert_eq!(cell(&tracker, REC, "latest_reported"), "2024-05-01");
    assert_eq!(cell(&tracker, REC, "response"), "partly_accepted");
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("peertrail.json")).unwrap()).unwrap();
    let rec = json["recommendations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == REC)
        .unwrap();
    assert_eq!(rec["latest"]["status"], "complete");
    assert_eq!(rec["latest"]["source"], "updated");
    assert_eq!(rec["latest"]["who"], "Policy Team");
    assert_eq!(rec["response"]["response"], "partly_accepted");
    assert_eq!(json["updates"][0]["recommendation"], REC);
    let dot = fs::read_to_string(out.join("peertrail.dot")).unwrap();
    assert!(
        dot.contains("complete (updated 2024-05-01)\\nresponse: partly_accepted"),
        "{dot}"
    );
}

/// The tracker as a person leaves it: `edits` (id, column, value) applied.
fn edit_tracker(from: &Path, to: &Path, edits: &[(&str, &str, &str)]) {
    let mut reader = csv::Reader::from_path(from).unwrap();
    let header = reader.headers().unwrap().clone();
    let mut writer = csv::Writer::from_path(to).unwrap();
    writer.write_record(&header).unwrap();
    for record in reader.records() {
        let mut cells: Vec<String> = record.unwrap().iter().map(str::to_string).collect();
        for (id, column, value) in edits {
            if cells[0] == *id {
                let at = header.iter().position(|h| h == *column).unwrap();
                cells[at] = (*value).to_string();
            }
        }
        writer.write_record(&cells).unwrap();
    }
    writer.flush().unwrap();
}

pub fn cell(csv_path: &Path, id: &str, column: &str) -> String {
    let mut reader = csv::Reader::from_path(csv_path).unwrap();
    let header = reader.headers().unwrap().clone();
    let at = header.iter().position(|h| h == column).unwrap();
    reader
        .records()
        .map(Result::unwrap)
        .find(|r| &r[0] == id)
        .map(|r| r[at].to_string())
        .unwrap()
}

#[test]
fn round_trip_through_the_spreadsheet_and_orphans_after_re_extraction() {
    let dir = scratch("tracker-round-trip");
    let corpus = corpus_copy(&dir);
    let out = dir.join("out");
    let (code, _, err) = export(&corpus, &out);
    assert_eq!(code, 0, "{err}");
    let tracker = out.join("recommendations.csv");
    assert_eq!(cell(&tracker, REC, "latest_status"), "unknown");

    // A person edits two rows (one of them badly) and saves the sheet.
    let edited = dir.join("edited.csv");
    edit_tracker(
        &tracker,
        &edited,
        &[
            (REC, "update_status", "Complete"),
            (REC, "update_date", "01/05/2024"),
            (REC, "update_note", "=Reported to Cabinet in May"),
            (REC, "update_who", "Policy Team"),
            (REC, "response", "Partly accepted"),
            (REC, "response_date", "2019-12-11"),
            (OTHER, "update_status", "nearly there"),
            (OTHER, "update_date", "2024-05-01"),
        ],
    );
    let decisions = corpus.join("peertrail-decisions.toml");

    // --strict takes nothing when a row is invalid.
    let (code, _, err) = outcome(&peertrail(&[
        "import-updates",
        arg(&edited),
        "--corpus",
        arg(&corpus),
        "--strict",
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("--strict: nothing taken"), "{err}");
    assert!(!decisions.exists());

    // Without it the good row is taken, the bad one reported by line.
    let (code, _, err) = outcome(&peertrail(&[
        "import-updates",
        arg(&edited),
        "--corpus",
        arg(&corpus),
    ]));
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(&format!(
            "took: status update {REC}: complete on 2024-05-01"
        )),
        "{err}"
    );
    assert!(
        err.contains(&format!("took: response to {REC}: partly_accepted")),
        "{err}"
    );
    assert!(
        err.contains(&format!(
            "refused ({OTHER}): `nearly there` is not a status"
        )),
        "{err}"
    );
    let written = fs::read_to_string(&decisions).unwrap();
    assert!(written.starts_with("# Decisions people took"), "{written}");
    assert!(
        written.contains("note = \"=Reported to Cabinet in May\""),
        "{written}"
    );

    // Export again: the update shows in every format, with its source.
    let (code, _, err) = export(&corpus, &out);
    assert_eq!(code, 0, "{err}");
    assert_the_update_shows_everywhere(&out);
    assert_eq!(
        cell(&tracker, REC, "update_note"),
        "'=Reported to Cabinet in May"
    );
    // trace reads the decisions too.
    let (code, stdout, err) = outcome(&peertrail(&["trace", REC, "--corpus", arg(&corpus)]));
    assert_eq!(code, 0, "{err}");
    assert!(stdout.contains("latest status: complete"), "{stdout}");

    // The re-exported tracker imported again changes nothing.
    let (code, _, err) = outcome(&peertrail(&[
        "import-updates",
        arg(&tracker),
        "--corpus",
        arg(&corpus),
    ]));
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("0 change(s) found, 0 row(s) refused"), "{err}");
    assert_eq!(fs::read_to_string(&decisions).unwrap(), written);

    // Re-extraction with changed text: the decisions are orphaned, with
    // the closest candidate, and never applied.
    let report = corpus.join("corrington-2019-09-cpc.txt");
    let text = fs::read_to_string(&report).unwrap();
    let changed = text.replace(
        "against a clear risk appetite and set limits on further borrowing",
        "against an agreed appetite for risk and cap any new borrowing",
    );
    assert_ne!(text, changed);
    fs::write(&report, changed).unwrap();
    let (code, _, err) = export(&corpus, &out);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("2 orphaned"), "{err}");
    assert!(
        err.contains(&format!("orphaned: status update {REC}: complete on 2024-05-01: the text of `{REC}` is not what it was")),
        "{err}"
    );
    assert!(err.contains(&format!("candidate: {REC} (")), "{err}");
    assert_eq!(cell(&tracker, REC, "latest_status"), "unknown");
    assert_eq!(cell(&tracker, REC, "response"), "");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn decide_commands_write_history_and_explain_unknown_ids() {
    let dir = scratch("tracker-decide");
    let corpus = corpus_copy(&dir);
    let c = arg(&corpus);
    let (code, _, err) = outcome(&peertrail(&[
        "update",
        REC,
        "--status",
        "in_progress",
        "--date",
        "2024-01-10",
        "--note",
        "Audit Committee",
        "--corpus",
        c,
    ]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = outcome(&peertrail(&[
        "respond",
        REC,
        "--response",
        "accepted",
        "--date",
        "2019-12-11",
        "--corpus",
        c,
    ]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = outcome(&peertrail(&[
        "decide",
        "link",
        "corrington/2019-12-11-action-plan#a6",
        "corrington/2019-09-17-cpc#r7",
        "--add",
        "--kind",
        "responds",
        "--corpus",
        c,
    ]));
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = outcome(&peertrail(&[
        "decide",
        "link",
        "corrington/2019-12-11-action-plan#a6",
        "corrington/2019-09-17-cpc#r7",
        "--confirm",
        "--corpus",
        c,
    ]));
    assert_eq!(code, 0, "{err}");
    let text = fs::read_to_string(corpus.join("peertrail-decisions.toml")).unwrap();
    assert_eq!(text.matches("[[decision]]").count(), 4, "{text}");
    assert!(text.contains("fingerprint = \""), "{text}");

    // An unknown id: the closest ids, exit 2, nothing written.
    let (code, _, err) = outcome(&peertrail(&[
        "update",
        "corrington/2019-09-17-cpc#r33",
        "--status",
        "complete",
        "--date",
        "2024-01-10",
        "--corpus",
        c,
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("did you mean"), "{err}");
    let (code, _, err) = outcome(&peertrail(&[
        "decide",
        "link",
        "corrington/2019-12-11-action-plan#a5",
        "corrington/2019-09-17-cpc#r1",
        "--reject",
        "--corpus",
        c,
    ]));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("no link"), "{err}");
    assert_eq!(
        fs::read_to_string(corpus.join("peertrail-decisions.toml")).unwrap(),
        text
    );
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn a_bad_or_newer_decisions_file_stops_everything_and_is_left_alone() {
    let dir = scratch("tracker-bad");
    let corpus = corpus_copy(&dir);
    let file = corpus.join("peertrail-decisions.toml");
    let bad = "format = \"peertrail-decisions/1\"\n\n[[decision]]\ndecision = \"status_update\"\nrecommendation = \"x#r1\"\nstatus = \"finished\"\ndate = \"2024-01-01\"\n";
    fs::write(&file, bad).unwrap();
    let out = dir.join("out");
    let (code, _, err) = export(&corpus, &out);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains(&format!("{}:3: unknown variant `finished`", file.display())),
        "{err}"
    );
    assert!(!out.exists(), "nothing is written");
    let (code, _, err) = outcome(&peertrail(&[
        "update",
        REC,
        "--status",
        "complete",
        "--date",
        "2024-01-10",
        "--corpus",
        arg(&corpus),
    ]));
    assert_eq!(code, 2, "{err}");
    assert_eq!(fs::read_to_string(&file).unwrap(), bad);

    let newer = "format = \"peertrail-decisions/7\"\n";
    fs::write(&file, newer).unwrap();
    let (code, _, err) = export(&corpus, &out);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("is newer than this peertrail reads"), "{err}");
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn two_writers_at_once_lose_nothing() {
    use peertrail_decisions::Decision;
    let dir = scratch("tracker-lock");
    let writer = |n: u32| {
        let dir = dir.to_path_buf();
        std::thread::spawn(move || {
            for i in 0..15 {
                let d = Decision::StatusUpdate {
                    recommendation: format!("c/2020-cpc#r{n}"),
                    fingerprint: None,
                    text: None,
                    status: peertrail_core::Status::Begun,
                    date: chrono::NaiveDate::from_ymd_opt(2024, 1, i + 1).unwrap(),
                    note: Some(format!("writer {n}, update {i}")),
                    who: None,
                };
                peertrail::append_decisions(&dir, &[d]).unwrap();
            }
        })
    };
    let (a, b) = (writer(1), writer(2));
    a.join().unwrap();
    b.join().unwrap();
    let text = fs::read_to_string(dir.join("peertrail-decisions.toml")).unwrap();
    let parsed = peertrail_decisions::parse(&text, "t").unwrap();
    assert_eq!(parsed.len(), 30);
    for n in [1, 2] {
        for i in 0..15 {
            assert!(
                text.contains(&format!("writer {n}, update {i}\"")),
                "{n}/{i}"
            );
        }
    }
    assert!(!dir.join("peertrail-decisions.toml.lock").exists());
    let _ = fs::remove_dir_all(&dir);
}

#[test]
fn peer_decisions_show_in_every_export_and_refuse_unknown_members() {
    const CPC: &str = "ashby-vale/2022-07-12-cpc";
    let dir = scratch("tracker-peers");
    let corpus = corpus_copy(&dir);
    let decide = |extra: &[&str]| {
        let mut args = vec!["decide", "peer", CPC];
        args.extend_from_slice(extra);
        args.extend_from_slice(&["--corpus", arg(&corpus)]);
        outcome(&peertrail(&args))
    };
    let (code, _, stderr) = decide(&[
        "helen-mackie",
        "--correct",
        "--organisation",
        "Upton County Council",
    ]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = decide(&["naveed-iqbal", "--remove", "--note", "an observer"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = decide(&[
        "--add",
        "--name",
        "Ruth Okafor",
        "--position",
        "peer_challenge_manager",
    ]);
    assert_eq!(code, 0, "{stderr}");
    // Refused, nothing written: a member not on the team (with the team
    // listed), a position that does not exist, --add with a person.
    let before = fs::read_to_string(corpus.join("peertrail-decisions.toml")).unwrap();
    let (code, _, stderr) = decide(&["helen-mackay", "--correct", "--name", "Helen Mackay"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains("no member `helen-mackay`")
            && stderr.contains("helen-mackie (Helen Mackie)"),
        "{stderr}"
    );
    let (code, _, stderr) = decide(&["--add", "--name", "Jo Bell", "--position", "captain"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("not a position"), "{stderr}");
    let (code, _, _) = decide(&["helen-mackie", "--add", "--name", "Jo Bell"]);
    assert_eq!(code, 2);
    assert_eq!(
        fs::read_to_string(corpus.join("peertrail-decisions.toml")).unwrap(),
        before
    );

    let out = dir.join("out");
    let (code, _, stderr) = export(&corpus, &out);
    assert_eq!(code, 0, "{stderr}");
    let peers = fs::read_to_string(out.join("peers.csv")).unwrap();
    let rows: Vec<&str> = peers.lines().filter(|l| l.starts_with(CPC)).collect();
    assert!(
        rows.iter().any(|r| r.contains("helen-mackie")
            && r.contains("Upton County Council")
            && r.ends_with(",organisation")),
        "{peers}"
    );
    assert!(!rows.iter().any(|r| r.contains("naveed-iqbal")), "{peers}");
    assert!(
        rows.iter().any(
            |r| r.contains("ruth-okafor,Ruth Okafor,,,,peer_challenge_manager")
                && r.ends_with(",0,0,,name; organisation; position; role")
        ),
        "{peers}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&fs::read_to_string(out.join("peertrail.json")).unwrap()).unwrap();
    let people: Vec<&str> = json["people"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|p| p["id"].as_str())
        .collect();
    assert!(people.contains(&"ruth-okafor"), "{people:?}");
}

/// An export without `--similar-theme` does not look for `similar_theme`
/// links, unless a decision names one: then the decision still finds its
/// link, and is not reported orphaned.
#[test]
fn a_decided_similar_theme_link_is_found_by_an_export_that_shows_none() {
    let dir = scratch("tracker-similar-theme");
    let corpus = corpus_copy(&dir);
    let c = arg(&corpus);
    let (from, to) = (
        "ashby-vale/2022-07-12-cpc#r1",
        "corrington/2019-09-17-cpc#r1",
    );
    let (code, _, err) = outcome(&peertrail(&[
        "decide",
        "link",
        from,
        to,
        "--kind",
        "similar_theme",
        "--confirm",
        "--corpus",
        c,
    ]));
    assert_eq!(code, 0, "{err}");
    let out = dir.join("out");
    let (code, _, err) = export_as(&corpus, &out, "json");
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("orphaned"), "{err}");
    let json = fs::read_to_string(out.join("peertrail.json")).unwrap();
    assert!(!json.contains("\"similar_theme\""), "exported unasked");
    let (code, _, err) = outcome(&peertrail(&[
        "export",
        "--corpus",
        c,
        "--out",
        arg(&out),
        "--format",
        "csv",
        "--similar-theme",
    ]));
    assert_eq!(code, 0, "{err}");
    let links = fs::read_to_string(out.join("links.csv")).unwrap();
    let line = links
        .lines()
        .find(|l| l.starts_with(&format!("{from},{to},similar_theme,")))
        .unwrap_or_else(|| panic!("no similar_theme link {from} -> {to}:\n{links}"));
    assert!(line.ends_with(",decided"), "{line}");
}
