import Foundation

extension SweepBench {
    /// The values' native float64 bytes, as numpy's `np.fromfile(dtype=np.float64)` reads them.
    static func float64Data(_ values: [Double]) -> Data { values.withUnsafeBufferPointer { Data(buffer: $0) } }
}
