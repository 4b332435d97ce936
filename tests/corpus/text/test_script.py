"""Kazakh's scripts read into Cyrillic: one home in ``corpus.text.script``."""

from corpus.text import homoglyphs
from corpus.text.script import kk_cyrillic, kk_cyrillic_lines, letters, tote_cyrillic


def test_the_look_alike_repair_and_the_readers_share_one_table():
    assert homoglyphs.LATIN_TO_CYRILLIC is letters.LATIN_TO_CYRILLIC
    # the reader of look-alikes inside Cyrillic words uses the same letters as the repair
    assert kk_cyrillic("Бiз ayылдa тұрамыз.") == "Біз ауылда тұрамыз."


def test_each_script_reads_into_the_same_cyrillic():
    cyrillic = "Біз ауылда тұрамыз."
    assert kk_cyrillic("Biz aýylda turamyz.") == cyrillic  # ý: the 2018 alphabet's own
    side = ["Biz aýylda turamyz.", "Aýyl úlken.", "Biz turamyz."]
    assert kk_cyrillic_lines(side) == [
        cyrillic,
        "Ауыл үлкен.",
        "Біз тұрамыз.",  # none of its own letters, read on a side in that alphabet
    ]
    assert tote_cyrillic("ءبىز اۋىلدا تۇرامىز.") == "Біз Ауылда Тұрамыз."
