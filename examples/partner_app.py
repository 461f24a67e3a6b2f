#!/usr/bin/env python3
"""A small partner app: list the projects its organisation takes part in, update one (handling a
CONFLICT the way a real app must), then watch the change feed for a while.

Standard library only. Settings: WIJKHUB_URL (default http://127.0.0.1:8080) and WIJKHUB_TOKEN
(a partner EDITOR token, e.g. the Haag Wonen one printed by `wijkhub serve --demo`).
"""

import json
import os
import time
import urllib.request

URL = os.environ.get("WIJKHUB_URL", "http://127.0.0.1:8080").rstrip("/")
TOKEN = os.environ["WIJKHUB_TOKEN"]


class Conflict(Exception):
    def __init__(self, current_version):
        super().__init__(f"changed by someone else; now at version {current_version}")
        self.current_version = current_version


def graphql(query, variables=None):
    body = json.dumps({"query": query, "variables": variables or {}}).encode()
    request = urllib.request.Request(URL + "/graphql", data=body, headers={
        "Content-Type": "application/json", "Authorization": "Bearer " + TOKEN})
    with urllib.request.urlopen(request, timeout=30) as response:
        answer = json.load(response)
    for error in answer.get("errors", []):
        if error["extensions"]["code"] == "CONFLICT":
            raise Conflict(error["extensions"]["currentVersion"])
        raise RuntimeError(f"{error['extensions']['code']}: {error['message']}")
    return answer["data"]


def my_projects():
    me = graphql("{ me { organisation { id name } } }")["me"]["organisation"]
    data = graphql("""query($org: ID) { projects(first: 50, filter: { organisationId: $org }) {
        nodes { id title phase version viewerCan { update } participants { role organisation { id } } } } }""",
                   {"org": me["id"]})
    return me, data["projects"]["nodes"]


def append_to_summary(project_id, line):
    """Read, change, write; on CONFLICT read again and retry with the new version."""
    for _ in range(3):
        project = graphql("query($id: ID!) { project(id: $id) { version summary } }", {"id": project_id})["project"]
        try:
            return graphql("""mutation($id: ID!, $v: Int!, $s: String!) {
                updateProject(id: $id, expectedVersion: $v, input: { summary: $s }) { version } }""",
                           {"id": project_id, "v": project["version"], "s": project["summary"] + "\n" + line})
        except Conflict as conflict:
            print(f"  {conflict}: reading again")
    raise RuntimeError("kept conflicting; try later")


def watch(seconds):
    cursor = None
    # Skip the first-sync copy: only changes from now on are news.
    while True:
        page = graphql("query($a: String) { changes(after: $a, first: 500) { pageInfo { hasNextPage endCursor } } }",
                       {"a": cursor})["changes"]
        cursor = page["pageInfo"]["endCursor"]
        if not page["pageInfo"]["hasNextPage"]:
            break
    deadline = time.time() + seconds
    while time.time() < deadline:
        page = graphql("""query($a: String) { changes(after: $a) { pageInfo { endCursor }
            nodes { entityType operation version object { ... on Project { title } } } } }""", {"a": cursor})["changes"]
        for change in page["nodes"]:
            title = (change["object"] or {}).get("title", "")
            print(f"  {change['operation']:8} {change['entityType']:15} v{change['version']} {title}")
        cursor = page["pageInfo"]["endCursor"]
        time.sleep(2)


def main():
    me, projects = my_projects()
    print(f"{me['name']} takes part in {len(projects)} projects:")
    for p in projects:
        print(f"  {p['phase']:10} v{p['version']:<3} {'editable ' if p['viewerCan']['update'] else 'read-only'} {p['title']}")
    editable = [p for p in projects if p["viewerCan"]["update"]]
    if editable:
        result = append_to_summary(editable[0]["id"], "Bijgewerkt vanuit de partner-app.")
        print(f"updated {editable[0]['title']!r} to version {result['updateProject']['version']}")
    print("watching the change feed for 10 seconds (Ctrl-C to stop)...")
    watch(10)


if __name__ == "__main__":
    main()
