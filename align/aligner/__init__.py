"""The automatic Kazakh–English sentence aligner.

Modules: ``propose`` (the aligner: evidence combined into one cost), ``features`` (numbers,
names, meanings two sentences share), ``lexicon`` (the Kazakh–English word list), ``lengths``
(Gale & Church length evidence), ``dynamic`` (banded dynamic programming over bead types),
``evaluate`` (strict and lax precision, recall and F1).
"""
