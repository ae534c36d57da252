import Testing

@testable import OktaGenRender

/// The manifest's hashes are computed on every core (``OutputWriter/Manifest/hashes(_:)``): they must be the very
/// values of the FNV-1a the manifest format names, in the order of the texts, whatever the lengths and the count.
@Suite struct ManifestHashTests {
    @Test(arguments: [0, 1, 3, 4, 5, 9, 64, 257])
    func hashingOnEveryCoreGivesTheSameHashesInOrder(_ count: Int) {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz /\n{}é€🙂".unicodeScalars)
        let texts: [String] = (0..<count).map { index in
            let length = index % 7 == 0 ? 0 : Int.random(in: 1...3_000, using: &generator)
            var text = ""
            for _ in 0..<length { text.unicodeScalars.append(alphabet.randomElement(using: &generator)!) }
            return text
        }
        let hashes = OutputWriter.Manifest.hashes(texts)
        #expect(hashes.count == texts.count)
        #expect(hashes == texts.map(OutputWriter.Manifest.hash))
    }

    @Test func knownValues() {
        // FNV-1a 64 of "" and of "a": the offset basis, and the published value.
        #expect(OutputWriter.Manifest.hashes(["", "a"]) == ["cbf29ce484222325", "af63dc4c8601ec8c"])
    }
}
