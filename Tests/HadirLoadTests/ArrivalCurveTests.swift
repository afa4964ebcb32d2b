import Testing
@testable import HadirLoadKit

@Suite struct ArrivalCurveTests {
    static let curves: [ArrivalCurve] = [
        .uniform, .triangular(peak: 25.0 / 30.0), .triangular(peak: 0.5),
        .normal(peak: 0.8, sigma: 0.15),
    ]

    @Test(arguments: curves) func inverseUndoesTheCDF(curve: ArrivalCurve) {
        for step in 0...100 {
            let u = Double(step) / 100
            #expect(abs(curve.cdf(curve.inverse(u)) - u) < 1e-9)
        }
        #expect(abs(curve.cdf(0)) < 1e-12)
        #expect(abs(curve.cdf(1) - 1) < 1e-12)
    }

    @Test(arguments: curves) func densityIntegratesToTheCDF(curve: ArrivalCurve) {
        let steps = 20_000
        var area = 0.0
        for step in 0..<steps {
            let x = (Double(step) + 0.5) / Double(steps)
            area += curve.density(x) / Double(steps)
            if step % 2000 == 1999 {
                let upTo = Double(step + 1) / Double(steps)
                #expect(abs(area - curve.cdf(upTo)) < 1e-4)
            }
        }
    }

    @Test func triangularScheduleRampsToThePeak() {
        let curve = ArrivalCurve.triangular(peak: 25.0 / 30.0)
        let window: UInt64 = 60_000_000_000
        let times = curve.schedule(count: 40_000, windowNs: window)
        #expect(times.count == 40_000)
        #expect(times == times.sorted())
        #expect(times.last! < window)
        // Arrivals in each 5-second slice: rises to the slice holding the peak (50 s), then falls.
        var slices = [Int](repeating: 0, count: 12)
        for time in times { slices[Int(time / 5_000_000_000)] += 1 }
        #expect(slices[0] < slices[5] && slices[5] < slices[9])
        #expect(slices[11] < slices[9])
        // Peak rate 2E/window = 1333/s; the busiest 5 s hold close to that.
        let busiest = Double(slices.max()!) / 5
        let peak = 2.0 * 40_000 / 60
        #expect(abs(busiest - peak) < 100)
        #expect(curve.peakDensity == 2)
    }

    @Test func parsing() {
        #expect(ArrivalCurve(parsing: "uniform") == .uniform)
        #expect(ArrivalCurve(parsing: "triangular:0.5") == .triangular(peak: 0.5))
        #expect(ArrivalCurve(parsing: "normal:0.8:0.1") == .normal(peak: 0.8, sigma: 0.1))
        #expect(ArrivalCurve(parsing: "triangular:1.5") == nil)
        #expect(ArrivalCurve(parsing: "square") == nil)
    }
}
