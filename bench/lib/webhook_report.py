#!/usr/bin/env python3
"""Delivery figures of bench/webhooks.sh from the sink's lines.

    webhook_report.py --sink sink.jsonl --load-start T0 --load-end T1 --m1 M1.json --expected N

Lag of an event = when it arrived at the endpoint - its `time` (when the change was logged).
"""
import argparse
import datetime
import json


def pct(values, p):
    if not values:
        return None
    s = sorted(values)
    return s[min(len(s) - 1, int(round(p / 100 * (len(s) - 1))))]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--sink", required=True)
    p.add_argument("--load-start", type=float, required=True)
    p.add_argument("--load-end", type=float, required=True)
    p.add_argument("--expected", type=int, required=True)
    a = p.parse_args()
    rows, seen = [], set()
    for line in open(a.sink):
        r = json.loads(line)
        if r["id"] in seen:
            continue  # a repeat (at least once): the first arrival counts
        seen.add(r["id"])
        t = datetime.datetime.fromisoformat(r["time"].replace("Z", "+00:00")).timestamp()
        rows.append((r["arrived"], t, r["sequence"]))
    ordered = all(rows[i][2] < rows[i + 1][2] for i in range(len(rows) - 1))
    lags = [arrived - t for arrived, t, _ in rows]
    during = [r for r in rows if r[0] <= a.load_end]
    last = max((r[0] for r in rows), default=a.load_end)
    load_s = a.load_end - a.load_start
    print(json.dumps({
        "changes_committed": a.expected,
        "events_delivered": len(rows),
        "in_commit_order": ordered,
        "delivered_per_s_during_load": round(len(during) / load_s, 1) if load_s > 0 else None,
        "delivered_per_s_overall": round(len(rows) / max(last - a.load_start, 1e-9), 1),
        "drain_s_after_load": round(max(0.0, last - a.load_end), 2),
        "lag_p50_s": round(pct(lags, 50), 3) if lags else None,
        "lag_p99_s": round(pct(lags, 99), 3) if lags else None,
        "lag_max_s": round(max(lags), 3) if lags else None,
    }, indent=2))


if __name__ == "__main__":
    main()
