"""Synthetic but realistic news articles from templates: general names, countries and verbs (not the seeds)."""

from __future__ import annotations

import random

COUNTRIES = [("France", "French", "Paris"), ("Germany", "German", "Berlin"), ("Japan", "Japanese", "Tokyo"),
             ("Brazil", "Brazilian", "Brasilia"), ("Kenya", "Kenyan", "Nairobi"), ("India", "Indian", "New Delhi"),
             ("Canada", "Canadian", "Ottawa"), ("Egypt", "Egyptian", "Cairo"), ("Poland", "Polish", "Warsaw"),
             ("Mexico", "Mexican", "Mexico City"), ("Turkey", "Turkish", "Ankara"), ("Norway", "Norwegian", "Oslo")]
FIRST = ["Anna", "Pierre", "Hiroshi", "Carlos", "Amina", "Rahul", "Olga", "Tomasz", "Leila", "Jonas", "Maria", "Kofi"]
LAST = ["Keller", "Moreau", "Tanaka", "Silva", "Odhiambo", "Sharma", "Novak", "Kowalski", "Haddad", "Berg",
        "Lopez", "Mensah"]
MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October"]

TEMPLATES = [
    "{fm_adj} Foreign Minister {p1} held talks with his {sm_adj} counterpart {p2} in {cap} on {month} {day}. "
    "{last1} said that the two countries would expand trade. The {sm_adj} Foreign Ministry stressed that the "
    "meeting was constructive. Police arrested {n} protesters outside the ministry on {month} {day2}.",
    "On {month} {day}, {first_c} accused {second_c} of violating the ceasefire. {fm_adj} President {p1} "
    "urged {second_c} to withdraw its troops, while {sm_adj} officials said the allegations were false. "
    "An attack on a border post killed {n} soldiers, the ministry reported.",
    "{first_c} and {second_c} signed an agreement on energy cooperation on {month} {day}. {fm_adj} Prime "
    "Minister {p1} said the deal would create jobs. According to {sm_adj} media, {p2} described the talks as "
    "frank. Authorities detained {n} activists a day earlier.",
]


# each person belongs to one country, so the same name always means the same real person
ROSTER = {c[0]: [f"{FIRST[(i + k) % len(FIRST)]} {LAST[(i * 5 + k) % len(LAST)]}" for k in range(3)]
          for i, c in enumerate(COUNTRIES)}


def article(rng: random.Random, index: int) -> dict:
    """One article with its metadata, deterministic for a given generator state."""
    (c1, a1, cap1), (c2, a2, _) = rng.sample(COUNTRIES, 2)
    p1, p2 = rng.choice(ROSTER[c1]), rng.choice(ROSTER[c2])
    month, day = rng.choice(MONTHS), rng.randint(1, 20)
    text = rng.choice(TEMPLATES).format(fm_adj=a1, sm_adj=a2, p1=p1, p2=p2, last1=p1.split()[1], cap=cap1,
                                        month=month, day=day, day2=day + 1, n=rng.randint(2, 90),
                                        first_c=c1, second_c=c2)
    return {"text": f"{text} (report {index})", "title": f"report {index}", "outlet": rng.choice(["Wire A", "Wire B"]),
            "published": "2024-11-30"}


def articles(n: int, seed: int = 7) -> list[dict]:
    rng = random.Random(seed)
    return [article(rng, i) for i in range(n)]
