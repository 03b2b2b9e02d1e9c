import Foundation
import Testing
import Yams

/// deploy/k8s-backtest.yaml has no cluster here: it is checked structurally — an Indexed
/// Job whose shard count agrees everywhere, whose pods share one volume, and whose command
/// lines are deploy/slurm-backtest.sh's (which SlurmDeployTests runs for real).
@Suite struct KubernetesManifestTests {
    static let deploy = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../../deploy").standardized

    /// The Slurm script's command for `--task` or `--compare`: its lines up to `exec …`, continuations joined.
    static func slurmCommand(_ script: String, _ flag: String) -> String? {
        guard let start = script.range(of: "if [[ \"${1:-}\" == \"\(flag)\" ]]; then\n") else { return nil }
        let body = script[start.upperBound...].prefix { _ in true }
        var lines: [String] = []
        for line in body.split(separator: "\n").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if line == "fi" { break }
            lines.append(line)
        }
        return lines.joined(separator: "\n").replacingOccurrences(of: "\\\n", with: " ").replacingOccurrences(of: "\n", with: "; ")
    }

    /// One spelling for both: the shard index, the executable, the thread count; spaces collapsed.
    static func normalized(_ command: String) -> String {
        command.replacingOccurrences(of: "$SLURM_ARRAY_TASK_ID", with: "$INDEX")
            .replacingOccurrences(of: "$JOB_COMPLETION_INDEX", with: "$INDEX")
            .replacingOccurrences(of: "\"$LIQSIM\"", with: "liqsim")
            .replacingOccurrences(of: "\"${SLURM_CPUS_PER_TASK:-1}\"", with: "\"$JOBS\"")
            .replacingOccurrences(of: ";;", with: ";")
            .split(whereSeparator: { $0 == " " || $0 == "\n" }).joined(separator: " ")
    }

    static func env(_ container: [String: Any]) -> [String: String] {
        var out: [String: String] = [:]
        for e in container["env"] as? [[String: Any]] ?? [] { out[e["name"] as? String ?? ""] = e["value"] as? String }
        return out
    }

    @Test func theIndexedJobShardsLikeTheSlurmArrayWithTheSameCommandLines() throws {
        let yaml = try String(contentsOf: Self.deploy.appendingPathComponent("k8s-backtest.yaml"), encoding: .utf8)
        let script = try String(contentsOf: Self.deploy.appendingPathComponent("slurm-backtest.sh"), encoding: .utf8)
        let docs = try Yams.load_all(yaml: yaml).map { try #require($0 as? [String: Any]) }
        #expect(docs.count == 2)
        let (backtest, compare) = (docs[0], docs[1])
        for doc in docs { #expect(doc["apiVersion"] as? String == "batch/v1" && doc["kind"] as? String == "Job") }

        let spec = try #require(backtest["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect(spec["parallelism"] as? Int == completions && completions > 1)
        #expect(spec["backoffLimitPerIndex"] is Int)
        let pod = try #require((spec["template"] as? [String: Any])?["spec"] as? [String: Any])
        #expect(pod["restartPolicy"] as? String == "Never")
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let env = Self.env(container)
        #expect(env["SHARDS"] == String(completions))
        let cpu = ((container["resources"] as? [String: Any])?["requests"] as? [String: Any])?["cpu"] as? String
        #expect(env["JOBS"] == cpu)
        let mount = (container["volumeMounts"] as? [[String: Any]])?.first?["mountPath"] as? String
        #expect(env["SHARED"] == mount && env["SCENARIO"]?.hasPrefix((mount ?? "-") + "/") == true)
        #expect(container["command"] as? [String] == ["/bin/sh", "-c"])
        let args = try #require((container["args"] as? [String])?.first)
        #expect(args.contains("--shard \"$JOB_COMPLETION_INDEX/$SHARDS\""))
        #expect(Self.normalized(args) == Self.normalized(try #require(Self.slurmCommand(script, "--task"))))

        let cspec = try #require(compare["spec"] as? [String: Any])
        let cpod = try #require((cspec["template"] as? [String: Any])?["spec"] as? [String: Any])
        let ccontainer = try #require((cpod["containers"] as? [[String: Any]])?.first)
        let cenv = Self.env(ccontainer)
        #expect(cenv["SHARED"] == env["SHARED"] && cenv["SCENARIO"] == env["SCENARIO"])
        let cargs = try #require((ccontainer["args"] as? [String])?.first)
        #expect(Self.normalized(cargs) == Self.normalized(try #require(Self.slurmCommand(script, "--compare"))))
        // Both Jobs mount the same claim.
        let claims = [pod, cpod].map { (($0["volumes"] as? [[String: Any]])?.first?["persistentVolumeClaim"] as? [String: Any])?["claimName"] as? String }
        #expect(claims[0] != nil && claims[0] == claims[1])
    }
}
