import Foundation

/// How arrivals spread over a window, as a probability density on [0, 1].
///
/// The morning scenario gives arrival i of E the time `window * inverse((i + 0.5) / E)`: the
/// arrivals follow the curve exactly, with no sampling noise, so two runs send the same load.
///
/// * `uniform`: density 1; F(x) = x.
/// * `triangular(peak: c)`: density rises linearly from 0 at x = 0 to 2 at x = c and falls
///   to 0 at x = 1. F(x) = x²/c for x ≤ c, 1 − (1 − x)²/(1 − c) above; the peak rate is
///   2E/window. A peak at 07:25 in a 07:00–07:30 rush is c = 25/30.
/// * `normal(peak: c, sigma: s)`: a normal density with mean c and standard deviation s
///   (both as fractions of the window), truncated to [0, 1] and renormalised:
///   F(x) = (Φ((x − c)/s) − Φ(−c/s)) / (Φ((1 − c)/s) − Φ(−c/s)), Φ(z) = (1 + erf(z/√2))/2.
public enum ArrivalCurve: Sendable, Equatable {
    case uniform
    case triangular(peak: Double)
    case normal(peak: Double, sigma: Double)

    /// Parses `uniform`, `triangular[:PEAK]`, `normal[:PEAK[:SIGMA]]`.
    public init?(parsing text: String) {
        let parts = text.split(separator: ":").map(String.init)
        let numbers = parts.dropFirst().compactMap(Double.init)
        guard numbers.count == parts.count - 1 else { return nil }
        switch parts.first {
        case "uniform" where numbers.isEmpty: self = .uniform
        case "triangular" where numbers.count <= 1:
            let peak = numbers.first ?? 25.0 / 30.0
            guard peak > 0, peak < 1 else { return nil }
            self = .triangular(peak: peak)
        case "normal" where numbers.count <= 2:
            let peak = numbers.first ?? 25.0 / 30.0
            let sigma = numbers.count > 1 ? numbers[1] : 1.0 / 6.0
            guard peak >= 0, peak <= 1, sigma > 0 else { return nil }
            self = .normal(peak: peak, sigma: sigma)
        default: return nil
        }
    }

    /// The share of arrivals at or before `x` (0...1) of the window.
    public func cdf(_ x: Double) -> Double {
        let x = Swift.min(Swift.max(x, 0), 1)
        switch self {
        case .uniform: return x
        case .triangular(let c):
            return x <= c ? x * x / c : 1 - (1 - x) * (1 - x) / (1 - c)
        case .normal(let c, let s):
            let low = Self.phi(-c / s), high = Self.phi((1 - c) / s)
            return (Self.phi((x - c) / s) - low) / (high - low)
        }
    }

    /// The density at `x`, in arrivals per window per arrival.
    public func density(_ x: Double) -> Double {
        guard x >= 0, x <= 1 else { return 0 }
        switch self {
        case .uniform: return 1
        case .triangular(let c): return x <= c ? 2 * x / c : 2 * (1 - x) / (1 - c)
        case .normal(let c, let s):
            let mass = Self.phi((1 - c) / s) - Self.phi(-c / s)
            let z = (x - c) / s
            return exp(-z * z / 2) / (s * (2 * Double.pi).squareRoot()) / mass
        }
    }

    /// The point of the window (0...1) by which a share `u` (0...1) of arrivals came.
    public func inverse(_ u: Double) -> Double {
        let u = Swift.min(Swift.max(u, 0), 1)
        switch self {
        case .uniform: return u
        case .triangular(let c):
            return u <= c ? (u * c).squareRoot() : 1 - ((1 - u) * (1 - c)).squareRoot()
        case .normal:
            var low = 0.0, high = 1.0
            for _ in 0..<60 {
                let mid = (low + high) / 2
                if cdf(mid) < u { low = mid } else { high = mid }
            }
            return (low + high) / 2
        }
    }

    /// The highest density on [0, 1]: the peak rate is `peakDensity * E / window`.
    public var peakDensity: Double {
        switch self {
        case .uniform: return 1
        case .triangular: return 2
        case .normal(let c, _): return density(c)
        }
    }

    /// Arrival offsets in nanoseconds from the window's start for `count` arrivals, sorted.
    public func schedule(count: Int, windowNs: UInt64) -> [UInt64] {
        (0..<count).map { index in
            UInt64(inverse((Double(index) + 0.5) / Double(count)) * Double(windowNs))
        }
    }

    static func phi(_ z: Double) -> Double { (1 + erf(z / 2.0.squareRoot())) / 2 }
}
