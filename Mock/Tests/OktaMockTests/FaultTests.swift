import Foundation
import OktaRuntime
import OktaUsers
import Testing

@testable import OktaMockKit

/// okta-mock under fault: concurrent writers, bodies that are too large or not JSON, a state file that cannot be
/// written, and clients that connect and say nothing. (Slow and hostile clients and the connection bound:
/// HostileClientTests and SlowClientTests. SIGKILL mid-load and a full disk need a separate process:
/// scripts/mock-fault-check.py.)
@Suite struct FaultTests {
    @Test func concurrentPartialUpdatesOfOneUserLoseNothing() async throws {
        let writers = 40
        try await RunningMock.run { mock in
            let id = try #require(
                try await mock.client.users.createUser(body: Fixture.createBody("busy@example.com")).body.id)
            // Every writer sets its own custom attribute with a partial update (POST): each must survive all the
            // others, which a read-modify-write race would lose.
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for writer in 0..<writers {
                    group.addTask {
                        try await mock.raw(
                            "POST", "/api/v1/users/\(id)", body: #"{"profile": {"attr\#(writer)": \#(writer)}}"#
                        ).status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses == Array(repeating: 200, count: writers))
            let user = try await mock.client.users.getUser(userId: id).body
            let attributes = try #require(user.profile?.additionalProperties)
            for writer in 0..<writers {
                #expect(attributes["attr\(writer)"] == .int(Int64(writer)), "attr\(writer) was lost")
            }
            #expect(user.profile?.login == "busy@example.com")
        }
    }

    @Test func concurrentCreatesOfOneLoginMakeOneUser() async throws {
        try await RunningMock.run { mock in
            let statuses = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<20 {
                    group.addTask {
                        try await mock.raw(
                            "POST", "/api/v1/users", body: #"{"profile": {"login": "once@example.com"}}"#
                        )
                        .status
                    }
                }
                return try await group.reduce(into: [Int]()) { $0.append($1) }
            }
            #expect(statuses.filter { $0 == 200 }.count == 1)
            #expect(statuses.filter { $0 == 400 }.count == 19)
            #expect(try await mock.client.users.listUsers().body.map(\.profile?.login) == ["once@example.com"])
        }
    }

    @Test func anOversizedBodyIs413AndTheServerGoesOn() async throws {
        try await RunningMock.run { mock in
            // One byte over the limit, and a valid JSON object all the same.
            let padding = String(repeating: "x", count: OktaServerRequest.maximumBodySize)
            let response = try await mock.raw(
                "POST", "/api/v1/users", body: #"{"profile": {"login": "big@example.com", "pad": "\#(padding)"}}"#)
            #expect(response.status == 413)
            let error = try JSONDecoder.okta.decode(OktaError.self, from: response.body)
            #expect(error.errorCode == "E0000001")
            #expect(error.errorCauses.map(\.errorSummary) == ["the request body is larger than 1048576 bytes"])
            #expect(try await mock.client.users.listUsers().body.isEmpty)
        }
    }

    /// Bodies that are not a JSON object of the right shape, and the error each gets.
    static let malformedBodies: [(String, Data, Int, String)] = [
        ("truncated", Data(#"{"profile": {"login": "#.utf8), 400, "E0000003"),
        ("not UTF-8", Data([0x7B, 0x22, 0xFF, 0xFE, 0x22, 0x3A, 0x31, 0x7D]), 400, "E0000003"),
        ("a raw NUL byte", Data("{\"profile\": {\"login\": \"a\0b@example.com\"}}".utf8), 400, "E0000003"),
        (
            "deeply nested",
            Data((String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)).utf8),
            400, "E0000003"
        ),
        ("an array", Data("[]".utf8), 400, "E0000001"),
        ("a string", Data(#""profile""#.utf8), 400, "E0000001"),
        ("empty", Data(), 400, "E0000001"),
        ("profile of the wrong type", Data(#"{"profile": 7}"#.utf8), 400, "E0000001"),
    ]

    @Test(arguments: malformedBodies)
    func aMalformedBodyIs400AndTheServerGoesOn(_ name: String, _ body: Data, _ status: Int, _ code: String)
        async throws
    {
        try await RunningMock.run { mock in
            let response = try await mock.raw("POST", "/api/v1/users", bodyBytes: body)
            #expect(response.status == status, "\(name)")
            let error = try JSONDecoder.okta.decode(OktaError.self, from: response.body)
            #expect(error.errorCode == code, "\(name): \(error.errorSummary) \(error.errorCauses.map(\.errorSummary))")
            #expect(try await mock.client.users.listUsers().body.isEmpty)
        }
    }

    @Test func aStateFileThatCannotBeWrittenRefusesChangesAndKeepsServingReads() async throws {
        let directory = try TemporaryDirectory()
        let folder = directory.url.appendingPathComponent("state")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let stateURL = folder.appendingPathComponent("org.json")
        try await RunningMock.run(.mock(stateURL: stateURL)) { mock in
            let ann = try await mock.client.users.createUser(body: Fixture.createBody("ann@example.com")).body
            let annID = try #require(ann.id)
            // The folder goes away and a plain file takes its name: no temporary file can be made there, whoever
            // the process runs as (a read-only or full file system fails the same step).
            let aside = directory.url.appendingPathComponent("state-aside")
            try FileManager.default.moveItem(at: folder, to: aside)
            try Data("not a folder".utf8).write(to: folder)

            let refused = try await mock.raw(
                "POST", "/api/v1/users", body: #"{"profile": {"login": "bob@example.com"}}"#)
            #expect(refused.status == 500)
            let error = try JSONDecoder.okta.decode(OktaError.self, from: refused.body)
            #expect(error.errorCode == "E0000009")
            let cause = try #require(error.errorCauses.first?.errorSummary)
            #expect(
                cause.hasPrefix(
                    "okta-mock cannot save its state file, so the change was not made: cannot use the state file \(stateURL.path): creating "
                ))
            #expect(cause.hasSuffix("failed (Not a directory)"))
            #expect(mock.logs.lines.contains { $0.contains("the change was not made: the state file cannot be saved") })
            // Reads go on, and the refused change is not there.
            #expect(try await mock.client.users.listUsers().body.map(\.id) == [annID])
            #expect(try await mock.client.users.getUser(userId: annID).body.profile?.login == "ann@example.com")
            let deactivate = try await mock.raw("POST", "/api/v1/users/\(annID)/lifecycle/deactivate")
            #expect(deactivate.status == 500)
            #expect(try await mock.client.users.getUser(userId: annID).body.status == .provisioned)

            // Once the folder is back, changes are saved again.
            try FileManager.default.removeItem(at: folder)
            try FileManager.default.moveItem(at: aside, to: folder)
            let bob = try await mock.client.users.createUser(body: Fixture.createBody("bob@example.com")).body
            #expect(bob.profile?.login == "bob@example.com")
        }
        // Only what was acknowledged is in the file.
        try await RunningMock.run(.mock(stateURL: stateURL)) { mock in
            let users = try await mock.client.users.listUsers().body
            #expect(users.map(\.profile?.login) == ["ann@example.com", "bob@example.com"])
            #expect(users.map(\.status) == [.provisioned, .provisioned])
        }
    }

    @Test func aClientThatStopsMidRequestIsDisconnectedAfterTheIdleTimeout() async throws {
        var configuration = OktaMockConfiguration.mock()
        configuration.idleTimeout = .milliseconds(500)
        try await RunningMock.run(configuration) { mock in
            let port = try #require(mock.baseURL.port)
            let started = ContinuousClock.now
            let slow = try LoopbackSocket(port: port)
            try slow.send("GET /api/v1/users HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: SS")
            // The server closes the connection: the read ends with no bytes, well before the socket's own 10 s bound.
            #expect(try slow.receive() == [])
            let elapsed = ContinuousClock.now - started
            #expect(elapsed >= .milliseconds(400))
            #expect(elapsed < .seconds(8))
            #expect(try await mock.client.users.listUsers().body.isEmpty)
        }
    }
}
