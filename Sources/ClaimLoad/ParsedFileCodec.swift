import ClaimModel
import Foundation

// The binary form of a `ParsedFile`, for the parse cache. Hand-written because it is read on
// every build, for every unchanged file: it must be much cheaper than parsing the file again.
//
// Layout (every integer an unsigned LEB128 varint; signed ones zigzag-encoded first):
//
//     count of strings, then each string as its UTF-8 length and bytes
//     the kind of file (one byte, `ParsedFile.Kind`), then its content
//     the diagnostics (a count, then each), the unreadable markers (a count, then each)
//
// A string is written as its index in the table, so a string that repeats (an engagement ID, a
// key path of a source map, a file name) is stored and made once. Strings are told apart by
// their bytes, not by Swift's `==` (which equates canonically equivalent texts), so every string
// reads back with its bytes. An optional value is a byte 0 (absent) or 1 and the value; a bool
// is a byte 0 or 1; an enumeration is its position in `allCases`; a list is a count and the
// items; dictionaries and sets are written sorted, so the same file gives the same bytes.
//
// Reading is strict: any value out of range, a count larger than the bytes left, an unknown
// enumeration case or a byte left over makes the whole entry invalid (`nil`), never a crash.
// Integrity (a flipped bit inside a string) is checked by the cache's own checksum.
// Changing anything here means bumping `ParsedFile.formatVersion`.

extension ParsedFile {
    /// The binary form of this result, or `nil` when it cannot be encoded exactly (a `Decimal`
    /// whose memory layout is not the one this code knows: that file is then not cached).
    public func encoded() -> [UInt8]? {
        var w = CacheWriter()
        w.byte(content.kind.rawValue)
        switch content {
        case .settings(let settings): w.optional(settings) { $0.settings($1) }
        case .locations(let items): w.array(items) { $0.location($1) }
        case .customers(let items): w.array(items) { $0.customer($1) }
        case .directory(let map):
            let keys = map.keys.sorted()
            w.count(keys.count)
            for key in keys {
                w.string(key.string)
                w.string(map[key]!)
            }
        case .eligibility(let items): w.array(items) { $0.eligibility($1) }
        case .opportunities(let items): w.array(items) { $0.opportunity($1) }
        case .users(let items): w.array(items) { $0.user($1) }
        case .claims(let items): w.array(items) { $0.claim($1) }
        case .engagement(let engagement): w.optional(engagement) { $0.engagement($1) }
        case .page(let page): w.optional(page) { $0.page($1) }
        }
        w.array(diagnostics) { $0.diagnostic($1) }
        w.array(unreadable) { $0.string($1) }
        return w.finish()
    }

    /// Reads back what `encoded()` wrote; `nil` when `bytes` are not exactly one valid encoding.
    public init?(encoded bytes: UnsafeRawBufferPointer) {
        var r = CacheReader(bytes)
        do {
            try r.readStrings()
            guard let kind = Kind(rawValue: try r.byte()) else { return nil }
            let content: Content
            switch kind {
            case .settings: content = .settings(try r.optional { try $0.settings() })
            case .locations: content = .locations(try r.array { try $0.location() })
            case .customers: content = .customers(try r.array { try $0.customer() })
            case .directory:
                let n = try r.count()
                var map: [ByteKey: String] = [:]
                map.reserveCapacity(n)
                for _ in 0..<n {
                    let key = ByteKey(try r.string())
                    map[key] = try r.string()
                }
                guard map.count == n else { return nil }
                content = .directory(map)
            case .eligibility: content = .eligibility(try r.array { try $0.eligibility() })
            case .opportunities: content = .opportunities(try r.array { try $0.opportunity() })
            case .users: content = .users(try r.array { try $0.user() })
            case .claims: content = .claims(try r.array { try $0.claim() })
            case .engagement: content = .engagement(try r.optional { try $0.engagement() })
            case .page: content = .page(try r.optional { try $0.page() })
            }
            let diagnostics = try r.array { try $0.diagnostic() }
            let unreadable = try r.array { try $0.string() }
            guard r.isAtEnd else { return nil }
            self.init(content: content, diagnostics: diagnostics, unreadable: unreadable)
        } catch {
            return nil
        }
    }
}

/// The cases of each enumeration, by position (`allCases` makes a new array on every call).
private enum Cases {
    static let activity = Activity.allCases
    static let pay = PayKind.allCases
    static let idType = CustomerIDType.allCases
    static let origin = Origin.allCases
    static let event = EventType.allCases
    static let userRole = UserRole.allCases
    static let audience = AudienceRole.allCases
    static let languages = Language.allCases
    static let recordKind = RecordKind.allCases
    static let code = DiagnosticCode.allCases
    static let proof = ProofItem.allCases
    static let verdict = Verdict.allCases
}

/// The strings of a cache entry's table, each found by its bytes: an open-addressing table of
/// FNV-1a hashes over one byte array. A claims file writes a table lookup for every recorded
/// field path of every claim (some 30 per claim), and `Dictionary` hashing each with SipHash
/// was most of the time of writing an entry.
private struct StringIndex {
    /// Every string's bytes, one after the other; string `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private var bytes: [UInt8] = []
    private var starts: [Int] = [0]
    /// Slot to string number + 1 (0 when empty); a power of two long.
    private var slots = [Int32](repeating: 0, count: 256)
    private var hashes = [UInt64](repeating: 0, count: 256)

    var count: Int { starts.count - 1 }

    /// The number of the string with `utf8`'s bytes, adding it when it is new (`added`).
    mutating func number(of utf8: UnsafeBufferPointer<UInt8>) -> (number: Int, added: Bool) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in utf8 { hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3 }
        var slot = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (slots.count - 1)
        while slots[slot] != 0 {
            let i = Int(slots[slot]) - 1
            if hashes[slot] == hash, starts[i + 1] - starts[i] == utf8.count,
                bytes.withUnsafeBufferPointer({
                    utf8.count == 0 || memcmp($0.baseAddress! + starts[i], utf8.baseAddress!, utf8.count) == 0
                })
            {
                return (i, false)
            }
            slot = (slot + 1) & (slots.count - 1)
        }
        let number = count
        bytes.append(contentsOf: utf8)
        starts.append(bytes.count)
        slots[slot] = Int32(number + 1)
        hashes[slot] = hash
        if count * 2 > slots.count { grow() }
        return (number, true)
    }

    private mutating func grow() {
        let old = (slots, hashes)
        slots = [Int32](repeating: 0, count: old.0.count * 2)
        hashes = [UInt64](repeating: 0, count: old.0.count * 2)
        for (slot, number) in old.0.enumerated() where number != 0 {
            let hash = old.1[slot]
            var at = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & (slots.count - 1)
            while slots[at] != 0 { at = (at + 1) & (slots.count - 1) }
            slots[at] = number
            hashes[at] = hash
        }
    }
}

// MARK: - Decimal

/// `Decimal` has no public access to its exact representation (exponent, length, mantissa);
/// going through text would cost a parse per amount and could change the representation. So
/// its 20 bytes are stored (compactly: exponent, length and flags, then the used mantissa
/// words), after checking once that the layout is the known one: byte 0 the exponent, byte 1
/// the length (high four bits) and the negative and compact flags, two reserved bytes, then
/// eight little-endian 16-bit mantissa words.
private enum DecimalLayout {
    static let size = 20

    static let isKnown: Bool = {
        guard MemoryLayout<Decimal>.size == size, MemoryLayout<Decimal>.stride == size else { return false }
        let posix = Locale(identifier: "en_US_POSIX")
        guard let a = Decimal(string: "-65536", locale: posix), let b = Decimal(string: "1.5", locale: posix) else {
            return false
        }
        return raw(a) == [0, 0x2C, 0, 0, 0, 0, 1, 0] + [UInt8](repeating: 0, count: 12)
            && raw(b) == [0xFF, 0x14, 0, 0, 15, 0] + [UInt8](repeating: 0, count: 14)
    }()

    static func raw(_ value: Decimal) -> [UInt8] { withUnsafeBytes(of: value) { Array($0) } }
}

// MARK: - A claim's values

extension Claim {
    /// Every value of the claim in the parse cache's byte form, without its positions and with
    /// each string in place rather than in a table: two claims give the same bytes exactly when
    /// they say the same, wherever they stand in their file. `nil` when a value cannot be encoded
    /// exactly.
    public var contentBytes: [UInt8]? { content(withName: true) }

    /// `contentBytes` without the claim's display name: what the facts and pages of the other
    /// claims of its customer may read of it (docs/output.md, Incremental rebuilds). No rule
    /// reads a claim's name; only pages and exports that show the claim itself do.
    public var contentBytesWithoutName: [UInt8]? { content(withName: false) }

    private func content(withName: Bool) -> [UInt8]? {
        var w = CacheWriter()
        w.positions = false
        w.names = withName
        w.claim(self)
        return w.finish()
    }
}

// MARK: - Writing

private struct CacheWriter {
    private var body: [UInt8] = []
    private var index = StringIndex()
    private var table: [String] = []
    /// Set when a value cannot be encoded exactly.
    private var failed = false
    /// Whether positions (source locations and maps) are written: off for `Claim.contentBytes`.
    var positions = true
    /// Whether a claim's display name is written: off for `Claim.contentBytesWithoutName`.
    var names = true

    init() { body.reserveCapacity(4096) }

    func finish() -> [UInt8]? {
        guard !failed else { return nil }
        var head = CacheWriter()
        head.count(table.count)
        for var text in table {
            text.withUTF8 { utf8 in
                head.count(utf8.count)
                head.body.append(contentsOf: utf8)
            }
        }
        return head.body + body
    }

    mutating func byte(_ value: UInt8) { body.append(value) }

    mutating func unsigned(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            body.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        body.append(UInt8(v))
    }

    mutating func count(_ value: Int) { unsigned(UInt64(value)) }

    mutating func int(_ value: Int) {
        let v = Int64(value)
        unsigned(UInt64(bitPattern: (v << 1) ^ (v >> 63)))
    }

    mutating func bool(_ value: Bool) { body.append(value ? 1 : 0) }

    mutating func string(_ text: String) {
        // Without positions (a claim's content, hashed once and never read back) each string is
        // written in place, its length first: no table to look it up in.
        guard positions else {
            var text = text
            text.withUTF8 { utf8 in
                count(utf8.count)
                body.append(contentsOf: utf8)
            }
            return
        }
        var text = text
        let found = text.withUTF8 { index.number(of: $0) }
        count(found.number)
        if found.added { table.append(text) }
    }

    mutating func optional<T>(_ value: T?, _ write: (inout CacheWriter, T) -> Void) {
        guard let value else { return byte(0) }
        byte(1)
        write(&self, value)
    }

    mutating func array<T>(_ items: [T], _ write: (inout CacheWriter, T) -> Void) {
        count(items.count)
        for item in items { write(&self, item) }
    }

    mutating func enumCase<E: Equatable>(_ value: E, _ cases: [E]) { count(cases.firstIndex(of: value)!) }

    mutating func day(_ value: Day) { int(value.ordinal) }

    mutating func decimal(_ value: Decimal) {
        let raw = DecimalLayout.raw(value)
        let length = Int(raw[1] >> 4)
        guard DecimalLayout.isKnown, raw[1] & 0x03 == 0, raw[2] == 0, raw[3] == 0, length <= 8,
            raw[(4 + 2 * length)...].allSatisfy({ $0 == 0 })
        else {
            failed = true
            return
        }
        byte(raw[0])
        byte(raw[1])
        for i in 0..<length { count(Int(raw[4 + 2 * i]) | Int(raw[5 + 2 * i]) << 8) }
    }

    mutating func sourceLocation(_ value: SourceLocation) {
        guard positions else { return }
        string(value.file)
        int(value.line)
        int(value.column)
    }

    mutating func sourceMap(_ value: SourceMap) {
        guard positions else { return }
        sourceLocation(value.start)
        let recorded = value.recorded
        count(recorded.count)
        for entry in recorded {
            string(entry.path)
            int(entry.line)
            int(entry.column)
        }
    }

    mutating func diagnostic(_ value: Diagnostic) {
        byte(value.severity == .error ? 0 : 1)
        enumCase(value.code, Cases.code)
        optional(value.location) { $0.sourceLocation($1) }
        optional(value.record) { $0.record($1) }
        string(value.message)
    }

    mutating func record(_ value: RecordRef) {
        enumCase(value.kind, Cases.recordKind)
        string(value.id)
    }

    mutating func typedID(_ value: TypedID) {
        enumCase(value.type, Cases.idType)
        string(value.value)
    }

    mutating func contact(_ value: Contact) {
        optional(value.name) { $0.string($1) }
        string(value.email)
        optional(value.phone) { $0.string($1) }
    }

    mutating func settings(_ value: SiteSettings) {
        string(value.title)
        string(value.partnerName)
        optional(value.partnerID) { $0.string($1) }
        optional(value.asOf) { $0.day($1) }
        optional(value.audience) { w, roles in w.array(roles) { $0.enumCase($1, Cases.audience) } }
        optional(value.referralURL) { $0.string($1) }
        optional(value.baseURL) { $0.string($1) }
        optional(value.email) { w, email in
            w.optional(email.from) { $0.string($1) }
            w.array(email.to) { $0.string($1) }
            w.int(email.dueSoonDays)
        }
        optional(value.language) { $0.enumCase($1, Cases.languages) }
        optional(value.claimURL) { $0.string($1) }
        sourceMap(value.source)
    }

    mutating func location(_ value: Location) {
        string(value.id)
        string(value.name)
        optional(value.country) { $0.string($1) }
        bool(value.mciRegistered)
        sourceMap(value.source)
    }

    mutating func customer(_ value: Customer) {
        string(value.id)
        string(value.name)
        string(value.emailDomain)
        optional(value.country) { $0.string($1) }
        array(value.domains) { $0.string($1) }
        array(value.tenantIds) { $0.string($1) }
        optional(value.tpid) { $0.string($1) }
        array(value.subscriptionIds) { $0.string($1) }
        bool(value.coSellQualified)
        sourceMap(value.source)
    }

    mutating func eligibility(_ value: EligibilityList) {
        string(value.engagement)
        let rank = Dictionary(uniqueKeysWithValues: Cases.idType.enumerated().map { ($1, $0) })
        let types = value.ids.keys.sorted { rank[$0]! < rank[$1]! }
        count(types.count)
        for type in types {
            enumCase(type, Cases.idType)
            array(value.ids[type]!.sorted()) { $0.string($1.string) }
        }
        // Entries in the order of their IDs: by type, then by value's bytes (each type's rank
        // looked up once per entry, not once per comparison).
        func sorted<Value>(_ entries: [TypedID: Value]) -> [(id: TypedID, value: Value)] {
            entries.map { (rank: rank[$0.key.type]!, id: $0.key, value: $0.value) }
                .sorted { $0.rank != $1.rank ? $0.rank < $1.rank : $0.id.value.precedesByUTF8($1.id.value) }
                .map { ($0.id, $0.value) }
        }
        let elsewhere = sorted(value.activeClaimsElsewhere)
        count(elsewhere.count)
        for (id, claims) in elsewhere {
            typedID(id)
            int(claims)
        }
        let verdicts = sorted(value.verdicts)
        count(verdicts.count)
        for (id, verdict) in verdicts {
            typedID(id)
            enumCase(verdict, Cases.verdict)
        }
        sourceMap(value.source)
    }

    mutating func opportunity(_ value: Opportunity) {
        string(value.id)
        string(value.customer)
        decimal(value.estimatedRevenueUSD)
        sourceMap(value.source)
    }

    mutating func user(_ value: User) {
        string(value.email)
        optional(value.name) { $0.string($1) }
        array(value.roles) { $0.enumCase($1, Cases.userRole) }
        sourceMap(value.source)
    }

    mutating func claim(_ value: Claim) {
        string(value.id)
        if names { string(value.displayName) }
        string(value.engagement)
        string(value.customer)
        enumCase(value.origin, Cases.origin)
        optional(value.flow) { $0.string($1) }
        optional(value.nominatedBy) { $0.typedID($1) }
        optional(value.tenantMismatchReason) { $0.string($1) }
        string(value.location)
        optional(value.createdBy) { $0.string($1) }
        day(value.createdOn)
        optional(value.hours) { $0.int($1) }
        contact(value.customerContact)
        contact(value.partnerContact)
        optional(value.referral) { w, referral in
            w.string(referral.id)
            w.optional(referral.createdOn) { $0.day($1) }
        }
        optional(value.notes) { $0.string($1) }
        array(value.events) { w, event in
            w.day(event.on)
            w.enumCase(event.type, Cases.event)
            w.optional(event.dealSizeUSD) { $0.decimal($1) }
            w.optional(event.comment) { $0.string($1) }
            w.optional(event.amountUSD) { $0.decimal($1) }
            w.optional(event.reason) { $0.string($1) }
            w.sourceLocation(event.location)
        }
        optional(value.payment) { w, payment in
            w.day(payment.on)
            w.decimal(payment.amountUSD)
            w.optional(payment.reference) { $0.string($1) }
        }
        array(value.proof.records) { w, entry in
            w.enumCase(entry.item, Cases.proof)
            w.optional(entry.record.sent) { $0.day($1) }
            w.optional(entry.record.done) { $0.day($1) }
        }
        sourceMap(value.source)
    }

    mutating func engagement(_ value: Engagement) {
        string(value.id)
        string(value.name)
        enumCase(value.activity, Cases.activity)
        enumCase(value.pay, Cases.pay)
        array(value.customerIdTypes) { $0.enumCase($1, Cases.idType) }
        optional(value.maxActiveClaimsPerCustomer) { $0.int($1) }
        for days in [value.timeline.consent, value.timeline.submit, value.timeline.review, value.timeline.dispute] {
            optional(days) { $0.int($1) }
        }
        optional(value.fixedPayoutUSD) { $0.decimal($1) }
        optional(value.variablePay) { w, pay in
            w.decimal(pay.hourlyRateUSD)
            w.int(pay.minHours)
            w.int(pay.maxHours)
            w.optional(pay.maxPayoutUSD) { $0.decimal($1) }
            w.optional(pay.maxShareOfOpportunity) { $0.decimal($1) }
        }
        bool(value.referrals)
        optional(value.locations) { w, ids in w.array(ids) { $0.string($1) } }
        array(value.proof) { $0.enumCase($1, Cases.proof) }
        string(value.description)
        sourceMap(value.source)
    }

    mutating func page(_ value: Page) {
        string(value.slug)
        string(value.title)
        optional(value.order) { $0.int($1) }
        string(value.body)
        sourceMap(value.source)
    }
}

// MARK: - Reading

/// Why an entry cannot be read; it is then treated as missing.
private struct Corrupt: Error {}

private struct CacheReader {
    private let bytes: UnsafeRawBufferPointer
    private var at = 0
    private var strings: [String] = []

    init(_ bytes: UnsafeRawBufferPointer) { self.bytes = bytes }

    var isAtEnd: Bool { at == bytes.count }

    mutating func readStrings() throws {
        let n = try count()
        strings.reserveCapacity(n)
        for _ in 0..<n {
            let length = try count()
            strings.append(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[at..<(at + length)]), as: UTF8.self))
            at += length
        }
    }

    mutating func byte() throws -> UInt8 {
        guard at < bytes.count else { throw Corrupt() }
        defer { at += 1 }
        return bytes[at]
    }

    mutating func unsigned() throws -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 63 || (shift == 63 && b <= 1) else { throw Corrupt() }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    /// A count of items that each take at least one byte: never more than the bytes left.
    mutating func count() throws -> Int {
        let n = try unsigned()
        guard n <= UInt64(bytes.count - at) else { throw Corrupt() }
        return Int(n)
    }

    mutating func int() throws -> Int {
        let u = try unsigned()
        return Int(Int64(bitPattern: (u >> 1) ^ (0 &- (u & 1))))
    }

    mutating func bool() throws -> Bool {
        switch try byte() {
        case 0: return false
        case 1: return true
        default: throw Corrupt()
        }
    }

    mutating func string() throws -> String {
        let i = try unsigned()
        guard i < UInt64(strings.count) else { throw Corrupt() }
        return strings[Int(i)]
    }

    mutating func optional<T>(_ read: (inout CacheReader) throws -> T) throws -> T? {
        switch try byte() {
        case 0: return nil
        case 1: return try read(&self)
        default: throw Corrupt()
        }
    }

    mutating func array<T>(_ read: (inout CacheReader) throws -> T) throws -> [T] {
        let n = try count()
        var items: [T] = []
        items.reserveCapacity(n)
        for _ in 0..<n { items.append(try read(&self)) }
        return items
    }

    mutating func enumCase<E>(_ cases: [E]) throws -> E {
        let i = try unsigned()
        guard i < UInt64(cases.count) else { throw Corrupt() }
        return cases[Int(i)]
    }

    mutating func day() throws -> Day { Day(ordinal: try int()) }

    mutating func decimal() throws -> Decimal {
        guard DecimalLayout.isKnown else { throw Corrupt() }
        var raw = [UInt8](repeating: 0, count: DecimalLayout.size)
        raw[0] = try byte()
        raw[1] = try byte()
        let length = Int(raw[1] >> 4)
        guard raw[1] & 0x03 == 0, length <= 8 else { throw Corrupt() }
        for i in 0..<length {
            let word = try unsigned()
            guard word <= 0xFFFF else { throw Corrupt() }
            raw[4 + 2 * i] = UInt8(truncatingIfNeeded: word)
            raw[5 + 2 * i] = UInt8(truncatingIfNeeded: word >> 8)
        }
        var value = Decimal()
        raw.withUnsafeBytes { source in withUnsafeMutableBytes(of: &value) { $0.copyMemory(from: source) } }
        return value
    }

    mutating func sourceLocation() throws -> SourceLocation {
        SourceLocation(file: try string(), line: try int(), column: try int())
    }

    mutating func sourceMap() throws -> SourceMap {
        var map = SourceMap(start: try sourceLocation())
        let n = try count()
        for _ in 0..<n {
            let path = try string()
            map.record(path, line: try int(), column: try int())
        }
        return map.compacted()
    }

    mutating func diagnostic() throws -> Diagnostic {
        let severity: Severity
        switch try byte() {
        case 0: severity = .error
        case 1: severity = .warning
        default: throw Corrupt()
        }
        let code = try enumCase(Cases.code)
        let location = try optional { try $0.sourceLocation() }
        let record = try optional { try $0.record() }
        return Diagnostic(severity, code, at: location, record: record, try string())
    }

    mutating func record() throws -> RecordRef {
        RecordRef(try enumCase(Cases.recordKind), try string())
    }

    mutating func typedID() throws -> TypedID {
        var id = TypedID(type: try enumCase(Cases.idType), value: "")
        id.value = try string()  // as stored: it was normalized when it was read
        return id
    }

    mutating func contact() throws -> Contact {
        Contact(name: try optional { try $0.string() }, email: try string(), phone: try optional { try $0.string() })
    }

    mutating func settings() throws -> SiteSettings {
        let title = try string(), partnerName = try string()
        let partnerID = try optional { try $0.string() }
        let asOf = try optional { try $0.day() }
        let audience = try optional { r in try r.array { try $0.enumCase(Cases.audience) } }
        let referralURL = try optional { try $0.string() }
        let baseURL = try optional { try $0.string() }
        let email = try optional { r in
            EmailSettings(
                from: try r.optional { try $0.string() }, to: try r.array { try $0.string() }, dueSoonDays: try r.int())
        }
        let language = try optional { try $0.enumCase(Cases.languages) }
        let claimURL = try optional { try $0.string() }
        return SiteSettings(
            title: title, partnerName: partnerName, partnerID: partnerID, asOf: asOf, audience: audience,
            referralURL: referralURL, baseURL: baseURL, email: email, language: language, claimURL: claimURL,
            source: try sourceMap())
    }

    mutating func location() throws -> Location {
        let id = try string(), name = try string()
        let country = try optional { try $0.string() }
        return Location(id: id, name: name, country: country, mciRegistered: try bool(), source: try sourceMap())
    }

    mutating func customer() throws -> Customer {
        let id = try string(), name = try string(), emailDomain = try string()
        let country = try optional { try $0.string() }
        let domains = try array { try $0.string() }
        let tenantIds = try array { try $0.string() }
        let tpid = try optional { try $0.string() }
        let subscriptionIds = try array { try $0.string() }
        let coSell = try bool()
        var customer = Customer(
            id: id, name: name, emailDomain: "", country: country, tpid: tpid,
            subscriptionIds: subscriptionIds, coSellQualified: coSell, source: try sourceMap())
        // As stored: the initializer's lower-casing and defaults were applied when the file was read.
        customer.emailDomain = emailDomain
        customer.domains = domains
        customer.tenantIds = tenantIds
        return customer
    }

    mutating func eligibility() throws -> EligibilityList {
        let engagement = try string()
        var ids: [CustomerIDType: Set<ByteKey>] = [:]
        let types = try count()
        for _ in 0..<types {
            let type = try enumCase(Cases.idType)
            guard ids[type] == nil else { throw Corrupt() }
            ids[type] = Set(try array { ByteKey(try $0.string()) })
        }
        var elsewhere: [TypedID: Int] = [:]
        let n = try count()
        for _ in 0..<n {
            let id = try typedID()
            guard elsewhere[id] == nil else { throw Corrupt() }
            elsewhere[id] = try int()
        }
        var verdicts: [TypedID: Verdict] = [:]
        let m = try count()
        for _ in 0..<m {
            let id = try typedID()
            guard verdicts[id] == nil else { throw Corrupt() }
            verdicts[id] = try enumCase(Cases.verdict)
        }
        return EligibilityList(
            engagement: engagement, ids: ids, activeClaimsElsewhere: elsewhere, verdicts: verdicts,
            source: try sourceMap())
    }

    mutating func opportunity() throws -> Opportunity {
        Opportunity(
            id: try string(), customer: try string(), estimatedRevenueUSD: try decimal(), source: try sourceMap())
    }

    mutating func user() throws -> User {
        let email = try string()
        let name = try optional { try $0.string() }
        let roles = try array { try $0.enumCase(Cases.userRole) }
        return User(email: email, name: name, roles: roles, source: try sourceMap())
    }

    mutating func claim() throws -> Claim {
        let id = try string(), displayName = try string(), engagement = try string(), customer = try string()
        let origin = try enumCase(Cases.origin)
        let flow = try optional { try $0.string() }
        let nominatedBy = try optional { try $0.typedID() }
        let tenantMismatchReason = try optional { try $0.string() }
        let location = try string()
        let createdBy = try optional { try $0.string() }
        let createdOn = try day()
        let hours = try optional { try $0.int() }
        let customerContact = try contact(), partnerContact = try contact()
        let referral = try optional { r in Referral(id: try r.string(), createdOn: try r.optional { try $0.day() }) }
        let notes = try optional { try $0.string() }
        let events = try array { r in
            ClaimEvent(
                on: try r.day(), type: try r.enumCase(Cases.event), dealSizeUSD: try r.optional { try $0.decimal() },
                comment: try r.optional { try $0.string() }, amountUSD: try r.optional { try $0.decimal() },
                reason: try r.optional { try $0.string() }, location: try r.sourceLocation())
        }
        let payment = try optional { r in
            Payment(on: try r.day(), amountUSD: try r.decimal(), reference: try r.optional { try $0.string() })
        }
        let proofRecords = try array { r in
            (
                try r.enumCase(Cases.proof),
                ProofRecord(sent: try r.optional { try $0.day() }, done: try r.optional { try $0.day() })
            )
        }
        return Claim(
            id: id, displayName: displayName, engagement: engagement, customer: customer, origin: origin,
            flow: flow, nominatedBy: nominatedBy, tenantMismatchReason: tenantMismatchReason, location: location,
            createdBy: createdBy, createdOn: createdOn, hours: hours, customerContact: customerContact,
            partnerContact: partnerContact, referral: referral, notes: notes, events: events, payment: payment,
            proof: ClaimProof(Dictionary(proofRecords, uniquingKeysWith: { a, _ in a })), source: try sourceMap())
    }

    mutating func engagement() throws -> Engagement {
        let id = try string(), name = try string()
        let activity = try enumCase(Cases.activity), pay = try enumCase(Cases.pay)
        let idTypes = try array { try $0.enumCase(Cases.idType) }
        let maxActive = try optional { try $0.int() }
        let timeline = TimelineOverrides(
            consent: try optional { try $0.int() }, submit: try optional { try $0.int() },
            review: try optional { try $0.int() }, dispute: try optional { try $0.int() })
        let fixed = try optional { try $0.decimal() }
        let variable = try optional { r in
            VariablePay(
                hourlyRateUSD: try r.decimal(), minHours: try r.int(), maxHours: try r.int(),
                maxPayoutUSD: try r.optional { try $0.decimal() },
                maxShareOfOpportunity: try r.optional { try $0.decimal() })
        }
        let referrals = try bool()
        let locations = try optional { r in try r.array { try $0.string() } }
        let proof = try array { try $0.enumCase(Cases.proof) }
        let description = try string()
        return Engagement(
            id: id, name: name, activity: activity, pay: pay, customerIdTypes: idTypes,
            maxActiveClaimsPerCustomer: maxActive, timeline: timeline, fixedPayoutUSD: fixed,
            variablePay: variable, referrals: referrals, locations: locations, proof: proof,
            description: description,
            source: try sourceMap())
    }

    mutating func page() throws -> Page {
        let slug = try string(), title = try string()
        let order = try optional { try $0.int() }
        return Page(slug: slug, title: title, order: order, body: try string(), source: try sourceMap())
    }
}
