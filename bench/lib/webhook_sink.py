#!/usr/bin/env python3
"""A webhook endpoint for bench/webhooks.sh (standard library only): answers 204 at once and
writes one JSON line per delivery: when it arrived, the event's `time` (its commit), its id and
`sequence`. No signature check: the bench measures the server's delivery, not the receiver.

    webhook_sink.py --port 8092 --out sink.jsonl
"""
import argparse
import json
import time
from http.server import BaseHTTPRequestHandler, HTTPServer


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--port", type=int, required=True)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    out = open(a.out, "a", buffering=1)

    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_POST(self):
            arrived = time.time()
            body = self.rfile.read(int(self.headers.get("content-length", "0")))
            self.send_response(204)
            self.send_header("content-length", "0")
            self.end_headers()
            event = json.loads(body)
            out.write(json.dumps({
                "arrived": arrived,
                "time": event["time"],
                "id": self.headers.get("webhook-id"),
                "sequence": event["sequence"],
            }) + "\n")

        def log_message(self, *args):
            pass

    HTTPServer(("127.0.0.1", a.port), Handler).serve_forever()


if __name__ == "__main__":
    main()
