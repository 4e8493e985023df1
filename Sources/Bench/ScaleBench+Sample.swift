import Foundation

extension ScaleBench {
    /// One latency figure of `bank-bench scale`: the median wall-clock time of several runs, and
    /// the median CPU time they took (this process's threads and the children it reaped, user
    /// and system), which the other processes of a shared machine barely move.
    struct Sample {
        var milliseconds: Double
        var cpuMilliseconds: Double

        /// Runs `body` `runs` times; each run returns what to do after it is timed (closing a
        /// store that is not part of the figure).
        static func median(_ runs: Int, _ body: () async throws -> (() async -> Void)) async throws -> Sample {
            let clock = ContinuousClock()
            var walls: [Double] = [], cpus: [Double] = []
            for _ in 0..<max(1, runs) {
                let cpu = cpuSeconds()
                let start = clock.now
                let after = try await body()
                let wall = StoreBench.seconds(clock.now - start)
                cpus.append((cpuSeconds() - cpu) * 1000)
                walls.append(wall * 1000)
                await after()
            }
            return Sample(milliseconds: middle(walls), cpuMilliseconds: middle(cpus))
        }

        /// The median of `values` (the lower middle of an even count).
        static func middle(_ values: [Double]) -> Double {
            let sorted = values.sorted()
            return sorted.isEmpty ? 0 : sorted[(sorted.count - 1) / 2]
        }

        /// CPU seconds used so far by this process and by its children it has waited for.
        static func cpuSeconds() -> Double {
            func seconds(_ who: Int32) -> Double {
                var usage = rusage()
                getrusage(__rusage_who_t(who), &usage)
                return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
            }
            return seconds(RUSAGE_SELF.rawValue) + seconds(RUSAGE_CHILDREN.rawValue)
        }
    }
}
