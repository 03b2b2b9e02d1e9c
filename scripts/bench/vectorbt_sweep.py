"""The sweep bench's open-source peer: vectorbt over the same close series and runs.

Usage: python3 vectorbt_sweep.py INPUT.f64 BARS FEE_BPS SLIPPAGE_BPS
INPUT holds float64s: BARS close prices, then one row of BARS target positions (-1..1 of
equity) per run, as liqsim-bench writes them from the shared pass. Each run is
`Portfolio.from_orders` with target-percent sizes, fees and slippage, then its Sharpe ratio
and maximum drawdown: the same outputs liqsim's sweep computes per run. (vectorbt has no
margin model, so sizes are the targets themselves, not times the scenario's leverage.)
The first call compiles vectorbt's numba kernels and is not timed; the best of 3 timed
calls is printed as `bar_runs_per_second X runs N mean_sharpe S mean_max_drawdown D`.
"""
import sys
import time

import numpy as np
import pandas as pd
import vectorbt as vbt


def sweep(close, sizes, fees, slippage):
    pf = vbt.Portfolio.from_orders(close, sizes, size_type="targetpercent", fees=fees, slippage=slippage,
                                   init_cash=100_000.0, freq="1min")
    return pf.sharpe_ratio(), pf.max_drawdown()


def main():
    path, bars, fee_bps, slip_bps = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), float(sys.argv[4])
    values = np.fromfile(path, dtype=np.float64)
    index = pd.date_range("2026-01-01", periods=bars, freq="1min")
    close = pd.Series(values[:bars], index=index)
    targets = values[bars:].reshape(-1, bars).T
    sizes = pd.DataFrame(targets, index=index)
    fees, slippage = fee_bps / 1e4, slip_bps / 1e4
    sweep(close, sizes.iloc[:, :2], fees, slippage)   # numba compilation, untimed
    best = float("inf")
    for _ in range(3):
        started = time.perf_counter()
        sharpe, drawdown = sweep(close, sizes, fees, slippage)
        best = min(best, time.perf_counter() - started)
    runs = targets.shape[1]
    print(f"bar_runs_per_second {targets.size / best:.0f} runs {runs} "
          f"mean_sharpe {np.nanmean(sharpe.values):.4f} mean_max_drawdown {np.nanmean(drawdown.values):.4f}")


if __name__ == "__main__":
    main()
