"""A deterministic synthetic corpus of news articles for benchmarks.

Articles are assembled from sentence templates with the field's speakers
(from the shipped gazetteer, under their aliases), quotations of every
construction, dates in many forms and threat language at every level, so
extraction does its full work on them. The same seed gives the same corpus.

    python bench/corpus.py OUT_DIR --articles 10000 --size 6000 [--quoting-share 0.1]

Most paragraphs are background (actors, places, numbers and dates, no
speech); `--quoting-share` sets how many report speech, calibrated by
default to the statement density of the seed articles.
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
# Background paragraphs: what most of a news article is. They name actors,
# places, numbers and dates without reporting speech, so extraction reads
# them in full and finds (almost) nothing.
BACKGROUND = [
    "Since {month} {year}, armed groups in Iraq and Syria have carried out more than {n} attacks on "
    "bases hosting {troops} U.S. troops, according to a tally kept by the Pentagon.",
    "{actor} is one of several factions within the Popular Mobilization Forces, an umbrella of mostly "
    "Shiite militias formed in 2014 to fight the Islamic State group.",
    "The United States has about {troops} troops in Iraq and some 900 in eastern Syria, part of the "
    "coalition against the Islamic State group. Their mission is due to end by {month} {year}.",
    "The strike on {weekday} killed {n} people, including a senior commander, near the town of {place}. "
    "It was the deadliest attack in the province since {month}.",
    "Parliament voted in {month} {year} to expel foreign forces, a non-binding resolution that the "
    "government has yet to act on. Negotiations over a timetable resumed in {place} last year.",
    "{actor} was designated a terrorist organization by the State Department in {year}. Its leaders "
    "have been under U.S. sanctions since {month} {year}.",
    "Oil prices rose by {n} percent after the attacks on shipping in the Red Sea, which have forced "
    "many carriers to route their vessels around the Cape of Good Hope.",
    "Iraq's prime minister, who came to power with the backing of the Coordination Framework, has "
    "tried to balance ties with Washington and Tehran since taking office in {month} {year}.",
    "Drone footage released on {weekday} showed smoke rising over {place}, where residents reported "
    "hearing {n} explosions shortly after midnight.",
    "The group's fighters, estimated at {troops} men, are concentrated in {place} and along the "
    "border with Syria, where they control several crossings.",
]
PLACES = ["Erbil", "Baghdad", "Al-Qaim", "Jurf al-Sakhar", "Deir ez-Zor", "Basra", "Sanaa", "Hodeidah",
          "Tyre", "Nabatieh", "Anbar", "Diyala"]  # fmt: skip
# The share of paragraphs that report speech. 0.1 gives about 1.1
# statements per KB, the density of the seed articles (36 statements in
# 32.6 KB); 1.0 quotes in every paragraph, about 6.5 per KB, a stress test.
QUOTING_SHARE = 0.1
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


def _background(rng: random.Random, speakers: list[tuple[str, str]], published: date) -> str:
    """A paragraph of context that reports no speech."""
    when = published - timedelta(days=rng.randint(30, 900))
    return rng.choice(BACKGROUND).format(
        actor=rng.choice(speakers)[0],
        month=MONTHS[when.month - 1],
        year=when.year,
        weekday=WEEKDAYS[rng.randrange(7)],
        place=rng.choice(PLACES),
        n=rng.randint(3, 180),
        troops=f"{rng.randint(2, 9) * 500:,}",
    )


def article(
    rng: random.Random,
    speakers: list[tuple[str, str]],
    size: int,
    published: date,
    quoting_share: float = QUOTING_SHARE,
) -> str:
    """One article of about `size` characters; `quoting_share` of its paragraphs report speech."""
    paragraphs = [
        f"{rng.choice(speakers)[0]} escalates rhetoric against Washington",
        published.strftime("%b %d, %Y"),
    ]
    length = sum(len(p) for p in paragraphs)
    while length < size:
        if rng.random() >= quoting_share:
            paragraph = _background(rng, speakers, published)
            paragraphs.append(paragraph)
            length += len(paragraph) + 2
            continue
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


def generate(
    directory: Path, articles: int, size: int = 6000, seed: int = 2023, quoting_share: float = QUOTING_SHARE
) -> Iterator[Path]:
    """Write the corpus with a manifest.csv of publication dates; yield each file."""
    rng = random.Random(seed)
    speakers = _speakers()
    directory.mkdir(parents=True, exist_ok=True)
    manifest = ["file,published"]
    start = date(2019, 1, 1)
    for index in range(articles):
        published = start + timedelta(days=rng.randint(0, 2500))
        path = directory / f"article_{index:06d}.txt"
        path.write_text(article(rng, speakers, size, published, quoting_share), encoding="utf-8")
        manifest.append(f"{path.name},{published.isoformat()}")
        yield path
    (directory / "manifest.csv").write_text("\n".join(manifest) + "\n", encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--size", type=int, default=6000, help="characters per article")
    parser.add_argument("--seed", type=int, default=2023)
    parser.add_argument(
        "--quoting-share", type=float, default=QUOTING_SHARE, help="share of paragraphs that report speech"
    )
    args = parser.parse_args()
    count = sum(1 for _ in generate(args.out, args.articles, args.size, args.seed, args.quoting_share))
    print(f"wrote {count} articles to {args.out}")


if __name__ == "__main__":
    main()
