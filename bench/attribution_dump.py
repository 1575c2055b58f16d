"""Print every passage of the given files with the attribution found, and its statements: for labelling and review.

    PYTHONPATH=. python bench/attribution_dump.py sources/articles/*.txt

Each passage line gives kind, the passage's voice, attribution, cue and date; the indented lines under
it are its voiced statements (the outlet's own words between them are not printed).
"""

import sys
from pathlib import Path

from ingest.attribute import attribute_document, load_speakers
from ingest.clean import clean
from ingest.split import split

registry = load_speakers("sources/speakers.yml")
for name in sys.argv[1:]:
    text = Path(name).read_text(encoding="utf-8")
    passages = split(text, clean(text).kept)
    new = attribute_document(passages, registry)
    print(f"=== {name}")
    for p in passages:
        flat = " ".join(p.text.split())
        print(f"[{p.kind}] {p.speaker_id} | {p.attribution} | {p.attribution_cue} | {p.said_on or ''} :: {flat[:110]}")
        for s in p.statements:
            if s.attribution:
                words = " ".join(p.text[s.start:s.end].split())
                print(f"    {s.speaker_id or '(unnamed)'} | {s.attribution} | {s.cue} | role={s.role!r} :: {words[:90]}")
    for s in new:
        print("  NEW:", s)
