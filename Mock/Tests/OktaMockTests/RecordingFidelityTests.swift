import Foundation
import OktaGenYAML
import OktaRuntime
import Testing

@testable import OktaMockKit

/// Replays real Okta traffic (okta-sdk-python's vcrpy cassettes, `../shared/recordings/okta-sdk-python`, or
/// `OKTA_RECORDINGS_DIR`) against okta-mock and compares status, the JSON members present and their types, and the
/// lifecycle status. The cassettes are read where they are, never copied into the repository.
///
/// - IDs differ: each ID a recorded response introduces is mapped to the one okta-mock answered, and replaced in later
///   requests.
/// - vcrpy did not record some request bodies (`body: null` on a create or an update): they are rebuilt from the
///   recorded response (its profile; a password and a recovery answer of our own when the user had them).
/// - Requests outside the seven user tags (roles, subscriptions, identity providers) are skipped, and said so.
/// - List responses come from a real org with other users: only their first item's shape is compared.
///
/// Serialized, with the YAML parsed off the cooperative pool: 34 cassettes each starting a mock at once starved the
/// other suites' servers on a loaded 2-core machine.
@Suite(.serialized) struct RecordingFidelityTests {
    /// The folder of cassettes, if there is one.
    static let directory: URL? = {
        let environment = ProcessInfo.processInfo.environment["OKTA_RECORDINGS_DIR"].map { URL(fileURLWithPath: $0) }
        // Mock/Tests/OktaMockTests/<file> -> the repository's folder, beside which shared/ lies.
        let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
        let relative = repository.appendingPathComponent("../shared/recordings/okta-sdk-python")
            .standardizedFileURL
        return [environment, relative].compactMap { $0 }.first { url in
            FileManager.default.fileExists(atPath: url.path)
        }
    }()

    /// The cassettes' file names.
    static let cassettes: [String] = {
        guard let directory else { return [] }
        return ((try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? [])
            .filter { $0.hasSuffix(".yaml") }.sorted()
    }()

    /// Members okta-mock does not render yet: known gaps (reported, to be closed), not failures.
    static let knownAbsent: Set<String> = [
        // Links to the schema and type resources, outside the seven user tags.
        "_links.schema", "_links.type",
        // Okta lists the primary email under credentials.emails; okta-mock does not.
        "credentials.emails",
        // Okta renders the org's realmId on every user; okta-mock only when one was set.
        "realmId",
        // Links Okta offers in more states than okta-mock does (forgotPassword: also PASSWORD_EXPIRED).
        "_links.resetFactors", "_links.forgotPassword", "_links.suspend", "_links.changeRecoveryQuestion",
        // Okta renders a client's unset client_uri and logo_uri as null (its documented listUserClients example);
        // okta-mock omits them.
        "client_uri", "logo_uri",
        // The links of a group (logo, users, apps) in listUserGroups.
        "[0]._links",
    ]

    /// Interactions whose recorded answer depends on the recording org, not on Okta's behaviour, or whose request
    /// vcrpy did not record well enough to replay; each is skipped with its reason.
    static let notReplayable: [String: String] = [
        "TestUsersResource.test_forgot_password.yaml#0": "the SDK sent a malformed base URL (answered 404)",
        "TestUsersResource.test_list_user_blocks.yaml#1": "the recording org could not read blocks (401)",
        "TestUsersResource.test_list_user_blocks.yaml#5": "the recording org could not read blocks (401)",
        "TestUsersResource.test_change_user_password.yaml#1": "the password change body was not recorded",
        "TestUsersResource.test_change_recovery_question.yaml#1": "the body was not recorded",
        "TestUsersResource.test_change_recovery_question.yaml#2": "the body was not recorded",
        "TestUsersResource.test_change_recovery_question.yaml#3": "it reads what #1 (not recorded) changed",
    ]

    /// okta-mock's own cassettes (`Recordings/documented-*.yaml`), written from Okta's documented examples for the
    /// operations and statuses no real recording holds; replayed against ``Fixture/seed``.
    static let ownDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("Recordings")

    /// The own cassettes' file names.
    static let ownCassettes: [String] =
        ((try? FileManager.default.contentsOfDirectory(atPath: ownDirectory.path)) ?? [])
        .filter { $0.hasSuffix(".yaml") }.sorted()

    @Test(
        .enabled(
            if: directory != nil,
            "no recordings: set OKTA_RECORDINGS_DIR or put them at ../shared/recordings/okta-sdk-python"),
        arguments: cassettes)
    func theMockAnswersAsTheRecordedOrgDid(cassette: String) async throws {
        let directory = try #require(Self.directory)
        try await RunningMock.run(limit: .seconds(60)) { mock in
            try await Self.replay(directory.appendingPathComponent(cassette), on: mock)
        }
    }

    @Test(arguments: ownCassettes)
    func theMockAnswersAsOktasDocumentationSays(cassette: String) async throws {
        let directory = try TemporaryDirectory()
        let seed = try directory.file("seed.json", Fixture.seed)
        try await RunningMock.run(.mock(seedURL: seed), limit: .seconds(60)) { mock in
            try await Self.replay(Self.ownDirectory.appendingPathComponent(cassette), on: mock)
        }
    }

    /// Every one of the 36 operations is in at least one own cassette, so each is replayed even without the real
    /// recordings; prints the coverage (operations x statuses) of both sources, as docs/okta-mock-testing.md states it.
    @Test func theOwnRecordingsCoverEveryOperation() async throws {
        #expect(UserOperation.all.count == 36)
        let own = try await Self.coverage(Self.ownCassettes.map { Self.ownDirectory.appendingPathComponent($0) })
        let missing = UserOperation.all.map(\.id).filter { own[$0] == nil }
        #expect(missing.isEmpty, "operations no own cassette replays: \(missing)")
        var recorded: [String: Set<Int>] = [:]
        if let directory = Self.directory {
            recorded = try await Self.coverage(Self.cassettes.map { directory.appendingPathComponent($0) })
        }
        let rows = UserOperation.all.map { operation in
            let statuses = { (set: Set<Int>?) in set.map { $0.sorted().map(String.init).joined(separator: ", ") } ?? ""
            }
            return "| `\(operation.id)` | \(statuses(recorded[operation.id])) | \(statuses(own[operation.id])) |"
        }
        print(
            (["| operation | Okta's recordings | own recordings |", "| --- | --- | --- |"] + rows).joined(
                separator: "\n"))
    }

    /// The (operation, recorded status) pairs of some cassettes.
    static func coverage(_ files: [URL]) async throws -> [String: Set<Int>] {
        var pairs: [String: Set<Int>] = [:]
        for file in files {
            let document = try await Self.parsed(file)
            for (index, interaction) in try #require(document.root?["interactions"]).elements.enumerated() {
                guard let method = interaction["request"]?["method"]?.scalarText,
                    let uri = interaction["request"]?["uri"]?.scalarText,
                    let status = interaction["response"]?["status"]?["code"]?.scalarText.flatMap(Int.init),
                    let operation = UserOperation.matching(method: method, path: Self.path(of: uri))
                else { continue }
                if Self.notReplayable["\(file.lastPathComponent)#\(index)"] != nil { continue }
                pairs[operation.id, default: []].insert(status)
            }
        }
        return pairs
    }

    /// okta-mock's routes, built once (building them registers every handler).
    static let routes = Result { try OktaMockServer.routeTable() }

    /// A cassette parsed on a thread of its own, not on the cooperative pool (a large cassette takes a while).
    static func parsed(_ file: URL) async throws -> YAMLDocument {
        try await withCheckedThrowingContinuation { continuation in
            Thread { continuation.resume(with: Result { try YAMLParser().parse(contentsOf: file.path) }) }.start()
        }
    }

    /// The path and query of a recorded URI.
    static func path(of uri: String) -> String {
        var path = String(uri.drop { $0 != "/" }.dropFirst(2).drop { $0 != "/" })
        // Some cassettes have `https://test.okta.com//api/v1/…` (an SDK joining URLs); Okta read it as `/api`.
        while path.hasPrefix("//") { path.removeFirst() }
        return path
    }

    /// Replays one cassette on `mock`: status, members and their types, error codes, lifecycle status.
    static func replay(_ file: URL, on mock: RunningMock) async throws {
        let cassette = file.lastPathComponent
        let document = try await Self.parsed(file)
        let interactions = try #require(document.root?["interactions"]).elements
        var ids: [String: String] = [:]
        var skipped: [String] = []
        for (index, interaction) in interactions.enumerated() {
            guard let request = interaction["request"], let response = interaction["response"],
                let method = request["method"]?.scalarText, let uri = request["uri"]?.scalarText,
                let status = response["status"]?["code"]?.scalarText.flatMap(Int.init)
            else {
                Issue.record("\(cassette) #\(index): not a vcrpy interaction")
                continue
            }
            var path = Self.path(of: uri)
            for (recorded, actual) in ids { path = path.replacingOccurrences(of: recorded, with: actual) }
            let pathOnly = String(path.prefix { $0 != "?" })
            guard let httpMethod = HTTPRequest.Method(method),
                try Self.routes.get().methods(forPath: pathOnly).contains(httpMethod)
            else {
                skipped.append("#\(index) \(method) \(pathOnly) (outside the user tags)")
                continue
            }
            if let reason = Self.notReplayable["\(cassette)#\(index)"] {
                skipped.append("#\(index) (\(reason))")
                continue
            }
            let recordedBody = response["body"]?["string"]?.scalarText ?? ""
            let recordedJSON = try? JSONDecoder.okta.decode(JSONValue.self, from: Data(recordedBody.utf8))
            var body = Self.requestBody(request["body"]).map { text in
                ids.reduce(text) { $0.replacingOccurrences(of: $1.key, with: $1.value) }
            }
            if body == nil, method == "POST", let recordedJSON, pathOnly.split(separator: "/").count <= 4 {
                body = Self.rebuiltBody(from: recordedJSON)
            }
            let answer = try await mock.raw(method, path, body: body)
            let context = "\(cassette) #\(index) \(method) \(pathOnly)"
            // Okta answered bodiless lifecycle calls with 204 in 2020 and 200 since: both are the same success.
            let successes = [200, 204]
            let sameSuccess =
                recordedBody.isEmpty && successes.contains(status) && successes.contains(answer.status)
            let answerText = String(decoding: answer.body, as: UTF8.self)
            #expect(answer.status == status || sameSuccess, "\(context): \(answerText)")
            guard answer.status == status, let recordedJSON, !recordedBody.isEmpty else { continue }
            guard let actual = try? JSONDecoder.okta.decode(JSONValue.self, from: answer.body) else {
                Issue.record("\(context): okta-mock's answer is not JSON: '\(answerText)'")
                continue
            }
            if recordedJSON == [:] {
                // Okta's `{}` (deactivate, suspend, …): the same body, and JSON as Okta labels it.
                #expect(actual == [:], "\(context): \(answerText)")
                #expect(answer.headers["content-type"]?.hasPrefix("application/json") == true, "\(context)")
            }
            if let code = recordedJSON["errorCode"] {
                #expect(actual["errorCode"] == code, "\(context): \(answerText)")
            }
            if let recordedID = recordedJSON["id"]?.stringValue, let actualID = actual["id"]?.stringValue {
                ids[recordedID] = actualID
            }
            Self.compare(recordedJSON, actual, path: "", context: context)
            if let recordedStatus = recordedJSON["status"]?.stringValue, pathOnly.contains("/users") {
                #expect(actual["status"]?.stringValue == recordedStatus, "\(context): lifecycle status")
            }
        }
        if !skipped.isEmpty {
            let list = skipped.joined(separator: ", ")
            print("RecordingFidelityTests: \(cassette): skipped: \(list)")
        }
    }

    /// A request body as recorded: `nil` for `null` or none.
    static func requestBody(_ node: YAMLNode?) -> String? {
        guard let node, node.isScalar, node.style != .plain || node.text != "null", !node.text.isEmpty else {
            return nil
        }
        return node.text
    }

    /// A create or update body vcrpy did not record, rebuilt from the recorded response.
    static func rebuiltBody(from response: JSONValue) -> String? {
        guard case .object(var profile)? = response["profile"] else { return nil }
        for name in profile.keys where profile[name] == .null { _ = profile.removeValue(forKey: name) }
        var body: JSONObject = ["profile": .object(profile)]
        var credentials: JSONObject = [:]
        if response["credentials"]?["password"] != nil { credentials["password"] = ["value": "Rec0rded-Pa55word!"] }
        if let question = response["credentials"]?["recovery_question"]?["question"] {
            credentials["recovery_question"] = ["question": question, "answer": "recorded answer"]
        }
        if !credentials.keys.isEmpty { body["credentials"] = .object(credentials) }
        return (try? JSONEncoder.okta.encode(JSONValue.object(body))).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Checks that every member of `recorded` is in `actual` with the same JSON type (`null` matches anything).
    static func compare(_ recorded: JSONValue, _ actual: JSONValue, path: String, context: String) {
        switch (recorded, actual) {
        case (.null, _), (_, .null):
            return
        case (.object(let expected), .object(let got)):
            for name in expected.keys {
                let memberPath = path.isEmpty ? name : "\(path).\(name)"
                let general =
                    memberPath.hasPrefix("[0].") && memberPath != "[0]._links"
                    ? String(memberPath.dropFirst(4)) : memberPath
                guard !knownAbsent.contains(general) else { continue }
                guard let member = got[name] else {
                    Issue.record("\(context): \(memberPath) is missing")
                    continue
                }
                compare(expected[name] ?? .null, member, path: memberPath, context: context)
            }
        case (.array(let expected), .array(let got)):
            // A real org lists other users too: compare the first recorded user with the same user in okta-mock's
            // answer, if it is there; other items (groups, links) with okta-mock's first.
            guard let first = expected.first else { return }
            if let login = first["profile"]?["login"] {
                if let same = got.first(where: { $0["profile"]?["login"] == login }) {
                    compare(first, same, path: path + "[0]", context: context)
                }
            } else if let other = got.first {
                compare(first, other, path: path + "[0]", context: context)
            }
        default:
            if kind(recorded) != kind(actual) {
                Issue.record("\(context): \(path) is \(kind(actual)), Okta's is \(kind(recorded))")
            }
        }
    }

    private static func kind(_ value: JSONValue) -> String {
        switch value {
        case .null: "null"
        case .bool: "a boolean"
        case .int, .double: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
