/// A typed view model: a value the compiled templates render straight into bytes. Its one field
/// table says which names a template may use, what each holds and how to read it; the template
/// check derives the allowed keys from the same table (`FieldIndex.shape`), so the two cannot
/// drift apart.
package protocol ViewModel: Sendable {
    /// The fields a template may name, each once.
    static var fields: FieldTable<Self> { get }
}

/// A field of a view model of type `Model`: its name in templates, and what it holds.
///
/// Fields are read through a pointer to the model where it lies (in its list's buffer, or
/// inside the model that holds it), so reading a field copies the field's value, never the
/// model. A field declared with a stored property's key path (`\.name`) is read at its offset,
/// without a closure; the renderer reads every field without knowing `Model`
/// (`FieldReader`, `RowTable`), so no generic code runs per value.
package struct Field<Model>: Sendable {
    /// The name templates use.
    package let name: String
    /// What the field holds, with how to read it from the model's bytes.
    package let reader: FieldReader

    /// Text or HTML (escaped or not as the tag says; always shown by a section).
    package static func text(_ name: String, _ get: @escaping @Sendable (Model) -> String) -> Field {
        Field(name: name, reader: .text { get(model($0).pointee) })
    }

    /// A link: the page's way up to the output root (`../…`) followed by the target's path
    /// from there, written one after the other without being joined first.
    package static func link(_ name: String, _ get: @escaping @Sendable (Model) -> (root: String, path: String))
        -> Field
    {
        Field(name: name, reader: .link { get(model($0).pointee) })
    }

    /// A flag, for sections that show or hide.
    package static func flag(_ name: String, _ get: @escaping @Sendable (Model) -> Bool) -> Field {
        Field(name: name, reader: .flag { get(model($0).pointee) })
    }

    /// Text held in a stored property of the model (`\.name`): read at its offset, where the
    /// model lies, so that only the text is copied, not the model (a closure is handed a copy
    /// of the whole model).
    package static func text(_ name: String, _ path: KeyPath<Model, String> & Sendable) -> Field {
        guard let offset = MemoryLayout<Model>.offset(of: path) else { return .text(name) { $0[keyPath: path] } }
        return Field(name: name, reader: .storedText(offset))
    }

    /// A flag held in a stored property of the model, read at its offset.
    package static func flag(_ name: String, _ path: KeyPath<Model, Bool> & Sendable) -> Field {
        guard let offset = MemoryLayout<Model>.offset(of: path) else { return .flag(name) { $0[keyPath: path] } }
        return Field(name: name, reader: .storedFlag(offset))
    }

    /// A flag that says whether the text stored at `path` is not empty, read where the text
    /// lies (a closure over the model, `{ !$0.text.isEmpty }`, copies the whole model first).
    package static func flag(_ name: String, notEmpty path: KeyPath<Model, String> & Sendable) -> Field {
        guard let offset = MemoryLayout<Model>.offset(of: path) else {
            return .flag(name) { !$0[keyPath: path].isEmpty }
        }
        return Field(
            name: name, reader: .flag { !$0.advanced(by: offset).assumingMemoryBound(to: String.self).pointee.isEmpty })
    }

    /// A flag that says whether the list stored at `path` has rows, read where the list lies.
    package static func flag<Row>(_ name: String, notEmpty path: KeyPath<Model, [Row]> & Sendable) -> Field {
        guard let offset = MemoryLayout<Model>.offset(of: path) else {
            return .flag(name) { !$0[keyPath: path].isEmpty }
        }
        return Field(
            name: name, reader: .flag { !$0.advanced(by: offset).assumingMemoryBound(to: [Row].self).pointee.isEmpty })
    }

    /// A flag that is `value` for every model of the type.
    package static func flag(_ name: String, always value: Bool) -> Field {
        Field(name: name, reader: .flag { _ in value })
    }

    /// A link made of two texts stored in the model (`link(_:_:)`), each read where it lies.
    package static func link(
        _ name: String, root: KeyPath<Model, String> & Sendable, path: KeyPath<Model, String> & Sendable
    ) -> Field {
        guard let rootOffset = MemoryLayout<Model>.offset(of: root),
            let pathOffset = MemoryLayout<Model>.offset(of: path)
        else { return .link(name) { ($0[keyPath: root], $0[keyPath: path]) } }
        return Field(
            name: name,
            reader: .link {
                (
                    $0.advanced(by: rootOffset).assumingMemoryBound(to: String.self).pointee,
                    $0.advanced(by: pathOffset).assumingMemoryBound(to: String.self).pointee
                )
            })
    }

    /// A list held in a stored property of the model, read in place: its rows are read in the
    /// list's own buffer, which the model keeps.
    package static func list<Row: ViewModel>(_ name: String, _ path: KeyPath<Model, [Row]> & Sendable) -> Field {
        guard let offset = MemoryLayout<Model>.offset(of: path) else { return .list(name) { $0[keyPath: path] } }
        return Field(
            name: name,
            reader: .list(Row.fields.rows) {
                ModelRows(inPlace: $0.advanced(by: offset).assumingMemoryBound(to: [Row].self))
            }
        )
    }

    /// A list of rows of another view-model type, made by `get` (the rows keep the list).
    package static func list<Row: ViewModel>(_ name: String, _ get: @escaping @Sendable (Model) -> [Row]) -> Field {
        Field(name: name, reader: .list(Row.fields.rows) { ModelRows(get(model($0).pointee)) })
    }

    /// One value of another view-model type, a stored property of the model (a section on
    /// it shows once, inside it). It is read in place, where the model holds it.
    package static func object<Object: ViewModel>(_ name: String, _ path: KeyPath<Model, Object> & Sendable) -> Field {
        guard let offset = MemoryLayout<Model>.offset(of: path) else {
            // Not stored inline (a computed property): read a copy, which the rows keep.
            return Field(
                name: name, reader: .object(Object.fields.rows) { ModelRows([model($0).pointee[keyPath: path]]) })
        }
        return Field(name: name, reader: .storedObject(offset, Object.fields.rows))
    }

    /// The model at `raw`.
    @inline(__always)
    private static func model(_ raw: UnsafeRawPointer) -> UnsafePointer<Model> {
        raw.assumingMemoryBound(to: Model.self)
    }

    /// The same field of a larger model that holds this one as a stored property, `offset`
    /// bytes into it (`MemoryLayout.offset(of:)`): read in place, nothing copied.
    package func embedded<Outer>(at offset: Int) -> Field<Outer> {
        Field<Outer>(name: name, reader: reader.embedded(at: offset))
    }
}

/// How a field is read from the bytes of its model, without the model's type: the stored
/// cases are read at their offset, the others through a closure made where the types are known.
package enum FieldReader: Sendable {
    /// A `String` stored this many bytes into the model.
    case storedText(Int)
    /// A `Bool` stored this many bytes into the model.
    case storedFlag(Int)
    /// An object stored this many bytes into the model, with its type's table.
    case storedObject(Int, RowTable)
    case text(@Sendable (UnsafeRawPointer) -> String)
    case link(@Sendable (UnsafeRawPointer) -> (root: String, path: String))
    case flag(@Sendable (UnsafeRawPointer) -> Bool)
    /// A list of rows, with the row type's table.
    case list(RowTable, @Sendable (UnsafeRawPointer) -> ModelRows)
    /// An object that is not stored inline: its rows (one row, a copy).
    case object(RowTable, @Sendable (UnsafeRawPointer) -> ModelRows)

    /// The same reader for a model that is stored `offset` bytes into a larger one.
    func embedded(at offset: Int) -> FieldReader {
        switch self {
        case .storedText(let at): return .storedText(at + offset)
        case .storedFlag(let at): return .storedFlag(at + offset)
        case .storedObject(let at, let table): return .storedObject(at + offset, table)
        case .text(let get): return .text { get($0.advanced(by: offset)) }
        case .link(let get): return .link { get($0.advanced(by: offset)) }
        case .flag(let get): return .flag { get($0.advanced(by: offset)) }
        case .list(let table, let get): return .list(table) { get($0.advanced(by: offset)) }
        case .object(let table, let get): return .object(table) { get($0.advanced(by: offset)) }
        }
    }
}

/// The names of a view-model type's fields, without the type: what the renderer needs to find
/// a field by key number, and the shape the template check derives from them.
package final class FieldIndex: Sendable {
    /// The field names, in table order.
    package let names: [String]
    /// By key number (`FieldKeys`): the field's place in the table, or -1.
    package let slots: [Int32]
    /// The keys a template may use in a context of this type, and what is below each.
    package let shape: [String: Shape]

    /// The index of fields named `names` that are read by `readers` (in the same order).
    init(names: [String], readers: [FieldReader]) {
        self.names = names
        precondition(Set(names).count == names.count, "a view model names a field twice: \(names)")
        let ids = names.map(FieldKeys.id)
        var slots = [Int32](repeating: -1, count: (ids.max() ?? -1) + 1)
        for (place, id) in ids.enumerated() { slots[id] = Int32(place) }
        self.slots = slots
        var shape: [String: Shape] = [:]
        for (name, reader) in zip(names, readers) {
            switch reader {
            case .storedText, .text, .link: shape[name] = .value
            case .storedFlag, .flag: shape[name] = .flag
            case .list(let rows, _): shape[name] = .list(rows.index.shape)
            case .storedObject(_, let rows), .object(let rows, _): shape[name] = .object(rows.index.shape)
            }
        }
        self.shape = shape
    }

    /// The place of the field numbered `key`, if this type has one.
    @inline(__always)
    package func slot(_ key: Int) -> Int? {
        guard key < slots.count else { return nil }
        let slot = slots[key]
        return slot < 0 ? nil : Int(slot)
    }
}

/// The fields of a view-model type without the type: how to read each from a model's bytes,
/// and how far apart two models lie in a list. What the renderer and the digest read.
package final class RowTable: Sendable {
    /// The readers, in table order.
    let readers: [FieldReader]
    /// Their names by key number, and their shape.
    package let index: FieldIndex
    /// The distance between two rows of the type in a list (`MemoryLayout.stride`).
    let stride: Int

    init(names: [String], readers: [FieldReader], stride: Int) {
        self.readers = readers
        index = FieldIndex(names: names, readers: readers)
        self.stride = stride
    }

    /// What the dotted name `keys` names in the model at `model`: its first key a field of
    /// this type, the rest fields of the objects below.
    /// The keys are read where they lie (`PathRef`): no slice of an array, whose buffer would
    /// be retained and released for every value written.
    package func value(_ keys: UnsafeBufferPointer<Int>, at model: UnsafeRawPointer) -> TypedValue? {
        guard let key = keys.first, let slot = index.slot(key) else { return nil }
        let rest = UnsafeBufferPointer(rebasing: keys.dropFirst())
        switch readers[slot] {
        case .storedText(let offset):
            return rest.isEmpty ? .text(model.advanced(by: offset).assumingMemoryBound(to: String.self).pointee) : nil
        case .storedFlag(let offset):
            return rest.isEmpty ? .flag(model.advanced(by: offset).assumingMemoryBound(to: Bool.self).pointee) : nil
        case .text(let get): return rest.isEmpty ? .text(get(model)) : nil
        case .link(let get):
            guard rest.isEmpty else { return nil }
            let (root, path) = get(model)
            return .link(root, path)
        case .flag(let get): return rest.isEmpty ? .flag(get(model)) : nil
        case .list(_, let get): return rest.isEmpty ? .list(get(model)) : nil
        case .storedObject(let offset, let table):
            let inside = model.advanced(by: offset)
            return rest.isEmpty
                ? .object(ModelRows(base: inside, count: 1, table: table, owner: nil), 0)
                : table.value(rest, at: inside)
        case .object(_, let get):
            let rows = get(model)
            // What is found inside the copy lives in the copy: its rows keep it.
            return rest.isEmpty ? .object(rows, 0) : rows.value(0, rest).map { $0.kept(by: rows.owner) }
        }
    }

    /// Writes what the dotted name `keys` names in the model at `model` into a page: a stored
    /// text or flag from where it lies, anything else as `value(_:at:)` gives it.
    func append(_ keys: UnsafeBufferPointer<Int>, at model: UnsafeRawPointer, escaped: Bool, to out: inout [UInt8]) {
        guard let key = keys.first, let slot = index.slot(key) else { return }
        switch readers[slot] {
        case .storedText(let offset) where keys.count == 1:
            let text = model.advanced(by: offset).assumingMemoryBound(to: String.self)
            escaped ? MRenderer.appendEscaped(text.pointee, to: &out) : MRenderer.appendRaw(text.pointee, to: &out)
        case .storedFlag(let offset) where keys.count == 1:
            let flag = model.advanced(by: offset).assumingMemoryBound(to: Bool.self).pointee
            MRenderer.append(flag ? MRenderer.trueBytes : MRenderer.falseBytes, to: &out)
        case .storedObject(let offset, let table) where keys.count > 1:
            table.append(
                UnsafeBufferPointer(rebasing: keys.dropFirst()), at: model.advanced(by: offset), escaped: escaped,
                to: &out)
        default:
            value(keys, at: model)?.append(escaped: escaped, to: &out)
        }
    }

    /// Appends every field of the model at `model` to `out`, in table order (`FieldTable.write`).
    package func write(_ model: UnsafeRawPointer, into out: inout [UInt8]) {
        for reader in readers {
            switch reader {
            case .storedText(let offset):
                ViewModelBytes.text(model.advanced(by: offset).assumingMemoryBound(to: String.self).pointee, into: &out)
            case .storedFlag(let offset):
                out.append(model.advanced(by: offset).assumingMemoryBound(to: Bool.self).pointee ? 1 : 0)
            case .text(let get): ViewModelBytes.text(get(model), into: &out)
            case .link(let get):
                let (root, path) = get(model)
                ViewModelBytes.text(root, into: &out)
                ViewModelBytes.text(path, into: &out)
            case .flag(let get): out.append(get(model) ? 1 : 0)
            case .list(_, let get):
                let rows = get(model)
                ViewModelBytes.count(rows.count, into: &out)
                for i in 0..<rows.count { rows.table.write(rows.row(i), into: &out) }
            case .storedObject(let offset, let table): table.write(model.advanced(by: offset), into: &out)
            case .object(_, let get):
                let rows = get(model)
                rows.table.write(rows.row(0), into: &out)
            }
        }
    }
}

/// The fields of the view-model type `Model`: declared once, as `static let fields` of its
/// `ViewModel` conformance.
package final class FieldTable<Model>: Sendable {
    /// The fields, each name once.
    package let fields: [Field<Model>]
    /// The same fields without the type, as the renderer reads them.
    package let rows: RowTable

    /// A table of `fields` (each name once).
    package init(_ fields: [Field<Model>]) {
        self.fields = fields
        rows = RowTable(names: fields.map(\.name), readers: fields.map(\.reader), stride: MemoryLayout<Model>.stride)
    }

    /// A table of every field of the stored property `part` (the page layout, for instance),
    /// read in place, and `fields`, which replace the part's fields of the same name.
    package convenience init<Part: ViewModel>(embedding part: KeyPath<Model, Part>, _ fields: [Field<Model>]) {
        guard let offset = MemoryLayout<Model>.offset(of: part) else {
            preconditionFailure("an embedded part must be a stored property of a struct")
        }
        let own = Set(fields.map(\.name))
        self.init(Part.fields.fields.filter { !own.contains($0.name) }.map { $0.embedded(at: offset) } + fields)
    }

    /// Their names by key number, and their shape.
    package var index: FieldIndex { rows.index }

    /// The keys a template may use in a context of this type.
    package var shape: [String: Shape] { index.shape }

    /// What the dotted name `keys` names in the model at `model`: its first key a field of
    /// this type, the rest fields of the objects below.
    package func value(_ keys: UnsafeBufferPointer<Int>, at model: UnsafePointer<Model>) -> TypedValue? {
        rows.value(keys, at: UnsafeRawPointer(model))
    }

    /// Appends every field of the model at `model` to `out`, in table order, so that two models
    /// give the same bytes exactly when a template sees the same values in them: each text with
    /// its length first, a link as its two texts, a flag as one byte, a list as its count and
    /// its rows. What a page's digest is taken over (`PageMemo`).
    package func write(_ model: UnsafePointer<Model>, into out: inout [UInt8]) {
        rows.write(UnsafeRawPointer(model), into: &out)
    }

    /// `write(_:into:)` of `model`, read where it lies.
    package func write(_ model: Model, into out: inout [UInt8]) {
        withUnsafePointer(to: model) { write($0, into: &out) }
    }
}

/// The byte form of view-model values that `FieldTable.write` appends.
package enum ViewModelBytes {
    /// A count or length: four bytes, little-endian.
    @inline(__always)
    package static func count(_ n: Int, into out: inout [UInt8]) {
        let v = UInt32(truncatingIfNeeded: n)
        out.append(UInt8(truncatingIfNeeded: v))
        out.append(UInt8(truncatingIfNeeded: v >> 8))
        out.append(UInt8(truncatingIfNeeded: v >> 16))
        out.append(UInt8(truncatingIfNeeded: v >> 24))
    }

    /// A text: its UTF-8 length, then its bytes.
    @inline(__always)
    package static func text(_ text: String, into out: inout [UInt8]) {
        var text = text
        text.withUTF8 { bytes in
            count(bytes.count, into: &out)
            out.append(contentsOf: bytes)
        }
    }
}
