/// A Mustache context stack: what the renderer asks of a view model, the same for typed view
/// models (`TypedStack`: every page and email a build renders) and untyped `MValue` trees
/// (`MValueStack`: the tests' data). The renderer is specialized for each.
package protocol MustacheStack {
    /// Writes the value `path` names: text (HTML-escaped when `escaped`), a flag as `true` or
    /// `false`; nothing for a list, an object or a missing name.
    func write(_ path: PathRef, escaped: Bool, into out: inout [UInt8])

    /// Runs `body` for the section on `path`: not for a missing name or `false`, once for
    /// `true`, once per item of a list (pushed), once for text or an object (pushed). An
    /// inverted section runs once for a missing name or `false`, and for an empty list (pushed).
    mutating func section(_ path: PathRef, inverted: Bool, _ body: (inout Self) -> Void)
}

/// A path as the renderer hands it to a stack: pointers to the path and to its key numbers,
/// which the template holds for longer than it renders. Passing one retains nothing (passing
/// an `MPath` retained and released its two arrays for every value written).
package struct PathRef {
    /// The path.
    package let path: UnsafePointer<MPath>
    /// Its keys' numbers (`MPath.ids`).
    package let ids: UnsafeBufferPointer<Int>
    /// Whether it starts with `.` (`MPath.anchored`).
    package let anchored: Bool

    package init(path: UnsafePointer<MPath>, ids: UnsafeBufferPointer<Int>) {
        self.path = path
        self.ids = ids
        anchored = path.pointee.anchored
    }

    /// Runs `body` with a reference to `path`, valid for the call.
    package static func with<T>(_ path: MPath, _ body: (PathRef) -> T) -> T {
        withUnsafePointer(to: path) { pointer in
            path.ids.withUnsafeBufferPointer { ids in body(PathRef(path: pointer, ids: ids)) }
        }
    }
}

/// The context stack of an `MValue` view model (made from `[String: Any]`). No build renders
/// one: the tests render the Mustache spec's data and their random data with it, to prove the
/// engine against the spec and against swift-mustache (the typed stack is then proved against it).
package struct MValueStack: MustacheStack {
    package var values: [MValue]

    package func lookup(_ path: MPath) -> MValue? {
        guard var value = values.last else { return nil }
        if !path.anchored {
            guard let first = path.keys.first else { return value }
            var found = false
            for object in values.reversed() {
                guard case .object(let members) = object, let member = members[first] else { continue }
                value = member
                found = true
                break
            }
            guard found else { return nil }
            for key in path.keys.dropFirst() {
                guard case .object(let inner) = value, let next = inner[key] else { return nil }
                value = next
            }
            return value
        }
        for key in path.keys {
            guard case .object(let inner) = value, let next = inner[key] else { return nil }
            value = next
        }
        return value
    }

    package func write(_ path: PathRef, escaped: Bool, into out: inout [UInt8]) {
        switch lookup(path.path.pointee) {
        case .text(let s)?: escaped ? MRenderer.appendEscaped(s, to: &out) : MRenderer.appendRaw(s, to: &out)
        case .flag(let b)?: out.append(contentsOf: b ? MRenderer.trueBytes : MRenderer.falseBytes)
        // Lists and objects show nothing (swift-mustache would print Swift's description).
        case .list?, .object?, nil: break
        }
    }

    package mutating func section(_ path: PathRef, inverted: Bool, _ body: (inout MValueStack) -> Void) {
        let value = lookup(path.path.pointee)
        if inverted {
            switch value {
            case nil, .flag(false)?:
                body(&self)
            case .list(let items)? where items.isEmpty:
                values.append(value!)
                body(&self)
                values.removeLast()
            default: break
            }
            return
        }
        switch value {
        case nil, .flag(false)?: break
        case .flag(true)?: body(&self)
        case .list(let items)?:
            for item in items {
                values.append(item)
                body(&self)
                values.removeLast()
            }
        case let other?:
            values.append(other)
            body(&self)
            values.removeLast()
        }
    }
}
