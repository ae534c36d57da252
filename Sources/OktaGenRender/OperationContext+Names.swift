import OktaGenIR

/// Parameter names inside generated bodies, and the client's `Accept` header.
extension OperationContextBuilder {
    /// The names an operation's parameters have inside a generated body whose own locals are `locals`
    /// (``ReservedNames/clientLocals``, ``ReservedNames/serverLocals``).
    ///
    /// A parameter keeps its Swift name unless that is one of the locals; then it gets `Value` appended (then a
    /// number from 2) that no other parameter has (`request` → `requestValue`). In a client method the argument
    /// label stays the Swift name (`request requestValue: String`), since labels cannot clash with locals; in the
    /// server, the input's member keeps it too. Specs without such names keep their output as it was.
    static func localNames(_ parameters: [IRParameter], avoiding locals: Set<String>) -> [SwiftIdentifier] {
        let names = parameters.map { SwiftIdentifier($0.swiftName) }
        guard names.contains(where: { locals.contains($0.bareText) }) else { return names }
        var taken = locals.union(names.map(\.bareText))
        return names.map { name in
            let bare = name.bareText
            guard locals.contains(bare) else { return name }
            var candidate = bare + "Value"
            var counter = 2
            while !taken.insert(candidate).inserted {
                candidate = bare + "Value" + String(counter)
                counter += 1
            }
            return SwiftIdentifier(candidate)
        }
    }

    /// The client's `Accept` value: the media type of the successes, or all of them (`application/json,
    /// application/octet-stream`) when they differ, so the server may send any documented one.
    static func acceptLiteral(_ successes: [(code: Int, success: Success)]) -> SwiftCode {
        var mediaTypes: [String] = []
        for mediaType in successes.compactMap(\.success.mediaType) where !mediaTypes.contains(mediaType) {
            mediaTypes.append(mediaType)
        }
        guard let first = mediaTypes.first else { return "\"application/json\"" }
        let value = mediaTypes.count == 1 ? first : mediaTypes.joined(separator: ", ")
        return "\(SwiftStringLiteral(value))"
    }
}
