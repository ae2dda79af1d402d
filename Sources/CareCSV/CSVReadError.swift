/// Why a file cannot be read as CSV. Messages name the file and say what to do.
public enum CSVReadError: Error, CustomStringConvertible, Sendable {
    case cannotOpen(file: String, reason: String)
    case empty(file: String)
    case binary(file: String, offset: Int)
    case unterminatedQuote(file: String, line: Int)
    case parseFailure(file: String, line: Int, reason: String)

    public var description: String {
        switch self {
        case .cannotOpen(let f, let r):
            return "\(f): cannot be opened (\(r))."
        case .empty(let f):
            return "\(f): the file is empty; there is no header row to recognise. Re-run the extract."
        case .binary(let f, let o):
            return "\(f): this is not a CSV text file (binary data at byte \(o)). Was an Excel workbook saved with a .csv name? Save it as CSV and try again."
        case .unterminatedQuote(let f, let l):
            return "\(f), line \(l): a quoted value is never closed, so the end of the file is inside quotes. The file was probably cut short; re-run the extract."
        case .parseFailure(let f, let l, let r):
            return "\(f), line \(l): cannot be read as CSV (\(r))."
        }
    }
}
