import Yams

/// A parsed YAML node: what liqsim's readers use of one (a scalar's text and whether it was
/// plain, a mapping's pairs in file order, a sequence's items) and where it stands. Readers
/// see this, never Yams' own tree: the parser stays behind this module.
public struct YAMLNode: Sendable {
    public struct Scalar: Sendable {
        public var string: String
        /// Written bare (`5`, `true`, `abc`), not quoted or as a block: only plain scalars
        /// read as numbers and flags.
        public var plain: Bool
    }

    /// A mapping's key/value pairs in file order.
    public struct Mapping: Sequence, Sendable {
        public typealias Element = (key: YAMLNode, value: YAMLNode)
        let pairs: [Element]
        public var count: Int { pairs.count }
        public func makeIterator() -> IndexingIterator<[Element]> { pairs.makeIterator() }

        /// The value of the first plain-text key `key`, if any.
        public subscript(key: String) -> YAMLNode? { pairs.first { $0.key.string == key }?.value }
    }

    enum Content: Sendable {
        case scalar(Scalar), mapping(Mapping), sequence([YAMLNode])
        /// An alias the parser left unresolved: no value a reader can take.
        case other
    }

    let content: Content
    /// Where the node starts in the file.
    public let mark: SourcePosition?

    init(_ node: Node) {
        mark = node.mark.map { SourcePosition(line: $0.line, column: $0.column) }
        switch node {
        case .scalar(let s): content = .scalar(Scalar(string: s.string, plain: s.style == .plain))
        case .mapping(let m): content = .mapping(Mapping(pairs: m.map { (YAMLNode($0.key), YAMLNode($0.value)) }))
        case .sequence(let s): content = .sequence(s.map(YAMLNode.init))
        case .alias: content = .other
        }
    }

    public var scalar: Scalar? { if case .scalar(let s) = content { s } else { nil } }
    public var mapping: Mapping? { if case .mapping(let m) = content { m } else { nil } }
    public var sequence: [YAMLNode]? { if case .sequence(let s) = content { s } else { nil } }
    /// A scalar's text (nil for a mapping or a sequence).
    public var string: String? { scalar?.string }
}
