//! Hostile PDF, Word and web page files: each is an error that names the
//! file and says what to do, and the other files are still read.

use std::io::Write;

use peertrail_read::{read, Format, ReadError, ReadOptions, MAX_DOCUMENT_BYTES};

use crate::support::{load, problems, report, Scratch};

fn good_pdf() -> Vec<u8> {
    peertrail_testkit::pdf(
        &report(
            "Fernleigh Borough Council",
            "The council agreed its plan.\n",
        ),
        &Default::default(),
    )
}

/// A one-page PDF of hand-written objects, with `extra` in its trailer.
fn hand_pdf(content: &str, more: &[String], extra: &str) -> Vec<u8> {
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> >> /Contents 4 0 R >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
    ];
    objects.extend(more.iter().cloned());
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        write!(out, "{} 0 obj\n{o}\nendobj\n", i + 1).unwrap();
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for o in offsets {
        writeln!(out, "{o:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R {extra} >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

/// A PDF encrypted with a password that is not empty.
fn encrypted_pdf() -> Vec<u8> {
    let encrypt = format!(
        "<< /Filter /Standard /V 2 /R 3 /Length 128 /P -4 /O <{}> /U <{}> >>",
        "7a".repeat(32),
        "3c".repeat(32)
    );
    let id = "11".repeat(16);
    hand_pdf(
        "BT /F1 12 Tf 72 700 Td (secret) Tj ET",
        &[encrypt],
        &format!("/Encrypt 5 0 R /ID [<{id}> <{id}>]"),
    )
}

/// A page with a picture's worth of drawing and no text: a scan.
fn scanned_pdf() -> Vec<u8> {
    hand_pdf("q 500 0 0 700 50 70 cm 0.5 g 0 0 1 1 re f Q", &[], "")
}

/// A `.docx` whose document part unpacks to `size` bytes from a few KB.
fn zip_bomb(size: usize) -> Vec<u8> {
    use zip::write::SimpleFileOptions;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Deflated);
    zip.start_file("word/document.xml", options).unwrap();
    let chunk = vec![b' '; 1 << 16];
    for _ in 0..size / chunk.len() {
        zip.write_all(&chunk).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn each_bad_document_is_an_error_naming_it_and_the_rest_is_read() {
    let dir = Scratch::new("documents");
    dir.file("good.pdf", good_pdf());
    let encrypted = dir.file("encrypted.pdf", encrypted_pdf());
    let scanned = dir.file("scanned.pdf", scanned_pdf());
    let whole = good_pdf();
    let truncated = dir.file("truncated.pdf", &whole[..whole.len() / 3]);
    let corrupt = dir.file(
        "corrupt.docx",
        b"PK\x03\x04 this is not a zip archive at all",
    );
    let not_pdf = dir.file("renamed.pdf", "a text file with a PDF's name");
    let big = dir.path.join("big.pdf");
    std::fs::File::create(&big)
        .unwrap()
        .set_len(MAX_DOCUMENT_BYTES + 1)
        .unwrap();
    dir.file(
        "page.html",
        peertrail_testkit::html(
            &report("Ashby Vale District Council", "A page.\n"),
            "Ashby Vale",
            "https://example.org/a",
        ),
    );

    // Nested past what a browser nests: refused rather than parsed in
    // time growing with the square of the depth.
    let deep = dir.file(
        "deep.html",
        format!(
            "<html><body>{}<p>Ashby Vale District Council</p></body></html>",
            "<div>".repeat(600)
        ),
    );

    let corpus = load(std::slice::from_ref(&dir.path));
    let got = problems(&corpus);
    let says = |path: &std::path::Path, words: &str| {
        let start = format!("{}: error: ", path.display());
        assert!(
            got.iter()
                .any(|p| p.starts_with(&start) && p.contains(words)),
            "{} should say {words:?}: {got:#?}",
            path.display()
        );
    };
    says(&encrypted, "the PDF is encrypted");
    says(&scanned, "no text layer: run OCR first");
    says(&truncated, "not a readable PDF");
    says(&corrupt, "not a readable Word document");
    says(&not_pdf, "not a readable PDF");
    says(&big, "larger than the 67108864-byte limit");
    says(&deep, "elements nest more than 512 deep");
    assert_eq!(corpus.skipped().count(), 7, "{got:#?}");
    let sources: Vec<_> = corpus
        .extractions
        .iter()
        .map(|e| e.review.source.clone().unwrap_or_default())
        .collect();
    assert_eq!(sources, ["good.pdf", "page.html"]);
}

#[test]
fn a_zip_bomb_stops_at_the_unpacking_limit() {
    let bomb = zip_bomb(4 << 20);
    assert!(bomb.len() < 64 * 1024, "{}", bomb.len());
    let options = ReadOptions {
        max_unpacked_bytes: 1 << 20,
        ..ReadOptions::default()
    };
    match read(Format::Docx, &bomb, &options) {
        Err(e @ ReadError::TooLargeUnpacked { .. }) => {
            assert!(e.to_string().contains("possible zip bomb"), "{e}");
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn a_panicking_reader_is_an_error() {
    // Whatever the engine does with it, garbage after a PDF header is an
    // error, never a panic through the caller.
    let mut bytes = b"%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n".to_vec();
    bytes.extend(std::iter::repeat_n(b'(', 10_000));
    assert!(read(Format::Pdf, &bytes, &ReadOptions::default()).is_err());
}
