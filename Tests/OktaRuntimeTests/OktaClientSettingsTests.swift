import Foundation
import Testing

@testable import OktaRuntime

/// `okta.yaml` files and `OKTA_CLIENT_*` variables, read and merged as Okta's SDKs do.
@Suite struct OktaClientSettingsTests {
    /// A home and a working directory holding the given files, removed afterwards.
    static func withFolders<T>(
        home: String?, working: String?, _ body: (String, String) throws -> T
    ) throws -> T {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("okta-settings-\(UUID().uuidString)")
            .path
        let homeDirectory = root + "/home"
        let workingDirectory = root + "/work"
        try FileManager.default.createDirectory(atPath: homeDirectory + "/.okta", withIntermediateDirectories: true)
        try FileManager.default.createDirectory(atPath: workingDirectory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        if let home { try home.write(toFile: homeDirectory + "/.okta/okta.yaml", atomically: true, encoding: .utf8) }
        if let working {
            try working.write(toFile: workingDirectory + "/.okta.yaml", atomically: true, encoding: .utf8)
        }
        return try body(homeDirectory, workingDirectory)
    }

    @Test func oktasDocumentedFileIsRead() throws {
        // The example of Okta's SDK documentation, comments and all.
        let yaml = """
            okta:
              client:
                connectionTimeout: 30 # seconds
                orgUrl: "https://dev-123456.okta.com"
                proxy:
                  port: null
                  host: null
                  username: null
                  password: null
                token: 00abcDEF-token
                requestTimeout: 0 # seconds
                rateLimit:
                  maxRetries: 4
            """
        let configuration = try Self.withFolders(home: yaml, working: nil) { home, working in
            try OktaClientConfiguration.load(environment: [:], homeDirectory: home, workingDirectory: working)
        }
        #expect(configuration.orgURL.absoluteString == "https://dev-123456.okta.com")
        #expect(configuration.retryPolicy.maxAttempts == 5)
        #expect(configuration.connectionTimeout == .seconds(30))
        #expect(configuration.requestTimeout == nil)
        #expect(configuration.proxy == nil)
        guard case .ssws(let token) = configuration.authorization else {
            Issue.record("expected SSWS")
            return
        }
        #expect(token == "00abcDEF-token")
    }

    @Test func laterSourcesWinKeyByKey() throws {
        let home = """
            okta:
              client:
                orgUrl: https://home.okta.com
                token: home-token
                rateLimit:
                  maxRetries: 1
            """
        let working = """
            okta:
              client:
                orgUrl: https://working.okta.com
            """
        let settings = try Self.withFolders(home: home, working: working) { home, working in
            try OktaClientSettings.load(
                environment: ["OKTA_CLIENT_TOKEN": "env-token", "OKTA_CLIENT_RATE_LIMIT_MAX_RETRIES": "7"],
                homeDirectory: home, workingDirectory: working)
        }
        #expect(settings.orgURL?.value == "https://working.okta.com")
        #expect(settings.orgURL?.source.description.hasSuffix("/work/.okta.yaml:3:13") == true)
        #expect(settings.token?.value == "env-token")
        #expect(settings.token?.source == .environment("OKTA_CLIENT_TOKEN"))
        #expect(settings.rateLimitMaxRetries?.value == "7", "Go's spelling of the variable")
        #expect(settings.filesRead.count == 2)
    }

    @Test func privateKeyModeFromAFileWithAnInlinePEMAndAScopeList() throws {
        let indentedPEM = TestKeys.ecSEC1.split(separator: "\n").map { "      " + $0 }.joined(separator: "\n")
        let yaml = """
            okta:
              client:
                orgUrl: https://dev-123456.okta.com
                authorizationMode: PrivateKey
                clientId: 0oa-service
                scopes:
                  - okta.users.read
                  - "okta.users.manage"
                privateKeyId: kid-9
                privateKey: |
            \(indentedPEM)
            """
        let configuration = try Self.withFolders(home: nil, working: yaml) { home, working in
            try OktaClientConfiguration.load(environment: [:], homeDirectory: home, workingDirectory: working)
        }
        guard case .privateKey(let credentials) = configuration.authorization else {
            Issue.record("expected PrivateKey mode")
            return
        }
        #expect(credentials.scopes == ["okta.users.read", "okta.users.manage"])
        #expect(credentials.privateKey.keyID == "kid-9")
        #expect(credentials.privateKey.algorithm == .es256)
        // Code comes last.
        let overridden = try Self.withFolders(home: nil, working: yaml) { home, working in
            try OktaClientConfiguration.load(environment: [:], homeDirectory: home, workingDirectory: working) {
                $0.scopes = .init(["okta.users.read"])
            }
        }
        guard case .privateKey(let narrowed) = overridden.authorization else { return }
        #expect(narrowed.scopes == ["okta.users.read"])
    }

    @Test(arguments: [
        ("okta:\n  client:\n    orgUrl: &a x\n", 3, 13, "does not use"),
        ("okta:\n\tclient: x\n", 2, 1, "tabs"),
        ("okta:\n  client:\n    orgUrl: \"https://x\n", 3, 13, "unterminated"),
        ("okta:\n  client:\n   bad: x\n    orgUrl: y\n", 4, 5, "indentation"),
        ("okta: x\n---\nokta: y\n", 2, 1, "one document"),
    ])
    func unreadableFilesAreErrorsAtTheirLineAndColumn(yaml: String, line: Int, column: Int, words: String) throws {
        let error = #expect(throws: OktaConfigurationError.self) {
            try Self.withFolders(home: nil, working: yaml) { home, working in
                try OktaClientSettings.load(environment: [:], homeDirectory: home, workingDirectory: working)
            }
        }
        let message = try #require(error).description
        #expect(message.contains(".okta.yaml:\(line):\(column): error: "), "\(message)")
        #expect(message.contains(words), "\(message)")
    }

    @Test func badValuesNameTheirSource() throws {
        let yaml =
            "okta:\n  client:\n    orgUrl: https://dev-1.okta.com\n    token: t0k3n\n    connectionTimeout: soon\n"
        let error = #expect(throws: OktaConfigurationError.self) {
            try Self.withFolders(home: nil, working: yaml) { home, working in
                try OktaClientConfiguration.load(environment: [:], homeDirectory: home, workingDirectory: working)
            }
        }
        #expect(error?.description.contains(".okta.yaml:5:24: error: 'soon' is not a whole number") == true)

        let fromEnvironment = #expect(throws: OktaConfigurationError.self) {
            try Self.withFolders(home: nil, working: nil) { home, working in
                try OktaClientConfiguration.load(
                    environment: ["OKTA_CLIENT_ORGURL": "https://dev-1-admin.okta.com", "OKTA_CLIENT_TOKEN": "x"],
                    homeDirectory: home, workingDirectory: working)
            }
        }
        #expect(fromEnvironment?.description.hasPrefix("OKTA_CLIENT_ORGURL: ") == true)
        #expect(fromEnvironment?.description.contains("-admin") == true)

        let missing = #expect(throws: OktaConfigurationError.self) {
            try Self.withFolders(home: nil, working: nil) { home, working in
                try OktaClientConfiguration.load(
                    environment: [
                        "OKTA_CLIENT_ORGURL": "https://dev-1.okta.com", "OKTA_CLIENT_AUTHORIZATIONMODE": "PrivateKey",
                    ],
                    homeDirectory: home, workingDirectory: working)
            }
        }
        #expect(missing == .missingSetting(key: "clientId", variable: "OKTA_CLIENT_CLIENTID"))
    }

    @Test func readerHandlesTheSubsetOktaFilesUse() throws {
        let entries = try OktaYAMLReader.read(
            """
            ---
            okta:
              client:
                scopes: [okta.users.read, 'okta.users.manage']   # flow list
                quoted: "a \\"b\\" \\u00e9 # not a comment"
                single: 'it''s'
                empty:
                folded: >-
                  one
                  two
                literal: |
                  line 1
                    line 2
                after: ~
            """)
        #expect(entries["okta.client.scopes"]?.value == .list(["okta.users.read", "okta.users.manage"]))
        #expect(entries["okta.client.quoted"]?.value == .scalar("a \"b\" é # not a comment"))
        #expect(entries["okta.client.single"]?.value == .scalar("it's"))
        #expect(entries["okta.client.empty"]?.value == .scalar(nil))
        #expect(entries["okta.client.folded"]?.value == .scalar("one two"))
        #expect(entries["okta.client.literal"]?.value == .scalar("line 1\n  line 2\n"))
        #expect(entries["okta.client.after"]?.value == .scalar(nil))
        #expect(entries["okta.client.after"]?.line == 14)
    }

    @Test func unknownKeysAreKeptWithTheirPlace() throws {
        var settings = OktaClientSettings()
        try settings.merge(yaml: "okta:\n  client:\n    orgURL: https://x.okta.com\n", path: "okta.yaml")
        #expect(settings.orgURL == nil)
        #expect(settings.unknownKeys.first?.value == "okta.client.orgURL")
        #expect(settings.unknownKeys.first?.source == .file(path: "okta.yaml", line: 3, column: 13))
        let error = #expect(throws: OktaConfigurationError.self) { try OktaClientConfiguration(settings: settings) }
        #expect(
            error?.description
                == "okta.yaml:3:13: error: unknown key 'okta.client.orgURL'; did you mean 'okta.client.orgUrl'?")
    }
}
