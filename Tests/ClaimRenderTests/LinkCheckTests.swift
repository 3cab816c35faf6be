@testable import ClaimRender
import Testing

/// The link check reads ASCII links byte by byte; that must lead where reading them by
/// characters does (which non-ASCII links still use).
@Suite struct LinkCheckTests {
    static let pages = ["index.html", "claims/C-1.html", "engagements/ws/index.html", "pages/about.html"]

    @Test func asciiLinksLeadWhereTheCharacterReadingLeads() {
        let known = ["", "../claims/C-1.html", "../../customers/x.html#ids", "#top", "#", "index.html#", "http://example.com/a",
                     "https://x", "mailto:a@b", "a:b", "#a:b", "./x.html", "../", "..", "a//b", "a/./b", "%20x.html", "/abs",
                     "../../../x", "x.html?q=1", "a/../b", "assets/claimsite.css", "../..", "....//x", "..//x", "../.hidden"]
        for page in LinkCheckTests.pages {
            for target in known {
                #expect(LinkCheck.destination(of: target, from: page) == LinkCheck.slowDestination(of: target, from: page),
                        "\(target.debugDescription) on \(page)")
            }
        }
        var dice = Dice(state: 11)
        let pieces = ["../", "./", "/", "#", ":", "%", "%2F", "a", ".", "..", "b.html", "index.html", "&", "?", "-", "x_y"]
        for _ in 0..<20_000 {
            let target = (0..<dice.int(0...6)).map { _ in dice.pick(pieces) }.joined()
            let page = dice.pick(LinkCheckTests.pages)
            #expect(LinkCheck.destination(of: target, from: page) == LinkCheck.slowDestination(of: target, from: page),
                    "\(target.debugDescription) on \(page)")
        }
    }

    @Test func aNonASCIILinkIsReadByCharacters() {
        #expect(LinkCheck.destination(of: "../pages/é.html#ü", from: "claims/C.html") == .local(file: "pages/é.html", fragment: "ü"))
    }
}
