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
    /// For each frame of a row (`nil` for text and lists): the row's address, its type's table
    /// and field names, what a lookup reads on its way outwards and a variable is written from.
    /// The frame's rows keep them alive, so they are held without counting references (a
    /// frame copied to read one field would retain and release its rows' table and owner).
    private var places: [Place?]

    private struct Place {
        let row: UnsafeRawPointer
        let table: Unmanaged<RowTable>
        let names: Unmanaged<FieldIndex>

        init(_ rows: ModelRows, _ i: Int) {
            row = rows.row(i)
            table = Unmanaged.passUnretained(rows.table)
            names = Unmanaged.passUnretained(rows.index)
        }
    }

    /// A stack holding `model` alone.
    package init<Model: ViewModel>(_ model: Model) {
        let rows = ModelRows([model])
        frames = [.row(rows, 0)]
        frames.reserveCapacity(16)
        places = [Place(rows, 0)]
        places.reserveCapacity(16)
    }

    /// The value `path` names: from the innermost frame whose type has the path's first key,
    /// outwards, or in the top frame only for a path starting with `.`.
    package func lookup(_ path: PathRef) -> TypedValue? {
        guard let first = path.ids.first else {
            switch frames.last {
            case .row(let rows, let i)?: return .object(rows, i)
            case .text(let text)?: return .text(text)
            case .list(let rows)?: return .list(rows)
            case nil: return nil
            }
        }
        guard let k = frame(of: first, anchored: path.anchored), let place = places[k] else { return nil }
        return place.table._withUnsafeGuaranteedRef { $0.value(path.ids, at: place.row) }
    }

    /// Writes the value `path` names. A text or flag stored in the model is written from where
    /// it lies, without being copied out first (`RowTable.append`).
    package func write(_ path: PathRef, escaped: Bool, into out: inout [UInt8]) {
        guard let first = path.ids.first else {
            lookup(path)?.append(escaped: escaped, to: &out)
            return
        }
        guard let k = frame(of: first, anchored: path.anchored), let place = places[k] else { return }
        place.table._withUnsafeGuaranteedRef {
            $0.append(path.ids, at: place.row, escaped: escaped, to: &out)
        }
    }

    /// The frame a path whose first key is `first` is read in: the innermost whose type has
    /// that key, or the top one for an anchored path (starting with `.`).
    @inline(__always)
    private func frame(of first: Int, anchored: Bool) -> Int? {
        var k = places.count - 1
        if anchored { return k >= 0 && places[k] != nil ? k : nil }
        while k >= 0 {
            if let place = places[k], place.names._withUnsafeGuaranteedRef({ $0.slot(first) != nil }) { return k }
            k -= 1
        }
        return nil
    }

    /// Runs `body` with `frame` pushed.
    private mutating func with(_ frame: Frame, _ body: (inout TypedStack) -> Void) {
        frames.append(frame)
        if case .row(let rows, let i) = frame { places.append(Place(rows, i)) } else { places.append(nil) }
        body(&self)
        frames.removeLast()
        places.removeLast()
    }

    package mutating func section(_ path: PathRef, inverted: Bool, _ body: (inout TypedStack) -> Void) {
        let value = lookup(path)
        if inverted {
            switch value {
            case nil, .flag(false)?:
                body(&self)
            case .list(let rows)? where rows.count == 0:
                with(.list(rows), body)
            default: break
            }
            return
        }
        switch value {
        case nil, .flag(false)?: break
        case .flag(true)?: body(&self)
        case .list(let rows)?:
            for i in 0..<rows.count { with(.row(rows, i), body) }
        case .object(let rows, let i)?:
            with(.row(rows, i), body)
        case .text(let text)?:
            with(.text(text), body)
        case .link(let first, let second)?:
            with(.text(first + second), body)
        }
    }
}
