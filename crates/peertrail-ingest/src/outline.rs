//! The document's outline: its lists, each with the heading it sits under
//! and the sentence that introduces it. Built once over the blocks, in one
//! pass; the readers ask it which list a block belongs to.

use crate::segment::{Block, BlockKind};

/// A run of list items (bullets or numbered items) with what stands before
/// it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct List {
    /// Index of the nearest heading (or heading-like line) before the list.
    pub heading: Option<usize>,
    /// Index of the paragraph that introduces the list: the block right
    /// before its first item, when that is running text or a heading-like
    /// line.
    pub intro: Option<usize>,
    /// Index of the first item.
    pub first: usize,
    /// One past the index of the last item.
    pub end: usize,
}

impl List {
    /// The items' blocks.
    pub fn items<'b, 'a>(&self, blocks: &'b [Block<'a>]) -> &'b [Block<'a>] {
        blocks.get(self.first..self.end).unwrap_or_default()
    }
}

/// The lists of a document, in order, and for every block the list it
/// belongs to.
#[derive(Debug, Clone, Default)]
pub struct Outline {
    /// Every list, in document order.
    pub lists: Vec<List>,
    /// For each block, the index into `lists` of the list it is an item of.
    of_block: Vec<Option<usize>>,
}

impl Outline {
    /// The list block `i` is an item of.
    pub fn list_of(&self, i: usize) -> Option<(usize, &List)> {
        let at = (*self.of_block.get(i)?)?;
        self.lists.get(at).map(|l| (at, l))
    }
}

fn is_item(b: &Block) -> bool {
    matches!(b.kind, BlockKind::Bullet | BlockKind::Numbered { .. })
}

/// Builds the outline of `blocks`.
pub fn outline(blocks: &[Block]) -> Outline {
    let mut lists = Vec::new();
    let mut of_block = vec![None; blocks.len()];
    let mut heading: Option<usize> = None;
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        if !is_item(b) {
            if matches!(b.kind, BlockKind::Heading { .. }) || b.is_heading_like() {
                heading = Some(i);
            }
            i += 1;
            continue;
        }
        let first = i;
        while i < blocks.len() && is_item(&blocks[i]) {
            of_block[i] = Some(lists.len());
            i += 1;
        }
        let intro = first.checked_sub(1).filter(|&p| {
            matches!(
                blocks[p].kind,
                BlockKind::Paragraph | BlockKind::Heading { .. }
            )
        });
        lists.push(List {
            heading,
            intro,
            first,
            end: i,
        });
    }
    Outline { lists, of_block }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    #[test]
    fn lists_with_their_intros_and_headings() {
        let blocks = segment("# Findings\n\nWe found:\n\n- one\n- two\n\nText.\n\n1. a\n2. b\n");
        let o = outline(&blocks);
        assert_eq!(o.lists.len(), 2);
        assert_eq!(o.lists[0].heading, Some(0));
        assert_eq!(o.lists[0].intro, Some(1));
        assert_eq!(o.lists[0].items(&blocks).len(), 2);
        assert_eq!(o.lists[1].intro, Some(4));
        assert_eq!(o.list_of(3).map(|(n, _)| n), Some(0));
        assert_eq!(o.list_of(1), None);
    }
}
