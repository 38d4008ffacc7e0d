//! The ordered registry of exporter plugins. Adding a format is one new
//! crate and one line here.

use peertrail_core::Exporter;

/// Every exporter, in the order `--format` lists them.
pub fn exporters() -> Vec<Box<dyn Exporter>> {
    vec![
        Box::new(peertrail_export_csv::CsvExporter),
        Box::new(peertrail_export_json::JsonExporter),
        Box::new(peertrail_export_dot::DotExporter),
        Box::new(peertrail_export_html::HtmlExporter::default()),
        Box::new(peertrail_export_xlsx::XlsxExporter),
        Box::new(peertrail_export_sqlite::SqliteExporter),
    ]
}

/// The exporter called `name`.
pub fn exporter(name: &str) -> Option<Box<dyn Exporter>> {
    exporters().into_iter().find(|e| e.name() == name)
}

/// The registered format names, comma-separated (for help and errors).
pub fn format_names() -> String {
    exporters()
        .iter()
        .map(|e| e.name())
        .collect::<Vec<_>>()
        .join(",")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_files_plain() {
        let all = exporters();
        let mut names: Vec<&str> = all.iter().map(|e| e.name()).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), all.len());
        for e in &all {
            for file in e.files() {
                assert!(
                    !file.contains(['/', '\\']) && !file.starts_with('.'),
                    "{file}"
                );
            }
        }
        assert_eq!(format_names(), "csv,json,dot,html,xlsx,sqlite");
    }
}
