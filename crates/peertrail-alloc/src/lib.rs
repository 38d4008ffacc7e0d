//! The memory allocator the peertrail binaries use, and how it is set up.
//!
//! Linking allocates many small strings; mimalloc keeps that cost flat as
//! corpora grow (glibc's allocator made a 10x larger corpus take ~12.5x the
//! time, mimalloc ~11x; see `cargo xtask bench`). A binary declares it
//! (`#[global_allocator] static GLOBAL: Allocator = Allocator;`) and calls
//! [`return_freed_memory_at_once`] first thing in `main`.
//!
//! [`CountingAllocator`] is the same allocator able to say what a value
//! holds ([`held_by`]): `cargo xtask bench` uses it to weigh the linked
//! data set.
//!
//! This is the workspace's only crate with `unsafe` code: one call into
//! mimalloc's C API that sets an option (no pointers, no memory touched),
//! and the counting allocator, which hands every call on to mimalloc
//! unchanged and asks it how large a block it is freeing.

/// The allocator: mimalloc 2, without transparent huge pages (see the
/// workspace's Cargo.toml).
pub use mimalloc::MiMalloc as Allocator;

use std::alloc::{GlobalAlloc, Layout};
use std::cell::Cell;

/// [`Allocator`], counting what is freed while [`held_by`] drops a value.
///
/// Counting is off at every other moment, and then the only cost is one
/// look at a thread-local flag per freed block.
#[derive(Debug, Default, Clone, Copy)]
pub struct CountingAllocator;

thread_local! {
    /// What this thread has freed while counting, and how many
    /// [`held_by`] calls are counting on it (more than one when a value's
    /// drop weighs another). Per thread, so that what other threads free
    /// meanwhile is not counted, and a plain cell with no destructor,
    /// which an allocator may touch.
    static FREED: Cell<(usize, Held)> = const { Cell::new((0, Held::ZERO)) };
}

// SAFETY: every call is handed to mimalloc (a correct `GlobalAlloc`) with
// the same arguments and its result returned unchanged; counting only
// reads the size of a live block mimalloc allocated, before freeing it.
#[allow(unsafe_code)]
unsafe impl GlobalAlloc for CountingAllocator {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc`, passed on.
        unsafe { Allocator.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc_zeroed`, passed on.
        unsafe { Allocator.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // `try_with`: a thread's last frees may come after its
        // thread-locals are gone; they are not counted.
        let _ = FREED.try_with(|freed| {
            let (counting, mut held) = freed.get();
            if counting > 0 {
                // SAFETY: `ptr` is a live block of this allocator (the
                // caller's contract for `dealloc`), so mimalloc can say
                // how large a block it set aside.
                let occupied = unsafe { libmimalloc_sys::mi_usable_size(ptr.cast()) };
                held.requested += layout.size();
                held.occupied += occupied;
                held.blocks += 1;
                freed.set((counting, held));
            }
        });
        // SAFETY: the caller's contract for `dealloc`, passed on.
        unsafe { Allocator.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // Dropping a value does not grow or shrink blocks; nothing counts.
        // SAFETY: the caller's contract for `realloc`, passed on.
        unsafe { Allocator.realloc(ptr, layout, new_size) }
    }
}

/// What a value held on the heap, learnt by dropping it.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Held {
    /// The bytes its blocks asked for.
    pub requested: usize,
    /// The bytes the allocator set aside for them: each block rounded up
    /// to its size class.
    pub occupied: usize,
    /// How many blocks.
    pub blocks: usize,
}

impl Held {
    const ZERO: Held = Held {
        requested: 0,
        occupied: 0,
        blocks: 0,
    };
}

/// Drops `value` and says what it held: every block freed on this thread
/// meanwhile. Meaningful only where [`CountingAllocator`] is the global
/// allocator (elsewhere it says nothing was held), and only for a value
/// whose drop frees on the thread that drops it (one that hands its parts
/// to other threads is not counted whole).
pub fn held_by<T>(value: T) -> Held {
    let (_, before) = FREED.with(|freed| {
        let (counting, held) = freed.get();
        freed.set((counting + 1, held));
        (counting, held)
    });
    drop(value);
    let after = FREED.with(|freed| {
        let (counting, held) = freed.get();
        freed.set((counting - 1, held));
        held
    });
    Held {
        requested: after.requested - before.requested,
        occupied: after.occupied - before.occupied,
        blocks: after.blocks - before.blocks,
    }
}

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

    #[global_allocator]
    static GLOBAL: CountingAllocator = CountingAllocator;

    #[test]
    fn a_value_holds_what_its_blocks_asked_for_and_their_size_classes() {
        let held = held_by(vec![7u8; 1000]);
        assert_eq!(held.requested, 1000);
        assert_eq!(held.blocks, 1);
        assert!(held.occupied >= 1000 && held.occupied < 1300, "{held:?}");

        let words: Vec<String> = (0..10).map(|_| String::from("abc")).collect();
        let list = std::mem::size_of::<String>() * 10;
        let held = held_by(words);
        assert_eq!(held.blocks, 11, "the list and its ten texts");
        assert_eq!(held.requested, list + 10 * 3);
        // Three-byte texts take a whole smallest block each.
        assert!(held.occupied >= list + 10 * 8, "{held:?}");
    }

    #[test]
    fn what_other_threads_free_meanwhile_is_not_counted() {
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let churn = {
            let stop = stop.clone();
            std::thread::spawn(move || {
                while !stop.load(std::sync::atomic::Ordering::Relaxed) {
                    drop(vec![1u64; 4096]);
                }
            })
        };
        for _ in 0..100 {
            assert_eq!(held_by(vec![0u8; 10]).requested, 10);
        }
        stop.store(true, std::sync::atomic::Ordering::Relaxed);
        assert!(churn.join().is_ok());
        assert_eq!(held_by(()), Held::default());
    }

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
