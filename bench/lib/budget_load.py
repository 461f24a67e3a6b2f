#!/usr/bin/env python3
"""Spends one caller's rate-limit budget through several instances at once (standard library
only), for bench/rate_limit.sh.

    budget_load.py --urls URL,URL --token T --secs 35 --threads 8 --out FILE

Each thread keeps one connection per instance and sends a 20-project page (cost 22) to the
instances in turn until the time is up. Writes {instances: {url: {ok, refused}}, accepted_cost,
requests, seconds} as JSON. Only loopback URLs are accepted.
"""
import argparse
import http.client
import json
import sys
import threading
import time
import urllib.parse

PAGE = json.dumps({"query": "{ projects(first: 20) { nodes { title } } }"})
COST = 22


def connect(url):
    u = urllib.parse.urlsplit(url)
    if u.scheme != "http" or u.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"refusing {url}: only http on loopback")
    return http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30), u.path or "/graphql"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--urls", required=True)
    ap.add_argument("--token", required=True)
    ap.add_argument("--secs", type=float, default=35)
    ap.add_argument("--threads", type=int, default=8)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    urls = args.urls.split(",")
    counts = {url: {"ok": 0, "refused": 0, "other": 0} for url in urls}
    lock = threading.Lock()
    headers = {"Content-Type": "application/json", "Authorization": f"Bearer {args.token}"}
    deadline = time.monotonic() + args.secs

    def worker(offset):
        conns = [connect(url) for url in urls]
        n = offset
        while time.monotonic() < deadline:
            url = urls[n % len(urls)]
            conn, path = conns[n % len(urls)]
            n += 1
            try:
                conn.request("POST", path, PAGE, headers)
                response = response_status = conn.getresponse()
                response.read()
                status = response_status.status
            except (OSError, http.client.HTTPException):
                conn.close()
                status = 0
            kind = "ok" if status == 200 else "refused" if status == 429 else "other"
            with lock:
                counts[url][kind] += 1
            if status == 429:
                time.sleep(0.05)

    started = time.monotonic()
    threads = [threading.Thread(target=worker, args=(i,)) for i in range(args.threads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    seconds = time.monotonic() - started
    ok = sum(c["ok"] for c in counts.values())
    with open(args.out, "w") as f:
        json.dump(
            {
                "instances": counts,
                "accepted_cost": ok * COST,
                "requests": sum(sum(c.values()) for c in counts.values()),
                "seconds": round(seconds, 2),
            },
            f,
            indent=1,
        )


if __name__ == "__main__":
    main()
