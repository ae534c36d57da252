import Foundation
import OktaRuntime
import OktaUsers

/// A user's attribute as `filter`, `search` and `sortBy` see it.
enum SearchValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case date(Date)
    case array([SearchValue])
    case null

    /// Converts a profile value; objects have no comparable value and count as `null`.
    ///
    /// - Parameter json: The value.
    init(_ json: JSONValue) {
        switch json {
        case .null, .object: self = .null
        case .bool(let value): self = .bool(value)
        case .int(let value): self = .number(Double(value))
        case .double(let value): self = .number(value)
        case .string(let value): self = .string(value)
        case .array(let values): self = .array(values.map(SearchValue.init))
        }
    }

    /// A string, or `null` for `nil`.
    init(_ string: String?) { self = string.map(SearchValue.string) ?? .null }

    /// A timestamp, or `null` for `nil`.
    init(_ date: Date?) { self = date.map(SearchValue.date) ?? .null }

    /// Whether the value is `null` or an empty array: what `pr` (present) rejects.
    var isEmpty: Bool {
        switch self {
        case .null: true
        case .array(let values): values.isEmpty
        default: false
        }
    }
}

extension StoredUser {
    /// An attribute by its `search` name: `status`, `lastUpdated`, `type.id`, `profile.city`, ….
    ///
    /// - Parameter attribute: The name.
    /// - Returns: The value; `nil` when the user has no such attribute at all.
    func searchValue(_ attribute: String) -> SearchValue? {
        switch attribute {
        case "id": return .string(id)
        case "status": return .string(status.rawValue)
        case "created": return .date(created)
        case "activated": return SearchValue(activated)
        case "statusChanged": return SearchValue(statusChanged)
        case "lastUpdated": return .date(lastUpdated)
        case "lastLogin": return SearchValue(lastLogin)
        case "passwordChanged": return SearchValue(passwordChanged)
        case "type.id": return .string(typeID)
        case "realmId": return SearchValue(realmID)
        // Okta's early-access user classification; every mock user is a STANDARD user.
        case "classification.type": return .string("STANDARD")
        default:
            guard attribute.hasPrefix("profile.") else { return nil }
            return profile.searchValue(String(attribute.dropFirst("profile.".count)))
        }
    }
}

extension UserProfile {
    /// A profile attribute by name, custom attributes included.
    ///
    /// - Parameter name: The attribute, for example `lastName` or `costCenter`.
    /// - Returns: The value; `nil` when the profile does not have the attribute.
    func searchValue(_ name: String) -> SearchValue? {
        func nullable(_ value: OktaNullable<String>) -> SearchValue? {
            switch value {
            case .absent: nil
            case .null: .null
            case .value(let text): .string(text)
            }
        }
        switch name {
        case "city": return nullable(city)
        case "costCenter": return nullable(costCenter)
        case "countryCode": return nullable(countryCode)
        case "department": return department.map(SearchValue.string)
        case "displayName": return nullable(displayName)
        case "division": return nullable(division)
        case "email": return email.map(SearchValue.string)
        case "employeeNumber": return employeeNumber.map(SearchValue.string)
        case "firstName": return nullable(firstName)
        case "honorificPrefix": return nullable(honorificPrefix)
        case "honorificSuffix": return nullable(honorificSuffix)
        case "lastName": return nullable(lastName)
        case "locale": return locale.map(SearchValue.string)
        case "login": return login.map(SearchValue.string)
        case "manager": return nullable(manager)
        case "managerId": return nullable(managerId)
        case "middleName": return nullable(middleName)
        case "mobilePhone": return nullable(mobilePhone)
        case "nickName": return nullable(nickName)
        case "organization": return nullable(organization)
        case "postalAddress": return nullable(postalAddress)
        case "preferredLanguage": return nullable(preferredLanguage)
        case "primaryPhone": return nullable(primaryPhone)
        case "profileUrl": return nullable(profileUrl)
        case "secondEmail": return nullable(secondEmail)
        case "state": return nullable(state)
        case "streetAddress": return nullable(streetAddress)
        case "timezone": return nullable(timezone)
        case "title": return nullable(title)
        case "userType": return nullable(userType)
        case "zipCode": return nullable(zipCode)
        default: return additionalProperties[name].map(SearchValue.init)
        }
    }
}
