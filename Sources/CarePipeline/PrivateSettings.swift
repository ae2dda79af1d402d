import CareCore
import CareIngest
import Foundation

/// A pipeline's `private:` section (docs/privacy.md):
///
///     private:
///       pseudonymise: {key_env: CARESTATS_HMAC_KEY}   # or key_file: secrets/hmac.key (mode 0600)
///       dob: month                                     # dates of birth cut to the first of the month
///
/// The key itself is never part of the pipeline file, `dump-config`, the logs or the manifest:
/// only where it is read from.
public struct PrivateSettings: Codable, Sendable, Equatable {
    public struct Pseudonymise: Codable, Sendable, Equatable {
        /// The environment variable holding the key.
        public var keyEnv: String?
        /// A file holding the key, relative to the pipeline file; readable by its owner only.
        public var keyFile: String?
        enum CodingKeys: String, CodingKey { case keyEnv = "key_env", keyFile = "key_file" }
    }
    public var pseudonymise: Pseudonymise?
    /// `month` cuts dates of birth to the first of their month; `day` (the default) keeps them.
    public var dob: String?

    /// What is wrong with the section, in words; nil when nothing is.
    func check(returns: Bool) -> String? {
        if let d = dob, !["month", "day"].contains(d) { return "private.dob: '\(d)' is not month or day." }
        guard let p = pseudonymise else { return nil }
        if (p.keyEnv == nil) == (p.keyFile == nil) {
            return "private.pseudonymise: give the key's key_env (an environment variable) or its key_file, one of the two."
        }
        if returns {
            return "returns: the SSDA903 needs the children's real ids, and this pipeline pseudonymises them (private.pseudonymise). Export the return from the raw extracts on its own: carestats export 903 EXTRACTS --year YYYY-YY --out FOLDER."
        }
        return nil
    }
}

extension PipelineFile {
    /// Reads the pseudonymisation key `private:` names (from the environment or a key file,
    /// relative to the pipeline file) and sets `privateFiles`. A missing or short key, or a key
    /// file others can read, stops the run before anything is written.
    public mutating func loadPrivateKey(pipeline url: URL) throws {
        guard let settings = privateSettings else { return }
        func fail(_ reason: String) -> PipelineError { .invalid(file: url.lastPathComponent, reason: reason) }
        var pseudonymiser: Pseudonymiser? = nil
        if let p = settings.pseudonymise {
            let key: Data
            if let name = p.keyEnv {
                guard let value = ProcessInfo.processInfo.environment[name], !value.isEmpty else {
                    throw fail("private.pseudonymise: the environment variable \(name) holding the key is not set.")
                }
                key = Data(value.trimmingCharacters(in: .whitespacesAndNewlines).utf8)
            } else {
                let file = resolve(p.keyFile!, against: url)
                guard let attributes = try? FileManager.default.attributesOfItem(atPath: file.path),
                      let mode = (attributes[.posixPermissions] as? NSNumber)?.intValue else {
                    throw fail("private.pseudonymise: the key file \(p.keyFile!) cannot be read.")
                }
                guard mode & 0o077 == 0 else {
                    throw fail("private.pseudonymise: the key file \(p.keyFile!) can be read by others (mode \(String(mode & 0o777, radix: 8))); make it readable by its owner only: chmod 600 \(p.keyFile!).")
                }
                guard let data = FileManager.default.contents(atPath: file.path) else {
                    throw fail("private.pseudonymise: the key file \(p.keyFile!) cannot be read.")
                }
                key = Data((String(decoding: data, as: UTF8.self)).trimmingCharacters(in: .whitespacesAndNewlines).utf8)
            }
            guard let made = Pseudonymiser(key: key) else {
                throw fail("private.pseudonymise: the key is shorter than \(Pseudonymiser.minimumKeyLength) characters; use a long random one (for example: openssl rand -hex 32).")
            }
            pseudonymiser = made
        }
        privateFiles = PrivateFiles(pseudonymiser: pseudonymiser, dobByMonth: settings.dob == "month", runDate: runDate)
    }
}
