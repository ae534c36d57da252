import Foundation
import OktaRuntime
import OktaUsers

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
