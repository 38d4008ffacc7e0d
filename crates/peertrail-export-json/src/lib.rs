//! The JSON exporter: the whole data set as one `peertrail/1` document.

use std::io::Write;

use peertrail_core::{ExportContext, ExportError, Exporter};

/// The json exporter plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonExporter;

impl Exporter for JsonExporter {
    fn name(&self) -> &'static str {
        "json"
    }

    fn description(&self) -> &'static str {
        "json"
    }

    fn files(&self) -> &'static [&'static str] {
        &["peertrail.json"]
    }

    fn write(
        &self,
        file: &str,
        _ctx: &ExportContext<'_>,
        _out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        Err(ExportError::UnknownFile {
            exporter: "json",
            file: file.to_string(),
        })
    }
}
