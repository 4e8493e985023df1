import Foundation

/// CPU time, for figures that should not move with the machine's load.
enum CPUTime {
    /// Seconds of CPU the calling thread has used.
    static func thread() -> Double {
        read(CLOCK_THREAD_CPUTIME_ID)
    }

    /// Seconds of CPU every thread of this process has used (workers and the store's writer
    /// thread included).
    static func process() -> Double {
        read(CLOCK_PROCESS_CPUTIME_ID)
    }

    private static func read(_ clock: clockid_t) -> Double {
        var spec = timespec()
        guard clock_gettime(clock, &spec) == 0 else { return 0 }
        return Double(spec.tv_sec) + Double(spec.tv_nsec) / 1e9
    }
}
