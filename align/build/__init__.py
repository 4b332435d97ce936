"""Building a corpus from a crawl: thousands of document pairs, each a task on Dask.

``kopir build MANIFEST`` is :func:`read_manifest` (:func:`read_folder` for a folder),
:func:`dask_client`, :func:`build_corpus` and :func:`update_index` in a row: every pair of the
manifest is ingested, segmented, aligned and checked on a Dask worker
(:mod:`align.build.task`, the same calls as ``kopir ingest`` and ``kopir
align``), and the client writes each document into the corpus
(:mod:`align.build.run` says why the client). Resumable: see
:mod:`align.build.state`. ``--realign`` adds :func:`realign_corpus`, the
second pass that teaches the aligner from the corpus's own beads;
:func:`realign_all` makes it over every document of any corpus.
"""

from align.build.cluster import dask_client, local_workers, update_index
from align.build.manifest import Pair, Problem, read_folder, read_manifest
from align.build.realign import RealignSummary, realign_all, realign_corpus
from align.build.run import build_corpus
from align.build.summary import Summary

__all__ = [
    "Pair",
    "Problem",
    "RealignSummary",
    "Summary",
    "build_corpus",
    "dask_client",
    "local_workers",
    "read_folder",
    "read_manifest",
    "realign_all",
    "realign_corpus",
    "update_index",
]
