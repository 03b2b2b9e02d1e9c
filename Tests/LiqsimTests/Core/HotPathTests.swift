// Fixtures: none. The replay hot path's fast paths (issue 16) checked against independent
// references: number printing against Swift's own `String(_:)`, the scanner's compact-JSON
// key path against the same frames with whitespace and escapes (which take the general path).
import Testing
import LiqsimCore
import LiqsimExchanges

@Suite struct HotPathTests {
    /// Every power of ten and its neighbours, both signs: the digit count's boundaries.
    static let integers: [Int64] = {
        var v: [Int64] = [0, 1, -1, .max, .min, .max - 1, .min + 1]
        var p: Int64 = 1
        for _ in 0..<18 {
            p *= 10
            v += [p - 1, p, p + 1, -(p - 1), -p, -(p + 1)]
        }
        return v
    }()

    @Test func integersPrintAsSwiftPrintsThem() {
        let out = OutputBuffer(capacity: 64)
        for v in Self.integers {
            out.removeAll()
            out.append(int: v)
            #expect(out.string == String(v))
        }
    }

    /// A decimal printed by string arithmetic: the digits, zero-padded, with the point inserted.
    static func reference(_ mantissa: Int64, _ scale: Int) -> String {
        var digits = String(mantissa.magnitude)
        if scale > 0 {
            if digits.count <= scale { digits = String(repeating: "0", count: scale + 1 - digits.count) + digits }
            digits.insert(".", at: digits.index(digits.endIndex, offsetBy: -scale))
        }
        return (mantissa < 0 ? "-" : "") + digits
    }

    @Test func decimalsPrintAllTheirDigits() {
        let out = OutputBuffer(capacity: 64)
        for v in Self.integers {
            for scale in 0...18 {
                out.removeAll()
                out.append(FixedDecimal(mantissa: v, scale: UInt8(scale)))
                #expect(out.string == Self.reference(v, scale), "mantissa \(v) scale \(scale)")
            }
        }
    }

    /// Strings of up to 18 bytes take the one-pass parser, longer ones the general rules;
    /// both must agree with the printed value (trailing zeros kept).
    @Test(arguments: [
        ("12345678901234567", Int64(12345678901234567), UInt8(0)),      // 17 bytes
        ("-1234567890123456", -1234567890123456, 0),
        ("1234567890123456.7", 12345678901234567, 1),                   // 18 bytes
        ("-123456789012345.6", -1234567890123456, 1),
        ("0.0000000000000001", 1, 16),                                  // 18 bytes, leading zeros
        ("0.00000000000000010", 10, 17),                                // 19 bytes: general rules
        ("000000000000000000012", 12, 0),                               // 21 bytes of leading zeros
        ("+0000000000000001.5", 15, 1),
        ("65114.20", 6511420, 2),
        ("-0", 0, 0),
        ("-.5", -5, 1),
    ])
    func decimalsParseOnEitherPath(text: String, mantissa: Int64, scale: UInt8) throws {
        let d = try #require(FixedDecimal(text))
        #expect(d.mantissa == mantissa)
        #expect(d.scale == scale)
    }

    @Test(arguments: ["1.2.", "..", "-.", "+.", "1-2", "12a", "1.2e3", "+-1", "١٢"])
    func decimalsRejectOnTheFastPath(text: String) {
        #expect(FixedDecimal(text) == nil)
    }

    @Test func symbolIndexKeepsInsertionOrderThroughGrowth() throws {
        var index = SymbolIndex()
        let names = (0..<1000).map { "S\($0)USDT" } + ["牛来USDT", "BTC-USDT-SWAP", "A", String(repeating: "Z", count: 32)]
        for (k, name) in names.enumerated() {
            let r = index.insert(try #require(Symbol(name)))
            #expect(r.index == k && r.inserted)
        }
        #expect(index.count == names.count)
        for (k, name) in names.enumerated() {
            let symbol = try #require(Symbol(name))
            #expect(index.index(of: symbol) == k)
            let again = index.insert(symbol)
            #expect(again.index == k && !again.inserted)
        }
        #expect(index.index(of: try #require(Symbol("ETHUSDT"))) == nil)
        #expect(index.symbols.map(\.description) == names)
    }

    @Test func removingBytesBuildsTheUnifiedName() throws {
        let dash = UInt8(ascii: "-")
        let id = try #require(Symbol("BTC-USDT-SWAP"))
        #expect(id.removing(dash, dropLast: 5) == Symbol("BTCUSDT"))      // equal words: zero padding kept
        #expect(id.removing(dash, dropLast: 0) == Symbol("BTCUSDTSWAP"))
        #expect(try #require(Symbol("牛-来-SWAP")).removing(dash, dropLast: 5) == Symbol("牛来"))
        #expect(try #require(Symbol("-SWAP")).removing(dash, dropLast: 5) == nil)
        #expect(try #require(Symbol("---")).removing(dash, dropLast: 0) == nil)
        #expect(id.removing(0xE7, dropLast: 0) == nil)                      // not ASCII: refused
    }

    /// The one-word suffix test agrees with the byte rule for every name length (1–32, where
    /// the load switches from the shifted first word to an unaligned load at 8) and suffixes of
    /// 1–8 bytes, matching and missing by one byte at each end.
    @Test func wordSuffixAgreesWithTheByteRule() throws {
        let suffixes: [StaticString] = ["P", "-SWAP", "PERP", "USDT", "WAP", "SWAPSWAP", "-SWAP\u{00}", "牛"]
        var checked = 0, matched = 0
        for length in 1...32 {
            for tail in ["-SWAP", "PERP", "SWAPSWAP", "-SWAQ", "XSWAP", "牛", "P"] {
                var text = String(repeating: "A", count: max(0, length - tail.utf8.count)) + tail
                while text.utf8.count > length { text.removeFirst() }
                guard let name = Symbol(text) else { continue }
                for suffix in suffixes {
                    #expect(name.hasSuffix(suffix) == name.hasSuffixBytes(suffix), "\(text) \(suffix)")
                    checked += 1
                    if name.hasSuffix(suffix) { matched += 1 }
                }
            }
        }
        #expect(checked > 1_000 && matched > 100)
        #expect(try #require(Symbol("BTC-USDT-SWAP")).hasSuffix("-SWAP"))
        #expect(try #require(Symbol("SWAP")).hasSuffix("-SWAP") == false)
        #expect(try #require(Symbol("BTCPERP")).hasSuffix("PERP"))
    }

    @Test func symbolsRefuseBytesThatNeedEscaping() {
        for bad in ["BTC USDT", "BTC\"USDT", "BTC\\USDT", "BTC\u{7F}", "\u{01}BTC", "BTC\u{202E}USDT", String(repeating: "A", count: 33), ""] {
            #expect(Symbol(bad) == nil, "\(bad)")
        }
        #expect(Symbol("牛来USDT")?.description == "牛来USDT")
        #expect(Symbol(String(repeating: "A", count: 32))?.count == 32)
    }

    /// Keys and values of one object, read with the scanner.
    static func members(_ text: String) -> [String]? {
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBytes { raw -> [String]? in
            var s = JSONScanner(UnsafeRawBufferPointer(raw))
            guard s.beginObject() else { return nil }
            var out: [String] = []
            while let k = s.nextKey() {
                guard let v = s.value() else { return nil }
                let key = k.escaped ? s.unescaped(k).map { String(decoding: $0, as: UTF8.self) } : String(decoding: s.raw(k), as: UTF8.self)
                out.append((key ?? "?") + "=" + String(decoding: s.raw(v), as: UTF8.self))
            }
            return s.failed || !s.atEnd() ? nil : out
        }
    }

    @Test func compactAndSpacedObjectsScanAlike() {
        let expected = ["e=aggTrade", "E=1786171884624", "p=64990.90", "m=true", "n=null", "o={\"x\":[1,2]}", "q=-12.5e3", "T=12345678"]
        let compact = #"{"e":"aggTrade","E":1786171884624,"p":"64990.90","m":true,"n":null,"o":{"x":[1,2]},"q":-12.5e3,"T":12345678}"#
        let spaced = #"{ "e" : "aggTrade" ,"E":1786171884624 , "p":"64990.90","m" :true,"n": null,"o":{"x":[1,2]},"q":-12.5e3,"T":12345678 }"#
        let escaped = #"{"\u0065":"aggTrade","E":1786171884624,"p":"64990.90","m":true,"n":null,"o":{"x":[1,2]},"q":-12.5e3,"T":12345678}"#
        #expect(Self.members(compact) == expected)
        #expect(Self.members(spaced) == expected)
        #expect(Self.members(escaped) == expected)
    }

    /// `match` compares words (overlapping at the end); it must agree with a byte compare for
    /// literals of every length 1–19: a whole match moves past the literal, a difference at
    /// any one byte or a buffer one byte short matches nothing and moves nowhere.
    @Test func literalMatchAgreesWithAByteCompare() {
        let literals: [StaticString] = ["{", "}]", "}]}", "\"ts", ",\"ts\":", ",\"seq\":", ",\"data\":", "{\"stream\":\"",
                                        ",\"instType\":", ",\"data\":{\"e\":\"", "},\"data\":[{\"instId\":\"", "0123456789ABCDEFGHI",
                                        "ab", "abcd", "abcdefgh", "abcdefghi", "abcdefghijklmnop", "abcdefghijklmnopq"]
        var cases = 0
        for literal in literals {
            let text = Array(UnsafeBufferPointer(start: literal.utf8Start, count: literal.utf8CodeUnitCount))
            func run(_ input: [UInt8]) -> (Bool, UInt8?) {
                input.withUnsafeBytes { raw in
                    var s = JSONScanner(raw)
                    let ok = s.match(literal)
                    return (ok, s.current)
                }
            }
            // equals: the same word compares on a slice (a string value in a buffer).
            // (literals with a quote are not string values: not compared)
            func equal(_ value: [UInt8]) -> Bool? {
                let frame = [UInt8(ascii: "\"")] + value + [UInt8(ascii: "\"")]
                return frame.withUnsafeBytes { raw in
                    var sc = JSONScanner(raw)
                    return sc.compactString().map { sc.equals($0, literal) }
                }
            }
            if !text.contains(UInt8(ascii: "\"")) {
                #expect(equal(text) == true && equal(text + [0x41]) == false && equal(Array(text.dropLast())) == false, "\(literal)")
                for i in text.indices {
                    var changed = text
                    changed[i] ^= 0x01
                    #expect(equal(changed) != true, "\(literal) changed at \(i)")
                }
            }
            #expect(run(text + [UInt8(ascii: "X")]) == (true, UInt8(ascii: "X")), "\(literal)")
            #expect(run(text) == (true, nil), "\(literal) at the end")
            #expect(run(Array(text.dropLast())).0 == false, "\(literal) one byte short")
            for i in text.indices {
                var changed = text + [UInt8(ascii: "X")]
                changed[i] ^= 0x01
                #expect(run(changed) == (false, changed[0]), "\(literal) changed at \(i)")
                cases += 1
            }
        }
        #expect(cases > 100)
    }

    /// Numbers of every length up to 20 digits end where their digits end, whatever follows
    /// (the eight-byte digit search must stop at the first non-digit, also a high byte).
    @Test func numbersEndAtTheirLastDigit() {
        for n in 1...20 {
            let digits = String((0..<n).map { Character(String($0 % 10)) })
            for (follow, ok) in [(",\"b\":1}", true), ("}", true), (".25}", true), ("é}", false), ("\u{01}}", false)] {
                let got = Self.members("{\"a\":" + digits + follow)
                if ok {
                    #expect(got?.first == "a=" + digits + (follow.hasPrefix(".") ? ".25" : ""), "\(n) digits then \(follow)")
                } else {
                    #expect(got == nil || got?.first != "a=" + digits, "\(n) digits then \(follow)")
                }
            }
        }
    }

    @Test func damagedKeysStillFail() {
        for text in [#"{"a":1,"b"}"#, #"{"a":1,,"b":2}"#, #"{"a":1 "b":2}"#, #"{"a":1,"b:2}"#, "{\"a\":1,\"b\u{01}\":2}", #"{"a":1,"#] {
            #expect(Self.members(text) == nil, "\(text)")
        }
    }

    /// The rules of a decimal of up to 18 bytes read one byte at a time: an optional sign,
    /// digits with at most one point, at least one digit.
    static func referenceDecimal(_ b: [UInt8]) -> (Int64, UInt8)? {
        guard !b.isEmpty else { return nil }
        let signed = b[0] == UInt8(ascii: "-") || b[0] == UInt8(ascii: "+")
        var digits = "", point: Int?
        for c in b.dropFirst(signed ? 1 : 0) {
            if c >= 0x30 && c <= 0x39 { digits.append(Character(UnicodeScalar(c))) }
            else if c == UInt8(ascii: "."), point == nil { point = digits.count }
            else { return nil }
        }
        guard let m = Int64(digits) else { return nil }
        return (b[0] == UInt8(ascii: "-") ? -m : m, UInt8(point.map { digits.count - $0 } ?? 0))
    }

    /// The one-pass reader (up to 18 bytes) against the byte rules: random strings of
    /// digits, points, signs and near-digit bytes (`/`, `:`, `0x7F`, `0xB0`), every length.
    @Test func onePassDecimalReaderMatchesTheByteRules() {
        let alphabet: [UInt8] = Array("0123456789".utf8) + Array("0123456789.-+/:eE ".utf8) + [0x7F, 0xB0, 0x00]
        var rng = SeededRandom(seed: 1616)
        for round in 0..<200_000 {
            let n = 1 + round % 18
            var b = (0..<n).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] }
            if round % 3 == 0 { b = b.map { $0 == UInt8(ascii: ".") || $0 > 0x39 || $0 < 0x30 ? UInt8(ascii: "7") : $0 } }   // mostly valid
            if round % 6 == 0 { b[Int(rng.next() % UInt64(n))] = UInt8(ascii: ".") }
            if round % 12 == 0 { b[0] = UInt8(ascii: "-") }
            let d = b.withUnsafeBytes { FixedDecimal(utf8: $0) }
            let r = Self.referenceDecimal(b)
            #expect(d?.mantissa == r?.0 && d?.scale == r?.1, "\(String(decoding: b, as: UTF8.self))")
        }
    }
}

