"""Sentence alignment benchmark, parts (d) and (e): speed and memory, and bad input.

Each measurement runs in a child process of its own (``python -c`` calling
:func:`_child` with a JSON request), so that one size's or one input's memory, time-out
or crash cannot touch the next: (d) best-of-2 wall clock, time per 1,000 sentences,
peak RSS and tracemalloc's peak for ``align`` at each size; (e) empty sides, a
100,000-character line, 100 vs 3,000 sentences, one sentence 500 times, each with a
time-out. :mod:`benchmarks.bench_align` runs them with the quality tables; on their own::

    .venv/bin/python -m benchmarks.bench_align_speed
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
import time
from collections import Counter
from collections.abc import Sequence

from align.aligner.evaluate import score
from align.aligner.lexicon import Lexicon
from align.aligner.propose import Aligner
from benchmarks import hunalign
from benchmarks.bench_align import (
    GALE_CHURCH,
    GC_MAX,
    KOPIR,
    LENGTH_ONLY,
    SEED,
    base_lexicon,
    coverage_problem,
    gale_church,
    kopir_fn,
    table,
)
from benchmarks.shared import REPO
from benchmarks.synthetic import Bead, SyntheticDoc, large_document, tatoeba_pairs

BAD_TIMEOUT = 60  # seconds a bad input may take before it counts as a hang
# hunalign grows faster than linearly: above this size only its first variant (no
# dictionary) is timed, which shows the growth; the others took minutes and gigabytes.
HUNALIGN_VARIANTS_MAX = 5000
HUNALIGN_VARIANTS_COST = "at 20k they took 72 s and 111 s, up to 1.4 GB (loaded machine)"

# ---------------------------------------------------------------- child processes


def _child() -> None:
    """Entry point of the child processes: ``python -c ... '<json request>'``."""
    request = json.loads(sys.argv[1])
    if request["job"] == "speed":
        result = _speed_job(request["system"], request["n"], request["repeats"])
    else:
        result = _bad_job(request["case"])
    print(json.dumps(result))


def _spawn(request: dict, timeout: float) -> dict:
    code = "from benchmarks.bench_align_speed import _child; _child()"
    try:
        done = subprocess.run(
            [sys.executable, "-c", code, json.dumps(request)],
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return {"status": f"TIMEOUT after {timeout:.0f} s (hang?)"}
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        tail = (done.stderr.strip().splitlines() or ["no output"])[-1]
        return {"status": f"child died (exit {done.returncode}): {tail[:100]}"}
    return json.loads(lines[-1])


def _maxrss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def _children_maxrss_mb() -> float:
    import resource

    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def _speed_job(system: str, n: int, repeats: int) -> dict:
    import tracemalloc

    doc = large_document(tatoeba_pairs(), n, random.Random(SEED + n))
    if system in hunalign.VARIANTS:
        return _hunalign_speed_job(system, doc)
    if system == GALE_CHURCH:

        def fn(kk: list[str], en: list[str]) -> list[Bead]:
            return gale_church(kk, en)[0]

    elif system == LENGTH_ONLY:
        fn = kopir_fn(Aligner(lexicon=Lexicon(), use_features=False))
    else:
        fn = kopir_fn(Aligner(lexicon=base_lexicon()))
    fn(["Бір."], ["One."])  # imports (nltk, scipy: loaded on first use) before the clock
    rss_before = _maxrss_mb()
    best = float("inf")
    proposed: list[Bead] = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        proposed = fn(doc.kk, doc.en)
        best = min(best, time.perf_counter() - t0)
    rss_peak = _maxrss_mb()
    traced = None
    if system != GALE_CHURCH:
        tracemalloc.start()
        fn(doc.kk, doc.en)
        traced = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
    return {
        "status": "ok",
        "kk": len(doc.kk),
        "en": len(doc.en),
        "seconds": best,
        "rss_before": rss_before,
        "rss_peak": rss_peak,
        "traced": traced,
        "f1": score([(doc.gold, proposed)]).f1_strict,
        "cover": coverage_problem(proposed, len(doc.kk), len(doc.en)),
    }


def _hunalign_speed_job(system: str, doc: SyntheticDoc) -> dict:
    """One hunalign run on ``doc``: its wall clock (tokenising, the hunalign process, reading
    the ladder) and the peak RSS of the hunalign process, the only child this one starts."""
    align = hunalign.variant(system)
    align(["Бір."], ["One."])  # the core lexicon and the stemmer loaded before the clock
    rss_before = _children_maxrss_mb()
    t0 = time.perf_counter()
    proposed = [(k, e) for k, e, _ in align(doc.kk, doc.en)]
    return {
        "status": "ok",
        "kk": len(doc.kk),
        "en": len(doc.en),
        "seconds": time.perf_counter() - t0,
        "rss_before": rss_before,
        "rss_peak": _children_maxrss_mb(),
        "traced": None,
        "f1": score([(doc.gold, proposed)]).f1_strict,
        "cover": coverage_problem(proposed, len(doc.kk), len(doc.en)),
    }


BAD_CASES = {
    "empty": "kk and en both empty",
    "kk10_en0": "10 kk sentences, no en",
    "kk0_en10": "no kk, 10 en sentences",
    "long_kk": "50 pairs + a 100,000-char kk line (no en)",
    "long_both": "50 pairs + a 100,000-char line each side",
    "kk100_en3000": "100 pairs + 2,900 untranslated en",
    "kk100_en200": "100 pairs + 100 untranslated en",
    "repeat500": "one pair repeated 500 times",
}


def bad_input(case: str) -> tuple[list[str], list[str], list[Bead]]:
    """A bad input (Kazakh, English) and the alignment a careful translator would give."""
    pairs = tatoeba_pairs()
    rng = random.Random(SEED)
    kk50, en50 = zip(*rng.sample(pairs, 50), strict=True)
    kk, en = list(kk50), list(en50)
    one_one = [((i,), (i,)) for i in range(50)]
    if case == "empty":
        return [], [], []
    if case == "kk10_en0":
        return kk[:10], [], [((i,), ()) for i in range(10)]
    if case == "kk0_en10":
        return [], en[:10], [((), (i,)) for i in range(10)]
    if case == "long_kk":
        kk.insert(25, _long_line(kk, 100_000))
        gold = one_one[:25] + [((25,), ())] + [((i + 1,), (i,)) for i in range(25, 50)]
        return kk, en, gold
    if case == "long_both":
        kk.insert(25, _long_line(kk, 100_000))
        en.insert(25, _long_line(en, 100_000))
        return kk, en, [((i,), (i,)) for i in range(51)]
    if case in ("kk100_en3000", "kk100_en200"):
        extra = 2900 if case == "kk100_en3000" else 100
        others = [e for _, e in pairs[100:]]
        gold = [((i,), (i,)) for i in range(100)] + [((), (100 + j,)) for j in range(extra)]
        en = [e for _, e in pairs[:100]] + (others * (extra // len(others) + 1))[:extra]
        return [k for k, _ in pairs[:100]], en, gold
    if case == "repeat500":
        return [pairs[0][0]] * 500, [pairs[0][1]] * 500, [((i,), (i,)) for i in range(500)]
    raise ValueError(case)


def _long_line(sentences: Sequence[str], size: int) -> str:
    text = ""
    while len(text) < size:
        text += " ".join(s.rstrip(".!?") for s in sentences) + " "
    return text[:size]


def _bad_job(case: str) -> dict:
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (4 * 2**30, 4 * 2**30))  # a runaway is an error
    kk, en, gold = bad_input(case)
    align = kopir_fn(Aligner(lexicon=base_lexicon()))
    align(["Бір."], ["One."])  # imports and caches warm: the time is the bad input's own
    t0 = time.perf_counter()
    try:
        beads = align(kk, en)
    except Exception as exc:
        return {
            "status": f"raised {type(exc).__name__}: {str(exc)[:90]}",
            "seconds": time.perf_counter() - t0,
        }
    seconds = time.perf_counter() - t0
    sizes = Counter(f"{len(k)}-{len(e)}" for k, e in beads)
    return {
        "status": "finished",
        "seconds": seconds,
        "beads": len(beads),
        "cover": coverage_problem(beads, len(kk), len(en)) or "ok",
        "types": ", ".join(f"{t}×{c}" for t, c in sizes.most_common(4)),
        # Strict F1 leaves 1-0 / 0-1 beads out of recall: with no pair to find it says nothing.
        "f1": score([(gold, beads)]).f1_strict if any(k and e for k, e in gold) else None,
        "rss": _maxrss_mb(),
    }


# ---------------------------------------------------------------- (d) speed, (e) bad input


def speed(sizes: Sequence[int], with_gc: bool) -> dict[int, dict]:
    print(
        f"(d) SPEED AND MEMORY: synthetic documents of {', '.join(f'{n:,}' for n in sizes)} "
        "sentences a side (Tatoeba pairs repeated and shuffled, same bead process); each "
        "run in its own child process"
    )
    if not hunalign.command():
        print(f"    {hunalign.missing()}")
    rows = []
    kopir_results = {}
    for n in sizes:
        for system in (KOPIR, LENGTH_ONLY, GALE_CHURCH, *hunalign.systems()):
            if system == GALE_CHURCH and (not with_gc or n > GC_MAX):
                why = f"> {GC_MAX:,} sentences" if n > GC_MAX else "--quick"
                rows.append([f"{n:,}", system, "-", "-", "-", "-", "-", "-", f"skipped ({why})"])
                continue
            if system in hunalign.VARIANTS[1:] and n > HUNALIGN_VARIANTS_MAX:
                why = f"> {HUNALIGN_VARIANTS_MAX:,} sentences: {HUNALIGN_VARIANTS_COST}"
                rows.append([f"{n:,}", system, "-", "-", "-", "-", "-", "-", f"skipped ({why})"])
                continue
            repeats = 2 if system in (KOPIR, LENGTH_ONLY) else 1
            r = _spawn({"job": "speed", "system": system, "n": n, "repeats": repeats}, 600)
            if system == KOPIR:
                kopir_results[n] = r
            if r["status"] != "ok":
                rows.append([f"{n:,}", system, "-", "-", "-", "-", "-", "-", r["status"]])
                continue
            rows.append(
                [
                    f"{r['kk']:,}×{r['en']:,}",
                    system,
                    f"{r['seconds']:.3f}",
                    f"{r['seconds'] / ((r['kk'] + r['en']) / 2000):.3f}",
                    f"{r['rss_peak']:.0f}",
                    f"{r['rss_before']:.0f}",
                    "-" if r["traced"] is None else f"{r['traced']:.0f}",
                    f"{r['f1']:.4f}",
                    ("best of 2" if repeats == 2 else "1 run")
                    + ("" if r["cover"] is None else f"; COVERAGE: {r['cover']}"),
                ]
            )
    table(
        "Each row: one system on one document size (kk×en sentences). 's' = wall clock of "
        "align, 's per 1k' = per 1,000 sentences a side (mean of the two sides); peak RSS = "
        "the whole child process, 'RSS before' = the same before the first align (imports, "
        "lexicon, document); traced = tracemalloc peak during one align. hunalign: 's' = the "
        "whole call (tokenising, the hunalign process, reading its ladder), peak RSS = the "
        "hunalign process's, 'RSS before' = the same on a one-sentence document.",
        ["kk×en", "system", "s", "s per 1k", "peak RSS MB", "RSS before MB", "traced MB",
         "F1 strict", "notes"],
        rows,
    )  # fmt: skip
    return kopir_results


def bad_inputs() -> tuple[list[str], list[str]]:
    """Run every bad input; return the failures and the inputs aligned poorly (F1 < 0.9)."""
    print(
        f"(e) BAD INPUT: kopir's align in a child process (time-out {BAD_TIMEOUT} s, "
        "4 GB address-space limit)"
    )
    rows, failures, weak = [], [], []
    for case, what in BAD_CASES.items():
        t0 = time.perf_counter()
        r = _spawn({"job": "bad", "case": case}, BAD_TIMEOUT)
        wall = time.perf_counter() - t0
        if r["status"] != "finished" or r.get("cover") != "ok":
            failures.append(f"{what}: {r['status']} / coverage {r.get('cover', '-')}")
        if r.get("f1") is not None and r["f1"] < 0.9:
            weak.append(f"{what} (F1 {r['f1']:.3f})")
        rows.append(
            [
                what,
                r["status"],
                f"{r['seconds']:.3f}" if "seconds" in r else "-",
                f"{wall:.1f}",
                r.get("beads", "-"),
                r.get("cover", "-"),
                "-" if r.get("f1") is None else f"{r['f1']:.3f}",
                f"{r['rss']:.0f}" if "rss" in r else "-",
                r.get("types", "-") or "(none)",
            ]
        )
    table(
        "Each row: one bad input. 'align s' = time in align, 'child s' = the whole child "
        "process; cover = every sentence in exactly one bead, in order; F1 = strict F1 "
        "against the alignment a translator would give (the pairs 1-1, the rest 1-0 / 0-1).",
        ["input", "result", "align s", "child s", "beads", "cover", "F1", "RSS MB",
         "bead types (most frequent)"],
        rows,
    )  # fmt: skip
    return failures, weak


if __name__ == "__main__":
    speed((1000, 5000, 20000), with_gc=True)
    bad_inputs()
