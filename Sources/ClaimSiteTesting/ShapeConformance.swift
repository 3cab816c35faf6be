import TypedMustache

/// Checks that every value a view model holds is declared by its shape and that every
/// declared key is present, so shapes and view models cannot drift apart.
package enum ShapeConformance {
    /// Problems of `context` against `shape`, as key paths (`claims[0].customer: missing`).
    package static func problems(_ context: [String: Any], _ shape: [String: Shape], path: String = "") -> [String] {
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
