import Foundation

/// The state one client's OAuth middleware shares between its requests: the access token, the DPoP nonces, and
/// the single token request in flight.
///
/// Concurrent callers that find no fresh token do not each ask for one: the first becomes the leader and fetches,
/// the others wait for its result (no thundering herd). A leader that is cancelled hands the job to the next caller
/// rather than failing everyone.
actor OAuthSession {
    /// An access token and when it stops being used.
    struct AccessToken: Sendable, Equatable {
        /// The token.
        var value: String
        /// `DPoP` or `Bearer`, as the token response said.
        var type: String
        /// When to fetch a new one: shortly before the token expires.
        var refreshAt: Date
    }

    /// What a caller of ``acquire(now:)`` does next.
    enum Acquisition: Sendable {
        /// Use this token.
        case token(AccessToken)
        /// Fetch a token, then report it with ``finish(_:)``.
        case lead
        /// The leader failed with this error.
        case failed(any Error)
    }

    /// The cached token, if any.
    private var token: AccessToken?
    /// Whether a token request is in flight.
    private var fetching = false
    /// Callers waiting for the request in flight.
    private var waiters: [CheckedContinuation<Result<AccessToken, any Error>?, Never>] = []
    /// The last `DPoP-Nonce` of the token endpoint (authorization server).
    var tokenNonce: String?
    /// The last `DPoP-Nonce` of the API (resource server); RFC 9449 keeps the two apart.
    var resourceNonce: String?
    /// How many token requests were sent (tests check that concurrent calls cause one).
    private(set) var tokenRequests = 0

    /// Returns a fresh token, waits for the request in flight, or makes the caller the leader.
    ///
    /// - Parameter now: The current time.
    /// - Returns: What to do.
    func acquire(now: Date) async -> Acquisition {
        while true {
            if let token, now < token.refreshAt { return .token(token) }
            guard fetching else {
                fetching = true
                tokenRequests += 1
                return .lead
            }
            // `nil`: the leader was cancelled; loop, and maybe lead.
            switch await withCheckedContinuation({ waiters.append($0) }) {
            case .success(let token)?: return .token(token)
            case .failure(let error)?: return .failed(error)
            case nil: continue
            }
        }
    }

    /// Reports the leader's result and wakes the waiters.
    ///
    /// - Parameter result: The token, or why there is none; a `CancellationError` passes the lead on.
    func finish(_ result: Result<AccessToken, any Error>) {
        fetching = false
        var shared: Result<AccessToken, any Error>? = result
        switch result {
        case .success(let fresh): token = fresh
        case .failure(let error) where error is CancellationError: shared = nil
        case .failure: break
        }
        let woken = waiters
        waiters = []
        for waiter in woken { waiter.resume(returning: shared) }
    }

    /// Forgets a token the API refused, unless a newer one has replaced it meanwhile.
    ///
    /// - Parameter value: The refused token.
    func invalidate(_ value: String) {
        if token?.value == value { token = nil }
    }

    /// Records the nonce of a token endpoint response.
    func setTokenNonce(_ nonce: String?) { if let nonce { tokenNonce = nonce } }

    /// Records the nonce of an API response.
    func setResourceNonce(_ nonce: String?) { if let nonce { resourceNonce = nonce } }
}
