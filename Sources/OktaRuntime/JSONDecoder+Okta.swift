import Foundation

extension JSONDecoder {
    /// A new decoder configured for Okta: dates via ``OktaDateCoding/decodingStrategy``.
    ///
    /// Every access returns a fresh instance, so callers may change its settings without affecting anyone else.
    public static var okta: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = OktaDateCoding.decodingStrategy
        return decoder
    }
}
