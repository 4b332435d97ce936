"""The automatic Kazakh–English sentence aligner.

Modules: ``propose`` (the aligner: evidence combined into one cost, the document's length
ratio), ``features`` (numbers, names, meanings two sentences share), ``lexicon`` (the
Kazakh–English word lists: the core one, the registry one, one learned from confirmed
beads), ``build_lexicon`` (``make lexicon``: the registry list derived from Debian's and
CLDR's translations, at build time only), ``lengths`` (Gale & Church length evidence),
``framing`` (datelines, bylines, headlines, notes: lines a page prints around an article),
``dynamic`` (banded dynamic programming over bead types), ``members`` (a merge judged
member by member: a sentence that shares nothing with the other side costs), ``posterior``
(each bead's posterior probability), ``calibrate`` (a bead's confidence from its
evidence), ``evaluate`` (strict and lax precision, recall and F1).
"""
