import ClaimModel
import Testing

@Suite struct DayTests {
    @Test func parsesValidDaysAndPrintsThemBack() {
        for text in ["2026-11-29", "2024-02-29", "2000-02-29", "1970-01-01", "9999-12-31", "0001-01-01"] {
            #expect(Day(text)?.description == text)
        }
    }

    /// Every day of years 1 to 9999 prints as its zero-padded year, month and day, and reads back.
    @Test func everyDayPrintsPadded() {
        let first = Day(year: 1, month: 1, day: 1)!.ordinal, last = Day(year: 9999, month: 12, day: 31)!.ordinal
        for ordinal in stride(from: first - 3, through: last + 3, by: 1) {
            let day = Day(ordinal: ordinal)
            let (y, m, d) = day.components
            let sign = y < 0 ? "-" : ""
            let year = String(abs(y)), month = String(m), dayOfMonth = String(d)
            let padded =
                sign + String(repeating: "0", count: max(0, 4 - year.count - sign.count)) + year + "-"
                + String(repeating: "0", count: 2 - month.count) + month + "-"
                + String(repeating: "0", count: 2 - dayOfMonth.count) + dayOfMonth
            if y >= 0 && y <= 9999 {
                #expect(day.description == padded)
                if y >= 1 { #expect(Day(day.description) == day) }
            }
        }
    }

    @Test func refusesDaysThatDoNotExist() {
        #expect(Day.parse("2026-02-30") == .failure(.noSuchDay("February 2026 has 28 days")))
        #expect(Day.parse("2026-02-29") == .failure(.noSuchDay("February 2026 has 28 days")))
        #expect(Day.parse("1900-02-29") == .failure(.noSuchDay("February 1900 has 28 days")))
        #expect(Day.parse("2026-04-31") == .failure(.noSuchDay("April 2026 has 30 days")))
        #expect(Day.parse("2026-13-01") == .failure(.noSuchDay("there is no month 13")))
        #expect(Day.parse("2026-00-10") == .failure(.noSuchDay("there is no month 0")))
        #expect(Day.parse("2026-01-00") == .failure(.noSuchDay("January 2026 has 31 days")))
    }

    @Test func refusesOtherForms() {
        for text in ["2026-1-5", "26-01-05", "2026/01/05", "2026-01-05T00:00:00Z", "", "tomorrow", "2026-0a-05"] {
            #expect(Day.parse(text) == .failure(.notADate), "\(text)")
        }
    }

    @Test func countsCalendarDays() {
        let day = Day("2026-11-29")!
        #expect(day.adding(days: 30).description == "2026-12-29")
        #expect(day.adding(days: 33).description == "2027-01-01")
        #expect(Day("2024-02-28")!.adding(days: 1).description == "2024-02-29")
        #expect(Day("2026-01-01")!.days(until: Day("2027-01-01")!) == 365)
        #expect(Day("2026-03-01")! > Day("2026-02-28")!)
        #expect(Day("1970-01-01")!.ordinal == 0)
    }

    @Test func takesTheUTCDayOfUnixTime() {
        #expect(Day(unixSeconds: 0).description == "1970-01-01")
        #expect(Day(unixSeconds: 1_795_996_799).description == "2026-11-29")
        #expect(Day(unixSeconds: 1_795_996_800).description == "2026-11-30")
        #expect(Day(unixSeconds: -1).description == "1969-12-31")
    }

    @Test func addsAndCountsAcrossMonthYearAndLeapDays() {
        let leap = Day("2024-02-28")!
        #expect(leap.adding(days: 1).description == "2024-02-29")
        #expect(leap.adding(days: 2).description == "2024-03-01")
        #expect(Day("2025-02-28")!.adding(days: 1).description == "2025-03-01")
        #expect(Day("2000-02-28")!.adding(days: 1).description == "2000-02-29")
        #expect(Day("2100-02-28")!.adding(days: 1).description == "2100-03-01")
        #expect(Day("2026-12-31")!.adding(days: 1).description == "2027-01-01")
        #expect(Day("2027-01-01")!.adding(days: -1).description == "2026-12-31")
        #expect(Day("2026-03-01")!.adding(days: -1).description == "2026-02-28")
        #expect(Day("2026-11-29")!.adding(days: 0) == Day("2026-11-29")!)
        // days(until:) is signed and undoes adding(days:).
        #expect(Day("2027-01-01")!.days(until: Day("2026-01-01")!) == -365)
        #expect(Day("2024-01-01")!.days(until: Day("2025-01-01")!) == 366)
        #expect(Day("2026-11-29")!.days(until: Day("2026-11-29")!) == 0)
        for offset in [-800, -366, -1, 1, 30, 60, 90, 365, 1_000] {
            let day = Day("2026-11-29")!
            #expect(day.days(until: day.adding(days: offset)) == offset)
            #expect(day.adding(days: offset).adding(days: -offset) == day)
        }
    }

    @Test func everyDayOfFourHundredYearsRoundTrips() {
        // Ordinals from 1900-01-01 to 2299-12-31 (a whole 400-year cycle): each is the calendar
        // day after the one before, and the initialiser and the text give the ordinal back.
        var previous = Day(year: 1899, month: 12, day: 31)!
        for ordinal in Day("1900-01-01")!.ordinal...Day("2299-12-31")!.ordinal {
            let day = Day(ordinal: ordinal)
            let (y, m, d) = day.components
            let (py, pm, pd) = previous.components
            let expected =
                pd < Day.daysInMonth(year: py, month: pm)
                ? (py, pm, pd + 1) : pm < 12 ? (py, pm + 1, 1) : (py + 1, 1, 1)
            guard (y, m, d) == expected, Day(year: y, month: m, day: d) == day, Day(day.description) == day else {
                Issue.record("ordinal \(ordinal) is \(day), expected the day after \(previous)")
                return
            }
            previous = day
        }
        #expect(previous.description == "2299-12-31")
    }

    @Test func knowsLeapYearsAndMonthLengths() {
        #expect(Day.isLeapYear(2024) && Day.isLeapYear(2000) && Day.isLeapYear(2400))
        #expect(!Day.isLeapYear(2026) && !Day.isLeapYear(1900) && !Day.isLeapYear(2100))
        #expect(
            (1...12).map { Day.daysInMonth(year: 2026, month: $0) } == [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31])
        #expect(Day.daysInMonth(year: 2024, month: 2) == 29)
        #expect(Day(year: 2026, month: 2, day: 29) == nil)
        #expect(Day(year: 2026, month: 0, day: 1) == nil)
        #expect(Day(year: 0, month: 1, day: 1) == nil)
        #expect(Day(year: 10_000, month: 1, day: 1) == nil)
        #expect(Day(year: 2026, month: 11, day: 29) == Day("2026-11-29"))
    }

    @Test func ordersByDate() {
        let days = ["2026-12-01", "2026-02-28", "2027-01-01", "2026-11-29", "1999-12-31"].map { Day($0)! }
        #expect(
            days.sorted().map(\.description) == ["1999-12-31", "2026-02-28", "2026-11-29", "2026-12-01", "2027-01-01"])
        #expect(Day("2026-11-29")! < Day("2026-11-30")!)
        #expect(!(Day("2026-11-29")! < Day("2026-11-29")!))
    }

    @Test func parseErrorsSayWhatToWrite() {
        #expect(
            DayParseError.notADate.message(for: "29.11.2026") == "'29.11.2026' is not a date; write it as YYYY-MM-DD")
        #expect(
            DayParseError.noSuchDay("February 2026 has 28 days").message(for: "2026-02-30")
                == "invalid date '2026-02-30': February 2026 has 28 days")
        #expect(Day.parse("0000-01-01") == .failure(.noSuchDay("there is no year 0")))
        #expect(Day.parse(" 2026-11-29") == .failure(.notADate))
        #expect(Day.parse("2026-11-2９") == .failure(.notADate))
    }
}
