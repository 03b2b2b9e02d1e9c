import Testing
import LiqsimRegimes

@Suite("Regime least squares (dgels)")
struct RegimeLeastSquaresTests {
    /// x = 0…3, y = 1, 3, 4, 8: x̄ 1.5, ȳ 4, Sxx 5, Sxy 4.5+0.5+0+6 = 11, slope 2.2,
    /// intercept 4 − 3.3 = 0.7, residuals .3 .1 −1.1 .7, RSS .09+.01+1.21+.49 = 1.8.
    @Test func lineThroughFourPoints() throws {
        let fit = try LeastSquares.solve(design: [1, 0, 1, 1, 1, 2, 1, 3], rows: 4, columns: 2, y: [1, 3, 4, 8])
        #expect(abs(fit.beta[0] - 0.7) < 1e-14 && abs(fit.beta[1] - 2.2) < 1e-14)
        #expect(abs(fit.rss - 1.8) < 1e-13)
    }

    /// Square and consistent: [[2,1],[1,3]]β = [3,5] → β = (4/5, 7/5), RSS 0.
    @Test func squareSystem() throws {
        let fit = try LeastSquares.solve(design: [2, 1, 1, 3], rows: 2, columns: 2, y: [3, 5])
        #expect(abs(fit.beta[0] - 0.8) < 1e-15 && abs(fit.beta[1] - 1.4) < 1e-15)
        #expect(fit.rss == 0)
    }

    /// y = 1 − 2x + x²/2 exactly at x = 0…5: the quadratic is recovered, RSS ≈ 0.
    @Test func exactQuadratic() throws {
        let xs = (0..<6).map(Double.init)
        let fit = try LeastSquares.solve(design: xs.flatMap { [1, $0, $0 * $0] }, rows: 6, columns: 3,
                                         y: xs.map { 1 - 2 * $0 + 0.5 * $0 * $0 })
        #expect(abs(fit.beta[0] - 1) < 1e-13 && abs(fit.beta[1] + 2) < 1e-13 && abs(fit.beta[2] - 0.5) < 1e-13)
        #expect(fit.rss < 1e-25)
    }

    /// 300 rows × 4 columns of noise: β equals an independent normal-equations solve
    /// (Gauss–Jordan in plain loops), RSS equals Σ residual² by loops.
    @Test func randomProblemMatchesNormalEquations() throws {
        var rng = RK.Random(seed: 2024)
        let rows = 300, cols = 4
        let design = (0..<rows).flatMap { _ in [1.0] + (1..<cols).map { _ in rng.normal() } }
        let y = (0..<rows).map { r in 0.3 - 1.2 * design[r * cols + 1] + 0.7 * design[r * cols + 3] + 0.1 * rng.normal() }
        let fit = try LeastSquares.solve(design: design, rows: rows, columns: cols, y: y)

        let beta = RK.normalEquations(design: design, rows: rows, columns: cols, y: y)
        for k in 0..<cols { #expect(RK.relative(fit.beta[k], beta[k], floor: 1e-3) < 1e-10) }
        var rss = 0.0
        for r in 0..<rows {
            var fitted = 0.0
            for c in 0..<cols { fitted += design[r * cols + c] * beta[c] }
            rss += (y[r] - fitted) * (y[r] - fitted)
        }
        #expect(RK.relative(fit.rss, rss) < 1e-10)
    }

    @Test func refusalsCarryTheProblem() {
        #expect(throws: LeastSquaresError.self) { try LeastSquares.solve(design: [1, 2, 3], rows: 2, columns: 2, y: [1, 2]) }
        do {
            _ = try LeastSquares.solve(design: [1, 2], rows: 1, columns: 2, y: [1])
            Issue.record("fewer rows than columns must throw")
        } catch let e as LeastSquaresError { #expect(e.problem == .shape) } catch { Issue.record("\(error)") }
        do {
            _ = try LeastSquares.solve(design: [1, 0, 1, .nan, 1, 2], rows: 3, columns: 2, y: [1, 2, 3])
            Issue.record("NaN must throw")
        } catch let e as LeastSquaresError { #expect(e.problem == .nonFinite) } catch { Issue.record("\(error)") }
        do {
            // Second column = 2 × first: rank 1.
            _ = try LeastSquares.solve(design: [1, 2, 1, 2, 1, 2], rows: 3, columns: 2, y: [1, 2, 3])
            Issue.record("a rank-deficient design must throw")
        } catch let e as LeastSquaresError { #expect(e.problem == .rankDeficient) } catch { Issue.record("\(error)") }
    }

    @Test func blasIsPinnedToOneThread() {
        BLASThreads.pinToOne()
        BLASThreads.pinToOne()
        #expect(BLASThreads.current == 1)
    }

    /// OpenBLAS's server threads (started when the library loads, spinning ~0.1 s) are
    /// stopped by the pin, and solves still work on one thread afterwards without restarting them.
    @Test func pinningStopsOpenBLASsServerThreads() throws {
        BLASThreads.pinToOne()
        guard let running = BLASThreads.serverRunning else { return }   // an OpenBLAS without a thread server
        #expect(!running)
        // A design big enough that a threaded OpenBLAS would split it: y = 2 + 3x exactly.
        let rows = 2_000
        var design: [Double] = [], y: [Double] = []
        for i in 0..<rows { design += [1, Double(i)]; y.append(2 + 3 * Double(i)) }
        let fit = try LeastSquares.solve(design: design, rows: rows, columns: 2, y: y)
        #expect(abs(fit.beta[0] - 2) < 1e-9 && abs(fit.beta[1] - 3) < 1e-9)
        #expect(BLASThreads.serverRunning == false)
        #expect(BLASThreads.current == 1)
    }
}
