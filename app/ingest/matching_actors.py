"""When an extracted actor is a stored one: pure rules over names, roles and countries (no database)."""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz import fuzz

from app.text import normalize

FUZZY_MIN = 90  # transliteration variants: "sergey petrov" / "sergei petrov" score 92
GIVEN_NAME_MIN = 80  # "sergey"/"sergei" 83, "yuriy"/"yuri" 89, "john"/"joan" 75
ROLE_AGREE_MIN = 80  # "Foreign Minister" agrees with "Minister of Foreign Affairs of Russia" (token set)
ROLE_CONFLICT_MAX = 50  # "President" and "Foreign Minister" share nothing


@dataclass(frozen=True)
class Profile:
    """The facts matching looks at, already normalised."""

    type: str
    names: frozenset[str]  # normalised name and aliases
    role: str | None = None
    country: str | None = None
    context: frozenset[str] = frozenset()  # people: countries their documents name (normalised)

    @property
    def full_names(self) -> frozenset[str]:
        """Multi-word names: a single word ("Petrov", "the ministry") never identifies a person alone."""
        return frozenset(n for n in self.names if len(n.split()) > 1)


_NOT_A_NAME = ("the ", "a ", "an ", "his ", "her ", "its ", "their ", "our ", "this ", "that ")


def name_like(surface: str) -> bool:
    """Whether an alias can identify a person: "Sergey Volkov", not "the top diplomat" or "his counterpart"."""
    s = surface.strip()
    return bool(s) and s[0].isupper() and not s.lower().startswith(_NOT_A_NAME)


def profile(type_: str, names: list[str], role: str | None, country: str | None,
            context: list[str] | None = None) -> Profile:
    """Build a Profile from raw strings; descriptions ("his Kenyan counterpart") never match a person."""
    if type_ == "person":
        names = [n for n in names if name_like(n)] or names[:1]
    return Profile(type=type_, names=frozenset(n for n in map(normalize, names) if n),
                   role=normalize(role) if role else None, country=normalize(country) if country else None,
                   context=frozenset(n for n in map(normalize, context or []) if n))


def _country_conflict(a: Profile, b: Profile) -> bool:
    return bool(a.country and b.country and a.country != b.country)


def _role_conflict(a: Profile, b: Profile) -> bool:
    return bool(a.role and b.role and fuzz.token_set_ratio(a.role, b.role) <= ROLE_CONFLICT_MAX)


def _agree(a: Profile, b: Profile) -> bool:
    """Positive evidence that two people are one: same country, roles that say the same thing, or the country of
    one is named in the documents of the other (co-mention: "Moreno" in an article about Ecuador)."""
    return bool(agreement(a, b))


def agreement(a: Profile, b: Profile) -> str | None:
    """Why two profiles of people agree, in words (None: no positive evidence)."""
    if a.country and a.country == b.country:
        return f"same country ({a.country})"
    if a.role and b.role and fuzz.token_set_ratio(a.role, b.role) >= ROLE_AGREE_MIN:
        return f"roles agree ({a.role} / {b.role})"
    for x, y in ((a, b), (b, a)):
        if x.country and x.country in y.context:
            return f"the other source names the country ({x.country})"
    return None


def _first_names_compatible(x: str, y: str) -> bool:
    """"s petrov" vs "sergey petrov": the given names are equal or one is the other's initial."""
    xs, ys = x.split()[:-1], y.split()[:-1]
    if not xs or not ys:
        return True
    a, b = xs[0], ys[0]
    return a == b or (len(a) == 1 and b.startswith(a)) or (len(b) == 1 and a.startswith(b))


def _surname_match(a: Profile, b: Profile) -> bool:
    return shared_name_part(a, b) is not None


def shared_name_part(a: Profile, b: Profile) -> tuple[str, str] | None:
    """(one-word or short name, full name) linked by a name part: the surname ("Petrov" / "Ivan Petrov"), or for a
    one-word name any part, since family names come first in some languages ("Park" / "Park Min-jun")."""
    for x in sorted(a.names):
        for y in sorted(b.names):
            xs, ys = x.split(), y.split()
            if len(xs) == 1 or len(ys) == 1:
                short, full = (x, y) if len(xs) == 1 else (y, x)
                if short in full.split():
                    return short, full
            elif xs[-1] == ys[-1] and _first_names_compatible(x, y):
                return (x, y) if len(x) <= len(y) else (y, x)
    return None


def consonants(given: str) -> str:
    """The first three consonants of a given name (y counts as a vowel): what transliterations of one name keep
    when they change both its ends ("yevgeniya" / "evgenia": vgn)."""
    return "".join(c for c in given if c.isalpha() and c not in "aeiouy")[:3]


SHORT_SURNAME = 5  # one changed letter in a word this short can touch both its first and its last three letters


def same_shape(x: str, y: str) -> bool:
    """Whether two multi-word names can be one name spelled two ways: the same last word with given names that
    start with one letter, end with the same three or have the same first three consonants ("sergey petrov" /
    "sergei petrov", "yusuf khan" / "jusuf khan", "yevgenia petrova" / "evgeniya petrova"); or given names
    starting alike and last words sharing their first or their last three letters ("sergey petrovsky" /
    "sergei petrovskiy", "muammar gaddafi" / "muammar qaddafi"); or the same given name and short last words of
    one length ("anna novak" / "anna nowak"). "anna sato" / "anna santos" are close letter for letter but
    another surname, not another spelling. These are exactly the shapes the stored name keys reach
    (app.ingest.actors.name_keys)."""
    xs, ys = x.split(), y.split()
    a, b = xs[-1], ys[-1]
    if a == b:
        given_x, given_y = " ".join(xs[:-1]), " ".join(ys[:-1])
        return (given_x[0] == given_y[0] or given_x[-3:] == given_y[-3:]
                or consonants(given_x) == consonants(given_y))
    if xs[0] == ys[0] and len(a) == len(b) <= SHORT_SURNAME:
        return True
    return xs[0][:3] == ys[0][:3] and (a[:3] == b[:3] or a[-3:] == b[-3:])


def _variant_score(x: str, y: str) -> float:
    """Spelling-variant similarity; given names must also be close ("john smith"/"joan smith" is two people), and
    the names of the same shape (`same_shape`)."""
    score = fuzz.ratio(x, y)
    if score < FUZZY_MIN:
        return score
    xs, ys = x.split(), y.split()
    given = fuzz.ratio(" ".join(xs[:-1]), " ".join(ys[:-1]))
    return score if given >= GIVEN_NAME_MIN and same_shape(x, y) else 0.0


def match_score(new: Profile, stored: Profile) -> float:
    """0 when the two cannot be one actor; higher means a more certain match (exact > variant > surname)."""
    if new.type != stored.type or _country_conflict(new, stored):
        return 0.0
    if new.type != "person":
        return 3.0 if new.names & stored.names else 0.0
    if _role_conflict(new, stored):
        return 0.0
    if new.full_names & stored.full_names:
        return 3.0
    best = max((_variant_score(x, y) for x in new.full_names for y in stored.full_names), default=0.0)
    if best >= FUZZY_MIN:
        return 2.0 + best / 1000
    if _surname_match(new, stored) and _agree(new, stored):
        return 1.0
    return 0.0


SURNAME_SCORE = 1.0  # a match on a name part and agreeing evidence only: it must also be the only such candidate


def explain(new: Profile, stored: Profile) -> str:
    """In words, why `match_score` makes the two one actor (or that it does not)."""
    if new.type != stored.type:
        return "different types"
    if _country_conflict(new, stored):
        return f"countries conflict ({new.country} / {stored.country})"
    same = sorted(new.names & stored.names)
    if new.type != "person":
        return f"same name ({same[0]})" if same else "no shared name"
    if _role_conflict(new, stored):
        return f"roles conflict ({new.role} / {stored.role})"
    full = sorted(new.full_names & stored.full_names)
    if full:
        return f"same full name ({full[0]})"
    variants = [(_variant_score(x, y), x, y) for x in sorted(new.full_names) for y in sorted(stored.full_names)]
    best = max(variants, default=(0.0, "", ""))
    if best[0] >= FUZZY_MIN:
        return f"spelling variants ({best[1]} / {best[2]})"
    part = shared_name_part(new, stored)
    why = agreement(new, stored)
    if part and why:
        return f"'{part[0]}' is part of '{part[1]}'; {why}"
    if part:
        return f"'{part[0]}' is part of '{part[1]}', but nothing else agrees"
    return "no shared name"
