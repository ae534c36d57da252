import Foundation

extension JSONEncoder {
    /// A new encoder configured for Okta: dates as `yyyy-MM-dd'T'HH:mm:ss.SSS'Z'` and compact output with sorted keys,
    /// so equal values always encode to the same bytes.
    ///
    /// Every access returns a fresh instance, so callers may change its settings without affecting anyone else.
    public static var okta: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = OktaDateCoding.encodingStrategy
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }
}
