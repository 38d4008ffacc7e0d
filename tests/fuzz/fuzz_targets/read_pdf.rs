//! Fuzz target: any bytes as a PDF through `peertrail_read::read`, the
//! call the command line makes, which turns a panic inside the engine into
//! an error. The engine (pdf-extract) panics by design on some fonts, so
//! the fuzzer's abort-on-panic hook is replaced by a silent one: only a
//! crash the catch cannot hold (stack overflow, out of memory, a timeout)
//! stops a run. Our own post-processing is fuzzed apart, panics included,
//! by `pdf_clean`. When the bytes read, the text goes on through ingest.

#![no_main]

use libfuzzer_sys::fuzz_target;
use peertrail_ingest::{ingest_str, IngestOptions};
use peertrail_read::{read, Format, ReadOptions};

fuzz_target!(
    init: {
        std::panic::set_hook(Box::new(|_| {}));
    },
    |bytes: &[u8]| {
        if let Ok(doc) = read(Format::Pdf, bytes, &ReadOptions::default()) {
            assert!(doc.pages.windows(2).all(|w| w[0] <= w[1]));
            assert!(doc.pages.iter().all(|p| *p <= doc.text.len()));
            let _ = ingest_str(&doc.text, &IngestOptions::default());
        }
    }
);
