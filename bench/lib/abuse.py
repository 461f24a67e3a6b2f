#!/usr/bin/env python3
"""Abuse load for bench/gate.sh (standard library only): what an attacker would send while a
partner's app keeps querying. Loopback only; bounded in time.

    abuse.py --url http://127.0.0.1:PORT --token T --secs 20 --bombs 2 --subscriptions 2000

- `--bombs N`: N threads, each sending, as fast as answers come, a batch of 10 operations of
  197 aliased `__schema { types { ... } }` selections (the one-gate issue's introspection bomb).
- `--subscriptions M`: one WebSocket (graphql-transport-ws) that sends M `subscribe` messages
  for the change feed and then stays open, reading whatever comes, until the time is up.

Prints one JSON line: requests sent, answers by HTTP status, and the socket's counts.
"""
import argparse
import base64
import collections
import http.client
import json
import os
import socket
import struct
import sys
import threading
import time
import urllib.parse


def loopback(url):
    u = urllib.parse.urlsplit(url)
    if u.scheme != "http" or u.hostname not in ("127.0.0.1", "localhost", "::1"):
        sys.exit(f"refusing {url}: only http on loopback")
    return u.hostname, u.port or 80


def bomb_body():
    fields = " ".join(
        f"a{i}: __schema {{ types {{ name fields {{ name type {{ name }} }} }} }}" for i in range(197)
    )
    return json.dumps([{"query": "{ " + fields + " }"} for _ in range(10)]).encode()


def bomb(host, port, token, until, counts, lock):
    body = bomb_body()
    conn = http.client.HTTPConnection(host, port, timeout=60)
    while time.monotonic() < until:
        try:
            conn.request(
                "POST",
                "/graphql",
                body=body,
                headers={"Content-Type": "application/json", "Authorization": f"Bearer {token}"},
            )
            response = conn.getresponse()
            size = len(response.read())
            with lock:
                counts[str(response.status)] += 1
                counts["bytes"] += size
        except (OSError, http.client.HTTPException):
            with lock:
                counts["failed"] += 1
            conn.close()
            conn = http.client.HTTPConnection(host, port, timeout=60)


def ws_frame(text):
    payload = text.encode()
    mask = os.urandom(4)
    header = bytes([0x81])
    n = len(payload)
    if n < 126:
        header += bytes([0x80 | n])
    elif n < 65536:
        header += bytes([0x80 | 126]) + struct.pack(">H", n)
    else:
        header += bytes([0x80 | 127]) + struct.pack(">Q", n)
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def read_frames(sock, until, stats):
    buffer = b""
    sock.settimeout(0.5)
    while time.monotonic() < until:
        try:
            chunk = sock.recv(65536)
        except socket.timeout:
            continue
        except OSError:
            return
        if not chunk:
            stats["closed"] = True
            return
        buffer += chunk
        while len(buffer) >= 2:
            opcode, n = buffer[0] & 0x0F, buffer[1] & 0x7F
            start = 2
            if n == 126:
                if len(buffer) < 4:
                    break
                n, start = struct.unpack(">H", buffer[2:4])[0], 4
            elif n == 127:
                if len(buffer) < 10:
                    break
                n, start = struct.unpack(">Q", buffer[2:10])[0], 10
            if len(buffer) < start + n:
                break
            payload, buffer = buffer[start : start + n], buffer[start + n :]
            if opcode == 8:
                stats["close_code"] = struct.unpack(">H", payload[:2])[0] if len(payload) >= 2 else 0
                return
            if opcode == 1:
                message = json.loads(payload)
                kind = message.get("type")
                code = None
                errors = message.get("payload")
                if kind == "next":
                    errors = (message.get("payload") or {}).get("errors")
                if isinstance(errors, list) and errors:
                    code = (errors[0].get("extensions") or {}).get("code")
                stats[f"{kind}:{code}" if code else kind] += 1


def flood(host, port, token, until, count, stats):
    sock = socket.create_connection((host, port), timeout=10)
    key = base64.b64encode(os.urandom(16)).decode()
    sock.sendall(
        (
            f"GET /graphql/ws HTTP/1.1\r\nHost: {host}:{port}\r\nUpgrade: websocket\r\n"
            f"Connection: Upgrade\r\nSec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
            "Sec-WebSocket-Protocol: graphql-transport-ws\r\n\r\n"
        ).encode()
    )
    answer = b""
    while b"\r\n\r\n" not in answer:
        answer += sock.recv(4096)
    if b" 101 " not in answer.split(b"\r\n")[0]:
        stats["upgrade_refused"] = True
        return
    sock.sendall(
        ws_frame(json.dumps({"type": "connection_init", "payload": {"Authorization": f"Bearer {token}"}}))
    )
    query = "subscription { changes(entityTypes: [SIGNAL]) { entityId } }"
    reader = threading.Thread(target=read_frames, args=(sock, until, stats), daemon=True)
    reader.start()
    time.sleep(0.2)
    for i in range(count):
        sock.sendall(ws_frame(json.dumps({"id": str(i), "type": "subscribe", "payload": {"query": query}})))
        stats["sent"] += 1
    reader.join()
    sock.close()


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--url", required=True)
    parser.add_argument("--token", required=True)
    parser.add_argument("--secs", type=float, default=20)
    parser.add_argument("--bombs", type=int, default=2)
    parser.add_argument("--subscriptions", type=int, default=2000)
    args = parser.parse_args()
    host, port = loopback(args.url)
    until = time.monotonic() + min(args.secs, 300)
    lock = threading.Lock()
    http_counts = collections.Counter()
    ws_stats = collections.Counter()
    threads = [
        threading.Thread(target=bomb, args=(host, port, args.token, until, http_counts, lock))
        for _ in range(args.bombs)
    ]
    if args.subscriptions:
        threads.append(
            threading.Thread(target=flood, args=(host, port, args.token, until, args.subscriptions, ws_stats))
        )
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    print(json.dumps({"bombs": dict(http_counts), "socket": dict(ws_stats)}))


if __name__ == "__main__":
    main()
