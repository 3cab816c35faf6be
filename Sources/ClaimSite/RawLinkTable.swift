import Foundation
import LinkCheck
import OutputFiles

/// The links of pages the memo's builder has resolved, by their bytes: a link value as a page
/// has it and the folder it resolves from, to the number of its link. A plain value — ASCII
/// without `:`, `%` or `&`; `../` steps, then segments that are neither empty, `.` nor `..`,
/// then maybe `#` and a fragment — leads to the same file from every page whose folder, less
/// one last segment per step, is the same: pages of different folders share it
/// (`../../customers/X.html` from every engagement's page). Other values are not kept: they
/// are resolved against their page each time (`LinkCheck.destination`).
///
/// An open-addressing table over one array of bytes, so that a lookup makes, copies and
/// retains nothing.
struct RawLinkTable {
    /// A link value on a page, borrowed from the page's bytes while it is looked up.
    struct Key {
        /// The value's bytes.
        let value: UnsafeRawBufferPointer
        /// The bytes of the folder it resolves from, when it is plain and stays inside the
        /// output (`nil` with `outside`: its steps leave the output).
        let base: UnsafeRawBufferPointer?
        let plain: Bool
        let hash: UInt64

        /// The value `value` (`valueHash`: its bytes' `ContentHash`) on the page whose path's
        /// bytes are `page`.
        init(page: UnsafeRawBufferPointer, value: UnsafeRawBufferPointer, hash valueHash: UInt64) {
            self.value = value
            guard let steps = RawLinkTable.steps(value) else {
                (base, plain, hash) = (nil, false, 0)
                return
            }
            plain = true
            var end = page.lastIndex(of: UInt8(ascii: "/")) ?? 0
            var outside = false
            for _ in 0..<steps {
                if end == 0 {
                    outside = true
                    break
                }
                end = page[..<end].lastIndex(of: UInt8(ascii: "/")) ?? 0
            }
            base = outside ? nil : UnsafeRawBufferPointer(rebasing: page[..<end])
            let baseHash = base.map { ContentHash.of($0) } ?? 0x5BD1_E995
            let mixed = (baseHash &* 0x9E37_79B9_7F4A_7C15) ^ valueHash
            hash = mixed == 0 ? 1 : mixed
        }
    }

    /// A kept key: where its bytes are in `bytes` (base, then value), and its link.
    private struct Slot {
        var hash: UInt64 = 0
        var start: UInt32 = 0
        /// The base's length; `UInt32.max` for a value whose steps leave the output.
        var baseCount: UInt32 = 0
        var valueCount: UInt32 = 0
        var link: UInt32 = 0
    }

    private var slots = [Slot](repeating: Slot(), count: 1 << 12)
    private var bytes: [UInt8] = []
    private var count = 0

    /// How many `../` steps a plain value has; `nil` when it is not plain.
    static func steps(_ value: UnsafeRawBufferPointer) -> Int? {
        let special = value.contains {
            $0 >= 0x80 || $0 == UInt8(ascii: ":") || $0 == UInt8(ascii: "%") || $0 == UInt8(ascii: "&")
        }
        if special { return nil }
        let end = value.firstIndex(of: UInt8(ascii: "#")) ?? value.count
        var at = 0, steps = 0
        while end - at >= 3 && value[at] == UInt8(ascii: ".") && value[at + 1] == UInt8(ascii: ".")
            && value[at + 2] == UInt8(ascii: "/")
        {
            at += 3
            steps += 1
        }
        // The path after the steps: segments that are neither empty, `.` nor `..`.
        return LinkCheck.hasDotOrEmptySegment(bytes: UnsafeRawBufferPointer(rebasing: value[at..<end])) ? nil : steps
    }

    /// The link of `key`, when it is plain and was inserted.
    func find(_ key: Key) -> UInt32? {
        guard key.plain else { return nil }
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: key.hash) & mask
        return slots.withUnsafeBufferPointer { slots in
            bytes.withUnsafeBytes { stored -> UInt32? in
                while slots[i].hash != 0 {
                    if slots[i].hash == key.hash && matches(slots[i], key, stored) { return slots[i].link }
                    i = (i + 1) & mask
                }
                return nil
            }
        }
    }

    private func matches(_ slot: Slot, _ key: Key, _ stored: UnsafeRawBufferPointer) -> Bool {
        guard Int(slot.valueCount) == key.value.count else { return false }
        var at = Int(slot.start)
        if let base = key.base {
            guard Int(slot.baseCount) == base.count else { return false }
            guard base.isEmpty || memcmp(stored.baseAddress! + at, base.baseAddress!, base.count) == 0 else {
                return false
            }
            at += base.count
        } else if slot.baseCount != UInt32.max {
            return false
        }
        return key.value.isEmpty || memcmp(stored.baseAddress! + at, key.value.baseAddress!, key.value.count) == 0
    }

    /// Keeps `key` (when it is plain) with its link.
    mutating func insert(_ key: Key, _ link: UInt32) {
        guard key.plain else { return }
        if (count + 1) * 2 > slots.count { grow() }
        let start = UInt32(bytes.count)
        if let base = key.base { bytes.append(contentsOf: base) }
        bytes.append(contentsOf: key.value)
        place(
            Slot(
                hash: key.hash, start: start, baseCount: key.base.map { UInt32($0.count) } ?? UInt32.max,
                valueCount: UInt32(key.value.count), link: link))
        count += 1
    }

    private mutating func place(_ slot: Slot) {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: slot.hash) & mask
        while slots[i].hash != 0 { i = (i + 1) & mask }
        slots[i] = slot
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(), count: old.count * 2)
        for slot in old where slot.hash != 0 { place(slot) }
    }
}
