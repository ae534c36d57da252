import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Hummingbird's HTTP/1 child channel, except that a connection dropped before it is served is closed instead of
/// trapping: for a server stopped by cancelling its task, as okta-mock's tests and in-process users do.
///
/// `HTTP1Channel` wraps each accepted connection in an `NIOAsyncChannel` whose outbound writer traps ("Deinited
/// NIOAsyncWriter without calling finish()") when it is released without `executeThenClose` having run. Accepted
/// connections wait in the listening channel's stream until the accept loop takes them; when the server's task is
/// cancelled, the stream drops the ones still waiting, and a connection whose setup completes after the listener
/// closed is dropped too (swift-nio issues #2637 and #2813). Under load several connections are often waiting, and the
/// trap killed the whole test process. okta-mock's own server adds its connection guard around the same
/// ``Connection`` (`GuardedHTTP1Channel`); the end-to-end tests' server uses this channel as it is.
public struct CancellableHTTP1Channel: ServerChildChannel {
    /// One accepted connection's `NIOAsyncChannel`, which closes itself if it is released before it is served.
    public final class Connection: ServerChildChannelValue {
        private let asyncChannel: HTTP1Channel.Value
        private let served = Atomic(false)
        public var channel: any Channel { asyncChannel.channel }

        /// Wraps a connection `HTTP1Channel.setup` made.
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

    /// Hummingbird's channel, which serves each connection unchanged.
    public let http: HTTP1Channel

    /// - Parameter http: Hummingbird's channel.
    public init(http: HTTP1Channel) {
        self.http = http
    }

    public func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Connection> {
        http.setup(channel: channel, logger: logger).map(Connection.init)
    }

    public func handle(value: Connection, logger: Logger) async {
        await value.serve(with: http, logger: logger)
    }
}
