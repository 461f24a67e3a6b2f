#!/usr/bin/env python3
"""A webhook receiver for wijkhub: verifies each delivery with the `standardwebhooks` package,
checks it is a wijkhub CloudEvent, skips repeats by `webhook-id`, and prints what changed.

    pip install standardwebhooks
    WEBHOOK_SECRET=whsec_... python3 examples/webhook_receiver.py          # listens on :8000

Settings (environment):
    WEBHOOK_SECRET   the secret `createWebhook` (or `rotateWebhookSecret`) showed
    PORT             where to listen (default 8000), on 127.0.0.1 unless HOST says otherwise
    HOST             the address to listen on (default 127.0.0.1)
    EXIT_AFTER       stop after this many verified events: exit 0 if every request verified,
                     1 if any did not (for CI); default: run until stopped
    EXPECT_TYPE      if set, the first verified event must have this CloudEvents `type`

A real receiver stores the event (or the object in `data.object`) before it answers 2xx, and
answers quickly: wijkhub waits for the answer before it sends the next event (10 s at most), and
retries an event until it gets a 2xx.
"""

import json
import os
import sys
from http.server import BaseHTTPRequestHandler, HTTPServer

from standardwebhooks.webhooks import Webhook, WebhookVerificationError

SECRET = os.environ["WEBHOOK_SECRET"]
HOST = os.environ.get("HOST", "127.0.0.1")
PORT = int(os.environ.get("PORT", "8000"))
EXIT_AFTER = int(os.environ.get("EXIT_AFTER", "0"))
EXPECT_TYPE = os.environ.get("EXPECT_TYPE")

webhook = Webhook(SECRET)
seen_ids = set()  # keep these in your database: a repeat must not be applied twice
verified = 0
failures = 0


def check_cloudevent(event):
    """The fields wijkhub promises (CloudEvents 1.0, NL GOV profile); raises on a mismatch."""
    assert event["specversion"] == "1.0", event
    assert event["type"].startswith("nl.denhaag.wijkhub."), event["type"]
    assert event["source"].startswith("urn:"), event["source"]
    assert event["datacontenttype"] == "application/json", event
    data = event["data"]
    assert data["operation"] in ("CREATED", "UPDATED", "DELETED"), data
    assert event["subject"] == data["entityId"], event
    assert event["type"].endswith("." + data["operation"].lower()), event["type"]
    if data["operation"] == "DELETED":
        assert data["object"] is None, data
    return data


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):
        global verified, failures
        body = self.rfile.read(int(self.headers.get("content-length", "0")))
        try:
            # The raw body, byte for byte: the signature covers exactly what was sent.
            event = webhook.verify(body, dict(self.headers))
            if self.headers.get("content-type") != "application/cloudevents+json":
                raise ValueError("not a structured CloudEvent: " + str(self.headers.get("content-type")))
            data = check_cloudevent(event)
            if EXPECT_TYPE and verified == 0 and event["type"] != EXPECT_TYPE:
                raise ValueError(f"expected {EXPECT_TYPE}, got {event['type']}")
        except (WebhookVerificationError, ValueError, AssertionError, KeyError) as error:
            failures += 1
            print(f"refused: {error!r}", file=sys.stderr, flush=True)
            self.send_response(400)
            self.end_headers()
            self.finish_if_done()
            return
        event_id = self.headers["webhook-id"]
        if event_id in seen_ids:
            print(f"repeat of {event_id}, already applied", flush=True)
        else:
            seen_ids.add(event_id)
            verified += 1
            print(
                f"{event['sequence']} {event['type']} {data['entityId']} v{data['version']}"
                + (f": {data['object'].get('title') or data['object'].get('name')}" if data["object"] else ""),
                flush=True,
            )
        self.send_response(204)
        self.end_headers()
        self.finish_if_done()

    def finish_if_done(self):
        if EXIT_AFTER and (verified >= EXIT_AFTER or failures):
            # Answer first, then stop serving (from another thread: shutdown waits for the loop).
            import threading

            threading.Thread(target=self.server.shutdown, daemon=True).start()

    def log_message(self, *args):
        pass


if __name__ == "__main__":
    server = HTTPServer((HOST, PORT), Handler)
    print(f"listening on http://{HOST}:{PORT}/", flush=True)
    server.serve_forever()
    sys.exit(0 if failures == 0 and verified >= EXIT_AFTER else 1)
