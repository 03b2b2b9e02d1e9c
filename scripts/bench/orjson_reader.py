"""The bench's Python peer: read a capture's frames and pull out the fields liqsim normalizes.

Usage: zstd -dc CAPTURE.lqc.zst | python3 orjson_reader.py
`zstd -dc` yields each block's content (docs/capture-format.md): u32 record count, a 16-byte
header per record (u32 payload length, u8 kind, u8 stream, u16 aux, i64 time delta), then the
payloads. Every text frame is parsed with orjson and its trade, liquidation, mark, funding and
open-interest fields are taken as strings (no decimal parsing, no pipeline, no output): what a
minimal Python normalizer does before any analysis. Prints `frames N events M`.
"""
import struct
import sys

import orjson

TEXT = 1


def binance(o, out):
    d = o.get("data", o)
    items = d if isinstance(d, list) else [d]
    for d in items:
        e = d.get("e")
        if e == "aggTrade" or e == "trade":
            out.append((d["s"], d["p"], d["q"], d["m"], d["T"]))
        elif e == "markPriceUpdate":
            out.append((d["s"], d["p"], d.get("r"), d.get("T"), d["E"]))
        elif e == "forceOrder":
            x = d["o"]
            out.append((x["s"], x["S"], x["q"], x.get("ap") or x["p"], x["T"]))


def bybit(o, out):
    topic = o.get("topic", "")
    data = o.get("data")
    if topic.startswith("publicTrade.") or topic.startswith("allLiquidation."):
        for t in data:
            out.append((t["s"], t["S"], t["v"], t["p"], t["T"]))
    elif topic.startswith("tickers."):
        out.append((data["symbol"], data.get("markPrice"), data.get("fundingRate"), data.get("openInterest"), o["ts"]))


def okx(o, out):
    arg = o.get("arg")
    if arg is None or "data" not in o:
        return
    channel = arg["channel"]
    for d in o["data"]:
        if channel == "trades":
            out.append((d["instId"], d["px"], d["sz"], d["side"], d["ts"]))
        elif channel == "mark-price":
            out.append((d["instId"], d["markPx"], d["ts"]))
        elif channel == "funding-rate":
            out.append((d["instId"], d["fundingRate"], d["fundingTime"], d["ts"]))
        elif channel == "open-interest":
            out.append((d["instId"], d["oi"], d.get("oiUsd"), d["ts"]))
        elif channel == "liquidation-orders":
            for x in d["details"]:
                out.append((d["instId"], x["side"], x["sz"], x["bkPx"], x["ts"]))


def main():
    decoders = (binance, bybit, okx)   # the bench capture's stream order
    data = memoryview(sys.stdin.buffer.read())
    header = struct.Struct("<IBBHq")
    frames = events = 0
    out = []
    pos = 0
    while pos < len(data):
        (n,) = struct.unpack_from("<I", data, pos)
        pos += 4
        heads = list(header.iter_unpack(data[pos:pos + 16 * n]))
        pos += 16 * n
        for length, kind, stream, _aux, _dt in heads:
            if kind == TEXT and stream < 3:
                decoders[stream](orjson.loads(data[pos:pos + length]), out)
                frames += 1
            pos += length
        events += len(out)
        out.clear()
    print(f"frames {frames} events {events}")


if __name__ == "__main__":
    main()
