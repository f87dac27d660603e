"""Seeded generator of labelled product reviews for the example model.

Six classes: {food, clothing, movies} x {positive, negative}. Reviews are built from
templates and per-class vocabularies, with some noise (contrasting clauses, filler words,
a little label noise) so the task is learnable but not trivial.

`--drift` mixes in reviews written with vocabulary the healthy data never uses: new
products (kombucha, puffer vests, docuseries, ...) and slang sentiment (bussin, mid,
cringe, ...). A model trained on healthy data sees mostly unknown words in those reviews,
so its confidence and accuracy drop; a model retrained on drifted data recovers.

Usable as a script (writes CSV with the header `text,label`) and as a module:

    from generate import generate
    rows = generate(3000, seed=7, drift=True)   # [(text, label), ...]
"""

from __future__ import annotations

import argparse
import csv
import io
import random
import sys
from typing import Iterable

CATEGORIES = ("food", "clothing", "movies")
SENTIMENTS = ("positive", "negative")
LABELS = tuple(f"{c}_{s}" for c in CATEGORIES for s in SENTIMENTS)

# Vocabulary of the healthy (pre-drift) world.
PRODUCTS = {
    "food": [
        "pizza", "pasta", "burger", "salad", "sushi", "soup", "sandwich", "cereal",
        "coffee", "chocolate", "cookies", "bread", "cheese", "yogurt", "granola",
        "olive oil", "hot sauce", "green tea", "noodles", "steak",
    ],
    "clothing": [
        "jacket", "jeans", "sweater", "t-shirt", "dress", "sneakers", "boots", "scarf",
        "hoodie", "socks", "coat", "skirt", "shirt", "raincoat", "gloves", "cardigan",
    ],
    "movies": [
        "movie", "film", "sequel", "thriller", "comedy", "documentary", "drama",
        "horror film", "animated film", "western", "romance", "blockbuster", "musical",
    ],
}
ASPECTS = {
    "food": ["the flavor", "the texture", "the portion", "the taste", "the aroma", "the seasoning"],
    "clothing": ["the fit", "the fabric", "the stitching", "the sizing", "the color", "the material"],
    "movies": ["the plot", "the acting", "the soundtrack", "the ending", "the pacing", "the script"],
}
ADJECTIVES = {
    ("food", "positive"): ["delicious", "fresh", "tasty", "flavorful", "crispy", "savory", "juicy"],
    ("food", "negative"): ["bland", "stale", "soggy", "greasy", "overcooked", "rancid", "tasteless"],
    ("clothing", "positive"): ["comfortable", "soft", "flattering", "durable", "warm", "breathable", "stylish"],
    ("clothing", "negative"): ["itchy", "flimsy", "scratchy", "shrunken", "baggy", "threadbare", "faded"],
    ("movies", "positive"): ["gripping", "hilarious", "moving", "brilliant", "stunning", "riveting", "charming"],
    ("movies", "negative"): ["boring", "predictable", "tedious", "confusing", "forgettable", "clumsy", "dull"],
}
VERDICTS = {
    "positive": [
        "I love it", "highly recommend", "would buy again", "five stars", "really happy with it",
        "worth every penny", "exceeded my expectations", "absolutely great",
    ],
    "negative": [
        "total waste of money", "very disappointed", "would not recommend", "one star",
        "I want a refund", "never again", "really poor quality", "pretty awful",
    ],
}
# Words every class uses: they carry no signal.
FILLERS = [
    "honestly", "overall", "so", "well", "basically", "anyway", "to be fair", "I think",
    "my partner said", "for the price", "this week", "after a few days",
]
TIMES = ["week", "month", "weekend", "Friday", "summer", "winter", "year"]

# Vocabulary that only appears after the drift.
DRIFT_PRODUCTS = {
    "food": [
        "kombucha", "birria tacos", "poke bowl", "boba", "oat latte", "matcha croissant",
        "smashburger", "chili crisp", "ramen kit", "acai bowl",
    ],
    "clothing": [
        "puffer vest", "cargo joggers", "bucket hat", "crocs", "shacket", "bike shorts",
        "platform loafers", "balaclava", "windbreaker", "mom jeans",
    ],
    "movies": [
        "docuseries", "anime reboot", "multiverse spinoff", "true crime series", "kdrama",
        "streaming special", "miniseries", "biopic", "mockumentary", "limited series",
    ],
}
DRIFT_SLANG = {
    ("food", "positive"): ["bussin", "slaps", "chefs kiss", "elite snack", "straight fire"],
    ("food", "negative"): ["mid snack", "gave me the ick", "sus tasting", "nasty af", "zero rizz flavor"],
    ("clothing", "positive"): ["pure drip", "serving looks", "ate and left no crumbs", "fit goes hard", "main character energy"],
    ("clothing", "negative"): ["cheugy", "giving thrift reject", "busted seams", "lowkey tragic fit", "fell apart fr"],
    ("movies", "positive"): ["peak cinema", "goated", "hits different", "a whole vibe", "chefs kiss storytelling"],
    ("movies", "negative"): ["cringe", "snoozefest", "a flop", "mid plot", "major skip"],
}
DRIFT_VERDICTS = {
    "positive": ["no cap", "ten outta ten", "obsessed", "its giving yes", "rent free in my head"],
    "negative": ["hard pass", "big yikes", "not it", "its giving no", "down bad"],
}
DRIFT_FILLERS = ["ngl", "fr", "lowkey", "tbh", "literally", "bestie", "deadass", "istg"]

DEFAULT_DRIFT_RATE = 0.7
LABEL_NOISE = 0.02


def _opposite(sentiment: str) -> str:
    return "negative" if sentiment == "positive" else "positive"


def _healthy_review(rng: random.Random, category: str, sentiment: str) -> str:
    product = rng.choice(PRODUCTS[category])
    aspect = rng.choice(ASPECTS[category])
    adj = rng.choice(ADJECTIVES[(category, sentiment)])
    adj2 = rng.choice(ADJECTIVES[(category, sentiment)])
    verdict = rng.choice(VERDICTS[sentiment])
    templates = [
        f"I bought the {product} last {rng.choice(TIMES)}. {aspect.capitalize()} was {adj}, {verdict}.",
        f"{verdict.capitalize()}. The {product} is {adj} and {aspect} is {adj2}.",
        f"{aspect.capitalize()} of this {product} is {adj}. {verdict.capitalize()}.",
        f"This {product} was {adj}; {verdict}.",
        f"{rng.choice(FILLERS).capitalize()}, {aspect} was {adj} and the {product} felt {adj2}.",
    ]
    text = rng.choice(templates)
    # A contrasting clause in the other sentiment makes some reviews ambiguous.
    if rng.random() < 0.2:
        other = rng.choice(ADJECTIVES[(category, _opposite(sentiment))])
        text += f" Although {rng.choice(ASPECTS[category])} was a bit {other}."
    if rng.random() < 0.3:
        text = f"{rng.choice(FILLERS).capitalize()}, {text[0].lower()}{text[1:]}"
    return text


def _drifted_review(rng: random.Random, category: str, sentiment: str) -> str:
    # Product and sentiment each switch to new vocabulary; most reviews switch both.
    if rng.random() < 0.8:
        product = rng.choice(DRIFT_PRODUCTS[category])
    else:
        product = rng.choice(PRODUCTS[category])
    slang = rng.choice(DRIFT_SLANG[(category, sentiment)])
    verdict = rng.choice(DRIFT_VERDICTS[sentiment])
    filler = rng.choice(DRIFT_FILLERS)
    templates = [
        f"{filler} the {product} is {slang}, {verdict}",
        f"this {product} {slang} {filler} {verdict}",
        f"{verdict}!! {product} = {slang}",
        f"{filler} {filler} got the {product}. {slang}. {verdict}",
        f"{product} review: {slang} {filler}",
    ]
    return rng.choice(templates)


def generate(
    n: int, seed: int = 0, drift: bool = False, drift_rate: float = DEFAULT_DRIFT_RATE
) -> list[tuple[str, str]]:
    """Returns n (text, label) rows, classes balanced, deterministic for (n, seed, drift, drift_rate)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    if not 0.0 <= drift_rate <= 1.0:
        raise ValueError("drift_rate must be within [0, 1]")
    rng = random.Random(f"reviews:{seed}:{int(drift)}:{drift_rate}")
    labels = [LABELS[i % len(LABELS)] for i in range(n)]
    rng.shuffle(labels)
    rows = []
    for label in labels:
        category, sentiment = label.split("_")
        if drift and rng.random() < drift_rate:
            text = _drifted_review(rng, category, sentiment)
        else:
            text = _healthy_review(rng, category, sentiment)
        if rng.random() < LABEL_NOISE:
            label = rng.choice(LABELS)
        rows.append((text, label))
    return rows


def to_csv(rows: Iterable[tuple[str, str]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["text", "label"])
    writer.writerows(rows)
    return buf.getvalue()


def read_csv(path: str) -> list[tuple[str, str]]:
    with open(path, newline="", encoding="utf-8") as f:
        reader = csv.DictReader(f)
        missing = {"text", "label"} - set(reader.fieldnames or [])
        if missing:
            raise ValueError(f"{path}: missing column(s) {sorted(missing)}; expected header text,label")
        return [(r["text"], r["label"]) for r in reader]


def main(argv: list[str] | None = None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--n", type=int, default=3000, help="number of reviews (default 3000)")
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--drift", action="store_true", help="mix in post-drift vocabulary")
    p.add_argument("--drift-rate", type=float, default=DEFAULT_DRIFT_RATE,
                   help="share of drifted reviews with --drift (default 0.7)")
    p.add_argument("--out", help="CSV file to write (default: stdout)")
    args = p.parse_args(argv)
    text = to_csv(generate(args.n, args.seed, args.drift, args.drift_rate))
    if args.out:
        with open(args.out, "w", encoding="utf-8", newline="") as f:
            f.write(text)
    else:
        sys.stdout.write(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
