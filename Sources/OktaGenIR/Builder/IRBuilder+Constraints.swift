import OktaGenOpenAPI
import OktaPattern

extension IRBuilder {
    /// The constraints of a schema use (docs/Validation.md): the use's own schema's, then what the schemas it refers
    /// to or wraps add (a `$ref` to a component `type: string` with a `pattern`, a single `allOf` member), the nearest
    /// stating one winning per keyword; for arrays and dictionaries also their elements' (`items`).
    ///
    /// - Parameters:
    ///   - ref: The use.
    ///   - depth: How many `items` levels deep the use is (bounded, as types are by `maxTypeNesting`).
    /// - Returns: `nil` when nothing is stated.
    func constraints(of ref: SchemaRef, depth: Int = 0) -> IRConstraints? {
        var result = IRConstraints()
        var elements: SchemaRef?
        var current: SchemaRef? = ref
        var steps = 0
        while let step = current, steps < 8 {
            steps += 1
            guard let schema = resolver.schema(step) else { break }
            result.minimum = result.minimum ?? schema.minimum
            result.maximum = result.maximum ?? schema.maximum
            result.exclusiveMinimum = result.exclusiveMinimum ?? schema.exclusiveMinimum
            result.exclusiveMaximum = result.exclusiveMaximum ?? schema.exclusiveMaximum
            result.minLength = result.minLength ?? schema.minLength
            result.maxLength = result.maxLength ?? schema.maxLength
            if result.pattern == nil, let pattern = schema.pattern, isRunnable(pattern) { result.pattern = pattern }
            result.minItems = result.minItems ?? schema.minItems
            result.maxItems = result.maxItems ?? schema.maxItems
            if elements == nil {
                if let items = schema.items {
                    elements = items
                } else if case .schema(let values) = schema.additionalProperties, schema.properties.isEmpty {
                    elements = values
                }
            }
            current = transparentTarget(schema)
        }
        // 3.0's `exclusiveMinimum: true` makes `minimum` itself exclusive: one bound, one message.
        if let exclusive = result.exclusiveMinimum, let minimum = result.minimum, exclusive >= minimum {
            result.minimum = nil
        }
        if let exclusive = result.exclusiveMaximum, let maximum = result.maximum, exclusive <= maximum {
            result.maximum = nil
        }
        if let elements, depth < Self.maxTypeNesting {
            result.items = constraints(of: elements, depth: depth + 1)
        }
        return result.isEmpty ? nil : result
    }

    /// Whether `JSONSchemaPattern` compiles a pattern (remembered: a schema shared by many uses is compiled once).
    func isRunnable(_ pattern: String) -> Bool {
        if let known = runnablePatterns[pattern] { return known }
        let runnable = (try? JSONSchemaPattern(pattern)) != nil
        runnablePatterns[pattern] = runnable
        return runnable
    }
}
