/// A log-linear latency histogram in the style of HdrHistogram, with bounded relative error.
///
/// Values below 256 are counted exactly. Above, each power of two [2^e, 2^(e+1)) is cut into
/// 128 buckets of equal width 2^(e-7), so a bucket's width is at most 1/128 of its lower
/// bound. A percentile is reported as its bucket's midpoint, which is within 1/256 (0.39 %)
/// of every value the bucket holds; the maximum and minimum are kept exactly.
///
/// ```swift
/// var histogram = Histogram()
/// histogram.record(1_250_000)            // 1.25 ms in nanoseconds
/// let p99 = histogram.percentile(99)
/// ```
public struct Histogram: Sendable {
    /// Sub-buckets per power of two, as a power of two: 2^subBits buckets cover [0, 2^subBits)
    /// exactly, then 2^(subBits-1) buckets per octave.
    public static let subBits = 8
    static let subCount = 1 << subBits  // 256
    static let halfCount = subCount >> 1  // 128
    /// The worst relative distance between a recorded value and the value reported for it.
    public static let maxRelativeError = 1.0 / Double(subCount)

    private(set) var counts: [UInt64]
    public private(set) var count: UInt64 = 0
    public private(set) var max: UInt64 = 0
    public private(set) var min: UInt64 = .max
    public private(set) var sum: Double = 0

    public init() {
        // Octaves 8...63 each add 128 buckets.
        counts = [UInt64](repeating: 0, count: Self.subCount + (64 - Self.subBits) * Self.halfCount)
    }

    /// The bucket holding `value`.
    @inline(__always)
    static func index(of value: UInt64) -> Int {
        if value < UInt64(subCount) { return Int(value) }
        let magnitude = 63 - value.leadingZeroBitCount  // >= subBits
        let shift = magnitude - (subBits - 1)  // >= 1
        let mantissa = Int(value >> UInt64(shift)) - halfCount  // 0..<128
        return subCount + (shift - 1) * halfCount + mantissa
    }

    /// The lowest value and the width of bucket `index`.
    static func bounds(of index: Int) -> (low: UInt64, width: UInt64) {
        if index < subCount { return (UInt64(index), 1) }
        let shift = (index - subCount) / halfCount + 1
        let mantissa = (index - subCount) % halfCount + halfCount
        return (UInt64(mantissa) << UInt64(shift), UInt64(1) << UInt64(shift))
    }

    /// The value reported for anything in bucket `index`: its midpoint.
    static func representative(of index: Int) -> UInt64 {
        let (low, width) = bounds(of: index)
        return low + (width - 1) / 2
    }

    /// Counts one value.
    @inline(__always)
    public mutating func record(_ value: UInt64) {
        counts[Self.index(of: value)] &+= 1
        count &+= 1
        sum += Double(value)
        if value > max { max = value }
        if value < min { min = value }
    }

    /// Adds every value of `other`.
    public mutating func merge(_ other: Histogram) {
        for index in other.counts.indices where other.counts[index] != 0 {
            counts[index] &+= other.counts[index]
        }
        count &+= other.count
        sum += other.sum
        if other.count > 0 {
            max = Swift.max(max, other.max)
            min = Swift.min(min, other.min)
        }
    }

    /// The value at percentile `p` (0...100): the smallest recorded value with at least p %
    /// of the values at or below it, within ``maxRelativeError``. 0 when empty.
    public func percentile(_ p: Double) -> UInt64 {
        guard count > 0 else { return 0 }
        if p >= 100 { return max }
        let rank = Swift.max(1, UInt64((p / 100 * Double(count)).rounded(.up)))
        var seen: UInt64 = 0
        for index in counts.indices {
            seen &+= counts[index]
            if seen >= rank {
                return Swift.min(Swift.max(Self.representative(of: index), min), max)
            }
        }
        return max
    }

    /// The arithmetic mean of the recorded values.
    public var mean: Double { count == 0 ? 0 : sum / Double(count) }
}
