import CareCore
import CarePublish
import CareTestSupport
import Foundation
@testable import CareIngest
import Testing

/// What ingest learns of each file before reading its rows (`FilePlan`): a large file's digest
/// is made apart from its scan, on another core; it must be the same digest.
@Suite struct FilePlanTests {
    static let children = "child_id,sex,dob\n1001,M,2010-01-02\n1002,F,2011-03-04\n"
    /// `sha256sum` of `children`.
    static let childrenSHA256 = "bb5b0676d801628f77b52c031cd88e0ccb303f628cc96445d2ea1ce8143bc94b"

    @Test func aDigestMadeApartFromTheScanIsTheFilesDigest() {
        let dir = Fixtures.folder(["children.csv": Self.children, "notes.csv": "", "episodes.csv": FilePartsTests.extract(lineEnding: "\r\n", bom: true)])
        let files = ["children.csv", "notes.csv", "episodes.csv"].map { dir.appendingPathComponent($0) }
        let matcher = HeaderMatcher(extraAliases: [:])
        let together = FilePlan.makeAll(files, generic: [], matcher: matcher, separateDigestSize: .max)
        let apart = FilePlan.makeAll(files, generic: [], matcher: matcher, separateDigestSize: 0)
        #expect(together[0].sha256 == Self.childrenSHA256)
        #expect(apart[0].sha256 == Self.childrenSHA256)
        #expect(apart.map(\.sha256) == together.map(\.sha256))
        #expect(apart[2].sha256.count == 64 && apart[2].sha256 != apart[0].sha256)
        // Each plan stays with its file, whatever order the cores made them in.
        #expect(apart.map(\.index) == [0, 1, 2] && apart.map(\.name) == ["children.csv", "notes.csv", "episodes.csv"])
        // An empty file is unusable either way, with no digest.
        for plans in [together, apart] {
            guard case .unusable = plans[1].kind else { Issue.record("an empty file was planned as readable"); continue }
            #expect(plans[1].sha256 == "")
        }
    }

    /// A digest asked for before the idle-time thread has made it is finished by the thread that
    /// asks, whether no thread has begun it (a busy server can leave the idle-class thread without
    /// a core) or two ask at once; every asker gets the file's digest, which a file larger than a
    /// chunk makes from all its chunks in order.
    @Test func aDigestAskedForBeforeItIsMadeIsFinishedByTheAsker() throws {
        let big = String(repeating: Self.children, count: 20_000)   // about 1 MB: several chunks
        let dir = Fixtures.folder(["a.csv": Self.children, "big.csv": big])
        #expect(FileDigest(of: dir.appendingPathComponent("a.csv")).value == Self.childrenSHA256)
        let whole = SHA256.hash(data: Data(big.utf8)).hex
        let digest = FileDigest(of: dir.appendingPathComponent("big.csv"))
        let asked = DispatchGroup()
        nonisolated(unsafe) var seenByOther = ""
        asked.enter()
        Thread { seenByOther = digest.value; asked.leave() }.start()
        #expect(digest.value == whole)
        asked.wait()
        #expect(seenByOther == whole)
        #expect(FileDigest("known").value == "known")
        // A file that cannot be read has no digest (its plan says why).
        #expect(FileDigest(of: dir.appendingPathComponent("missing.csv")).value == "")
    }

    /// The digests made on the idle-time thread are the files' own, whether it finishes them or
    /// an asker takes over part-way.
    @Test func digestsLeftAtTheEndAreFinishedSideBySideAsTheFilesDigests() throws {
        let children = "child_id,sex,dob,ethnicity\n" + (0..<20_000).map { "\(1000 + $0),M,2010-01-02,WBRI\n" }.joined()
        let dir = Fixtures.folder(["children.csv": children, "episodes.csv": FilePartsTests.extract(lineEnding: "\n", bom: false)])
        let result = try FilePartsTests.read(dir, parts: 2)
        result.files.finishDigests()
        for f in result.files {
            let bytes = try Data(contentsOf: dir.appendingPathComponent(f.name))
            #expect(f.sha256 == SHA256.hash(data: bytes).hex, "\(f.name)")
        }
        #expect(result.files.count == 2)
    }

    @Test func backgroundDigestsAreTheFilesDigests() {
        let big = String(repeating: Self.children, count: 20_000)
        let dir = Fixtures.folder(["a.csv": Self.children, "b.csv": Self.children + "1003,F,2012-05-06\n", "big.csv": big])
        let files = ["a.csv", "b.csv", "missing.csv", "big.csv"].map { dir.appendingPathComponent($0) }
        let digests = files.map { FileDigest(of: $0) }
        BackgroundDigests.start(digests)
        #expect(digests[3].value == SHA256.hash(data: Data(big.utf8)).hex)
        #expect(digests[0].value == Self.childrenSHA256)
        #expect(digests[1].value.count == 64 && digests[1].value != Self.childrenSHA256)
        #expect(digests[2].value == "")
    }
}
