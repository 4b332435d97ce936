"""Builders and harnesses the test modules share, one home for them, so that no test
module imports another's helpers. Import them from here (``from tests.helpers import
make_doc``); each lives in a module named for its job:

- ``seeds``: the seed texts and the team's shared data (``SEEDS``, ``SEED_IDS``,
  ``DOC``, ``REPO``, ``seed_document``, ``one_seed_corpus``, ``shared_path``,
  ``source_file``);
- ``documents``: aligned documents from text pairs (``make_doc``, ``beads_of``) and a
  Kazakh-only news item (``kazakh_only_doc``);
- ``tmx_files``: TMX files to import (``tmx``, ``tu``, ``imported``, ``pairs_of``);
- ``query_corpora``: small corpora for the search tests (``query_doc``,
  ``make_corpus``, ``NEWS``, ``SCRIPTS``: Kazakh in three scripts);
- ``app``: the translator's app driven by Textual's pilot (``two_documents``, ``run``,
  ``editor``, ``import_english``, ``SIZE``) and waiting for a condition, never a time
  (``until``, ``settle``);
- ``query_screen``: the Query screen opened, asked and waited for by its answers
  (``slash_query``, ``open_query``, ``ask``, ``answered``, ``searched``);
- ``crawls``: Tatoeba-like documents with gold beads, for a crawl (``tatoeba_documents``), and
  a build killed halfway (``kill_build_midway``, ``line_count``);
- ``cli``: the command line in this process (``ingest_seeds``, ``kopir_cli``,
  ``checked_documents``, ``dead_pid``);
- ``terminal``: the real program in tmux (``Terminal``, ``KOPIR``);
- ``users_files``: a file of the user's that kopir must not replace unasked
  (``users_file``, ``untouched``);
- ``web_text``: web text the segmenter and its SRX rules must cut alike (``WEB_CASES``);
- ``tei_reader``: an independent reader of the TEI files, to count what the concordance
  must find (``sentences``, ``count_words``, ``count_phrase``, ``count_lemma``,
  ``count_regex``, ``TEI``, ``XML_ID``, ``WORD``).
"""

from tests.helpers.app import SIZE, editor, import_english, run, settle, two_documents, until
from tests.helpers.cli import checked_documents, dead_pid, ingest_seeds, kopir_cli
from tests.helpers.crawls import kill_build_midway, line_count, tatoeba_documents
from tests.helpers.documents import beads_of, kazakh_only_doc, make_doc
from tests.helpers.query_corpora import NEWS, SCRIPTS, make_corpus, query_doc
from tests.helpers.query_screen import answered, ask, open_query, searched, slash_query
from tests.helpers.seeds import (
    DOC,
    REPO,
    SEED_IDS,
    SEEDS,
    one_seed_corpus,
    seed_document,
    shared_path,
    source_file,
)
from tests.helpers.tei_reader import (
    TEI,
    WORD,
    XML_ID,
    count_lemma,
    count_phrase,
    count_regex,
    count_words,
    sentences,
)
from tests.helpers.terminal import KOPIR, Terminal
from tests.helpers.tmx_files import imported, pairs_of, tmx, tu
from tests.helpers.users_files import untouched, users_file
from tests.helpers.web_text import WEB_CASES

__all__ = [
    "DOC",
    "KOPIR",
    "NEWS",
    "REPO",
    "SCRIPTS",
    "SEEDS",
    "SEED_IDS",
    "SIZE",
    "TEI",
    "WEB_CASES",
    "WORD",
    "XML_ID",
    "Terminal",
    "answered",
    "ask",
    "beads_of",
    "checked_documents",
    "count_lemma",
    "count_phrase",
    "count_regex",
    "count_words",
    "dead_pid",
    "editor",
    "import_english",
    "imported",
    "ingest_seeds",
    "kazakh_only_doc",
    "kill_build_midway",
    "kopir_cli",
    "line_count",
    "make_corpus",
    "make_doc",
    "one_seed_corpus",
    "open_query",
    "pairs_of",
    "query_doc",
    "run",
    "searched",
    "seed_document",
    "sentences",
    "settle",
    "shared_path",
    "slash_query",
    "source_file",
    "tatoeba_documents",
    "tmx",
    "tu",
    "two_documents",
    "until",
    "untouched",
    "users_file",
]
