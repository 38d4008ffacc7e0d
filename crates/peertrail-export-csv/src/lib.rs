//! The CSV exporter: one RFC 4180 file per table.

use std::io::Write;

use peertrail_core::{ExportContext, ExportError, Exporter};

/// The csv exporter plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn name(&self) -> &'static str {
        "csv"
    }

    fn description(&self) -> &'static str {
        "csv"
    }

    fn files(&self) -> &'static [&'static str] {
        &[
            "reviews.csv",
            "recommendations.csv",
            "actions.csv",
            "progress.csv",
            "peers.csv",
            "links.csv",
        ]
    }

    fn write(
        &self,
        file: &str,
        _ctx: &ExportContext<'_>,
        _out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        Err(ExportError::UnknownFile {
            exporter: "csv",
            file: file.to_string(),
        })
    }
}
