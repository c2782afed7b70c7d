"""Writes task-nmt/src/main/resources/io/lskd/nmt/metrics/unicode-classes.txt: the code point
ranges that the Python `regex` module (which sacreBLEU's `intl` tokenizer uses) puts in the
classes \\p{P}, \\p{S} and \\p{N}. Run from the repository root with the Python that has
sacreBLEU's `regex`:  python3 task-nmt/src/test/resources/io/lskd/nmt/metrics/unicode_classes.py
"""
import sys

import regex

OUT = "task-nmt/src/main/resources/io/lskd/nmt/metrics/unicode-classes.txt"


def ranges(cls):
    pattern = regex.compile(r"\p{%s}" % cls)
    out, start, prev = [], None, None
    for c in range(sys.maxunicode + 1):
        if 0xD800 <= c < 0xE000 or not pattern.match(chr(c)):
            continue
        if start is not None and c == prev + 1:
            prev = c
            continue
        if start is not None:
            out.append((start, prev))
        start = prev = c
    out.append((start, prev))
    return out


with open(OUT, "w", encoding="ascii") as f:
    f.write(f"# \\p{{P}}, \\p{{S}}, \\p{{N}} of Python regex {regex.__version__}: class, then inclusive hex ranges\n")
    for cls in ("P", "S", "N"):
        f.write(cls + " " + " ".join(f"{a:x}-{b:x}" for a, b in ranges(cls)) + "\n")
