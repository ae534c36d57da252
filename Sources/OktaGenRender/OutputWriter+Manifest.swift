import Foundation

extension OutputWriter {
    /// The `.oktagen-manifest` file: one line per generated file, `<hash>  <path>`, sorted by path.
    ///
    /// The hash (64-bit FNV-1a of the file's bytes, in hex) tells whether a file is still the one the generator wrote.
    /// Lines without a hash (the first manifest format) are read as bare paths.
    struct Manifest: Equatable {
        /// The paths, in file order.
        var paths: [String] = []
        /// Recorded hashes by path.
        var hashes: [String: String] = [:]
        /// The text as read (empty when there was no manifest).
        var text = ""

        static let headerLine =
            "# oktagen: the files the last `oktagen generate` wrote here, each after the FNV-1a hash of its bytes."

        init() {}

        /// The manifest's text for files in path order and their hashes.
        static func text(paths: [String], hashes: [String]) -> String {
            var text = Self.headerLine + "\n"
            for (path, hash) in zip(paths, hashes) {
                text += hash + "  " + path + "\n"
            }
            return text
        }

        /// The largest manifest read (one of Okta's whole spec, 2,166 files, is about 150 KB).
        static let maxBytes = 64 << 20

        /// Reads a manifest; a missing or unreadable one is empty, and so is one that is not a regular file (a
        /// symbolic link is not followed; a FIFO would block) or is larger than ``maxBytes``.
        static func read(_ path: String) -> Manifest {
            var manifest = Manifest()
            guard let data = try? RegularFile.read(path, limit: maxBytes, followLinks: false).get() else {
                return manifest
            }
            manifest.text = String(decoding: data, as: UTF8.self)
            // Lines as UTF-8 bytes: `\n`, `#` and spaces are ASCII.
            for line in Array(manifest.text.utf8).split(separator: UInt8(ascii: "\n"))
            where line.first != UInt8(ascii: "#") {
                let start = line.startIndex
                let isHex: (UInt8) -> Bool = {
                    (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0)
                        || (UInt8(ascii: "A")...UInt8(ascii: "F")).contains($0)
                }
                if line.count > 18, line[start..<(start + 16)].allSatisfy(isHex), line[start + 16] == UInt8(ascii: " "),
                    line[start + 17] == UInt8(ascii: " ")
                {
                    let path = String(decoding: line[(start + 18)...], as: UTF8.self)
                    manifest.paths.append(path)
                    manifest.hashes[path] = String(decoding: line[start..<(start + 16)], as: UTF8.self)
                } else {
                    manifest.paths.append(String(decoding: line, as: UTF8.self))
                }
            }
            return manifest
        }

        /// 64-bit FNV-1a of the bytes, as 16 lowercase hex digits.
        static func hash(_ data: Data) -> String {
            data.withUnsafeBytes { hash(bytes: $0) }
        }

        /// 64-bit FNV-1a of a text's UTF-8 bytes, as 16 lowercase hex digits.
        static func hash(_ text: String) -> String {
            var text = text
            return text.withUTF8 { hash(bytes: UnsafeRawBufferPointer($0)) }
        }

        /// ``hash(_:)`` of many texts, on every core, in the order of `texts`.
        static func hashes(_ texts: [String]) -> [String] {
            concurrentMap(texts.count) { hash(texts[$0]) }
        }

        private static func hex(_ value: UInt64) -> String {
            let hex = String(value, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }

        static func hash(bytes: UnsafeRawBufferPointer) -> String {
            var value: UInt64 = 0xcbf2_9ce4_8422_2325
            for byte in bytes {
                value ^= UInt64(byte)
                value &*= 0x0000_0100_0000_01b3
            }
            return hex(value)
        }
    }
}
