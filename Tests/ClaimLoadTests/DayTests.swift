import ClaimModel
import Testing

@Suite struct DayTests {
    @Test func parsesValidDaysAndPrintsThemBack() {
        for text in ["2026-11-29", "2024-02-29", "2000-02-29", "1970-01-01", "9999-12-31", "0001-01-01"] {
            #expect(Day(text)?.description == text)
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
}
