import Store

/// Why a command did not succeed, which decides its exit code.
enum CommandFailure: Error, Equatable {
    /// The operation was refused (bad input, wrong version, unknown stream): exit 1.
    case refused(String)
    /// The store is damaged: exit 3.
    case corrupt(String)
    /// The arguments do not fit together (a check the grammar alone cannot make): exit 2.
    case usage(String)

    /// The reason, without the kind.
    var message: String {
        switch self {
        case .refused(let text), .corrupt(let text), .usage(let text): text
        }
    }

    /// Classifies a store error: corruption is exit 3, everything else a refusal.
    init(_ error: EventStoreError) {
        if case .corrupt = error {
            self = .corrupt(error.description)
        } else {
            self = .refused(error.description)
        }
    }
}

/// Exit codes of `bank-console`.
enum ExitCode {
    static let success: Int32 = 0
    static let refused: Int32 = 1
    static let usage: Int32 = 2
    static let corrupt: Int32 = 3
}
