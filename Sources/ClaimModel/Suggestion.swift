/// "Did you mean" support: the candidate closest to a misspelt name.
public enum Suggestion {
    /// The candidate nearest to `word` (case-insensitive), when it is close enough to be a
    /// plausible typo: an edit distance of at most a third of the longer name (at least 2), or
    /// `word` being a near-prefix of the candidate (`azure-migrte` → `azure-migrate-workshop`).
    /// Whole-name matches beat prefix matches; ties go to the first by UTF-8 order. Names longer
    /// than `maxLength` scalars are neither suggested nor given a suggestion: the edit distance
    /// costs the product of the two lengths, and a million-character value compared with every
    /// ID would take minutes (docs/input-format.md, Limits).
    public static func closest<S: Sequence>(to word: String, in candidates: S) -> String?
    where S.Element == String {
        guard word.utf8.count <= maxLength * 4 else { return nil }
        let target = Array(word.lowercased().unicodeScalars)
        guard !target.isEmpty, target.count <= maxLength else { return nil }
        var best: (score: Int, name: String)?
        for candidate in candidates {
            guard candidate.utf8.count <= maxLength * 4 else { continue }
            let other = Array(candidate.lowercased().unicodeScalars)
            guard other.count <= maxLength, let score = score(target, other) else { continue }
            if let current = best,
                score > current.score
                    || (score == current.score && !candidate.precedesByUTF8(current.name))
            {
                continue
            }
            best = (score, candidate)
        }
        return best?.name
    }

    /// The longest name, in Unicode scalars, that takes part in suggestions.
    public static let maxLength = 256

    /// Twice the edit distance for a whole-name match, twice plus one for a prefix match, or
    /// `nil` when the names are too far apart.
    static func score(_ target: [Unicode.Scalar], _ candidate: [Unicode.Scalar]) -> Int? {
        let limit = max(2, max(target.count, candidate.count) / 3)
        // The distance is at least the difference in length.
        if abs(target.count - candidate.count) <= limit {
            let full = editDistance(target, candidate)
            if full <= limit { return full * 2 }
        }
        guard target.count >= 4, candidate.count > target.count else { return nil }
        let prefixLimit = max(1, target.count / 4)
        var bestPrefix = Int.max
        for length in (target.count - 1)...min(candidate.count, target.count + 1) {
            bestPrefix = min(bestPrefix, editDistance(target, Array(candidate[..<length])))
        }
        return bestPrefix <= prefixLimit ? bestPrefix * 2 + 1 : nil
    }

    /// `" — did you mean 'x'?"`, or an empty string when nothing is close.
    public static func didYouMean<S: Sequence>(_ word: String, in candidates: S) -> String
    where S.Element == String {
        guard let match = closest(to: word, in: candidates) else { return "" }
        return " — did you mean '\(match)'?"
    }

    /// Levenshtein distance between two scalar arrays.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
