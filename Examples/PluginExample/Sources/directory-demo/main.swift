import DirectoryModels
import DirectorySDK
import Foundation
import OktaRuntime

/// Answers every request with one canned page of users, so the demo runs without a network.
struct CannedTransport: ClientTransport {
    func send(
        _ request: HTTPRequest, body: HTTPBody?, baseURL: URL, operationID: String
    ) async throws -> (HTTPResponse, HTTPBody?) {
        let json = """
            [{"id": "00u1", "status": "ACTIVE", "profile": {"login": "ada@example.com", "firstName": "Ada",
              "lastName": "Lovelace"}},
             {"id": "00u2", "status": "LOCKED_OUT", "profile": {"login": "grace@example.com", "firstName": null}}]
            """
        var fields = HTTPFields()
        fields[.contentType] = "application/json"
        return (HTTPResponse(status: .ok, headerFields: fields), HTTPBody(json))
    }
}

func label(_ status: DirectoryUserStatus) -> String {
    switch status {
    case .unknown(let raw): "[\(raw.lowercased())?]"
    default: "[\(status.rawValue.lowercased())]"
    }
}

// The client generated at build time (DirectorySDK, type prefix `Directory`).
let client = OktaClient(serverURL: URL(string: "https://example.okta.com")!, transport: CannedTransport())
for user in try await client.directory.listUsers(limit: 2).body {
    print("\(label(user.status)) \(user.displayName)")
}

// The committed models (DirectoryModels).
let encoder = JSONEncoder()
encoder.outputFormatting = [.sortedKeys]
let request = CreateUserRequest.signingInWith(email: "alan@example.com", firstName: "Alan")
print(String(decoding: try encoder.encode(request), as: UTF8.self))
