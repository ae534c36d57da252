import NIOCore
import Synchronization

/// The open connections of one server, bounded (`--max-connections`), and what happens when the bound is reached.
///
/// A bound alone is a lock-out: clients that open connections and then send slowly (a body one byte a second) hold
/// every place, and the server can only turn everyone else away. So when a connection arrives and every place is
/// taken, the policy is, in this order:
///
/// 1. a connection already answered and closing gives up its place at once;
/// 2. else the connection that has been *receiving* a request the longest (head or body still arriving) gives up
///    its place, however short that is: a legitimate request arrives in one or a few packets, so it is receiving for
///    microseconds and is never the oldest of many half-received requests; the oldest is the slowest client. (There
///    is no grace here on purpose: slow clients that reconnect as soon as they are evicted keep all their connections
///    young, and a grace would protect every one of them.)
/// 3. else the connection idle the longest (no request in flight) gives up its place, if it has been idle for at
///    least ``idleGrace`` (a connection just accepted is idle until its request is read): it is closed without an
///    answer, as HTTP lets a server close an idle keep-alive connection (an answer would be read by the client as
///    the response to its next request);
/// 4. else every place is serving a request or was only just taken: the new connection gets `503 Service
///    Unavailable` with `Retry-After: 1` and Okta's error body, and is closed.
///
/// A connection whose request is being handled (its body has arrived, its response is not finished) is never
/// evicted. An evicted connection that was receiving gets `503` as well (through Hummingbird when its request is
/// waiting for its body, written directly when its head had not ended), then ``ConnectionGuard`` closes it.
///
/// Answered connections are closed *lingering*: output is shut down after the answer and input is read and dropped
/// for up to ``ConnectionGuard/lingerTime``, because closing a socket that still has unread input makes the kernel
/// send a reset, which can destroy the answer before the client reads it. At most ``maximum`` connections linger
/// at once; past that a refused connection is closed without an answer.
///
/// Connections are set up on several event loops at once, so the book is kept under one lock; choosing a victim
/// scans the open connections (at most ``maximum``), and only when the bound is reached.
final class ConnectionLimit: Sendable {
    /// What a connection is doing, as far as eviction is concerned.
    enum Activity: Equatable, Sendable {
        /// No request in flight since `since` (a new connection, or between requests).
        case idle(since: NIODeadline)
        /// A request's head or body arriving since `since` (its first byte).
        case receiving(since: NIODeadline)
        /// A request being handled: never evicted.
        case busy
        /// Answered and about to close.
        case closing
    }

    /// What happens to a new connection.
    enum Admission: Equatable, Sendable {
        /// It has a place.
        case admitted
        /// No place: answer 503 and close lingering.
        case refusedWithAnswer
        /// No place, and too many connections lingering already: close at once.
        case refused
    }

    /// The most connections open at once.
    let maximum: Int
    /// How long a connection must have been idle before a new connection may take its place.
    let idleGrace: TimeAmount

    private struct Book {
        var open: [ObjectIdentifier: (activity: Activity, connection: ConnectionGuard)] = [:]
        var lingering: Set<ObjectIdentifier> = []
        var refused = 0
        var evicted = 0
    }

    private let book = Mutex(Book())

    /// - Parameters:
    ///   - maximum: The most connections open at once (at least 1).
    ///   - idleGrace: See ``idleGrace``.
    init(maximum: Int, idleGrace: TimeAmount = .seconds(1)) {
        self.maximum = maximum
        self.idleGrace = idleGrace
    }

    /// The connections open now (lingering ones not counted).
    var openConnections: Int { book.withLock { $0.open.count } }

    /// The connections refused so far because every place was taken.
    var refusedConnections: Int { book.withLock { $0.refused } }

    /// The connections evicted so far to make room for a new one.
    var evictedConnections: Int { book.withLock { $0.evicted } }

    /// Gives a new connection a place, evicting another one if need be (see the type's policy).
    ///
    /// - Parameters:
    ///   - connection: The new connection.
    ///   - now: The time.
    /// - Returns: Whether it has a place.
    func admit(_ connection: ConnectionGuard, now: NIODeadline = .now()) -> Admission {
        let id = ObjectIdentifier(connection)
        let (admission, victim) = book.withLock { book -> (Admission, ConnectionGuard?) in
            if book.open.count < maximum {
                book.open[id] = (.idle(since: now), connection)
                return (.admitted, nil)
            }
            if let victimID = Self.victim(in: book.open, now: now, idleGrace: idleGrace),
                let victim = book.open.removeValue(forKey: victimID)
            {
                book.lingering.insert(victimID)
                book.evicted += 1
                book.open[id] = (.idle(since: now), connection)
                return (.admitted, victim.connection)
            }
            book.refused += 1
            guard book.lingering.count < maximum else { return (.refused, nil) }
            book.lingering.insert(id)
            return (.refusedWithAnswer, nil)
        }
        victim?.evict()
        return admission
    }

    /// Records what a connection is doing now.
    func update(_ connection: ConnectionGuard, _ activity: Activity) {
        let id = ObjectIdentifier(connection)
        book.withLock { book in
            if book.open[id] != nil { book.open[id]?.activity = activity }
        }
    }

    /// Frees a closed connection's place (or its lingering count).
    func closed(_ connection: ConnectionGuard) {
        let id = ObjectIdentifier(connection)
        book.withLock { book in
            if book.open.removeValue(forKey: id) == nil { book.lingering.remove(id) }
        }
    }

    /// The connection to evict: closing first, then the oldest receiving, then the oldest idle past `idleGrace`.
    private static func victim(
        in open: [ObjectIdentifier: (activity: Activity, connection: ConnectionGuard)], now: NIODeadline,
        idleGrace: TimeAmount
    ) -> ObjectIdentifier? {
        var best: (id: ObjectIdentifier, rank: Int, since: NIODeadline)?
        for (id, entry) in open {
            let rank: Int
            let since: NIODeadline
            switch entry.activity {
            case .closing:
                return id
            case .receiving(let start):
                (rank, since) = (1, start)
            case .idle(let start) where now - start >= idleGrace:
                (rank, since) = (2, start)
            case .idle, .busy:
                continue
            }
            if let current = best, (current.rank, current.since) <= (rank, since) { continue }
            best = (id, rank, since)
        }
        return best?.id
    }
}
