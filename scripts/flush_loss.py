#!/usr/bin/env python3
"""How much `kill -9` of `liqsim record` loses: serve a capture at a speed, record it,
kill the recorder at a random moment, and measure the receive-time span between the kill
and the newest record in its file (frames arrive continuously at 20x and above, so that
span is what was received but not yet written).

Usage: scripts/flush_loss.py LIQSIM CAPTURE [--speeds 20x,200x] [--kills 20] [--seed 17]
Prints one line per kill and the distribution (median, p90, max) per speed."""
import argparse, os, random, re, signal, subprocess, sys, tempfile, time
from datetime import datetime, timezone


def newest_recv_ns(liqsim, directory):
    files = sorted(f for f in os.listdir(directory) if f.endswith(".lqc.zst"))
    newest = None
    for f in files:
        out = subprocess.run([liqsim, "capture", "cat", os.path.join(directory, f)], capture_output=True, text=True).stdout
        for line in out.splitlines():
            m = re.match(r"(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3})Z ", line)
            if m:
                t = datetime.strptime(m.group(1), "%Y-%m-%dT%H:%M:%S.%f").replace(tzinfo=timezone.utc)
                ns = int(t.timestamp() * 1000) * 1_000_000
                newest = ns if newest is None else max(newest, ns)
    return newest


def one_kill(liqsim, capture, speed, rng, work):
    serve = subprocess.Popen([liqsim, "serve", capture, "--listen", "127.0.0.1:0", "--speed", speed, "--loop"],
                             stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True)
    lines = []
    while True:
        line = serve.stdout.readline()
        if not line.strip():
            break
        lines.append(line.strip())
        if len(lines) >= 6:
            break
    out = tempfile.mkdtemp(dir=work)
    args = [liqsim, "record", "--out", out, "--rest-interval", "off"]
    for l in lines:
        args += ["--endpoint", l]
    record = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(3 + rng.random() * 4)
    killed_at = time.time_ns()
    record.send_signal(signal.SIGKILL)
    record.wait()
    serve.send_signal(signal.SIGINT)
    serve.wait()
    newest = newest_recv_ns(liqsim, out)
    return None if newest is None else (killed_at - newest) / 1e6


def main():
    p = argparse.ArgumentParser()
    p.add_argument("liqsim")
    p.add_argument("capture")
    p.add_argument("--speeds", default="20x,200x")
    p.add_argument("--kills", type=int, default=20)
    p.add_argument("--seed", type=int, default=17)
    a = p.parse_args()
    rng = random.Random(a.seed)
    work = tempfile.mkdtemp(prefix="flush-loss-")
    for speed in a.speeds.split(","):
        losses = []
        for k in range(a.kills):
            loss = one_kill(a.liqsim, a.capture, speed, rng, work)
            print(f"{speed} kill {k + 1}: " + ("no record" if loss is None else f"{loss:.0f} ms since the newest record"), flush=True)
            if loss is not None:
                losses.append(loss)
        losses.sort()
        if losses:
            q = lambda f: losses[min(len(losses) - 1, int(f * len(losses)))]
            print(f"{speed}: {len(losses)} kills, median {q(0.5):.0f} ms, p90 {q(0.9):.0f} ms, max {losses[-1]:.0f} ms, "
                  f"over 250 ms: {sum(1 for x in losses if x > 250)}", flush=True)


if __name__ == "__main__":
    main()
