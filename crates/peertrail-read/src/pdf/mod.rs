//! PDF engines: `pdf-extract` built in, poppler's `pdftotext` where it is
//! installed; both hand their lines to [`clean`], our own post-processing.

pub mod clean;

use std::io::{Read, Write};
use std::process::{Command, Stdio};

use pdf_extract::{MediaBox, OutputDev, OutputError, Transform};

use crate::{Document, ReadError, ReadOptions, Reader};
use clean::PdfLine;

const FORMAT: &str = "PDF";

/// The built-in engine, `pdf-extract`, with our own line assembly: each
/// character arrives with its position and size, so lines keep their left
/// edge (hanging indents) and font size (headings).
#[derive(Debug)]
pub(crate) struct PdfExtract;

impl Reader for PdfExtract {
    fn name(&self) -> &'static str {
        "pdf-extract"
    }

    fn read_owned(&self, bytes: Vec<u8>, _options: &ReadOptions) -> Result<Document, ReadError> {
        let corrupt = |message: String| ReadError::Corrupt {
            format: FORMAT,
            message,
        };
        if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_none() {
            return Err(corrupt("no `%PDF-` header".to_string()));
        }
        let mut doc =
            pdf_extract::Document::load_mem(&bytes).map_err(|e| corrupt(e.to_string()))?;
        // The parsed objects are all the engine reads from here on.
        drop(bytes);
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err(ReadError::Encrypted);
        }
        let mut collector = Collector {
            bold: bold_flags(&doc),
            ..Collector::default()
        };
        pdf_extract::output_doc(&doc, &mut collector).map_err(|e| match e {
            OutputError::PdfError(e) => corrupt(e.to_string()),
            OutputError::FormatError(e) => corrupt(e.to_string()),
            OutputError::IoError(e) => corrupt(e.to_string()),
        })?;
        collector.close_page();
        // The engine's objects (the whole file, parsed) are not needed to
        // clean the lines; held to the end they were a third of the peak.
        drop(doc);
        finish(collector.pages, self.name())
    }
}

/// For each page, whether each text-showing operation (each `Tj`, each
/// string of a `TJ`, in content order: the order `pdf-extract` reports them
/// in) uses a bold font, judged by the font's name. `None` for a page whose
/// content cannot be scanned.
fn bold_flags(doc: &pdf_extract::Document) -> Vec<Option<Vec<bool>>> {
    use pdf_extract::content::Content;
    use pdf_extract::Object;
    doc.get_pages()
        .values()
        .map(|&page| {
            let fonts = doc.get_page_fonts(page).ok()?;
            let bold_font = |name: &[u8]| {
                fonts.get(name).is_some_and(|font| {
                    font.get(b"BaseFont")
                        .ok()
                        .and_then(|b| b.as_name().ok())
                        .is_some_and(|b| {
                            let b = String::from_utf8_lossy(b).to_ascii_lowercase();
                            ["bold", "black", "heavy", "semibold", "demi"]
                                .iter()
                                .any(|w| b.contains(w))
                        })
                })
            };
            let content = Content::decode(&doc.get_page_content(page).ok()?).ok()?;
            let mut flags = Vec::new();
            let mut bold = false;
            for op in &content.operations {
                match op.operator.as_str() {
                    "Tf" => {
                        bold = op
                            .operands
                            .first()
                            .and_then(|o| o.as_name().ok())
                            .is_some_and(bold_font);
                    }
                    "Tj" => flags.push(bold),
                    "TJ" => {
                        if let Some(Object::Array(items)) = op.operands.first() {
                            let strings = items
                                .iter()
                                .filter(|o| matches!(o, Object::String(..)))
                                .count();
                            flags.extend(std::iter::repeat_n(bold, strings));
                        }
                    }
                    // Forms draw text of their own: give up on this page.
                    "Do" => return None,
                    _ => {}
                }
            }
            Some(flags)
        })
        .collect()
}

/// A line being built: runs of plain and bold text.
#[derive(Debug, Default)]
struct RawLine {
    runs: Vec<(String, bool)>,
    x: f32,
    y: f32,
    size: f32,
    gap_before: bool,
}

impl RawLine {
    fn push(&mut self, text: &str, bold: bool) {
        match self.runs.last_mut() {
            Some((run, b)) if *b == bold => run.push_str(text),
            _ => self.runs.push((text.to_string(), bold)),
        }
    }

    fn ends_with_space(&self) -> bool {
        self.runs.last().is_some_and(|(r, _)| r.ends_with(' '))
    }

    fn is_blank(&self) -> bool {
        self.runs.iter().all(|(r, _)| r.trim().is_empty())
    }

    /// The line's text, bold runs between `**`, white space outside them.
    fn text(&self, with_bold: bool) -> String {
        let bold = if with_bold { self.runs.len() * 4 } else { 0 };
        let mut out =
            String::with_capacity(self.runs.iter().map(|(r, _)| r.len()).sum::<usize>() + bold);
        for (run, bold) in &self.runs {
            if !(with_bold && *bold) || run.trim().is_empty() {
                out.push_str(run);
                continue;
            }
            let start = run.len() - run.trim_start().len();
            let end = run.trim_end().len();
            out.push_str(&run[..start]);
            // Two bold runs with only white space between are one.
            if out.trim_end().ends_with("**") && out.ends_with(' ') && !out.trim_end().is_empty() {
                let keep = out.trim_end().len() - 2;
                out.truncate(keep);
                out.push(' ');
            } else {
                out.push_str("**");
            }
            out.push_str(&run[start..end]);
            out.push_str("**");
            out.push_str(&run[end..]);
        }
        out
    }
}

/// Builds lines from positioned characters, in content order.
#[derive(Debug, Default)]
struct Collector {
    /// The pages finished, their lines with `**` around bold runs on every
    /// page whose operations matched the scan one for one.
    pages: Vec<Vec<PdfLine>>,
    /// The lines of the page being read, while it is read: a page's lines
    /// are made text when it ends, so only one page's runs are held.
    page: Vec<RawLine>,
    /// Per page, the bold flag of each text-showing operation.
    bold: Vec<Option<Vec<bool>>>,
    /// Text-showing operations seen on each page begun (one more entry
    /// than `pages` while a page is being read).
    shown: Vec<usize>,
    height: f64,
    line: Option<RawLine>,
    last_y: f64,
    last_end: f64,
    /// The baseline of the last finished line on this page.
    prev_y: Option<(f64, f64)>,
}

impl Collector {
    /// Whether a page has begun and not yet ended.
    fn page_open(&self) -> bool {
        self.shown.len() > self.pages.len()
    }

    fn finish_line(&mut self) {
        if let Some(line) = self.line.take() {
            if self.page_open() && !line.is_blank() {
                self.page.push(line);
            }
        }
    }

    /// Whether the operation being shown is bold (false once the count of
    /// operations strays from the scan's).
    fn current_bold(&self) -> bool {
        let page = self.shown.len().saturating_sub(1);
        let shown = self.shown.last().copied().unwrap_or(0);
        self.bold
            .get(page)
            .and_then(Option::as_ref)
            .and_then(|flags| flags.get(shown.saturating_sub(1)))
            .copied()
            .unwrap_or(false)
    }

    /// Ends the page being read (if one is): its last line finished and
    /// its lines made text, with `**` around bold runs when the page's
    /// operations matched the scan one for one.
    fn close_page(&mut self) {
        self.finish_line();
        if !self.page_open() {
            return;
        }
        let i = self.shown.len().saturating_sub(1);
        let trusted = self
            .bold
            .get(i)
            .and_then(Option::as_ref)
            .is_some_and(|flags| Some(&flags.len()) == self.shown.get(i));
        let mut lines: Vec<PdfLine> = std::mem::take(&mut self.page)
            .into_iter()
            .map(|l| PdfLine {
                text: l.text(trusted),
                x: l.x,
                y: l.y,
                size: l.size,
                gap_before: l.gap_before,
            })
            .collect();
        // Collected in place of the raw lines, with the room they grew to.
        lines.shrink_to_fit();
        self.pages.push(lines);
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.close_page();
        self.shown.push(0);
        self.height = media_box.ury - media_box.lly;
        self.prev_y = None;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.close_page();
        Ok(())
    }

    fn output_character(
        &mut self,
        trm: &Transform,
        width: f64,
        _spacing: f64,
        font_size: f64,
        ch: &str,
    ) -> Result<(), OutputError> {
        let scale = (trm.m11 * trm.m22 - trm.m12 * trm.m21).abs().sqrt();
        let size = (font_size * scale).abs();
        let size = if size.is_finite() && size > 0.0 {
            size
        } else {
            1.0
        };
        let (x, y) = (trm.m31, self.height - trm.m32);
        let same_line = self.line.is_some() && (y - self.last_y).abs() <= size * 0.5;
        let bold = self.current_bold();
        if same_line {
            if let Some(line) = self.line.as_mut() {
                if x > self.last_end + size * 0.1 && !line.ends_with_space() {
                    line.push(" ", bold);
                }
                line.push(ch, bold);
                line.size = line.size.max(size as f32);
            }
        } else {
            if let Some(line) = &self.line {
                self.prev_y = Some((self.last_y, f64::from(line.size)));
            }
            self.finish_line();
            let gap_before = match self.prev_y {
                // A blank line's worth of space, or a step back up the page
                // (a new column, a text box).
                Some((py, psize)) => y - py > psize.max(size) * 1.6 || y < py,
                None => false,
            };
            self.line = Some(RawLine {
                runs: vec![(ch.to_string(), bold)],
                x: x as f32,
                y: y as f32,
                size: size as f32,
                gap_before,
            });
        }
        self.last_y = y;
        self.last_end = x + width * size;
        Ok(())
    }

    fn begin_word(&mut self) -> Result<(), OutputError> {
        if let Some(n) = self.shown.last_mut() {
            *n += 1;
        }
        Ok(())
    }

    fn end_word(&mut self) -> Result<(), OutputError> {
        Ok(())
    }

    fn end_line(&mut self) -> Result<(), OutputError> {
        Ok(())
    }
}

/// Pages of lines → a document, or the error a file without text earns.
fn finish(pages: Vec<Vec<PdfLine>>, engine: &'static str) -> Result<Document, ReadError> {
    if pages.is_empty() {
        return Err(ReadError::Corrupt {
            format: FORMAT,
            message: "no pages".to_string(),
        });
    }
    if pages
        .iter()
        .all(|p| p.iter().all(|l| l.text.trim().is_empty()))
    {
        return Err(ReadError::NoTextLayer { pages: pages.len() });
    }
    let (text, page_starts) = clean::clean_pages(pages);
    Ok(Document {
        text,
        pages: page_starts,
        title: None,
        url: None,
        engine,
        warnings: Vec::new(),
    })
}

/// poppler's `pdftotext`, run as a child process: the file on its standard
/// input, UTF-8 text with form feeds between pages on its standard output.
#[derive(Debug)]
pub(crate) struct Pdftotext;

impl Reader for Pdftotext {
    fn name(&self) -> &'static str {
        "pdftotext"
    }

    fn read_owned(&self, bytes: Vec<u8>, options: &ReadOptions) -> Result<Document, ReadError> {
        self.read(&bytes, options)
    }

    fn read(&self, bytes: &[u8], _options: &ReadOptions) -> Result<Document, ReadError> {
        let engine = |message: String| ReadError::Engine {
            engine: "pdftotext",
            message,
        };
        let mut child = Command::new("pdftotext")
            .args(["-q", "-bbox-layout", "-enc", "UTF-8", "-", "-"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| {
                engine(format!(
                    "{e} (install poppler's pdftotext: `apt-get install poppler-utils`)"
                ))
            })?;
        let mut stdin = child.stdin.take();
        let mut stdout = child.stdout.take();
        let mut out = Vec::new();
        // Written from a second thread, so neither pipe fills while the
        // other waits.
        let read = std::thread::scope(|scope| {
            scope.spawn(move || {
                if let Some(mut stdin) = stdin.take() {
                    // A program that stops reading early closes the pipe;
                    // its exit status says why.
                    let _ = stdin.write_all(bytes);
                }
            });
            match stdout.as_mut() {
                Some(stdout) => stdout.read_to_end(&mut out).map(|_| ()),
                None => Ok(()),
            }
        });
        let status = child.wait().map_err(|e| engine(e.to_string()))?;
        read.map_err(|e| engine(e.to_string()))?;
        match status.code() {
            Some(0) => {}
            Some(3) => return Err(ReadError::Encrypted),
            Some(1) if starts_encrypted(bytes) => return Err(ReadError::Encrypted),
            _ => {
                return Err(ReadError::Corrupt {
                    format: FORMAT,
                    message: format!("pdftotext could not read it ({status})"),
                })
            }
        }
        let pages = bbox_pages(&String::from_utf8_lossy(&out))?;
        finish(pages, self.name())
    }
}

/// `pdftotext -bbox-layout` output (XHTML: pages of flows of blocks of
/// lines of words, each with its box, in poppler's reading order) → pages
/// of lines. A line's size is its box's height, which keeps the ratio
/// between a heading's size and the body's.
fn bbox_pages(xhtml: &str) -> Result<Vec<Vec<PdfLine>>, ReadError> {
    use quick_xml::events::Event;
    let bad = |e: String| ReadError::Engine {
        engine: "pdftotext",
        message: format!("unexpected output: {e}"),
    };
    let num = |e: &quick_xml::events::BytesStart<'_>, key: &str| -> f32 {
        e.attributes()
            .flatten()
            .find(|a| a.key.local_name().as_ref() == key)
            .and_then(|a| a.value.parse::<f32>().ok())
            .unwrap_or(0.0)
    };
    let mut reader = quick_xml::Reader::from_str(xhtml);
    let mut pages: Vec<Vec<PdfLine>> = Vec::new();
    let mut line: Option<PdfLine> = None;
    let mut in_word = false;
    let mut prev: Option<(f32, f32)> = None;
    let mut new_block = false;
    loop {
        match reader.read_event().map_err(|e| bad(e.to_string()))? {
            Event::Start(e) => match e.local_name().as_ref() {
                "page" => {
                    pages.push(Vec::new());
                    prev = None;
                }
                "flow" | "block" => new_block = true,
                "line" => {
                    let (top, bottom) = (num(&e, "yMin"), num(&e, "yMax"));
                    let size = (bottom - top).max(0.1);
                    let gap_before = match prev {
                        // A new column or text box, or a blank line's
                        // worth of space.
                        Some((py, psize)) => bottom < py || (bottom - py) > psize.max(size) * 1.6,
                        None => false,
                    } || (new_block
                        && prev.is_some_and(|(py, _)| bottom - py > size * 1.3));
                    new_block = false;
                    line = Some(PdfLine {
                        text: String::new(),
                        x: num(&e, "xMin"),
                        y: bottom,
                        size,
                        gap_before,
                    });
                }
                "word" => {
                    in_word = true;
                    if let Some(l) = line.as_mut() {
                        if !l.text.is_empty() {
                            l.text.push(' ');
                        }
                    }
                }
                _ => {}
            },
            Event::Text(t) if in_word => {
                if let Some(l) = line.as_mut() {
                    l.text.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) if in_word => {
                if let Some(l) = line.as_mut() {
                    let c = match r.resolve_char_ref() {
                        Ok(Some(c)) => c,
                        _ => match r.as_ref() {
                            "amp" => '&',
                            "lt" => '<',
                            "gt" => '>',
                            "quot" => '"',
                            "apos" => '\'',
                            _ => '\u{fffd}',
                        },
                    };
                    l.text.push(c);
                }
            }
            Event::End(e) => match e.local_name().as_ref() {
                "word" => in_word = false,
                "line" => {
                    if let (Some(l), Some(page)) = (line.take(), pages.last_mut()) {
                        prev = Some((l.y, l.size));
                        page.push(l);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
    }
    Ok(pages)
}

/// Whether the trailer names an encryption dictionary.
fn starts_encrypted(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"/Encrypt").is_some()
}
