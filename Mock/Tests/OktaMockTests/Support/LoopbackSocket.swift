import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A blocking TCP connection to 127.0.0.1, for clients a URL session cannot imitate (half a request, silence). Every
/// read gives up after 10 seconds.
final class LoopbackSocket {
    private var descriptor: Int32

    init(port: Int) throws {
        #if canImport(Glibc)
            descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { throw POSIXError(.EMFILE) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(descriptor, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else {
            closeDescriptor(descriptor)
            throw POSIXError(.ECONNREFUSED)
        }
    }

    deinit { close() }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard sendBytes(descriptor, bytes) == bytes.count else {
            throw POSIXError(.EPIPE)
        }
    }

    /// What arrives next: up to 64 KiB, or nothing once the server has closed the connection.
    func receive() throws -> [UInt8] {
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let count = recv(descriptor, &buffer, buffer.count, 0)
        if count < 0 {
            // A reset is the server closing too.
            if errno == ECONNRESET { return [] }
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        return Array(buffer.prefix(count))
    }

    /// Everything the server sends until it closes the connection (each read waiting at most 10 seconds).
    func receiveAll() throws -> [UInt8] {
        var bytes: [UInt8] = []
        while true {
            let chunk = try receive()
            if chunk.isEmpty { return bytes }
            bytes += chunk
        }
    }

    /// One whole response (its head, and a body of its `Content-Length`), on a connection that stays open.
    func receiveResponse() throws -> RawResponse {
        var bytes: [UInt8] = []
        while true {
            let chunk = try receive()
            bytes += chunk
            let response = RawResponse(bytes)
            let length = response.headers["content-length"].flatMap(Int.init) ?? 0
            if chunk.isEmpty || (response.status != 0 && response.body.count >= length) { return response }
        }
    }

    /// Whether the server has answered or closed the connection, without waiting; what it sent is read and dropped.
    func isAnsweredOrClosed() -> Bool {
        var buffer = [UInt8](repeating: 0, count: 4096)
        let count = recv(descriptor, &buffer, buffer.count, Int32(MSG_DONTWAIT))
        return count > 0 || count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }

    /// Whether the server has sent something or closed the connection, without waiting or consuming anything.
    func hasDataOrIsClosed() -> Bool {
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return count >= 0 || (errno != EAGAIN && errno != EWOULDBLOCK)
    }

    /// Whether the server has closed the connection (without waiting: nothing to read yet means no).
    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }

    func close() {
        if descriptor >= 0 {
            closeDescriptor(descriptor)
            descriptor = -1
        }
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}

private func sendBytes(_ descriptor: Int32, _ bytes: [UInt8]) -> Int {
    #if canImport(Glibc)
        send(descriptor, bytes, bytes.count, Int32(MSG_NOSIGNAL))
    #else
        send(descriptor, bytes, bytes.count, 0)
    #endif
}

/// An HTTP/1.1 response read off a socket.
struct RawResponse {
    /// The status code; 0 when nothing (or not HTTP) came back.
    var status = 0
    /// The header fields, names in lower case.
    var headers: [String: String] = [:]
    /// The body.
    var body = Data()

    /// Parses what a server sent (one response with `Content-Length`, or a body up to the end).
    init(_ bytes: [UInt8]) {
        let data = Data(bytes)
        guard let end = data.range(of: Data("\r\n\r\n".utf8)) else { return }
        let head = String(decoding: data[..<end.lowerBound], as: UTF8.self).components(separatedBy: "\r\n")
        let statusLine = head.first?.split(separator: " ") ?? []
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else { return }
        self.status = status
        for line in head.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            let value = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            headers[line[..<colon].lowercased()] = value
        }
        body = Data(data[end.upperBound...])
        if let length = headers["content-length"].flatMap(Int.init) { body = body.prefix(length) }
    }

    /// Sends one request on a new connection (it should say `Connection: close`) and reads the response to the end.
    static func exchange(port: Int, _ request: String) throws -> RawResponse {
        let socket = try LoopbackSocket(port: port)
        defer { socket.close() }
        try socket.send(request)
        return RawResponse(try socket.receiveAll())
    }
}

/// Runs blocking work (socket calls) on a thread of its own, not on one of the few threads of Swift's cooperative pool.
func onThread<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await withCheckedThrowingContinuation { continuation in
        Thread { continuation.resume(with: Result { try body() }) }.start()
    }
}
