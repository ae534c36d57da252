import Foundation
import OktaRuntime
import OktaUsers

/// What the generated decoders let through but the spec forbids, checked on the body as sent, along the body's
/// ``RequestBodyShape`` (read-only and unknown members are ignored, whatever they hold):
///
/// - `null` for a writable member (Swift's `decodeIfPresent` reads `null` as "absent"). Inside `profile` `null` is
///   how a partial update clears an attribute; it is refused only for the base attributes the spec does not mark
///   nullable (`login`, `email`, `department`, `employeeNumber`, `locale`);
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
    /// - Parameter shape: What the operation's body holds.
    /// - Throws: 400 `E0000001` with one cause per problem.
    static func check(_ shape: RequestBodyShape) throws {
        guard let data = RawRequestBody.current, let body = try? JSONDecoder.okta.decode(JSONValue.self, from: data)
        else { return }
        let causes = problems(body, shape: shape)
        guard causes.isEmpty else { throw OktaErrorResponse.validationFailed(causes: causes) }
    }

    /// The problems of a body.
    ///
    /// - Parameters:
    ///   - body: The body as sent.
    ///   - shape: What it holds.
    /// - Returns: One cause per problem, members visited in name order (JSON decoding does not keep the sent order).
    static func problems(_ body: JSONValue, shape: RequestBodyShape) -> [String] {
        var causes: [String] = []
        walk(body, shape: shape, path: "", causes: &causes)
        return causes
    }

    private static func walk(_ value: JSONValue, shape: RequestBodyShape, path: String, causes: inout [String]) {
        guard case .object(let object) = value else { return }
        switch shape {
        case .readOnly, .value:
            return
        case .profile:
            for name in object.keys.sorted() where object[name]?.isNull == true {
                if nonNullableProfileAttributes.contains(name) { causes.append("\(path).\(name): must not be null") }
            }
        case .hash:
            for name in object.keys.sorted() where object[name]?.isNull == true {
                causes.append("\(path).\(name): must not be null")
            }
            checkHash(value, path: path, causes: &causes)
        case .object(let members):
            for name in object.keys.sorted() {
                guard let member = object[name], let memberShape = members[name] else { continue }
                if case .readOnly = memberShape { continue }
                let memberPath = path.isEmpty ? name : "\(path).\(name)"
                if member.isNull {
                    causes.append("\(memberPath): must not be null")
                    continue
                }
                walk(member, shape: memberShape, path: memberPath, causes: &causes)
            }
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
