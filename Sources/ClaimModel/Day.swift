/// A calendar day (year, month, day) with no time of day and no time zone.
///
/// Stored as the number of days since 1970-01-01 so that adding days and comparing are
/// integer operations. Deadlines in ClaimSite are counted in calendar days.
public struct Day: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// Days since 1970-01-01 (negative before it).
    public let ordinal: Int

    /// The day with the given days-since-1970 ordinal.
    public init(ordinal: Int) { self.ordinal = ordinal }

    /// The day for a valid calendar date, or `nil` when the date does not exist (2026-02-30).
    public init?(year: Int, month: Int, day: Int) {
        guard (1...9999).contains(year), (1...12).contains(month),
            (1...Day.daysInMonth(year: year, month: month)).contains(day)
        else { return nil }
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        ordinal = era * 146_097 + doe - 719_468
    }

    /// Year, month and day of this date.
    public var components: (year: Int, month: Int, day: Int) {
        // Howard Hinnant's civil_from_days.
        let z = ordinal + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    /// The day `days` calendar days later (earlier when negative).
    public func adding(days: Int) -> Day { Day(ordinal: ordinal + days) }

    /// Calendar days from `self` to `other` (positive when `other` is later).
    public func days(until other: Day) -> Int { other.ordinal - ordinal }

    /// The day that contains the given Unix time (seconds since 1970-01-01T00:00:00Z), in UTC.
    public init(unixSeconds: Int64) {
        let (q, r) = unixSeconds.quotientAndRemainder(dividingBy: 86_400)
        ordinal = Int(r < 0 ? q - 1 : q)
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        let (y, m, d) = components
        guard (0...9999).contains(y) else { return "\(Day.pad(y, 4))-\(Day.pad(m, 2))-\(Day.pad(d, 2))" }
        // Ten ASCII digits and dashes, written directly (pages print a million days).
        return String(unsafeUninitializedCapacity: 10) { out in
            let digit = { (n: Int) in UInt8(ascii: "0") + UInt8(n % 10) }
            (out[0], out[1], out[2], out[3]) = (digit(y / 1000), digit(y / 100), digit(y / 10), digit(y))
            (out[4], out[5], out[6]) = (UInt8(ascii: "-"), digit(m / 10), digit(m))
            (out[7], out[8], out[9]) = (UInt8(ascii: "-"), digit(d / 10), digit(d))
            return 10
        }
    }

    public static func < (lhs: Day, rhs: Day) -> Bool { lhs.ordinal < rhs.ordinal }

    /// Number of days in a month of the proleptic Gregorian calendar.
    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// Whether `year` has a February 29.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// Why a text is not a valid `YYYY-MM-DD` day.
public enum DayParseError: Error, Equatable, Sendable {
    /// The text is not of the form `YYYY-MM-DD`.
    case notADate
    /// The form is right but the date does not exist; the message explains why.
    case noSuchDay(String)

    /// A sentence for a diagnostic about the text `text`.
    public func message(for text: String) -> String {
        switch self {
        case .notADate: return "'\(text)' is not a date; write it as YYYY-MM-DD"
        case .noSuchDay(let why): return "invalid date '\(text)': \(why)"
        }
    }
}

extension Day {
    private static let monthNames = [
        "January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December",
    ]

    /// Parses exactly `YYYY-MM-DD` (four, two and two digits) and checks that the day exists.
    public static func parse(_ text: String) -> Result<Day, DayParseError> {
        let bytes = Array(text.utf8)
        guard bytes.count == 10, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-") else {
            return .failure(.notADate)
        }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let b = bytes[i]
                guard b >= 48, b <= 57 else { return nil }
                value = value * 10 + Int(b - 48)
            }
            return value
        }
        guard let y = number(0..<4), let m = number(5..<7), let d = number(8..<10) else {
            return .failure(.notADate)
        }
        guard y >= 1 else { return .failure(.noSuchDay("there is no year 0")) }
        guard (1...12).contains(m) else { return .failure(.noSuchDay("there is no month \(m)")) }
        let last = daysInMonth(year: y, month: m)
        guard (1...last).contains(d), let day = Day(year: y, month: m, day: d) else {
            return .failure(.noSuchDay("\(monthNames[m - 1]) \(y) has \(last) days"))
        }
        return .success(day)
    }

    /// The day for `YYYY-MM-DD`, or `nil` when the text is not a valid day.
    public init?(_ text: String) {
        guard case .success(let day) = Day.parse(text) else { return nil }
        self = day
    }
}
