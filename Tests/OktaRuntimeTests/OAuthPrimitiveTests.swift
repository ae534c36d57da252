import Foundation
import Testing

@testable import OktaRuntime

/// Keys, thumbprints, proofs and assertions checked against the RFCs' own examples.
@Suite struct OAuthPrimitiveTests {
    /// RFC 9449 §4.1, Figure 2: a DPoP proof for a token request, and the thumbprint §6.1 gives for its key.
    static let rfc9449Proof =
        "eyJ0eXAiOiJkcG9wK2p3dCIsImFsZyI6IkVTMjU2IiwiandrIjp7Imt0eSI6IkVDIiwieCI6Imw4dEZyaHgtMzR0VjNoUklDUkRZOXpDa0Rs"
        + "cEJoRjQyVVFVZldWQVdCRnMiLCJ5IjoiOVZFNGpmX09rX282NHpiVFRsY3VOSmFqSG10NnY5VERWclUwQ2R2R1JEQSIsImNydiI6IlAt"
        + "MjU2In19.eyJqdGkiOiItQndDM0VTYzZhY2MybFRjIiwiaHRtIjoiUE9TVCIsImh0dSI6Imh0dHBzOi8vc2VydmVyLmV4YW1wbGUuY29t"
        + "L3Rva2VuIiwiaWF0IjoxNTYyMjYyNjE2fQ.2-GxA6T8lP4vfrg8v-FdWP0A0zdrj8igiMLvqRMUvwnQg4PtFLbdLXiOSsX0x7NVY-FNyJK7"
        + "0nfbV37xRZT3Lg"
    static let rfc9449Thumbprint = "0ZcOCORZNYy-DWpqq30jZyJGHTN0d2HglBV3uiguA4I"

    @Test func theRFC9449ExampleProofVerifiesWithTheTestVerifier() throws {
        let decoded = try JWTCheck.verifyDPoPProof(Self.rfc9449Proof)
        #expect(decoded.claims["htu"] as? String == "https://server.example.com/token")
        #expect(decoded.claims["htm"] as? String == "POST")
        // One flipped signature bit must fail, or the verifier proves nothing.
        var parts = Self.rfc9449Proof.split(separator: ".").map(String.init)
        parts[2] = (parts[2].first == "2" ? "3" : "2") + parts[2].dropFirst()
        #expect(throws: JWTCheck.Failure.self) { try JWTCheck.verifyDPoPProof(parts.joined(separator: ".")) }
    }

    @Test func thumbprintsMatchRFC7638AndRFC9449() throws {
        // RFC 7638 §3.1.
        let rsa = OktaPublicJWK.rsa(
            n:
                "0vx7agoebGcQSuuPiLJXZptN9nndrQmbXEps2aiAFbWhM78LhWx4cbbfAAtVT86zwu1RK7aPFFxuhDR1L6tSoc_BJECPebWKRXjBZCiFV"
                + "4n3oknjhMstn64tZ_2W-5JsGY4Hc5n9yBXArwl93lqt7_RN5w6Cf0h4QyQ5v-65YGjQR0_FDW2QvzqY368QQMicAtaSqzs8KJZgnYb9"
                + "c7d0zgdAZHzu6qMQvRL5hajrn1n91CbOpbISD08qNLyrdkt-bFTWhAI4vMQFh6WeZu0fM4lFd2NcRwr3XPksINHaQ-G_xBniIqbw0L"
                + "s1jF44-csFCur-kEgU8awapJzKnqDKgw",
            e: "AQAB")
        #expect(rsa.thumbprint == "NzbLsXh8uDCcd-6MNwXF4W_7noWXFZAfHkxZsRGC9Xs")
        // RFC 9449 §6.1, for the key of Figure 2.
        let ec = OktaPublicJWK.p256(
            x: "l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs", y: "9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA")
        #expect(ec.thumbprint == Self.rfc9449Thumbprint)
        #expect(
            ec.json
                == #"{"crv":"P-256","kty":"EC","x":"l8tFrhx-34tV3hRICRDY9zCkDlpBhF42UQUfWVAWBFs","y":"9VE4jf_Ok_o64zbTTlcuNJajHmt6v9TDVrU0CdvGRDA"}"#
        )
    }

    @Test func accessTokenHashMatchesRFC9449() {
        // RFC 9449 §7.1, Figures 12 and 13.
        #expect(
            DPoPProof.accessTokenHash("Kz~8mXK1EalYznwH-LC-1fBAo.4Ljp~zsPE_NeO.gxU")
                == "fUHyO2r2Z3DZ53EsNrWBb0xWXoaNy59IiKCAqksmQEo")
    }

    @Test func targetURIDropsQueryAndFragment() {
        #expect(
            DPoPProof.targetURI("HTTPS://Org.Okta.com/api/v1/users?limit=2&q=a#x")
                == "https://org.okta.com/api/v1/users")
        #expect(DPoPProof.targetURI("https://org.okta.com/oauth2/v1/token") == "https://org.okta.com/oauth2/v1/token")
    }

    @Test func ourProofsVerifyAndCarryTheRequest() throws {
        let key = OktaSigningKey.generateP256()
        let proof = try DPoPProof.make(
            key: key, method: "GET", url: "https://org.okta.com/api/v1/users?limit=1",
            now: Date(timeIntervalSince1970: 1_700_000_000),
            jti: "jti-1", nonce: "n-1", accessToken: "tok")
        let decoded = try JWTCheck.verifyDPoPProof(proof)
        #expect(decoded.claims["htm"] as? String == "GET")
        #expect(decoded.claims["htu"] as? String == "https://org.okta.com/api/v1/users")
        #expect(decoded.claims["iat"] as? Int == 1_700_000_000)
        #expect(decoded.claims["jti"] as? String == "jti-1")
        #expect(decoded.claims["nonce"] as? String == "n-1")
        #expect(decoded.claims["ath"] as? String == JWTCheck.sha256Base64URL("tok"))
        let jwk = try #require(decoded.header["jwk"] as? [String: Any])
        #expect(Set(jwk.keys) == ["kty", "crv", "x", "y"])
        #expect(key.publicJWK.thumbprint.count == 43)
    }

    /// The PEM test keys by name (names, not the keys, label the test cases).
    static let pemKeys = [
        "PKCS#1 RSA": TestKeys.rsaPKCS1, "PKCS#8 RSA": TestKeys.rsaPKCS8, "SEC1 EC": TestKeys.ecSEC1,
        "PKCS#8 EC": TestKeys.ecPKCS8,
    ]

    @Test(arguments: [
        ("PKCS#1 RSA", OktaSigningKey.Algorithm.rs256), ("PKCS#8 RSA", .rs256), ("SEC1 EC", .es256),
        ("PKCS#8 EC", .es256),
    ])
    func pemKeysOfEveryFormatSignAssertionsOktaCanVerify(format: String, algorithm: OktaSigningKey.Algorithm) throws {
        let key = try OktaSigningKey(pem: try #require(Self.pemKeys[format]), keyID: "kid-1")
        #expect(key.algorithm == algorithm)
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let assertion = try ClientAssertion.make(
            clientID: "0oa-client", tokenURL: "https://org.okta.com/oauth2/v1/token", key: key, now: now,
            lifetime: .seconds(7200), jti: "unique-1")
        let decoded = try JWTCheck.decode(assertion)
        #expect(decoded.header["alg"] as? String == algorithm.rawValue)
        #expect(decoded.header["kid"] as? String == "kid-1")
        #expect(decoded.claims["iss"] as? String == "0oa-client")
        #expect(decoded.claims["sub"] as? String == "0oa-client")
        #expect(decoded.claims["aud"] as? String == "https://org.okta.com/oauth2/v1/token")
        #expect(decoded.claims["jti"] as? String == "unique-1")
        #expect(decoded.claims["iat"] as? Int == 1_700_000_000)
        // Two hours asked for, one hour given: Okta refuses assertions that live longer.
        #expect(decoded.claims["exp"] as? Int == 1_700_003_600)
        let jwk = try JSONSerialization.jsonObject(with: Data(key.publicJWK.json.utf8)) as? [String: Any] ?? [:]
        let valid =
            algorithm == .rs256
            ? try JWTCheck.verifyRS256(decoded, jwk: jwk) : try JWTCheck.verifyES256(decoded, jwk: jwk)
        #expect(valid)
    }

    @Test func pkcs1AndPKCS8OfOneKeyAndItsJWKAreTheSameKey() throws {
        let pkcs1 = try OktaSigningKey(pem: TestKeys.rsaPKCS1)
        let pkcs8 = try OktaSigningKey(pem: TestKeys.rsaPKCS8)
        let jwk = try OktaSigningKey(jwk: TestKeys.rsaJWK)
        #expect(pkcs1.publicJWK == pkcs8.publicJWK)
        #expect(jwk.publicJWK == pkcs1.publicJWK)
        #expect(jwk.keyID == "rsa-test-key")
        let ec = try OktaSigningKey(jwk: TestKeys.ecJWK)
        #expect(ec.publicJWK == (try OktaSigningKey(pem: TestKeys.ecSEC1)).publicJWK)
        #expect(ec.algorithm == .es256)
    }

    @Test func unusableKeysAreNamedWithoutTheirMaterial() throws {
        func message(_ text: String) -> String {
            do {
                _ = try OktaSigningKey.read(text)
                return "accepted"
            } catch { return error.description }
        }
        #expect(message(TestKeys.rsaPublic).contains("public key, not the private key"))
        #expect(
            message("-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----").contains(
                "encrypted"))
        #expect(message("-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----").contains("certificate"))
        #expect(message("/nonexistent/key.pem").contains("cannot be read"))
        // A public JWK (no 'd') says what is missing.
        var members = try #require(JSONSerialization.jsonObject(with: Data(TestKeys.ecJWK.utf8)) as? [String: Any])
        members["d"] = nil
        let publicOnly = String(decoding: try JSONSerialization.data(withJSONObject: members), as: UTF8.self)
        #expect(message(publicOnly).contains("'d'"))
        // A private part that does not match the public one is refused.
        members["d"] = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAE"
        let mismatched = String(decoding: try JSONSerialization.data(withJSONObject: members), as: UTF8.self)
        #expect(message(mismatched).contains("does not match"))
        // No message quotes the key.
        let garbled = TestKeys.rsaPKCS1.replacingOccurrences(of: "MII", with: "XXX")
        #expect(!message(garbled).contains("XXX"))
        #expect(!String(describing: try OktaSigningKey(pem: TestKeys.ecSEC1)).contains("MII"))
    }

    @Test func keysAreReadFromFiles() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("okta-key-\(UUID().uuidString).pem")
            .path
        try TestKeys.ecPKCS8.write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        let key = try OktaSigningKey.read(path, keyID: "from-env")
        #expect(key.algorithm == .es256)
        #expect(key.keyID == "from-env")
    }

    @Test func wwwAuthenticateChallengesParseAsOktaSendsThem() {
        let fields: HTTPFields = [
            .wwwAuthenticate:
                #"Bearer authorization_uri="http://org.okta.com/oauth2/v1/authorize", realm="http://org.okta.com", "#
                + #"scope="okta.users.manage", error="insufficient_scope", "#
                + #"error_description="The access token provided does not contain the required scopes.", "#
                + #"resource="/api/v1/users""#
        ]
        let error = OktaAPIError(status: .forbidden, headerFields: fields, rawBody: nil, operationID: "createUser")
        #expect(error.requiredScopes == ["okta.users.manage"])
        #expect(error.authenticationChallenges.first?.scheme == "Bearer")
        #expect(error.description.contains("insufficient_scope"))
        #expect(error.description.contains("needs okta.users.manage"))
        let dpop = OktaAuthenticationChallenge.parse(
            #"DPoP error="use_dpop_nonce", error_description="Resource server requires nonce in DPoP proof", algs="ES256 RS256", Bearer realm="x""#
        )
        #expect(dpop.map(\.scheme) == ["DPoP", "Bearer"])
        #expect(dpop.first?.error == "use_dpop_nonce")
        #expect(dpop.last?.parameters == ["realm": "x"])
        #expect(
            OktaAuthenticationChallenge.parse(#"Basic realm="a \"quoted\" realm""#).first?.parameters["realm"]
                == #"a "quoted" realm"#)
    }
}
