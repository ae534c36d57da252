/// The differences between two versions of an API, for the same tag selection.
public struct APIDiff: Sendable, Equatable, Codable {
    /// One side of the comparison.
    public struct Side: Sendable, Equatable, Codable {
        /// The spec file as named on the command line.
        public var file: String
        /// `info.title`.
        public var title: String
        /// `info.version`.
        public var version: String

        public init(file: String, title: String, version: String) {
            self.file = file
            self.title = title
            self.version = version
        }
    }

    /// Counts for a summary line.
    public struct Summary: Sendable, Equatable, Codable {
        public var operationsAdded = 0
        public var operationsRemoved = 0
        /// Operations present in both versions with at least one change.
        public var operationsChanged = 0
        public var schemasAdded = 0
        public var schemasRemoved = 0
        /// Schemas present in both versions with at least one change.
        public var schemasChanged = 0
        /// Changes classified breaking.
        public var breaking = 0
        /// Every change.
        public var changes = 0
    }

    public var old: Side
    public var new: Side
    /// The selected tags (`["all"]` for every operation).
    public var tags: [String]
    /// Every change: operations first (added, removed, then changed ones in the new document's order), then schemas
    /// (sorted by name).
    public var changes: [APIChange]
    /// `METHOD /path` of every operation that has a change, by `operationId` (the new one when both have it).
    public var endpoints: [String: String]

    public init(old: Side, new: Side, tags: [String], changes: [APIChange], endpoints: [String: String] = [:]) {
        self.old = old
        self.new = new
        self.tags = tags
        self.changes = changes
        self.endpoints = endpoints
    }

    /// Whether any change is breaking.
    public var hasBreakingChanges: Bool { changes.contains { $0.breaking } }

    /// The counts.
    public var summary: Summary {
        var summary = Summary()
        var changedOperations = Set<String>()
        var changedSchemas = Set<String>()
        for change in changes {
            summary.changes += 1
            if change.breaking { summary.breaking += 1 }
            switch change.kind {
            case .operationAdded: summary.operationsAdded += 1
            case .operationRemoved: summary.operationsRemoved += 1
            case .schemaAdded: summary.schemasAdded += 1
            case .schemaRemoved: summary.schemasRemoved += 1
            default:
                if let operation = change.operation { changedOperations.insert(operation) }
                if let schema = change.schema { changedSchemas.insert(schema) }
            }
        }
        summary.operationsChanged = changedOperations.count
        summary.schemasChanged = changedSchemas.count
        return summary
    }

    /// The calls that kept their meaning under another Swift name, as `operationId`s (old, new), for
    /// ``RenameShims``: the renamed operations, and the endpoints moved with a new method name or labels.
    public var renamedCalls: [(old: String, new: String)] {
        changes.compactMap { change in
            guard let id = change.operation, change.oldSymbol != nil else { return nil }
            switch change.kind {
            case .operationRenamed: return change.old.map { ($0, id) }
            case .operationEndpointChanged where change.includes != nil: return (id, id)
            default: return nil
            }
        }
    }

    /// The `operationId`s added, in the new document's order.
    public var addedOperations: [String] { changes.filter { $0.kind == .operationAdded }.compactMap(\.operation) }

    /// The `operationId`s removed, in the old document's order.
    public var removedOperations: [String] { changes.filter { $0.kind == .operationRemoved }.compactMap(\.operation) }

    /// The changes grouped by operation or schema, in order: (`operation`/`schema`, name, changes).
    var groups: [(isOperation: Bool, name: String, changes: [APIChange])] {
        var result: [(isOperation: Bool, name: String, changes: [APIChange])] = []
        for change in changes {
            let isOperation = change.operation != nil
            let name = change.operation ?? change.schema ?? ""
            if let last = result.last, last.isOperation == isOperation, last.name == name {
                result[result.count - 1].changes.append(change)
            } else {
                result.append((isOperation, name, [change]))
            }
        }
        return result
    }

    /// `Okta Admin Management 2024.06.1 → 2025.08.0` (both titles when they differ).
    public var title: String {
        if old.title == new.title { return "\(new.title) \(old.version) → \(new.version)" }
        return "\(old.title) \(old.version) → \(new.title) \(new.version)"
    }
}
