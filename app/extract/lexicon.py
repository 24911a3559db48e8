"""Every reference file under app/extract/data/, loaded and checked once into typed, frozen objects.

`lexicon()` is the process-wide copy: `pipeline.build_nlp()`, the app's lifespan and `eventkb ingest` load it
before the first document, so a missing or malformed file stops start-up with a `LexiconError` that names the
file and the entry, instead of a rule silently matching nothing. `load_lexicon(directory)` reads another
directory (tests point it at a broken copy). data/README.md documents every file and field.

Nothing here imports spaCy: the dataclasses describe words, not parses.
"""

from __future__ import annotations

import json
import re
import types
from collections.abc import Callable, Mapping
from dataclasses import dataclass, fields
from functools import cached_property, lru_cache
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

from app.extract.typed_json import DataError, convert
from app.extract.types import ACTOR_TYPES

# The PLOVER event types (Halterman et al., 2023) our lexicon may assign; "*" marks an anaphoric noun
# ("the incident") that can re-mention an event of several types (see Plover.anaphoric_compatible).
PLOVER_TYPES = frozenset({
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST", "ACCUSE", "REJECT",
    "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT", "DISAPPROVE", "INVESTIGATE", "DEMAND",
    "FIGHT",
})
ANY_TYPE = "*"


class LexiconError(Exception):
    """A reference file is missing, unreadable or malformed; the message names the file and the entry.

    Deliberately not a ValueError: callers that skip one bad document on ValueError must not skip past a
    broken lexicon.
    """


# ----------------------------------------------------------------------------- plover.json


@dataclass(frozen=True)
class Sense:
    """One reading of a trigger lemma (plover.json), tried in order; optional conditions must all hold."""

    type: str  # a PLOVER type, or "*" (anaphoric noun compatible with several types)
    mode: str | None = None  # PLOVER mode ("visit", "phone", "firearms", ...), one of Plover.modes[type]
    # a dobj/nsubjpass must be one of these: a lemma ("deal"), "<modifier> <lemma>" ("martial law", "rescue
    # team") or "<lemma> of <lemma>" ("state of emergency")
    object: frozenset[str] | None = None
    not_object: frozenset[str] = frozenset()  # no dobj/nsubjpass may be one of these ("*": no dobj at all)
    prep: str | None = None  # a prep/particle/agent/advmod/dative child with this lemma
    pobj: frozenset[str] | None = None  # with prep: that preposition's object is one of these ("remove from office")
    xcomp: frozenset[str] | None = None  # an xcomp/ccomp/acomp/oprd child with one of these lemmas
    # ("*": any, "neg": negated)
    complement_words: frozenset[str] | None = None  # a lemma in the xcomp/ccomp/prep subtrees ("warned ... war")
    subject: frozenset[str] | None = None  # the subject (or passive agent) lemma is one of these ("troops surround")
    not_subject: frozenset[str] = frozenset()  # no subject lemma is one of these ("an earthquake struck")
    governor: frozenset[str] | None = None  # nouns: the verb the noun hangs from is one of these ("voiced support")
    modifier: frozenset[str] | None = None  # nouns: a compound/amod/nmod/acl or "of X" lemma in this list
    object_actor: bool = False  # the direct object must be an actor
    plural: bool = False  # nouns: must be plural
    bare_ok: bool = False  # nouns: specific without a determiner
    anaphoric_only: bool = False  # only re-mentions an earlier event, never starts one
    needs_place: bool = False  # a place phrase must hang off the trigger or its verb
    frame: str | None = None  # mentions merge only within one frame; the type when not given
    confidence: float = 1.0  # cap on the event's confidence (raised by 0.2)
    source_preps: frozenset[str] = frozenset()  # prepositions whose object is the source
    target_preps: frozenset[str] = frozenset()  # prepositions added to the default target prepositions
    destination_source: bool = False  # an entry restriction: the country entered is the source
    object_is_topic: bool = False  # the object is a topic ("discussed Ukraine"), not a target

    def __post_init__(self) -> None:
        if self.frame is None:
            object.__setattr__(self, "frame", self.type)


@dataclass(frozen=True)
class Plover:
    """The PLOVER trigger lexicon: senses per verb and noun lemma, and the word lists the event rules consult."""

    verbs: Mapping[str, tuple[Sense, ...]]
    nouns: Mapping[str, tuple[Sense, ...]]
    light_verbs: frozenset[str]  # "held talks": the noun is the event, the verb carries its arguments
    receiving_verbs: frozenset[str]  # "faced sanctions": the light verb's subject is the target
    anaphoric_compatible: Mapping[str, frozenset[str]]  # type of an anaphoric noun -> event types it may re-mention
    firearms_cues: frozenset[str]  # lemmas in the sentence that make an assault's mode "firearms"
    explosives_cues: frozenset[str]  # ... "explosives"
    control_heads: frozenset[str]  # "plans to meet": heads that make their xcomp not asserted
    generic_prefixes: frozenset[str]  # "anti-terrorism": a hyphenated prefix makes the noun generic
    phone_cues: frozenset[str]  # "via telephone": a consultation's mode is "phone"
    asserting_heads: frozenset[str]  # "voted to remove", "managed to flee": the complement is asserted
    content_heads: frozenset[str]  # "demanded [lifting] it", "accused X of [torching]": the complement is not
    verb_prefixes: frozenset[str]  # "re-designated" split as "re" + "-" + "designated": the verb after the hyphen
    person_nouns: frozenset[str]  # common nouns for people: an `object_actor` sense accepts them ("executed two men")
    modes: Mapping[str, frozenset[str]]  # PLOVER type -> the modes a sense of that type may give


# list-valued Sense fields whose entries are lower-case lemmas ("neg" and "*" are markers)
_LEMMA_FIELDS = ("object", "not_object", "pobj", "xcomp", "complement_words", "subject", "not_subject",
                 "governor", "modifier", "source_preps", "target_preps")


def _check_sense(where: str, sense: Sense, p: Plover, is_noun: bool) -> None:
    if sense.type not in PLOVER_TYPES | {ANY_TYPE}:
        raise LexiconError(f"{where}.type: unknown PLOVER type {sense.type!r}")
    if not 0.0 <= sense.confidence <= 1.0:
        raise LexiconError(f"{where}.confidence: {sense.confidence} is not within 0..1")
    if sense.mode is not None and sense.mode not in p.modes.get(sense.type, frozenset()):
        raise LexiconError(f"{where}.mode: {sense.mode!r} is not a mode of {sense.type} (plover.json modes)")
    if sense.pobj is not None and sense.prep is None:
        raise LexiconError(f"{where}.pobj: needs the preposition it is the object of (prep)")
    for name in ("governor", "modifier", "plural", "bare_ok") if not is_noun else ():
        if getattr(sense, name) not in (None, False):
            raise LexiconError(f"{where}.{name}: only a noun sense can have it")
    for name in _LEMMA_FIELDS:
        for entry in getattr(sense, name) or ():
            if entry != entry.strip().lower() or not entry:
                raise LexiconError(f"{where}.{name}: {entry!r} must be a lower-case lemma")


def _check_plover(p: Plover) -> None:
    for kind in p.modes:
        if kind not in PLOVER_TYPES:
            raise LexiconError(f"modes.{kind}: unknown PLOVER type")
    for part, table in (("verbs", p.verbs), ("nouns", p.nouns)):
        for lemma, senses in table.items():
            if not senses:
                raise LexiconError(f"{part}.{lemma}: needs at least one sense")
            for n, sense in enumerate(senses):
                _check_sense(f"{part}.{lemma}[{n}]", sense, p, part == "nouns")
    for kind, allowed in p.anaphoric_compatible.items():
        for t in [kind, *allowed]:
            if t not in PLOVER_TYPES | {ANY_TYPE}:
                raise LexiconError(f"anaphoric_compatible.{kind}: unknown PLOVER type {t!r}")


# ----------------------------------------------------------------------------- reporting_verbs.json


@dataclass(frozen=True)
class Cue:
    """What a reporting verb (or verb + particle, "point out") introduces; at least one role is set."""

    clause: bool = False  # a content clause: "said that ..."
    object_content: bool = False  # its object is the content: "stressed the need for ..."
    urge: bool = False  # "urged X to do Y", rendered "X should do Y"
    describe: bool = False  # "described X as Y"
    noun_cue: bool = False  # verb + a noun cue: "expressed concern about ..."
    quote: bool = False  # "was quoted as saying": its passive subject is the speaker
    attribution: bool = False  # "words attributed to X": X is the speaker
    intent: bool = False  # "vowed to rebuild ...": its infinitive complement is the content
    content_preps: frozenset[str] = frozenset()  # "warned of ...": prepositions whose object is the content

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(f.name for f in fields(self) if getattr(self, f.name) is True)


@dataclass(frozen=True)
class SpeakerNouns:
    """Common nouns a speaker phrase may end in, by the actor type they refer back to."""

    person: frozenset[str]
    organization: frozenset[str]
    group: frozenset[str]


@dataclass(frozen=True)
class Reporting:
    """The reporting-cue lexicon: cues by lemma and the nouns and pronouns that name speakers."""

    cues: Mapping[str, Cue]
    noun_cues: frozenset[str]  # nouns after a noun_cue verb: "concern", "regret", ...
    speaker_pronouns: Mapping[str, tuple[str, ...]]  # pronoun -> actor types it may refer back to
    speaker_nouns: SpeakerNouns
    group_noun_types: tuple[str, ...]  # actor types a plural group noun ("officials") may refer back to
    document_nouns: frozenset[str]  # "the note said": the speaker is whoever issued the document
    collective_nouns: frozenset[str]  # "a large crowd said": one noun, many people: a group, not a person
    government_speakers: frozenset[str]  # a bare "authorities said" speaks for a country, never any body
    counted_sides: frozenset[str]  # "the two sides said": each of the countries named last speaks
    planning_heads: frozenset[str]  # "decided to call on X": with plover.control_heads, the call is not yet made
    person_nouns: frozenset[str]  # "a witness said": singular nouns for a person that no suffix rule tells
    quantifiers: frozenset[str]  # "some villagers": an unnamed speaker's alias goes without them

    def _with(self, role: str) -> frozenset[str]:
        return frozenset(lemma for lemma, cue in self.cues.items() if getattr(cue, role))

    @cached_property
    def clause_verbs(self) -> frozenset[str]:
        return self._with("clause")

    @cached_property
    def object_content_verbs(self) -> frozenset[str]:
        return self._with("object_content")

    @cached_property
    def urge_verbs(self) -> frozenset[str]:
        return self._with("urge")

    @cached_property
    def describe_verbs(self) -> frozenset[str]:
        return self._with("describe")

    @cached_property
    def noun_cue_verbs(self) -> frozenset[str]:
        return self._with("noun_cue")

    @cached_property
    def quote_verbs(self) -> frozenset[str]:
        return self._with("quote")

    @cached_property
    def attribution_verbs(self) -> frozenset[str]:
        return self._with("attribution")

    @cached_property
    def speech_verbs(self) -> frozenset[str]:
        """Cues that carry content themselves (all but "quote"/"attribute", which only name the speaker)."""
        return frozenset(lemma for lemma, cue in self.cues.items()
                         if set(cue.roles) - {"quote", "attribution"} or cue.content_preps)

    @cached_property
    def intent_verbs(self) -> frozenset[str]:
        return self._with("intent")

    @cached_property
    def reporting_lemmas(self) -> frozenset[str]:
        """Single-word cue lemmas: a date on one of these dates the report, not the event reported."""
        return frozenset(lemma for lemma in self.cues if " " not in lemma)


def _check_reporting(r: Reporting) -> None:
    for lemma, cue in r.cues.items():
        if not cue.roles:
            raise LexiconError(f"cues.{lemma}: a cue needs at least one role (clause, urge, ...)")
    for where, kinds in [*((f"speaker_pronouns.{w}", t) for w, t in r.speaker_pronouns.items()),
                         ("group_noun_types", r.group_noun_types)]:
        unknown = [k for k in kinds if k not in ACTOR_TYPES]
        if unknown:
            raise LexiconError(f"{where}: unknown actor type {unknown[0]!r} (one of {', '.join(ACTOR_TYPES)})")


# ----------------------------------------------------------------------------- titles, countries, demonyms


@dataclass(frozen=True)
class Titles:
    """Role titles and ministry portfolios, lower-case surface -> normalized form."""

    titles: Mapping[str, str]  # "foreign secretary" -> "Minister of Foreign Affairs"
    ministries: Mapping[str, str]  # "foreign" -> "Foreign Affairs"
    extra_title_words: frozenset[str]  # words of a title phrase besides those of titles and ministries ("acting")
    ignored_title_words: frozenset[str]  # dropped before a title is normalized ("top", "senior", "the")
    destination_titles: frozenset[str]  # titles that take "to <country>": "Ambassador of France to Kenya"
    diplomat_titles: frozenset[str]  # titles "the top diplomat" may refer to
    news_agencies: tuple[str, ...]  # outlets and agencies: organizations, never people


@dataclass(frozen=True)
class CountryNaming:
    """How countries are named, on top of pycountry."""

    common_names: Mapping[str, str]  # pycountry name -> canonical common name ("Russian Federation" -> "Russia")
    aliases: Mapping[str, tuple[str, ...]]  # canonical name -> other surface names ("UK", "Britain")
    ambiguous: frozenset[str]  # names that are also given names or words ("Georgia", "Chad")


@dataclass(frozen=True)
class Demonym:
    """The adjective and people noun of a country, plus other adjectives in use."""

    adjective: str  # "Kenyan"
    people: str  # "Kenyans"
    other_adjectives: tuple[str, ...] = ()  # "Azeri" besides "Azerbaijani"


def _demonyms(raw: Any) -> Mapping[str, Demonym]:
    """demonyms.json: {country: [adjective, people, other adjectives...]}."""
    table = convert(Mapping[str, tuple[str, ...]], raw, "")
    for country, words in table.items():
        if len(words) < 2:
            raise LexiconError(f"{country}: needs [adjective, people, ...], got {list(words)}")
    return types.MappingProxyType({c: Demonym(w[0], w[1], tuple(w[2:])) for c, w in table.items()})


# ----------------------------------------------------------------------------- words.json


@dataclass(frozen=True)
class PipelineWords:
    boilerplate_lines: tuple[str, ...]  # regexes (case-insensitive) of trailing page-furniture lines

    @cached_property
    def boilerplate_line_re(self) -> re.Pattern[str]:
        """A whole line of furniture, optionally counted ("Comments (0)", "3 Comments", "Share this:")."""
        return re.compile(r"(?:\d+\s+)?(?:" + "|".join(self.boilerplate_lines) + r")\s*(?:\(\d+\)|\d+)?\s*[:.!]?",
                          re.IGNORECASE)


@dataclass(frozen=True)
class LanguageWords:
    english_function_words: frozenset[str]  # news English runs at 35-50% of tokens from this list


@dataclass(frozen=True)
class AgentSector:
    """One kind of generic actor (an agent): "the military", "Ghanaian troops", "the Bolivian police"."""

    name: str  # the canonical name with a {country} slot, ACLED's convention ("Military Forces of {country}")
    type: str  # the actor type the agent is stored as
    nouns: frozenset[str]  # a head noun (lower case) that names the sector on its own
    qualified_nouns: frozenset[str]  # ... only with a country modifier or one of `qualifiers` ("security forces")
    qualifiers: frozenset[str]  # modifiers that make a qualified noun this sector ("riot" officers)
    country_qualifies: bool = True  # a country word alone qualifies a qualified noun ("Ghanaian forces")
    # nouns of acts that a sector noun used as a modifier attributes to the agent ("a military strike")
    action_nouns: frozenset[str] = frozenset()
    # a number before the noun still names the agent: "ten gunmen" are the attackers, "two soldiers" not the army
    counted: bool = False
    # a sector noun naming a named body's members ("the rebel group the X Army") makes the article's bare
    # nouns of the sector that body too, not an unnamed collective beside it
    members_of_named: bool = False
    # an unnamed collective ("gunmen seen near ...") is kept only when it acts in an event or speaks
    only_when_acting: bool = False


@dataclass(frozen=True)
class ActorWords:
    government_nouns: frozenset[str]  # "the French side", "Kenyan officials": the state itself
    people_nouns: frozenset[str]  # "Kenyan nationals": the country's people as a group
    people_modifiers: frozenset[str]  # may stand between demonym and people noun ("Kenyan migrant workers")
    advocacy_heads: frozenset[str]  # "rights groups": plural heads that form a civil-society group
    advocacy_modifiers: frozenset[str]  # ... with one of these modifiers
    pronouns: frozenset[str]  # mentions that never become aliases
    person_pronouns: frozenset[str]  # resolve to the latest person
    thing_pronouns: frozenset[str]  # resolve to the latest organization or country
    plural_pronouns: frozenset[str]  # resolve to the latest group, else country/organization
    role_nouns: frozenset[str]  # "the top French diplomat", "his counterpart": a person described by role
    bare_government_nouns: frozenset[str]  # a bare "officials" is the country last named
    people_heads: frozenset[str]  # "its citizens": the country's nationals
    spokesperson_nouns: frozenset[str]  # "a foreign ministry spokesperson"
    facility_words: frozenset[str]  # an ORG entity ending in one of these ("... Hall", "... Airport") is a place
    settlement_nouns: frozenset[str]  # "the town of X": X is a place, whatever the model tags it
    follower_nouns: frozenset[str]  # "supporters of X": X's followers, a group of their own, not X
    not_body_words: frozenset[str]  # an ORG entity with one of these is a document or page furniture
    outlet_tails: frozenset[str]  # case-sensitive: "Kyodo News" is the agency "Kyodo"
    outlet_report_verbs: frozenset[str]  # an all-caps or hyphenated subject of these is an outlet ("XYZ-TV reported")
    name_particles: frozenset[str]  # lower-case name parts ("bin", "van", "al")
    name_function_words: frozenset[str]  # function words skipped around titles and names
    person_title_nouns: frozenset[str]  # "Ambassador Novak": a capitalized word after these is a name
    agents: Mapping[str, AgentSector]  # sector -> how its generic actors are named and found
    institution_words: frozenset[str]  # an ORG named only with these ("Supreme Court") is a national institution
    institution_heads: Mapping[str, str]  # last word of such a name -> the agent sector it stands for
    credit_words: frozenset[str]  # "Reporting by", "Photo:": a line opening with these credits, names no actor
    leader_titles: frozenset[str]  # normalized titles "the <country> leader" may refer to ("President")


@dataclass(frozen=True)
class TemporalWords:
    future_words: frozenset[str]  # a sentence with one speaks of the future: "May 5" may lie ahead
    year_event_nouns: tuple[str, ...]  # "the 1993 agreements": nouns a year dates, not a number counts


@dataclass(frozen=True)
class NumberCategory:
    lemmas: frozenset[str]  # a count near one of these lemmas is in this category
    event_types: frozenset[str]  # events the count may belong to


@dataclass(frozen=True)
class EventWords:
    modal_words: frozenset[str]  # an auxiliary from this list makes a trigger not asserted
    condition_marks: frozenset[str]  # "if", "unless": a conditional trigger is not asserted
    generic_dets: frozenset[str]  # "any attack": generic, no event
    definite_dets: frozenset[str]  # "the attack": a noun trigger that may re-mention an earlier event
    place_words: frozenset[str]  # a sense's needs_place: nouns that name a place
    default_target_preps: frozenset[str]  # prepositions whose object is a target
    patient_nouns: frozenset[str]  # "X's arrest": a possessor with no "of" phrase undergoes the happening
    location_preps: frozenset[str]  # prepositions that introduce a place
    place_nouns: frozenset[str]  # nouns a location phrase may be headed by
    relative_pronouns: frozenset[str]  # "the men who attacked": the men
    occasion_verbs: frozenset[str]  # "X was speaking at a forum on Monday": dates the sentence before
    entry_preps: frozenset[str]  # "entry into X": where an entry restriction applies
    entering_verbs: frozenset[str]  # "barred from entering X"
    initiating_verbs: frozenset[str]  # "a call initiated by X": X is the source
    initiative_nouns: frozenset[str]  # "at X's initiative": X is the source
    offset_counts: Mapping[str, int]  # spelled-out counts read in "<N> days after X" (a week at most)
    number_categories: Mapping[str, NumberCategory]  # stated numbers, checked in this order


@dataclass(frozen=True)
class NumberWords:
    cardinals: Mapping[str, int]  # "eleven" -> 11, "dozen" -> 12
    scales: Mapping[str, int]  # "1.5 million"
    indefinite: Mapping[str, int]  # "a day", "several days", "a few weeks"


@dataclass(frozen=True)
class StatementWords:
    relative_pronouns: frozenset[str]  # "X, who said ...": the speaker is X
    institution_words: frozenset[str]  # "ministry spokesperson": words that do not make a spokesperson named
    document_receiving_verbs: frozenset[str]  # "received the note": its subject did not issue it


@dataclass(frozen=True)
class Words:
    """Closed word lists the rules consult, by stage (words.json)."""

    pipeline: PipelineWords
    language: LanguageWords
    actors: ActorWords
    temporal: TemporalWords
    events: EventWords
    numbers: NumberWords
    statements: StatementWords


def _check_words(w: Words) -> None:
    for n, line in enumerate(w.pipeline.boilerplate_lines):
        try:
            re.compile(line)
        except re.error as exc:
            raise LexiconError(f"pipeline.boilerplate_lines[{n}]: not a regular expression: {exc}") from None
    for sector, agent in w.actors.agents.items():
        if agent.type not in ("organization", "group") or "{country}" not in agent.name:
            raise LexiconError(f"actors.agents.{sector}: type must be organization or group and the name hold "
                               "a {country} slot")
    for word, sector in w.actors.institution_heads.items():
        if sector not in w.actors.agents and sector != "cabinet":
            raise LexiconError(f"actors.institution_heads.{word}: unknown sector {sector!r}")
    for name, category in w.events.number_categories.items():
        unknown = sorted(category.event_types - PLOVER_TYPES)
        if unknown:
            raise LexiconError(f"events.number_categories.{name}.event_types: unknown PLOVER type {unknown[0]!r}")


# ----------------------------------------------------------------------------- loading


@dataclass(frozen=True)
class Lexicon:
    """Every reference file, typed."""

    plover: Plover
    reporting: Reporting
    titles: Titles
    countries: CountryNaming
    demonyms: Mapping[str, Demonym]
    words: Words


def _typed(cls: type, check: Callable[[Any], None] | None = None) -> Callable[[Any], Any]:
    def build(raw: Any) -> Any:
        value = convert(cls, raw, "")
        if check is not None:
            check(value)
        return value
    return build


# file name -> (Lexicon field, builder)
FILES = {
    "plover.json": ("plover", _typed(Plover, _check_plover)),
    "reporting_verbs.json": ("reporting", _typed(Reporting, _check_reporting)),
    "titles.json": ("titles", _typed(Titles)),
    "countries.json": ("countries", _typed(CountryNaming)),
    "demonyms.json": ("demonyms", _demonyms),
    "words.json": ("words", _typed(Words, _check_words)),
}


def packaged_data() -> Traversable:
    """The reference files shipped with the package (app/extract/data)."""
    return resources.files("app.extract.data")


def load_lexicon(directory: Path | Traversable | None = None) -> Lexicon:
    """Read and check every reference file of `directory` (default: the packaged app/extract/data)."""
    directory = directory if directory is not None else packaged_data()
    if not directory.is_dir():
        raise LexiconError(f"{directory}: no such data directory")
    unexpected = sorted(p.name for p in directory.iterdir() if p.name.endswith(".json") and p.name not in FILES)
    if unexpected:
        raise LexiconError(f"{directory}: unexpected reference file {unexpected[0]} (lexicon.FILES lists them all)")
    values = {}
    for name, (attr, build) in FILES.items():
        path = directory.joinpath(name)
        if not path.is_file():
            raise LexiconError(f"{name}: missing reference file (looked in {directory})")
        try:
            raw = json.loads(path.read_text(encoding="utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise LexiconError(f"{name}: not valid JSON: {exc}") from None
        try:
            values[attr] = build(raw)
        except (LexiconError, DataError) as exc:
            raise LexiconError(f"{name}: {exc}") from None
    return Lexicon(**values)


@lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    """The packaged lexicon, loaded and checked once per process."""
    return load_lexicon()
