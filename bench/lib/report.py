#!/usr/bin/env python3
"""Turn a bench run folder (bench/out/<run>) into the results Markdown, or JSON.

    report.py OUT            Markdown on stdout
    report.py --json OUT     every raw result of the run as one JSON document

A run folder holds meta.json, wijkhub-pg/ and wijkhub-sqlite/ (one <op>-c<conc>.json
per wrk run), peer/ (the shared harness's out/<run> folder: postgraphile-*/ and
sql/), and scaling/<projects>/.
"""
import json
import sys
from pathlib import Path

OPS = [("q1", 32, "Q1 wijk page"), ("q2", 32, "Q2 sync page of 500"), ("q3", 32, "Q3 lookup"),
       ("q3", 1, "Q3 lookup"), ("m1", 32, "M1 update")]

# The peer's figures of 2026-11-30 (medians of three runs, ../shared/bench/results), used
# only when this run did not measure the peer: (rps, p99 ms, config).
BASELINE = {
    ("q1", 32): (593, 108.7, "1proc"), ("q2", 32): (28, 2194, "1proc"),
    ("q2h", 32): (86, 592.7, "2workers"), ("q3", 32): (3068, 405.9, "2workers"),
    ("q3", 1): (1145, 5.9, "1proc"), ("m1", 32): (800, 91.1, "2workers"),
}
BASELINE_SQL = {("q1", 32): 1829, ("q2", 32): 787, ("q3", 32): 9102, ("q3", 1): 5737, ("m1", 32): 3637}
RSS_LIMIT_MIB = 150e6 / 2**20  # "under 150 MB"


def load_dir(d: Path):
    out = []
    if not d.is_dir():
        return out
    for f in sorted(d.glob("*.json")):
        if f.name.endswith((".wrk.json", ".proc.json", ".cpu.json", ".sample.json", ".warmup.json")):
            continue
        try:
            r = json.loads(f.read_text())
        except (json.JSONDecodeError, OSError):
            continue
        if isinstance(r, dict) and "rps" in r and "op" in r:
            out.append(r)
    return out


def read_json(p: Path):
    try:
        return json.loads(p.read_text())
    except (OSError, json.JSONDecodeError):
        return None


def read_text(p: Path):
    try:
        return p.read_text().strip()
    except OSError:
        return None


def gather(run: Path):
    data = {"meta": read_json(run / "meta.json") or {}, "wijkhub": {}, "peer": [], "scaling": {},
            "extra": {}}
    for kind in ("pg", "sqlite"):
        d = run / f"wijkhub-{kind}"
        if d.is_dir():
            data["wijkhub"][kind] = load_dir(d)
            data["extra"][kind] = {"q2_walk": read_json(d / "q2-walk.json"),
                                   "seed_s": read_text(d / "seed-seconds.txt"),
                                   "db_kib": read_text(d / "db-kib.txt"),
                                   "reader": read_text(d / "reader-org.txt")}
    peer = run / "peer"
    if peer.is_dir():
        for d in sorted(peer.iterdir()):
            if d.is_dir():
                for r in load_dir(d):
                    r.setdefault("label", d.name)
                    data["peer"].append(r)
        data["extra"]["peer_meta"] = read_text(peer / "meta.md")
        walks = {}
        for w in sorted(peer.glob("*/q2-walk.json")):
            walks[w.parent.name] = read_json(w)
        data["extra"]["peer_walks"] = walks
    sc = run / "scaling"
    if sc.is_dir():
        for d in sorted(sc.iterdir(), key=lambda p: int(p.name) if p.name.isdigit() else 0):
            data["scaling"][d.name] = {"results": load_dir(d), "q2_walk": read_json(d / "q2-walk.json"),
                                       "seed_s": read_text(d / "seed-seconds.txt"),
                                       "db_kib": read_text(d / "db-kib.txt")}
    return data


def fmt(x, nd=0):
    if x is None:
        return "—"
    return f"{x:,.{nd}f}"


def cell(r):
    if r is None:
        return "—"
    return f"**{fmt(r['rps'])}** ({fmt(r['p50_ms'], 1)} / {fmt(r['p99_ms'], 1)} ms, {r.get('errors', 0)} err)"


def by_key(results):
    return {(r["op"], r["concurrency"]): r for r in results}


def peer_best(peer, op, conc):
    """Best PostGraphile config for (op, conc) by req/s: (record, config label)."""
    rs = [r for r in peer if r.get("op") == op and r.get("concurrency") == conc
          and str(r.get("label", "")).startswith("postgraphile")]
    if not rs:
        return None
    return max(rs, key=lambda r: r["rps"])


def sql_rows(peer, op, conc):
    rs = [r for r in peer if r.get("op") == op and r.get("concurrency") == conc
          and r.get("variant") == "sql-rows"]
    return rs[0] if rs else None


def sql_json(peer, op, conc):
    rs = [r for r in peer if r.get("op") == op and r.get("concurrency") == conc
          and r.get("variant") == "sql-json"]
    return rs[0] if rs else None


def ratio(a, b):
    if a is None or b in (None, 0):
        return None
    return a / b


def fmt_ratio(x):
    return "—" if x is None else f"{x:.2f}×"


def markdown(run: Path):
    data = gather(run)
    meta = data["meta"]
    m, v, s = meta.get("machine", {}), meta.get("versions", {}), meta.get("settings", {})
    pgw = by_key(data["wijkhub"].get("pg", []))
    sqw = by_key(data["wijkhub"].get("sqlite", []))
    peer = data["peer"]
    have_peer = any(str(r.get("label", "")).startswith("postgraphile") for r in peer)
    have_sql = any(r.get("variant", "").startswith("sql") for r in peer)
    out = []
    out.append(f"# wijkhub benchmark, run {meta.get('run', '?')} ({meta.get('label', '')})\n")
    out.append(f"- machine: {m.get('nproc')} cores ({m.get('cpu')}), {m.get('ram')} RAM, {m.get('os')}")
    out.append(f"- wijkhub: commit `{v.get('wijkhub_commit')}`, `{v.get('wijkhub_version')}`, "
               f"binary `{v.get('wijkhub_binary')}`, {v.get('rustc')}")
    out.append(f"- PostgreSQL: {v.get('postgres')} ({meta.get('postgres_settings')})")
    out.append(f"- SQLite: the library bundled in wijkhub (WAL, synchronous=FULL); sqlite3 CLI "
               f"{v.get('sqlite_cli')} only for reading ids")
    out.append(f"- peer: PostGraphile {v.get('postgraphile') or '—'} via the shared harness "
               f"(PEER_WORKERS=\"{s.get('peer_workers')}\")" if have_peer else
               "- peer: not measured in this run; targets below use the peer's 2026-11-30 figures")
    out.append(f"- load: wrk {v.get('wrk')}, `bench/lib/ops.lua`; {s.get('warmup_s')} s warm-up + "
               f"{s.get('duration_s')} s measured per run; `-t2 -c32` (`-t1 -c1`); HTTP/1.1 keep-alive, 127.0.0.1")
    out.append(f"- data: `wijkhub seed --synthetic {s.get('projects')}` on each database; "
               f"pool: {s.get('db_pool')}; PostgreSQL sslmode: {s.get('pg_sslmode', 'prefer (sqlx default)')}; BENCH_NICE={s.get('bench_nice')}")
    for kind in ("pg", "sqlite"):
        e = data["extra"].get(kind)
        if e:
            w = e.get("q2_walk") or {}
            out.append(f"- {kind}: seed {e.get('seed_s')} s, database {fmt(int(e['db_kib']) / 1024 if e.get('db_kib') else None)} MiB, "
                       f"reader `{e.get('reader')}` (EDITOR); Q2 walk {w.get('pages')} pages / {fmt(w.get('rows'))} rows "
                       f"in {w.get('seconds')} s")
    out.append("")

    # ---- targets
    out.append("## Targets (issue 7), wijkhub on PostgreSQL\n")
    out.append("| target | wijkhub | peer (best config) | ratio | met? |")
    out.append("|---|---:|---:|---:|---|")
    verdicts = []

    def peer_fig(op, conc):
        r = peer_best(peer, op, conc)
        if r is not None:
            return r["rps"], r["p99_ms"], r["label"].replace("postgraphile-", ""), False
        if have_peer:
            return None
        b = BASELINE.get((op, conc))
        return (b[0], b[1], b[2], True) if b else None

    for op, conc, title, extra in [("q1", 32, "Q1, 32 conn: ≥ 2× peer req/s and p99 ≤ peer's", "p99"),
                                   ("q2", 32, "Q2, 32 conn: ≥ 2× the hinted peer (Q2h)", "q2h"),
                                   ("q3", 32, "Q3, 32 conn: ≥ 2× peer", None),
                                   ("q3", 1, "Q3, 1 conn: ≥ 2× peer", None),
                                   ("m1", 32, "M1, 32 conn: ≥ 2× peer (audit + change log included)", None)]:
        w = pgw.get((op, conc))
        pf = peer_fig("q2h" if extra == "q2h" else op, conc)
        if w is None or pf is None:
            out.append(f"| {title} | {cell(w)} | — | — | not measured |")
            continue
        prps, pp99, pcfg, base = pf
        rt = ratio(w["rps"], prps)
        ok = rt is not None and rt >= 2 and w.get("errors", 0) == 0
        if extra == "p99":
            ok = ok and w["p99_ms"] <= pp99
        verdicts.append(ok)
        src = ", 2026-11-30" if base else ""
        out.append(f"| {title} | {fmt(w['rps'])} req/s, p99 {fmt(w['p99_ms'], 1)} ms | "
                   f"{fmt(prps)} req/s, p99 {fmt(pp99, 1)} ms ({pcfg}{src}) | {fmt_ratio(rt)} | "
                   f"{'**met**' if ok else '**not met**'} |")
    rss32 = [r.get("server_rss_mib") for r in data["wijkhub"].get("pg", []) + data["wijkhub"].get("sqlite", [])
             if r.get("concurrency") == 32 and r.get("server_rss_mib") is not None]
    hwm = [r.get("server_hwm_mib") for r in data["wijkhub"].get("pg", []) + data["wijkhub"].get("sqlite", [])
           if r.get("server_hwm_mib") is not None]
    if rss32:
        peak = max(max(rss32), max(hwm) if hwm else 0)
        ok = peak < RSS_LIMIT_MIB
        verdicts.append(ok)
        out.append(f"| peak RSS < 150 MB (143 MiB) at 32 connections | {fmt(peak, 1)} MiB (VmHWM, PG and SQLite) | "
                   f"125–440 MiB | — | {'**met**' if ok else '**not met**'} |")
    out.append("")

    # ---- side by side
    out.append("## Side by side: req/s (p50 / p99 latency, errors)\n")
    out.append("| operation | conn | wijkhub PG | wijkhub SQLite | PostGraphile (best) | pgbench rows | pgbench JSON | wijkhub PG / peer | wijkhub PG / SQL | wijkhub SQLite / peer |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for op, conc, title in OPS:
        w, sq = pgw.get((op, conc)), sqw.get((op, conc))
        pb = peer_best(peer, op, conc)
        sr, sj = sql_rows(peer, op, conc), sql_json(peer, op, conc)
        prps = pb["rps"] if pb else None
        srps = sr["rps"] if sr else None
        pcell = (cell(pb) + f" [{pb['label'].replace('postgraphile-', '')}]") if pb else "—"
        out.append(f"| {title} | {conc} | {cell(w)} | {cell(sq)} | {pcell} | {cell(sr)} | {cell(sj)} | "
                   f"{fmt_ratio(ratio(w and w['rps'], prps))} | {fmt_ratio(ratio(w and w['rps'], srps))} | "
                   f"{fmt_ratio(ratio(sq and sq['rps'], prps))} |")
    q2h = peer_best(peer, "q2h", 32)
    if q2h:
        out.append(f"| Q2h sync page, hinted (peer only) | 32 | — | — | {cell(q2h)} [{q2h['label'].replace('postgraphile-', '')}] | — | — | "
                   f"{fmt_ratio(ratio(pgw.get(('q2', 32)) and pgw[('q2', 32)]['rps'], q2h['rps']))} | — | — |")
    if not have_sql:
        out.append("\npgbench was not run in this run; the issue's figures (2026-11-30): "
                   + ", ".join(f"{o} c{c} {fmt(x)} req/s" for (o, c), x in BASELINE_SQL.items()))
    out.append("")

    # ---- every run
    out.append("## Every run: CPU and memory\n")
    out.append("CPU in % of one core over the measured window (2 cores = 200). 'other' is everything on the "
               "machine that is neither the server, PostgreSQL nor the load generator (e.g. compiles sharing "
               "the machine): rows with a large 'other' are disturbed. RSS: highest VmRSS sampled in the "
               "window (wijkhub) / at the window's end (peer harness); HWM: the server's VmHWM.\n")
    out.append("| operation | conn | target | req/s | p50 ms | p90 ms | p99 ms | max ms | requests | errors | server CPU% | RSS MiB | HWM MiB | PostgreSQL CPU% | wrk/pgbench CPU% | other CPU% |")
    out.append("|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    rows = [("wijkhub-pg", r) for r in data["wijkhub"].get("pg", [])] + \
           [("wijkhub-sqlite", r) for r in data["wijkhub"].get("sqlite", [])] + \
           [(r.get("label") + (f" ({r['variant'][4:]})" if r.get("variant", "").startswith("sql") else ""), r)
            for r in peer]
    order = {(o, c): i for i, (o, c, _) in enumerate(OPS)}
    order[("q2h", 32)] = 1.5
    titles = {(o, c): t for o, c, t in OPS}
    titles[("q2h", 32)] = "Q2h hinted (peer)"
    for name, r in sorted(rows, key=lambda x: (order.get((x[1]["op"], x[1]["concurrency"]), 9), x[0])):
        out.append("| " + " | ".join([
            titles.get((r["op"], r["concurrency"]), r["op"]), str(r["concurrency"]), name, fmt(r["rps"]),
            fmt(r["p50_ms"], 2), fmt(r.get("p90_ms"), 2), fmt(r["p99_ms"], 2), fmt(r.get("max_ms"), 1),
            fmt(r.get("requests")), str(r.get("errors", 0)) + (f" ({r['conflicts']} CONFLICT)" if r.get("conflicts") else ""),
            fmt(r.get("server_cpu_pct")), fmt(r.get("server_rss_mib"), 0), fmt(r.get("server_hwm_mib"), 0),
            fmt(r.get("postgres_cpu_pct")), fmt(r.get("loadgen_cpu_pct")), fmt(r.get("other_cpu_pct")),
        ]) + " |")
    parts = []
    for k in ("pg", "sqlite"):
        w = (data["extra"].get(k) or {}).get("q2_walk")
        if w:
            parts.append(f"wijkhub-{k}: {w['pages']} pages, {fmt(w['rows'])} rows, {w['seconds']} s")
    for k, w in (data["extra"].get("peer_walks") or {}).items():
        if w:
            parts.append(f"{k}: {w['pages']} pages, {fmt(w['rows'])} rows, {w['seconds']} s")
    if parts:
        out.append("\nQ2 cursor walks before the load (sequential, one connection): " + "; ".join(parts) + ".")
    errs = [(n, r) for n, r in rows if r.get("error_sample")]
    if errs:
        out.append("\nFirst error of each run with errors:\n")
        for n, r in errs:
            out.append(f"- {n} {r['op']} c{r['concurrency']}: `{r['error_sample'][:200]}`")
    out.append("")

    out.append("## How wijkhub's side differs from the peer's\n")
    out.append("- Authorization is on for wijkhub: Q1–Q3 read as an EDITOR of a synthetic partner, so every list "
               "carries the read rule (SHARED, or INTERNAL with the reader taking part) as SQL conditions, and "
               "Q2's sync order holds only what the partner may read (~70 % of the projects). The peer reads "
               "everything as a superuser.")
    out.append("- Ids are real UUIDs drawn from the seeded database (Q3: projects the reader may read; M1: "
               "projects led by a partner). The peer draws integers.")
    out.append("- M1 changes only `summary` (our phases follow the domain's allowed moves; the peer also cycles "
               "`status`), names `expectedVersion`, and is sent as an EDITOR of the project's own LEAD "
               "organisation (one token per organisation). Each update writes the row, an audit record and a "
               "change-feed entry in one transaction; the peer's update is one row plus a trigger.")
    out.append("- Q2 returns the 12 scalar fields of wijkhub's Project (the peer's 12 columns include foreign keys "
               "and a budget, which are objects in wijkhub).")
    out.append("- The rate limiter runs on every request with limits it never reaches.")
    out.append("")

    # ---- scaling
    if data["scaling"]:
        sizes = list(data["scaling"].keys())
        out.append("## Scaling on PostgreSQL: req/s (p50 / p99 ms)\n")
        out.append("| operation | conn | " + " | ".join(f"{int(n):,} projects" for n in sizes) +
                   " | p50 largest / smallest | flat? |")
        out.append("|---|---:|" + "---:|" * len(sizes) + "---:|---|")
        ops_seen = []
        for n in sizes:
            for r in data["scaling"][n]["results"]:
                k = (r["op"], r["concurrency"])
                if k not in ops_seen:
                    ops_seen.append(k)
        for k in sorted(ops_seen, key=lambda k: order.get(k, 9)):
            cells, p50s = [], []
            for n in sizes:
                r = by_key(data["scaling"][n]["results"]).get(k)
                cells.append(cell(r))
                p50s.append(r["p50_ms"] if r else None)
            rt = ratio(p50s[-1], p50s[0]) if p50s and p50s[0] and p50s[-1] else None
            flat = "—" if rt is None else ("yes" if rt <= 1.5 else "**no**")
            out.append(f"| {titles.get(k, k[0])} | {k[1]} | " + " | ".join(cells) + f" | {fmt_ratio(rt)} | {flat} |")
        out.append("\n'flat' = the median latency at the largest size is at most 1.5× that at the smallest. "
                   "Seed time, database size and Q2 walk per size: " + "; ".join(
                       f"{int(n):,}: seed {d['seed_s']} s, {fmt(int(d['db_kib']) / 1024 if d.get('db_kib') else None)} MiB, "
                       f"walk {(d.get('q2_walk') or {}).get('pages')} pages in {(d.get('q2_walk') or {}).get('seconds')} s"
                       for n, d in data["scaling"].items()))
        out.append("")
    return "\n".join(out)


def main():
    args = sys.argv[1:]
    if args and args[0] == "--json":
        run = Path(args[1])
        json.dump(gather(run), sys.stdout, indent=1)
        print()
        return
    if len(args) != 1:
        sys.exit(__doc__)
    print(markdown(Path(args[0])))


if __name__ == "__main__":
    main()
