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

/// A fresh, empty scratch folder unique to `name` and this process,
/// removed with everything in it when the test is done with it.
pub fn scratch(name: &str) -> Scratch {
    let dir = std::env::temp_dir().join(format!("peertrail-cli-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder");
    Scratch(dir)
}

/// A scratch folder, used as the path it is; removed when dropped.
pub struct Scratch(PathBuf);

impl std::ops::Deref for Scratch {
    type Target = Path;

    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The sample corpus.
pub fn corpus() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/corpus")
}

/// A small CPC report of our own, with `recommendations` as its numbered key
/// recommendations.
pub fn cpc_report(council: &str, recommendations: &[&str]) -> String {
    let mut text = format!(
        "# Corporate Peer Challenge\n\n## **{council}**\n\n3rd – 6th March 2025\n\nFeedback Report\n\n## 2. Key recommendations\n\nOur key recommendations:\n\n"
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

/// Writes `files` (name, text) into `dir`, creating it.
pub fn write_files(dir: &Path, files: &[(&str, &str)]) {
    std::fs::create_dir_all(dir).expect("corpus folder");
    for (name, text) in files {
        std::fs::write(dir.join(name), text).expect("corpus file");
    }
}

/// A remote peer support summary of our own, in the shape of a note that
/// restates the recommendations of earlier reviews the corpus may not
/// hold: each group is an introduction naming the review and the status
/// the council reported, then bold-led bullets (recommendation, commentary).
pub fn remote_support_report(
    council: &str,
    held: &str,
    team: &[&str],
    groups: &[(&str, &[(&str, &str)])],
) -> String {
    let mut text = format!(
        "\n\n{council}\n\nLGA Remote Peer Support – Summary\n\nBackground\n\nOn {held}, the LGA ran a remote session of two hours with the Cabinet and the senior officers of {council}.\n\nThe peer team for the session was:\n\n"
    );
    for member in team {
        text.push_str(&format!("- {member}\n"));
    }
    text.push_str("\nProgress against the earlier LGA recommendations\n\n");
    for (intro, bullets) in groups {
        text.push_str(intro);
        text.push_str("\n\n");
        for (lead, commentary) in *bullets {
            text.push_str(&format!("- **{lead}** {commentary}\n"));
        }
        text.push('\n');
    }
    text.push_str("Next steps\n\nThe LGA will keep in touch with the council through its principal adviser.\n");
    text
}
