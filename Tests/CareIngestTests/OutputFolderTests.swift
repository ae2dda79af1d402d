import CarePublish
import CareTestSupport
import Foundation
import Testing

/// The output folder's lock and its checks, on the library type every command uses.
@Suite struct OutputFolderTests {
    @Test func twoSpellingsOfOneFolderLockEachOtherOut() throws {
        let base = Fixtures.scratch("lock")
        let real = base.appendingPathComponent("real")
        try FileManager.default.createDirectory(at: real, withIntermediateDirectories: true)
        let link = base.appendingPathComponent("link")
        try FileManager.default.createSymbolicLink(at: link, withDestinationURL: real)
        var first: OutputFolder? = try OutputFolder(destination: real.appendingPathComponent("out"))
        #expect(throws: PublishError.self) { _ = try OutputFolder(destination: link.appendingPathComponent("out")) }
        #expect(first?.destination.path == OutputFolder.resolve(link.appendingPathComponent("out")).path)
        // A symlinked output folder is resolved once: the link itself is not replaced by a folder.
        try first?.publish()
        first = nil   // releases the lock
        let outLink = base.appendingPathComponent("out-link")
        try FileManager.default.createSymbolicLink(at: outLink, withDestinationURL: real.appendingPathComponent("out"))
        let second = try OutputFolder(destination: outLink)
        #expect(second.destination.path == OutputFolder.resolve(real.appendingPathComponent("out")).path)
        try second.publish()
        #expect((try? FileManager.default.destinationOfSymbolicLink(atPath: outLink.path)) != nil)
    }

    @Test func aFileOrAForeignFolderIsRefusedBeforeAnythingIsTouched() throws {
        let base = Fixtures.scratch("foreign")
        let file = base.appendingPathComponent("report.txt")
        try Data("x".utf8).write(to: file)
        #expect(throws: PublishError.self) { _ = try OutputFolder(destination: file) }
        #expect(try String(contentsOf: file, encoding: .utf8) == "x")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: base.path).filter { $0.contains("partial") }
        #expect(leftovers.isEmpty)
    }

    @Test func overlapWithAnInputIsRefusedInEachDirection() throws {
        let base = Fixtures.scratch("apart")
        let input = base.appendingPathComponent("in")
        try FileManager.default.createDirectory(at: input, withIntermediateDirectories: true)
        for out in [input, input.appendingPathComponent("x"), base] {
            #expect(throws: PublishError.self) { try OutputFolder.checkApart(out, from: [(input, "the input folder")]) }
        }
        try OutputFolder.checkApart(base.appendingPathComponent("out"), from: [(input, "the input folder")])
        // "in2" is not inside "in".
        try OutputFolder.checkApart(base.appendingPathComponent("in2"), from: [(input, "the input folder")])
    }
}
