//! The CSV exporter: one RFC 4180 file per table.
