"""ccxt.pro against `liqsim serve`, with only its URLs changed (and the CA file of
`serve --tls`): loads markets over REST, then watches trades and liquidations for every
symbol on Binance USD-M, Bybit and OKX, and prints one JSON line per item:
{"client":"ccxt","exchange":…,"kind":"trade"|"liquidation","symbol":…,"ts_ms":…,
"price":…,"qty":…,"side":…,"arrival":<monotonic s>}.

usage: ccxt_client.py BASE_URL CA_FILE SECONDS   (BASE_URL: https://127.0.0.1:PORT)
"""
import asyncio
import json
import sys
import time

import ccxt.pro as ccxtpro

# The venue's own hosts → serve's prefixes: the only change a client needs (docs/live.md).
HOSTS = {
    "binanceusdm": {"https://fapi.binance.com": "binance-usdm", "wss://fstream.binance.com": "binance-usdm"},
    "bybit": {"https://api.{hostname}": "bybit-linear", "wss://stream.{hostname}": "bybit-linear"},
    "okx": {"https://{hostname}": "okx-swap", "wss://ws.okx.com:443": "okx-swap"},
}
SERVE = {"binanceusdm": "binance-usdm", "bybit": "bybit-linear", "okx": "okx-swap"}
SYMBOLS = ["BTC/USDT:USDT", "ETH/USDT:USDT"]


def retarget(urls, hosts, base):
    """Rewrites every URL of ccxt's `urls['api']` that starts with one of the venue's hosts."""
    if isinstance(urls, dict):
        return {k: retarget(v, hosts, base) for k, v in urls.items()}
    if isinstance(urls, str):
        for host, prefix in hosts.items():
            if urls.startswith(host):
                scheme = "wss" if host.startswith("wss") else "https"
                return f"{scheme}://{base}/{prefix}" + urls[len(host):]
    return urls


def emit(exchange, kind, symbol, ts, price, qty, side, arrival):
    print(json.dumps({"client": "ccxt", "exchange": SERVE[exchange], "kind": kind, "symbol": symbol, "ts_ms": ts,
                      "price": price, "qty": qty, "side": side, "arrival": arrival}), flush=True)


async def trades(ex, deadline, arrivals):
    """Keeps the subscription and notes when each trade was handed over (for the pacing check)."""
    params = {"name": "aggTrade"} if ex.id == "binanceusdm" else {}
    while time.monotonic() < deadline:
        try:
            batch = await asyncio.wait_for(ex.watch_trades_for_symbols(SYMBOLS, params=params), 2)
        except asyncio.TimeoutError:
            continue
        now = time.monotonic()
        for t in batch:
            arrivals.setdefault((t["symbol"], t["id"]), now)


async def liquidations(ex, deadline, symbols):
    """watch_liquidations_for_symbols where ccxt has it (Binance: `!forceOrder@arr`), else per symbol."""
    while time.monotonic() < deadline:
        try:
            if len(symbols) > 1:
                await asyncio.wait_for(ex.watch_liquidations_for_symbols(symbols), 2)
            else:
                await asyncio.wait_for(ex.watch_liquidations(symbols[0]), 2)
        except asyncio.TimeoutError:
            continue


async def venue(name, base, cafile, seconds):
    """Watches until `seconds` pass, then prints everything ccxt holds: its caches keep every
    item a watch call resolved, also those two messages resolved between two awaits."""
    ex = getattr(ccxtpro, name)({"cafile": cafile, "enableRateLimit": False})
    ex.urls["api"] = retarget(ex.urls["api"], HOSTS[name], base)
    arrivals = {}
    try:
        await ex.load_markets()
        deadline = time.monotonic() + seconds
        watchers = [trades(ex, deadline, arrivals)]
        if ex.has.get("watchLiquidationsForSymbols"):
            watchers.append(liquidations(ex, deadline, SYMBOLS))
        else:
            watchers += [liquidations(ex, deadline, [s]) for s in SYMBOLS]
        await asyncio.gather(*watchers)
        for symbol, cache in (ex.trades or {}).items():
            size = ex.market(symbol).get("contractSize") or 1
            for t in cache:
                emit(name, "trade", symbol, t["timestamp"], str(t["price"]), repr(float(t["amount"]) * float(size)), t["side"],
                     arrivals.get((symbol, t["id"])))
        for item in ex.liquidations or []:
            size = ex.market(item["symbol"]).get("contractSize") or 1
            emit(name, "liquidation", item["symbol"], item["timestamp"], str(item["price"]),
                 repr(float(item["contracts"]) * float(size)), item.get("side"), None)
    except Exception as e:   # one venue failing must not hide the others' results
        print(f"{name}: {type(e).__name__}: {e}", file=sys.stderr, flush=True)
    finally:
        await ex.close()


async def main(base, cafile, seconds):
    await asyncio.gather(*(venue(name, base, cafile, seconds) for name in SERVE))


if __name__ == "__main__":
    url, ca, secs = sys.argv[1], sys.argv[2], float(sys.argv[3])
    asyncio.run(main(url.split("://", 1)[1], ca, secs))
