extension CodingUserInfoKey {
    /// `true` in the `userInfo` of an encoder that writes a request body (the generated client sets it): generated
    /// models then leave out their readOnly members, which the server sets and a request must not send. Responses,
    /// and any other encoding (a round trip, a cache, a server's answer), keep them.
    public static let oktaRequestBody = CodingUserInfoKey(rawValue: "com.okta.sdk.requestBody")!
}

extension Encoder {
    /// Whether this encoding is a request body (see ``CodingUserInfoKey/oktaRequestBody``).
    public var oktaEncodesRequestBody: Bool { userInfo[.oktaRequestBody] as? Bool == true }
}
