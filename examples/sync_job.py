#!/usr/bin/env python3
"""A scheduled sync job for a partner: mirror what the organisation may read, push its own projects.

Safe to kill and restart at any moment: the mirror and the feed cursor are saved together,
atomically, after every page, so a restart continues where the last saved page ended (a page
applied twice changes nothing: entries are applied by id and version). Pushing uses
`upsertProjects`, which writes nothing for items that did not change.

Standard library only. Settings (environment):
  WIJKHUB_URL            default http://127.0.0.1:8080
  WIJKHUB_CLIENT_ID      API client credentials (from `wijkhub client create`): the job
  WIJKHUB_CLIENT_SECRET  gets a token at /oauth/token and renews it before it expires
  WIJKHUB_TOKEN          a bearer token instead (e.g. printed by `wijkhub serve --demo`); with
                         credentials too, it is used first and renewed from them when refused
  SYNC_STATE             default ./sync-state.json: the mirror and the cursor
  SYNC_PUSH              optional JSON file with a list of projects to push (UpsertProjectInput)
  SYNC_PAGE              changes per page, default 150 (a page of this query costs
                         2 + 6 per change, and one operation may cost at most 1,000)
  SYNC_INTERVAL          seconds between pulls with --follow, default 5

Run once (cron, systemd timer), or with --follow to keep pulling every few seconds. Tokens from
/oauth/token live 15 minutes by default: the job renews its token at 80 % of `expires_in`, and
once more whenever the server answers 401 (a token revoked, or a server restarted with a new key).
"""

import json
import os
import sys
import time
import urllib.error
import urllib.parse
import urllib.request

URL = os.environ.get("WIJKHUB_URL", "http://127.0.0.1:8080").rstrip("/")
STATE = os.environ.get("SYNC_STATE", "sync-state.json")
PAGE = int(os.environ.get("SYNC_PAGE", "150"))
INTERVAL = float(os.environ.get("SYNC_INTERVAL", "5"))

PULL = """
query Pull($after: String, $first: Int) {
  changes(after: $after, first: $first) {
    pageInfo { hasNextPage endCursor }
    nodes {
      entityType entityId operation version
      object {
        ... on Project { id title phase visibility version updatedAt wijken { code } }
        ... on MeetingPlace { id name version }
        ... on Signal { id title status version }
        ... on ContactPerson { id name email version }
        ... on Partner { id code name version }
        ... on Department { id code name version }
      }
    }
  }
}"""

PUSH = """
mutation Push($items: [UpsertProjectInput!]!) {
  upsertProjects(input: $items) { externalId status error { code field } project { id version } }
}"""


class Token:
    """The bearer token, renewed before it expires and when the server refuses it."""

    def __init__(self):
        self.renews = bool(os.environ.get("WIJKHUB_CLIENT_ID"))
        self.value = os.environ.get("WIJKHUB_TOKEN")
        self.renew_at = None  # time.monotonic() past which the token is renewed

    def bearer(self):
        if self.value is None or (self.renew_at is not None and time.monotonic() >= self.renew_at):
            self.renew("before it expires" if self.value else "first")
        return self.value

    def renew(self, why):
        if not self.renews:
            raise RuntimeError("the token was refused and there are no client credentials to renew it")
        form = urllib.parse.urlencode({
            "grant_type": "client_credentials",
            "client_id": os.environ["WIJKHUB_CLIENT_ID"],
            "client_secret": os.environ["WIJKHUB_CLIENT_SECRET"],
        }).encode()
        request = urllib.request.Request(URL + "/oauth/token", data=form)
        with urllib.request.urlopen(request, timeout=30) as response:
            answer = json.load(response)
        self.value = answer["access_token"]
        # At 80 % of its lifetime: the clocks of the job and the server need not agree exactly,
        # and a request sent a moment before expiry must not arrive after it.
        lifetime = float(answer.get("expires_in", 900))
        self.renew_at = time.monotonic() + 0.8 * lifetime
        print(f"token renewed ({why}); valid {lifetime:.0f} s", flush=True)


def graphql(token, query, variables):
    body = json.dumps({"query": query, "variables": variables}).encode()
    renewed = False
    for attempt in range(5):
        request = urllib.request.Request(URL + "/graphql", data=body, headers={
            "Content-Type": "application/json",
            "Authorization": "Bearer " + token.bearer(),
        })
        try:
            with urllib.request.urlopen(request, timeout=30) as response:
                answer = json.load(response)
        except urllib.error.HTTPError as error:
            # Refused once: renew and try again; refused again with a fresh token is for a human.
            if error.code == 401 and token.renews and not renewed:
                renewed = True
                token.renew("refused with 401")
                continue
            if error.code == 429 or error.code >= 500:
                time.sleep(int(error.headers.get("Retry-After", 2 ** attempt)))
                continue
            raise RuntimeError(f"HTTP {error.code}: {error.read().decode(errors='replace')}") from None
        if answer.get("errors"):
            raise RuntimeError(json.dumps(answer["errors"]))
        return answer["data"]
    raise RuntimeError("the server kept refusing; try again later")


def load_state():
    try:
        with open(STATE) as f:
            return json.load(f)
    except FileNotFoundError:
        return {"cursor": None, "objects": {}}


def save_state(state):
    # Write then rename: a kill at any moment leaves either the old or the new state, whole.
    tmp = STATE + ".tmp"
    with open(tmp, "w") as f:
        json.dump(state, f)
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, STATE)


def pull(token, state):
    applied = 0
    while True:
        page = graphql(token, PULL, {"after": state["cursor"], "first": PAGE})["changes"]
        for change in page["nodes"]:
            key = change["entityType"] + ":" + change["entityId"]
            if change["operation"] == "DELETED":
                state["objects"].pop(key, None)
            else:
                known = state["objects"].get(key)
                if known is None or known["version"] <= change["version"]:
                    state["objects"][key] = change["object"] | {"version": change["version"]}
            applied += 1
        state["cursor"] = page["pageInfo"]["endCursor"]
        save_state(state)
        if not page["pageInfo"]["hasNextPage"]:
            return applied


def push(token, path):
    with open(path) as f:
        items = json.load(f)
    for start in range(0, len(items), 500):
        results = graphql(token, PUSH, {"items": items[start:start + 500]})["upsertProjects"]
        for result in results:
            if result["status"] == "ERROR":
                print(f"  {result['externalId']}: {result['error']['code']} ({result['error']['field']})")
        counts = {}
        for result in results:
            counts[result["status"]] = counts.get(result["status"], 0) + 1
        print("pushed:", counts)


def main():
    token = Token()
    state = load_state()
    if os.environ.get("SYNC_PUSH"):
        push(token, os.environ["SYNC_PUSH"])
    while True:
        applied = pull(token, state)
        kinds = {}
        for key in state["objects"]:
            kind = key.split(":")[0]
            kinds[kind] = kinds.get(kind, 0) + 1
        print(f"pulled {applied} changes; mirror holds {kinds}", flush=True)
        if "--follow" not in sys.argv:
            return
        time.sleep(INTERVAL)


if __name__ == "__main__":
    main()
