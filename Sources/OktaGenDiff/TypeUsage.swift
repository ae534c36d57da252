import OktaGenIR

/// Which way a type's values travel: in requests, in responses, or both.
struct TypeUsage: OptionSet, Sendable, Hashable {
    let rawValue: Int
    static let request = TypeUsage(rawValue: 1)
    static let response = TypeUsage(rawValue: 2)

    /// The usage of every type of a model: a type reached from a parameter or request body is sent; one reached from
    /// a response is received. Read-only properties are only received, write-only ones only sent.
    static func of(_ model: IRModel) -> [String: TypeUsage] {
        var types: [String: IRType] = [:]
        for type in model.types { types[type.name] = type }
        var usage: [String: TypeUsage] = [:]
        var queue: [(String, TypeUsage)] = []
        func reach(_ ref: IRTypeRef?, _ way: TypeUsage) {
            switch ref {
            case .named(let name)?: queue.append((name, way))
            case .array(let element)?, .dictionary(let element)?: reach(element, way)
            default: break
            }
        }
        for operation in model.operations {
            for parameter in operation.parameters { reach(parameter.type, .request) }
            for content in operation.requestBody?.contents ?? [] { reach(content.type, .request) }
            for response in operation.responses {
                for content in response.contents { reach(content.type, .response) }
                for header in response.headers { reach(header.type, .response) }
            }
        }
        while let (name, way) = queue.popLast() {
            let known = usage[name] ?? []
            guard !known.isSuperset(of: way) else { continue }
            let added = way.subtracting(known)
            usage[name] = known.union(way)
            guard let type = types[name] else { continue }
            func property(_ property: IRProperty) {
                var ways = added
                if property.readOnly { ways.remove(.request) }
                if property.writeOnly { ways.remove(.response) }
                if !ways.isEmpty { reach(property.type, ways) }
            }
            switch type.kind {
            case .object(let object):
                object.properties.forEach(property)
                reach(object.additionalProperties, added)
            case .union(let union):
                for variant in union.variants { reach(variant.type, added) }
                union.commonProperties.forEach(property)
            case .alias(let target):
                reach(target, added)
            case .enumeration:
                break
            }
        }
        return usage
    }
}
