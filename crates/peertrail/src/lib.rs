//! peertrail as a library: corpus loading, the exporter registry, atomic output.
