/// A compiled pattern: instructions for a Thompson NFA, run by ``PatternProgram/search(_:)`` in one pass over
/// the subject with no backtracking.
struct PatternProgram: Sendable {
    enum Instruction: Equatable, Sendable {
        case scalar(UInt32)
        case set(Int)
        /// Continue at both; the order does not matter (only whether some path matches is asked).
        case split(Int, Int)
        case jump(Int)
        case assert(PatternAssertion)
        case match
    }

    private(set) var instructions: [Instruction] = []
    private(set) var sets: [ScalarSet] = []
    private var setIndex: [ScalarSet: Int] = [:]
    let ignoreCase: Bool
    /// Copies made by counted repetitions, charged against the same budget as instructions (`(?:){1000}`
    /// emits nothing per copy but must not loop unbounded).
    private var copies = 0

    init(_ node: PatternNode, ignoreCase: Bool) throws(PatternError) {
        self.ignoreCase = ignoreCase
        try emit(node, depth: 0)
        try append(.match)
    }

    private var budgetUsed: Int { instructions.count + copies }

    private mutating func append(_ instruction: Instruction) throws(PatternError) {
        guard budgetUsed < PatternLimits.maxProgramSize else {
            throw PatternError(.tooComplex("more than \(PatternLimits.maxProgramSize) instructions"), at: 0)
        }
        instructions.append(instruction)
    }

    /// Recursion follows the tree, whose depth the parser bounds (``PatternLimits/maxNesting`` groups, each a few
    /// levels).
    private mutating func emit(_ node: PatternNode, depth: Int) throws(PatternError) {
        switch node {
        case .empty: break
        case .scalar(let value): try append(.scalar(value))
        case .set(let set):
            if let index = setIndex[set] {
                try append(.set(index))
            } else {
                setIndex[set] = sets.count
                sets.append(set)
                try append(.set(sets.count - 1))
            }
        case .assertion(let assertion): try append(.assert(assertion))
        case .sequence(let items):
            for item in items { try emit(item, depth: depth + 1) }
        case .alternation(let branches):
            // split L1, next; L1: branch; jump end; next: split L2, ... ; last branch
            var jumps: [Int] = []
            for (index, branch) in branches.enumerated() {
                if index < branches.count - 1 {
                    let split = instructions.count
                    try append(.split(split + 1, -1))
                    try emit(branch, depth: depth + 1)
                    jumps.append(instructions.count)
                    try append(.jump(-1))
                    instructions[split] = .split(split + 1, instructions.count)
                } else {
                    try emit(branch, depth: depth + 1)
                }
            }
            for jump in jumps { instructions[jump] = .jump(instructions.count) }
        case .repeated(let inner, let min, let max):
            for _ in 0..<min { try copy(inner, depth: depth) }
            if let max {
                // e? repeated: split body, end — each optional copy may be skipped.
                var splits: [Int] = []
                for _ in min..<max {
                    copies += 1
                    splits.append(instructions.count)
                    try append(.split(instructions.count + 1, -1))
                    try emit(inner, depth: depth + 1)
                }
                for split in splits { instructions[split] = .split(split + 1, instructions.count) }
            } else {
                // L: split body, end; body; jump L
                let loop = instructions.count
                try append(.split(loop + 1, -1))
                try emit(inner, depth: depth + 1)
                try append(.jump(loop))
                instructions[loop] = .split(loop + 1, instructions.count)
            }
        }
    }

    private mutating func copy(_ node: PatternNode, depth: Int) throws(PatternError) {
        copies += 1
        guard budgetUsed < PatternLimits.maxProgramSize else {
            throw PatternError(.tooComplex("more than \(PatternLimits.maxProgramSize) instructions"), at: 0)
        }
        try emit(node, depth: depth + 1)
    }
}

extension PatternProgram {
    /// The outcome of a search: whether the pattern matches somewhere in the subject, and how many NFA states
    /// were visited (at most ``PatternProgram/stepBound(subjectLength:)``).
    struct SearchResult: Equatable, Sendable {
        var matched: Bool
        var steps: Int
    }

    /// The most steps a search of a subject of `subjectLength` scalars can take: every instruction at most once at
    /// each position, and at each position one more start.
    func stepBound(subjectLength: Int) -> Int { (subjectLength + 1) * (instructions.count + 1) }

    /// Unanchored search (JSON Schema's `pattern`: a match anywhere), simulating the NFA on the set of states
    /// reachable at each position (Thompson's construction, Pike's breadth-first run without captures). Each
    /// instruction is visited at most once per position, so the time is O(subject × program), whatever the
    /// pattern: `(a+)+$`, `(a|a)*b` and `(.*a){20}` cost no more than `a`.
    func search(_ subject: String) -> SearchResult {
        let count = instructions.count
        var mark = [Int](repeating: -1, count: count)
        var current: [Int] = []
        var next: [Int] = []
        var stack: [Int] = []
        current.reserveCapacity(count)
        next.reserveCapacity(count)
        var steps = 0
        var generation = 0

        // Adds `pc`'s epsilon closure at a position (between `previous` and `following`) to `list`: iterative, with
        // `mark` stamped by the position's generation so each instruction is added once. Returns true on a match.
        func close(_ pc: Int, into list: inout [Int], previous: UInt32?, following: UInt32?) -> Bool {
            stack.append(pc)
            while let pc = stack.popLast() {
                guard mark[pc] != generation else { continue }
                mark[pc] = generation
                steps += 1
                switch instructions[pc] {
                case .scalar, .set: list.append(pc)
                case .match:
                    stack.removeAll(keepingCapacity: true)
                    return true
                case .jump(let target): stack.append(target)
                case .split(let first, let second):
                    stack.append(second)
                    stack.append(first)
                case .assert(let assertion):
                    if holds(assertion, previous: previous, following: following) { stack.append(pc + 1) }
                }
            }
            return false
        }

        var previous: UInt32?
        var iterator = subject.unicodeScalars.makeIterator()
        var following = iterator.next()?.value
        while true {
            // A new attempt starts at every position (the unanchored search), after the threads already running.
            if close(0, into: &current, previous: previous, following: following) {
                return SearchResult(matched: true, steps: steps)
            }
            guard let scalar = following else { break }
            let after = iterator.next()?.value
            generation += 1
            next.removeAll(keepingCapacity: true)
            for pc in current where accepts(pc, scalar) {
                if close(pc + 1, into: &next, previous: scalar, following: after) {
                    return SearchResult(matched: true, steps: steps)
                }
            }
            swap(&current, &next)
            previous = scalar
            following = after
        }
        return SearchResult(matched: false, steps: steps)
    }

    private func accepts(_ pc: Int, _ scalar: UInt32) -> Bool {
        switch instructions[pc] {
        case .scalar(let value):
            if value == scalar { return true }
            return ignoreCase && CaseFolding.variants(of: scalar).contains(value)
        case .set(let index):
            if sets[index].contains(scalar) { return true }
            return ignoreCase && CaseFolding.variants(of: scalar).contains { sets[index].contains($0) }
        default:
            return false
        }
    }

    private func holds(_ assertion: PatternAssertion, previous: UInt32?, following: UInt32?) -> Bool {
        switch assertion {
        case .start: return previous == nil
        case .end: return following == nil
        case .wordBoundary, .notWordBoundary:
            let before = previous.map(ScalarSet.word.contains) ?? false
            let after = following.map(ScalarSet.word.contains) ?? false
            return (before != after) == (assertion == .wordBoundary)
        }
    }
}

/// Simple (one code point to one code point) case mappings, for a leading `(?i)`.
enum CaseFolding {
    /// The scalar's lowercase and uppercase forms where each is a single code point, without the scalar itself.
    static func variants(of value: UInt32) -> [UInt32] {
        if value < 0x80 {
            switch value {
            case 0x41...0x5A: return [value + 0x20]
            case 0x61...0x7A: return [value - 0x20]
            default: return []
            }
        }
        guard let scalar = Unicode.Scalar(value) else { return [] }
        var result: [UInt32] = []
        for mapped in [scalar.properties.lowercaseMapping, scalar.properties.uppercaseMapping] {
            let scalars = mapped.unicodeScalars
            if scalars.count == 1, let only = scalars.first, only.value != value { result.append(only.value) }
        }
        return result
    }
}
