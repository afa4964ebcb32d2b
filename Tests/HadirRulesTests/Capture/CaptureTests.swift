import Testing
@testable import HadirRules

@Suite("Offline capture correction")
struct CaptureTests {
    let policy = CapturePolicy()
    let fifteen: Int64 = 15 * 60_000

    @Test("a phone 15 minutes fast, online: corrected by the offset measured at hello")
    func fastPhoneOnline() throws {
        let hello = instant("2025-05-06", "07:58")
        let offset = ClockOffset.measured(deviceSentAt: hello + fifteen, serverReceivedAt: hello)
        #expect(offset.milliseconds == fifteen)
        let raw = instant("2025-05-06", "08:15")
        let time = try correctCapture(
            raw: raw, offset: offset,
            receivedAt: instant("2025-05-06", "08:00:01"), policy: policy)
        #expect(time.corrected == instant("2025-05-06", "08:00"))
        #expect(time.raw == raw)
        #expect(time.offset == offset)
    }

    @Test("the same phone offline: punches sent at 17:20 keep raw times, corrected by 15 min")
    func fastPhoneOffline() throws {
        let sent = instant("2025-05-06", "17:20")
        let offset = ClockOffset.measured(deviceSentAt: sent + fifteen, serverReceivedAt: sent)
        let checkIn = try correctCapture(
            raw: instant("2025-05-06", "08:10"), offset: offset,
            receivedAt: sent, policy: policy)
        let checkOut = try correctCapture(
            raw: instant("2025-05-06", "16:20"), offset: offset,
            receivedAt: sent, policy: policy)
        #expect(checkIn.corrected == instant("2025-05-06", "07:55"))
        #expect(checkOut.corrected == instant("2025-05-06", "16:05"))
        #expect(checkOut.corrected - checkIn.corrected == (8 * hour + 10 * minute) * 1000)
    }

    @Test("too old or too far ahead: refused, naming the field and the excess")
    func bounds() {
        let now = instant("2025-05-06", "12:00")
        let zero = ClockOffset(milliseconds: 0)
        #expect(
            throws: CaptureError(
                code: .tooOld, field: "captured_at",
                excessMilliseconds: 1000)
        ) {
            try correctCapture(
                raw: now - 72 * 3_600_000 - 1000, offset: zero, receivedAt: now,
                policy: policy)
        }
        #expect(
            throws: CaptureError(
                code: .inFuture, field: "captured_at",
                excessMilliseconds: 1)
        ) {
            try correctCapture(raw: now + 300_001, offset: zero, receivedAt: now, policy: policy)
        }
        // Exactly on each bound is accepted.
        #expect(
            (try? correctCapture(
                raw: now - 72 * 3_600_000, offset: zero, receivedAt: now,
                policy: policy)) != nil)
        #expect(
            (try? correctCapture(
                raw: now + 300_000, offset: zero, receivedAt: now,
                policy: policy)) != nil)
    }

    @Test("a slow clock is corrected the other way and the bound applies after correction")
    func slowClock() throws {
        let now = instant("2025-05-06", "12:00")
        let slow = ClockOffset(milliseconds: -2 * 3_600_000)
        let time = try correctCapture(
            raw: now - 2 * 3_600_000, offset: slow, receivedAt: now,
            policy: policy)
        #expect(time.corrected == now)
        // Raw looks 10 minutes ahead, but a fast clock (+15 min) puts it 5 minutes back.
        let fast = ClockOffset(milliseconds: fifteen)
        #expect(
            (try? correctCapture(
                raw: now + 600_000, offset: fast, receivedAt: now,
                policy: policy))?.corrected == now - 300_000)
    }
}
