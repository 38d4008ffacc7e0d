//! The JSON exporter: the whole data set as one `peertrail/2` document.

#![warn(missing_docs)]

use std::io::{BufWriter, Write};

use peertrail_core::{
    Action, Council, Dataset, ExportContext, ExportError, Exporter, Link, LinkKind, Person,
    Progress, Recommendation, Review, ReviewProgress, StatusUpdate,
};
use serde::Serialize;

mod pretty;

/// The only file this exporter writes.
const FILE: &str = "peertrail.json";

/// The json exporter plugin.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonExporter;

/// [`Dataset`] by reference, so that leaving out `similar_theme` links does
/// not copy the corpus. Field names and order mirror `Dataset` exactly: the
/// document must decode back into it (a test pins the two encodings equal).
#[derive(Serialize)]
struct Document<'a> {
    format: &'a str,
    councils: &'a [Council],
    reviews: &'a [Review],
    recommendations: &'a [Recommendation],
    actions: &'a [Action],
    progress: &'a [Progress],
    review_progress: &'a [ReviewProgress],
    people: &'a [Person],
    links: Vec<&'a Link>,
    updates: &'a [StatusUpdate],
}

impl<'a> Document<'a> {
    fn new(data: &'a Dataset, similar_theme: bool) -> Self {
        Document {
            format: &data.format,
            councils: &data.councils,
            reviews: &data.reviews,
            recommendations: &data.recommendations,
            actions: &data.actions,
            progress: &data.progress,
            review_progress: &data.review_progress,
            people: &data.people,
            links: data
                .links
                .iter()
                .filter(|l| similar_theme || l.kind != LinkKind::SimilarTheme)
                .collect(),
            updates: &data.updates,
        }
    }
}

impl Exporter for JsonExporter {
    fn name(&self) -> &'static str {
        "json"
    }

    fn description(&self) -> &'static str {
        "peertrail.json: the whole data set as one document that reads back losslessly"
    }

    fn files(&self) -> &'static [&'static str] {
        &[FILE]
    }

    fn cost_hint(&self) -> u32 {
        // Measured at 10,000 generated documents: 0.15 s, against ~0.02 s
        // for one CSV table.
        2
    }

    fn write(
        &self,
        file: &str,
        ctx: &ExportContext<'_>,
        out: &mut dyn Write,
    ) -> Result<(), ExportError> {
        if file != FILE {
            return Err(ExportError::unknown_file("json", file));
        }
        let doc = Document::new(ctx.data, ctx.similar_theme);
        // The writer makes a call for every token (~20 million at 10,000
        // documents); through a buffer of a known type they are inlined
        // copies, and `out` sees a few large writes instead of a dynamic
        // call each.
        let buffered = BufWriter::with_capacity(1 << 18, out);
        let mut writer = pretty::Pretty::new(buffered);
        doc.serialize(&mut writer).map_err(|e| match e {
            pretty::Error::Io(e) => ExportError::Io(e),
            other => ExportError::encode("json", other),
        })?;
        let mut buffered = writer.into_inner();
        buffered.write_all(b"\n")?;
        buffered.flush()?;
        Ok(())
    }
}
