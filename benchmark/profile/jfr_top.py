#!/usr/bin/env python3
"""Summarises a JFR recording of the server under load (and optional `jcmd <pid> Thread.print` dumps).

    jfr_top.py [--jfr PATH_TO_jfr] [--top N] recording.jfr [threads-1.txt ...]

Prints: CPU samples by thread group; the hottest methods by self samples (top frame) and by inclusive
samples (any frame of a sample; for io.hearth methods and for chosen library areas); allocation by site;
GC pauses; blocking events (park, monitor, socket/file I/O) on the Netty event-loop threads; and, from the
thread dumps, what the event-loop threads were doing.
"""
import argparse
import collections
import json
import re
import subprocess
import sys

EVENT_LOOP = re.compile(r"^reactor-http-(epoll|nio)")
AREAS = [  # inclusive "where does time go" buckets: the first matching prefix of any frame in a sample counts once
    ("Hearth webhook handling (io.hearth.server.trigger)", "io.hearth.server.trigger."),
    ("Hearth execution service/recording (io.hearth.server.execution)", "io.hearth.server.execution."),
    ("Hearth runtime (io.hearth.runtime)", "io.hearth.runtime."),
    ("Hearth expressions (io.hearth.expression)", "io.hearth.expression."),
    ("Hearth auth filter (io.hearth.server.auth)", "io.hearth.server.auth."),
    ("H2 database (org.h2)", "org.h2."),
    ("Hikari pool (com.zaxxer.hikari)", "com.zaxxer.hikari."),
    ("Spring JDBC (org.springframework.jdbc)", "org.springframework.jdbc."),
    ("Jackson (tools.jackson / com.fasterxml)", ("tools.jackson.", "com.fasterxml.jackson.")),
    ("Spring WebFlux / web (org.springframework.web)", ("org.springframework.web.", "org.springframework.http.")),
    ("Micrometer / observation", "io.micrometer."),
    ("Reactor core", "reactor.core."),
    ("Reactor Netty", "reactor.netty."),
    ("Netty", "io.netty."),
    ("java.util.concurrent", "java.util.concurrent."),
    ("UUID / SecureRandom", ("java.util.UUID", "java.security.SecureRandom", "sun.security.provider.")),
    ("logging (logback/slf4j)", ("ch.qos.logback.", "org.slf4j.")),
]


def frame_name(frame):
    method = frame.get("method") or {}
    cls = ((method.get("type") or {}).get("name") or "?").replace("/", ".")
    return f"{cls}.{method.get('name', '?')}"


def thread_group(thread):
    name = (thread or {}).get("javaName") or (thread or {}).get("osName") or "?"
    return re.sub(r"[-#]?\d+$", "", name)


def load(jfr, recording, events):
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events", ",".join(events), recording],
                         check=True, capture_output=True, text=True).stdout
    return json.loads(out)["recording"]["events"]


def pct(n, total):
    return f"{100.0 * n / total:5.1f}%" if total else "   - "


def frames_of(event):
    st = event["values"].get("stackTrace") or {}
    return [frame_name(f) for f in (st.get("frames") or [])]


def first_app_frame(frames):
    for f in frames:
        if f.startswith("io.hearth."):
            return f
    return next((f for f in frames if not f.startswith(("java.", "jdk.", "sun."))), frames[0] if frames else "?")


def duration_ms(value):
    # JFR JSON durations look like "PT0.012345S"
    if isinstance(value, (int, float)):
        return value / 1e6
    m = re.match(r"PT(?:(\d+)M)?([\d.]+)S", value or "")
    return (int(m.group(1) or 0) * 60 + float(m.group(2))) * 1000 if m else 0.0


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--jfr", default="jfr")
    ap.add_argument("--top", type=int, default=20)
    ap.add_argument("recording")
    ap.add_argument("dumps", nargs="*")
    a = ap.parse_args()
    top = a.top

    samples = load(a.jfr, a.recording, ["jdk.ExecutionSample"])
    total = len(samples)
    print(f"CPU samples (jdk.ExecutionSample): {total}")
    by_thread = collections.Counter(thread_group(e["values"].get("sampledThread")) for e in samples)
    print("  by thread group:")
    for name, n in by_thread.most_common(10):
        print(f"    {pct(n, total)}  {name}")

    self_counts = collections.Counter()
    incl_hearth = collections.Counter()
    areas = collections.Counter()
    loop_self = collections.Counter()
    loop_total = 0
    for e in samples:
        frames = frames_of(e)
        if not frames:
            continue
        self_counts[frames[0]] += 1
        if EVENT_LOOP.match(thread_group(e["values"].get("sampledThread"))):
            loop_total += 1
            loop_self[first_app_frame(frames)] += 1
        for f in set(frames):
            if f.startswith("io.hearth."):
                incl_hearth[f] += 1
        seen = set()
        for label, prefix in AREAS:
            if label not in seen and any(f.startswith(prefix) for f in frames):
                areas[label] += 1
                seen.add(label)

    print(f"\n  hottest methods, self (top frame), % of all samples:")
    for name, n in self_counts.most_common(top):
        print(f"    {pct(n, total)}  {name}")
    print(f"\n  io.hearth methods, inclusive (on the stack), % of all samples:")
    for name, n in incl_hearth.most_common(top):
        print(f"    {pct(n, total)}  {name}")
    print(f"\n  areas, inclusive (a sample counts once per area), % of all samples:")
    for label, _ in AREAS:
        if areas[label]:
            print(f"    {pct(areas[label], total)}  {label}")
    if loop_total:
        print(f"\n  event-loop threads (reactor-http-*): {loop_total} samples; first Hearth (else non-JDK) frame:")
        for name, n in loop_self.most_common(12):
            print(f"    {pct(n, loop_total)}  {name}")

    # allocation by site (weight = sampled bytes)
    allocs = load(a.jfr, a.recording, ["jdk.ObjectAllocationSample"])
    if allocs:
        weight = collections.Counter()
        by_class = collections.Counter()
        total_w = 0
        for e in allocs:
            w = e["values"].get("weight", 0) or 0
            total_w += w
            weight[first_app_frame(frames_of(e))] += w
            by_class[((e["values"].get("objectClass") or {}).get("name") or "?").replace("/", ".")] += w
        print(f"\n  allocation (jdk.ObjectAllocationSample, {len(allocs)} samples, ~{total_w / 2**20:.0f} MB weighed):")
        print("    by first Hearth (else non-JDK) frame:")
        for name, w in weight.most_common(12):
            print(f"    {pct(w, total_w)}  {name}")
        print("    by class:")
        for name, w in by_class.most_common(8):
            print(f"    {pct(w, total_w)}  {name}")

    gcs = load(a.jfr, a.recording, ["jdk.GarbageCollection"])
    if gcs:
        pauses = [duration_ms(e["values"].get("sumOfPauses") or e["values"].get("duration")) for e in gcs]
        names = collections.Counter((e["values"].get("name") or "?") for e in gcs)
        print(f"\n  GC: {len(gcs)} collections ({', '.join(f'{k} {v}' for k, v in names.items())}), "
              f"pauses total {sum(pauses):.0f} ms, max {max(pauses):.1f} ms")

    blocking = load(a.jfr, a.recording, ["jdk.ThreadPark", "jdk.JavaMonitorEnter", "jdk.JavaMonitorWait",
                                          "jdk.SocketRead", "jdk.SocketWrite", "jdk.FileRead", "jdk.FileWrite",
                                          "jdk.FileForce"])
    on_loop = [e for e in blocking if EVENT_LOOP.match(thread_group(e["values"].get("eventThread")))]
    by_kind = collections.Counter()
    dur_kind = collections.Counter()
    where = collections.Counter()
    for e in blocking:
        t = thread_group(e["values"].get("eventThread"))
        key = (e["type"], t)
        by_kind[key] += 1
        dur_kind[key] += duration_ms(e["values"].get("duration"))
    print(f"\n  blocking events over the JFR thresholds (profile settings: park/monitor >= 10-20 ms, I/O >= 10-20 ms):")
    if not blocking:
        print("    none")
    for (kind, t), n in by_kind.most_common(12):
        print(f"    {n:6d} x {kind:22s} on {t:32s} total {dur_kind[(kind, t)]:9.0f} ms")
    for e in on_loop:
        where[(e["type"], first_app_frame(frames_of(e)))] += 1
    if on_loop:
        print("  ON EVENT-LOOP THREADS (should be none):")
        for (kind, f), n in where.most_common(10):
            print(f"    {n:6d} x {kind} at {f}")
    else:
        print("  on event-loop threads: none")

    if a.dumps:
        states = collections.Counter()
        tops = collections.Counter()
        groups = collections.Counter()
        for path in a.dumps:
            text = open(path, encoding="utf-8", errors="replace").read()
            for block in text.split("\n\n"):
                head = block.strip().splitlines()
                if not head or not head[0].startswith('"'):
                    continue
                name = head[0].split('"')[1]
                groups[re.sub(r"[-#]?\d+$", "", name)] += 1
                if not EVENT_LOOP.match(name):
                    continue
                state = next((l.split(":", 1)[1].strip().split()[0] for l in head if "java.lang.Thread.State" in l), "?")
                frames = [l.strip()[3:] for l in head if l.strip().startswith("at ")]
                app = next((f for f in frames if f.startswith("io.hearth.")), None)
                tops[(state, frames[0].split("(")[0] if frames else "?", app.split("(")[0] if app else "-")] += 1
                states[state] += 1
        print(f"\n  thread dumps ({len(a.dumps)}): event-loop thread states {dict(states)}")
        for (state, f, app), n in tops.most_common(10):
            print(f"    {n:3d} x {state:13s} top {f}  (Hearth frame: {app})")
        print("  threads per group (summed over dumps): " + ", ".join(f"{k} {v}" for k, v in groups.most_common(12)))


if __name__ == "__main__":
    sys.exit(main())
