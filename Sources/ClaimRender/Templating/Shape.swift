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
    var keys: [String: Shape] {
        switch self {
        case .value, .flag: return [:]
        case .list(let keys), .object(let keys): return keys
        }
    }
}

/// Checks that every value a view model holds is declared by its shape and that every
/// declared key is present, so shapes and view models cannot drift apart.
public enum ShapeConformance {
    /// Problems of `context` against `shape`, as key paths (`claims[0].customer: missing`).
    public static func problems(_ context: [String: Any], _ shape: [String: Shape], path: String = "") -> [String] {
        var out: [String] = []
        for key in shape.keys.sorted() where context[key] == nil {
            out.append("\(path)\(key): missing from the view model")
        }
        for (key, value) in context.sorted(by: { $0.key < $1.key }) {
            guard let expected = shape[key] else {
                out.append("\(path)\(key): not declared in the shape")
                continue
            }
            switch (expected, value) {
            case (.list(let item), let items as [[String: Any]]):
                for (i, element) in items.enumerated() { out += problems(element, item, path: "\(path)\(key)[\(i)].") }
            case (.object(let inner), let object as [String: Any]):
                out += problems(object, inner, path: "\(path)\(key).")
            case (.value, is String), (.flag, is Bool):
                break
            default:
                out.append("\(path)\(key): does not match its shape")
            }
        }
        return out
    }
}
