extension ContentHash.Stream {
    /// Adds every field of `model` in its table's order — its name, then its value: text, a
    /// flag, or the rows of a list or object, field by field — read in place as a template reads
    /// them. Two models that differ in any value a template may use add different bytes.
    mutating func add<Model: ViewModel>(model: Model) {
        let rows = ModelRows([model])
        add(rows, row: 0, keys: rows.index.names.map(FieldKeys.id))
    }

    /// Adds the fields of row `i` of `rows`, whose field names have the key numbers `keys`.
    private mutating func add(_ rows: ModelRows, row i: Int, keys: [Int]) {
        for (k, name) in rows.index.names.enumerated() {
            add(name)
            switch rows.value(i, keys[k...k]) {
            case .text(let text)?:
                add(1)
                add(text)
            case .link(let root, let path)?:
                add(2)
                add(root)
                add(path)
            case .flag(let flag)?:
                add(flag ? 3 : 4)
            case .list(let inner)?:
                add(5)
                add(UInt64(inner.count))
                let innerKeys = inner.index.names.map(FieldKeys.id)
                for j in 0..<inner.count { add(inner, row: j, keys: innerKeys) }
            case .object(let inner, let j)?:
                add(6)
                add(inner, row: j, keys: inner.index.names.map(FieldKeys.id))
            case nil:
                add(0)
            }
        }
    }
}
