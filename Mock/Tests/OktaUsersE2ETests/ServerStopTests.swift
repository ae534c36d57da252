import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// ``TestServer`` stops its server by cancelling it; connections the server had accepted and not yet served once made
/// NIO trap ("Deinited NIOAsyncWriter without calling finish()"), which killed the whole test process.
@Suite struct ServerStopTests {
    @Test func stoppingWhileAcceptedConnectionsWaitToBeServedDoesNotTrap() async throws {
        for _ in 0..<30 {
            let descriptors = try await TestServer.run { server in
                // Connects on loopback return at once; the server is stopped right after.
                (0..<64).compactMap { _ in Self.openConnection(port: server.baseURL.port ?? 0) }
            }
            defer { for descriptor in descriptors { _ = close(descriptor) } }
            #expect(descriptors.count == 64)
            // Served or dropped, every connection ends up closed by the server.
            var open = descriptors
            for _ in 0..<100 where !open.isEmpty {
                open.removeAll(where: Self.isClosedByPeer)
                if !open.isEmpty { try await Task.sleep(for: .milliseconds(50)) }
            }
            #expect(open.isEmpty, "\(open.count) connections still open")
        }
    }

    private static func openConnection(port: Int) -> Int32? {
        #if canImport(Glibc)
            let descriptor = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            let descriptor = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        guard descriptor >= 0 else { return nil }
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
            _ = close(descriptor)
            return nil
        }
        return descriptor
    }

    private static func isClosedByPeer(_ descriptor: Int32) -> Bool {
        var byte: UInt8 = 0
        let count = recv(descriptor, &byte, 1, Int32(MSG_PEEK | MSG_DONTWAIT))
        return count == 0 || (count < 0 && errno == ECONNRESET)
    }
}
