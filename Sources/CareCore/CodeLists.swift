/// Every code list the project knows, loaded once from the compiled-in copies of
/// `Resources/codes/*.csv` (see `scripts/gen-codes`).
public struct CodeLists: Sendable {
    /// Indexed by the field's position in `CodedField.allCases` (a lookup is an array index,
    /// not a hash: measures look labels up for every child in every period).
    private let lists: [CodeList]

    public init(lists: [CodedField: CodeList]) { self.lists = CodedField.allCases.map { lists[$0]! } }

    @inline(__always)
    public subscript(field: CodedField) -> CodeList { lists[field.ordinal] }

    /// The lists with one field's list replaced.
    public func replacing(_ field: CodedField, with list: CodeList) -> CodeLists {
        var all: [CodedField: CodeList] = [:]
        for f in CodedField.allCases { all[f] = f == field ? list : self[f] }
        return CodeLists(lists: all)
    }

    /// The standard lists shipped with carestats.
    public static let standard: CodeLists = {
        var lists: [CodedField: CodeList] = [:]
        for field in CodedField.allCases {
            guard let text = CodeListSources.csv[field.codeListName] else {
                fatalError(CodeListError.missing(field: field.rawValue).description)
            }
            do {
                var list = try CodeList(field: field, csv: text)
                if let rules = CodeListSources.rules[field.codeListName] { list = try list.addingRules(csv: rules) }
                lists[field] = list
            } catch {
                fatalError("\(error)")
            }
        }
        return CodeLists(lists: lists)
    }()
}
