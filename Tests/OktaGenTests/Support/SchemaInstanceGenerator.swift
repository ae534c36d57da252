import Foundation
import OktaGenOpenAPI
import OktaPattern

/// Valid JSON instances of a spec's schemas, for the real-spec round trip (`RealSpecRoundTripTests`).
///
/// hypothesis-jsonschema cannot follow recursive `$ref`s, and Okta's schemas recurse (`_links`, `_embedded`,
/// policies), so this generator is our own: it walks the OpenAPI layer's schemas (not the IR, so that it is an
/// oracle independent of the code under test) with a seeded SplitMix64, and bounds depth: below `optionalDepth`
/// only required members are written and arrays take their `minItems`; a required member chain deeper than
/// `hardDepth` makes the schema unsatisfiable. What it honours: `type`, `nullable`, `enum`, `const`, `format`
/// (date-time, date, uuid, email, uri, byte, int32, int64, float), `minimum`/`maximum`, `minLength`/`maxLength`,
/// `pattern` (a small sampler of the ECMA-262 subset Okta uses, checked with OktaPattern), `minItems`/`maxItems`,
/// `uniqueItems`, `required`, `allOf` (flattened; a redeclared member without a type keeps the earlier one),
/// `oneOf`/`anyOf` (one variant, chosen), discriminators (a base schema is one of its mapped subtypes with the
/// mapping's value; a subtype carries the value that maps to it), and `additionalProperties` (extra members only
/// where it is `true` or a schema). Every `date-time` string's JSON pointer is recorded, so that a comparison can
/// take it as an instant.
struct SchemaInstanceGenerator {
    /// An instance and the JSON pointers of its `date-time` strings.
    struct Instance {
        var value: SpecValue
        var dateTimes: Set<String>
    }

    /// Why a schema has no instance.
    struct Unsatisfiable: Error, CustomStringConvertible {
        var description: String
    }

    /// How many optional members an instance takes.
    enum Shape: CaseIterable {
        /// Required members only; nullable values are `null`.
        case minimal
        /// Every member, up to `optionalDepth`.
        case full
        /// Each optional member with probability ½, nullable values `null` with probability ⅕.
        case random
    }

    let resolver: SpecResolver
    let optionalDepth: Int
    let hardDepth: Int
    private var random: SplitMix64
    private var shape: Shape = .minimal
    private var dateTimes: Set<String> = []
    /// The variant or enum value the top level takes (instance number), so that every variant gets its turn.
    private var topChoice: Int?

    init(resolver: SpecResolver, seed: UInt64, optionalDepth: Int = 3, hardDepth: Int = 10) {
        self.resolver = resolver
        self.optionalDepth = optionalDepth
        self.hardDepth = hardDepth
        self.random = SplitMix64(state: seed)
    }

    /// How many alternatives the top level of a schema has (variants, mapped subtypes, enum values), at least 1.
    func alternatives(of schema: Schema) -> Int {
        if let values = schema.enumValues { return max(1, values.count) }
        if let discriminator = schema.discriminator, !discriminator.mapping.isEmpty, schema.oneOf.isEmpty,
            schema.anyOf.isEmpty
        {
            return discriminator.mapping.count
        }
        return max(1, schema.oneOf.count + schema.anyOf.count)
    }

    /// One instance of `schema`.
    /// - Parameters:
    ///   - choice: Which top-level alternative to take (modulo their number).
    mutating func instance(of schema: Schema, shape: Shape, choice: Int) throws(Unsatisfiable) -> Instance {
        self.shape = shape
        dateTimes = []
        topChoice = choice
        let value = try self.value(of: schema, depth: 0, pointer: "", dispatch: true)
        return Instance(value: value, dateTimes: dateTimes)
    }

    // MARK: Schemas

    private mutating func pick(_ count: Int) -> Int {
        if let choice = topChoice {
            topChoice = nil
            return choice % count
        }
        return Int(random.next() % UInt64(count))
    }

    private mutating func coin(_ probability: Double) -> Bool {
        Double(random.next() % 1_000_000) / 1_000_000 < probability
    }

    private func resolve(_ ref: SchemaRef) throws(Unsatisfiable) -> Schema {
        guard let schema = resolver.schema(ref) else {
            throw Unsatisfiable(description: "a reference does not resolve: \(ref.reference?.ref ?? "inline")")
        }
        return schema
    }

    private mutating func value(of ref: SchemaRef, depth: Int, pointer: String) throws(Unsatisfiable) -> SpecValue {
        try value(of: resolve(ref), depth: depth, pointer: pointer, dispatch: true)
    }

    private mutating func value(
        of schema: Schema, depth: Int, pointer: String, dispatch: Bool
    ) throws(Unsatisfiable) -> SpecValue {
        guard depth <= hardDepth else {
            throw Unsatisfiable(description: "required members nest deeper than \(hardDepth) levels")
        }
        if let constant = schema.const {
            topChoice = nil
            return constant
        }
        // `null` for a nullable schema, except at the top: a Swift type holds a nullable schema's values, and the
        // `null` is held by what refers to it (`OktaNullable<T>`, `T?`), which the schemas that refer to it test.
        if schema.nullable, depth > 0 {
            switch shape {
            case .minimal:
                topChoice = nil
                return .null
            case .full: break
            case .random:
                if coin(0.2) {
                    topChoice = nil
                    return .null
                }
            }
        }
        if let values = schema.enumValues, !values.isEmpty {
            return values[pick(values.count)].value
        }
        if dispatch, let discriminator = schema.discriminator, !discriminator.mapping.isEmpty, schema.oneOf.isEmpty,
            schema.anyOf.isEmpty
        {
            let entry = discriminator.mapping[pick(discriminator.mapping.count)]
            guard let target = resolver.discriminatorTarget(entry.ref, node: entry.node, in: schema) else {
                throw Unsatisfiable(description: "discriminator mapping \(entry.ref) does not resolve")
            }
            if target !== schema {
                return try object(
                    of: target, depth: depth, pointer: pointer,
                    forced: [discriminator.propertyName: .string(entry.value)])
            }
        }
        let variants = schema.oneOf + schema.anyOf
        if !variants.isEmpty {
            let variant = variants[pick(variants.count)]
            let variantSchema = try resolve(variant)
            var value = try self.value(of: variantSchema, depth: depth, pointer: pointer, dispatch: true)
            if let discriminator = schema.discriminator, case .object(var members) = value {
                let tag =
                    discriminator.mapping.first {
                        resolver.discriminatorTarget($0.ref, node: $0.node, in: schema) === variantSchema
                    }?.value ?? variant.reference?.lastComponent
                if let tag {
                    members.removeAll { $0.key == discriminator.propertyName }
                    members.insert(.init(key: discriminator.propertyName, value: .string(tag)), at: 0)
                    value = .object(members)
                }
            }
            return value
        }
        topChoice = nil
        if schema.allOf.count == 1, schema.properties.isEmpty, schema.types.isEmpty || schema.type == .object {
            // A wrapper of an enum, a scalar or a union is that value; a wrapper of an object is flattened below,
            // so that a subtype of a discriminated base (`AuthenticatorKeyOnprem`: `allOf: [AuthenticatorSimple]`)
            // carries its own discriminator value rather than becoming another subtype.
            let part = try resolve(schema.allOf[0])
            if part.properties.isEmpty, part.allOf.isEmpty, part.discriminator == nil {
                return try value(of: part, depth: depth, pointer: pointer, dispatch: true)
            }
        }
        if !schema.allOf.isEmpty || !schema.properties.isEmpty || schema.type == .object
            || (schema.types.isEmpty && schema.additionalProperties != nil)
        {
            return try object(of: schema, depth: depth, pointer: pointer, forced: [:])
        }
        switch schema.types.isEmpty ? (schema.items != nil ? .array : nil) : schema.types[pick(schema.types.count)] {
        case .array: return try array(of: schema, depth: depth, pointer: pointer)
        case .string: return try string(of: schema, pointer: pointer)
        case .integer: return integer(of: schema)
        case .number: return number(of: schema)
        case .boolean: return .bool(coin(0.5))
        case .object: return try object(of: schema, depth: depth, pointer: pointer, forced: [:])
        case .null: return .null
        case nil: return anyValue()
        }
    }

    /// A value for a schema that allows any JSON.
    private mutating func anyValue() -> SpecValue {
        switch random.next() % 4 {
        case 0: .string("any value")
        case 1: .int(Int64(random.next() % 1000))
        case 2: .object([.init(key: "anyMember", value: .bool(true))])
        default: .array([.string("a"), .double(2.5)])
        }
    }

    // MARK: Objects

    /// An object's members, `allOf` parts flattened in.
    private struct Flattened {
        var properties: [(name: String, schema: SchemaRef)] = []
        var required: Set<String> = []
        var additional: Schema.AdditionalProperties?
        var forbidsAdditional = false
        /// Discriminators of the parts (base schemas), whose mapping may name the schema being flattened.
        var discriminators: [(base: Schema, discriminator: Discriminator)] = []
    }

    /// Whether a redeclared member says nothing about its type (Okta's `UserFactor*` subtypes' `factorType`).
    private func isUntyped(_ ref: SchemaRef) -> Bool {
        guard case .value(let schema) = ref else { return false }
        return schema.types.isEmpty && schema.enumValues == nil && schema.const == nil && schema.format == nil
            && schema.allOf.isEmpty && schema.oneOf.isEmpty && schema.anyOf.isEmpty && schema.properties.isEmpty
            && schema.items == nil && schema.additionalProperties == nil
    }

    private func flatten(_ schema: Schema, into flat: inout Flattened, seen: inout Set<ObjectIdentifier>)
        throws(Unsatisfiable)
    {
        guard seen.insert(ObjectIdentifier(schema)).inserted else { return }
        for part in schema.allOf {
            let partSchema = try resolve(part)
            if let discriminator = partSchema.discriminator { flat.discriminators.append((partSchema, discriminator)) }
            try flatten(partSchema, into: &flat, seen: &seen)
        }
        for property in schema.properties {
            if let index = flat.properties.firstIndex(where: { $0.name == property.name }) {
                if !isUntyped(property.schema) { flat.properties[index].schema = property.schema }
            } else {
                flat.properties.append((property.name, property.schema))
            }
        }
        flat.required.formUnion(schema.required.map(\.name))
        switch schema.additionalProperties {
        case .bool(false): flat.forbidsAdditional = true
        case .some(let additional): flat.additional = additional
        case nil: break
        }
    }

    private mutating func object(
        of schema: Schema, depth: Int, pointer: String, forced: [String: SpecValue]
    ) throws(Unsatisfiable) -> SpecValue {
        var flat = Flattened()
        var seen: Set<ObjectIdentifier> = []
        try flatten(schema, into: &flat, seen: &seen)
        var forced = forced
        for (base, discriminator) in flat.discriminators where forced[discriminator.propertyName] == nil {
            if let entry = discriminator.mapping.first(where: {
                resolver.discriminatorTarget($0.ref, node: $0.node, in: base) === schema
            }) {
                forced[discriminator.propertyName] = .string(entry.value)
            }
        }
        var members: [SpecValue.Member] = []
        for (name, ref) in flat.properties {
            let include: Bool
            if flat.required.contains(name) || forced[name] != nil {
                include = true
            } else if depth >= optionalDepth {
                include = false
            } else {
                switch shape {
                case .minimal: include = false
                case .full: include = true
                case .random: include = coin(0.5)
                }
            }
            guard include else { continue }
            if let value = forced[name] {
                members.append(.init(key: name, value: value))
                continue
            }
            let value = try self.value(of: ref, depth: depth + 1, pointer: pointer + "/" + Self.escape(name))
            members.append(.init(key: name, value: value))
        }
        for (name, value) in forced where !members.contains(where: { $0.key == name }) {
            members.append(.init(key: name, value: value))
        }
        if let additional = flat.additional, !flat.forbidsAdditional, shape != .minimal, depth < optionalDepth,
            shape == .full || coin(0.5)
        {
            var key = "extraMember"
            while members.contains(where: { $0.key == key }) || flat.properties.contains(where: { $0.name == key }) {
                key += "X"
            }
            let value: SpecValue
            switch additional {
            case .bool: value = anyValue()
            case .schema(let ref): value = try self.value(of: ref, depth: depth + 1, pointer: pointer + "/" + key)
            }
            members.append(.init(key: key, value: value))
        }
        return .object(members)
    }

    private mutating func array(of schema: Schema, depth: Int, pointer: String) throws(Unsatisfiable) -> SpecValue {
        let minimum = schema.minItems ?? 0
        var count: Int
        if depth >= optionalDepth {
            count = minimum
        } else {
            switch shape {
            case .minimal: count = minimum
            case .full: count = max(minimum, 2)
            case .random: count = max(minimum, Int(random.next() % 3))
            }
        }
        if let maximum = schema.maxItems { count = min(count, maximum) }
        guard let items = schema.items else { return .array((0..<count).map { _ in anyValue() }) }
        var elements: [SpecValue] = []
        for index in 0..<count {
            let element = try value(of: items, depth: depth + 1, pointer: pointer + "/" + String(index))
            if schema.uniqueItems, elements.contains(element) {
                dateTimes.remove(pointer + "/" + String(index))
                continue
            }
            elements.append(element)
        }
        guard elements.count >= minimum else {
            throw Unsatisfiable(description: "uniqueItems with minItems \(minimum): not enough distinct elements")
        }
        return .array(elements)
    }

    // MARK: Scalars

    private mutating func string(of schema: Schema, pointer: String) throws(Unsatisfiable) -> SpecValue {
        let number = random.next() % 100_000
        switch schema.format {
        case "date-time":
            dateTimes.insert(pointer)
            return .string(dateTime())
        case "date":
            let date = Date(timeIntervalSince1970: Double(random.next() % 1_900_000_000))
            return .string(
                String(ISO8601DateFormatter.string(from: date, timeZone: .gmt, formatOptions: .withFullDate)))
        case "uuid":
            var hex = (0..<32).map { _ in String(random.next() % 16, radix: 16) }
            hex[12] = "4"
            hex[16] = ["8", "9", "a", "b"][Int(random.next() % 4)]
            let text = hex.joined()
            let cut = [8, 4, 4, 4, 12].reduce(into: (parts: [String](), start: 0)) { state, length in
                let start = text.index(text.startIndex, offsetBy: state.start)
                state.parts.append(String(text[start..<text.index(start, offsetBy: length)]))
                state.start += length
            }
            return .string(cut.parts.joined(separator: "-"))
        case "email": return .string("user\(number)@example.com")
        case "uri", "url": return .string("https://example.com/resources/\(number)?q=a%20b")
        case "byte", "base64": return .string(Data("bytes \(number)".utf8).base64EncodedString())
        default: break
        }
        if let pattern = schema.pattern {
            return .string(try matching(pattern, schema: schema))
        }
        var text: String
        switch shape {
        case .minimal: text = "v\(number)"
        case .full: text = "value \(number) \"quoted\" back\\slash é ☃ 🦆\nline"
        case .random: text = coin(0.5) ? "value-\(number)" : "ünïcödé \(number)\t\u{1}"
        }
        if let maximum = schema.maxLength, text.count > maximum { text = String(text.prefix(maximum)) }
        if let minimum = schema.minLength, text.count < minimum {
            text += String(repeating: "x", count: minimum - text.count)
        }
        return .string(text)
    }

    /// An RFC 3339 date-time in 2000–2033: whole seconds or milliseconds, `Z` or a numeric offset.
    private mutating func dateTime() -> String {
        let seconds = 946_684_800 + Int(random.next() % 1_050_000_000)
        let millis = coin(0.5) ? Int(random.next() % 1000) : nil
        let offsetMinutes = coin(0.5) ? 0 : (Int(random.next() % 28) - 14) * 60 + (coin(0.2) ? 30 : 0)
        let local = Date(timeIntervalSince1970: Double(seconds + offsetMinutes * 60))
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: local)
        func two(_ value: Int?) -> String { String(format: "%02d", value ?? 0) }
        var text = String(format: "%04d", parts.year ?? 0) + "-" + two(parts.month) + "-" + two(parts.day)
        text += "T" + two(parts.hour) + ":" + two(parts.minute) + ":" + two(parts.second)
        if let millis { text += "." + String(format: "%03d", millis) }
        if offsetMinutes == 0 {
            text += "Z"
        } else {
            text += (offsetMinutes < 0 ? "-" : "+") + two(abs(offsetMinutes) / 60) + ":" + two(abs(offsetMinutes) % 60)
        }
        return text
    }

    private mutating func integer(of schema: Schema) -> SpecValue {
        var low: Int64 = schema.format == "int32" ? Int64(Int32.min) : -9_007_199_254_740_993
        var high: Int64 = schema.format == "int32" ? Int64(Int32.max) : 9_007_199_254_740_993
        if schema.format == nil {
            low = -1_000_000
            high = 1_000_000
        }
        if let minimum = schema.minimum { low = max(low, Int64(minimum.rounded(.up))) }
        if let maximum = schema.maximum { high = min(high, Int64(maximum.rounded(.down))) }
        guard low <= high else { return .int(low) }
        switch shape {
        case .minimal: return .int(max(low, min(high, 0)))
        case .full: return .int(high)
        case .random: return .int(low + Int64(random.next() % UInt64(high - low + 1)))
        }
    }

    private mutating func number(of schema: Schema) -> SpecValue {
        // Dyadic fractions, exact in `Float` too.
        let candidates: [Double] = [0, 1.5, -2.25, 1024.75, 42, 0.125, 1e20]
        let low = schema.minimum ?? -.infinity
        let high = schema.maximum ?? .infinity
        let fitting = candidates.filter { $0 >= low && $0 <= high && (schema.format != "float" || $0 < 1e10) }
        guard !fitting.isEmpty else { return .double(low.isFinite ? low : high) }
        let value = fitting[Int(random.next() % UInt64(fitting.count))]
        return value == value.rounded() && abs(value) < 1e15 ? .int(Int64(value)) : .double(value)
    }

    /// A string that matches `pattern` (and the length bounds), from the schema's examples or the sampler.
    private mutating func matching(_ pattern: String, schema: Schema) throws(Unsatisfiable) -> String {
        guard let compiled = try? JSONSchemaPattern(pattern) else {
            throw Unsatisfiable(description: "pattern \(pattern) does not compile")
        }
        func fits(_ text: String) -> Bool {
            compiled.matches(text) && text.count >= (schema.minLength ?? 0) && text.count <= (schema.maxLength ?? .max)
        }
        var sampler = PatternSampler(pattern: pattern)
        for attempt in 0..<64 {
            let text = sampler.sample(minimal: attempt == 0, random: &random)
            if fits(text) { return text }
        }
        for node in schema.examples {
            if case .string(let text) = SpecValue(node), fits(text) { return text }
        }
        throw Unsatisfiable(description: "no string found that matches pattern \(pattern)")
    }

    static func escape(_ key: String) -> String {
        key.replacingOccurrences(of: "~", with: "~0").replacingOccurrences(of: "/", with: "~1")
    }
}

/// Seeded, deterministic pseudo-random numbers: the SplitMix64 of `KillTests`.
typealias SplitMix64 = KillTests.SplitMix
