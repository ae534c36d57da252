import Foundation
import OktaRuntime
import OktaUsers

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
