"""The corpus's learned lexicon: what the aligner knows beyond its core, and its one home.

Two teachers, as hunalign's realign pass has them: a corpus-wide re-alignment
(``kopir build MANIFEST --realign``, :mod:`align.build.realign`) teaches IBM
Model 1 from the corpus's confident automatic beads and its confirmed ones, and
keeps what it learned in ``<corpus>/.kopir/learned_lexicon.tsv``; and every
alignment teaches the confirmed pairs of the moment on top of that (a
translator's fresh confirmations are the best evidence there is).

The file is derived: never in the TEI, rebuilt by the next ``--realign``, safe to
delete (the aligner then knows only its core and the confirmed pairs again).
Every aligner of a corpus document takes its lexicon from :func:`corpus_lexicon`:
``kopir align`` and ``kopir realign``, the editor's re-align, a build's workers.
"""

from __future__ import annotations

from pathlib import Path

from align.aligner.lexicon import Lexicon, core_lexicon
from corpus.errors import KopirError
from corpus.storage.atomic import atomic_write
from corpus.storage.store import STATE_DIR, Corpus

LEARNED_FILE = Path(STATE_DIR) / "learned_lexicon.tsv"

#: A lexicon already taught, as the aligner's callers pass it on: (lexicon, words it
#: learned, pairs that taught it); see :func:`align.document.propose_alignment`.
Taught = tuple[Lexicon, int, int]


def learned_path(corpus_root: Path) -> Path:
    return corpus_root / LEARNED_FILE


def save_learned(corpus_root: Path, lexicon: Lexicon, taught: int) -> Path:
    """Write what ``lexicon`` learned (``taught`` pairs taught it) to the corpus, atomically."""
    path = learned_path(corpus_root)
    lines = [f"# learned by kopir's realign pass from {taught} bead pairs: key<TAB>english…"]
    lines += [f"{kk}\t" + "\t".join(en) for kk, en in sorted(lexicon.learned().items())]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        atomic_write(path, ("\n".join(lines) + "\n").encode("utf-8"))
    except OSError as exc:
        reason = exc.strerror or exc
        raise KopirError(f"{path}: cannot write the learned lexicon: {reason}") from None
    return path


def load_learned(corpus_root: Path) -> dict[str, tuple[str, ...]]:
    """The stored learned entries (key → English stems); none when there is no file."""
    path = learned_path(corpus_root)
    try:
        text = path.read_text("utf-8")
    except FileNotFoundError:
        return {}
    except (OSError, UnicodeDecodeError) as exc:
        raise KopirError(f"{path}: cannot read the learned lexicon ({exc}): delete it") from None
    entries: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) < 2 or not all(fields):
            raise KopirError(
                f"{path}:{number}: not a learned lexicon line (key<TAB>english…): delete the "
                "file, or make it again with 'kopir build MANIFEST --realign'"
            )
        entries[fields[0]] = tuple(fields[1:])
    return entries


def corpus_lexicon(
    corpus: Corpus | None, pairs: list[tuple[str, str]], *, stored: bool = True
) -> Taught:
    """The lexicon an aligner of ``corpus``'s documents uses: the core, the corpus's stored
    learned entries (unless ``stored`` is False), then ``pairs`` (confirmed) taught on top."""
    lexicon = core_lexicon()
    if stored and corpus is not None:
        lexicon.add_learned(load_learned(corpus.root))
    learned = lexicon.learn(pairs) if pairs else 0
    return lexicon, learned, len(pairs)
