import Testing
import LiqsimResultFiles

/// The one CSV codec: what the writer emits, the reader gives back, field for field.
@Suite("CSV codec")
struct CSVFieldsTests {
    @Test func hostileFieldsRoundTrip() throws {
        let rows = [["run", "symbol", "note", "total_return_pct"],
                    ["0", "BTC,USDT", "say \"hi\"", "inf"],
                    ["1", "line one\nline two", "", "-inf"],
                    ["2", "\"", "a\r\nb", ""],
                    ["3", ",", "\n", "nan"]]
        let text = rows.map(CSVFields.line).joined(separator: "\n") + "\n"
        #expect(text.hasPrefix("run,symbol,note,total_return_pct\n0,\"BTC,USDT\",\"say \"\"hi\"\"\",inf\n1,\"line one\nline two\",,-inf\n"))
        #expect(try CSVFields.parse(text) == rows)
    }

    @Test func escapingOnlyWhenNeeded() {
        #expect(CSVFields.escape("0.5") == "0.5")
        #expect(CSVFields.escape("") == "")
        #expect(CSVFields.escape("a,b") == "\"a,b\"")
        #expect(CSVFields.escape("x\"y") == "\"x\"\"y\"")
        #expect(CSVFields.escape("cr\r") == "\"cr\r\"")
    }

    @Test func emptyLinesAndCRLF() throws {
        #expect(try CSVFields.parse("") == [])
        #expect(try CSVFields.parse("a,b\r\n\r\n1,2") == [["a", "b"], ["1", "2"]], "CRLF, an empty line, no final line break")
        #expect(try CSVFields.parse("a\n\"\"\n") == [["a"], [""]], "a quoted empty field is a record")
        #expect(try CSVFields.parse(",\n") == [["", ""]])
    }

    @Test func anOpenQuoteNamesItsLine() {
        #expect(throws: CSVError(line: 2, message: "a quoted field is not closed before the end of the file")) {
            try CSVFields.parse("a,b\n1,\"open\n\nstill open")
        }
    }

    /// runs.csv's codec over the CSV one: metrics rounded as before, inf and NaN kept, a
    /// parameter holding a comma, a quote and a newline read back whole; a file with the
    /// performance columns only (written before the significance columns) reads too.
    @Test func runsTableRoundTrip() throws {
        let table = RunsTable(parameterNames: ["symbol", "mode"], metricNames: RunColumns.performance, rows: [
            RunRow(run: 0, parameters: ["BTCUSDT", "fade, \"wide\"\nrange"], metrics: [1.23456, 0.5, .infinity, 2, 7, 50, .nan, 12.5, 1.006, -0.004, 10_000.125]),
            RunRow(run: 1, parameters: ["ETHUSDT", "follow"], metrics: [-1, -0.25, -.infinity, 0, 0, 0, 0, 0, 0, 0, 9_900]),
        ])
        let text = table.csv
        #expect(text.components(separatedBy: "\n")[1] == "0,BTCUSDT,\"fade, \"\"wide\"\"")
        #expect(text.contains("range\",1.2346,0.5000,inf,2.0000,7,50.0000,,12.5000,1.01,0.00,10000.13\n"))
        let back = try RunsTable.parse(text)
        #expect(back.parameterNames == ["symbol", "mode"] && back.metricNames == RunColumns.performance)
        #expect(back.rows.map(\.parameters) == table.rows.map(\.parameters))
        #expect(back.rows[0].metrics[0] == 1.2346 && back.rows[0].metrics[2] == .infinity && back.rows[0].metrics[6].isNaN)
        #expect(back.csv == text, "reading and writing again gives the same bytes")
    }

    @Test func runsTableErrorsNameTheLine() {
        let header = "run,symbol," + RunColumns.metrics.joined(separator: ",") + "\n"
        #expect(throws: ResultFileError.self) { try RunsTable.parse("symbol,run\n") }
        do {
            _ = try RunsTable.parse(header + "0,BTCUSDT\n")
            Issue.record("a short row must not parse")
        } catch let error as ResultFileError {
            #expect(error.description == "runs.csv: line 2: 2 fields, the header has \(2 + RunColumns.metrics.count); re-run the backtest")
        } catch { Issue.record("\(error)") }
    }

    @Test func oneRankingForEveryReader() {
        let names = ["total_return_pct", "sharpe"]
        let rows = [RunRow(run: 3, parameters: [], metrics: [1, 0.5]), RunRow(run: 1, parameters: [], metrics: [2, .nan]),
                    RunRow(run: 2, parameters: [], metrics: [3, 0.5]), RunRow(run: 0, parameters: [], metrics: [0, 1.5])]
        #expect(RunRow.ranked(rows, metricNames: names).map(\.run) == [0, 2, 3, 1], "sharpe first, ties by the lower run, NaN last")
        #expect(RunRow.best(rows, metricNames: names)?.run == 0)
        #expect(RunRow.best([], metricNames: names) == nil)
    }
}
