//! Tests: items.
