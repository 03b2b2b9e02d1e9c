#!/usr/bin/env python3
"""Seed corpus for Fuzz/liqsim-fuzz-capture: small captures written from the fixture lines
by this independent writer of docs/capture-format.md (zstd frames from the `zstd` CLI,
CRC-32C here), each file under 64 KiB: closed (index + footer), unclosed, with state
records, with one-record blocks, and with a prepended byte and a cut tail.
Usage: make_capture_corpus.py FIXTURE_DIR OUT_DIR"""
import glob, json, os, struct, subprocess, sys, tempfile

MAGIC = {"header": 0x184D2A50, "block": 0x184D2A51, "index": 0x184D2A52, "footer": 0x184D2A53}
TAG = {"header": b"LQCH", "block": b"LQCB", "index": b"LQCI", "footer": b"LQCF"}
STREAMS = ["binance-usdm", "bybit-linear", "okx-swap"]
KIND = {"text": 1, "rest": 4, "gap": 7}


def crc32c(data):
    crc = 0xFFFFFFFF
    for b in data:
        crc ^= b
        for _ in range(8):
            crc = (crc >> 1) ^ 0x82F63B78 if crc & 1 else crc >> 1
    return crc ^ 0xFFFFFFFF


def zstd(raw):
    with tempfile.NamedTemporaryFile() as f:
        f.write(raw)
        f.flush()
        return subprocess.run(["zstd", "-q", "-6", "--check", "-c", f.name], check=True, capture_output=True).stdout


def records(fixture_dir):
    out = []
    for path in sorted(glob.glob(os.path.join(fixture_dir, "*.jsonl"))):
        for line in open(path, encoding="utf-8"):
            o = json.loads(line)
            stream = STREAMS.index(o["exchange"])
            if "frame" in o:
                out.append((o["recv_ns"], KIND["text"], stream, 0, o["frame"].encode()))
            else:
                url, body = o["url"].encode(), o["body"].encode()[:3000]
                out.append((o["recv_ns"], KIND["rest"], stream, o.get("status", 200), struct.pack("<H", len(url)) + url + body))
    out.sort(key=lambda r: r[0])
    return out


def capture(recs, per_block, close=True):
    header = json.dumps({"format": "lqc", "format_version": 1, "liqsim_version": "seed", "notes": [], "source": "import",
                         "streams": [{"id": s, "subscriptions": []} for s in STREAMS]}, sort_keys=True).encode()
    out = bytearray(struct.pack("<II4sII", MAGIC["header"], 12 + len(header), TAG["header"], 1, crc32c(header)) + header)
    entries, seq = [], 0
    for i in range(0, len(recs), per_block):
        block = recs[i:i + per_block]
        heads, payloads, prev, state = b"", b"", block[0][0], 0
        for recv, kind, stream, aux, payload in block:
            heads += struct.pack("<IBBHq", len(payload), kind, stream, aux, recv - prev)
            payloads += payload
            prev = recv
            state |= 1 if kind == KIND["rest"] else 0
        raw = struct.pack("<I", len(block)) + heads + payloads
        frame = zstd(raw)
        fields = struct.pack("<IIIIqqQ", len(block), len(raw), len(frame), state, block[0][0], block[-1][0], seq)
        entries.append(struct.pack("<Q", len(out)) + fields)
        meta = TAG["block"] + fields
        out += struct.pack("<II", MAGIC["block"], 48) + meta + struct.pack("<I", crc32c(meta)) + frame
        seq += len(block)
    if close:
        index_at = len(out)
        body = TAG["index"] + struct.pack("<I", len(entries)) + b"".join(entries)
        out += struct.pack("<II", MAGIC["index"], len(body) + 4) + body + struct.pack("<I", crc32c(body))
        footer = TAG["footer"] + struct.pack("<IQQ", 1, index_at, seq)
        out += struct.pack("<II", MAGIC["footer"], 28) + footer + struct.pack("<I", crc32c(footer))
    return bytes(out)


def main(fixture_dir, out_dir):
    os.makedirs(out_dir, exist_ok=True)
    recs = records(fixture_dir)
    small = [r for r in recs if len(r[4]) < 600]
    seeds = {
        "closed-8x4": capture(small[:32], 4),
        "closed-1x12": capture(small[:12], 1),
        "unclosed-6x5": capture(small[40:70], 5, close=False),
        "state-records": capture([r for r in recs if r[1] == KIND["rest"]][:1] + small[100:120], 7),
        "prepended": b"\x00" + capture(small[:10], 3),
        "cut-tail": capture(small[:20], 4)[:-50],
    }
    for name, data in seeds.items():
        assert len(data) <= 65536, (name, len(data))
        with open(os.path.join(out_dir, "seed-" + name + ".lqc.zst"), "wb") as f:
            f.write(data)
    print("capture corpus: %d seeds in %s" % (len(seeds), out_dir))


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
