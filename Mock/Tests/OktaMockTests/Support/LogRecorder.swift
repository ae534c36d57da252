import Foundation
import Logging

/// Keeps every log line a server writes, so tests can check what is (and is not) logged.
final class LogRecorder: @unchecked Sendable {
    private let lock = NSLock()
    private var storage: [String] = []

    /// Every line so far: message and metadata.
    var lines: [String] { lock.withLock { storage } }

    fileprivate func append(_ line: String) { lock.withLock { storage.append(line) } }

    /// A logger writing here.
    func logger() -> Logger {
        var logger = Logger(label: "okta-mock-test") { _ in RecordingHandler(recorder: self) }
        logger.logLevel = .info
        return logger
    }
}

/// The `LogHandler` behind ``LogRecorder/logger()``.
private struct RecordingHandler: LogHandler {
    let recorder: LogRecorder
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .info

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        let all = metadata.merging(event.metadata ?? [:]) { _, new in new }
        let rendered = all.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        recorder.append("\(event.level) \(event.message) \(rendered)")
    }
}
