import OutputFiles
import TypedMustache

extension ContentHash.Stream {
    /// Adds the bytes of a view model's fields as `FieldTable.write` gives them (the bytes a
    /// page's digest is taken over), with their count: two models that differ in any value a
    /// template may use add different bytes.
    mutating func add(fields bytes: [UInt8]) {
        add(UInt64(bytes.count))
        bytes.withUnsafeBytes { add(bytes: $0) }
    }
}
