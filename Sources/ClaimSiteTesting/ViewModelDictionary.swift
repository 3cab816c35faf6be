import TypedMustache

extension FieldTable {
    /// `model` as swift-mustache takes a view model (`String`, `Bool`, `[[String: Any]]`,
    /// `[String: Any]`), made by reading every field of the table the way the engine reads it
    /// (`value(_:at:)`): for tests that render it with swift-mustache as an oracle, and for the
    /// checks of a table against the shape it gives.
    public func dictionary(_ model: Model) -> [String: Any] {
        withUnsafePointer(to: model) { model in
            var out: [String: Any] = [:]
            for name in index.names {
                out[name] = value([FieldKeys.id(name)], at: model).map(ViewModelDictionary.any)
            }
            return out
        }
    }
}

/// The walk behind `FieldTable.dictionary`.
enum ViewModelDictionary {
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
            out[name] = rows.value(i, [FieldKeys.id(name)][...]).map(any)
        }
        return out
    }
}
