"""The hunalign baseline's plumbing (:mod:`benchmarks.hunalign`), without hunalign itself.

The benchmarks score hunalign from its ladder output; a wrong ladder → beads conversion would
print a wrong baseline with no error. These tests need neither node nor the npm package: the
ladders are written by hand, and the one run goes through a stand-in executable.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from benchmarks.hunalign import ladder_beads, lexicon_dictionary, run, tokenise


def beads(ladder: str, n_src: int, n_tgt: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [(k, e) for k, e, _ in ladder_beads(ladder, n_src, n_tgt)]


def test_each_step_between_rungs_is_one_bead() -> None:
    ladder = "0\t0\t0.5\n1\t1\t0.4\n3\t2\t0.2\n4\t4\t0.9\n5\t5\t0.3\n"
    assert beads(ladder, 5, 5) == [
        ((0,), (0,)),
        ((1, 2), (1,)),
        ((3,), (2, 3)),
        ((4,), (4,)),
    ]


def test_a_segment_with_one_side_empty_is_one_bead_a_sentence() -> None:
    # hunalign writes five unaligned English sentences as one 0-5 step (0 0 → 0 5).
    ladder = "0\t0\t-0.3\n0\t3\t0.4\n1\t4\t0.5\n3\t4\t-0.3\n4\t5\t0.3\n"
    assert beads(ladder, 4, 5) == [
        ((), (0,)),
        ((), (1,)),
        ((), (2,)),
        ((0,), (3,)),
        ((1,), ()),
        ((2,), ()),
        ((3,), (4,)),
    ]


def test_a_repeated_rung_adds_no_bead() -> None:
    assert beads("0\t0\t1\n1\t1\t1\n1\t1\t1\n2\t2\t1\n", 2, 2) == [((0,), (0,)), ((1,), (1,))]


def test_every_sentence_is_in_exactly_one_bead_in_order() -> None:
    ladder = "0\t0\t0\n0\t2\t0\n2\t3\t0\n3\t3\t0\n6\t7\t0\n7\t7\t0\n"
    got = beads(ladder, 7, 7)
    assert [k for b in got for k in b[0]] == list(range(7))
    assert [e for b in got for e in b[1]] == list(range(7))


@pytest.mark.parametrize(
    ("ladder", "problem"),
    [
        ("", "nothing"),
        ("1\t1\t0\n2\t2\t0\n", "(1, 1)"),  # does not start at 0 0
        ("0\t0\t0\n1\t1\t0\n", "(1, 1)"),  # stops short of 2 2
        ("0\t0\t0\n2\t1\t0\n1\t2\t0\n2\t2\t0\n", "goes back"),  # crossing rungs
    ],
)
def test_a_ladder_that_is_not_a_whole_alignment_is_refused(ladder: str, problem: str) -> None:
    with pytest.raises(ValueError, match="hunalign ladder") as raised:
        ladder_beads(ladder, 2, 2)
    assert problem in str(raised.value)


def test_input_is_lower_cased_with_words_and_marks_apart() -> None:
    assert tokenise("Тоқаев «Астана» саммитінде, 2024 ж.") == [
        "тоқаев", "«", "астана", "»", "саммитінде", ",", "2024", "ж", ".",
    ]  # fmt: skip


def test_the_core_lexicon_is_written_target_language_first() -> None:
    lines = lexicon_dictionary().splitlines()
    assert len(lines) > 1000
    assert all(len(line.split(" @ ")) == 2 for line in lines)
    # мемлекет (state) is a Kazakh stem of the core lexicon; English comes first, stemmed.
    assert "state @ мемлекет" in lines


def test_run_hands_hunalign_the_sentences_dictionary_and_switches(tmp_path: Path) -> None:
    # A stand-in for hunalign: copies its arguments and files where the test can read
    # them, then answers with a fixed ladder, as hunalign writes it on stdout.
    seen = tmp_path / "seen.txt"
    fake = tmp_path / "fake_hunalign.py"
    fake.write_text(
        "import sys, pathlib\n"
        "*switches, dic, src, tgt = sys.argv[1:]\n"
        f"pathlib.Path({str(seen)!r}).write_text('\\n---\\n'.join(\n"
        "    [' '.join(switches)] + [pathlib.Path(p).read_text() for p in (dic, src, tgt)]))\n"
        "print('0\\t0\\t1\\n1\\t1\\t1\\n2\\t1\\t1')\n"
    )
    ladder = run(
        ["бір екі", "үш"], ["one two"], ("-realign",), "one @ бір\n", [sys.executable, str(fake)]
    )
    assert beads(ladder, 2, 1) == [((0,), (0,)), ((1,), ())]
    switches, dictionary, src, tgt = seen.read_text().split("\n---\n")
    assert (switches, dictionary, src, tgt) == (
        "-realign",
        "one @ бір\n",
        "бір екі\nүш\n",
        "one two\n",
    )


def test_a_failing_hunalign_is_an_error_not_an_empty_alignment(tmp_path: Path) -> None:
    fake = tmp_path / "broken.py"
    fake.write_text(
        "import sys\nsys.stderr.write('Reading dictionary...\\nout of memory\\n')\nsys.exit(3)\n"
    )
    with pytest.raises(RuntimeError, match="exited 3: out of memory"):
        run(["а"], ["a"], exe=[sys.executable, str(fake)])
