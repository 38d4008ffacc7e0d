//! Tests: seeds_items.
