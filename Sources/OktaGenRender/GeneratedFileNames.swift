import Foundation

/// File names for generated declarations: `Models/User.swift` for the type `User`.
///
/// The IR already gives Swift-legal names, but a file name has limits of its own, and this keeps them whatever a spec
/// names its schemas: only letters, digits and `_` (anything else becomes `_`), at most 120 bytes before `.swift`
/// (a longer name keeps its first 100 bytes and gets a hash of the whole name), and never two names that differ only
/// in case or Unicode normalization (case-insensitive file systems would merge them; the later one gets `_2`,
/// `_3`…). Names are unique across folders too: `Models/PetsApi.swift` beside `Client/PetsAPI.swift` would be one
/// module with two sources of one name, which `swiftc` refuses ("filename used twice") and whose object files
/// collide; the later one (client before server, models first) gets the suffix.
struct GeneratedFileNames {
    /// Case-folded stems taken, in every folder. A `Set<String>` compares canonically equivalent stems as equal,
    /// which is what file systems that normalize names (APFS, HFS+) do.
    private var taken: Set<String> = []

    static let maxStemBytes = 120
    static let keptBytes = 100

    /// The path of a declaration's file, unique within the run.
    /// - Parameters:
    ///   - folder: `Models`, `Client` or `Server`.
    ///   - name: The declaration's Swift name.
    /// - Returns: `folder/stem.swift`.
    mutating func path(_ folder: String, _ name: String) -> String {
        let stem = Self.stem(name)
        var candidate = stem
        var counter = 2
        while !taken.insert(Self.caseFolded(candidate)).inserted {
            candidate = stem + "_" + String(counter)
            counter += 1
        }
        var path = ""
        path.reserveCapacity(folder.utf8.count + candidate.utf8.count + 7)
        path += folder
        path += "/"
        path += candidate
        path += ".swift"
        return path
    }

    /// `text.lowercased()`, on UTF-8 bytes when the text is ASCII (the common case: Swift type names).
    static func caseFolded(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes -> String? in
            var hasUpper = false
            for byte in bytes {
                if byte >= 0x80 { return nil }
                if byte >= 0x41, byte <= 0x5A { hasUpper = true }
            }
            guard hasUpper else { return nil }
            return String(unsafeUninitializedCapacity: bytes.count) { buffer in
                for index in 0..<bytes.count {
                    let byte = bytes[index]
                    buffer[index] = byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte
                }
                return bytes.count
            }
        } ?? (text.utf8.allSatisfy { $0 < 0x80 } ? text : text.lowercased())
    }

    /// A file-name-safe, length-limited form of a Swift name.
    static func stem(_ name: String) -> String {
        // ASCII letters, digits and `_` within the limit (nearly every name) are the stem as they are.
        var copy = name
        let plain = copy.withUTF8 { bytes in
            !bytes.isEmpty && bytes.count <= maxStemBytes
                && bytes.allSatisfy { byte in
                    (0x41...0x5A).contains(byte) || (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
                        || byte == 0x5F
                }
        }
        if plain { return name }
        var stem = ""
        for scalar in name.unicodeScalars {
            if scalar == "_" || scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) {
                stem.unicodeScalars.append(scalar)
            } else {
                stem += "_"
            }
        }
        if stem.isEmpty { stem = "_" }
        guard stem.utf8.count > maxStemBytes else { return stem }
        var short = ""
        for scalar in stem.unicodeScalars {
            if short.utf8.count + String(scalar).utf8.count > keptBytes { break }
            short.unicodeScalars.append(scalar)
        }
        return short + "_" + OutputWriter.Manifest.hash(name)
    }
}
