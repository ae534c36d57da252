import OktaGenOpenAPI

/// How path parameters get their Swift labels (`path-labels` in `oktagen.yaml`; docs/Naming.md, "Labels").
public enum IRPathLabels: String, Sendable, CaseIterable {
    /// Path parameters that name one resource's identifier get one label (`/users/{id}` and `/users/{userId}` both
    /// take `userId:`).
    case resource
    /// Every parameter keeps the label of its spec name (`id:` and `userId:`).
    case spec
}

extension IRBuilder {
    /// The labels of the path parameters that name a resource's identifier, by path template, then by the name the
    /// template writes between braces.
    ///
    /// A path parameter names a resource's identifier when it is a whole segment whose name is `id` or ends in `Id`
    /// (`userId`, `authServerId`; not `userIdOrLogin` nor `roleIdOrEncodedRoleId`, which name alternatives). Two such parameters name the same resource when the paths
    /// before them agree segment by segment, parameters counting as equal (`/api/v1/users/{id}` and
    /// `/api/v1/users/{userId}/grants` share `/api/v1/users/{}`). The resource's label is its most frequent name
    /// other than `id` among the selected operations (the first met on a tie), or, when all of them say `id`, the
    /// segment before it made singular + `Id` (`hook-keys/{id}` → `hookKeyId`); a prefix whose last segment is not
    /// a word keeps `id`. Only the selected operations count, so the labels of a selection do not depend on
    /// operations that are not selected.
    static func resourceLabels(paths: [String]) -> [String: [String: String]] {
        var counts: [String: [(name: String, count: Int)]] = [:]
        var collections: [String: String] = [:]
        var prefixesByPath: [(path: String, slots: [(prefix: String, name: String)])] = []
        for path in paths {
            var slots: [(prefix: String, name: String)] = []
            var prefix: [Substring] = []
            var previous: Substring?
            // Split and searched by UTF-8 bytes: a `Character` split cost 60,000 instructions per path, and this runs
            // for every operation before any type is built (docs/Performance.md).
            for bytes in path.utf8.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false) {
                let segment = Substring(bytes)
                if let name = Self.wholeSegmentParameter(segment) {
                    if name == "id" || Self.isIdentifierName(name) {
                        let key = prefix.joined(separator: "/")
                        slots.append((key, name))
                        if let previous, collections[key] == nil { collections[key] = String(previous) }
                        if name != "id" {
                            if let index = counts[key, default: []].firstIndex(where: { $0.name == name }) {
                                counts[key]![index].count += 1
                            } else {
                                counts[key, default: []].append((name, 1))
                            }
                        }
                    }
                    prefix.append("{}")
                    previous = nil
                } else {
                    prefix.append(segment)
                    previous = bytes.contains(UInt8(ascii: "{")) ? nil : segment
                }
            }
            if !slots.isEmpty { prefixesByPath.append((path, slots)) }
        }
        var labels: [String: String] = [:]
        for (key, names) in counts {
            var best = names[0]
            for entry in names.dropFirst() where entry.count > best.count { best = entry }
            labels[key] = SwiftNames.lowerCamel(best.name)
        }
        for (key, collection) in collections where labels[key] == nil {
            let singular = SwiftNames.lowerCamel(Self.singular(collection))
            if !singular.isEmpty, SwiftNames.legal(singular) == singular { labels[key] = singular + "Id" }
        }
        var result: [String: [String: String]] = [:]
        for entry in prefixesByPath {
            for slot in entry.slots {
                if let label = labels[slot.prefix] { result[entry.path, default: [:]][slot.name] = label }
            }
        }
        return result
    }

    /// `{id}` → `id`; `{id}.json`, `v{n}` or `{}` → `nil`.
    static func wholeSegmentParameter(_ segment: Substring) -> String? {
        let bytes = segment.utf8
        guard bytes.count > 2, bytes.first == UInt8(ascii: "{"), bytes.last == UInt8(ascii: "}") else { return nil }
        let inner = bytes.dropFirst().dropLast()
        return inner.contains(UInt8(ascii: "{")) || inner.contains(UInt8(ascii: "}")) ? nil : String(Substring(inner))
    }

    /// `userId`, `authServerId`, `user_id` (one word `id`, last, after another word); not `id`, `ID`, nor names of
    /// alternatives (`userIdOrLogin`, `roleIdOrEncodedRoleId`: a word `or`, or `id` twice).
    static func isIdentifierName(_ name: String) -> Bool {
        let words = SwiftNames.words(name).map { $0.lowercased() }
        return words.count > 1 && words.last == "id" && words.filter { $0 == "id" }.count == 1 && !words.contains("or")
    }

    /// `users` → `user`, `policies` → `policy`, `addresses` → `address`, `hook-keys` → `hook-key`, `status` stays.
    static func singular(_ text: String) -> String {
        if text.hasSuffix("ies"), text.count > 3 { return String(text.dropLast(3)) + "y" }
        for ending in ["sses", "xes", "ches", "shes"] where text.hasSuffix(ending) { return String(text.dropLast(2)) }
        if text.hasSuffix("s"), !text.hasSuffix("ss"), !text.hasSuffix("us"), text.count > 1 {
            return String(text.dropLast())
        }
        return text
    }

    /// The sentence a user's `{id}` parameter gets when its description does not say that Okta takes a login too.
    static let userLoginNote =
        "Okta also accepts the user's login, or its login shortname when that is unique in the org."

    /// The description of a path parameter whose label the resource rule changed: a user's `{id}` says that Okta
    /// accepts a login or login shortname too, which its new label (`userId`) no longer suggests.
    static func labelledDescription(_ description: String?, name: String, path: String) -> String? {
        guard name == "id", path.contains("/users/{id}") else { return description }
        guard let description, !description.isEmpty else { return userLoginNote }
        if description.lowercased().contains("login") { return description }
        return description + (description.hasSuffix(".") ? " " : ". ") + userLoginNote
    }
}
