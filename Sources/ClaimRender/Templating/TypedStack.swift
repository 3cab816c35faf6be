/// Rows of one view-model type as the context stack holds them, without their type: a list's
/// rows, or a single object. Reading a row goes through a closure made where the type is
/// known, so nothing is copied or converted.
struct ModelRows {
    /// How many rows.
    let count: Int
    /// The row type's field names by key number.
    let index: FieldIndex
    /// What the dotted name `keys` names in row `i` (its first key a field of the row type).
    let value: (_ i: Int, _ keys: ArraySlice<Int>) -> TypedValue?

    /// The rows of a list.
    init<Row: ViewModel>(_ rows: [Row]) {
        let table = Row.fields
        count = rows.count
        index = table.index
        value = { i, keys in rows.withUnsafeBufferPointer { table.value(keys, in: $0[i]) } }
    }

    /// A single object.
    init<Object: ViewModel>(one object: Object) {
        let table = Object.fields
        count = 1
        index = table.index
        value = { _, keys in table.value(keys, in: object) }
    }
}

/// What a name resolves to in a typed view model.
enum TypedValue {
    case text(String)
    case flag(Bool)
    /// A list of rows.
    case list(ModelRows)
    /// One object: row `Int` of the rows.
    case object(ModelRows, Int)
}

/// The context stack of a typed view model: rows of view models, and the text or empty list a
/// section may push (as the `MValue` stack does). Names are found by their key numbers.
struct TypedStack: MustacheStack {
    enum Frame {
        /// Row `Int` of the rows: an object, or the current item of a list.
        case row(ModelRows, Int)
        /// Text that a section on a text value pushed.
        case text(String)
        /// An empty list that an inverted section pushed.
        case list(ModelRows)
    }

    var frames: [Frame]

    /// A stack holding `model` alone.
    init<Model: ViewModel>(_ model: Model) {
        frames = [.row(ModelRows(one: model), 0)]
        frames.reserveCapacity(16)
    }

    /// The value `path` names: from the innermost frame whose type has the path's first key,
    /// outwards, or in the top frame only for a path starting with `.`.
    func lookup(_ path: MPath) -> TypedValue? {
        guard let top = frames.last else { return nil }
        guard let first = path.ids.first else {
            switch top {
            case .row(let rows, let i): return .object(rows, i)
            case .text(let text): return .text(text)
            case .list(let rows): return .list(rows)
            }
        }
        if path.anchored {
            guard case .row(let rows, let i) = top else { return nil }
            return rows.value(i, path.ids[...])
        }
        for frame in frames.reversed() {
            guard case .row(let rows, let i) = frame, rows.index.slot(first) != nil else { continue }
            return rows.value(i, path.ids[...])
        }
        return nil
    }

    func write(_ path: MPath, escaped: Bool, into out: inout [UInt8]) {
        switch lookup(path) {
        case .text(let text)?: escaped ? MRenderer.appendEscaped(text, to: &out) : MRenderer.appendRaw(text, to: &out)
        case .flag(let flag)?: out.append(contentsOf: flag ? MRenderer.trueBytes : MRenderer.falseBytes)
        case .list?, .object?, nil: break
        }
    }

    mutating func section(_ path: MPath, inverted: Bool, _ body: (inout TypedStack) -> Void) {
        let value = lookup(path)
        if inverted {
            switch value {
            case nil, .flag(false)?:
                body(&self)
            case .list(let rows)? where rows.count == 0:
                frames.append(.list(rows))
                body(&self)
                frames.removeLast()
            default: break
            }
            return
        }
        switch value {
        case nil, .flag(false)?: break
        case .flag(true)?: body(&self)
        case .list(let rows)?:
            for i in 0..<rows.count {
                frames.append(.row(rows, i))
                body(&self)
                frames.removeLast()
            }
        case .object(let rows, let i)?:
            frames.append(.row(rows, i))
            body(&self)
            frames.removeLast()
        case .text(let text)?:
            frames.append(.text(text))
            body(&self)
            frames.removeLast()
        }
    }
}
