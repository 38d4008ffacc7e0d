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

    fn read(&self, bytes: &[u8], _options: &ReadOptions) -> Result<Document, ReadError> {
        let corrupt = |message: String| ReadError::Corrupt {
            format: FORMAT,
            message,
        };
        if memchr::memmem::find(&bytes[..bytes.len().min(1024)], b"%PDF-").is_none() {
            return Err(corrupt("no `%PDF-` header".to_string()));
        }
        let mut doc = pdf_extract::Document::load_mem(bytes).map_err(|e| corrupt(e.to_string()))?;
        if doc.is_encrypted() && doc.decrypt("").is_err() {
            return Err(ReadError::Encrypted);
        }
        let mut collector = Collector::default();
        pdf_extract::output_doc(&doc, &mut collector).map_err(|e| match e {
            OutputError::PdfError(e) => corrupt(e.to_string()),
            OutputError::FormatError(e) => corrupt(e.to_string()),
            OutputError::IoError(e) => corrupt(e.to_string()),
        })?;
        collector.finish_line();
        finish(collector.pages, self.name())
    }
}

/// Builds lines from positioned characters, in content order.
#[derive(Debug, Default)]
struct Collector {
    pages: Vec<Vec<PdfLine>>,
    height: f64,
    line: Option<PdfLine>,
    last_y: f64,
    last_end: f64,
    /// The baseline of the last finished line on this page.
    prev_y: Option<(f64, f64)>,
}

impl Collector {
    fn finish_line(&mut self) {
        if let Some(line) = self.line.take() {
            if let Some(page) = self.pages.last_mut() {
                if !line.text.trim().is_empty() {
                    page.push(line);
                }
            }
        }
    }
}

impl OutputDev for Collector {
    fn begin_page(
        &mut self,
        _page_num: u32,
        media_box: &MediaBox,
        _art_box: Option<(f64, f64, f64, f64)>,
    ) -> Result<(), OutputError> {
        self.finish_line();
        self.pages.push(Vec::new());
        self.height = media_box.ury - media_box.lly;
        self.prev_y = None;
        Ok(())
    }

    fn end_page(&mut self) -> Result<(), OutputError> {
        self.finish_line();
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
        if same_line {
            if let Some(line) = self.line.as_mut() {
                if x > self.last_end + size * 0.1 && !line.text.ends_with(' ') {
                    line.text.push(' ');
                }
                line.text.push_str(ch);
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
            self.line = Some(PdfLine {
                text: ch.to_string(),
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
    let (text, page_starts) = clean::clean_pages(&pages);
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

    fn read(&self, bytes: &[u8], _options: &ReadOptions) -> Result<Document, ReadError> {
        let engine = |message: String| ReadError::Engine {
            engine: "pdftotext",
            message,
        };
        let mut child = Command::new("pdftotext")
            .args(["-q", "-enc", "UTF-8", "-", "-"])
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
        let text = String::from_utf8_lossy(&out);
        let mut pages: Vec<Vec<PdfLine>> = text.split('\x0c').map(clean::text_lines).collect();
        // The form feed after the last page leaves an empty piece.
        if text.ends_with('\x0c') {
            pages.pop();
        }
        finish(pages, self.name())
    }
}

/// Whether the trailer names an encryption dictionary.
fn starts_encrypted(bytes: &[u8]) -> bool {
    memchr::memmem::find(bytes, b"/Encrypt").is_some()
}
