import Foundation
import OktaRuntime
import OktaUsers

/// What the generated decoders let through but the spec forbids, checked on the body as sent:
///
/// - `null` for a member that is not nullable (Swift's `decodeIfPresent` reads `null` as "absent"). Inside `profile`
///   `null` is how a partial update clears an attribute; it is refused only for the base attributes the spec does not
///   mark nullable (`login`, `email`, `department`, `employeeNumber`, `locale`);
/// - unknown values of the enumerations in password hashes (the generated open enums keep any string);
/// - a `workFactor` outside 1…20.
enum RequestBodyRules {
    /// The hash algorithms the spec lists.
    static let hashAlgorithms: Set<String> = ["BCRYPT", "MD5", "PBKDF2", "SHA-1", "SHA-256", "SHA-512"]
    /// The profile attributes the spec does not mark nullable.
    static let nonNullableProfileAttributes: Set<String> = ["login", "email", "department", "employeeNumber", "locale"]
    /// The digest algorithms the spec lists.
    static let digestAlgorithms: Set<String> = ["SHA256_HMAC", "SHA512_HMAC"]

    /// Checks the body of the request being handled (``RawRequestBody``).
    ///
    /// - Throws: 400 `E0000001` with one cause per problem.
    static func check() throws {
        guard let data = RawRequestBody.current, let body = try? JSONDecoder.okta.decode(JSONValue.self, from: data)
        else { return }
        let causes = problems(body)
        guard causes.isEmpty else { throw OktaErrorResponse.validationFailed(causes: causes) }
    }

    /// The problems of a body.
    ///
    /// - Parameter body: The body as sent.
    /// - Returns: One cause per problem, members visited in name order (JSON decoding does not keep the sent order).
    static func problems(_ body: JSONValue) -> [String] {
        var causes: [String] = []
        walk(body, path: "", causes: &causes)
        return causes
    }

    private static func walk(_ value: JSONValue, path: String, causes: inout [String]) {
        guard case .object(let object) = value else { return }
        for name in object.keys.sorted() {
            guard let member = object[name] else { continue }
            let memberPath = path.isEmpty ? name : "\(path).\(name)"
            if member.isNull {
                if path != "profile" || nonNullableProfileAttributes.contains(name) {
                    causes.append("\(memberPath): must not be null")
                }
                continue
            }
            if path == "profile" { continue }
            if name == "hash" { checkHash(member, path: memberPath, causes: &causes) }
            walk(member, path: memberPath, causes: &causes)
        }
    }

    private static func checkHash(_ hash: JSONValue, path: String, causes: inout [String]) {
        if let algorithm = hash["algorithm"]?.stringValue, !hashAlgorithms.contains(algorithm) {
            causes.append(
                "\(path).algorithm: '\(algorithm)' is not one of \(hashAlgorithms.sorted().joined(separator: ", "))")
        }
        if let digest = hash["digestAlgorithm"]?.stringValue, !digestAlgorithms.contains(digest) {
            causes.append(
                "\(path).digestAlgorithm: '\(digest)' is not one of "
                    + digestAlgorithms.sorted().joined(separator: ", ")
            )
        }
        if let workFactor = hash["workFactor"]?.intValue, !(1...20).contains(workFactor) {
            causes.append("\(path).workFactor: must be between 1 and 20")
        }
    }

    /// Refuses a value of an open enumeration the spec does not list.
    ///
    /// - Parameters:
    ///   - value: The parsed value.
    ///   - name: The parameter, for the message.
    /// - Throws: 400 `E0000001`.
    static func checkKnown<Value: OktaOpenEnum>(_ value: Value?, _ name: String) throws where Value.RawValue == String {
        guard let value, !value.isKnown else { return }
        let allowed = Value.allCases.filter(\.isKnown).map(\.rawValue).joined(separator: ", ")
        throw OktaErrorResponse.validationFailed(causes: ["\(name): '\(value.rawValue)' is not one of \(allowed)"])
    }
}
