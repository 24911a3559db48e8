"""Realistic synthetic news articles from templates: datelines, titled people, quotes, dates, casualty figures."""

from __future__ import annotations

import random
from datetime import date, timedelta

from bench import vocab

WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]

LEADS = [
    "{p1}, the {t1} of {c1}, {verb} {p2} in {city} on {when}, officials said.",
    "{c1}'s {t1} {p1} {verb} {p2}, the {t2} of {c2}, on {when}, according to a statement.",
    "Authorities in {c1} {verb2} {n} people in {city} on {when}, the {org} said.",
    "At least {n} people were killed when {group} {verb3} {city} on {when}, local officials told {outlet}.",
    "{org} {verb} {c2} on {when}, escalating a dispute that began {ago}.",
]
BODY = [
    '"{quote}," {p1} {say} after the meeting.',
    '{p2} {say} that {quote_lower}, adding that talks would resume {later}.',
    "The {org} said in a statement on {when2} that {n2} people had been detained and {n3} injured.",
    "{c2} has not commented on the report. A spokesperson for the {org2} declined to comment.",
    "The visit follows a similar meeting in {city2} {ago}, when both sides signed a memorandum on trade and energy.",
    "According to {outlet}, the {t2} also discussed border security and the situation in {c3}.",
    '"We will not accept {threat}," {p3}, a {t3} from {c3}, told reporters on {when2}.',
    "Analysts said the move was aimed at voters ahead of elections due in {month_year}.",
    "Protesters gathered outside the {org2} in {city} on {weekday}, demanding the release of {n2} activists.",
    "{c1} imposed sanctions on {n3} officials from {c2} in {month_year}, citing human rights abuses.",
    "Police in {city2} arrested {p3} on suspicion of organising the attack, the {org} said on {weekday}.",
    "The two countries agreed to cooperate on counter-terrorism and to exchange intelligence, {p1} {say}.",
]
THREATS = ["interference in our internal affairs", "any change to the border", "these sanctions",
           "threats against our citizens", "pressure from abroad"]
VERBS_CONSULT = ["met", "held talks with", "spoke by phone with", "hosted", "received"]
VERBS_COERCE = ["arrested", "detained", "deported", "charged"]
VERBS_ASSAULT = ["attacked", "shelled", "stormed", "bombed"]
SAY = ["said", "told reporters", "stated", "added", "noted", "warned", "insisted"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "12", "15", "20", "37", "140"]


def article(rng: random.Random, published: date) -> dict:
    """One article (~300-600 words) as {text, title, published, outlet}."""
    countries = [name for name, _ in vocab.countries()]
    cities = vocab.cities()

    def person() -> str:
        return f"{rng.choice(vocab.FIRST_NAMES)} {rng.choice(vocab.LAST_NAMES)}"

    c1, c2, c3 = rng.sample(countries, 3)
    p1, p2, p3 = person(), person(), person()
    outlet = rng.choice(vocab.OUTLETS)
    event_day = published - timedelta(days=rng.choice([0, 0, 1, 1, 2, 3, 6]))
    when = (WEEKDAYS[event_day.weekday()] if (published - event_day).days < 7 and rng.random() < 0.6
            else f"{event_day:%B} {event_day.day}")
    fields = {
        "c1": c1, "c2": c2, "c3": c3, "p1": p1, "p2": p2, "p3": p3, "outlet": outlet,
        "t1": rng.choice(vocab.TITLES), "t2": rng.choice(vocab.TITLES), "t3": rng.choice(vocab.TITLES),
        "city": rng.choice(cities)[0], "city2": rng.choice(cities)[0], "when": when,
        "when2": WEEKDAYS[(event_day.weekday() + 1) % 7], "weekday": rng.choice(WEEKDAYS),
        "verb": rng.choice(VERBS_CONSULT), "verb2": rng.choice(VERBS_COERCE), "verb3": rng.choice(VERBS_ASSAULT),
        "n": rng.choice(NUMBER_WORDS), "n2": rng.choice(NUMBER_WORDS), "n3": rng.choice(NUMBER_WORDS),
        "org": rng.choice(vocab.ORG_PATTERNS).format(c=c1, d=c1),
        "org2": rng.choice(vocab.ORG_PATTERNS).format(c=c2, d=c2),
        "group": rng.choice(vocab.GROUP_PATTERNS).format(d=c3), "quote": rng.choice(vocab.QUOTE_TOPICS).capitalize(),
        "quote_lower": rng.choice(vocab.QUOTE_TOPICS), "say": rng.choice(SAY), "threat": rng.choice(THREATS),
        "ago": rng.choice(["last month", "two weeks ago", "in January", "last year", "in the spring"]),
        "later": rng.choice(["next week", "in March", "after the holidays", "on Friday"]),
        "month_year": f"{(published + timedelta(days=rng.randint(30, 300))):%B %Y}",
    }
    city = fields["city"].upper()
    lead = rng.choice(LEADS).format(**fields)
    paragraphs = [f"{city}, {published:%B} {published.day} ({outlet}) - {lead}"]
    for template in rng.sample(BODY, rng.randint(6, 10)):
        fields["say"] = rng.choice(SAY)
        fields["quote"] = rng.choice(vocab.QUOTE_TOPICS).capitalize()
        paragraphs.append(template.format(**fields))
    # longer articles: a second round of background paragraphs about other actors
    for _ in range(rng.randint(1, 4)):
        fields.update(p1=person(), p2=person(), c2=rng.choice(countries), city2=rng.choice(cities)[0])
        paragraphs.append(rng.choice(BODY).format(**fields))
    title = lead.split(",")[0][:120]
    return {"text": "\n\n".join(paragraphs), "title": title, "published": published.isoformat(), "outlet": outlet}


def articles(n: int, seed: int = 3) -> list[dict]:
    """n reproducible articles published over 2023-2024."""
    rng = random.Random(seed)
    start = date(2023, 1, 1)
    return [article(rng, start + timedelta(days=rng.randrange(730))) for _ in range(n)]
