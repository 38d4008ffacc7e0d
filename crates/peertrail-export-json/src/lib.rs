//! The JSON exporter: the whole data set as one `peertrail/1` document.
