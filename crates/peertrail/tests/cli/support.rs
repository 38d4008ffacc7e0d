//! Running the binary and making scratch folders.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs `peertrail` with `args`.
pub fn peertrail(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_peertrail"))
        .args(args)
        .output()
        .expect("the peertrail binary runs")
}

/// Exit code, stdout and stderr as text.
pub fn outcome(output: &Output) -> (i32, String, String) {
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// A fresh, empty scratch folder unique to `name` and this process.
pub fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("peertrail-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    dir
}

/// The sample corpus.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// A small CPC report of our own, with `recommendations` as its numbered key
/// recommendations.
pub fn cpc_report(council: &str, recommendations: &[&str]) -> String {
    let mut text = format!(
        "# Corporate Peer Challenge\n\n## **{council}**\n\n3rd – 6th March 2025\n\nFeedback Report\n\n## 2. Key recommendations\n\nThe peer team's key recommendations to the council:\n\n"
    );
    for (i, rec) in recommendations.iter().enumerate() {
        text.push_str(&format!("{}. {rec}\n", i + 1));
    }
    text.push_str("\n## 3. Summary of the approach\n\nThe team spent four days on site.\n");
    text
}

/// Path as a `&str` for argument lists.
pub fn arg(path: &Path) -> &str {
    path.to_str().expect("test paths are UTF-8")
}
