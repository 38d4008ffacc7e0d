//! The `peertrail` command.

fn main() {}
