/// The context stack of a typed view model: rows of view models, and the text or empty list a
/// section may push (as the `MValue` stack does). Names are found by their key numbers.
package struct TypedStack: MustacheStack {
    package enum Frame {
        /// Row `Int` of the rows: an object, or the current item of a list.
        case row(ModelRows, Int)
        /// Text that a section on a text value pushed.
        case text(String)
        /// An empty list that an inverted section pushed.
        case list(ModelRows)
    }

    private(set) var frames: [Frame]
    /// For each frame, the field names of its row type (`nil` for text and lists): what a
    /// lookup reads on its way outwards.
    private var names: [FieldIndex?]

    /// A stack holding `model` alone.
    package init<Model: ViewModel>(_ model: Model) {
        frames = [.row(ModelRows([model]), 0)]
        frames.reserveCapacity(16)
        names = [Model.fields.index]
        names.reserveCapacity(16)
    }

    /// The value `path` names: from the innermost frame whose type has the path's first key,
    /// outwards, or in the top frame only for a path starting with `.`.
    package func lookup(_ path: MPath) -> TypedValue? {
        guard let first = path.ids.first else {
            switch frames.last {
            case .row(let rows, let i)?: return .object(rows, i)
            case .text(let text)?: return .text(text)
            case .list(let rows)?: return .list(rows)
            case nil: return nil
            }
        }
        var k = names.count - 1
        if path.anchored {
            guard k >= 0, names[k] != nil else { return nil }
        } else {
            while k >= 0 {
                if let names = names[k], names.slot(first) != nil { break }
                k -= 1
            }
            guard k >= 0 else { return nil }
        }
        guard case .row(let rows, let i) = frames[k] else { return nil }
        return rows.value(i, path.ids[...])
    }

    package func write(_ path: MPath, escaped: Bool, into out: inout [UInt8]) {
        switch lookup(path) {
        case .text(let text)?: escaped ? MRenderer.appendEscaped(text, to: &out) : MRenderer.appendRaw(text, to: &out)
        case .link(let first, let second)?:
            if escaped {
                MRenderer.appendEscaped(first, to: &out)
                MRenderer.appendEscaped(second, to: &out)
            } else {
                MRenderer.appendRaw(first, to: &out)
                MRenderer.appendRaw(second, to: &out)
            }
        case .flag(let flag)?: out.append(contentsOf: flag ? MRenderer.trueBytes : MRenderer.falseBytes)
        case .list?, .object?, nil: break
        }
    }

    /// Runs `body` with `frame` pushed.
    private mutating func with(_ frame: Frame, names: FieldIndex?, _ body: (inout TypedStack) -> Void) {
        frames.append(frame)
        self.names.append(names)
        body(&self)
        frames.removeLast()
        self.names.removeLast()
    }

    package mutating func section(_ path: MPath, inverted: Bool, _ body: (inout TypedStack) -> Void) {
        let value = lookup(path)
        if inverted {
            switch value {
            case nil, .flag(false)?:
                body(&self)
            case .list(let rows)? where rows.count == 0:
                with(.list(rows), names: nil, body)
            default: break
            }
            return
        }
        switch value {
        case nil, .flag(false)?: break
        case .flag(true)?: body(&self)
        case .list(let rows)?:
            for i in 0..<rows.count { with(.row(rows, i), names: rows.index, body) }
        case .object(let rows, let i)?:
            with(.row(rows, i), names: rows.index, body)
        case .text(let text)?:
            with(.text(text), names: nil, body)
        case .link(let first, let second)?:
            with(.text(first + second), names: nil, body)
        }
    }
}
