import Foundation
import Testing

@testable import OktaRuntime

/// `OktaJWS`, the verification API okta-mock's token endpoint uses: checked against RFC 9449's published proof (as
/// the independent test verifier is) and against what the runtime signs.
@Suite struct OktaJWSTests {
    @Test func theRFC9449ExampleProofVerifiesWithTheKeyInItsHeader() throws {
        let proof = try #require(OktaJWS(compact: OAuthPrimitiveTests.rfc9449Proof))
        #expect(proof.algorithm == "ES256")
        #expect(proof.header["typ"]?.stringValue == "dpop+jwt")
        #expect(proof.claims["htu"]?.stringValue == "https://server.example.com/token")
        #expect(proof.claims["iat"]?.intValue == 1_562_262_616)
        guard case .object(let jwk)? = proof.header["jwk"] else {
            Issue.record("no jwk")
            return
        }
        let key = try OktaPublicJWK(jwk: jwk)
        #expect(key.thumbprint == OAuthPrimitiveTests.rfc9449Thumbprint)
        #expect(proof.isSigned(by: key))
        // One flipped signature bit must fail.
        var parts = OAuthPrimitiveTests.rfc9449Proof.split(separator: ".").map(String.init)
        parts[2] = (parts[2].first == "2" ? "3" : "2") + parts[2].dropFirst()
        #expect(OktaJWS(compact: parts.joined(separator: "."))?.isSigned(by: key) == false)
    }

    @Test func whatTheRuntimeSignsVerifiesWithTheRightKeyOnly() throws {
        let rsa = try OktaSigningKey(pem: TestKeys.rsaPKCS1, keyID: "k1")
        let ec = try OktaSigningKey(pem: TestKeys.ecSEC1)
        let assertion = try ClientAssertion.make(
            clientID: "0oa1", tokenURL: "https://example.okta.com/oauth2/v1/token", key: rsa, now: Date(),
            lifetime: .seconds(300), jti: "j1")
        let decoded = try #require(OktaJWS(compact: assertion))
        #expect(decoded.algorithm == "RS256")
        #expect(decoded.header["kid"]?.stringValue == "k1")
        #expect(decoded.claims["iss"]?.stringValue == "0oa1")
        #expect(decoded.isSigned(by: rsa.publicJWK))
        #expect(!decoded.isSigned(by: ec.publicJWK))

        let proof = try DPoPProof.make(
            key: ec, method: "GET", url: "https://example.okta.com/api/v1/users?limit=2", now: Date(), jti: "p1",
            nonce: nil, accessToken: "tok")
        let decodedProof = try #require(OktaJWS(compact: proof))
        #expect(decodedProof.isSigned(by: ec.publicJWK))
        #expect(!decodedProof.isSigned(by: OktaSigningKey.generateP256().publicJWK))
        #expect(decodedProof.claims["ath"]?.stringValue == OktaJWS.dpopAccessTokenHash("tok"))
        #expect(decodedProof.claims["htu"]?.stringValue == "https://example.okta.com/api/v1/users")
        #expect(OktaJWS.dpopTargetURI("HTTPS://Example.okta.com/a?b#c") == "https://example.okta.com/a")
    }

    @Test func algorithmsOtherThanTheKeysNeverVerify() throws {
        let ec = try OktaSigningKey(pem: TestKeys.ecSEC1)
        let proof = try DPoPProof.make(
            key: ec, method: "GET", url: "https://example.okta.com/", now: Date(), jti: "p", nonce: nil,
            accessToken: nil)
        let parts = proof.split(separator: ".").map(String.init)
        for alg in ["none", "HS256", "RS256"] {
            let header = Base64URL.encode(Data(#"{"alg":"\#(alg)","typ":"dpop+jwt"}"#.utf8))
            let forged = try #require(OktaJWS(compact: [header, parts[1], parts[2]].joined(separator: ".")))
            #expect(!forged.isSigned(by: ec.publicJWK), "alg \(alg)")
        }
        #expect(OktaJWS(compact: "a.b") == nil)
        #expect(OktaJWS(compact: "e30.e30.!") == nil)
        #expect(OktaJWS(compact: "W10.e30.") == nil)  // a header that is an array, not an object
    }
}
