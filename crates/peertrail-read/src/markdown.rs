//! The text form every reader writes: the markdown-ish blocks the
//! segmenter reads, one block per line, and the page map beside it.

/// What kind of block was written last, to know where blank lines go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Last {
    Nothing,
    Paragraph,
    Item,
    Row,
}

/// Builds a document's text block by block.
#[derive(Debug)]
pub(crate) struct Writer {
    text: String,
    pages: Vec<usize>,
    last: Last,
}

impl Writer {
    /// A writer with room for `bytes` of text, for a caller that knows
    /// about how much it will write (no copying as the text grows).
    pub(crate) fn with_capacity(bytes: usize) -> Writer {
        Writer {
            text: String::with_capacity(bytes),
            pages: Vec::new(),
            last: Last::Nothing,
        }
    }

    /// Marks where the next page starts (call before the first page too).
    pub(crate) fn page(&mut self) {
        if !self.text.is_empty() && !self.text.ends_with("\n\n") {
            self.text.push_str(if self.text.ends_with('\n') {
                "\n"
            } else {
                "\n\n"
            });
        }
        self.last = Last::Nothing;
        self.pages.push(self.text.len());
    }

    fn start(&mut self, kind: Last) {
        let blank = !matches!(
            (self.last, kind),
            (Last::Nothing, _) | (Last::Item, Last::Item) | (Last::Row, Last::Row)
        );
        if !self.text.is_empty() && !self.text.ends_with('\n') {
            self.text.push('\n');
        }
        if blank && !self.text.ends_with("\n\n") {
            self.text.push('\n');
        }
        self.last = kind;
    }

    /// A `#` heading.
    pub(crate) fn heading(&mut self, level: usize, text: &str) {
        let text = one_line(text);
        if text.is_empty() {
            return;
        }
        self.start(Last::Paragraph);
        for _ in 0..level.clamp(1, 6) {
            self.text.push('#');
        }
        self.text.push(' ');
        self.text.push_str(&text);
        self.text.push('\n');
    }

    /// A paragraph on one line.
    pub(crate) fn paragraph(&mut self, text: &str) {
        let text = one_line(text);
        if text.is_empty() {
            return;
        }
        self.start(Last::Paragraph);
        self.text.push_str(&text);
        self.text.push('\n');
    }

    /// A list item: `- text` for a bullet, `label text` for a numbered one
    /// (`label` such as `3.` or `(b)`), indented two spaces per level.
    pub(crate) fn item(&mut self, label: Option<&str>, depth: usize, text: &str) {
        let text = one_line(text);
        if text.is_empty() {
            return;
        }
        self.start(Last::Item);
        for _ in 0..depth.min(8) {
            self.text.push_str("  ");
        }
        self.text.push_str(label.unwrap_or("-"));
        self.text.push(' ');
        self.text.push_str(&text);
        self.text.push('\n');
    }

    /// A table row, `| a | b |`.
    pub(crate) fn row(&mut self, cells: &[String]) {
        if cells.iter().all(|c| one_line(c).is_empty()) {
            return;
        }
        self.start(Last::Row);
        self.text.push('|');
        for cell in cells {
            self.text.push(' ');
            self.text.push_str(&one_line(cell).replace('|', "/"));
            self.text.push_str(" |");
        }
        self.text.push('\n');
    }

    /// Ends a table, so the next row starts a new one.
    pub(crate) fn end_table(&mut self) {
        if self.last == Last::Row {
            self.last = Last::Paragraph;
        }
    }

    /// The text and its page map.
    pub(crate) fn finish(self) -> (String, Vec<usize>) {
        (self.text, self.pages)
    }
}

/// White space runs (line breaks included) as one space, trimmed.
pub(crate) fn one_line(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Control characters (a font's stray codes) read as spaces.
    let words = text.split(|c: char| c.is_whitespace() || c.is_control());
    for word in words.filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_and_pages() {
        let mut w = Writer::with_capacity(0);
        w.page();
        w.heading(1, "Report");
        w.paragraph("Some\n text.");
        w.item(Some("1."), 0, "First.");
        w.item(Some("2."), 0, "Second.");
        w.page();
        w.row(&["a|b".to_string(), "c".to_string()]);
        w.row(&["d".to_string(), String::new()]);
        let (text, pages) = w.finish();
        assert_eq!(
            text,
            "# Report\n\nSome text.\n\n1. First.\n2. Second.\n\n| a/b | c |\n| d |  |\n"
        );
        assert_eq!(pages, vec![0, text.find("| a/b").unwrap_or(0)]);
    }
}
