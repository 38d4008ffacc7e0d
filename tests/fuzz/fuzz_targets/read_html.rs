//! Fuzz target: any bytes as a html file through `peertrail_read::read`
//! (the call the command line makes). Our reader, `zip`, `quick-xml` and
//! html5ever must not panic, so the fuzzer's abort-on-panic hook stays:
//! a panic is a bug even though the command line would catch it.

#![no_main]

use libfuzzer_sys::fuzz_target;
use peertrail_ingest::{ingest_str, IngestOptions};
use peertrail_read::{read, Format, ReadOptions};

fuzz_target!(|bytes: &[u8]| {
    if let Ok(doc) = read(Format::Html, bytes, &ReadOptions::default()) {
        let _ = ingest_str(&doc.text, &IngestOptions::default());
    }
});
