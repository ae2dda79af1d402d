/// Every code list the project knows, loaded once from the compiled-in copies of
/// `Resources/codes/*.csv` (see `scripts/gen-codes`).
public struct CodeLists: Sendable {
    private let lists: [CodedField: CodeList]

    public init(lists: [CodedField: CodeList]) { self.lists = lists }

    public subscript(field: CodedField) -> CodeList { lists[field]! }

    /// The standard lists shipped with carestats.
    public static let standard: CodeLists = {
        var lists: [CodedField: CodeList] = [:]
        for field in CodedField.allCases {
            guard let text = CodeListSources.csv[field.codeListName] else {
                fatalError(CodeListError.missing(field: field.rawValue).description)
            }
            do { lists[field] = try CodeList(field: field, csv: text) } catch {
                fatalError("\(error)")
            }
        }
        return CodeLists(lists: lists)
    }()
}
