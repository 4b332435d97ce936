"""Query speed and memory on a generated corpus of aligned pairs, beside a naive scan.

Run from the repository root::

    .venv/bin/python -m benchmarks.bench_query                  # 1,000,000 pairs (make bench-query)
    .venv/bin/python -m benchmarks.bench_query --pairs 100000   # a quick run

In a temporary directory (removed afterwards) it writes a kopir corpus of
``--pairs`` aligned pairs (beads) as real TEI files, 1,000 beads a document:
sentence pairs drawn at random from the hand-aligned seed gold
(``tests/gold``) and the 575 Tatoeba pairs, every number in a pair replaced by
a random one (the same on both sides), grouped into beads at the Text+Berg
bead-type rates (:mod:`benchmarks.synthetic`: 1-1, 2-1, 1-2, 0-1, …), 30 % of
beads confirmed, documents dated 2015–2024 (5 % undated). Then, each in a
child process:

1. **build**: ``QueryEngine(corpus).refresh()`` on the TEI files, the real
   path (every file read, hashed and parsed, in worker processes; every unit
   tokenised; the FTS5 word index, look-alike table and trigram tables filled).
   Peak memory is the peak RSS of the building process plus that of each
   parse worker (``getrusage``), since they run at the same time.
2. **queries**: one warm ``QueryEngine``; each query run 11 times, the median
   and the first (cold) time, and hits. The engine's result cache (which
   makes paging through a regex result instant) is off, so every run searches.
   Every search includes the freshness
   check (a stat of each TEI file) and fetching the first page of 50 hits
   with spans and KWIC lines. Then an edited document (incremental update
   inside the next search) and the freshness check alone.
3. **baseline**: the same pairs in a Python list, scanned with ``re`` for
   the same queries (word boundaries, case-insensitive): what a tool without
   an index does per query once the corpus is in memory.

The bars (issues 7, 17): build ≤ 3 min; median ≤ 50 ms for a word, a prefix, a lemma and
a two-sided query; a regular expression ≤ 2 s; peak memory ≤ 1 GB. Two
catastrophic patterns (3 runs each) must stop at the search's time budget
(10 s) with ``RegexTimeout``, within a second of it: ``(\\w+\\s?)+$``, which ran
for more than ten minutes with ``re`` (the ``regex`` module takes it in
polynomial time, but that is still too long for a million units), and
``(\\w|\\w\\w|\\s)+$``, exponential even for ``regex``.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from benchmarks.query_corpus import document_beads, generate, plan_documents, source_pairs
from benchmarks.shared import REPO, pairs_parser

REPEATS = 11
BUDGET_REPEATS = 3  # catastrophic patterns: each run takes the whole budget
BAR_BUILD_S, BAR_QUERY_MS, BAR_REGEX_S, BAR_MEMORY = 180.0, 50.0, 2.0, 1024**3
#: A search stopped at its budget must end within this many seconds after it.
BAR_BUDGET_SLACK_S = 1.0
#: Set in a build child: index without lemmas and tags (the baseline beside the real build).
_PLAIN_ENV = "KOPIR_BENCH_WITHOUT_LEMMAS"


# ---------------------------------------------------------------- the queries


def queries():
    from corpus.search.plan import Query

    return [
        ("word: --kk Тоқаев", "word", Query(kk="Тоқаев"), {}),
        ("prefix: --kk 'Қазақстан*'", "prefix", Query(kk="Қазақстан*"), {}),
        ("two-sided: --kk 'Қазақстан*' --en Kazakhstan", "two-sided",
         Query(kk="Қазақстан*", en="Kazakhstan"), {}),
        ("lemma: --kk-lemma Қазақстан", "lemma", Query(kk="lemma:Қазақстан"), {}),
        ("lemma, two-sided: --kk-lemma сапар --en-lemma visit", "lemma",
         Query(kk="lemma:сапар", en="lemma:visit"), {}),
        ("phrase: '\"Орталық Азия\"' (either side)", "", Query(text='"Орталық Азия"'), {}),
        ("negative: --kk ЕҚЫҰ --en-not OSCE", "", Query(kk="ЕҚЫҰ", en_not="OSCE"), {}),
        ("frequent: --en the", "", Query(en="the"), {}),
        ("filters: Тоқаев* --status confirmed --since 2020", "",
         Query(kk="Тоқаев*", statuses=("confirmed",), since="2020"), {}),
        ("one document: --kk Тоқаев* --doc doc00007", "",
         Query(kk="Тоқаев*", docs=("doc00007",)), {}),
        ("fold: --kk білгім --fold", "", Query(kk="білгім", fold=True), {}),
        ("sorted: --kk Тоқаев* --sort right", "", Query(kk="Тоқаев*"), {"sort": "right"}),
        ("regex: --kk 'Қазақстан(ның|ға)'", "regex", Query(kk="Қазақстан(ның|ға)", regex=True), {}),
        ("regex: --kk '\\w+стан\\b'", "regex", Query(kk=r"\w+стан\b", regex=True), {}),
        ("regex, no literal: --kk '[әө]\\w+ді\\b'", "regex",
         Query(kk=r"[әө]\w+ді\b", regex=True), {}),
        ("regex, two-sided: --kk 'Тоқаев\\w*' --en 'Tokayev'", "regex",
         Query(kk=r"Тоқаев\w*", en="Tokayev", regex=True), {}),
        ("catastrophic: --kk '(\\w+\\s?)+$'", "budget", Query(kk=r"(\w+\s?)+$", regex=True), {}),
        ("catastrophic: --kk '(\\w|\\w\\w|\\s)+$'", "budget",
         Query(kk=r"(\w|\w\w|\s)+$", regex=True), {}),
    ]  # fmt: skip


_BASELINE = {
    "word: --kk Тоқаев": [("kk", r"\bТоқаев\b")],
    "prefix: --kk 'Қазақстан*'": [("kk", r"\bҚазақстан\w*")],
    "two-sided: --kk 'Қазақстан*' --en Kazakhstan":
        [("kk", r"\bҚазақстан\w*"), ("en", r"\bKazakhstan\b")],
    "frequent: --en the": [("en", r"\bthe\b")],
    # A scan can only approximate a lemma by a prefix (which also finds other lemmas).
    "lemma: --kk-lemma Қазақстан": [("kk", r"\bҚазақстан\w*")],
    "regex: --kk 'Қазақстан(ның|ға)'": [("kk", r"Қазақстан(ның|ға)")],
    "regex: --kk '\\w+стан\\b'": [("kk", r"\w+стан\b")],
    "regex, no literal: --kk '[әө]\\w+ді\\b'": [("kk", r"[әө]\w+ді\b")],
    "regex, two-sided: --kk 'Тоқаев\\w*' --en 'Tokayev'": [("kk", r"Тоқаев\w*"), ("en", "Tokayev")],
}  # fmt: skip


def _timed(fn: Callable[[], object], repeats: int) -> tuple[float, float, object]:
    """(median s, first s, last result) of ``repeats`` calls."""
    times, result = [], None
    for _ in range(repeats):
        started = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), times[0], result


def _peak_rss() -> dict[str, int]:
    me = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    return {"self": me, "children": children}


def _cpu() -> dict[str, float]:
    """CPU seconds (user + system) of this process and of its finished children (the workers)."""
    me, kids = (
        resource.getrusage(resource.RUSAGE_SELF),
        resource.getrusage(resource.RUSAGE_CHILDREN),
    )
    return {"cpu_self": me.ru_utime + me.ru_stime, "cpu_children": kids.ru_utime + kids.ru_stime}


def _without_lemmas() -> None:
    """The baseline build: every unit's morph text empty, the rest of the index as ever.

    Set in the builder and, through the environment, in its parse workers (``spawn``
    runs this module again in each of them).
    """
    import corpus.search.rows

    corpus.search.rows.morph_text = lambda text, lang: ""  # type: ignore[assignment]


if os.environ.get(_PLAIN_ENV):
    _without_lemmas()


def child_build(root: Path) -> dict[str, object]:
    from corpus.search.query import QueryEngine
    from corpus.search.rows import PARALLEL_FROM
    from corpus.storage.store import Corpus

    engine = QueryEngine(Corpus(root))
    started = time.perf_counter()
    report = engine.refresh()
    seconds = time.perf_counter() - started
    conn = engine.index.conn
    units = conn.execute("SELECT count(*) FROM units").fetchone()[0]
    docs = conn.execute("SELECT count(*) FROM docs").fetchone()[0]
    engine.close()
    workers = min(os.cpu_count() or 1, 4) if docs >= PARALLEL_FROM else 0
    return {
        "seconds": seconds,
        "units": units,
        "docs": docs,
        "failed": len(report.failed),
        "bytes": sum(p.stat().st_size for p in (root / ".kopir").glob("index.sqlite*")),
        "workers": workers,
        **_peak_rss(),
        **_cpu(),
    }


def child_queries(root: Path) -> dict[str, object]:
    from corpus.search.frequency import collocates, frequencies
    from corpus.search.plan import Query
    from corpus.search.query import QueryEngine
    from corpus.search.regexscan import RegexTimeout
    from corpus.search.stats import corpus_stats
    from corpus.storage.store import Corpus

    corpus = Corpus(root)
    engine = QueryEngine(corpus, cache_size=0)  # every run searches; nothing is remembered
    engine.refresh()

    def run(query: Query, sort: str) -> object:
        try:
            return engine.search(query, 50, 0, sort).total
        except RegexTimeout:
            return "stopped"

    rows = []
    for label, kind, query, extra in queries():
        sort = extra.get("sort", "doc")
        repeats = BUDGET_REPEATS if kind == "budget" else REPEATS
        median, first, result = _timed(lambda q=query, s=sort: run(q, s), repeats)
        rows.append({"label": label, "kind": kind, "median": median, "first": first,
                     "hits": result, "budget": engine.regex_timeout})  # fmt: skip
    extras = [
        ("frequencies: Тоқаев* --freq", lambda: frequencies(engine, Query(kk="Тоқаев*"))),
        ("collocates: Тоқаев* --collocates", lambda: collocates(engine, Query(kk="Тоқаев*"))),
        ("translations: --kk ЕҚЫҰ --collocates --side en",
         lambda: collocates(engine, Query(kk="ЕҚЫҰ"), side="en")),
        ("stats", lambda: corpus_stats(engine)),
    ]  # fmt: skip
    for label, fn in extras:
        median, first, _ = _timed(fn, 3)
        rows.append({"label": label, "kind": "", "median": median, "first": first, "hits": None})
    freshness, _, _ = _timed(engine.refresh, REPEATS)
    doc = corpus.load("doc00003")
    doc.kk.blocks[0].sentences[0] = doc.kk.blocks[0].sentences[0].plain("kk.s1", "Абай жолы жаңа.")
    corpus.save(doc)
    started = time.perf_counter()
    edited = engine.search(Query(kk="Абай"), 50)
    update = time.perf_counter() - started
    top = collocates(engine, Query(kk="ЕҚЫҰ"), side="en").rows[:3]
    return {
        "rows": rows,
        "freshness": freshness,
        "update": update,
        "update_hits": edited.total,
        "translations": [c.word for c in top],
        **_peak_rss(),
    }


def child_baseline(pairs: int) -> dict[str, object]:
    pool = source_pairs()
    started = time.perf_counter()
    texts: list[tuple[str, str]] = []
    for number, beads in plan_documents(pairs):
        kk, en, gold = document_beads(number, beads, pool)
        texts += [(" ".join(kk[i] for i in k), " ".join(en[i] for i in e)) for k, e in gold]
    load = time.perf_counter() - started
    rows = {}
    for label, conditions in _BASELINE.items():
        compiled = [
            (0 if side == "kk" else 1, re.compile(p, re.IGNORECASE)) for side, p in conditions
        ]

        def scan(compiled: list = compiled) -> int:  # type: ignore[type-arg]
            return sum(1 for t in texts if all(rx.search(t[i]) for i, rx in compiled))

        median, _, hits = _timed(scan, 3)
        rows[label] = {"median": median, "hits": hits}
    return {"load": load, "pairs": len(texts), "rows": rows, **_peak_rss()}


# ---------------------------------------------------------------- running it


def _child(kind: str, arg: str) -> dict[str, object]:
    argv = [sys.executable, "-m", "benchmarks.bench_query", "--child", kind, arg]
    env = dict(os.environ)
    env.pop(_PLAIN_ENV, None)
    if kind == "build-plain":
        argv[-2], env[_PLAIN_ENV] = "build", "1"
    started = time.perf_counter()
    proc = subprocess.Popen(argv, cwd=REPO, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    out, err = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"child {kind} failed:\n{err.decode(errors='replace')}")
    result = json.loads(out.decode().strip().splitlines()[-1])
    result["wall"] = wall
    return result


def _mb(n: int) -> str:
    return f"{n / 2**20:,.0f} MiB"


def _cpu_total(build: dict[str, object]) -> float:
    return build["cpu_self"] + build["cpu_children"]  # type: ignore[operator]


def _cpu_text(build: dict[str, object]) -> str:
    return (f"{_cpu_total(build):.0f} s (builder {build['cpu_self']:.0f} s, parse workers "
            f"{build['cpu_children']:.0f} s)")  # fmt: skip


def _mark(ok: bool) -> str:
    return "PASS" if ok else "FAIL"


def main(argv: list[str] | None = None) -> int:
    parser = pairs_parser(__doc__, "build the corpus here and keep it")
    parser.add_argument("--build-only", action="store_true", help="time the builds, no queries")
    parser.add_argument("--child", nargs=2, metavar=("KIND", "ARG"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        kind, arg = args.child
        run = {"build": lambda: child_build(Path(arg)), "queries": lambda: child_queries(Path(arg)),
               "baseline": lambda: child_baseline(int(arg))}[kind]  # fmt: skip
        print(json.dumps(run()))
        return 0

    print(f"kopir query benchmark: {args.pairs:,} aligned pairs")
    print(f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
          f"{os.cpu_count()} CPUs, {platform.machine()}\n")  # fmt: skip
    folder = args.keep or Path(tempfile.mkdtemp(prefix="kopir-bench-query-"))
    root = folder / "corpus"
    try:
        if not root.is_dir() or not any(root.glob("*.xml")):
            root.mkdir(parents=True, exist_ok=True)
            seconds = generate(root, args.pairs)
            size = sum(p.stat().st_size for p in root.glob("*.xml"))
            count = len(list(root.glob("*.xml")))
            print(f"generated {count:,} TEI documents, {size / 1e6:,.0f} MB, "
                  f"in {seconds:.1f} s (not measured against a bar)")  # fmt: skip
        else:
            shutil.rmtree(root / ".kopir", ignore_errors=True)
        plain = _child("build-plain", str(root))
        shutil.rmtree(root / ".kopir")
        build = _child("build", str(root))
        memory = build["self"] + build["workers"] * build["children"]  # type: ignore[operator]
        print(f"\n1. index build through the TEI files: {build['docs']:,} documents, "
              f"{build['units']:,} units, {build['bytes'] / 1e6:,.0f} MB index")  # type: ignore[operator]  # fmt: skip
        print(f"   time {build['seconds']:.1f} s (bar ≤ {BAR_BUILD_S:.0f} s: "
              f"{_mark(build['seconds'] <= BAR_BUILD_S)})")  # type: ignore[operator]  # fmt: skip
        print(f"   CPU {_cpu_text(build)}")
        print(f"   baseline, the same build without lemmas and tags: {plain['seconds']:.1f} s, "
              f"{plain['bytes'] / 1e6:,.0f} MB, CPU {_cpu_text(plain)}; with them "
              f"×{build['seconds'] / plain['seconds']:.2f} time, "
              f"×{_cpu_total(build) / _cpu_total(plain):.2f} CPU")  # type: ignore[operator]  # fmt: skip
        print(f"   peak RSS: builder {_mb(build['self'])}, each of {build['workers']} parse "
              f"workers ≤ {_mb(build['children'])}; together ≤ {_mb(memory)} "
              f"(bar ≤ 1 GiB: {_mark(memory <= BAR_MEMORY)})")  # type: ignore[arg-type]  # fmt: skip

        if args.build_only:
            return 0
        found = _child("queries", str(root))
        base = _child("baseline", str(args.pairs))
        print(
            f"\n2. queries, warm engine, {REPEATS} runs each (first page of 50 with spans and "
            "KWIC; freshness check included)"
        )
        print(f"   baseline: Python re over the {base['pairs']:,} pairs held in a list "
              f"(building the list took {base['load']:.1f} s)\n")  # fmt: skip
        header = (
            f"   {'query':<54} {'hits':>9} {'median':>10} {'first':>10} {'naive scan':>11}  bar"
        )
        print(header)
        for row in found["rows"]:  # type: ignore[union-attr]
            naive = base["rows"].get(row["label"])  # type: ignore[union-attr]
            naive_text = f"{naive['median'] * 1000:,.0f} ms" if naive else ""
            bar = ""
            if row["kind"] in ("word", "prefix", "two-sided", "lemma"):
                bar = f"≤ {BAR_QUERY_MS:.0f} ms {_mark(row['median'] * 1000 <= BAR_QUERY_MS)}"
            elif row["kind"] == "regex":
                bar = f"≤ {BAR_REGEX_S:.0f} s {_mark(row['median'] <= BAR_REGEX_S)}"
            elif row["kind"] == "budget":
                limit = row["budget"] + BAR_BUDGET_SLACK_S
                ok = row["hits"] == "stopped" and row["median"] <= limit
                bar = f"stopped ≤ {limit:g} s {_mark(ok)}"
            hits = f"{row['hits']:,}" if isinstance(row["hits"], int) else row["hits"] or ""
            if naive and isinstance(row["hits"], int) and naive["hits"] != row["hits"]:
                hits += "≠"
            print(f"   {row['label']:<54} {hits:>9} {row['median'] * 1000:>7,.1f} ms "
                  f"{row['first'] * 1000:>7,.1f} ms {naive_text:>11}  {bar}")  # fmt: skip
        print(f"\n   freshness check alone (stat of {build['docs']:,} files): "
              f"{found['freshness'] * 1000:.1f} ms median")  # fmt: skip
        print(f"   a search right after editing one document (re-indexes it): "
              f"{found['update'] * 1000:.0f} ms, {found['update_hits']} hit")  # fmt: skip
        print(f"   top English words in units with ЕҚЫҰ: {', '.join(found['translations'])}")  # type: ignore[arg-type]
        print(f"   peak RSS: query process {_mb(found['self'])} (bar ≤ 1 GiB: "
              f"{_mark(found['self'] <= BAR_MEMORY)}); naive baseline {_mb(base['self'])}")  # type: ignore[operator]  # fmt: skip
        print(
            "\n   ≠: hit counts differ from the naive scan where word boundaries differ "
            "(FTS5 words vs re's \\b); a regex gives the same count."
        )
    finally:
        if args.keep is None:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
