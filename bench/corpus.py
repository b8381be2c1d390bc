"""A deterministic synthetic corpus of news articles for benchmarks.

Articles are assembled from sentence templates with the field's speakers
(from the shipped gazetteer, under their aliases), quotations of every
construction, dates in many forms and threat language at every level, so
extraction does its full work on them. The same seed gives the same corpus.

    python bench/corpus.py OUT_DIR --articles 10000 --size 6000
"""

from __future__ import annotations

import argparse
import random
import tomllib
from collections.abc import Iterator
from datetime import date, timedelta
from importlib import resources
from pathlib import Path

QUOTES = [
    "We will strike the American bases if the occupation does not end",
    "The Islamic Resistance has decided to continue its operations against the occupiers",
    "It is time for the foreign forces to leave our land",
    "We declare our readiness to confront the enemy in every arena",
    "The Zionist entity will pay a heavy price for its crimes",
    "Our patience has limits, and the enemy should not test it",
    "This is a war between truth and falsehood",
    "We call on all the mujahideen to target the embassy of the Great Satan",
    "The government must expel the coalition forces before the end of the year",
    "We are not seeking escalation, but we will respond to any aggression",
    "The statements of the Americans are a sign of their weakness",
    "The next phase of operations is going to be greater",
]
INDIRECT = [
    "{speaker} warned that the resistance would not remain silent in the face of new strikes.",
    "{speaker} vowed to expel the American forces from Iraq by force.",
    "{speaker} called for targeting all U.S. interests in the region.",
    "{speaker} threatened the United States with a harsh response.",
    "{speaker} said that the talks with Washington had reached a dead end.",
    "{speaker} urged the Iraqi government to set a timetable for the withdrawal.",
]
DIRECT = [
    "“{quote},” {pronoun} said.",
    "{speaker} said, “{quote}.”",
    "“{quote},” said {speaker}.",
    "{speaker} posted on Telegram: “{quote}.”",
    "According to {speaker}, “{quote}.”",
    "In a televised speech, {speaker} warned: «{quote}.»",
    "“{first},” {speaker} said, “{second}.”",
]
DATES = [
    "On {month} {day},",
    "Late on {weekday},",
    "In {month},",
    "Last week,",
    "Earlier this month,",
    "On {iso},",
]
NARRATION = [
    "Analysts say the rhetoric reflects a wider regional shift after months of tension.",
    "The statement came amid rising attacks on military facilities in Iraq and Syria.",
    "It is highly likely that the factions coordinate their messaging with Tehran.",
    "Officials in Baghdad have sought to contain the crisis through quiet diplomacy.",
    "The so-called 'axis of resistance' has faced setbacks in recent months.",
    "Observers argue that such threats are designed for domestic audiences.",
]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]  # fmt: skip
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]


def _speakers() -> list[tuple[str, str]]:
    """(surface, pronoun) for every actor alias in the shipped gazetteer."""
    data = tomllib.loads((resources.files("rhetrack") / "data" / "actors.toml").read_text("utf-8"))
    speakers = []
    for actor in data["actor"]:
        pronoun = "he" if actor.get("kind") == "person" else "the group"
        for surface in (actor["name"], *actor.get("aliases", [])):
            if len(surface) > 3:
                speakers.append((surface, pronoun))
    return speakers


def article(rng: random.Random, speakers: list[tuple[str, str]], size: int, published: date) -> str:
    """One article of about `size` characters."""
    paragraphs = [
        f"{rng.choice(speakers)[0]} escalates rhetoric against Washington",
        published.strftime("%b %d, %Y"),
    ]
    length = sum(len(p) for p in paragraphs)
    while length < size:
        speaker, pronoun = rng.choice(speakers)
        when = published - timedelta(days=rng.randint(0, 40))
        lead = rng.choice(DATES).format(
            month=MONTHS[when.month - 1], day=when.day, weekday=WEEKDAYS[when.weekday()], iso=when.isoformat()
        )
        quote, other = rng.sample(QUOTES, 2)
        direct = rng.choice(DIRECT).format(
            speaker=speaker, pronoun=pronoun, quote=quote, first=quote, second=other[0].lower() + other[1:]
        )
        sentences = [
            f"{lead} {speaker} spoke to supporters in Baghdad.",
            direct,
            rng.choice(INDIRECT).format(speaker=speaker),
            rng.choice(NARRATION),
        ]
        rng.shuffle(sentences[2:])
        paragraph = " ".join(sentences)
        paragraphs.append(paragraph)
        length += len(paragraph) + 2
    return "\n\n".join(paragraphs) + "\n"


def generate(directory: Path, articles: int, size: int = 6000, seed: int = 2023) -> Iterator[Path]:
    """Write the corpus with a manifest.csv of publication dates; yield each file."""
    rng = random.Random(seed)
    speakers = _speakers()
    directory.mkdir(parents=True, exist_ok=True)
    manifest = ["file,published"]
    start = date(2019, 1, 1)
    for index in range(articles):
        published = start + timedelta(days=rng.randint(0, 2500))
        path = directory / f"article_{index:06d}.txt"
        path.write_text(article(rng, speakers, size, published), encoding="utf-8")
        manifest.append(f"{path.name},{published.isoformat()}")
        yield path
    (directory / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=6000, help="characters per article")
    parser.add_argument("--seed", type=int, default=2023)
    args = parser.parse_args()
    count = sum(1 for _ in generate(args.out, args.articles, args.size, args.seed))
    print(f"wrote {count} articles to {args.out}")


if __name__ == "__main__":
    main()
