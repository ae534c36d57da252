import Foundation

/// File names for generated declarations: `Models/User.swift` for the type `User`.
///
/// The IR already gives Swift-legal names, but a file name has limits of its own, and this keeps them whatever a spec
/// names its schemas: only letters, digits and `_` (anything else becomes `_`), at most 120 bytes before `.swift`
/// (a longer name keeps its first 100 bytes and gets a hash of the whole name), and never two names that differ only
/// in case (case-insensitive file systems would merge them; the later one gets `_2`, `_3`…).
struct GeneratedFileNames {
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
        while !taken.insert((folder + "/" + candidate).lowercased()).inserted {
            candidate = stem + "_" + String(counter)
            counter += 1
        }
        return folder + "/" + candidate + ".swift"
    }

    /// A file-name-safe, length-limited form of a Swift name.
    static func stem(_ name: String) -> String {
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
        return short + "_" + fnv1a(name)
    }

    private static func fnv1a(_ text: String) -> String {
        var value: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            value ^= UInt64(byte)
            value &*= 0x0000_0100_0000_01b3
        }
        let hex = String(value, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
