import Foundation
import OktaRuntime

/// Collects values from concurrent code for later inspection.
actor Recorder<Value: Sendable> {
    private(set) var values: [Value] = []

    func append(_ value: Value) { values.append(value) }

    var count: Int { values.count }
}

/// A one-shot signal: `wait()` returns once `signal()` has been called (before or after).
actor Signal {
    private var isSignaled = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    func signal() {
        isSignaled = true
        for waiter in waiters { waiter.resume() }
        waiters.removeAll()
    }

    func wait() async {
        if isSignaled { return }
        await withCheckedContinuation { waiters.append($0) }
    }
}

/// Suspends until the current task is cancelled, without sleeping.
func waitForCancellation() async {
    while !Task.isCancelled { await Task.yield() }
}

/// Encodes with `JSONEncoder.okta` and returns the text.
func encodeToString(_ value: some Encodable) throws -> String {
    String(decoding: try JSONEncoder.okta.encode(value), as: UTF8.self)
}

/// Decodes `json` with `JSONDecoder.okta`.
func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
    try JSONDecoder.okta.decode(type, from: Data(json.utf8))
}

/// Reads a whole body as text.
func string(of body: HTTPBody?) async throws -> String? {
    guard let body else { return nil }
    return try await String(collecting: body, upTo: 1 << 20)
}

/// A `Link` header field.
func linkField(_ value: String) -> HTTPField {
    guard let name = HTTPField.Name("Link") else { preconditionFailure("invalid field name") }
    return HTTPField(name: name, value: value)
}

/// A URL from a literal known to be valid in tests.
func url(_ string: String) -> URL {
    guard let url = URL(string: string) else { preconditionFailure("invalid test URL \(string)") }
    return url
}
