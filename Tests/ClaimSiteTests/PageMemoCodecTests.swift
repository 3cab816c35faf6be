import Foundation
import Testing

@testable import ClaimRender
@testable import ClaimSite
@testable import LinkCheck

/// The page memo's bytes (`PageMemo.encoded`): read back to the same memo, and anything cut
/// short or changed reads as no memo.
@Suite struct PageMemoCodecTests {
    static func digest(_ n: Int) -> PageDigest { Array("page \(n)".utf8).withUnsafeBytes { PageDigest(of: $0) } }

    static func links(_ n: Int) -> LinkCheck.PageLinks {
        LinkCheck.PageLinks(
            ids: [7, UInt64(n) + 8],  // sorted, each once, as `LinkCheck.links` gives them
            links: [
                .init(target: "../index.html", file: "index.html", fragment: nil),
                .init(target: "../claims/C-\(n).html#top", file: "claims/C-\(n).html", fragment: "top"),
                .init(target: "../../out.html", file: nil, fragment: nil),
            ])
    }

    static func memo(_ count: Int, context: PageDigest = digest(-1)) -> PageMemo {
        PageMemo.empty.next(
            context: context,
            pages: (0..<count).map {
                .rendered(path: "claims/C-\($0).html", digest: digest($0), fileHash: "hash-\($0)", links: links($0))
            })
    }

    @Test func aMemoReadsBackAsItWasWritten() throws {
        let memo = Self.memo(50)
        let bytes = memo.encoded()
        let read = try #require(bytes.withUnsafeBytes { PageMemo.decoded($0) })
        #expect(read.encoded() == bytes)
        #expect(read.count == 50)
        let entry = try #require(read.entries["claims/C-3.html"])
        #expect(entry.digest == Self.digest(3) && entry.fileHash == "hash-3")
        #expect(read.pageLinks(entry) == Self.links(3))
    }

    @Test func keptPagesKeepTheirLinksWhenTheTablesAreRebuiltOrAppendedTo() throws {
        let memo = Self.memo(50)
        for fresh in [1, 30] {  // appended to (few new pages), rebuilt (many)
            let pages: [PageMemo.Page] = (0..<50).map { i in
                i < fresh
                    ? .rendered(
                        path: "claims/C-\(i).html", digest: Self.digest(i + 100), fileHash: "new-\(i)",
                        links: Self.links(i + 100))
                    : .kept(path: "claims/C-\(i).html", memo.entries["claims/C-\(i).html"]!)
            }
            let next = memo.next(context: memo.context, pages: pages)
            let read = try #require(next.encoded().withUnsafeBytes { PageMemo.decoded($0) })
            for i in 0..<50 {
                let entry = try #require(read.entries["claims/C-\(i).html"])
                #expect(read.pageLinks(entry) == Self.links(i < fresh ? i + 100 : i))
                #expect(entry.fileHash == (i < fresh ? "new-\(i)" : "hash-\(i)"))
            }
        }
    }

    /// Many small rebuilds leave links no page uses in the tables; they are rebuilt once that
    /// passes a tenth, and every page keeps its links.
    @Test func tablesAreRebuiltOnceOldLinksPileUp() throws {
        var memo = Self.memo(50)
        let first = memo.links.count
        var rebuilt = false
        for round in 1...40 {
            let i = round % 50
            let pages: [PageMemo.Page] = (0..<50).map { k in
                k == i
                    ? .rendered(
                        path: "claims/C-\(k).html", digest: Self.digest(1_000 * round + k), fileHash: "r\(round)",
                        links: Self.links(1_000 * round + k))
                    : .kept(path: "claims/C-\(k).html", memo.entries["claims/C-\(k).html"]!)
            }
            let next = memo.next(context: memo.context, pages: pages)
            if next.links.count < memo.links.count { rebuilt = true }
            let entry = try #require(next.entries["claims/C-\(i).html"])
            #expect(next.pageLinks(entry) == Self.links(1_000 * round + i))
            memo = next
        }
        #expect(rebuilt, "the tables were never rebuilt")
        #expect(memo.links.count <= first + first / 5, "\(memo.links.count) links for \(first) at first")
        #expect(memo.compacted().encoded() == memo.compacted().compacted().encoded())
    }

    /// A build indexes the last memo while the site loads (`PageMemo.index()`): a page rendered
    /// again with links the tables hold points to them instead of appending them again.
    @Test func anIndexedMemoGrowsOnlyByWhatIsNew() throws {
        func rebuild(_ memo: PageMemo) -> PageMemo {
            let pages: [PageMemo.Page] = (0..<50).map { i in
                i == 3
                    ? .rendered(
                        path: "claims/C-3.html", digest: Self.digest(103), fileHash: "new-3", links: Self.links(3))
                    : .kept(path: "claims/C-\(i).html", memo.entries["claims/C-\(i).html"]!)
            }
            return memo.next(context: memo.context, pages: pages)
        }
        let indexed = Self.memo(50)
        indexed.index()
        let next = rebuild(indexed)
        #expect(next.links.count == indexed.links.count && next.idSets.count == indexed.idSets.count)
        // Nothing appended: a file's hash is its entry's own, not a string of the table.
        #expect(next.strings.count == indexed.strings.count)
        #expect(try #require(next.entries["claims/C-3.html"]).fileHash == "new-3")
        #expect(next.pageLinks(try #require(next.entries["claims/C-3.html"])) == Self.links(3))
        // Handed over once: a second builder from the same memo appends again.
        let again = rebuild(indexed)
        #expect(again.links.count > indexed.links.count)
        #expect(again.pageLinks(try #require(again.entries["claims/C-3.html"])) == Self.links(3))
    }

    @Test func anythingCutShortOrChangedReadsAsNoMemo() {
        let bytes = Self.memo(5).encoded()
        for cut in stride(from: 0, to: bytes.count, by: 7) {
            #expect(Array(bytes.prefix(cut)).withUnsafeBytes { PageMemo.decoded($0) } == nil, "cut at \(cut)")
        }
        for i in stride(from: 0, to: bytes.count, by: 5) {
            var changed = bytes
            changed[i] ^= 0x01
            #expect(changed.withUnsafeBytes { PageMemo.decoded($0) } == nil, "byte \(i) changed")
        }
    }
}

/// A kept page is link-checked from the memo exactly as its file would be.
@Suite struct PageMemoLinkCheckTests {
    @Test func aKeptPageChecksAsItsLinksDo() throws {
        let memo = PageMemoCodecTests.memo(20)
        // Some of the pages the links lead to are gone.
        let existing = Set(["index.html"] + (0..<20).filter { $0 % 3 != 0 }.map { "claims/C-\($0).html" })
        let verdicts = memo.verdicts(existing: existing)
        for i in 0..<20 {
            let path = "claims/C-\(i).html"
            let entry = try #require(memo.entries[path])
            let kept = memo.check(path, entry, with: verdicts)
            let direct = LinkCheck.check(path, memo.pageLinks(entry), existing: existing)
            #expect(kept.ids == direct.ids && kept.broken == direct.broken)
            #expect(kept.fragments == direct.fragments)
            #expect(kept.broken.count == (i % 3 == 0 ? 2 : 1), "\(kept.broken)")
        }
    }
}

/// Ways to read and make memos that only the tests need: what a kept page's links decode to, and
/// a whole next memo from a list of pages (a build does this through `PageMemo.Builder`).
extension PageMemo {
    /// The links of the link table as `LinkCheck` takes them.
    func localLink(_ index: UInt32) -> LinkCheck.LocalLink {
        let link = links[Int(index)]
        return LinkCheck.LocalLink(
            target: strings[Int(link.target)],
            file: link.file == PageMemo.none ? nil : strings[Int(link.file)],
            fragment: link.fragment == PageMemo.none ? nil : strings[Int(link.fragment)])
    }

    /// What a kept page's file says about links.
    func pageLinks(_ entry: Entry) -> LinkCheck.PageLinks {
        LinkCheck.PageLinks(ids: idSets[Int(entry.ids)], links: entry.links.map(localLink))
    }

    /// A page of this build: kept (its previous entry) or rendered anew.
    enum Page: Sendable {
        case kept(path: String, Entry)
        case rendered(path: String, digest: PageDigest, fileHash: String, links: LinkCheck.PageLinks)
    }

    /// The memo of a build made with `context` whose pages are `pages` (every page of it),
    /// taking the kept ones from `self` (what `Builder` does while the pages render).
    func next(context: PageDigest, pages: [Page]) -> PageMemo {
        let builder = Builder(context: context, previous: context == self.context ? self : .empty)
        return builder.finish(
            pages.map { page in
                switch page {
                case .kept(let path, let entry): return (path, entry)
                case .rendered(let path, let digest, let fileHash, let links):
                    return (path, builder.entry(digest: digest, fileHash: fileHash, links: links))
                }
            })
    }
}
