import OktaGenDiagnostics
import OktaGenYAML

/// JSON pointers of the loaded documents' collections, built on first use and kept with the documents.
///
/// Every located value of the model (the IR's sources: one per property, parameter, response…) names its pointer,
/// and most share a parent: every property of a schema sits in the same `properties` mapping. So a pointer is the
/// cached pointer of its parent collection and its own token; the parent's pointer is built once, from the nearest
/// ancestor already known. The root document's collections are cached in a table as long as its nodes (the common
/// case, no hashing), the external files' in a dictionary.
struct PointerCache {
    /// By node index, for the root document (empty until first used).
    var root: [String?] = []
    /// By node, for external files.
    var others: [SpecResolver.NodeKey: String] = [:]
}

extension SpecResolver {
    /// Where a node sits: the JSON pointer of its parent collection and its own escaped token, or `nil` for a
    /// document's root (whose pointer is `#`).
    public func pointerParts(of node: SpecNode) -> (parentPointer: String, escapedToken: String)? {
        guard let parent = node.parent, let token = node.tokenInParent else { return nil }
        return (parentPointer(parent), JSONPointer.escape(token))
    }

    /// `pointer + "/" + escaped token`, written once into a string of the right size.
    private static func appending(_ token: String, to pointer: String) -> String {
        var head = pointer
        var tail = JSONPointer.escape(token)
        return head.withUTF8 { head in
            tail.withUTF8 { tail in
                String(unsafeUninitializedCapacity: head.count + 1 + tail.count) { buffer in
                    var position = 0
                    for byte in head {
                        buffer[position] = byte
                        position += 1
                    }
                    buffer[position] = UInt8(ascii: "/")
                    position += 1
                    for byte in tail {
                        buffer[position] = byte
                        position += 1
                    }
                    return position
                }
            }
        }
    }

    private func cachedPointer(_ node: YAMLNode) -> String? {
        if node.document === document.source {
            return pointers.root.isEmpty ? nil : pointers.root[Int(node.index)]
        }
        return pointers.others[NodeKey(node)]
    }

    private func cachePointer(_ pointer: String, for node: YAMLNode) {
        if node.document === document.source {
            if pointers.root.isEmpty { pointers.root = [String?](repeating: nil, count: node.document.nodeCount) }
            pointers.root[Int(node.index)] = pointer
        } else {
            pointers.others[NodeKey(node)] = pointer
        }
    }

    private func parentPointer(_ parent: YAMLNode) -> String {
        if let known = cachedPointer(parent) { return known }
        // Up to the nearest ancestor already known (or the root), then down again, caching each collection.
        var chain: [YAMLNode] = [parent]
        var top = parent
        var base = "#"
        while let above = top.parent {
            if let known = cachedPointer(above) {
                base = known
                break
            }
            chain.append(above)
            top = above
        }
        var pointer = base
        for node in chain.reversed() {
            if let token = node.tokenInParent { pointer = Self.appending(token, to: pointer) }
            cachePointer(pointer, for: node)
        }
        return pointer
    }
}
