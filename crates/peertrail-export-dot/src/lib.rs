//! The Graphviz DOT exporter: each council's trail as a cluster.

use std::io::Write;

use peertrail_core::{ExportContext, ExportError, Exporter};

/// The dot exporter plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct DotExporter;

impl Exporter for DotExporter {
    fn name(&self) -> &'static str {
        "dot"
    }

    fn description(&self) -> &'static str {
        "dot"
    }

    fn files(&self) -> &'static [&'static str] {
        &["peertrail.dot"]
    }

    fn write(
        &self,
        file: &str,
        _ctx: &ExportContext<'_>,
        _out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        Err(ExportError::UnknownFile {
            exporter: "dot",
            file: file.to_string(),
        })
    }
}
