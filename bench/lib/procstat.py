#!/usr/bin/env python3
"""Sample the server's memory and who used the CPU while a load run lasts.

    procstat.py --server PID --loadgen PID --out FILE [--interval 0.2]

Runs until the load generator exits (or SIGTERM), then writes one JSON object:

  cpu_window_s       length of the window
  server_cpu_pct     CPU of the server (and any children), % of ONE core
  postgres_cpu_pct   CPU of every process of the OS user postgres (0 on SQLite
                     unless something else uses PostgreSQL meanwhile)
  loadgen_cpu_pct    CPU of the load generator (wrk)
  other_cpu_pct      everything else on the machine (unrelated work)
  machine_cpu_pct    all of it (2 cores = 200)
  server_rss_mib     highest VmRSS sampled during the window
  server_hwm_mib     the server's VmHWM (peak RSS since it started) at the end
  samples            how many samples were taken

Only /proc is read; nothing is sent anywhere.
"""
import argparse
import json
import os
import pwd
import signal
import time

HZ = os.sysconf("SC_CLK_TCK")


def read(path):
    try:
        with open(path) as f:
            return f.read()
    except OSError:
        return None


def ticks(pid):
    stat = read(f"/proc/{pid}/stat")
    if not stat:
        return 0
    fields = stat[stat.rindex(")") + 2:].split()
    return int(fields[11]) + int(fields[12])  # utime + stime


def children_tree(root):
    parent = {}
    for name in os.listdir("/proc"):
        if name.isdigit():
            stat = read(f"/proc/{name}/stat")
            if stat:
                parent[int(name)] = int(stat[stat.rindex(")") + 2:].split()[1])
    keep = {root}
    changed = True
    while changed:
        changed = False
        for pid, ppid in parent.items():
            if pid not in keep and ppid in keep:
                keep.add(pid)
                changed = True
    return keep


def status_kib(pid, key):
    text = read(f"/proc/{pid}/status")
    if not text:
        return 0
    for line in text.splitlines():
        if line.startswith(key + ":"):
            return int(line.split()[1])
    return 0


def postgres_ticks():
    try:
        uid = pwd.getpwnam("postgres").pw_uid
    except KeyError:
        return {}
    out = {}
    for name in os.listdir("/proc"):
        if not name.isdigit():
            continue
        try:
            if os.stat(f"/proc/{name}").st_uid == uid:
                out[int(name)] = ticks(int(name))
        except OSError:
            pass
    return out


def machine_busy():
    for line in (read("/proc/stat") or "").splitlines():
        if line.startswith("cpu "):
            v = [int(x) for x in line.split()[1:]]
            return v[0] + v[1] + v[2] + v[5] + v[6] + v[7]
    return 0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--server", type=int, required=True)
    ap.add_argument("--loadgen", type=int, required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--interval", type=float, default=0.2)
    a = ap.parse_args()

    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(1))

    t0 = time.monotonic()
    busy0 = machine_busy()
    pg0 = postgres_ticks()
    server_pids = children_tree(a.server)
    s0 = sum(ticks(p) for p in server_pids)
    lg0 = sum(ticks(p) for p in children_tree(a.loadgen))
    peak_rss = 0
    samples = 0
    lg_last = lg0
    while True:  # at least one sample, even if the load generator is already gone
        peak_rss = max(peak_rss, sum(status_kib(p, "VmRSS") for p in server_pids))
        lg_now = sum(ticks(p) for p in children_tree(a.loadgen))
        lg_last = max(lg_last, lg_now)  # the loadgen's ticks vanish when it exits
        samples += 1
        if stop or not os.path.exists(f"/proc/{a.loadgen}"):
            break
        time.sleep(a.interval)
    t1 = time.monotonic()
    busy1 = machine_busy()
    pg1 = postgres_ticks()
    s1 = sum(ticks(p) for p in server_pids)
    hwm = status_kib(a.server, "VmHWM")
    secs = max(t1 - t0, 1e-6)
    pg = sum(v - pg0.get(pid, 0) for pid, v in pg1.items())

    def pct(t):
        return round(t / HZ / secs * 100)

    server = s1 - s0
    loadgen = lg_last - lg0
    result = {
        "cpu_window_s": round(secs, 1),
        "machine_cpu_pct": pct(busy1 - busy0),
        "server_cpu_pct": pct(server),
        "postgres_cpu_pct": pct(pg),
        "loadgen_cpu_pct": pct(loadgen),
        "other_cpu_pct": max(0, pct(busy1 - busy0 - server - pg - loadgen)),
        "server_rss_mib": round(peak_rss / 1024, 1),
        "server_hwm_mib": round(hwm / 1024, 1),
        "samples": samples,
    }
    with open(a.out, "w") as f:
        json.dump(result, f)
        f.write("\n")


if __name__ == "__main__":
    main()
