#!/usr/bin/env python3
"""Single GraphQL requests for the bench (standard library only).

    gql.py wait   --url URL [--secs 90]
        until the server answers {__typename}
    gql.py sample --url URL --token T --query FILE --variables JSON --out FILE
        one request; exit 1 unless it has data, no errors and a non-null root field
    gql.py walk   --url URL --token T --query FILE --cursors FILE --out FILE
        Q2's whole sync order, page by page (after = the previous endCursor until
        hasNextPage is false); writes every page's start cursor, one per line
        ("null" = the first page), and {pages, rows, seconds} as JSON

Only loopback URLs are accepted.
"""
import argparse
import http.client
import json
import sys
import time
import urllib.parse


def connect(url):
    u = urllib.parse.urlsplit(url)
    if u.scheme != "http" or u.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"refusing {url}: only http on loopback")
    return http.client.HTTPConnection(u.hostname, u.port or 80, timeout=30), u.path or "/"


def strip_comments(text):
    return "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("#"))


class Client:
    def __init__(self, url, token=None):
        self.url = url
        self.conn, self.path = connect(url)
        self.token = token

    def post(self, query, variables=None):
        body = json.dumps({"query": query, "variables": variables or {}})
        headers = {"Content-Type": "application/json", "Accept": "application/json"}
        if self.token:
            headers["Authorization"] = "Bearer " + self.token
        for attempt in (1, 2):
            try:
                self.conn.request("POST", self.path, body, headers)
                r = self.conn.getresponse()
                return r.status, r.read().decode()
            except (ConnectionError, http.client.HTTPException, OSError):
                self.conn.close()
                self.conn, self.path = connect(self.url)
                if attempt == 2:
                    raise


def ok(status, body):
    try:
        doc = json.loads(body)
    except json.JSONDecodeError:
        return False
    data = doc.get("data")
    return (status == 200 and not doc.get("errors") and isinstance(data, dict)
            and all(v is not None for v in data.values()))


def cmd_wait(a):
    deadline = time.monotonic() + a.secs
    while time.monotonic() < deadline:
        try:
            status, body = Client(a.url).post("{__typename}")
            if status == 200 and '"data"' in body:
                return 0
        except OSError:
            pass
        time.sleep(0.25)
    print(f"no answer from {a.url} within {a.secs} s", file=sys.stderr)
    return 1


def cmd_sample(a):
    client = Client(a.url, a.token)
    status, body = client.post(strip_comments(open(a.query).read()), json.loads(a.variables))
    with open(a.out, "w") as f:
        f.write(body)
        f.write("\n")
    if not ok(status, body):
        print(f"sample request {a.query} failed: HTTP {status}: {body[:400]}", file=sys.stderr)
        return 1
    return 0


def find(doc, key):
    """First object anywhere in doc that has key."""
    stack = [doc]
    while stack:
        x = stack.pop(0)
        if isinstance(x, dict):
            if key in x:
                return x
            stack.extend(x.values())
        elif isinstance(x, list):
            stack.extend(x)
    return None


def cmd_walk(a):
    client = Client(a.url, a.token)
    query = strip_comments(open(a.query).read())
    after, pages, rows = None, 0, 0
    starts = ["null"]
    t0 = time.monotonic()
    while True:
        status, body = client.post(query, {"after": after})
        if not ok(status, body):
            print(f"Q2 walk, page {pages + 1}: HTTP {status}: {body[:400]}", file=sys.stderr)
            return 1
        doc = json.loads(body)
        info = find(doc, "endCursor")
        nodes = find(doc, "nodes")["nodes"]
        pages += 1
        rows += len(nodes)
        if not info["hasNextPage"]:
            break
        if not nodes or pages >= a.max_pages:
            print(f"Q2 walk stopped after {pages} pages", file=sys.stderr)
            break
        after = info["endCursor"]
        starts.append(after)
    secs = time.monotonic() - t0
    with open(a.cursors, "w") as f:
        f.write("\n".join(starts) + "\n")
    with open(a.out, "w") as f:
        json.dump({"pages": pages, "rows": rows, "seconds": round(secs, 1)}, f)
        f.write("\n")
    print(f"Q2 walk: {pages} pages, {rows} rows in {secs:.1f} s", file=sys.stderr)
    return 0


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("wait")
    w.add_argument("--url", required=True)
    w.add_argument("--secs", type=float, default=90)
    s = sub.add_parser("sample")
    s.add_argument("--url", required=True)
    s.add_argument("--token", required=True)
    s.add_argument("--query", required=True)
    s.add_argument("--variables", required=True)
    s.add_argument("--out", required=True)
    k = sub.add_parser("walk")
    k.add_argument("--url", required=True)
    k.add_argument("--token", required=True)
    k.add_argument("--query", required=True)
    k.add_argument("--cursors", required=True)
    k.add_argument("--out", required=True)
    k.add_argument("--max-pages", type=int, default=100000)
    a = ap.parse_args()
    return {"wait": cmd_wait, "sample": cmd_sample, "walk": cmd_walk}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
