import NIOCore
import Synchronization

/// The open connections of one server, bounded (`--max-connections`): a client that opens more than the bound gets
/// its connection closed at once, so slow or stuck clients cannot exhaust the server's file descriptors and memory.
final class ConnectionLimit: Sendable {
    /// The most connections open at once.
    let maximum: Int
    private let open = Atomic<Int>(0)
    private let refused = Atomic<Int>(0)

    /// - Parameter maximum: The most connections open at once (at least 1).
    init(maximum: Int) {
        self.maximum = maximum
    }

    /// The connections open now.
    var openConnections: Int { open.load(ordering: .relaxed) }

    /// The connections closed so far because the bound was reached.
    var refusedConnections: Int { refused.load(ordering: .relaxed) }

    /// Counts a new connection in, if there is room.
    /// - Returns: Whether the connection may stay open.
    func admit() -> Bool {
        let now = open.add(1, ordering: .relaxed).newValue
        if now <= maximum { return true }
        open.subtract(1, ordering: .relaxed)
        refused.add(1, ordering: .relaxed)
        return false
    }

    /// Counts a connection out.
    func release() {
        open.subtract(1, ordering: .relaxed)
    }

    /// A handler for one connection's pipeline: admits the connection when added, closes it when there is no room,
    /// and releases its place when the connection closes.
    func handler() -> any RemovableChannelHandler { Handler(limit: self) }

    private final class Handler: ChannelInboundHandler, RemovableChannelHandler, @unchecked Sendable {
        typealias InboundIn = NIOAny
        // Only touched on the channel's event loop.
        private var admitted = false
        private let limit: ConnectionLimit

        init(limit: ConnectionLimit) {
            self.limit = limit
        }

        func handlerAdded(context: ChannelHandlerContext) {
            if limit.admit() {
                admitted = true
            } else {
                context.close(promise: nil)
            }
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            if admitted {
                admitted = false
                limit.release()
            }
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            guard admitted else { return }
            context.fireChannelRead(data)
        }
    }
}
