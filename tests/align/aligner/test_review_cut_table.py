"""The review-cut figures the package ships (align/data/review_cuts.tsv) are what the
aligner and the development sets give now: kopir review-cut and the app's v show them to
a translator choosing a cut, so a stale table would mislead."""

from __future__ import annotations

from align.review import parse_figures, shipped_figures
from benchmarks.bench_align_real import development_sets
from benchmarks.fit_calibration import by_set, cut_table, leave_one_set_out


def test_the_shipped_table_is_what_leave_one_set_out_gives_now() -> None:
    sets = development_sets()
    pooled = by_set(sets, leave_one_set_out(sets))["pooled"]
    assert shipped_figures() == parse_figures(cut_table(pooled, "")), (
        "the aligner or the development sets changed what each review cut finds: "
        "run python -m benchmarks.fit_calibration --write-cuts and commit the table"
    )
