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
/// inside the model that holds it), so reading a field copies the field, never the model.
package struct Field<Model>: Sendable {
    /// The name templates use.
    package let name: String
    /// What the field holds, with how to read it.
    package let kind: FieldKind<Model>

    /// Text or HTML (escaped or not as the tag says; always shown by a section).
    package static func text(_ name: String, _ get: @escaping @Sendable (Model) -> String) -> Field {
        Field(name: name, kind: .text { get($0.pointee) })
    }

    /// A link: the page's way up to the output root (`../…`) followed by the target's path
    /// from there, written one after the other without being joined first.
    package static func link(_ name: String, _ get: @escaping @Sendable (Model) -> (root: String, path: String))
        -> Field
    {
        Field(name: name, kind: .link { get($0.pointee) })
    }

    /// A flag, for sections that show or hide.
    package static func flag(_ name: String, _ get: @escaping @Sendable (Model) -> Bool) -> Field {
        Field(name: name, kind: .flag { get($0.pointee) })
    }

    /// Text held in a stored property of the model (`\.name`): read in place, where the model
    /// lies, so that only the text is copied, not the model (a closure is handed a copy of the
    /// whole model).
    package static func text(_ name: String, _ path: KeyPath<Model, String> & Sendable) -> Field {
        guard let offset = MemoryLayout<Model>.offset(of: path) else { return .text(name) { $0[keyPath: path] } }
        return Field(name: name, kind: .text { stored($0, offset, as: String.self) })
    }

    /// A flag held in a stored property of the model, read in place.
    package static func flag(_ name: String, _ path: KeyPath<Model, Bool> & Sendable) -> Field {
        guard let offset = MemoryLayout<Model>.offset(of: path) else { return .flag(name) { $0[keyPath: path] } }
        return Field(name: name, kind: .flag { stored($0, offset, as: Bool.self) })
    }

    /// A list held in a stored property of the model, read in place.
    package static func list<Row: ViewModel>(_ name: String, _ path: KeyPath<Model, [Row]> & Sendable) -> Field {
        guard let offset = MemoryLayout<Model>.offset(of: path) else { return .list(name) { $0[keyPath: path] } }
        return list(name, rows: { stored($0, offset, as: [Row].self) })
    }

    /// The value of type `T` stored `offset` bytes into the model at `model`.
    @inline(__always)
    private static func stored<T>(_ model: UnsafePointer<Model>, _ offset: Int, as: T.Type) -> T {
        UnsafeRawPointer(model).advanced(by: offset).assumingMemoryBound(to: T.self).pointee
    }

    /// A list of rows of another view-model type.
    package static func list<Row: ViewModel>(_ name: String, _ get: @escaping @Sendable (Model) -> [Row]) -> Field {
        list(name, rows: { get($0.pointee) })
    }

    /// A list of rows of another view-model type, read from a pointer to the model.
    private static func list<Row: ViewModel>(
        _ name: String, rows get: @escaping @Sendable (UnsafePointer<Model>) -> [Row]
    ) -> Field {
        Field(
            name: name,
            kind: .list(
                NestedField(
                    index: Row.fields.index,
                    rows: { ModelRows(get($0)) },
                    descend: { _, _ in nil },
                    write: { model, out in
                        let rows = get(model)
                        ViewModelBytes.count(rows.count, into: &out)
                        rows.withUnsafeBufferPointer { buffer in
                            for i in buffer.indices { Row.fields.write(buffer.baseAddress! + i, into: &out) }
                        }
                    })))
    }

    /// One value of another view-model type, a stored property of the model (a section on
    /// it shows once, inside it). It is read in place, where the model holds it.
    package static func object<Object: ViewModel>(_ name: String, _ path: KeyPath<Model, Object> & Sendable) -> Field {
        guard let offset = MemoryLayout<Model>.offset(of: path) else {
            // Not stored inline (a class's property): read a copy.
            return Field(
                name: name,
                kind: .object(
                    NestedField(
                        index: Object.fields.index,
                        rows: { ModelRows([$0.pointee[keyPath: path]]) },
                        descend: { model, keys in
                            [model.pointee[keyPath: path]].withUnsafeBufferPointer {
                                Object.fields.value(keys, at: $0.baseAddress!)
                            }
                        },
                        write: { model, out in
                            withUnsafePointer(to: model.pointee[keyPath: path]) { Object.fields.write($0, into: &out) }
                        })))
        }
        @Sendable func inside(_ model: UnsafePointer<Model>) -> UnsafePointer<Object> {
            UnsafeRawPointer(model).advanced(by: offset).assumingMemoryBound(to: Object.self)
        }
        return Field(
            name: name,
            kind: .object(
                NestedField(
                    index: Object.fields.index,
                    rows: { ModelRows([inside($0).pointee]) },
                    descend: { model, keys in Object.fields.value(keys, at: inside(model)) },
                    write: { model, out in Object.fields.write(inside(model), into: &out) })))
    }

    /// The same field of a larger model that holds this one as a stored property, `offset`
    /// bytes into it (`MemoryLayout.offset(of:)`): read in place, nothing copied.
    package func embedded<Outer>(at offset: Int) -> Field<Outer> {
        @Sendable func part(_ outer: UnsafePointer<Outer>) -> UnsafePointer<Model> {
            UnsafeRawPointer(outer).advanced(by: offset).assumingMemoryBound(to: Model.self)
        }
        switch kind {
        case .text(let get): return Field<Outer>(name: name, kind: .text { get(part($0)) })
        case .link(let get): return Field<Outer>(name: name, kind: .link { get(part($0)) })
        case .flag(let get): return Field<Outer>(name: name, kind: .flag { get(part($0)) })
        case .list(let nested): return Field<Outer>(name: name, kind: .list(nested.embedded(part)))
        case .object(let nested): return Field<Outer>(name: name, kind: .object(nested.embedded(part)))
        }
    }
}

/// What a field holds, with how to read it from a pointer to its model.
package enum FieldKind<Model>: Sendable {
    case text(@Sendable (UnsafePointer<Model>) -> String)
    case link(@Sendable (UnsafePointer<Model>) -> (root: String, path: String))
    case flag(@Sendable (UnsafePointer<Model>) -> Bool)
    case list(NestedField<Model>)
    case object(NestedField<Model>)
}

/// A field holding other view models (a list of rows or one object). Its closures are made
/// where the nested type is known, so they run specialized for it; the renderer calls them
/// without knowing it.
package struct NestedField<Model>: Sendable {
    /// The nested type's names and shape.
    package let index: FieldIndex
    /// The rows as the context stack holds them (for an object, a copy of it: pushed by a
    /// section on it; a dotted name reads it in place through `descend`).
    package let rows: @Sendable (UnsafePointer<Model>) -> ModelRows
    /// For an object: the value that the rest of a dotted name names inside it.
    package let descend: @Sendable (UnsafePointer<Model>, ArraySlice<Int>) -> TypedValue?
    /// Appends the value's bytes for its digest (`FieldTable.write`).
    package let write: @Sendable (UnsafePointer<Model>, inout [UInt8]) -> Void

    /// The same field of a larger model, read in the part that `part` points to.
    package func embedded<Outer>(_ part: @escaping @Sendable (UnsafePointer<Outer>) -> UnsafePointer<Model>)
        -> NestedField<Outer>
    {
        let (rows, descend, write) = (rows, descend, write)
        return NestedField<Outer>(
            index: index, rows: { rows(part($0)) },
            descend: { descend(part($0), $1) }, write: { write(part($0), &$1) })
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

    package init<Model>(_ fields: [Field<Model>]) {
        names = fields.map(\.name)
        precondition(Set(names).count == names.count, "a view model names a field twice: \(names)")
        let ids = names.map(FieldKeys.id)
        var slots = [Int32](repeating: -1, count: (ids.max() ?? -1) + 1)
        for (place, id) in ids.enumerated() { slots[id] = Int32(place) }
        self.slots = slots
        var shape: [String: Shape] = [:]
        for field in fields {
            switch field.kind {
            case .text, .link: shape[field.name] = .value
            case .flag: shape[field.name] = .flag
            case .list(let nested): shape[field.name] = .list(nested.index.shape)
            case .object(let nested): shape[field.name] = .object(nested.index.shape)
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

/// The fields of the view-model type `Model`: declared once, as `static let fields` of its
/// `ViewModel` conformance.
package final class FieldTable<Model>: Sendable {
    /// The fields, each name once.
    package let fields: [Field<Model>]
    /// Their names by key number, and their shape.
    package let index: FieldIndex

    /// A table of `fields` (each name once).
    package init(_ fields: [Field<Model>]) {
        self.fields = fields
        index = FieldIndex(fields)
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

    /// The keys a template may use in a context of this type.
    package var shape: [String: Shape] { index.shape }

    /// What the dotted name `keys` names in the model at `model`: its first key a field of
    /// this type, the rest fields of the objects below.
    package func value(_ keys: ArraySlice<Int>, at model: UnsafePointer<Model>) -> TypedValue? {
        guard let key = keys.first, let slot = index.slot(key) else { return nil }
        let rest = keys.dropFirst()
        switch fields[slot].kind {
        case .text(let get): return rest.isEmpty ? .text(get(model)) : nil
        case .link(let get):
            guard rest.isEmpty else { return nil }
            let (root, path) = get(model)
            return .link(root, path)
        case .flag(let get): return rest.isEmpty ? .flag(get(model)) : nil
        case .list(let nested): return rest.isEmpty ? .list(nested.rows(model)) : nil
        case .object(let nested): return rest.isEmpty ? .object(nested.rows(model), 0) : nested.descend(model, rest)
        }
    }

    /// Appends every field of the model at `model` to `out`, in table order, so that two models
    /// give the same bytes exactly when a template sees the same values in them: each text with
    /// its length first, a link as its two texts, a flag as one byte, a list as its count and
    /// its rows. What a page's digest is taken over (`PageMemo`).
    package func write(_ model: UnsafePointer<Model>, into out: inout [UInt8]) {
        for field in fields {
            switch field.kind {
            case .text(let get): ViewModelBytes.text(get(model), into: &out)
            case .link(let get):
                let (root, path) = get(model)
                ViewModelBytes.text(root, into: &out)
                ViewModelBytes.text(path, into: &out)
            case .flag(let get): out.append(get(model) ? 1 : 0)
            case .list(let nested), .object(let nested): nested.write(model, &out)
            }
        }
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
