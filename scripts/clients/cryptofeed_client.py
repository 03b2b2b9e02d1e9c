"""cryptofeed against `liqsim serve`, with only its URLs changed (and the CA file of
`serve --tls`, through SSL_CERT_FILE / REQUESTS_CA_BUNDLE): one FeedHandler with trades
and liquidations for BTC and ETH perpetuals on Binance Futures, Bybit and OKX; prints
one JSON line per callback (as ccxt_client.py) and stops after SECONDS.

usage: cryptofeed_client.py BASE_URL SECONDS   (BASE_URL: https://127.0.0.1:PORT)
"""
import asyncio
import dataclasses
import json
import os
import signal
import sys
import time

from cryptofeed import FeedHandler
from cryptofeed.defines import LIQUIDATIONS, TRADES
from cryptofeed.exchanges import OKX, BinanceFutures, Bybit

# The venue's own hosts → serve's prefixes: the only change a client needs (docs/live.md).
HOSTS = {
    BinanceFutures: ("binance-usdm", {"https://fapi.binance.com": "", "wss://fstream.binance.com": ""}),
    Bybit: ("bybit-linear", {"https://api.bybit.com": "", "wss://stream.bybit.com": ""}),
    OKX: ("okx-swap", {"https://www.okx.com": "", "wss://ws.okx.com:8443": ""}),
}


def retarget(feed, base):
    prefix, hosts = HOSTS[feed]

    def move(address):
        for host in hosts:
            if address and address.startswith(host):
                scheme = "wss" if host.startswith("wss") else "https"
                return f"{scheme}://{base}/{prefix}" + address[len(host):]
        return address

    feed.websocket_endpoints = [dataclasses.replace(e, address=move(e.address)) for e in feed.websocket_endpoints]
    feed.rest_endpoints = [dataclasses.replace(e, address=move(e.address)) for e in feed.rest_endpoints]


def emitter(exchange, kind):
    async def callback(item, receipt):
        qty = getattr(item, "amount", None) if kind == "trade" else getattr(item, "quantity", None)
        print(json.dumps({"client": "cryptofeed", "exchange": exchange, "kind": kind, "symbol": item.symbol,
                          "ts_ms": round(item.timestamp * 1000), "price": str(item.price), "qty": str(qty),
                          "side": item.side, "arrival": time.monotonic()}), flush=True)
    return callback


def main(base, seconds):
    for feed in HOSTS:
        retarget(feed, base)
    fh = FeedHandler(config={"log": {"filename": os.devnull, "level": "WARNING"}})
    symbols = {BinanceFutures: ["BTC-USDT-PERP", "ETH-USDT-PERP"], Bybit: ["BTC-USDT-PERP", "ETH-USDT-PERP"], OKX: ["BTC-USDT-PERP", "ETH-USDT-PERP"]}
    for feed, syms in symbols.items():
        name = HOSTS[feed][0]
        fh.add_feed(feed(symbols=syms, channels=[TRADES, LIQUIDATIONS],
                         callbacks={TRADES: emitter(name, "trade"), LIQUIDATIONS: emitter(name, "liquidation")}))
    signal.signal(signal.SIGALRM, lambda *_: os._exit(0))
    signal.alarm(int(seconds))
    fh.run(install_signal_handlers=False)


if __name__ == "__main__":
    main(sys.argv[1].split("://", 1)[1], float(sys.argv[2]))
