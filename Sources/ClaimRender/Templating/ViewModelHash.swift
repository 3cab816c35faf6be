import OutputFiles
import TypedMustache

extension ContentHash.Stream {
    /// Adds every field of `model` in its table's order, as `FieldTable.write` gives them (the
    /// bytes a page's digest is taken over): two models that differ in any value a template
    /// may use add different bytes.
    mutating func add<Model: ViewModel>(model: Model) {
        var bytes: [UInt8] = []
        withUnsafePointer(to: model) { Model.fields.write($0, into: &bytes) }
        add(UInt64(bytes.count))
        bytes.withUnsafeBytes { add(bytes: $0) }
    }
}
