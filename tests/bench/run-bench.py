#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Runs the timeline benchmarks and prints their figures as tables.

Registered by tests/bench/meson.build as a meson benchmark():

    meson test -C BUILD --benchmark --suite bench -v

For N = 1,000, 10,000 and 100,000 events (and 1,000,000 with
YEONPYO_BENCH_1M=1), on data from build-aux/gen-timeline.py:

- open with the cache built and with it reused: exec to the first frame in
  which the timeline has drawn its events, from bench-timeline (which
  opens the file through the application as `yeonpyo` does and watches the
  frame clock) and from the real `yeonpyo` under firstpaint (the X
  server's damage events);
- the pan and zoom scripts, peak RSS and search latency (bench-timeline
  --scripts);
- start-up of `yeonpyo` (the shipped story) beside gtk4-demo and
  gnome-text-editor, under firstpaint.

YEONPYO_BENCH_SIZES=1000,10000 picks other sizes. The tables also go to
BUILD/tests/bench/results.txt. Nothing here fails on a missed target: the
exit status is non-zero only when a benchmark could not run at all.
"""

import argparse
import hashlib
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

TARGETS = {
    # N: (warm open s, cold open s, CPU per frame ms, RSS MB, search p95 ms)
    10000: (0.3, None, None, None, None),
    100000: (0.3, 1.5, 4.0, 120.0, 10.0),
    1000000: (1.0, None, 8.0, 400.0, None),
}

out_lines = []


def say(text=""):
    print(text, flush=True)
    out_lines.append(text)


def fmt_n(n):
    return f"{n:,}"


def median(values):
    return statistics.median(values) if values else None


def ms(value, digits=0):
    if value is None:
        return "–"
    return f"{value:.{digits}f}"


def machine():
    model = "?"
    try:
        with open("/proc/cpuinfo") as f:
            for line in f:
                if line.startswith("model name"):
                    model = line.split(":", 1)[1].strip()
                    break
        with open("/proc/meminfo") as f:
            mem_kb = int(f.readline().split()[1])
    except OSError:
        mem_kb = 0
    return f"{os.cpu_count()} CPUs ({model}), {mem_kb / 1024 / 1024:.1f} GiB RAM, {platform.system()} {platform.release()}"


def base_env(args):
    env = dict(os.environ)
    env.update({
        "GSETTINGS_BACKEND": "memory",
        "GSETTINGS_SCHEMA_DIR": os.path.join(args.build_root, "data"),
        "GSK_RENDERER": "cairo",
        "GDK_DEBUG": "gl-disable",
        "GTK_A11Y": "none",
        "NO_AT_BRIDGE": "1",
        "LC_ALL": "C.UTF-8",
        "YEONPYO_LOCALEDIR": os.path.join(args.build_root, "po"),
    })
    env.pop("G_DEBUG", None)
    env.pop("MALLOC_PERTURB_", None)
    return env


def generate(args, n, fmt, what):
    """DIR for N events in @fmt, made once per generator version."""
    out = os.path.join(args.work, "data", f"{fmt}-{n}")
    with open(args.gen, "rb") as f:
        stamp = hashlib.sha256(f.read()).hexdigest() + f" {n} {fmt} seed=1\n"
    stamp_path = os.path.join(out, "stamp")
    target = os.path.join(out, what)
    try:
        with open(stamp_path) as f:
            if f.read() == stamp and os.path.exists(target):
                return out, None
    except OSError:
        pass
    shutil.rmtree(out, ignore_errors=True)
    t0 = time.monotonic()
    subprocess.run([sys.executable, args.gen, str(n), "--format", fmt, "--out", out, "--seed", "1"],
                   check=True, stderr=subprocess.DEVNULL)
    took = time.monotonic() - t0
    with open(stamp_path, "w") as f:
        f.write(stamp)
    return out, took


def run_bench(args, env, extra=(), timeout=900):
    """Runs bench-timeline; returns its BENCH figures (dict) and stderr."""
    env = dict(env)
    env["BENCH_T0_US"] = str(time.monotonic_ns() // 1000)
    p = subprocess.run([args.bench, *extra], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       text=True, timeout=timeout)
    figures = {}
    for line in p.stdout.splitlines():
        m = re.match(r"BENCH (\w+)=(\S+)", line)
        if m:
            try:
                figures[m.group(1)] = float(m.group(2))
            except ValueError:
                figures[m.group(1)] = m.group(2)
    if p.returncode != 0 or "open_from_main_ms" not in figures:
        # The app's own message, without GLib's "(process:N): DOMAIN-WARNING **: time: ".
        lines = [re.sub(r"^\(.*?\): [\w-]+-(WARNING|CRITICAL|MESSAGE) \*\*: [\d:.]+: ", "", line)
                 for line in p.stderr.strip().splitlines() if "bench-timeline:" not in line]
        figures["error"] = (lines or [f"exit {p.returncode}"])[-1]
    return figures, p.stderr


def build_firstpaint(args):
    """The firstpaint tool, compiled into the work dir, or (None, why)."""
    src = args.firstpaint_src
    if not src or not os.path.exists(src):
        return None, f"firstpaint.c not found ({src or 'no path given'}; it lives in ../shared/tools/)"
    exe = os.path.join(args.work, "firstpaint")
    if os.path.exists(exe) and os.path.getmtime(exe) >= os.path.getmtime(src):
        return exe, None
    cc = shutil.which("cc") or shutil.which("gcc")
    if cc is None:
        return None, "no C compiler to build firstpaint"
    p = subprocess.run([cc, "-O2", src, "-o", exe, "-lX11", "-lXdamage"], stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        return None, ("cannot build firstpaint (apt-get install -y libx11-dev libxdamage-dev): "
                      + (p.stderr.strip().splitlines() or ["?"])[-1])
    return exe, None


def firstpaint(fp, cmd, env, timeout=600):
    """ms from exec to the app's first frame, or None."""
    try:
        p = subprocess.run([fp, "-k", *cmd], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return None
    m = re.search(r"first_frame_ms=([\d.]+)", p.stdout)
    return float(m.group(1)) if m else None


def bench_size(args, n, fp, results):
    env = base_env(args)
    say()
    say(f"== N = {fmt_n(n)} events " + "=" * 50)
    synthetic = None
    datadir, took = generate(args, n, "yeonpyo", "timeline.json")
    size_mb = os.path.getsize(os.path.join(datadir, "timeline.json")) / 1e6
    say(f"data: {datadir}/timeline.json, {size_mb:.1f} MB" + (f" (generated in {took:.1f} s)" if took else ""))
    cache = os.path.join(args.work, f"cache-{n}")
    env["YEONPYO_DATADIR"] = datadir
    env["XDG_CACHE_HOME"] = cache
    r = results.setdefault(n, {})
    r["size_mb"] = size_mb

    cold, warm, cold_cpu, warm_cpu, errors = [], [], [], [], []
    cold_runs = 3 if n <= 100000 else 1
    warm_runs = 5 if n <= 100000 else 2
    for _ in range(cold_runs):
        shutil.rmtree(cache, ignore_errors=True)
        f, _ = run_bench(args, env)
        if "error" in f:
            errors.append(f["error"])
            break
        cold.append(f["open_ms"])
        cold_cpu.append(f["cpu_at_open_ms"])
        if f.get("rss_until_written_mb") is not None:
            r["rss_cold_peak"] = max(r.get("rss_cold_peak") or 0, f["rss_until_written_mb"])
    if not errors:
        for _ in range(warm_runs):
            f, _ = run_bench(args, env)
            if "error" in f:
                errors.append(f["error"])
                break
            warm.append(f["open_ms"])
            warm_cpu.append(f["cpu_at_open_ms"])
            r["rss_open"] = f.get("rss_open_mb")
            r["marks"] = f.get("marks_first_frame")
            r["made_open"] = f.get("events_made_open")
    r["cold"], r["warm"] = median(cold), median(warm)
    r["cold_cpu"], r["warm_cpu"] = median(cold_cpu), median(warm_cpu)
    r["cold_all"], r["warm_all"] = cold, warm
    if errors:
        r["error"] = errors[0]
        say(f"open: FAILED: {errors[0]}")

    if fp and not errors and os.path.exists(args.yeonpyo):
        fp_env = dict(env)
        shutil.rmtree(cache, ignore_errors=True)
        r["fp_cold"] = firstpaint(fp, [args.yeonpyo], fp_env)
        # firstpaint ends yeonpyo after its first frame, before the cache
        # that a first open writes afterwards is in place: one bench run
        # (which waits for it) writes it for the warm runs.
        run_bench(args, env)
        r["fp_warm"] = median([v for v in (firstpaint(fp, [args.yeonpyo], fp_env) for _ in range(3)) if v])

    if errors and n >= 1000000:
        # The file is refused: measure the window on the same events built
        # in memory, so the frame and memory figures exist at this size.
        tsvdir, _ = generate(args, n, "tsv", "events.tsv")
        synthetic = os.path.join(tsvdir, "events.tsv")
        say(f"the window is measured on the same events built in memory (bench-timeline --synthetic); "
            "no cache, no search")
        r["synthetic"] = True

    if not errors or synthetic:
        extra = ["--scripts"] + (["--synthetic", synthetic, "--no-search"] if synthetic else [])
        f, err = run_bench(args, env, extra, timeout=1800)
        if "error" in f:
            say(f"scripts: FAILED: {f['error']}")
            r["scripts_error"] = f["error"]
        else:
            r["scripts"] = f
            if args.verbose_steps:
                for line in err.splitlines():
                    say(line)
    print_size(n, r)


def print_size(n, r):
    def row(label, value, target=""):
        say(f"  {label:<50} {value:<30} {target}")

    def runs(values):
        return "" if len(values) < 2 else f" [{', '.join(f'{v:.0f}' for v in values)}]"

    t = TARGETS.get(n, (None,) * 5)
    if r.get("cold") is not None:
        row("open, cache built: wall (CPU), median", f"{r['cold']:.0f} ms ({r['cold_cpu']:.0f} ms)",
            (f"target ≤ {t[1] * 1000:.0f} ms" if t[1] else "") + runs(r["cold_all"]))
    if r.get("warm") is not None:
        row("open, cache reused: wall (CPU), median", f"{r['warm']:.0f} ms ({r['warm_cpu']:.0f} ms)",
            (f"target ≤ {t[0] * 1000:.0f} ms" if t[0] else "") + runs(r["warm_all"]))
    if "fp_cold" in r:
        row("open, cache built: yeonpyo under firstpaint", f"{ms(r['fp_cold'])} ms")
        row("open, cache reused: yeonpyo under firstpaint (median)", f"{ms(r['fp_warm'])} ms")
    if r.get("error"):
        row("open", "refused: " + r["error"])
    s = r.get("scripts")
    if not s:
        return
    if r.get("synthetic"):
        row("(below: the events built in memory, no cache)", "")
    row("timeline size (px)", s.get("timeline_size", "?"))
    for script, label in (("pan", "pan"), ("zoom", "zoom")):
        def trio(key):
            return f"{s[f'{script}_{key}_med_ms']:.2f} / {s[f'{script}_{key}_p95_ms']:.2f} / {s[f'{script}_{key}_max_ms']:.2f} ms"
        row(f"{label}: frame interval med / p95 / max", trio("interval"))
        row(f"{label}: snapshot+render CPU/frame med / p95 / max", trio("paint"),
            f"target ≤ {t[2]:.0f} ms" if t[2] else "")
        row(f"{label}: whole frame CPU med / p95 / max", trio("cpu"))
        row(f"{label}: timeline snapshot() in frame med / p95 / max", trio("tl_snapshot"))
        row(f"{label}: timeline alone: render to texture med / max",
            f"{s[f'{script}_alone_render_med_ms']:.2f} / {s[f'{script}_alone_render_max_ms']:.2f} ms")
        row(f"{label}: X server CPU/frame (mean)", f"{s[f'{script}_xcpu_mean_ms']:.2f} ms")
        row(f"{label}: marks drawn (max) / costliest view",
            f"{s[f'{script}_marks_max']:.0f} / {s[f'{script}_worst_view_s'] / 86400:.3g} days")
    if "pan_old_area_paint_p95_ms" in s:
        row("timeline size of before the window's rebuild (px)", s.get("timeline_size_old_area", "?"))
        for script in ("pan", "zoom"):
            key = f"{script}_old_area_paint"
            row(f"{script}, at that size: snapshot+render CPU/frame med / p95 / max",
                f"{s[f'{key}_med_ms']:.2f} / {s[f'{key}_p95_ms']:.2f} / {s[f'{key}_max_ms']:.2f} ms")
            key = f"{script}_old_area_tl_snapshot"
            row(f"{script}, at that size: timeline snapshot() in frame med / p95 / max",
                f"{s[f'{key}_med_ms']:.2f} / {s[f'{key}_p95_ms']:.2f} / {s[f'{key}_max_ms']:.2f} ms")
    if s.get("events_made_end") is not None:
        row("event objects made: at first frame / after the scripts",
            f"{ms(r.get('made_open') or s.get('events_made_open'))} / {s['events_made_end']:.0f} of {n:,}")
    if r.get("rss_cold_peak") is not None:
        row("peak RSS of a first open, until its cache is written",
            f"{r['rss_cold_peak']:.0f} MB", f"target ≤ {t[3]:.0f} MB" if t[3] else "")
    row("peak RSS: at first frame / after the scripts",
        f"{ms(r.get('rss_open') or s.get('rss_open_mb'))} / {s['rss_peak_mb']:.0f} MB",
        f"target ≤ {t[3]:.0f} MB" if t[3] else "")
    if "search_core_p95_ms" in s:
        row("search: yp_search_run p50 / p95 / max",
            f"{s['search_core_p50_ms']:.2f} / {s['search_core_p95_ms']:.2f} / {s['search_core_max_ms']:.2f} ms",
            f"target p95 ≤ {t[4]:.0f} ms" if t[4] else "")
        row("search: the window's handler, new query p50 / p95",
            f"{s['search_window_p50_ms']:.2f} / {s['search_window_p95_ms']:.2f} ms")
        if "search_window_cpu_p95_ms" in s:
            row("search: the same, its thread's CPU p50 / p95",
                f"{s['search_window_cpu_p50_ms']:.2f} / {s['search_window_cpu_p95_ms']:.2f} ms")
        if "search_key_p95_ms" in s:
            row("search: the window's handler, one more character p50 / p95",
                f"{s['search_key_p50_ms']:.2f} / {s['search_key_p95_ms']:.2f} ms")
        row("search: keystroke to painted frame p50 / p95",
            f"{s['search_to_frame_p50_ms']:.1f} / {s['search_to_frame_p95_ms']:.1f} ms")


def startup_comparison(args, fp, results):
    say()
    say("== Start-up beside other GTK 4 apps (exec to first frame, firstpaint, Xvfb, cairo) " + "=" * 5)
    if fp is None:
        say(f"  skipped: {results['fp_missing']}")
        return
    apps = [("yeonpyo (shipped story, warm cache)", [args.yeonpyo])]
    missing = []
    if not os.path.exists(args.yeonpyo):
        missing.append(f"yeonpyo ({args.yeonpyo}: run meson compile first)")
        apps = []
    for name, cmd, pkg in (("gtk4-demo", "gtk4-demo", "gtk-4-examples"),
                           ("gnome-text-editor", "gnome-text-editor", "gnome-text-editor")):
        path = shutil.which(cmd)
        if path:
            apps.append((name, [path]))
        else:
            missing.append(f"{cmd} (apt-get install -y {pkg})")
    for m in missing:
        say(f"  note: not measured, missing: {m}")
    home = tempfile.mkdtemp(prefix="yp-bench-home-")
    env = base_env(args)
    env["YEONPYO_DATADIR"] = os.path.join(args.source_root, "data")
    for var, sub in (("XDG_CONFIG_HOME", "config"), ("XDG_DATA_HOME", "data"),
                     ("XDG_STATE_HOME", "state"), ("XDG_CACHE_HOME", "cache")):
        env[var] = os.path.join(home, sub)
    times = {name: [] for name, _ in apps}
    for name, cmd in apps:      # warm-up: caches built, fonts read
        firstpaint(fp, cmd, env, timeout=120)
    for _ in range(5):
        for name, cmd in apps:  # interleaved, so load on the machine hits all alike
            v = firstpaint(fp, cmd, env, timeout=120)
            if v is not None:
                times[name].append(v)
    shutil.rmtree(home, ignore_errors=True)
    for name, _ in apps:
        v = times[name]
        if v:
            say(f"  {name:<40} median {median(v):6.0f} ms   (min {min(v):.0f}, max {max(v):.0f}, {len(v)} runs)")
        else:
            say(f"  {name:<40} no first frame seen")
        results.setdefault("startup", {})[name] = median(v)


def combined(results, sizes):
    say()
    say("== All sizes " + "=" * 70)
    head = ("N", "open cold", "open warm", "frame int. p95", "paint/frame p95", "paint worst",
            "timeline snap.", "RSS peak", "search p95")
    widths = (11, 10, 10, 15, 16, 12, 15, 9, 11)
    say("  " + " ".join(h.ljust(w) for h, w in zip(head, widths)))
    for n in sizes:
        r = results.get(n)
        if not r:
            continue
        s = r.get("scripts", {})

        def worst(key):
            if not s:
                return "–"
            return f"{max(s[f'pan_{key}'], s[f'zoom_{key}']):.2f} ms"
        cells = (
            fmt_n(n) + ("*" if r.get("synthetic") else ""),
            "refused" if r.get("error") else f"{ms(r.get('cold'))} ms",
            "refused" if r.get("error") else f"{ms(r.get('warm'))} ms",
            worst("interval_p95_ms"),
            worst("paint_p95_ms"),
            worst("paint_max_ms"),
            worst("tl_snapshot_max_ms"),
            "–" if not s else f"{s['rss_peak_mb']:.0f} MB",
            "–" if "search_core_p95_ms" not in s else f"{s['search_core_p95_ms']:.2f} ms",
        )
        say("  " + " ".join(c.ljust(w) for c, w in zip(cells, widths)))
    say("  paint = CPU of the frame's snapshot and render phase (the whole window), per step the median of 3 runs;")
    say("  timeline snap. = the worst frame's time in the timeline's own snapshot()")
    if any(results.get(n, {}).get("synthetic") for n in sizes):
        say("  * the file is refused by the loader; the window was measured on the same events built in memory")


def verdicts(results):
    say()
    say("== Targets (issue 6) " + "=" * 62)

    def line(text, ok):
        say(f"  {('met' if ok else 'NOT met') if ok is not None else 'not measured':<13} {text}")

    r = results.get(10000, {})
    line(f"open ≤ 300 ms at 10k: {ms(r.get('warm'))} ms warm, {ms(r.get('cold'))} ms cold",
         None if r.get("warm") is None else max(r["warm"], r.get("cold") or 0) <= 300)
    r = results.get(100000, {})
    line(f"open ≤ 300 ms warm at 100k: {ms(r.get('warm'))} ms", None if r.get("warm") is None else r["warm"] <= 300)
    line(f"open ≤ 1500 ms cold at 100k: {ms(r.get('cold'))} ms", None if r.get("cold") is None else r["cold"] <= 1500)
    r = results.get(1000000, {})
    line("open ≤ 1000 ms warm at 1M: " + (f"refused ({r['error']})" if r.get("error") else f"{ms(r.get('warm'))} ms"),
         None if not r else (False if r.get("error") else (r.get("warm") or 1e9) <= 1000))
    for n, limit in ((100000, 4.0), (1000000, 8.0)):
        s = results.get(n, {}).get("scripts")
        if s:
            worst = max(s["pan_paint_max_ms"], s["zoom_paint_max_ms"])
            p95 = max(s["pan_paint_p95_ms"], s["zoom_paint_p95_ms"])
            whole = max(s["pan_cpu_max_ms"], s["zoom_cpu_max_ms"])
            line(f"snapshot+render ≤ {limit:.0f} ms/frame at {fmt_n(n)}, every zoom level: worst {worst:.2f} ms, "
                 f"p95 {p95:.2f} ms (whole frame worst {whole:.2f} ms)", worst <= limit)
            iv = max(s["pan_interval_p95_ms"], s["zoom_interval_p95_ms"])
            line(f"frame interval at the display's rate (16.7 ms here) at {fmt_n(n)}: p95 {iv:.1f} ms", iv <= 17.5)
        else:
            line(f"CPU per frame at {fmt_n(n)}", None)
    for n, limit in ((100000, 120), (1000000, 400)):
        s = results.get(n, {}).get("scripts")
        line(f"RSS ≤ {limit} MB at {fmt_n(n)}: " + (f"{s['rss_peak_mb']:.0f} MB peak" if s else "–"),
             None if not s else s["rss_peak_mb"] <= limit)
    for n, limit in ((100000, 120), (1000000, 400)):
        peak = results.get(n, {}).get("rss_cold_peak")
        line(f"RSS ≤ {limit} MB at {fmt_n(n)} during a first open (cache built): "
             + (f"{peak:.0f} MB peak" if peak else "–"), None if not peak else peak <= limit)
    s = results.get(100000, {}).get("scripts")
    has = s is not None and "search_core_p95_ms" in s
    line("search p95 ≤ 10 ms at 100k: " + (f"{s['search_core_p95_ms']:.2f} ms (yp_search_run), "
                                          f"{s['search_window_p95_ms']:.2f} ms (window handler)" if has else "–"),
         None if not has else max(s["search_core_p95_ms"], s["search_window_p95_ms"]) <= 10)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bench", required=True, help="the bench-timeline executable")
    parser.add_argument("--yeonpyo", required=True, help="the yeonpyo executable")
    parser.add_argument("--gen", required=True, help="build-aux/gen-timeline.py")
    parser.add_argument("--source-root", required=True)
    parser.add_argument("--build-root", required=True)
    parser.add_argument("--work", required=True, help="where data, caches and results go")
    parser.add_argument("--firstpaint-src", default=None)
    parser.add_argument("--verbose-steps", action="store_true", help="print every scripted frame")
    args = parser.parse_args()
    if os.environ.get("YEONPYO_BENCH_STEPS") == "1":
        args.verbose_steps = True
    os.makedirs(args.work, exist_ok=True)

    sizes = [1000, 10000, 100000, 1000000]
    if os.environ.get("YEONPYO_BENCH_SIZES"):
        sizes = [int(x) for x in os.environ["YEONPYO_BENCH_SIZES"].split(",")]
    t_start = time.monotonic()
    say(f"Yeonpyo benchmarks, {time.strftime('%Y-%m-%d %H:%M')}, {machine()}")
    say(f"load average at start: {' '.join(f'{v:.2f}' for v in os.getloadavg())} (other work on the machine shows in wall times)")
    say(f"display {os.environ.get('DISPLAY', '?')}, GSK_RENDERER=cairo, GDK_DEBUG=gl-disable, GTK_A11Y=none")

    fp, why = build_firstpaint(args)
    results = {"fp_missing": why}
    if fp is None:
        say(f"note: firstpaint not available: {why}; yeonpyo is timed by bench-timeline only")
    for n in sizes:
        if n >= 1000000 and os.environ.get("YEONPYO_BENCH_1M") != "1":
            say()
            say(f"== N = {fmt_n(n)}: skipped (set YEONPYO_BENCH_1M=1: ~380 MB of JSON, several minutes)")
            continue
        bench_size(args, n, fp, results)
    startup_comparison(args, fp, results)
    combined(results, sizes)
    verdicts(results)
    say()
    say(f"total {time.monotonic() - t_start:.0f} s")
    with open(os.path.join(args.work, "results.txt"), "w") as f:
        f.write("\n".join(out_lines) + "\n")
    failed = [n for n in sizes if results.get(n, {}).get("scripts_error")
              or (n < 1000000 and results.get(n, {}).get("error"))]
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
