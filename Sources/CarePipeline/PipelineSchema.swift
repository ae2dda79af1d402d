import Yams

/// The keys a pipeline file may use, checked on the YAML node tree before decoding, so an
/// unknown key (a typo that would otherwise be silently ignored) is an error naming the file,
/// the line and the key.
indirect enum Schema: Sendable {
    case scalar
    case list(Schema)
    /// A mapping with these keys only.
    case keys([String: Schema])
    /// A mapping whose keys are free (field names, codes), each value of this shape.
    case dictionary(Schema)
    case any

    static let band: Schema = .keys(["label": .scalar, "below": .scalar])
    static let table: Schema = .keys([
        "id": .scalar, "title": .scalar, "layout": .scalar, "measure": .scalar, "dimension": .scalar, "categories": .list(.scalar),
        "rows": .scalar, "show": .scalar, "periods": .scalar, "column_labels": .scalar, "percent_of": .scalar,
        "measures": .list(.keys(["measure": .scalar, "label": .scalar, "dimension": .scalar, "category": .scalar])),
        "transpose": .scalar, "labels": .scalar, "chart": .scalar, "footnotes": .list(.scalar),
        "benchmarks": .list(.scalar), "target": .scalar,
    ])
    static let genericTable: Schema = .keys([
        "name": .scalar, "file": .scalar,
        "columns": .list(.keys(["name": .scalar, "header": .scalar, "type": .scalar, "values": .dictionary(.scalar)])),
    ])
    static let genericMeasure: Schema = .keys([
        "name": .scalar, "table": .scalar, "kind": .scalar, "date": .scalar, "start": .scalar, "end": .scalar, "column": .scalar,
        "value": .scalar, "from": .scalar, "to": .scalar, "unit": .scalar, "by": .list(.scalar), "bands": .dictionary(.list(band)),
    ])
    static let pipeline: Schema = .keys([
        "version": .scalar, "title": .scalar, "period": .scalar, "threshold": .scalar,
        "inputs": .keys(["folder": .scalar, "files": .list(.scalar), "headers": .dictionary(.list(.scalar)),
                         "values": .dictionary(.dictionary(.scalar)), "date_format": .scalar, "generic": .list(genericTable)]),
        "suppression": .keys(["threshold": .scalar, "enabled": .scalar]),
        "bands": .dictionary(.list(band)),
        "groupings": .dictionary(.dictionary(.dictionary(.scalar))),
        "measures": .list(.scalar),
        "generic_measures": .list(genericMeasure),
        "tables": .list(table),
        "output": .keys(["folder": .scalar, "formats": .list(.scalar)]),
        "store": .keys(["path": .scalar, "postgres_url_env": .scalar]),
        "data_quality_rows": .scalar,
        "checks": .keys(["rows_fall_percent": .scalar, "headline_move_percent": .scalar, "stale_days": .scalar]),
        "returns": .list(.keys(["return": .scalar, "year": .scalar, "to": .scalar])),
        "benchmarks": .keys(["file": .any, "la_code": .scalar, "neighbours": .list(.scalar), "neighbours_file": .scalar]),
        "targets": .dictionary(.keys(["value": .scalar, "better": .scalar, "tolerance": .scalar])),
        "key_messages": .list(.scalar),
        "key_message_templates": .scalar,
        "postcodes": .keys(["file": .scalar, "la_code": .scalar]),
        "private": .keys(["pseudonymise": .keys(["key_env": .scalar, "key_file": .scalar]), "dob": .scalar]),
    ])

    /// Problems in `node`, each "line N: …", with `path` naming where it is.
    func check(_ node: Node, path: String) -> [String] {
        func at(_ n: Node) -> String { n.mark.map { "line \($0.line)" } ?? "line ?" }
        switch (self, node) {
        case (.any, _): return []
        case (.scalar, .scalar): return []
        case (.scalar, _): return ["\(at(node)): \(path) should be a single value"]
        case (.list(let item), .sequence(let seq)):
            // An entry is named by its id where it has one (tables[T9]), else by its position from 1.
            return seq.enumerated().flatMap { i, element in
                item.check(element, path: "\(path)[\(element.mapping?["id"]?.string ?? String(i + 1))]")
            }
        case (.list, _): return ["\(at(node)): \(path) should be a list"]
        case (.keys(let allowed), .mapping(let map)):
            var out: [String] = []
            for (k, v) in map {
                let key = k.string ?? "?"
                if let schema = allowed[key] {
                    out += schema.check(v, path: path.isEmpty ? key : "\(path).\(key)")
                } else {
                    out.append("\(at(k)): unknown key '\(key)'\(path.isEmpty ? "" : " in \(path)"); expected one of \(allowed.keys.sorted().joined(separator: ", "))")
                }
            }
            return out
        case (.dictionary(let value), .mapping(let map)):
            return map.flatMap { value.check($0.value, path: "\(path).\($0.key.string ?? "?")") }
        case (.keys, _), (.dictionary, _): return ["\(at(node)): \(path.isEmpty ? "the file" : path) should be a mapping of keys to values"]
        }
    }
}
