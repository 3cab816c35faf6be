extension FieldTable {
    /// `model` as untyped values (`String`, `Bool`, `[[String: Any]]`, `[String: Any]`), as
    /// swift-mustache takes a view model: made by reading every field of the table the way the
    /// engine reads it (`value(_:at:)`), in one walk over the tables, so no field carries a
    /// closure for it. Builds never call it; tests render it with swift-mustache as an oracle
    /// and check tables against the shapes they give.
    package func dictionary(_ model: Model) -> [String: Any] {
        withUnsafePointer(to: model) { model in
            var out: [String: Any] = [:]
            for name in index.names {
                out[name] = [FieldKeys.id(name)].withUnsafeBufferPointer { value($0, at: model) }
                    .map(ViewModelDictionary.any)
            }
            return out
        }
    }
}

/// The walk behind `FieldTable.dictionary`.
package enum ViewModelDictionary {
    /// A value the engine found, as swift-mustache takes it.
    static func any(_ value: TypedValue) -> Any {
        switch value {
        case .text(let text): return text
        case .link(let root, let path): return root + path
        case .flag(let flag): return flag
        case .list(let rows): return (0..<rows.count).map { row(rows, $0) }
        case .object(let rows, let i): return row(rows, i)
        }
    }

    /// Row `i` of `rows` as a dictionary of its fields.
    static func row(_ rows: ModelRows, _ i: Int) -> [String: Any] {
        var out: [String: Any] = [:]
        for name in rows.index.names {
            out[name] = [FieldKeys.id(name)].withUnsafeBufferPointer { rows.value(i, $0) }.map(any)
        }
        return out
    }
}
