//! The Graphviz DOT exporter: each council's trail as a cluster.
