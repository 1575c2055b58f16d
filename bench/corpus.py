"""A seeded generator of synthetic articles in the seeds' shapes, for benchmarks.

    python bench/corpus.py --articles 100000 --out bench/out/corpus-100k --seed 1

Writes a complete sources folder (articles/NNN/*.txt, manifest.yml, publishers.yml,
affiliations.yml) that ``archive build --sources DIR`` accepts. Each article has about ten
passages: a headline, paragraphs, a sub-heading, a quotation with "said" or "according to",
an embedded tweet with its "— Name (@handle) Month D, YYYY" line, an image caption
"(NCRI) and (PMOI / MEK Iran): …", and footer boilerplate the cleaner removes ("X (follow us on
Twitter and Facebook)", "Copyright © …", a per-publisher tagline repeated in every article).

Everything is made up and says so: publishers are "Synthetic outlet N", every manifest entry's
``published_basis`` reads "synthetic: …". Selectivity markers: every passage of body text holds
the word ``tribunal`` with probability 10%, ``rapporteur`` 1% and ``ombudsman`` 0.1%, so searches
at known selectivities exist (bench/search.py measures the real share).
"""

from __future__ import annotations

import argparse
import datetime
import random
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "sources" / "articles"
MARKERS = (("tribunal", 0.10), ("rapporteur", 0.01), ("ombudsman", 0.001))
MONTH_NAMES = [datetime.date(2000, m, 1).strftime("%B") for m in range(1, 13)]
FALLBACK_WORDS = (
    "the regime prisoners massacre of in and to political justice human rights victims families "
    "international officials judiciary death commission summer executed thousands accountability "
    "investigation crime against humanity resistance opposition government report experts united "
    "nations council members supporters graves evidence testimony survivors decades impunity"
).split()
FIRST = "Maryam Ali Sara Reza Hossein Leila Omid Nasrin Javad Shirin Kamran Parisa David Anne John Elena Marc Sofia Peter Laura".split()
LAST = "Rahimi Karimi Ahmadi Moradi Jafari Hosseini Tehrani Smith Martin Keller Rossi Dubois Novak Brown Garcia Weber Costa Jansen Berg Silva".split()
ROLES = (
    "a spokesperson for the UN Human Rights Office", "a member of the European Parliament",
    "a former political prisoner", "an official of the judiciary", "a human rights lawyer",
    "a State Department spokesperson", "a researcher at a rights group", "a senator",
)
CUES = ("said", "told reporters", "wrote", "according to")


def seed_words() -> list[str]:
    """The word stream of the seed articles (their frequencies), markers taken out."""
    markers = {word for word, _ in MARKERS}
    words = []
    if SEEDS.is_dir():
        for path in sorted(SEEDS.glob("*.txt")):
            words += [w for w in re.findall(r"[A-Za-z][A-Za-z'’-]+", path.read_text(encoding="utf-8"))
                      if w.lower() not in markers]
    return words or FALLBACK_WORDS


class Generator:
    def __init__(self, seed: int, publishers: int, affiliations: int):
        self.random = random.Random(seed)
        self.words = seed_words()
        self.affiliations = {
            f"synthetic-affiliation-{n:02d}": {
                "name": f"Synthetic affiliation {n}",
                "description": "Made up by bench/corpus.py for benchmarks.",
            }
            for n in range(1, affiliations + 1)
        }
        affiliation_ids = list(self.affiliations)
        self.publishers = {}
        for n in range(1, publishers + 1):
            self.publishers[f"synthetic-outlet-{n:03d}"] = {
                "name": f"Synthetic outlet {n}",
                "domain": f"outlet{n}.example",
                # a tenth of the outlets have no known affiliation
                "affiliation": None if n % 10 == 0 else affiliation_ids[n % len(affiliation_ids)],
                "basis": "synthetic: made up by bench/corpus.py",
            }
        self.publisher_ids = list(self.publishers)
        # a long tail: a few outlets publish most of the articles
        self.publisher_weights = [1.0 / (rank + 1) ** 0.8 for rank in range(publishers)]
        self.people = [(f"{f} {l}", f"{f}{l}"[:15]) for f in FIRST for l in LAST]

    def sentence(self, low=8, high=24) -> str:
        words = self.random.choices(self.words, k=self.random.randint(low, high))
        text = " ".join(words)
        return text[0].upper() + text[1:] + "."

    def body(self, sentences: int) -> str:
        text = " ".join(self.sentence() for _ in range(sentences))
        for marker, probability in MARKERS:
            if self.random.random() < probability:
                words = text.split(" ")
                words.insert(self.random.randrange(1, len(words)), marker)
                text = " ".join(words)
        return text

    def heading(self) -> str:
        words = self.random.choices(self.words, k=self.random.randint(4, 10))
        return " ".join(w.capitalize() for w in words)

    def date(self) -> datetime.date:
        return datetime.date(2005, 1, 1) + datetime.timedelta(days=self.random.randrange(20 * 365))

    def article(self, publisher_id: str, published: datetime.date) -> str:
        r = self.random
        name, handle = r.choice(self.people)
        speaker, _ = r.choice(self.people)
        tweet_date = published - datetime.timedelta(days=r.randrange(1, 60))
        lines = [self.heading(), ""]
        for _ in range(r.randint(2, 3)):
            lines.append(self.body(r.randint(3, 6)))
        lines.append(self.heading())
        cue = r.choice(CUES)
        quote = self.sentence(10, 20)
        if cue == "according to":
            lines.append(f"{self.sentence()} The crimes continue, according to {speaker}, {r.choice(ROLES)}.")
        else:
            lines.append(f"“{quote}” {speaker}, {r.choice(ROLES)}, {cue}.")
        lines.append(self.body(r.randint(3, 6)))
        lines.append(f"{self.sentence(10, 30)} #Iran pic.twitter.com/{r.randrange(16**10):010x}")
        lines.append(f"— {name} (@{handle}) {MONTH_NAMES[tweet_date.month - 1]} {tweet_date.day}, {tweet_date.year}")
        lines.append(self.body(r.randint(3, 6)))
        lines += ["", self.heading(), "", f"(NCRI) and (PMOI / MEK Iran): {self.sentence()}", ""]
        lines.append(self.body(r.randint(3, 6)))
        outlet = self.publishers[publisher_id]["name"]
        lines += [
            "",
            f"{outlet} (follow us on Twitter and Facebook)",
            f"{outlet}: news and views since 2005",  # repeated in every article of the outlet
            f"Copyright © {published.year} All Rights Reserved",
        ]
        return "\n".join(lines) + "\n"

    def write(self, articles: int, out: Path) -> None:
        out.mkdir(parents=True, exist_ok=True)
        (out / "articles").mkdir(exist_ok=True)
        write_yaml_mapping(out / "affiliations.yml", self.affiliations, "synthetic affiliations")
        write_yaml_mapping(out / "publishers.yml", self.publishers, "synthetic publishers")
        with open(out / "manifest.yml", "w", encoding="utf-8") as manifest:
            manifest.write("# Synthetic articles made by bench/corpus.py.\n")
            for n in range(articles):
                publisher_id = self.random.choices(self.publisher_ids, self.publisher_weights)[0]
                published = self.date()
                name = f"{n // 1000:03d}/{n:07d}.txt"
                path = out / "articles" / name
                path.parent.mkdir(exist_ok=True)
                path.write_text(self.article(publisher_id, published), encoding="utf-8")
                precise = self.random.random() < 0.8
                manifest.write(
                    f"- file: {name}\n  title: null\n  url: null\n  publisher: {publisher_id}\n"
                    f"  published: \"{published.isoformat() if precise else published.isoformat()[:7]}\"\n"
                    f"  published_basis: \"synthetic: date drawn by bench/corpus.py\"\n"
                )


def write_yaml_mapping(path: Path, data: dict, comment: str) -> None:
    with open(path, "w", encoding="utf-8") as out:
        out.write(f"# {comment}, made by bench/corpus.py\n")
        for key, entry in data.items():
            out.write(f"{key}:\n")
            for field, value in entry.items():
                out.write(f"  {field}: {'null' if value is None else repr(value)}\n")


def main(argv=None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--articles", type=int, required=True)
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--publishers", type=int, default=200)
    parser.add_argument("--affiliations", type=int, default=12)
    args = parser.parse_args(argv)
    Generator(args.seed, args.publishers, args.affiliations).write(args.articles, args.out)
    print(f"wrote {args.articles} articles to {args.out}")


if __name__ == "__main__":
    main()
