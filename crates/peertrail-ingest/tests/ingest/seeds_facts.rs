//! Tests: seeds_facts.
