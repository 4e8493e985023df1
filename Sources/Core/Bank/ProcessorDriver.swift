import Foundation
import Store

/// Something that runs the bank's processors in the background until stopped.
protocol ProcessorDriver: Sendable {
    func stop() async
}

extension ProcessorRunner: ProcessorDriver {}
