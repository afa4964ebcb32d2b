import Testing
@testable import HadirLoadKit

@Suite struct HistogramTests {
    @Test func smallValuesAreExact() {
        var histogram = Histogram()
        for value in 0..<256 { histogram.record(UInt64(value)) }
        #expect(histogram.count == 256)
        #expect(histogram.percentile(50) == 127)
        #expect(histogram.percentile(100) == 255)
        #expect(histogram.min == 0)
    }

    @Test func everyBucketIsWithinTheBound() {
        // Values across 18 decades, each maps to a bucket that holds it and whose
        // representative is within maxRelativeError.
        var value: UInt64 = 1
        while value < UInt64(1) << 60 {
            for candidate in [value, value + 1, value / 2 * 3, value * 2 - 1] where candidate > 0 {
                let index = Histogram.index(of: candidate)
                let (low, width) = Histogram.bounds(of: index)
                #expect(candidate >= low && candidate < low + width, "\(candidate) not in its bucket")
                let reported = Double(Histogram.representative(of: index))
                let error = abs(reported - Double(candidate)) / Double(candidate)
                #expect(error <= Histogram.maxRelativeError, "\(candidate) reported as \(reported)")
            }
            value = value * 2 + value / 3 + 1
        }
    }

    @Test func bucketsAreContiguous() {
        var expectedLow: UInt64 = 0
        for index in 0..<(256 + 40 * 128) {
            let (low, width) = Histogram.bounds(of: index)
            #expect(low == expectedLow)
            #expect(Histogram.index(of: low) == index)
            #expect(Histogram.index(of: low + width - 1) == index)
            expectedLow = low + width
        }
    }

    @Test func percentilesOfAUniformSpreadAreWithinOnePercent() {
        var histogram = Histogram()
        // 1 µs ... 100 ms in 100 ns steps: 1,000,000 values.
        let values = (0..<1_000_000).map { UInt64(1_000 + $0 * 100) }
        for value in values.reversed() { histogram.record(value) }
        for p in [50.0, 90, 99, 99.9] {
            let exact = Double(values[Int((p / 100 * Double(values.count)).rounded(.up)) - 1])
            let reported = Double(histogram.percentile(p))
            #expect(abs(reported - exact) / exact <= 0.01, "p\(p): \(reported) vs \(exact)")
        }
        #expect(histogram.percentile(100) == values.last!)
        #expect(histogram.max == values.last!)
        #expect(histogram.min == 1_000)
    }

    @Test func mergeAddsCounts() {
        var a = Histogram(), b = Histogram()
        for value in 1...1000 { a.record(UInt64(value) * 1000) }
        for value in 1001...2000 { b.record(UInt64(value) * 1000) }
        a.merge(b)
        #expect(a.count == 2000)
        #expect(a.max == 2_000_000)
        let median = Double(a.percentile(50))
        #expect(abs(median - 1_000_000) / 1_000_000 <= 0.01)
    }

    @Test func emptyIsZero() {
        let histogram = Histogram()
        #expect(histogram.percentile(99) == 0)
        #expect(histogram.mean == 0)
    }
}
