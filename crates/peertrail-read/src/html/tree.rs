//! A slim document tree for html5ever to build: what the web page reader
//! needs and nothing more.
//!
//! A general DOM (such as `scraper`'s) keeps every attribute, a text node's
//! own buffer grown by doubling, and pointers per node; on a large page it
//! held about seven times the page. Here nodes are 36-byte records in one
//! vector linked by index, every text lives in one shared buffer, and an
//! element keeps only the attributes the reader asks about. The tree is
//! built by html5ever's tree builder, so a page parses exactly as a browser
//! would parse it (implied and misnested tags, tables, templates).

use std::borrow::Cow;
use std::cell::{Ref, RefCell};
use std::panic::{catch_unwind, resume_unwind, AssertUnwindSafe};

use html5ever::tendril::{StrTendril, TendrilSink};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeSink};
use html5ever::{expanded_name, local_name, ns, Attribute, LocalName, QualName};

/// A node's place in [`Tree::nodes`].
pub(super) type NodeIx = u32;

/// No node: the end of a sibling chain, a node without parent or children.
const NONE: NodeIx = NodeIx::MAX;

/// The attributes the reader looks at; the rest are not kept.
const KEPT_ATTRIBUTES: &[&str] = &[
    "id",
    "class",
    "role",
    "hidden",
    "aria-hidden",
    "start",
    "value",
    "rel",
    "href",
    "property",
    "content",
];

/// What a node is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Data {
    /// The document itself, the tree's first node.
    Document,
    /// An element: its index in [`Tree::elements`].
    Element(u32),
    /// Text: a range of [`Tree::text`].
    Text { start: u32, len: u32 },
    /// A comment, processing instruction, document type or template
    /// contents: never read, kept so the tree has the shape html5ever built.
    Other,
}

#[derive(Debug, Clone, Copy)]
struct Node {
    parent: NodeIx,
    first_child: NodeIx,
    last_child: NodeIx,
    prev_sibling: NodeIx,
    next_sibling: NodeIx,
    /// How many ancestors it had when it was last put in the tree.
    depth: u32,
    data: Data,
}

impl Node {
    fn new(data: Data) -> Node {
        Node {
            parent: NONE,
            first_child: NONE,
            last_child: NONE,
            prev_sibling: NONE,
            next_sibling: NONE,
            depth: 0,
            data,
        }
    }
}

/// An element's name and the attributes kept.
#[derive(Debug)]
struct Element {
    name: QualName,
    attributes: Vec<(LocalName, Box<str>)>,
}

impl Element {
    fn keep(&mut self, attributes: Vec<Attribute>) {
        for attribute in attributes {
            let name = attribute.name;
            if name.ns != ns!()
                || !KEPT_ATTRIBUTES.contains(&&*name.local)
                || self.attributes.iter().any(|(kept, _)| *kept == name.local)
            {
                continue;
            }
            self.attributes
                .push((name.local, Box::from(&*attribute.value)));
        }
    }
}

/// One step of a walk through a subtree: entering a node or leaving it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Edge {
    Open(NodeIx),
    Close(NodeIx),
}

/// A parsed page.
#[derive(Debug)]
pub(super) struct Tree {
    nodes: Vec<Node>,
    elements: Vec<Element>,
    text: String,
    /// The name `elem_name` answers for a node that is not an element
    /// (the tree builder never asks for one).
    no_name: QualName,
    /// The most nodes this page may make ([`node_budget`]).
    budget: usize,
}

/// The page as text (invalid UTF-8 replaced, as a browser shows it), cut
/// at character boundaries into pieces of about [`PIECE_BYTES`].
fn pieces(bytes: Vec<u8>) -> Vec<StrTendril> {
    let text = match String::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    };
    let mut pieces = Vec::with_capacity(text.len() / PIECE_BYTES + 1);
    let mut rest = text.as_str();
    while !rest.is_empty() {
        let mut cut = PIECE_BYTES.min(rest.len());
        while !rest.is_char_boundary(cut) {
            cut += 1;
        }
        let (piece, after) = rest.split_at(cut);
        pieces.push(StrTendril::from_slice(piece));
        rest = after;
    }
    pieces
}

/// Why a page was not parsed to the end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Limit {
    /// The page is a gigabyte or more (the text buffer's offsets are
    /// 32-bit).
    TooLarge,
    /// The tree would pass this many nodes. The HTML standard's parser
    /// re-opens every formatting element left open (`<b>`, `<font>`…) at
    /// each new paragraph, so a page of a few kilobytes can ask for
    /// millions of elements: 47 KB took 730 MB before this limit.
    Nodes(usize),
    /// Elements nest deeper than [`MAX_DEPTH`]: each tag makes the parser
    /// search its stack of open elements, so time grows with the square of
    /// the depth (80,000 nested `<div>`s, 400 KB, took 12 s).
    Depth,
}

impl std::fmt::Display for Limit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Limit::TooLarge => write!(f, "too large for the web page reader"),
            Limit::Nodes(most) => write!(
                f,
                "the page makes more than {most} elements and texts (formatting left open \
                 is opened again at every paragraph); refused"
            ),
            Limit::Depth => write!(f, "elements nest more than {MAX_DEPTH} deep; refused"),
        }
    }
}

/// The deepest nesting read; browsers stop nesting at about the same depth.
const MAX_DEPTH: u32 = 512;

/// The nodes a page may make: a million, and one more for every four
/// bytes of page (a table of one-digit cells makes one for every five). A
/// 6.6 MB report makes 164,000.
fn node_budget(page_bytes: usize) -> usize {
    1_000_000 + page_bytes / 4
}

/// Stops the parse from inside the tree builder's calls, which cannot
/// fail: the unwind is caught in [`Tree::parse`]. `resume_unwind` runs no
/// panic hook, so nothing is printed and a fuzzer does not take it for a
/// crash.
fn stop(limit: Limit) -> ! {
    resume_unwind(Box::new(limit))
}

/// How much of the page html5ever is handed at a time. The page is cut
/// into pieces this size before parsing, and each piece is freed once
/// parsed, so the unparsed rest of the page shrinks as the tree grows.
const PIECE_BYTES: usize = 64 * 1024;

impl Tree {
    /// The page parsed as a browser would. The text buffer's offsets are
    /// 32-bit, so a page of a gigabyte or more is refused (the reader's
    /// file limit is far below it).
    pub(super) fn parse(bytes: Vec<u8>) -> Result<Tree, Limit> {
        // html5ever may write U+FFFD (3 bytes) for a NUL (1 byte).
        if bytes.len() > (u32::MAX / 4) as usize {
            return Err(Limit::TooLarge);
        }
        // A page's text is most of it; each tag's `<` makes at most one
        // element, and about as many text nodes again are made between
        // them. Room for that is taken up front, so the vectors are not
        // copied as they grow (what is reserved and not used is never
        // touched). A page of nothing but `<` is text, so the room is
        // also held to a node per 16 bytes of page.
        let tags = memchr::memchr_iter(b'<', &bytes).count();
        let nodes = (tags + tags / 2).min(bytes.len() / 16);
        let mut tree = Tree {
            nodes: Vec::with_capacity(nodes + 16),
            elements: Vec::with_capacity(nodes / 3 + 16),
            text: String::with_capacity(bytes.len()),
            no_name: QualName::new(None, ns!(), local_name!("")),
            budget: node_budget(bytes.len()),
        };
        tree.nodes.push(Node::new(Data::Document));
        let pieces = pieces(bytes);
        let parsed = catch_unwind(AssertUnwindSafe(|| {
            let mut parser =
                html5ever::parse_document(Sink(RefCell::new(tree)), Default::default());
            for piece in pieces {
                parser.process(piece);
            }
            parser.finish()
        }));
        match parsed {
            Ok(tree) => Ok(tree),
            Err(payload) => match payload.downcast::<Limit>() {
                Ok(limit) => Err(*limit),
                // A panic of html5ever's own goes on to the reader's catch.
                Err(payload) => resume_unwind(payload),
            },
        }
    }

    pub(super) fn data(&self, node: NodeIx) -> Data {
        self.node(node).map_or(Data::Other, |n| n.data)
    }

    fn node(&self, node: NodeIx) -> Option<&Node> {
        self.nodes.get(node as usize)
    }

    fn element(&self, node: NodeIx) -> Option<&Element> {
        match self.data(node) {
            Data::Element(e) => self.elements.get(e as usize),
            _ => None,
        }
    }

    /// An element's local name ("" for any other node).
    pub(super) fn name(&self, node: NodeIx) -> &str {
        self.element(node).map_or("", |e| &e.name.local)
    }

    /// An attribute's value, if the element has it (and it is one of
    /// those kept).
    pub(super) fn attr(&self, node: NodeIx, name: &str) -> Option<&str> {
        self.element(node)?
            .attributes
            .iter()
            .find(|(kept, _)| &**kept == name)
            .map(|(_, value)| &**value)
    }

    /// The length of all the page's text, in bytes.
    pub(super) fn text_len(&self) -> usize {
        self.text.len()
    }

    /// A text node's text ("" for any other node).
    pub(super) fn text(&self, node: NodeIx) -> &str {
        match self.data(node) {
            Data::Text { start, len } => self
                .text
                .get(start as usize..start as usize + len as usize)
                .unwrap_or(""),
            _ => "",
        }
    }

    /// Every element in the order the parser made them (which is document
    /// order unless the parser moved one), including any it took out of
    /// the tree again.
    pub(super) fn elements(&self) -> impl Iterator<Item = NodeIx> + '_ {
        (0..self.nodes.len() as NodeIx).filter(|&n| matches!(self.data(n), Data::Element(_)))
    }

    /// The elements named `name` (a local name such as `title`), in the
    /// order of [`Tree::elements`].
    pub(super) fn named<'a>(&'a self, name: &'a str) -> impl Iterator<Item = NodeIx> + 'a {
        self.elements().filter(move |&e| self.name(e) == name)
    }

    /// The document's first element child (`<html>`).
    pub(super) fn root_element(&self) -> Option<NodeIx> {
        self.children(0)
            .find(|&n| matches!(self.data(n), Data::Element(_)))
    }

    fn children(&self, node: NodeIx) -> impl Iterator<Item = NodeIx> + '_ {
        let first = self.node(node).map_or(NONE, |n| n.first_child);
        std::iter::successors((first != NONE).then_some(first), |&n| {
            let next = self.node(n).map_or(NONE, |n| n.next_sibling);
            (next != NONE).then_some(next)
        })
    }

    /// A walk through the subtree under `root`, `root` included: each node
    /// opened, its children walked, then closed. Iterative, so nesting of
    /// any depth walks in constant stack.
    pub(super) fn traverse(&self, root: NodeIx) -> impl Iterator<Item = Edge> + '_ {
        let mut next = self.node(root).map(|_| Edge::Open(root));
        std::iter::from_fn(move || {
            let edge = next?;
            next = match edge {
                Edge::Open(n) => {
                    let first = self.node(n).map_or(NONE, |n| n.first_child);
                    Some(if first == NONE {
                        Edge::Close(n)
                    } else {
                        Edge::Open(first)
                    })
                }
                Edge::Close(n) if n == root => None,
                Edge::Close(n) => self.node(n).and_then(|node| {
                    if node.next_sibling != NONE {
                        Some(Edge::Open(node.next_sibling))
                    } else if node.parent != NONE {
                        Some(Edge::Close(node.parent))
                    } else {
                        None
                    }
                }),
            };
            Some(edge)
        })
    }

    /// All the text under `node`, in document order.
    pub(super) fn text_under(&self, node: NodeIx) -> String {
        self.traverse(node)
            .filter_map(|edge| match edge {
                Edge::Open(n) => Some(self.text(n)),
                Edge::Close(_) => None,
            })
            .collect()
    }

    fn push(&mut self, data: Data) -> NodeIx {
        if self.nodes.len() >= self.budget {
            stop(Limit::Nodes(self.budget));
        }
        let ix = self.nodes.len() as NodeIx;
        self.nodes.push(Node::new(data));
        ix
    }

    fn push_text(&mut self, text: &str) -> NodeIx {
        let start = self.text.len() as u32;
        self.text.push_str(text);
        self.push(Data::Text {
            start,
            len: text.len() as u32,
        })
    }

    /// Adds to a text node's text. Its range moves to the buffer's end
    /// unless it is there already (text is almost always added to the
    /// node made last).
    fn extend_text(&mut self, node: NodeIx, more: &str) {
        let Some(Data::Text { start, len }) = self.node(node).map(|n| n.data) else {
            return;
        };
        let (mut start, end) = (start as usize, start as usize + len as usize);
        if end != self.text.len() {
            let moved = self.text.len();
            self.text.extend_from_within(start..end);
            start = moved;
        }
        self.text.push_str(more);
        let len = self.text.len() - start;
        if let Some(n) = self.nodes.get_mut(node as usize) {
            n.data = Data::Text {
                start: start as u32,
                len: len as u32,
            };
        }
    }

    fn is_text(&self, node: NodeIx) -> bool {
        matches!(self.data(node), Data::Text { .. })
    }

    fn link(&mut self, node: NodeIx) -> Option<&mut Node> {
        self.nodes.get_mut(node as usize)
    }

    /// Sets a node's place: its parent and its two neighbours, and its
    /// depth under a parent. (Children moved to a new parent get their
    /// depth again; their own children keep theirs: the depth guards the
    /// parser's time, it is not read as content.)
    fn place(&mut self, node: NodeIx, parent: NodeIx, prev: NodeIx, next: NodeIx) {
        let depth = self.node(parent).map_or(0, |p| p.depth + 1);
        if depth > MAX_DEPTH {
            stop(Limit::Depth);
        }
        if let Some(n) = self.link(node) {
            n.parent = parent;
            n.prev_sibling = prev;
            n.next_sibling = next;
            n.depth = depth;
        }
    }

    /// Makes `node` what follows `prev` under `parent`: `prev`'s next
    /// sibling, or the parent's first child when there is no `prev`.
    fn follow(&mut self, parent: NodeIx, prev: NodeIx, node: NodeIx) {
        if let Some(p) = self.link(prev) {
            p.next_sibling = node;
        } else if let Some(p) = self.link(parent) {
            p.first_child = node;
        }
    }

    /// Makes `node` what precedes `next` under `parent`: `next`'s previous
    /// sibling, or the parent's last child when there is no `next`.
    fn precede(&mut self, parent: NodeIx, next: NodeIx, node: NodeIx) {
        if let Some(n) = self.link(next) {
            n.prev_sibling = node;
        } else if let Some(p) = self.link(parent) {
            p.last_child = node;
        }
    }

    /// Takes a node out of its parent's children.
    fn detach(&mut self, node: NodeIx) {
        let Some(&Node {
            parent,
            prev_sibling,
            next_sibling,
            ..
        }) = self.node(node)
        else {
            return;
        };
        if parent == NONE {
            return;
        }
        self.follow(parent, prev_sibling, next_sibling);
        self.precede(parent, next_sibling, prev_sibling);
        self.place(node, NONE, NONE, NONE);
    }

    /// Makes a node its parent's last child.
    fn append_child(&mut self, parent: NodeIx, child: NodeIx) {
        self.detach(child);
        let Some(last) = self.node(parent).map(|p| p.last_child) else {
            return;
        };
        self.place(child, parent, last, NONE);
        self.follow(parent, last, child);
        self.precede(parent, NONE, child);
    }

    /// Puts a node just before `sibling`.
    fn insert_before(&mut self, sibling: NodeIx, node: NodeIx) {
        self.detach(node);
        let Some(&Node {
            parent,
            prev_sibling,
            ..
        }) = self.node(sibling)
        else {
            return;
        };
        self.place(node, parent, prev_sibling, sibling);
        self.follow(parent, prev_sibling, node);
        self.precede(parent, sibling, node);
    }
}

/// The tree under construction, as html5ever's tree builder drives it.
struct Sink(RefCell<Tree>);

impl TreeSink for Sink {
    type Handle = NodeIx;
    type Output = Tree;
    type ElemName<'a> = Ref<'a, QualName>;

    fn finish(self) -> Tree {
        self.0.into_inner()
    }

    fn parse_error(&self, _message: Cow<'static, str>) {}

    fn get_document(&self) -> NodeIx {
        0
    }

    fn elem_name<'a>(&'a self, target: &'a NodeIx) -> Ref<'a, QualName> {
        Ref::map(self.0.borrow(), |tree| {
            tree.element(*target).map_or(&tree.no_name, |e| &e.name)
        })
    }

    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, _: ElementFlags) -> NodeIx {
        let mut tree = self.0.borrow_mut();
        let template = name.expanded() == expanded_name!(html "template");
        let mut element = Element {
            name,
            attributes: Vec::new(),
        };
        element.keep(attrs);
        let index = tree.elements.len() as u32;
        tree.elements.push(element);
        let node = tree.push(Data::Element(index));
        if template {
            // A template's contents hang under it as its first child.
            let contents = tree.push(Data::Other);
            tree.append_child(node, contents);
        }
        node
    }

    fn create_comment(&self, _text: StrTendril) -> NodeIx {
        self.0.borrow_mut().push(Data::Other)
    }

    fn create_pi(&self, _target: StrTendril, _data: StrTendril) -> NodeIx {
        self.0.borrow_mut().push(Data::Other)
    }

    fn append(&self, parent: &NodeIx, child: NodeOrText<NodeIx>) {
        let mut tree = self.0.borrow_mut();
        match child {
            NodeOrText::AppendNode(node) => tree.append_child(*parent, node),
            NodeOrText::AppendText(text) => {
                // Text next to text joins it, as the tree builder expects.
                let last = tree.node(*parent).map_or(NONE, |p| p.last_child);
                if tree.is_text(last) {
                    tree.extend_text(last, &text);
                } else {
                    let node = tree.push_text(&text);
                    tree.append_child(*parent, node);
                }
            }
        }
    }

    fn append_based_on_parent_node(
        &self,
        element: &NodeIx,
        prev_element: &NodeIx,
        child: NodeOrText<NodeIx>,
    ) {
        let has_parent = self
            .0
            .borrow()
            .node(*element)
            .is_some_and(|n| n.parent != NONE);
        if has_parent {
            self.append_before_sibling(element, child);
        } else {
            self.append(prev_element, child);
        }
    }

    fn append_doctype_to_document(&self, _: StrTendril, _: StrTendril, _: StrTendril) {
        let mut tree = self.0.borrow_mut();
        let node = tree.push(Data::Other);
        tree.append_child(0, node);
    }

    fn get_template_contents(&self, target: &NodeIx) -> NodeIx {
        self.0
            .borrow()
            .node(*target)
            .map_or(NONE, |n| n.first_child)
    }

    fn same_node(&self, x: &NodeIx, y: &NodeIx) -> bool {
        x == y
    }

    fn set_quirks_mode(&self, _mode: QuirksMode) {}

    fn append_before_sibling(&self, sibling: &NodeIx, new_node: NodeOrText<NodeIx>) {
        let mut tree = self.0.borrow_mut();
        if let NodeOrText::AppendNode(node) = new_node {
            tree.detach(node);
        }
        let Some(&Node {
            parent,
            prev_sibling,
            ..
        }) = tree.node(*sibling)
        else {
            return;
        };
        if parent == NONE {
            return;
        }
        match new_node {
            NodeOrText::AppendNode(node) => tree.insert_before(*sibling, node),
            NodeOrText::AppendText(text) => {
                if tree.is_text(prev_sibling) {
                    tree.extend_text(prev_sibling, &text);
                } else {
                    let node = tree.push_text(&text);
                    tree.insert_before(*sibling, node);
                }
            }
        }
    }

    fn add_attrs_if_missing(&self, target: &NodeIx, attrs: Vec<Attribute>) {
        let mut tree = self.0.borrow_mut();
        if let Data::Element(e) = tree.data(*target) {
            if let Some(element) = tree.elements.get_mut(e as usize) {
                element.keep(attrs);
            }
        }
    }

    fn remove_from_parent(&self, target: &NodeIx) {
        self.0.borrow_mut().detach(*target);
    }

    fn reparent_children(&self, node: &NodeIx, new_parent: &NodeIx) {
        let mut tree = self.0.borrow_mut();
        let children: Vec<NodeIx> = tree.children(*node).collect();
        for child in children {
            tree.append_child(*new_parent, child);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(html: &str) -> Tree {
        match Tree::parse(html.as_bytes().to_vec()) {
            Ok(tree) => tree,
            Err(limit) => panic!("refused: {limit:?}"),
        }
    }

    /// The tree written back as nested names and texts, to compare shapes.
    fn shape(tree: &Tree) -> String {
        let Some(root) = tree.root_element() else {
            return String::new();
        };
        let mut out = String::new();
        for edge in tree.traverse(root) {
            match edge {
                Edge::Open(n) => match tree.data(n) {
                    Data::Element(_) => out.push_str(&format!("<{}>", tree.name(n))),
                    Data::Text { .. } => out.push_str(&format!("[{}]", tree.text(n))),
                    _ => out.push('?'),
                },
                Edge::Close(n) => {
                    if let Data::Element(_) = tree.data(n) {
                        out.push_str(&format!("</{}>", tree.name(n)));
                    }
                }
            }
        }
        out
    }

    #[test]
    fn a_node_stays_small() {
        // Nodes are most of a large page's tree; the docs give this size.
        assert_eq!(std::mem::size_of::<Node>(), 36);
    }

    #[test]
    fn misnested_tags_are_repaired_as_a_browser_does() {
        // The adoption agency: the paragraph is moved out of the bold run
        // and a second bold run opened inside it.
        let tree = parse("<b>one<p>two</b>three</p>");
        assert_eq!(
            shape(&tree),
            "<html><head></head><body><b>[one]</b><p><b>[two]</b>[three]</p></body></html>"
        );
        // Text a table cannot hold goes before the table, joined to the
        // text already there.
        let tree = parse("<p>a</p>b<table>c<tr><td>d</td></tr></table>");
        assert_eq!(
            shape(&tree),
            "<html><head></head><body><p>[a]</p>[bc]<table><tbody><tr><td>[d]</td></tr></tbody></table></body></html>"
        );
    }

    #[test]
    fn only_the_attributes_read_are_kept_and_the_first_of_a_name_wins() {
        let tree =
            parse(r#"<ol start="3" start="9" style="x" data-a="b" class="k"><li>x</li></ol>"#);
        let ol = tree.elements().find(|&e| tree.name(e) == "ol");
        let Some(ol) = ol else { panic!("no list") };
        assert_eq!(tree.attr(ol, "start"), Some("3"));
        assert_eq!(tree.attr(ol, "class"), Some("k"));
        assert_eq!(tree.attr(ol, "style"), None);
    }

    #[test]
    fn text_joined_after_a_move_keeps_all_of_it() {
        // "x" is fostered before the table after "y" was written elsewhere,
        // so the node's text moves to the buffer's end to grow.
        let tree = parse("<div>a<table>x<tr><td>y</td></tr>z</table></div>");
        assert_eq!(tree.text_under(0), "axzy");
        assert_eq!(
            shape(&tree),
            "<html><head></head><body><div>[axz]<table><tbody><tr><td>[y]</td></tr></tbody></table></div></body></html>"
        );
    }

    #[test]
    fn formatting_reopened_at_every_paragraph_stops_at_the_node_budget() {
        // Four hundred formatting elements left open, then paragraphs:
        // each makes the parser open all four hundred again.
        let open: String = (0..400).map(|k| format!("<b id=a{k}>")).collect();
        let page = format!("<div>{open}</div>{}", "<div>x</div>".repeat(3000));
        let budget = node_budget(page.len());
        assert_eq!(
            Tree::parse(page.into_bytes()).err(),
            Some(Limit::Nodes(budget))
        );
        // The same page with few paragraphs is read.
        let page = format!("<div>{open}</div>{}", "<div>x</div>".repeat(10));
        assert!(Tree::parse(page.into_bytes()).is_ok());
    }

    #[test]
    fn nesting_past_the_limit_stops_the_parse() {
        let nested = |n: usize| format!("{}<p>deep</p>{}", "<div>".repeat(n), "</div>".repeat(n));
        // Under the document, html, body and n divs, the paragraph's text
        // sits at depth n + 4.
        let deepest = MAX_DEPTH as usize - 4;
        let tree = parse(&nested(deepest));
        assert_eq!(tree.text_under(0), "deep");
        assert_eq!(
            Tree::parse(nested(deepest + 1).into_bytes()).err(),
            Some(Limit::Depth)
        );
    }

    #[test]
    fn a_template_keeps_its_contents_under_it() {
        let tree = parse("<body><template><p>t</p></template><p>u</p></body>");
        assert_eq!(
            shape(&tree),
            "<html><head></head><body><template>?<p>[t]</p></template><p>[u]</p></body></html>"
        );
    }
}
