//! Shared helpers for the end-to-end tests: where the sample corpus and the seed reports live.
