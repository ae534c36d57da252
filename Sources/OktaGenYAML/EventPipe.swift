import CYAML
import Dispatch
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A libyaml event copied out of libyaml's structures, so that it outlives `yaml_event_delete` and can cross threads.
/// Plain data (copied as bytes): a scalar's bytes, tag and anchor live in the ``EventBatch`` it travels in.
struct ParsedEvent {
    /// A position: 0-based line and column, as libyaml gives them.
    struct Mark {
        var line: Int
        var column: Int
    }

    var type: yaml_event_type_t
    /// The scalar style, or the collection style (libyaml's raw values).
    var style: UInt32
    /// For scalars, plain or quoted implicit; for collections, implicit.
    var implicit: Bool
    var mark: Mark
    /// The scalar's bytes in the batch's `text`.
    var textStart: Int
    var textCount: Int
    /// Indexes into the batch's `strings`, or -1: the tag, and the anchor of a scalar or collection (or the one an
    /// alias names).
    var tag: Int32
    var anchor: Int32

    /// An event of a type at a mark, with no style, text, tag or anchor yet.
    init(type: yaml_event_type_t, mark: Mark) {
        self.type = type
        self.mark = mark
        style = 0
        implicit = false
        textStart = 0
        textCount = 0
        tag = -1
        anchor = -1
    }

    /// Copies an event into a batch: its scalar bytes go to `batch.text`, its tag and anchor to `batch.strings`.
    init(_ event: inout yaml_event_t, into batch: inout EventBatch) {
        let (parsed, source) = DirectEvent.read(&event)
        self = parsed
        textStart = batch.text.count
        batch.text.append(contentsOf: source.scalar)
        func intern(_ string: String?) -> Int32 {
            guard let string else { return -1 }
            batch.strings.append(string)
            return Int32(batch.strings.count - 1)
        }
        tag = intern(source.tag)
        anchor = intern(source.anchor)
    }
}

/// Where an event's scalar bytes, tag and anchor are: a batch (events copied out of libyaml, to cross threads) or
/// libyaml's own event (read in place on the thread that parses).
protocol EventSource: ~Copyable {
    /// Appends the event's scalar bytes to `text`.
    func appendScalar(_ event: ParsedEvent, to text: inout [UInt8])
    /// The tag or anchor string an event's index names (`nil` for -1).
    func string(_ index: Int32) -> String?
}

/// libyaml's event read in place: valid until `yaml_event_delete`.
struct DirectEvent: EventSource {
    let scalar: UnsafeBufferPointer<UInt8>
    let tag: String?
    let anchor: String?

    /// The event's fields, and where its bytes and strings are (index 0 is the tag, 1 the anchor).
    static func read(_ event: inout yaml_event_t) -> (ParsedEvent, DirectEvent) {
        var parsed = ParsedEvent(
            type: event.type,
            mark: ParsedEvent.Mark(
                line: Int(event.start_mark.line), column: Int(event.start_mark.column)))
        var scalar = UnsafeBufferPointer<UInt8>(start: nil, count: 0)
        var tagPointer: UnsafeMutablePointer<yaml_char_t>?
        var anchorPointer: UnsafeMutablePointer<yaml_char_t>?
        switch event.type {
        case YAML_SCALAR_EVENT:
            let data = event.data.scalar
            parsed.style = data.style.rawValue
            parsed.implicit = data.plain_implicit == 1 || data.quoted_implicit == 1
            if let value = data.value, data.length > 0 {
                scalar = UnsafeBufferPointer(start: value, count: data.length)
                parsed.textCount = data.length
            }
            tagPointer = data.tag
            anchorPointer = data.anchor
        case YAML_MAPPING_START_EVENT:
            let data = event.data.mapping_start
            parsed.style = data.style.rawValue
            parsed.implicit = data.implicit == 1
            tagPointer = data.tag
            anchorPointer = data.anchor
        case YAML_SEQUENCE_START_EVENT:
            let data = event.data.sequence_start
            parsed.style = data.style.rawValue
            parsed.implicit = data.implicit == 1
            tagPointer = data.tag
            anchorPointer = data.anchor
        case YAML_ALIAS_EVENT:
            anchorPointer = event.data.alias.anchor
        default:
            break
        }
        let tag = tagPointer.map { String(cString: $0) }
        let anchor = anchorPointer.map { String(cString: $0) }
        parsed.tag = tag == nil ? -1 : 0
        parsed.anchor = anchor == nil ? -1 : 1
        return (parsed, DirectEvent(scalar: scalar, tag: tag, anchor: anchor))
    }

    func appendScalar(_ event: ParsedEvent, to text: inout [UInt8]) { text.append(contentsOf: scalar) }

    func string(_ index: Int32) -> String? { index == 0 ? tag : index == 1 ? anchor : nil }
}

/// Events handed from the libyaml thread to the tree builder, with the bytes of their scalars.
struct EventBatch: EventSource {
    static let capacity = 2048

    var events: [ParsedEvent] = []
    var text: [UInt8] = []
    var strings: [String] = []
    /// libyaml failed after the last event (the parser holds the error).
    var failed = false

    init(capacity: Int = Self.capacity) {
        events.reserveCapacity(capacity)
        text.reserveCapacity(capacity * 16)
    }

    /// A tag or anchor of one of the events (`nil` for -1).
    func string(_ index: Int32) -> String? {
        index >= 0 ? strings[Int(index)] : nil
    }

    func appendScalar(_ event: ParsedEvent, to text: inout [UInt8]) {
        text.append(contentsOf: self.text[event.textStart..<(event.textStart + event.textCount)])
    }
}

/// libyaml's parser in a fixed place, shared by the thread that runs it and the one that reads its error.
/// The parser lives in memory of its own (not a stored property): passing it to libyaml is a plain pointer, with no
/// exclusivity check per event.
final class ParserBox: @unchecked Sendable {
    let parser: UnsafeMutablePointer<yaml_parser_t>
    let initialized: Bool

    init() {
        parser = .allocate(capacity: 1)
        parser.initialize(to: yaml_parser_t())
        initialized = yaml_parser_initialize(parser) == 1
    }

    deinit {
        if initialized { yaml_parser_delete(parser) }
        parser.deinitialize(count: 1)
        parser.deallocate()
    }
}

/// A bounded queue of batches between one producer and one consumer (at most `slots` batches in flight).
final class EventPipe: @unchecked Sendable {
    private let batches = Mutex<[EventBatch]>([])
    private let cancelled = Atomic<Bool>(false)
    private let ready = DispatchSemaphore(value: 0)
    private let free: DispatchSemaphore
    private static let slots = 4

    init() {
        free = DispatchSemaphore(value: Self.slots)
    }

    var isCancelled: Bool { cancelled.load(ordering: .relaxed) }

    /// Hands a batch over; waits while `slots` batches are in flight (unless the consumer has stopped).
    func push(_ batch: EventBatch) {
        free.wait()
        if isCancelled { return }
        batches.withLock { $0.append(batch) }
        ready.signal()
    }

    /// The next batch, waiting for it.
    func pop() -> EventBatch {
        ready.wait()
        let batch = batches.withLock { $0.removeFirst() }
        free.signal()
        return batch
    }

    /// The consumer is done: the producer stops at its next event, and never waits for room again.
    func cancel() {
        cancelled.store(true, ordering: .relaxed)
        for _ in 0..<(Self.slots + 1) { free.signal() }
    }
}

/// A thread of its own (not a pool's: the consumer blocks on it) running one closure; `join` waits for it.
final class ProducerThread: @unchecked Sendable {
    #if canImport(Glibc)
        private var thread = pthread_t()
    #else
        private var thread: pthread_t?
    #endif
    private var joined = false
    private let body: () -> Void

    /// Starts the thread, or returns `nil` when the system gives none.
    init?(_ body: @escaping () -> Void) {
        self.body = body
        let context = Unmanaged.passRetained(self).toOpaque()
        let status = pthread_create(
            &thread, nil,
            { context in
                let thread = Unmanaged<ProducerThread>.fromOpaque(context!).takeRetainedValue()
                thread.body()
                return nil
            }, context)
        if status != 0 {
            Unmanaged<ProducerThread>.fromOpaque(context).release()
            return nil
        }
    }

    func join() {
        guard !joined else { return }
        joined = true
        #if canImport(Glibc)
            pthread_join(thread, nil)
        #else
            if let thread { pthread_join(thread, nil) }
        #endif
    }
}
