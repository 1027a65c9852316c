//! The `claimcheck` command.

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

mod cli;

/// mimalloc's `mi_option_purge_delay` (its place in `mi_option_e`, which `libmimalloc-sys`
/// does not name): how many milliseconds freed memory waits before it is given back.
const PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

fn main() -> std::process::ExitCode {
    // mimalloc keeps freed pages for a second by default. Memory a worker allocated and the
    // main thread frees (the threads' name tables, as the run's names are gathered) cannot
    // be reused by the main thread, so the second is when a run peaks: on 1 GiB with two
    // threads, 185 MiB, against 160 MiB when it is given back after a millisecond, at a
    // few tenths of a second of system time. `MIMALLOC_PURGE_DELAY` still decides if set.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain option before any other thread starts.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
    }
    cli::main()
}
