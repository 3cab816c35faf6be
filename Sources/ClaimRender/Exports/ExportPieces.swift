import OutputFiles

/// What the exports may copy from the last build instead of making again (docs/output.md,
/// Cache): the piece cache, and the key of what each claim's and each engagement's pieces are
/// made from, by their place in the evaluation (`nil` where a piece must be made). The build
/// works the keys out (they cover everything a claim's or an engagement's facts depend on);
/// each export names its pieces by a kind of its own.
public struct ExportPieces: Sendable {
    /// The parts of exports made from one claim or one engagement.
    public enum Kind: UInt8 {
        case reportClaim = 1
        case reportEngagement
        /// A claim's row of `claims.csv`; the rows of an engagement's tab CSVs.
        case csvClaim, csvEligible, csvIneligible, csvCompleted
        /// A claim's event in `deadlines.ics`.
        case calendarEvent
        /// A claim's record in the search index, with its tokens (`SearchIndex.appendPiece`).
        case searchRecord
        /// A whole email file, recorded as its SHA-256 (the output's manifest hash): a file
        /// whose key did not change is kept from the last build's output without being
        /// rendered (`EmailExports`).
        case emailFile
    }

    public let cache: PieceCache
    /// The digest of what claim `i` of the evaluation's facts are made from.
    public let claims: [(UInt64, UInt64, UInt64, UInt64)?]
    /// The digest of what engagement `k` of the evaluation's facts and tabs are made from.
    public let engagements: [(UInt64, UInt64, UInt64, UInt64)?]

    /// A 256-bit digest of bytes (SHA-256, from the build): the key of a piece made from
    /// values other than one claim's or one engagement's (`key(_:of:)`).
    public let digest: @Sendable (UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64)

    public init(
        cache: PieceCache, claims: [(UInt64, UInt64, UInt64, UInt64)?],
        engagements: [(UInt64, UInt64, UInt64, UInt64)?],
        digest: @escaping @Sendable (UnsafeRawBufferPointer) -> (UInt64, UInt64, UInt64, UInt64)
    ) {
        self.cache = cache
        self.claims = claims
        self.engagements = engagements
        self.digest = digest
    }

    /// The key of `kind`'s piece made from `fields`: the digest of the fields, each framed by
    /// its length, so that no two different lists of fields give one key.
    public func key(_ kind: Kind, of fields: [[UInt8]]) -> PieceKey {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(fields.reduce(8 * fields.count) { $0 + $1.count })
        for field in fields {
            withUnsafeBytes(of: UInt64(field.count).littleEndian) { bytes.append(contentsOf: $0) }
            bytes += field
        }
        return PieceKey(kind: kind.rawValue, digest: bytes.withUnsafeBytes { digest($0) })
    }

    /// The key of `kind`'s piece of claim `i`.
    public func claim(_ kind: Kind, _ i: Int) -> PieceKey? {
        claims[i].map { PieceKey(kind: kind.rawValue, digest: $0) }
    }

    /// The key of `kind`'s piece of engagement `k`.
    public func engagement(_ kind: Kind, _ k: Int) -> PieceKey? {
        engagements[k].map { PieceKey(kind: kind.rawValue, digest: $0) }
    }
}

extension ExportPieces? {
    /// Appends the piece `key` names to `out`: copied from the last build when there are pieces
    /// and they hold it, else made by `make` (and kept for the next build when there are pieces,
    /// by where it lands in the output when `location` says so). The one place an export
    /// chooses between copying and making.
    public func piece(
        _ key: PieceKey?, into out: inout [UInt8], at location: PieceLocation? = nil, make: (inout [UInt8]) -> Void
    ) {
        guard let self else { return make(&out) }
        self.cache.piece(key, into: &out, at: location, make: make)
    }

    /// `piece(_:into:make:)` into a stream; the piece is recorded by where it lands in the stream's file.
    public func append(_ key: PieceKey?, to out: inout StreamWriter, make: (inout [UInt8]) -> Void) {
        guard let self else { return out.append(made: make) }
        var bytes: [UInt8] = []
        let location = out.path.map { PieceLocation(file: $0, offset: out.count) }
        self.cache.piece(key, into: &bytes, at: location, make: make)
        out.append(bytes)
    }
}
