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
    // be reused by the main thread, so it was held to the end of a run: on 1 GiB with two
    // threads the peak was 182-202 MiB, and 158-166 MiB when freed pages wait 10 ms (a few
    // tenths of a second more system time). `MIMALLOC_PURGE_DELAY` still decides if set.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        // SAFETY: sets a plain option before any other thread starts.
        unsafe { libmimalloc_sys::mi_option_set(PURGE_DELAY, 10) };
    }
    cli::main()
}

#[cfg(test)]
mod tests {
    /// `PURGE_DELAY` is the purge delay: of mimalloc's options, only it defaults to 1,000
    /// ms (this test's process does not run `main`, which changes it).
    #[test]
    fn the_purge_delay_is_the_option_set() {
        if std::env::var_os("MIMALLOC_PURGE_DELAY").is_some() {
            return;
        }
        // SAFETY: reads a plain option.
        let delay = unsafe { libmimalloc_sys::mi_option_get(super::PURGE_DELAY) };
        assert_eq!(delay, 1000);
    }
}
