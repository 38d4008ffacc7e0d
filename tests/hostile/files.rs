//! Files that are not reports, or only half one: each is skipped or warned
//! about by name (and line), and the rest of the corpus is still read.

use std::os::unix::fs::{symlink, PermissionsExt};

use crate::support::{check_outputs, load, pipeline, problems, report, Scratch};

#[test]
fn a_corpus_with_bad_files_still_reads_the_good_ones() {
    let dir = Scratch::new("mixed");
    let good = dir.file("good.txt", report("Fernleigh Borough Council", "Text.\n"));
    let empty = dir.file("empty.txt", "");
    let blank = dir.file("blank.md", "  \n\t \r\n\u{c}\n");
    let nul = dir.file("nul.txt", "Holmewood Council\nline two\nab\0cd\n");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend_from_slice(&[0x7f; 64]);
    let png = dir.file("image.txt", png);
    let mut cp = report("Ashby Vale District Council", "").into_bytes();
    cp.extend_from_slice(b"The council\x92s plan \x96 agreed.\n");
    let cp = dir.file("windows.txt", cp);
    let pdf = dir.file("notes.pdf", "%PDF-1.7 a PDF with nothing after its header");
    dir.file("notes.odt", "not read: not a report extension");

    let corpus = load(std::slice::from_ref(&dir.path));
    assert_eq!(corpus.files_seen, 7);
    assert_eq!(corpus.extractions.len(), 2, "{:#?}", problems(&corpus));
    assert_eq!(corpus.skipped().count(), 5);
    let mut expected = vec![
        format!("{}: error: the file is empty", blank.display()),
        format!("{}: error: the file is empty", empty.display()),
        format!(
            "{}:1: error: the file is not text (binary data at byte 0, line 1)",
            png.display()
        ),
        format!(
            "{}:3: error: the file is not text (binary data at byte 29, line 3)",
            nul.display()
        ),
        format!(
            "{}:7: warning: not valid UTF-8 (first bad byte at line 7); decoded as Windows-1252",
            cp.display()
        ),
    ];
    expected.sort();
    let mut got = problems(&corpus);
    got.sort();
    // The broken PDF is named with what its parser said.
    let broken = format!("{}: error: not a readable PDF: ", pdf.display());
    assert_eq!(
        got.iter().filter(|p| p.starts_with(&broken)).count(),
        1,
        "{got:#?}"
    );
    got.retain(|p| !p.starts_with(&broken));
    assert_eq!(got, expected);
    assert!(!got.iter().any(|p| p.contains(&good.display().to_string())));

    let sources: Vec<_> = corpus
        .extractions
        .iter()
        .map(|e| e.review.source.clone().unwrap_or_default())
        .collect();
    assert_eq!(sources, ["good.txt", "windows.txt"]);
    let (data, outputs) = pipeline(corpus);
    let councils: Vec<&str> = data.councils.iter().map(|c| c.id.as_str()).collect();
    assert_eq!(councils, ["ashby-vale", "fernleigh"]);
    check_outputs(&outputs, true);
}

#[test]
fn windows_1252_text_reaches_the_data_decoded() {
    let dir = Scratch::new("cp1252");
    let mut bytes =
        b"# Corporate Peer Challenge\n\n## Holmewood Caf\xe9 Quarter Council\n\n4 May 2021\n"
            .to_vec();
    bytes.extend_from_slice(b"\n\x93Quoted\x94 \x96 and \x80 sums.\n");
    let path = dir.file("holmewood.txt", bytes);
    let corpus = load(std::slice::from_ref(&path));
    assert_eq!(corpus.extractions.len(), 1, "{:#?}", problems(&corpus));
    assert_eq!(
        corpus.extractions[0].council.name,
        "Holmewood Caf\u{e9} Quarter Council"
    );
    assert_eq!(
        problems(&corpus),
        [format!(
            "{}:3: warning: not valid UTF-8 (first bad byte at line 3); decoded as Windows-1252",
            path.display()
        )]
    );
    let (_, outputs) = pipeline(corpus);
    check_outputs(&outputs, true);
}

#[test]
fn control_zero_width_and_right_to_left_characters() {
    let dir = Scratch::new("controls");
    let body = "Bell\u{7} and escape\u{1b}[31m and a\u{0}?\n\
                Zero\u{200B}width, joiner\u{200D}, word\u{2060}joiner, \u{FEFF}bom.\n\
                Right\u{200F}to\u{202E}left override\u{202C} and isolate \u{2067}x\u{2069}.\n";
    // A NUL byte is binary by rule; the rest are text.
    let text = report("Eastfield\u{200F} Borough Council", &body.replace('\0', ""));
    let path = dir.file("eastfield.txt", &text);
    let corpus = load(std::slice::from_ref(&path));
    assert_eq!(corpus.extractions.len(), 1, "{:#?}", problems(&corpus));
    assert_eq!(
        problems(&corpus),
        [format!(
            "{}:7: warning: 2 control characters replaced by spaces (first at line 7)",
            path.display()
        )]
    );
    let council = &corpus.extractions[0].council;
    assert_eq!(council.id.as_str(), "eastfield");
    // Decoding keeps the marks (see the decode unit tests); the council
    // name is the extractor's to tidy, and the id ignores them.
    assert!(council.name.starts_with("Eastfield"), "{council:?}");
    let (_, outputs) = pipeline(corpus);
    check_outputs(&outputs, true);
}

#[test]
fn utf16_reports_are_read() {
    let dir = Scratch::new("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    for u in report("Marshfield Borough Council", "Text.\n").encode_utf16() {
        bytes.extend(u.to_le_bytes());
    }
    let path = dir.file("marshfield.txt", bytes);
    let corpus = load(std::slice::from_ref(&path));
    assert_eq!(corpus.extractions.len(), 1, "{:#?}", problems(&corpus));
    assert_eq!(
        problems(&corpus),
        [format!(
            "{}: warning: decoded as UTF-16LE (byte order mark)",
            path.display()
        )]
    );
}

#[test]
fn a_report_naming_no_council_is_skipped_by_name() {
    let dir = Scratch::new("nocouncil");
    let path = dir.file("anon.txt", "Just some notes.\n\nNothing about any place.\n");
    let corpus = load(std::slice::from_ref(&path));
    assert_eq!(corpus.extractions.len(), 0);
    assert_eq!(
        problems(&corpus),
        [format!(
            "{}: error: cannot tell which council the report is about; pass --council NAME or add a .meta.toml sidecar",
            path.display()
        )]
    );
}

#[test]
fn missing_paths_are_reported_and_the_rest_read() {
    let dir = Scratch::new("missing");
    let good = dir.file("good.txt", report("Corrington City Council", "Text.\n"));
    let gone = dir.path.join("gone.txt");
    let corpus = load(&[gone.clone(), good]);
    assert_eq!(corpus.extractions.len(), 1);
    let got = problems(&corpus);
    assert_eq!(got.len(), 1);
    assert!(
        got[0].starts_with(&format!("{}: error: cannot read: ", gone.display())),
        "{got:?}"
    );
}

/// `chmod 000` files and folders. Tests usually run as root, who reads them
/// anyway: that sub-case is then skipped with a message.
#[test]
fn unreadable_files_and_folders() {
    let dir = Scratch::new("unreadable");
    dir.file("good.txt", report("Fernleigh Borough Council", "Text.\n"));
    let locked = dir.file("locked.txt", report("Holmewood Council", "Text.\n"));
    let locked_dir = dir.path.join("locked-dir");
    std::fs::create_dir(&locked_dir).unwrap();
    dir.file(
        "locked-dir/inner.txt",
        report("Eastfield Council", "Text.\n"),
    );
    std::fs::set_permissions(&locked, std::fs::Permissions::from_mode(0o000)).unwrap();
    std::fs::set_permissions(&locked_dir, std::fs::Permissions::from_mode(0o000)).unwrap();

    let corpus = load(std::slice::from_ref(&dir.path));
    if std::fs::read(&locked).is_ok() {
        eprintln!("skipped: running as root, so chmod 000 does not deny reading");
        assert_eq!(corpus.extractions.len(), 3, "{:#?}", problems(&corpus));
        return;
    }
    assert_eq!(corpus.extractions.len(), 1, "{:#?}", problems(&corpus));
    let got = problems(&corpus);
    assert_eq!(got.len(), 2, "{got:#?}");
    assert!(got[0].starts_with(&format!(
        "{}: error: cannot read folder: Permission denied",
        locked_dir.display()
    )));
    assert!(got[1].starts_with(&format!(
        "{}: error: cannot read: Permission denied",
        locked.display()
    )));
}

#[test]
fn symlink_loops_end() {
    let dir = Scratch::new("symlinks");
    let a = dir.file("a.txt", report("Fernleigh Borough Council", "Text.\n"));
    dir.file("sub/b.md", report("Corrington City Council", "Text.\n"));
    // A folder that contains itself, a folder pointing back up, a file
    // symlink cycle, and a dangling link.
    symlink(&dir.path, dir.path.join("sub/up")).unwrap();
    symlink(".", dir.path.join("self")).unwrap();
    symlink("y.txt", dir.path.join("x.txt")).unwrap();
    symlink("x.txt", dir.path.join("y.txt")).unwrap();
    symlink("nowhere.txt", dir.path.join("dangling.txt")).unwrap();
    // And the same file twice, through a link.
    symlink(&a, dir.path.join("sub/again.txt")).unwrap();

    let corpus = load(&[dir.path.clone(), dir.path.join("self")]);
    let got = problems(&corpus);
    let skipped: Vec<_> = corpus
        .skipped()
        .map(|p| p.path.file_name().unwrap().to_string_lossy().into_owned())
        .collect();
    assert_eq!(skipped, ["dangling.txt", "x.txt", "y.txt"], "{got:#?}");
    for p in corpus.skipped() {
        assert!(p.message.starts_with("cannot read: "), "{p}");
    }
    let councils: std::collections::BTreeSet<_> = corpus
        .extractions
        .iter()
        .map(|e| e.council.id.as_str().to_string())
        .collect();
    assert_eq!(
        councils.into_iter().collect::<Vec<_>>(),
        ["corrington", "fernleigh"]
    );
}
