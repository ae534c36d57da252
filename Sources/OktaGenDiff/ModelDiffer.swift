import OktaGenIR
import OktaGenRender

/// Compares the models of two versions of a spec (built with the same tag selection).
///
/// Operations are matched by `operationId`, parameters by name and location, responses by status, media types by
/// name, types by Swift name, properties by JSON name, enum values by raw value, union variants by name.
///
/// What is breaking for a client:
/// - anything removed that a client may use: an operation, a parameter, a request body or one of its media types, a
///   success response or one of its media types, a schema, a property, an enum value, a union variant;
/// - any type change (of a parameter, a body, a property, an alias, an enum's raw type, a schema's kind), an
///   operation's method or path, its tag (its group in the SDK), a parameter's location or name (a renamed path
///   variable is the same URL but another argument label in the SDK), a union's discriminator;
/// - a new required parameter or required request body, or one that became required; parameters kept in another
///   order (the Swift method takes its arguments in that order);
/// - in a type sent in requests: a new required property, a property that became required or no longer nullable;
/// - in a type received in responses: a property that became optional or nullable.
///
/// Not breaking: anything added that a client need not send (operations, optional parameters and properties, error
/// responses, media types, schemas), enum values and union variants added (generated enums and unions keep unknown
/// values), error responses removed, deprecations.
///
/// An operation removed and one added with the same method and path (path variables' names aside: `{userId}` and
/// `{id}` are the same URL) are one change, a rename, followed by the changes of the operation under its new name.
/// Each change is then put in Swift terms by ``SwiftTerms``: its ``Impact`` on the generated code, the symbol, the
/// spec locations and a hint.
public struct ModelDiffer {
    let old: IRModel
    let new: IRModel
    let oldFile: String
    let newFile: String
    /// The generated code's naming (type-name prefix, client name), for the Swift symbols.
    let renderOptions: RenderOptions

    /// Creates a differ.
    /// - Parameters:
    ///   - old: The model of the old version.
    ///   - new: The model of the new version.
    ///   - oldFile: The old spec as it should be named in reports (default: the model's file).
    ///   - newFile: The new spec as it should be named in reports.
    ///   - typeNamePrefix: The `--type-prefix` the SDK is generated with, for the Swift symbols.
    public init(
        old: IRModel, new: IRModel, oldFile: String? = nil, newFile: String? = nil, typeNamePrefix: String = ""
    ) {
        self.old = old
        self.new = new
        self.oldFile = oldFile ?? old.source.file
        self.newFile = newFile ?? new.source.file
        self.renderOptions = RenderOptions(specFile: "", typeNamePrefix: typeNamePrefix)
    }

    /// Compares the two models.
    /// - Returns: Every change, classified.
    public func diff() -> APIDiff {
        var changes: [APIChange] = []
        var endpoints: [String: String] = [:]
        let oldOperations = Dictionary(
            old.operations.map { ($0.operationId, $0) }, uniquingKeysWith: { first, _ in first })
        let newOperations = Dictionary(
            new.operations.map { ($0.operationId, $0) }, uniquingKeysWith: { first, _ in first })
        var added = new.operations.filter { oldOperations[$0.operationId] == nil }
        var removed = old.operations.filter { newOperations[$0.operationId] == nil }
        let renames = Self.renames(removed: removed, added: added)
        let renamedFrom = Dictionary(
            renames.map { ($0.new.operationId, $0.old.operationId) }, uniquingKeysWith: { a, _ in a })
        added.removeAll { renamedFrom[$0.operationId] != nil }
        removed.removeAll { operation in renames.contains { $0.old.operationId == operation.operationId } }
        for operation in added {
            changes.append(
                APIChange(
                    .operationAdded, breaking: false, operation: operation.operationId, new: Self.endpoint(operation)))
            endpoints[operation.operationId] = Self.endpoint(operation)
        }
        for operation in removed {
            changes.append(
                APIChange(
                    .operationRemoved, breaking: true, operation: operation.operationId, old: Self.endpoint(operation)))
            endpoints[operation.operationId] = Self.endpoint(operation)
        }
        for operation in new.operations {
            let before: IROperation
            var found: [APIChange]
            if let same = oldOperations[operation.operationId] {
                before = same
                found = OperationDiffer(old: before, new: operation).changes()
            } else if let rename = renames.first(where: { $0.new.operationId == operation.operationId }) {
                before = rename.old
                found = OperationDiffer(old: before, new: operation).changes()
                found.insert(
                    APIChange(
                        .operationRenamed, breaking: true, operation: operation.operationId, old: before.operationId,
                        new: operation.operationId), at: 0)
            } else {
                continue
            }
            found = Self.folded(found)
            if !found.isEmpty || before.operationId != operation.operationId {
                endpoints[operation.operationId] = Self.endpoint(operation)
            }
            changes += found
        }
        changes += SchemaDiffer(old: old, new: new).changes()
        changes = SwiftTerms(old: old, new: new, options: renderOptions).annotated(changes, renames: renamedFrom)
        return APIDiff(
            old: APIDiff.Side(file: oldFile, title: old.source.title, version: old.source.version),
            new: APIDiff.Side(file: newFile, title: new.source.title, version: new.source.version),
            tags: new.selectedTags, changes: changes, endpoints: endpoints)
    }

    static func endpoint(_ operation: IROperation) -> String { "\(operation.method) \(operation.path)" }

    /// An operation's changes with those that only rename the call folded into one: a rename (or, for the same
    /// `operationId`, an endpoint moved) takes in the move to another tag and the path variables renamed, which
    /// change the Swift method's name and labels but not what it does, so the report has one change, and one shim,
    /// per renamed call.
    static func folded(_ changes: [APIChange]) -> [APIChange] {
        let host =
            changes.firstIndex { $0.kind == .operationRenamed }
            ?? changes.firstIndex { $0.kind == .operationEndpointChanged }
        guard let host else { return changes }
        func isIncluded(_ change: APIChange) -> Bool {
            change.kind == .operationGroupChanged
                || (change.kind == .parameterRenamed && change.location == IRParameterLocation.path.rawValue)
        }
        let included = changes.filter(isIncluded)
        guard !included.isEmpty else { return changes }
        var result = changes
        result[host].includes = included
        result.removeAll(where: isIncluded)
        return result
    }

    /// Pairs of a removed and an added operation that are the same call: the same method and path once path
    /// variables' names are left out, and no other candidate on either side.
    static func renames(removed: [IROperation], added: [IROperation]) -> [(old: IROperation, new: IROperation)] {
        func key(_ operation: IROperation) -> String {
            operation.method.uppercased() + " " + OperationDiffer.normalized(operation.path)
        }
        let removedByKey = Dictionary(grouping: removed, by: key)
        let addedByKey = Dictionary(grouping: added, by: key)
        return removed.compactMap { before in
            guard removedByKey[key(before)]?.count == 1, let candidates = addedByKey[key(before)],
                candidates.count == 1
            else { return nil }
            return (before, candidates[0])
        }
    }
}

/// The changes of one operation present in both versions.
struct OperationDiffer {
    let old: IROperation
    let new: IROperation

    func changes() -> [APIChange] {
        var changes: [APIChange] = []
        let id = new.operationId
        func add(
            _ kind: APIChange.Kind, _ breaking: Bool, element: String? = nil, location: String? = nil,
            old: String? = nil, new: String? = nil
        ) {
            changes.append(
                APIChange(
                    kind, breaking: breaking, operation: id, element: element, location: location, old: old, new: new))
        }
        if old.method != new.method || Self.normalized(old.path) != Self.normalized(new.path) {
            add(.operationEndpointChanged, true, old: ModelDiffer.endpoint(old), new: ModelDiffer.endpoint(new))
        }
        if old.tag != new.tag { add(.operationGroupChanged, true, old: old.tag, new: new.tag) }
        if !old.deprecated, new.deprecated { add(.operationDeprecated, false) }
        parameterChanges(add: add)
        requestBodyChanges(add: add)
        responseChanges(add: add)
        return changes
    }

    /// Records a change: kind, breaking, element, location, old, new.
    typealias Add = (APIChange.Kind, Bool, String?, String?, String?, String?) -> Void

    // MARK: Parameters

    private func parameterChanges(add: Add) {
        func key(_ parameter: IRParameter) -> String { parameter.location.rawValue + " " + parameter.name }
        let oldByKey = Dictionary(old.parameters.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        let newByKey = Dictionary(new.parameters.map { (key($0), $0) }, uniquingKeysWith: { first, _ in first })
        var added = new.parameters.filter { oldByKey[key($0)] == nil }
        var removed = old.parameters.filter { newByKey[key($0)] == nil }
        // Matched parameters whose name or location changed: (old, new).
        var pairs: [(IRParameter, IRParameter)] = []
        // A path variable renamed in place (`/users/{userId}` → `/users/{id}`): the same URL, another name.
        let oldVariables = Self.variables(old.path)
        let newVariables = Self.variables(new.path)
        // On a moved endpoint (the same operationId on another path), too: the nth variable is the same argument.
        if oldVariables.count == newVariables.count {
            for (oldName, newName) in zip(oldVariables, newVariables) where oldName != newName {
                if let before = removed.first(where: { $0.location == .path && $0.name == oldName }),
                    let after = added.first(where: { $0.location == .path && $0.name == newName })
                {
                    pairs.append((before, after))
                }
            }
        }
        // A parameter that only moved (one of that name removed, one added) is a location change.
        for parameter in added where !pairs.contains(where: { key($0.1) == key(parameter) }) {
            let sameName = removed.filter { $0.name == parameter.name }
            guard sameName.count == 1, added.filter({ $0.name == parameter.name }).count == 1,
                !pairs.contains(where: { key($0.0) == key(sameName[0]) })
            else { continue }
            pairs.append((sameName[0], parameter))
        }
        for (before, after) in pairs {
            added.removeAll { key($0) == key(after) }
            removed.removeAll { key($0) == key(before) }
        }
        for parameter in new.parameters {
            if added.contains(where: { key($0) == key(parameter) }) {
                add(
                    .parameterAdded, parameter.required, parameter.name, parameter.location.rawValue, nil,
                    (parameter.required ? "required " : "optional ") + parameter.type.description)
            } else if let before = oldByKey[key(parameter)] ?? pairs.first(where: { key($0.1) == key(parameter) })?.0 {
                if before.name != parameter.name {
                    add(
                        .parameterRenamed, true, parameter.name, parameter.location.rawValue, before.name,
                        parameter.name)
                }
                if before.location != parameter.location {
                    add(
                        .parameterLocationChanged, true, parameter.name, nil, before.location.rawValue,
                        parameter.location.rawValue)
                }
                compare(before, parameter, add: add)
            }
        }
        for parameter in removed {
            add(.parameterRemoved, true, parameter.name, parameter.location.rawValue, nil, nil)
        }
        // Swift takes labelled arguments in declaration order: parameters kept whose order changed break the calls
        // that pass them (`listUsers(q:filter:)` no longer compiles once `filter` comes before `q`).
        let kept = new.parameters.compactMap { parameter in
            (oldByKey[key(parameter)] ?? pairs.first { key($0.1) == key(parameter) }?.0).map { ($0, parameter) }
        }
        let oldPlaces = Dictionary(
            old.parameters.enumerated().map { (key($0.element), $0.offset) }, uniquingKeysWith: { first, _ in first })
        let places = kept.map { oldPlaces[key($0.0)] ?? 0 }
        if places != places.sorted() {
            add(
                .parameterOrderChanged, true, nil, nil,
                kept.sorted { (oldPlaces[key($0.0)] ?? 0) < (oldPlaces[key($1.0)] ?? 0) }.map(\.0.name).joined(
                    separator: ", "),
                kept.map(\.1.name).joined(separator: ", "))
        }
    }

    /// The variables of a path template, in order: `/users/{id}/roles/{roleId}` → `id`, `roleId`.
    static func variables(_ path: String) -> [String] { RenameShims.pathVariables(path) }

    /// A path template with its variables' names left out: `/users/{}/roles/{}`.
    static func normalized(_ path: String) -> String {
        var result = ""
        var inVariable = false
        for character in path {
            if character == "{" {
                inVariable = true
                result.append("{")
            } else if character == "}" {
                inVariable = false
                result.append("}")
            } else if !inVariable {
                result.append(character)
            }
        }
        return result
    }

    private func compare(
        _ before: IRParameter, _ after: IRParameter,
        add: Add
    ) {
        let location = after.location.rawValue
        if before.required != after.required {
            add(
                .parameterRequiredChanged, after.required, after.name, location,
                before.required ? "required" : "optional", after.required ? "required" : "optional")
        }
        if before.type != after.type {
            add(.parameterTypeChanged, true, after.name, location, before.type.description, after.type.description)
        }
        if !before.deprecated, after.deprecated { add(.parameterDeprecated, false, after.name, location, nil, nil) }
    }

    // MARK: Bodies

    private func requestBodyChanges(add: Add) {
        switch (old.requestBody, new.requestBody) {
        case (nil, nil):
            return
        case (nil, let body?):
            let media = body.contents.map(\.mediaType).joined(separator: ", ")
            add(
                .requestBodyAdded, body.required, nil, nil, nil,
                (body.required ? "required" : "optional") + ", " + media)
        case (_?, nil):
            add(.requestBodyRemoved, true, nil, nil, nil, nil)
        case (let before?, let after?):
            if before.required != after.required {
                add(
                    .requestBodyRequiredChanged, after.required, nil, nil, before.required ? "required" : "optional",
                    after.required ? "required" : "optional")
            }
            compareContents(
                before.contents, after.contents, success: true, status: nil, add: add,
                kinds: (.requestMediaTypeAdded, .requestMediaTypeRemoved, .requestBodyTypeChanged))
        }
    }

    private func responseChanges(add: Add) {
        let oldByStatus = Dictionary(old.responses.map { ($0.status, $0) }, uniquingKeysWith: { first, _ in first })
        let newByStatus = Dictionary(new.responses.map { ($0.status, $0) }, uniquingKeysWith: { first, _ in first })
        for response in new.responses {
            guard let before = oldByStatus[response.status] else {
                add(.responseAdded, false, nil, response.status, nil, nil)
                continue
            }
            compareContents(
                before.contents, response.contents, success: !before.isError, status: response.status, add: add,
                kinds: (.responseMediaTypeAdded, .responseMediaTypeRemoved, .responseBodyTypeChanged))
        }
        for response in old.responses where newByStatus[response.status] == nil {
            add(.responseRemoved, !response.isError, nil, response.status, nil, nil)
        }
    }

    private func compareContents(
        _ before: [IRContent], _ after: [IRContent], success: Bool, status: String?,
        add: Add,
        kinds: (added: APIChange.Kind, removed: APIChange.Kind, changed: APIChange.Kind)
    ) {
        let oldByMedia = Dictionary(before.map { ($0.mediaType, $0) }, uniquingKeysWith: { first, _ in first })
        let newByMedia = Dictionary(after.map { ($0.mediaType, $0) }, uniquingKeysWith: { first, _ in first })
        for content in after {
            guard let previous = oldByMedia[content.mediaType] else {
                add(kinds.added, false, content.mediaType, status, nil, nil)
                continue
            }
            if previous.type != content.type {
                add(
                    kinds.changed, success, content.mediaType, status, previous.type?.description ?? "none",
                    content.type?.description ?? "none")
            }
        }
        for content in before where newByMedia[content.mediaType] == nil {
            add(kinds.removed, success, content.mediaType, status, nil, nil)
        }
    }
}
