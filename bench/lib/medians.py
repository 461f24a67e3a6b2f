#!/usr/bin/env python3
"""Several bench runs (bench/out/<run> folders) → one table of medians (min–max).

    medians.py OUT1 OUT2 OUT3 > results.md

Per operation: wijkhub's req/s and p99 on PostgreSQL and SQLite, the peer's best configuration
and pgbench's rows in the same runs, the ratios taken within each run (so a slower or faster
moment of the machine moves both sides) and then their median, and the server CPU per request
(the server's CPU time over the measured window divided by the requests it answered).
"""
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
import report  # noqa: E402

OPS = report.OPS


def cpu_ms(r):
    """Server CPU milliseconds per request: server_cpu_pct is % of one core over the window."""
    if not r or not r.get("rps") or r.get("server_cpu_pct") is None:
        return None
    return r["server_cpu_pct"] / 100.0 / r["rps"] * 1000.0


def spread(values, nd=0, unit=""):
    values = [v for v in values if v is not None]
    if not values:
        return "—"
    med = statistics.median(values)
    if len(values) == 1:
        return f"{med:,.{nd}f}{unit}"
    return f"**{med:,.{nd}f}{unit}** ({min(values):,.{nd}f}–{max(values):,.{nd}f})"


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def main(folders):
    runs = [report.gather(Path(f)) for f in folders]
    meta = runs[0]["meta"]
    v = meta.get("versions", {})
    out = [f"# wijkhub beside PostGraphile and pgbench: median of {len(runs)} runs\n",
           f"- wijkhub commit `{v.get('wijkhub_commit')}`, {v.get('rustc')}; PostgreSQL {v.get('postgres')}",
           f"- projects: {meta.get('settings', {}).get('projects')}; runs: "
           + ", ".join(r["meta"].get("run", "?") for r in runs),
           "- each cell: the median, and the lowest–highest of the runs in brackets; a ratio is taken "
           "within each run, then the median of those ratios",
           "- Q2 is compared with the peer's hinted sync page (Q2h, a date filter beside the cursor), "
           "its faster variant\n"
           "- CPU per request: the process's CPU time in the measured window over the requests "
           "answered (PostGraphile: its one process, or the sum of its workers)\n"]
    out.append("| op | wijkhub PG req/s | p99 ms | peer best req/s | peer p99 ms | wijkhub ÷ peer | "
               "pgbench rows/s | wijkhub ÷ pgbench | wijkhub CPU ms/req | peer CPU ms/req | "
               "wijkhub SQLite req/s | SQLite ÷ peer | peak RSS MiB, PG / SQLite |")
    out.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for op, conc, title in OPS:
        w, wp99, p, pp99, rt, sqlr, rts, wc, pc, sq, rsq, rss, rssl = ([] for _ in range(13))
        for run in runs:
            pg = report.by_key(run["wijkhub"].get("pg", [])).get((op, conc))
            lite = report.by_key(run["wijkhub"].get("sqlite", [])).get((op, conc))
            # Q2 is held against the peer's hinted variant (Q2h), its best at a sync page.
            peer = report.peer_best(run["peer"], "q2h" if op == "q2" else op, conc)
            rows = report.sql_rows(run["peer"], op, conc)
            if pg:
                w.append(pg["rps"]); wp99.append(pg["p99_ms"]); wc.append(cpu_ms(pg))
                rss.append(pg.get("server_hwm_mib") or pg.get("server_rss_mib"))
            if lite:
                sq.append(lite["rps"])
                rssl.append(lite.get("server_hwm_mib") or lite.get("server_rss_mib"))
            if peer:
                p.append(peer["rps"]); pp99.append(peer["p99_ms"]); pc.append(cpu_ms(peer))
            if rows:
                sqlr.append(rows["rps"])
            rt.append(report.ratio(pg and pg["rps"], peer and peer["rps"]))
            rsq.append(report.ratio(lite and lite["rps"], peer and peer["rps"]))
            rts.append(report.ratio(pg and pg["rps"], rows and rows["rps"]))
        ratio = lambda xs: "—" if median(xs) is None else f"{median(xs):.2f}×"  # noqa: E731
        out.append(f"| {title}, c{conc} | {spread(w)} | {spread(wp99, 1)} | {spread(p)} | "
                   f"{spread(pp99, 1)} | {ratio(rt)} | {spread(sqlr)} | {ratio(rts)} | "
                   f"{spread(wc, 3)} | {spread(pc, 3)} | {spread(sq)} | {ratio(rsq)} | "
                   f"{max(rss, default=0):.0f} / {max(rssl, default=0):.0f} |")
    print("\n".join(out))


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    main(sys.argv[1:])
