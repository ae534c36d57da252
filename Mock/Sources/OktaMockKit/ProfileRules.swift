import OktaRuntime
import OktaUsers

/// The constraints of Okta's base user profile: lengths and e-mail formats, as the Management API spec declares them.
/// Lengths count Unicode scalars, as JSON Schema does.
enum ProfileRules {
    /// `(attribute, minimum, maximum)` for the length-limited string attributes.
    private static let lengths: [(String, Int, Int)] = [
        ("login", 5, 100), ("email", 5, 100), ("firstName", 1, 50), ("lastName", 1, 50), ("city", 0, 128),
        ("countryCode", 0, 2), ("mobilePhone", 0, 100), ("postalAddress", 0, 4096), ("primaryPhone", 0, 100),
        ("secondEmail", 0, 100), ("state", 0, 128), ("streetAddress", 0, 1024), ("zipCode", 0, 50),
    ]

    /// The attributes that must be e-mail addresses.
    private static let emails = ["email", "secondEmail"]

    /// Every problem of a profile, one cause each (`login: must be 5 to 100 characters long`).
    ///
    /// - Parameter profile: The profile.
    /// - Returns: The causes; empty when the profile is fine.
    static func problems(_ profile: UserProfile) -> [String] {
        var causes: [String] = []
        for (name, minimum, maximum) in lengths {
            guard case .string(let value)? = profile.searchValue(name) else { continue }
            let length = value.unicodeScalars.count
            if length < minimum || length > maximum {
                causes.append(
                    minimum == 0
                        ? "\(name): must be at most \(maximum) characters long"
                        : "\(name): must be \(minimum) to \(maximum) characters long")
            }
        }
        for name in emails {
            guard case .string(let value)? = profile.searchValue(name), !isEmailAddress(value) else { continue }
            causes.append("\(name): Does not match required pattern")
        }
        return causes
    }

    /// A lenient e-mail check: a non-empty local part and domain around the last `@`, no spaces or controls.
    ///
    /// - Parameter text: The value.
    /// - Returns: `true` if it looks like an address.
    static func isEmailAddress(_ text: String) -> Bool {
        guard let at = text.lastIndex(of: "@") else { return false }
        let local = text[..<at]
        let domain = text[text.index(after: at)...]
        return !local.isEmpty && !domain.isEmpty
            && !text.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F }
    }
}
