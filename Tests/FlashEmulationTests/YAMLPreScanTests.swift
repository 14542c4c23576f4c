import FlashEmulation
import Foundation
import Testing
import Yams

/// The pre-scan's nesting estimate must never be below the depth of the tree Yams builds
/// (deep text would otherwise reach Yams's recursion); scripts/fuzz-algorithms checks the
/// same on random input, and what it found is here.
@Suite struct YAMLPreScanTests {
    static let snippets = [
        "a:\n  b:\n    c: [ {d: [e, {f: g}]} ]\n", "- - - - x\n", "? - a\n  - b\n: c\n",
        "a: |\n  [[[\n  \"x\nb: [[1]]\n", "a: 'it''s [' \nb: {c: [d]}\n", "k: \"a\\\"[[\" \nz: [[[q]]]\n",
        "a: word\n  \"still\nb: [[[x]]]\n", "[a: [b: [c: d]]]\n", "{a: {b: {c: {}}}}\n",
        "- a: b\n  c:\n  - d: e\n    f:\n    - g\n", "&x a: b\n", "- !tag\n  - [x]\n", "a:\n- b\n- - c\n  - - d\n",
        "a: >2\n   x\n  y\nb: {c: {d: [e]}}\n", "a:\n  - b:\n      - c:\n          - d: [e: [f]]\n", "[a, b]: c\n",
        "\"k\": {x: [y: {z: w}]}\n",
        // Found by the fuzzer: an anchor name ends at the colon, which makes the line a key.
        "&amea0: x\n",
    ]

    /// The deepest collection in the tree, walked without recursion.
    static func treeDepth(_ root: Node) -> Int {
        var pending = [(root, 1)]
        var deepest = 0
        while let (node, depth) = pending.popLast() {
            switch node {
            case .scalar: continue
            case .sequence(let items): pending += items.map { ($0, depth + 1) }
            case .mapping(let pairs): pending += pairs.flatMap { [($0.key, depth + 1), ($0.value, depth + 1)] }
            }
            deepest = max(deepest, depth)
        }
        return deepest
    }

    static func check(_ text: [UInt8]) throws {
        let root = try #require(try Yams.compose(yaml: String(decoding: text, as: UTF8.self)))
        let depth = treeDepth(root)
        #expect(depth > 0)
        #expect(YAMLPreScan.deepestEstimate(text) >= depth)
    }

    @Test(arguments: snippets)
    func theEstimateCoversWhatYamsBuilds(_ text: String) throws {
        try Self.check(Array(text.utf8))
    }

    @Test(arguments: ["fuzz-yaml-anchor-before-colon.yaml", "yaml-minimal-valid.yaml", "yaml-duplicate-page-size.yaml"])
    func theEstimateCoversTheCorpus(_ name: String) throws {
        try Self.check([UInt8](try Data(contentsOf: URL(fileURLWithPath: HostileAlgorithmTests.path(name)))))
    }

    @Test(.enabled(if: Fixtures.hasProbeRs, "needs shared/fixtures/probe-rs beside the repository"))
    func theEstimateCoversTheProbeRsFile() throws {
        try Self.check([UInt8](try Data(contentsOf: URL(fileURLWithPath: Fixtures.probeRsPath))))
    }
}
