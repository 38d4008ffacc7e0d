//! The memory allocator the peertrail binaries use, and how it is set up.
//!
//! Linking allocates many small strings; mimalloc keeps that cost flat as
//! corpora grow (glibc's allocator made a 10x larger corpus take ~12.5x the
//! time, mimalloc ~11x; see `cargo xtask bench`). A binary declares it
//! (`#[global_allocator] static GLOBAL: Allocator = Allocator;`) and calls
//! [`return_freed_memory_at_once`] first thing in `main`.
//!
//! This is the workspace's only crate with `unsafe` code: one call into
//! mimalloc's C API that sets an option (no pointers, no memory touched).

/// The allocator: mimalloc 2, without transparent huge pages (see the
/// workspace's Cargo.toml).
pub use mimalloc::MiMalloc as Allocator;

/// The environment variable with which a user sets mimalloc's purge delay
/// themselves; when it is set, it wins.
const PURGE_DELAY_VARIABLE: &str = "MIMALLOC_PURGE_DELAY";

/// mimalloc 2's `mi_option_purge_delay` (its place in `mi_option_t`,
/// include/mimalloc.h; the Rust bindings name no constant for it).
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Has the allocator give memory a stage freed back to the system as soon
/// as it is freed, rather than 10 ms later when it next looks.
///
/// What one stage frees (a web page's parsed tree, a PDF's objects,
/// linking's working lists) otherwise still counts while the next stage
/// allocates, and the peak is the two together: reading a 6.6 MB web page
/// took 38 MB with the delay, 29 MB without; 10,000 generated reports
/// 128 MB instead of 116 MB (docs/ARCHITECTURE.md). It costs a little
/// system time (returning memory is a system call each time).
///
/// A purge delay the user set in the environment (`MIMALLOC_PURGE_DELAY`)
/// is kept.
pub fn return_freed_memory_at_once() {
    if std::env::var_os(PURGE_DELAY_VARIABLE).is_none() {
        set_purge_delay(0);
    }
}

/// The allocator's purge delay in milliseconds.
#[cfg(test)]
fn purge_delay() -> std::ffi::c_long {
    // SAFETY: `mi_option_get` reads one entry of mimalloc's option table by
    // index; the index is in range for the library this crate builds
    // (checked by the tests against the option's documented default).
    #[allow(unsafe_code)]
    let value = unsafe { libmimalloc_sys::mi_option_get(PURGE_DELAY) };
    value
}

fn set_purge_delay(milliseconds: i32) {
    // SAFETY: `mi_option_set` stores a number in mimalloc's option table,
    // which it reads afresh each time it decides whether to purge; any
    // thread may call it at any time.
    #[allow(unsafe_code)]
    unsafe {
        libmimalloc_sys::mi_option_set(PURGE_DELAY, milliseconds.into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn freed_memory_is_returned_at_once_unless_the_user_says_otherwise() {
        if std::env::var_os(PURGE_DELAY_VARIABLE).is_some() {
            // The user's own setting stands, and the test cannot tell the
            // option's place in the table by its default.
            return;
        }
        // mimalloc 2's documented default: this is the right option.
        assert_eq!(purge_delay(), 10);
        return_freed_memory_at_once();
        assert_eq!(purge_delay(), 0);
    }
}
