import CareCore
import CareMeasures
import CareTables
import Foundation

/// A pipeline's key messages (docs/key-messages.md): the measures that get a sentence, and the
/// wording, checked with the file and loaded for a run.
extension PipelineFile {
    func checkKeyMessages(fail: (String) -> PipelineError) throws {
        for m in keyMessages ?? [] {
            guard MeasureRegistry.definition(m) != nil else { throw fail("key_messages: '\(m)' is not a measure id of measures.md.") }
            if keyMessageTemplates == nil && KeyMessageTemplates.standard.parts[m] == nil {
                throw fail("key_messages: there is no standard wording for \(m); give it in a key_message_templates file (docs/key-messages.md).")
            }
        }
    }

    /// The key messages' wording: the standard, with the file's `key_message_templates` over it.
    public func keyMessageWording(pipeline url: URL) throws -> KeyMessageTemplates {
        guard let name = keyMessageTemplates else { return .standard }
        let file = resolve(name, against: url)
        guard let text = try? String(contentsOf: file, encoding: .utf8) else {
            throw PipelineError.invalid(file: url.lastPathComponent, reason: "key_message_templates: \(file.lastPathComponent) cannot be read.")
        }
        let wording: KeyMessageTemplates
        do { wording = try KeyMessageTemplates(csv: text, file: file.lastPathComponent) } catch {
            throw PipelineError.invalid(file: url.lastPathComponent, reason: "key_message_templates: \(error)")
        }
        let all = KeyMessageTemplates.standard.overridden(by: wording)
        for m in keyMessages ?? [] where all.parts[m] == nil {
            throw PipelineError.invalid(file: url.lastPathComponent, reason: "key_messages: neither the standard wording nor \(file.lastPathComponent) has a sentence for \(m).")
        }
        return all
    }

    /// Every measure the key messages read.
    public var keyMessageMeasures: [String] {
        (keyMessages ?? []).flatMap { KeyMessageTemplates.standard.measuresRead(by: $0) }
    }
}
