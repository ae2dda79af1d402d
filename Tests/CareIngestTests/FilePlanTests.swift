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

    /// A digest asked for before its thread has made it waits for it, and every asker gets it.
    @Test func aDigestAskedForBeforeItIsMadeWaitsForIt() {
        let digest = FileDigest()
        // Another asker, on a thread of its own, and the thread that makes the digest a little later.
        let asked = DispatchGroup()
        nonisolated(unsafe) var seenByOther = ""
        asked.enter()
        Thread { seenByOther = digest.value; asked.leave() }.start()
        Thread { Thread.sleep(forTimeInterval: 0.05); digest.settle(Self.childrenSHA256) }.start()
        #expect(digest.value == Self.childrenSHA256)
        asked.wait()
        #expect(seenByOther == Self.childrenSHA256)
        #expect(FileDigest("known").value == "known")
    }

    /// The digests made on the idle-time thread are the files' own, in the files' order.
    @Test func backgroundDigestsAreTheFilesDigests() {
        let dir = Fixtures.folder(["a.csv": Self.children, "b.csv": Self.children + "1003,F,2012-05-06\n"])
        let files = ["a.csv", "b.csv", "missing.csv"].map { dir.appendingPathComponent($0) }
        let digests = files.map { _ in FileDigest() }
        BackgroundDigests.start(Array(zip(files, digests)).map { (url: $0.0, digest: $0.1) })
        #expect(digests[0].value == Self.childrenSHA256)
        #expect(digests[1].value.count == 64 && digests[1].value != Self.childrenSHA256)
        // A file that cannot be read has no digest (its plan says why).
        #expect(digests[2].value == "")
    }
}
