import ClaimRules
import Foundation
import Testing

/// Money text is made from whole cents where it can be; it must say exactly what Foundation's
/// decimal printing says, for every size, sign and number of decimals.
struct MoneyTextTests {
    /// A fixed sequence of numbers (the same every run).
    private struct Numbers {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        mutating func next(_ bound: UInt64) -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return (state >> 11) % bound
        }
    }

    private static func samples() -> [String] {
        var numbers = Numbers()
        var out = [
            "0", "-0", "0.001", "-0.001", "0.005", "-0.005", "0.004999", "1", "-1", "999.995", "1000", "-1000.5",
            "123456789.125", "999999999999999.99", "9999999999999999.99", "10000000000000000", "-10000000000000000.01",
            "123456789012345678901234567890", "0.0000000000000000000000001", "5000", "12345.6", "1e3", "2.5e-1",
        ]
        for _ in 0..<20_000 {
            let whole = numbers.next(2) == 0 ? numbers.next(100_000) : numbers.next(100_000_000_000_000_000)
            let digits = Int(numbers.next(7))
            var fraction = ""
            for _ in 0..<digits { fraction += String(numbers.next(10)) }
            let sign = numbers.next(4) == 0 ? "-" : ""
            out.append(sign + String(whole) + (fraction.isEmpty ? "" : "." + fraction))
        }
        return out
    }

    @Test func moneyTextIsFoundationsText() throws {
        for text in Self.samples() {
            let value = try #require(Decimal(string: text))
            #expect(value.moneyText == value.moneyTextByFoundation, "\(text)")
            #expect(value.groupedMoneyText == value.groupedMoneyTextByFoundation, "\(text)")
        }
    }

    @Test func examples() throws {
        #expect(try #require(Decimal(string: "12345.6")).groupedMoneyText == "12,345.60")
        #expect(try #require(Decimal(string: "-1234567.005")).groupedMoneyText == "-1,234,567.01")
        #expect(try #require(Decimal(string: "5000")).moneyText == "5000.00")
        #expect(try #require(Decimal(string: "0.5")).moneyText == "0.50")
    }
}
