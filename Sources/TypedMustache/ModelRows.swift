/// Rows of one view-model type as the context stack holds them, without their type: a list's
/// rows, or a single object. A row is read in place, where it lies, through its type's
/// `RowTable`: nothing is copied or converted.
///
/// Rows read in place inside a model (a stored list or object) are kept alive by that model,
/// which lies in rows further out on the stack; rows made for the occasion (a list a closure
/// returns, the model a rendering starts with) are kept by `owner`.
package struct ModelRows {
    /// The first row.
    let base: UnsafeRawPointer
    /// How many rows.
    package let count: Int
    /// The row type's fields.
    let table: RowTable
    /// What keeps the rows' memory alive, when no model further out does.
    let owner: AnyObject?

    init(base: UnsafeRawPointer, count: Int, table: RowTable, owner: AnyObject?) {
        (self.base, self.count, self.table, self.owner) = (base, count, table, owner)
    }

    /// The rows of `rows`, kept by these rows.
    package init<Row: ViewModel>(_ rows: [Row]) {
        let kept = KeptRows(rows)
        self.init(base: kept.base, count: rows.count, table: Row.fields.rows, owner: kept)
    }

    /// The rows of the list at `list`, which lies in a model that outlives these rows.
    init<Row: ViewModel>(inPlace list: UnsafePointer<[Row]>) {
        let base = list.pointee.withUnsafeBufferPointer { KeptRows<Row>.base(of: $0) }
        self.init(base: base, count: list.pointee.count, table: Row.fields.rows, owner: nil)
    }

    /// The row type's field names by key number.
    package var index: FieldIndex { table.index }

    /// Row `i`.
    @inline(__always)
    func row(_ i: Int) -> UnsafeRawPointer { base.advanced(by: i &* table.stride) }

    /// What the dotted name `keys` names in row `i` (its first key a field of the row type).
    @inline(__always)
    package func value(_ i: Int, _ keys: UnsafeBufferPointer<Int>) -> TypedValue? {
        table.value(keys, at: row(i))
    }
}

/// A list that rows are read from in place, kept alive for as long as they are read.
private final class KeptRows<Row>: @unchecked Sendable {
    let rows: [Row]
    let base: UnsafeRawPointer

    init(_ rows: [Row]) {
        self.rows = rows
        base = rows.withUnsafeBufferPointer { KeptRows.base(of: $0) }
    }

    /// Where the buffer's rows start (an empty list has no row to read: any aligned address).
    static func base(of buffer: UnsafeBufferPointer<Row>) -> UnsafeRawPointer {
        buffer.baseAddress.map { UnsafeRawPointer($0) }
            ?? UnsafeRawPointer(bitPattern: MemoryLayout<Row>.alignment)!
    }
}

/// What a name resolves to in a typed view model.
package enum TypedValue {
    case text(String)
    /// Text written as two parts, one after the other (`Field.link`).
    case link(String, String)
    case flag(Bool)
    /// A list of rows.
    case list(ModelRows)
    /// One object: row `Int` of the rows.
    case object(ModelRows, Int)

    /// Writes the value into a page: text (HTML-escaped when `escaped`), a flag as `true` or
    /// `false`; nothing for a list or an object.
    func append(escaped: Bool, to out: inout [UInt8]) {
        switch self {
        case .text(let text): escaped ? MRenderer.appendEscaped(text, to: &out) : MRenderer.appendRaw(text, to: &out)
        case .link(let first, let second):
            if escaped {
                MRenderer.appendEscaped(first, to: &out)
                MRenderer.appendEscaped(second, to: &out)
            } else {
                MRenderer.appendRaw(first, to: &out)
                MRenderer.appendRaw(second, to: &out)
            }
        case .flag(let flag): MRenderer.append(flag ? MRenderer.trueBytes : MRenderer.falseBytes, to: &out)
        case .list, .object: break
        }
    }

    /// The same value, its rows kept alive by `owner` when nothing else keeps them.
    func kept(by owner: AnyObject?) -> TypedValue {
        switch self {
        case .list(let rows) where rows.owner == nil:
            return .list(ModelRows(base: rows.base, count: rows.count, table: rows.table, owner: owner))
        case .object(let rows, let i) where rows.owner == nil:
            return .object(ModelRows(base: rows.base, count: rows.count, table: rows.table, owner: owner), i)
        default: return self
        }
    }
}
