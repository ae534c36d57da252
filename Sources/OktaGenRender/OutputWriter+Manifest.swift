import Foundation

extension OutputWriter {
    /// The `.oktagen-manifest` file: one line per generated file, `<hash>  <path>`, sorted by path.
    ///
    /// The hash (64-bit FNV-1a of the file's bytes, in hex) tells whether a file is still the one the generator wrote.
    /// Lines without a hash (the first manifest format) are read as bare paths. Lines that start with `#` are
    /// comments: the header, and the run's notes (``OutputWriter/manifestNotes``), each as `# run: NOTE`.
    struct Manifest: Equatable {
        /// The paths, in file order.
        var paths: [String] = []
        /// Recorded hashes by path.
        var hashes: [String: String] = [:]
        /// The notes (`# run: ` lines), in file order.
        var notes: [String] = []
        /// The text as read (empty when there was no manifest).
        var text = ""

        static let headerLine =
            "# oktagen: the files the last `oktagen generate` wrote here, each after the FNV-1a hash of its bytes."

        init() {}

        /// What starts a note's line.
        static let notePrefix = "# run: "

        /// The manifest's text for files in path order and their hashes, after the notes (one line each: a line
        /// break in a note becomes a space).
        static func text(paths: [String], hashes: [String], notes: [String] = []) -> String {
            var text = Self.headerLine + "\n"
            for note in notes {
                var line = note
                if line.utf8.contains(where: { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") }) {
                    line = String(
                        decoding: line.utf8.map { $0 == UInt8(ascii: "\n") || $0 == UInt8(ascii: "\r") ? 0x20 : $0 },
                        as: UTF8.self)
                }
                text += Self.notePrefix + line + "\n"
            }
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
            guard let data = try? RegularFile.read(path, limit: maxBytes, followLinks: false).get() else {
                return Manifest()
            }
            return parse(data)
        }

        /// Reads a manifest's bytes.
        static func parse(_ data: [UInt8]) -> Manifest {
            var manifest = Manifest()
            manifest.text = String(decoding: data, as: UTF8.self)
            let notePrefix = Array(Self.notePrefix.utf8)
            // Lines as UTF-8 bytes: `\n`, `#` and spaces are ASCII.
            for line in data.split(separator: UInt8(ascii: "\n")) {
                if line.first == UInt8(ascii: "#") {
                    if line.starts(with: notePrefix) {
                        manifest.notes.append(String(decoding: line.dropFirst(notePrefix.count), as: UTF8.self))
                    }
                    continue
                }
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
