import Foundation
import OktaGenTestSupport
import Testing

/// docs/ClientAPI.md, the table of `OktaClient`'s public API, is made from `Generated/Client/` and must match it:
/// a renamed method, label or return type fails here until the page is re-recorded
/// (`OKTAGEN_RECORD_API_TABLE=1 swift test --filter ClientAPITableTests`).
@Suite struct ClientAPITableTests {
    static let root = GoldenSupport.repositoryRoot
    static let page = root.appendingPathComponent("docs/ClientAPI.md")

    /// One method of an API group: its name, argument labels and return type, as `Generated/` declares them.
    struct Method: Equatable {
        var name: String
        var labels: [String]
        var returns: String
    }

    /// `public let user: UsersAPI` lines of `OktaClient` (not `core`): (property, type), in declaration order.
    static func groups(_ client: String) -> [(property: String, type: String)] {
        client.split(separator: "\n").compactMap { line in
            let text = line.trimmingCharacters(in: .whitespaces)
            guard text.hasPrefix("public let "), text.hasSuffix("API") else { return nil }
            let parts = text.dropFirst("public let ".count).split(separator: ":")
            guard parts.count == 2 else { return nil }
            return (String(parts[0]), parts[1].trimmingCharacters(in: .whitespaces))
        }
    }

    /// The `public func`s of a group's file, each spread over the lines up to its `) … -> Type {`.
    static func methods(_ source: String) -> [Method] {
        var methods: [Method] = []
        var current: Method?
        for line in source.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces)
            if text.hasPrefix("public func "), let open = text.firstIndex(of: "(") {
                current = Method(
                    name: String(text[text.index(text.startIndex, offsetBy: "public func ".count)..<open]),
                    labels: [], returns: "")
                continue
            }
            guard var method = current else { continue }
            if text.hasPrefix(")") {
                let arrow = text.range(of: "-> ")
                method.returns = arrow.map { String(text[$0.upperBound...].dropLast(2)) } ?? "Void"
                methods.append(method)
                current = nil
            } else if let colon = text.firstIndex(of: ":") {
                method.labels.append(String(text[..<colon]))
                current = method
            }
        }
        return methods
    }

    static func table() throws -> String {
        let client = root.appendingPathComponent("Generated/Client")
        let groups = Self.groups(
            try String(contentsOf: client.appendingPathComponent("OktaClient.swift"), encoding: .utf8))
        var lines = [
            "# The API of `OktaClient`",
            "",
            "What the SDK generated from the bundled spec (`Generated/`) offers: one property of `OktaClient` per API",
            "group, and its methods with their argument labels and return types. Made from `Generated/Client/` and",
            "checked against it by `ClientAPITableTests` (re-record: `OKTAGEN_RECORD_API_TABLE=1 swift test --filter",
            "ClientAPITableTests`). Labels follow [Naming](Naming.md); each method's doc comment says more.",
            "",
        ]
        for group in groups {
            let source = try String(
                contentsOf: client.appendingPathComponent(group.type + ".swift"), encoding: .utf8)
            lines += [
                "## `client.\(group.property)` (`\(group.type)`)", "", "| Method | Returns |", "| --- | --- |",
            ]
            for method in Self.methods(source) {
                let signature = method.name + "(" + method.labels.map { $0 + ":" }.joined() + ")"
                lines.append("| `\(signature)` | `\(method.returns)` |")
            }
            lines.append("")
        }
        return lines.joined(separator: "\n")
    }

    @Test func thePageMatchesGenerated() throws {
        let table = try Self.table()
        if ProcessInfo.processInfo.environment["OKTAGEN_RECORD_API_TABLE"] == "1" {
            try table.write(to: Self.page, atomically: true, encoding: .utf8)
        }
        let page = try String(contentsOf: Self.page, encoding: .utf8)
        #expect(page == table, "docs/ClientAPI.md is stale: re-record it (see the page's first paragraph)")
    }

    @Test func theParserFindsLabelsAndReturnTypes() {
        let source = """
                public func getUser(
                    userId: String,
                    expand: String? = nil
                ) async throws -> OktaResponse<User> {
                public func listUsersSequence(
                    limit: Int32? = nil
                ) -> OktaPageSequence<User> {
            """
        #expect(
            Self.methods(source) == [
                Method(name: "getUser", labels: ["userId", "expand"], returns: "OktaResponse<User>"),
                Method(name: "listUsersSequence", labels: ["limit"], returns: "OktaPageSequence<User>"),
            ])
        #expect(
            Self.groups("    public let core: OktaAPIClient\n    public let user: UsersAPI\n").map(\.property) == [
                "user"
            ])
    }

    @Test func theReadmeLinksThePage() throws {
        let readme = try String(contentsOf: Self.root.appendingPathComponent("README.md"), encoding: .utf8)
        #expect(readme.contains("(docs/ClientAPI.md)"))
    }
}
