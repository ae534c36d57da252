import HummingbirdCore
import Logging
import NIOCore
import Synchronization

/// Hummingbird's HTTP/1 child channel, except that a connection dropped before it is served is closed instead of
/// trapping.
///
/// `HTTP1Channel` wraps each accepted connection in an `NIOAsyncChannel` whose outbound writer traps ("Deinited
/// NIOAsyncWriter without calling finish()") if it is released before `executeThenClose` ran. ``TestServer`` stops
/// its server by cancellation (at the end of a test, or when a test times out), which drops the connections still
/// waiting for the accept loop (swift-nio issues #2637 and #2813), and the trap killed the whole test process.
/// okta-mock's `GuardedHTTP1Channel` does the same for its server.
struct ServedHTTP1Channel: ServerChildChannel {
    /// One accepted connection.
    final class Connection: ServerChildChannelValue {
        private let asyncChannel: HTTP1Channel.Value
        private let served = Atomic(false)
        var channel: any Channel { asyncChannel.channel }

        init(_ asyncChannel: HTTP1Channel.Value) {
            self.asyncChannel = asyncChannel
        }

        func serve(with http: HTTP1Channel, logger: Logger) async {
            served.store(true, ordering: .relaxed)
            await http.handle(value: asyncChannel, logger: logger)
        }

        deinit {
            guard !served.load(ordering: .relaxed) else { return }
            // Finishes the writer and closes the connection.
            Task { [asyncChannel] in try? await asyncChannel.executeThenClose { _, _ in } }
        }
    }

    let http: HTTP1Channel

    func setup(channel: any Channel, logger: Logger) -> EventLoopFuture<Connection> {
        http.setup(channel: channel, logger: logger).map(Connection.init)
    }

    func handle(value: Connection, logger: Logger) async {
        await value.serve(with: http, logger: logger)
    }
}
