"""The reference lexicon: the shipped files load into typed objects, and a broken file fails loudly, by name."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from app.extract import lexicon as lexicon_module
from app.extract.lexicon import (
    PLOVER_TYPES,
    Cue,
    LexiconError,
    Sense,
    lexicon,
    load_lexicon,
)

DATA = Path(lexicon_module.__file__).parent / "data"


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the shipped data directory."""
    target = tmp_path / "data"
    shutil.copytree(DATA, target)
    return target


def _edit(path: Path, change: Callable[[Any], None]) -> None:
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")


def _fails(directory: Path, *fragments: str) -> str:
    with pytest.raises(LexiconError) as info:
        load_lexicon(directory)
    message = str(info.value)
    for fragment in fragments:
        assert fragment in message, message
    return message


# ----------------------------------------------------------------------------- the shipped data


def test_shipped_data_loads_into_typed_objects():
    lex = load_lexicon()
    meet = lex.plover.verbs["meet"][0]
    assert isinstance(meet, Sense)
    assert (meet.type, meet.mode, meet.frame) == ("CONSULT", None, "CONSULT")  # frame defaults to the type
    assert "deadline" in meet.not_object and meet.object is None and meet.confidence == 1.0
    discuss = lex.plover.verbs["discuss"][0]
    assert discuss.object_is_topic and discuss.confidence == pytest.approx(0.45)
    assert all(s.type in PLOVER_TYPES | {"*"} for table in (lex.plover.verbs, lex.plover.nouns)
               for senses in table.values() for s in senses)
    assert isinstance(lex.reporting.cues["warn"], Cue)
    assert lex.reporting.cues["warn"].content_preps == frozenset({"of", "against", "about"})
    assert "call on" in lex.reporting.urge_verbs and "call on" not in lex.reporting.reporting_lemmas
    assert "say" in lex.reporting.reporting_lemmas and "describe" in lex.reporting.describe_verbs
    assert lex.titles.ministries["foreign"] == "Foreign Affairs"
    assert lex.countries.common_names["Russian Federation"] == "Russia"
    kenya = lex.demonyms["Kenya"]
    assert (kenya.adjective, kenya.people) == ("Kenyan", "Kenyans")
    assert "acting" in lex.titles.extra_title_words and "the" in lex.titles.ignored_title_words


def test_word_lists_load_by_stage():
    words = load_lexicon().words
    assert "officials" in words.actors.government_nouns and "he" in words.actors.person_pronouns
    assert words.numbers.cardinals["dozen"] == 12 and words.numbers.scales["million"] == 1_000_000
    assert list(words.events.number_categories) == ["vehicles", "fatalities", "injured", "arrested", "affected"]
    assert words.events.number_categories["arrested"].event_types == frozenset({"COERCE"})
    assert words.temporal.year_event_nouns[:2] == ("agreement", "agreements")  # ordered: they build a regex
    furniture = words.pipeline.boilerplate_line_re
    assert furniture.fullmatch("Comments (0)") and furniture.fullmatch("SHARE THIS ARTICLE")
    assert not furniture.fullmatch("The minister commented on the talks")


def test_every_data_file_is_documented_and_loaded():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    shipped = sorted(p.name for p in DATA.iterdir() if p.suffix == ".json")
    assert shipped == sorted(lexicon_module.FILES)
    for name in shipped:
        assert f"`{name}`" in readme, f"{name} is not documented in data/README.md"


def test_the_process_wide_lexicon_is_loaded_once():
    assert lexicon() is lexicon()


def test_tables_are_read_only():
    with pytest.raises(TypeError):
        lexicon().plover.verbs["meet"] = ()  # type: ignore[index]
    with pytest.raises(AttributeError):
        lexicon().plover.verbs["meet"][0].type = "ASSAULT"  # type: ignore[misc]


# ----------------------------------------------------------------------------- broken data fails by name


def test_unknown_sense_key_names_file_and_entry(data_copy: Path):
    _edit(data_copy / "plover.json", lambda d: d["verbs"]["meet"][0].update(objekt=["summit"]))
    _fails(data_copy, "plover.json", "verbs.meet[0]", "unknown key 'objekt'")


def test_wrong_type_names_file_and_entry(data_copy: Path):
    _edit(data_copy / "plover.json", lambda d: d["verbs"]["discuss"][0].update(confidence="high"))
    _fails(data_copy, "plover.json", "verbs.discuss[0].confidence", "expected a number")


def test_a_word_list_given_as_a_string_fails(data_copy: Path):
    _edit(data_copy / "plover.json", lambda d: d["verbs"]["visit"][0].update(not_object="website"))
    _fails(data_copy, "plover.json", "verbs.visit[0].not_object", "expected a list")


def test_unknown_plover_type_names_file_and_entry(data_copy: Path):
    _edit(data_copy / "plover.json", lambda d: d["nouns"].update(parade=[{"type": "CELEBRATE"}]))
    _fails(data_copy, "plover.json", "nouns.parade[0].type", "'CELEBRATE'")


def test_a_lemma_without_senses_fails(data_copy: Path):
    _edit(data_copy / "plover.json", lambda d: d["verbs"].update(meet=[]))
    _fails(data_copy, "plover.json", "verbs.meet", "at least one sense")


def test_mode_outside_the_types_modes_fails(data_copy: Path):
    _edit(data_copy / "plover.json", lambda d: d["verbs"]["visit"][0].update(mode="aerial"))
    _fails(data_copy, "plover.json", "verbs.visit[0].mode", "'aerial' is not a mode of CONSULT")


def test_pobj_without_its_preposition_fails(data_copy: Path):
    _edit(data_copy / "plover.json", lambda d: d["verbs"]["oust"][0].update(pobj=["office"]))
    _fails(data_copy, "plover.json", "verbs.oust[0].pobj", "needs the preposition")


def test_noun_only_condition_on_a_verb_fails(data_copy: Path):
    _edit(data_copy / "plover.json", lambda d: d["verbs"]["oust"][0].update(governor=["vote"]))
    _fails(data_copy, "plover.json", "verbs.oust[0].governor", "only a noun sense")


def test_list_entry_that_is_no_lemma_fails(data_copy: Path):
    _edit(data_copy / "plover.json", lambda d: d["verbs"]["oust"][0].update(subject=["Troops"]))
    _fails(data_copy, "plover.json", "verbs.oust[0].subject", "lower-case lemma")


def test_multiword_conditions_load_typed():
    plover = load_lexicon().plover
    declare = next(s for s in plover.verbs["declare"] if s.type == "COERCE")
    assert {"martial law", "state of emergency"} <= declare.object and declare.mode == "martial-law"
    remove = plover.verbs["remove"][0]
    assert remove.prep == "from" and "office" in remove.pobj and remove.type == "SANCTION"
    assert "vote" in plover.asserting_heads and "accuse" in plover.content_heads
    assert plover.modes["COERCE"] >= {"martial-law", "curfew", "arrest", "confiscate"}


def test_missing_required_key_fails(data_copy: Path):
    _edit(data_copy / "titles.json", lambda d: d.pop("ministries"))
    _fails(data_copy, "titles.json", "missing key 'ministries'")


def test_cue_without_a_role_fails(data_copy: Path):
    _edit(data_copy / "reporting_verbs.json", lambda d: d["cues"].update(mumble={"content_preps": ["about"]}))
    _fails(data_copy, "reporting_verbs.json", "cues.mumble", "at least one role")


def test_unknown_actor_type_for_a_speaker_pronoun_fails(data_copy: Path):
    _edit(data_copy / "reporting_verbs.json", lambda d: d["speaker_pronouns"].update(we=["crowd"]))
    _fails(data_copy, "reporting_verbs.json", "speaker_pronouns.we", "'crowd'")


def test_short_demonym_entry_fails(data_copy: Path):
    _edit(data_copy / "demonyms.json", lambda d: d.update(Kenya=["Kenyan"]))
    _fails(data_copy, "demonyms.json", "Kenya", "adjective, people")


def test_boilerplate_line_that_is_no_regex_fails(data_copy: Path):
    _edit(data_copy / "words.json", lambda d: d["pipeline"]["boilerplate_lines"].append("share (this"))
    _fails(data_copy, "words.json", "pipeline.boilerplate_lines[16]", "not a regular expression")


def test_number_category_with_unknown_event_type_fails(data_copy: Path):
    _edit(data_copy / "words.json", lambda d: d["events"]["number_categories"]["arrested"].update(
        event_types=["COERCE", "ARREST"]))
    _fails(data_copy, "words.json", "events.number_categories.arrested.event_types", "'ARREST'")


def test_missing_word_list_fails(data_copy: Path):
    _edit(data_copy / "words.json", lambda d: d["actors"].pop("role_nouns"))
    _fails(data_copy, "words.json", "actors: missing key 'role_nouns'")


def test_count_that_is_not_a_whole_number_fails(data_copy: Path):
    _edit(data_copy / "words.json", lambda d: d["numbers"]["cardinals"].update(dozen=12.5))
    _fails(data_copy, "words.json", "numbers.cardinals.dozen", "expected a whole number")


def test_missing_file_fails(data_copy: Path):
    (data_copy / "titles.json").unlink()
    _fails(data_copy, "titles.json", "missing reference file")


def test_missing_directory_fails(tmp_path: Path):
    _fails(tmp_path / "nowhere", "nowhere", "no such data directory")


def test_invalid_json_fails(data_copy: Path):
    (data_copy / "countries.json").write_text('{"common_names": {,}', encoding="utf-8")
    _fails(data_copy, "countries.json", "not valid JSON")


def test_unexpected_data_file_fails(data_copy: Path):
    (data_copy / "extra_words.json").write_text("{}", encoding="utf-8")
    _fails(data_copy, "extra_words.json", "unexpected reference file")


# ----------------------------------------------------------------------------- fails at start-up


@pytest.fixture
def broken_packaged_data(data_copy: Path, monkeypatch: pytest.MonkeyPatch):
    """The packaged data directory replaced by a copy with a broken sense; the cached lexicon dropped."""
    _edit(data_copy / "plover.json", lambda d: d["verbs"]["meet"][0].update(type="MEETING"))
    # only the lexicon's own lookup: importlib.resources itself serves other packages (the docs' assets)
    monkeypatch.setattr(lexicon_module, "packaged_data", lambda: data_copy)
    lexicon.cache_clear()
    yield data_copy
    monkeypatch.undo()
    lexicon.cache_clear()


def test_build_nlp_fails_on_broken_data_before_loading_the_model(broken_packaged_data, monkeypatch):
    import spacy

    from app.extract import pipeline

    def no_model(*args: object, **kwargs: object) -> None:
        raise AssertionError("the model was loaded before the lexicon was checked")

    monkeypatch.setattr(spacy, "load", no_model)
    with pytest.raises(LexiconError, match=r"plover\.json: verbs\.meet\[0\]\.type: unknown PLOVER type 'MEETING'"):
        pipeline.build_nlp()


def test_app_startup_fails_on_broken_data(broken_packaged_data, settings):
    from fastapi.testclient import TestClient

    from app.main import create_app

    with pytest.raises(LexiconError, match=r"plover\.json"), TestClient(create_app(settings)):
        pass
