import CareCore
@testable import CareIngest
import CarePublish
import Foundation
import Testing

/// SHA-256 and HMAC-SHA-256 from the system's OpenSSL give the published test vectors, in one
/// piece or fed in parts; a pseudonym is the first 16 hex characters of the HMAC.
@Suite struct DigestTests {
    @Test func sha256GivesTheStandardsVectors() {
        #expect(SHA256.hash(data: Data()).hex == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(SHA256.hash(data: Data("abc".utf8)).hex == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        // FIPS 180-2's two-block message, fed in uneven parts.
        let message = Data("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)
        var h = SHA256()
        for cut in [(0, 3), (3, 40), (40, 56)] { message[cut.0..<cut.1].withUnsafeBytes { h.update(bufferPointer: $0) } }
        #expect(h.finalize().hex == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
    }

    @Test func hmacGivesRFC4231sVectorsAndPseudonymsItsFirstSixteenCharacters() throws {
        // RFC 4231, test case 2.
        let code = SHA256.authenticationCode(for: Data("what do ya want for nothing?".utf8), key: Data("Jefe".utf8))
        #expect(code.hex == "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843")
        let key = Data("a council's secret key".utf8)
        let p = try #require(Pseudonymiser(key: key))
        #expect(p.pseudonym("1000017") == String(SHA256.authenticationCode(for: Data("1000017".utf8), key: key).hex.prefix(16)))
        #expect(p.pseudonym("1000017") != p.pseudonym("1000018"))
    }
}
