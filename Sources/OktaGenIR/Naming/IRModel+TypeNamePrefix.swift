/// A prefix for every generated type name (`Acme` → `AcmeUser`), for SDKs that live beside other code.
extension IRModel {
    /// Whether `prefix` can start a Swift type name: ASCII letters, digits and `_`, not starting with a digit.
    public static func isValidTypeNamePrefix(_ prefix: String) -> Bool {
        guard let first = prefix.utf8.first, !(48...57).contains(first) else { return false }
        return prefix.utf8.allSatisfy {
            (48...57).contains($0) || (65...90).contains($0) || (97...122).contains($0) || $0 == 95
        }
    }

    /// The model with `prefix` put before the name of every type, and every use of a type renamed with it.
    ///
    /// Names stay unique and usable: a prefixed name that is reserved (`Okta` + `Error` is the runtime's
    /// `OktaError`) or a keyword gets `Model` appended, then a number, in sorted order so the result is stable.
    /// - Parameters:
    ///   - prefix: The prefix; the model is returned unchanged when it is empty.
    ///   - reserved: Further names that generated types must not take (the client's and the server's names).
    /// - Returns: The renamed model.
    public func prefixingTypeNames(_ prefix: String, reserved: Set<String> = []) -> IRModel {
        guard !prefix.isEmpty else { return self }
        var scope = NameScope(reserved: ReservedNames.typeNames.union(reserved))
        var renamed: [String: String] = [:]
        for name in types.map(\.name).sorted() {
            var candidate = prefix + name
            if scope.contains(candidate) || SwiftNames.keywords.contains(candidate) { candidate += "Model" }
            var unique = candidate
            var counter = 2
            while scope.contains(unique) {
                unique = candidate + String(counter)
                counter += 1
            }
            scope.reserve(unique)
            renamed[name] = unique
        }
        var model = self
        model.types = types.map { $0.renamingTypes(renamed) }.sorted { $0.name < $1.name }
        model.operations = operations.map { $0.renamingTypes(renamed) }
        return model
    }

    /// The model with every type named like one of `names` (the client's and the server protocol's names, which
    /// options choose) renamed: `Model` appended, then the first free number from 2. Other types keep their names.
    public func avoidingTypeNames(_ names: Set<String>) -> IRModel {
        let clashing = types.map(\.name).filter(names.contains).sorted()
        guard !clashing.isEmpty else { return self }
        var scope = NameScope(reserved: ReservedNames.typeNames.union(names).union(types.map(\.name)))
        var renamed: [String: String] = [:]
        for name in clashing {
            var unique = name + "Model"
            var counter = 2
            while scope.contains(unique) {
                unique = name + "Model" + String(counter)
                counter += 1
            }
            scope.reserve(unique)
            renamed[name] = unique
        }
        var model = self
        model.types = types.map { $0.renamingTypes(renamed) }.sorted { $0.name < $1.name }
        model.operations = operations.map { $0.renamingTypes(renamed) }
        return model
    }
}

extension IRTypeRef {
    func renamingTypes(_ names: [String: String]) -> IRTypeRef {
        switch self {
        case .named(let name): .named(names[name] ?? name)
        case .array(let element): .array(element.renamingTypes(names))
        case .dictionary(let element): .dictionary(element.renamingTypes(names))
        case .scalar, .any: self
        }
    }
}

extension IRType {
    func renamingTypes(_ names: [String: String]) -> IRType {
        var type = self
        type.name = names[name] ?? name
        switch kind {
        case .object(var object):
            object.properties = object.properties.map { $0.renamingTypes(names) }
            object.additionalProperties = object.additionalProperties?.renamingTypes(names)
            type.kind = .object(object)
        case .union(var union):
            union.variants = union.variants.map { variant in
                var variant = variant
                variant.type = variant.type.renamingTypes(names)
                return variant
            }
            union.commonProperties = union.commonProperties.map { $0.renamingTypes(names) }
            type.kind = .union(union)
        case .alias(let target):
            type.kind = .alias(target.renamingTypes(names))
        case .enumeration:
            break
        }
        return type
    }
}

extension IRProperty {
    func renamingTypes(_ names: [String: String]) -> IRProperty {
        var property = self
        property.type = type.renamingTypes(names)
        return property
    }
}

extension IROperation {
    func renamingTypes(_ names: [String: String]) -> IROperation {
        var operation = self
        operation.parameters = parameters.map { parameter in
            var parameter = parameter
            parameter.type = parameter.type.renamingTypes(names)
            return parameter
        }
        operation.requestBody = requestBody.map { body in
            var body = body
            body.contents = body.contents.map { $0.renamingTypes(names) }
            return body
        }
        operation.responses = responses.map { response in
            var response = response
            response.contents = response.contents.map { $0.renamingTypes(names) }
            response.headers = response.headers.map { header in
                var header = header
                header.type = header.type.renamingTypes(names)
                return header
            }
            return response
        }
        return operation
    }
}

extension IRContent {
    func renamingTypes(_ names: [String: String]) -> IRContent {
        var content = self
        content.type = type?.renamingTypes(names)
        return content
    }
}
