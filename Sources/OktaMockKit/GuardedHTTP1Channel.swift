import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Hummingbird's HTTP/1 child channel with a ``ConnectionGuard`` around each connection.
///
/// `HTTP1Channel`'s own hook (`additionalChannelHandlers`) adds handlers after its HTTP codecs only, where no raw
/// bytes are seen and no answer can be written outside a request; so this wraps it: each connection gets its guard's
/// handlers first, then the ones `HTTP1Channel` adds, and is then served by `HTTP1Channel` unchanged.
struct GuardedHTTP1Channel: ServerChildChannel {
    typealias Value = Connection

    /// One accepted connection's `NIOAsyncChannel`, which closes itself if it is dropped before it is served.
    ///
    /// `HTTP1Channel` wraps each connection in an `NIOAsyncChannel` whose outbound writer traps ("Deinited
    /// NIOAsyncWriter without calling finish()") when it is released without `executeThenClose` having run. Accepted
    /// connections wait in the listening channel's stream until the accept loop takes them; when the server's task is
    /// cancelled (``RunningOktaMock/stop()``), the stream drops the ones still waiting, and a connection whose setup
    /// completes after the listener closed is dropped too (swift-nio issues #2637 and #2813). Under load several
    /// connections are often waiting, and the trap killed the whole test process. Released unserved, this finishes
    /// the writer and closes the connection instead.
    final class Connection: ServerChildChannelValue {
        private let asyncChannel: HTTP1Channel.Value
        private let served = Atomic(false)
        var channel: any Channel { asyncChannel.channel }

        init(_ asyncChannel: HTTP1Channel.Value) {
            self.asyncChannel = asyncChannel
        }

        /// Serves the connection (`HTTP1Channel.handle` runs `executeThenClose`, which finishes the writer).
        func serve(with http: HTTP1Channel, logger: Logger) async {
            served.store(true, ordering: .relaxed)
            await http.handle(value: asyncChannel, logger: logger)
        }

        deinit {
            guard !served.load(ordering: .relaxed) else { return }
            // `executeThenClose` finishes the writer and closes the connection; a close error changes nothing here.
            Task { [asyncChannel] in try? await asyncChannel.executeThenClose { _, _ in } }
        }
    }

    /// Hummingbird's channel, with the idle timeout.
    let http: HTTP1Channel
    /// The server's connection bound.
    let limit: ConnectionLimit
    /// The request deadlines.
    let deadlines: ConnectionGuard.Deadlines

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Value> {
        channel.eventLoop.makeCompletedFuture {
            let connection = ConnectionGuard(channel: channel, limit: limit, deadlines: deadlines, logger: logger)
            var value: EventLoopFuture<Value>?
            // Wrapped at once, so that a throw from the rest of `install` drops a `Connection`, not a bare channel.
            try connection.install { value = http.setup(channel: channel, logger: logger).map(Connection.init) }
            return value
        }.flatMap { value in
            // `HTTP1Channel.setup` adds its handlers synchronously (on this event loop): its future is complete here.
            value ?? channel.eventLoop.makeFailedFuture(ChannelError.inappropriateOperationForState)
        }
    }

    func handle(value: Value, logger: Logger) async {
        await value.serve(with: http, logger: logger)
    }
}
