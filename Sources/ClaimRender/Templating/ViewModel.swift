/// A typed view model: a value the compiled templates render straight into bytes. Its one field
/// table says which names a template may use, what each holds and how to read it; the template
/// check derives the allowed keys from the same table (`FieldIndex.shape`), so the two cannot
/// drift apart.
protocol ViewModel: Sendable {
    /// The fields a template may name, each once.
    static var fields: FieldTable<Self> { get }
}

/// A field of a view model of type `Model`: its name in templates, and what it holds.
struct Field<Model>: Sendable {
    /// The name templates use.
    let name: String
    /// What the field holds, with how to read it.
    let kind: FieldKind<Model>

    /// Text or HTML (escaped or not as the tag says; always shown by a section).
    static func text(_ name: String, _ get: @escaping @Sendable (Model) -> String) -> Field {
        Field(name: name, kind: .text(get))
    }

    /// A flag, for sections that show or hide.
    static func flag(_ name: String, _ get: @escaping @Sendable (Model) -> Bool) -> Field {
        Field(name: name, kind: .flag(get))
    }

    /// A list of rows of another view-model type.
    static func list<Row: ViewModel>(_ name: String, _ get: @escaping @Sendable (Model) -> [Row]) -> Field {
        Field(name: name, kind: .list(NestedField(
            index: Row.fields.index,
            rows: { ModelRows(get($0)) },
            any: { model in get(model).map { Row.fields.dictionary($0) } },
            descend: { _, _ in nil })))
    }

    /// One value of another view-model type (a section on it shows once, inside it).
    static func object<Object: ViewModel>(_ name: String, _ get: @escaping @Sendable (Model) -> Object) -> Field {
        Field(name: name, kind: .object(NestedField(
            index: Object.fields.index,
            rows: { ModelRows(one: get($0)) },
            any: { Object.fields.dictionary(get($0)) },
            descend: { model, keys in Object.fields.value(keys, in: get(model)) })))
    }

    /// The same field read from a larger model through `part`.
    func embedded<Outer>(in part: @escaping @Sendable (Outer) -> Model) -> Field<Outer> {
        switch kind {
        case .text(let get): return .text(name) { get(part($0)) }
        case .flag(let get): return .flag(name) { get(part($0)) }
        case .list(let nested): return Field<Outer>(name: name, kind: .list(nested.embedded(in: part)))
        case .object(let nested): return Field<Outer>(name: name, kind: .object(nested.embedded(in: part)))
        }
    }
}

/// What a field holds, with how to read it from its model.
enum FieldKind<Model>: Sendable {
    case text(@Sendable (Model) -> String)
    case flag(@Sendable (Model) -> Bool)
    case list(NestedField<Model>)
    case object(NestedField<Model>)
}

/// A field holding other view models (a list of rows or one object). Its closures are made
/// where the nested type is known, so they run specialized for it; the renderer calls them
/// without knowing it.
struct NestedField<Model>: Sendable {
    /// The nested type's names and shape.
    let index: FieldIndex
    /// The rows (one for an object) as the context stack holds them.
    let rows: @Sendable (Model) -> ModelRows
    /// The value as swift-mustache takes it (`[[String: Any]]` or `[String: Any]`).
    let any: @Sendable (Model) -> Any
    /// For an object: the value that the rest of a dotted name names inside it.
    let descend: @Sendable (Model, ArraySlice<Int>) -> TypedValue?

    func embedded<Outer>(in part: @escaping @Sendable (Outer) -> Model) -> NestedField<Outer> {
        let (rows, any, descend) = (rows, any, descend)
        return NestedField<Outer>(index: index, rows: { rows(part($0)) }, any: { any(part($0)) },
                                  descend: { descend(part($0), $1) })
    }
}

/// The names of a view-model type's fields, without the type: what the renderer needs to find
/// a field by key number, and the shape the template check derives from them.
final class FieldIndex: Sendable {
    /// The field names, in table order.
    let names: [String]
    /// By key number (`FieldKeys`): the field's place in the table, or -1.
    let slots: [Int32]
    /// The keys a template may use in a context of this type, and what is below each.
    let shape: [String: Shape]

    init<Model>(_ fields: [Field<Model>]) {
        names = fields.map(\.name)
        precondition(Set(names).count == names.count, "a view model names a field twice: \(names)")
        let ids = names.map(FieldKeys.id)
        var slots = [Int32](repeating: -1, count: (ids.max() ?? -1) + 1)
        for (place, id) in ids.enumerated() { slots[id] = Int32(place) }
        self.slots = slots
        var shape: [String: Shape] = [:]
        for field in fields {
            switch field.kind {
            case .text: shape[field.name] = .value
            case .flag: shape[field.name] = .flag
            case .list(let nested): shape[field.name] = .list(nested.index.shape)
            case .object(let nested): shape[field.name] = .object(nested.index.shape)
            }
        }
        self.shape = shape
    }

    /// The place of the field numbered `key`, if this type has one.
    @inline(__always)
    func slot(_ key: Int) -> Int? {
        guard key < slots.count else { return nil }
        let slot = slots[key]
        return slot < 0 ? nil : Int(slot)
    }
}

/// The fields of the view-model type `Model`: declared once, as `static let fields` of its
/// `ViewModel` conformance.
final class FieldTable<Model>: Sendable {
    /// The fields, each name once.
    let fields: [Field<Model>]
    /// Their names by key number, and their shape.
    let index: FieldIndex

    /// A table of `fields` (each name once).
    init(_ fields: [Field<Model>]) {
        self.fields = fields
        index = FieldIndex(fields)
    }

    /// A table of every field of the part `part` reads (the page layout, for instance), and
    /// `fields`, which replace the part's fields of the same name.
    convenience init<Part: ViewModel>(embedding part: @escaping @Sendable (Model) -> Part, _ fields: [Field<Model>]) {
        let own = Set(fields.map(\.name))
        self.init(Part.fields.fields.filter { !own.contains($0.name) }.map { $0.embedded(in: part) } + fields)
    }

    /// The keys a template may use in a context of this type.
    var shape: [String: Shape] { index.shape }

    /// What the dotted name `keys` names in `model`: its first key a field of this type, the
    /// rest fields of the objects below.
    func value(_ keys: ArraySlice<Int>, in model: Model) -> TypedValue? {
        guard let key = keys.first, let slot = index.slot(key) else { return nil }
        let rest = keys.dropFirst()
        switch fields[slot].kind {
        case .text(let get): return rest.isEmpty ? .text(get(model)) : nil
        case .flag(let get): return rest.isEmpty ? .flag(get(model)) : nil
        case .list(let nested): return rest.isEmpty ? .list(nested.rows(model)) : nil
        case .object(let nested): return rest.isEmpty ? .object(nested.rows(model), 0) : nested.descend(model, rest)
        }
    }

    /// `model` as swift-mustache takes a view model (`String`, `Bool`, `[[String: Any]]`,
    /// `[String: Any]`), walking this table: for tests, which render it with swift-mustache as
    /// an oracle, and for checks of the table against the shapes it gives.
    func dictionary(_ model: Model) -> [String: Any] {
        var out: [String: Any] = [:]
        for field in fields {
            switch field.kind {
            case .text(let get): out[field.name] = get(model)
            case .flag(let get): out[field.name] = get(model)
            case .list(let nested), .object(let nested): out[field.name] = nested.any(model)
            }
        }
        return out
    }
}
