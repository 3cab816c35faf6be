import Synchronization

/// Numbers for the names that templates use and that view models' fields have, the same
/// number for the same name everywhere in the process. Templates number their names once, when
/// compiled; field tables number theirs once, when made; rendering then finds a field by its
/// number (`FieldIndex.slot`), never by comparing or hashing names.
package enum FieldKeys {
    private static let numbers = Mutex<[String: Int]>([:])

    /// The number of `name`, given to it the first time it is asked for.
    package static func id(_ name: String) -> Int {
        numbers.withLock { numbers in
            if let id = numbers[name] { return id }
            let id = numbers.count
            numbers[name] = id
            return id
        }
    }
}
