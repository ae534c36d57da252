import Hummingbird
import Logging
import NIOCore
import NIOHTTP1
import OktaRuntime

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why ``ConnectionGuard`` ended a request whose body was still arriving; ``OktaMockMiddleware`` answers it.
enum ConnectionGuardError: Error, Sendable {
    /// The body did not arrive within `--body-timeout`.
    case bodyTimeout(Duration)
    /// A new connection took this one's place (see ``ConnectionLimit``); `maximum` is `--max-connections`.
    case evicted(maximum: Int)
}

/// One connection's guard: its place under ``ConnectionLimit`` and the deadlines of its requests.
///
/// Hummingbird's idle timeout counts from the last HTTP *part* received, so a client that sends a body one byte at a
/// time, or a head that never ends, is never idle. The guard adds two deadlines, each counted from the start of a
/// phase, whatever the client sends meanwhile:
///
/// - the **head** (request line and header fields) must arrive within `--header-timeout` of the request's first
///   byte; past it the connection gets `408` and is closed. The clock starts with the first byte, not when the
///   connection opens or the previous response ends: waiting between requests is the idle timeout's business;
/// - the **body** must arrive within `--body-timeout` of the end of the head; past it the request fails with
///   ``ConnectionGuardError/bodyTimeout(_:)``, which the middleware answers with `408`, and the connection is closed.
///
/// It is made of two channel handlers sharing this object (both run on the connection's event loop): ``Front``, first
/// in the pipeline, sees raw bytes (so the head clock can start before a head is decoded, and answers can be written
/// when no request has reached Hummingbird); ``RequestParts``, right after NIO's HTTP decoder, sees where requests
/// and responses begin and end.
final class ConnectionGuard: @unchecked Sendable {
    /// A response header field that makes the connection close with a reset instead of the response (a fault of
    /// ``FaultInjector``); it never reaches the client.
    static let resetMarker = HTTPField.Name("X-Okta-Mock-Reset")!

    /// The request deadlines.
    struct Deadlines: Sendable {
        /// `--header-timeout`.
        var header: Duration
        /// `--body-timeout`.
        var body: Duration
    }

    /// How long an answered connection is kept to drain its input before it is closed (see ``ConnectionLimit``).
    static let lingerTime: TimeAmount = .seconds(2)

    /// The connection.
    let channel: any Channel
    private let limit: ConnectionLimit
    private let deadlines: Deadlines
    private let logger: Logger

    // Everything below is only touched on the channel's event loop (which is why the class is `@unchecked Sendable`:
    // other threads only call `evict()`, which hops to that loop).
    private enum Receiving {
        case nothing
        /// Bytes of a head since `since`.
        case head(since: NIODeadline)
        /// The body of a request whose head ended at `since`; its first byte came at `started`.
        case body(since: NIODeadline, started: NIODeadline)
    }
    private var receiving = Receiving.nothing
    /// Requests whose head has arrived and whose response has not ended.
    private var requestsInFlight = 0
    private var idleSince = NIODeadline.now()
    /// What ``ConnectionLimit`` was last told, so that it is told only changes (each one takes its lock).
    private var reported: ConnectionLimit.Activity?
    /// Answered or evicted: input is dropped and the connection closes soon.
    private var closing = false
    private var closeAfterResponse = false
    private var admission = ConnectionLimit.Admission.admitted
    private var activated = false
    private var timer: Scheduled<Void>?
    private var frontContext: ChannelHandlerContext?
    private var partsContext: ChannelHandlerContext?

    /// - Parameters:
    ///   - channel: The new connection.
    ///   - limit: The server's connection bound.
    ///   - deadlines: The request deadlines.
    ///   - logger: Where refusals, evictions and timeouts are logged.
    init(channel: any Channel, limit: ConnectionLimit, deadlines: Deadlines, logger: Logger) {
        self.channel = channel
        self.limit = limit
        self.deadlines = deadlines
        self.logger = logger
    }

    /// Asks the bound for a place and adds the guard's handlers around the HTTP handlers Hummingbird adds.
    ///
    /// - Parameter addHTTPHandlers: Adds Hummingbird's HTTP/1 handlers (NIO's decoder and encoder among them).
    /// - Throws: What adding handlers throws.
    func install(addingHTTPHandlers addHTTPHandlers: () throws -> Void) throws {
        channel.eventLoop.preconditionInEventLoop()
        admission = limit.admit(self)
        channel.closeFuture.whenComplete { [self] _ in limit.closed(self) }
        let pipeline = channel.pipeline.syncOperations
        try pipeline.addHandler(Front(owner: self), position: .first)
        try addHTTPHandlers()
        // Right after the decoder, where requests are NIO's `HTTPServerRequestPart`s. Hummingbird builds its pipeline
        // with NIO's `configureHTTPServerPipeline`; were that to change, this lookup throws and every connection
        // fails to set up, which every test of the mock shows at once.
        let decoder = try pipeline.context(handlerType: ByteToMessageHandler<HTTPRequestDecoder>.self)
        try pipeline.addHandler(RequestParts(owner: self), position: .after(decoder.handler))
    }

    /// Gives up the connection's place: called by ``ConnectionLimit`` from any thread.
    func evict() {
        channel.eventLoop.execute { [self] in
            guard !closing else { return }
            logger.info("connection evicted to make room for a new one")
            switch receiving {
            case .body:
                fail(with: .evicted(maximum: limit.maximum))
            case .head where requestsInFlight == 0:
                answerAndClose(.connectionLimitReached(maximum: limit.maximum))
            case .head, .nothing:
                if requestsInFlight == 0 {
                    // Idle: closed without an answer, which the client would take for the answer to its next request.
                    closing = true
                    cancelTimer()
                    channel.close(promise: nil)
                } else {
                    // A request is being answered: let the answer finish, then close; a client that does not read
                    // it gets as long as a body would have had.
                    closing = true
                    closeAfterResponse = true
                    cancelTimer()
                    timer = channel.eventLoop.scheduleTask(in: TimeAmount(deadlines.body)) { [channel] in
                        channel.close(promise: nil)
                    }
                }
            }
        }
    }

    // MARK: Events (on the event loop)

    private func becameActive() {
        guard !activated else { return }
        activated = true
        switch admission {
        case .admitted:
            idleSince = .now()
        case .refusedWithAnswer:
            logger.info("connection refused: \(limit.maximum) connections open, none slow or idle")
            answerAndClose(.connectionLimitReached(maximum: limit.maximum))
        case .refused:
            logger.info("connection closed: \(limit.maximum) connections open and as many closing")
            closing = true
            channel.close(promise: nil)
        }
    }

    private func bytesArrived() {
        guard case .nothing = receiving else { return }
        let now = NIODeadline.now()
        receiving = .head(since: now)
        schedule(at: now + TimeAmount(deadlines.header))
        report()
    }

    private func headArrived() {
        // A closing connection's timer is its linger timer; parts decoded from input read before it began closing
        // change nothing.
        guard !closing else { return }
        let now = NIODeadline.now()
        var started = now
        if case .head(let since) = receiving { started = since }
        receiving = .body(since: now, started: started)
        requestsInFlight += 1
        schedule(at: now + TimeAmount(deadlines.body))
        report()
    }

    private func endArrived() {
        guard !closing else { return }
        receiving = .nothing
        cancelTimer()
        report()
    }

    private func responseEnded() {
        requestsInFlight = max(0, requestsInFlight - 1)
        if requestsInFlight == 0 { idleSince = .now() }
        if closeAfterResponse, requestsInFlight == 0 {
            closeAfterResponse = false
            frontContext?.flush()
            lingerThenClose(shuttingOutput: true)
            return
        }
        report()
    }

    private func deadlinePassed() {
        timer = nil
        guard !closing else { return }
        switch receiving {
        case .nothing:
            break
        case .head:
            logger.info("request head not received within \(deadlines.header): closing the connection")
            if requestsInFlight == 0 {
                answerAndClose(.requestTimeout(part: "head", option: "--header-timeout", limit: deadlines.header))
            } else {
                channel.close(promise: nil)
            }
        case .body:
            logger.info("request body not received within \(deadlines.body): closing the connection")
            fail(with: .bodyTimeout(deadlines.body))
        }
    }

    // MARK: Actions

    /// Tells the limit what the connection is doing.
    private func report() {
        let activity: ConnectionLimit.Activity
        switch receiving {
        case _ where closing: activity = .closing
        case .nothing: activity = requestsInFlight == 0 ? .idle(since: idleSince) : .busy
        case .head(let since): activity = requestsInFlight == 0 ? .receiving(since: since) : .busy
        // The body's own request is in flight; any other one is being answered.
        case .body(_, let started): activity = requestsInFlight <= 1 ? .receiving(since: started) : .busy
        }
        guard activity != reported else { return }
        reported = activity
        limit.update(self, activity)
    }

    /// Ends the request whose body is arriving: Hummingbird's body stream throws `error`, the middleware answers.
    private func fail(with error: ConnectionGuardError) {
        closing = true
        report()
        partsContext?.fireErrorCaught(error)
        // Hummingbird shuts the output down once it has answered.
        lingerThenClose(shuttingOutput: false)
    }

    /// Writes an answer directly (no request has reached Hummingbird) and closes.
    private func answerAndClose(_ error: OktaErrorResponse) {
        closing = true
        report()
        frontContext?.writeAndFlush(NIOAny(Self.rawResponse(error)), promise: nil)
        lingerThenClose(shuttingOutput: true)
    }

    /// Drops input from now on, and closes once the client has closed its side or after ``lingerTime``.
    private func lingerThenClose(shuttingOutput: Bool) {
        closing = true
        if shuttingOutput { channel.close(mode: .output, promise: nil) }
        cancelTimer()
        timer = channel.eventLoop.scheduleTask(in: Self.lingerTime) { [channel] in channel.close(promise: nil) }
        frontContext?.read()
    }

    private func schedule(at deadline: NIODeadline) {
        timer?.cancel()
        timer = channel.eventLoop.scheduleTask(deadline: deadline) { [self] in deadlinePassed() }
    }

    private func cancelTimer() {
        timer?.cancel()
        timer = nil
    }

    /// An error as a whole HTTP/1.1 response, with `Connection: close`.
    static func rawResponse(_ error: OktaErrorResponse) -> ByteBuffer {
        let body = error.jsonData
        var text = "HTTP/1.1 \(error.status.code) \(error.status.reasonPhrase)\r\n"
        var fields = error.httpHeaderFields
        fields[.oktaRequestID] = OktaMockMiddleware.makeRequestID()
        fields[.contentLength] = String(body.count)
        fields[.connection] = "close"
        for field in fields { text += "\(field.name.rawName): \(field.value)\r\n" }
        text += "\r\n"
        var buffer = ByteBuffer(string: text)
        buffer.writeBytes(body)
        return buffer
    }

    // MARK: Handlers

    /// First in the pipeline: raw bytes.
    final class Front: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = ByteBuffer
        typealias InboundOut = ByteBuffer
        typealias OutboundIn = ByteBuffer
        typealias OutboundOut = ByteBuffer

        private let owner: ConnectionGuard
        /// Whether the connection is being reset: later response parts are dropped.
        private var resetting = false

        init(owner: ConnectionGuard) {
            self.owner = owner
        }

        func handlerAdded(context: ChannelHandlerContext) {
            owner.frontContext = context
            if context.channel.isActive { owner.becameActive() }
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            owner.frontContext = nil
            owner.cancelTimer()
        }

        func channelActive(context: ChannelHandlerContext) {
            owner.becameActive()
            context.fireChannelActive()
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            // Once answered, input is read only to be dropped (see `lingerThenClose`).
            guard !owner.closing else { return }
            owner.bytesArrived()
            context.fireChannelRead(data)
        }

        func channelReadComplete(context: ChannelHandlerContext) {
            // Hummingbird stops asking for reads when it is not consuming; a closing connection drains regardless.
            if owner.closing { context.read() }
            context.fireChannelReadComplete()
        }

        func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
            if owner.closing, case ChannelEvent.inputClosed = event {
                context.close(promise: nil)
            }
            context.fireUserInboundEventTriggered(event)
        }
    }

    /// Right after NIO's HTTP decoder: request and response parts.
    final class RequestParts: ChannelDuplexHandler, RemovableChannelHandler {
        typealias InboundIn = HTTPServerRequestPart
        typealias InboundOut = HTTPServerRequestPart
        typealias OutboundIn = HTTPServerResponsePart
        typealias OutboundOut = HTTPServerResponsePart

        private let owner: ConnectionGuard
        /// Whether the connection is being reset: later response parts are dropped.
        private var resetting = false

        init(owner: ConnectionGuard) {
            self.owner = owner
        }

        func handlerAdded(context: ChannelHandlerContext) {
            owner.partsContext = context
        }

        func handlerRemoved(context: ChannelHandlerContext) {
            owner.partsContext = nil
        }

        func channelRead(context: ChannelHandlerContext, data: NIOAny) {
            switch unwrapInboundIn(data) {
            case .head: owner.headArrived()
            case .body: break
            case .end: owner.endArrived()
            }
            context.fireChannelRead(data)
        }

        func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
            let part = unwrapOutboundIn(data)
            if case .head(let head) = part, head.headers.contains(name: ConnectionGuard.resetMarker.rawName) {
                // A fault (`--fault-rate`) asks for a reset connection: nothing of the response is written, and
                // SO_LINGER 0 makes the close send RST rather than FIN.
                resetting = true
                _ = (context.channel as? any SocketOptionProvider)?.setSoLinger(linger(l_onoff: 1, l_linger: 0))
                context.close(promise: nil)
            }
            if resetting {
                promise?.fail(ChannelError.ioOnClosedChannel)
                return
            }
            let isEnd = if case .end = part { true } else { false }
            context.write(data, promise: promise)
            if isEnd { owner.responseEnded() }
        }
    }
}
