#!/usr/bin/env python3
"""Seed corpus for Fuzz/liqsim-fuzz: every real frame / REST body in the test fixtures,
prefixed with the selector byte(s) FuzzEntry.swift expects, plus the documented REST
examples the fixtures lack. Usage: make_corpus.py FIXTURE_DIR OUT_DIR"""
import glob, hashlib, json, os, sys

STREAMS = ["binance-usdm", "bybit-linear", "okx-swap"]
# Must match `restURLs` in FuzzEntry.swift (index = second byte); len(REST_PATHS) = custom URL.
REST_PATHS = [
    "/fapi/v1/openInterest",
    "/futures/data/globalLongShortAccountRatio",
    "/v5/market/account-ratio",
    "/api/v5/public/instruments",
    "/api/v5/rubik/stat/contracts/long-short-account-ratio?ccy=",
    "/api/v5/rubik/stat/contracts/long-short-account-ratio-contract",
    "/fapi/v1/exchangeInfo",
    "/v5/market/instruments-info",
    "/unknown",
]
CUSTOM = len(REST_PATHS)
MAX_LEN = 4096

# Documented bodies (docs examples quoted in the adapters) and frames the fixtures lack.
EXTRA_REST = [
    ("binance-usdm", 0, '{"openInterest":"10659.509","symbol":"BTCUSDT","time":1589437530011}'),
    ("binance-usdm", 1, '[{"symbol":"BTCUSDT","longShortRatio":"0.1960","longAccount":"0.6622","shortAccount":"0.3378","timestamp":"1583139600000"},'
                        '{"symbol":"BTCUSDT","longShortRatio":"0.1970","longAccount":"0.6630","shortAccount":"0.3370","timestamp":1583139900000}]'),
    ("bybit-linear", 2, '{"retCode":0,"retMsg":"OK","result":{"list":[{"symbol":"BTCUSDT","buyRatio":"0.5777","sellRatio":"0.4223",'
                        '"timestamp":"1695772800000"}],"nextPageCursor":"abc"},"time":1695772821145}'),
    ("okx-swap", 4, '{"code":"0","data":[["1701417600000","1.1739"],["1701417300000","1.1697"]],"msg":""}'),
    ("okx-swap", 5, '{"code":"0","data":[["1701417600000","1.1739"]],"msg":""}'),
    ("okx-swap", 3, '{"code":"0","data":[{"ctType":"linear","ctVal":"0.01","ctValCcy":"BTC","instId":"BTC-USDT-SWAP",'
                    '"instType":"SWAP","settleCcy":"USDT","state":"live"},{"ctType":"inverse","ctVal":"100","instId":"BTC-USD-SWAP"}]}'),
    ("okx-swap", CUSTOM, "https://www.okx.com/api/v5/rubik/stat/contracts/long-short-account-ratio-contract?instId=ETH-USD-SWAP&period=5m\n"
                         '{"code":"0","data":[["1701417600000","0.95"]],"msg":""}'),
    ("binance-usdm", 6, '{"timezone":"UTC"}'),
]
EXTRA_FRAMES = [
    ("bybit-linear", '{"topic":"liquidation.BTCUSDT","type":"snapshot","ts":1673251091822,'
                     '"data":{"updatedTime":1673251091822,"symbol":"BTCUSDT","side":"Buy","size":"0.003","price":"25388.80"}}'),
    ("bybit-linear", '{"topic":"allLiquidation.ICPUSDT","type":"snapshot","ts":1789670094100,'
                     '"data":[{"T":1789670094099,"s":"ICPUSDT","S":"Buy","v":"19.7","p":"2.585"}]}'),
    ("bybit-linear", '{"topic":"tickers.BTCPERP","type":"snapshot","ts":1786310818183,"data":{"symbol":"BTCPERP","markPrice":"65117.43",'
                     '"fundingRate":"0.0001","nextFundingTime":"1786320000000","openInterest":"12.5","openInterestValue":"813967.87"}}'),
    ("binance-usdm", '{"e":"forceOrder","E":1791091027107,"o":{"s":"MANTAUSDT","S":"BUY","o":"LIMIT","f":"IOC","q":"2049.1",'
                     '"p":"0.0711500","ap":"0.0722187","X":"FILLED","l":"245.9","z":"2049.1","T":1791091026103}}'),
    ("binance-usdm", '{"stream":"btcusdt@markPrice","data":[{"e":"markPriceUpdate","E":1786171884000,"s":"BTCUSDT","p":"64991.3",'
                     '"r":"","T":0},{"e":"trade","E":1,"s":"BTCUSDT","p":"1","q":"2","T":3,"m":false}]}'),
    ("binance-usdm", '{"result":null,"id":1}'),
    ("okx-swap", 'pong'),
    ("okx-swap", '{"event":"subscribe","arg":{"channel":"trades","instId":"BTC-USDT-SWAP"}}'),
    ("okx-swap", '{"arg":{"channel":"trades","instId":"BTC-USD-SWAP"},"data":[{"instId":"BTC-USD-SWAP","tradeId":"1",'
                 '"px":"38000.5","sz":"3","side":"sell","ts":"1646003655550"}]}'),
    ("okx-swap", '{"arg":{"channel":"liquidation-orders","instType":"SWAP"},"data":[{"details":[{"bkLoss":"0","bkPx":"0.09583",'
                 '"ccy":"","posSide":"net","side":"sell","sz":"19979","ts":"1791565462608"}],"instId":"DOGE-USDT-SWAP","instType":"SWAP"}]}'),
]


def shrink(body):
    """REST bodies over MAX_LEN: keep the leading rows of the data/result list so the seed stays valid JSON."""
    try:
        doc = json.loads(body)
    except ValueError:
        return body[:MAX_LEN]
    rows = doc.get("data") if isinstance(doc, dict) else doc
    if not isinstance(rows, list):
        return body[:MAX_LEN]
    n = len(rows)
    while n > 1:
        text = json.dumps({**doc, "data": rows[:n]} if isinstance(doc, dict) else rows[:n], separators=(",", ":"))
        if len(text) <= MAX_LEN - 2:
            return text
        n //= 2
    return body[:MAX_LEN]


def main():
    fixtures, out = sys.argv[1], sys.argv[2]
    os.makedirs(out, exist_ok=True)
    seeds = set()

    def add(data):
        if len(data) > MAX_LEN:
            data = data[:MAX_LEN]
        seeds.add(data)

    def rest_index(url):
        for i, p in enumerate(REST_PATHS[:CUSTOM]):
            if p.split("?")[0] in url and (("?" not in p) or p.split("?")[1] in url):
                return i
        return CUSTOM

    for path in sorted(glob.glob(os.path.join(fixtures, "*.jsonl"))):
        with open(path, encoding="utf-8") as fh:
            for line in fh:
                line = line.strip()
                if not line:
                    continue
                rec = json.loads(line)
                stream = STREAMS.index(rec["exchange"])
                if "frame" in rec:
                    add(bytes([stream]) + rec["frame"].encode())
                elif "body" in rec:
                    idx = rest_index(rec.get("url", ""))
                    body = shrink(rec["body"])
                    prefix = (rec["url"] + "\n") if idx == CUSTOM else ""
                    add(bytes([3 + stream, idx]) + (prefix + body).encode())
    for stream, idx, body in EXTRA_REST:
        add(bytes([3 + STREAMS.index(stream), idx]) + body.encode())
    for stream, frame in EXTRA_FRAMES:
        add(bytes([STREAMS.index(stream)]) + frame.encode())

    for data in seeds:
        name = "seed-" + hashlib.sha1(data).hexdigest()
        with open(os.path.join(out, name), "wb") as fh:
            fh.write(data)
    print(f"make_corpus: {len(seeds)} seeds in {out}")


if __name__ == "__main__":
    main()
