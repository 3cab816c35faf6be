/// The shape of a view model: which keys a template may use, and what is below each.
/// Templates are checked against it before they render (swift-mustache renders a missing key
/// as nothing, so a typo would otherwise reach a reader silently).
public indirect enum Shape: Sendable {
    /// Text or HTML (always "true" in a section, so it may not open one).
    case value
    /// A flag (`true` / `false`), for sections that show or hide.
    case flag
    /// A list of items of the given shape.
    case list([String: Shape])
    /// A nested object with the given keys.
    case object([String: Shape])

    /// The keys of a list or object; empty for a value.
    package var keys: [String: Shape] {
        switch self {
        case .value, .flag: return [:]
        case .list(let keys), .object(let keys): return keys
        }
    }
}
