import Foundation
import LiqsimHeatmap
import LiqsimResultFiles

extension ReportPage {
    /// Reads the result directory and writes its report.html (or `path`); returns the path
    /// written. The page is drawn from the files, so it is never part of their digest.
    @discardableResult
    public static func write(directory: String, levelMaps: [Result<HeatmapGrid, HeatmapUnavailable>], chosen: Int? = nil,
                             to path: String? = nil) throws -> String {
        try write(try ReportData.load(directory: directory), directory: directory, levelMaps: levelMaps, chosen: chosen, to: path)
    }

    /// Writes the page of `data` (what `ReportData.load(directory:)` reads, or what the backtest
    /// just wrote: `ResultsWriter.Written.report`) to `directory`/report.html or `path`.
    @discardableResult
    public static func write(_ data: ReportData, directory: String, levelMaps: [Result<HeatmapGrid, HeatmapUnavailable>], chosen: Int? = nil,
                             to path: String? = nil) throws -> String {
        let out = path ?? directory + "/report.html"
        do { try Data(render(data, levelMaps: levelMaps, chosen: chosen).utf8).write(to: URL(fileURLWithPath: out)) } catch {
            throw ResultFileError(out, "cannot write: " + String(cString: strerror(errno)),
                                  fix: "check the directory's permissions and free space (or use --out DIR)")
        }
        return out
    }
}
