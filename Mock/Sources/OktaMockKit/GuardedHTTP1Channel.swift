import HummingbirdCore
import Logging
import NIOCore

/// Hummingbird's HTTP/1 child channel with a ``ConnectionGuard`` around each connection.
///
/// `HTTP1Channel`'s own hook (`additionalChannelHandlers`) adds handlers after its HTTP codecs only, where no raw
/// bytes are seen and no answer can be written outside a request; so this wraps it: each connection gets its guard's
/// handlers first, then the ones `HTTP1Channel` adds, and is then served by `HTTP1Channel` unchanged.
struct GuardedHTTP1Channel: ServerChildChannel {
    /// The connection, closed if it is dropped before it is served (server stopped by cancellation).
    typealias Value = CancellableHTTP1Channel.Connection

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
            try connection.install { value = http.setup(channel: channel, logger: logger).map(Value.init) }
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
