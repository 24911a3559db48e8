"""The PLOVER trigger lexicon through the real model: one invented sentence per pattern -> the event extracted.

Sentences are on invented topics (no seed or development article). `test_every_verb_sense_is_reachable`
builds a sentence for each verb sense from its own conditions and checks that exactly that sense matches,
so no sense is shadowed by an earlier one or unreachable on the parser's trees.
"""

from __future__ import annotations

from datetime import date

import pytest

from app.extract.events.senses import matching_sense
from app.extract.events.triggers import find_triggers, trigger_lemma
from app.extract.lexicon import lexicon
from tests.support.extraction import caching_extractor

PUBLISHED = date(2024, 5, 1)

# sentence -> (type, mode or None): an event of that type (and mode) must be extracted
POSITIVE = [
    ("Rights groups attacked the ruling of the court in Quito on Monday.", "DISAPPROVE", None),
    # AGREE
    ("Chile and Uruguay signed a fisheries treaty on Monday.", "AGREE", None),
    ("The two parties reached a ceasefire agreement in Geneva on Friday.", "AGREE", None),
    ("Norway brokered a truce between the two militias on Sunday.", "AGREE", None),
    ("Norway mediated a deal between the rival factions last week.", "AGREE", None),
    ("Bolivia and Paraguay restored diplomatic ties on Tuesday.", "AGREE", None),
    ("Ecuador accepted the proposal from Chile on Monday.", "AGREE", None),
    ("The rebels pledged to respect the ceasefire on Monday.", "AGREE", None),
    ("Estonia offered assistance to Latvia after the floods.", "AGREE", None),
    ("Shelling went on despite a truce between Chile and Peru.", "AGREE", None),
    ("The Chilean president praised the police and warned that the rioters would be held accountable.", "THREATEN",
     None),
    ("The tribunal in Lima ruled on Monday that the petition lacked merit.", "REJECT", None),
    # CONSULT
    ("The Finnish minister met his Swedish counterpart in Oslo on Monday.", "CONSULT", None),
    ("The Malawian president visited Tanzania on Monday.", "CONSULT", "visit"),
    ("Oman hosted the talks between the two sides on Friday.", "CONSULT", "third-party"),
    ("Zambia's president received the Ugandan foreign minister in Lusaka on Tuesday.", "CONSULT", "visit"),
    ("The Ghanaian president spoke by telephone with the Beninese leader on Friday.", "CONSULT", None),
    ("Portugal mediated between the two parties on Monday.", "CONSULT", "third-party"),
    # SUPPORT
    ("The Danish prime minister praised the Icelandic police on Monday.", "SUPPORT", None),
    ("Uruguay recognized Kosovo on Wednesday.", "SUPPORT", None),
    ("The high court upheld the governor's election victory on Friday.", "SUPPORT", None),
    ("Canada voiced support for the striking nurses on Tuesday.", "SUPPORT", None),
    ("Canada expressed solidarity with Chile after the floods.", "SUPPORT", None),
    ("The Slovak president hailed the agreement on Monday.", "SUPPORT", None),
    ("The senate approved the aid package on Thursday.", "SUPPORT", None),
    # CONCEDE
    ("The Thai government lifted the curfew on Monday.", "CONCEDE", None),
    ("The governor apologized for the delays on Friday.", "CONCEDE", None),
    ("The Georgian president pardoned 30 prisoners on Sunday.", "CONCEDE", None),
    ("The singer pleaded guilty to tax fraud on Monday.", "CONCEDE", None),
    ("Prosecutors dropped the charges against the journalist on Friday.", "CONCEDE", None),
    ("Armenia reopened the border crossing with Georgia on Monday.", "CONCEDE", None),
    # COOPERATE
    ("Ghana and Togo agreed on Monday and then cooperated on border security.", "COOPERATE", None),
    ("Australia shared intelligence with New Zealand on Monday.", "COOPERATE", None),
    ("Indonesian and Malaysian navies held joint drills on Monday.", "COOPERATE", None),
    # AID
    ("Austria sent a medical team to Albania on Sunday.", "AID", "humanitarian"),
    ("The Red Cross provided relief to the flood victims in Malawi on Friday.", "AID", "humanitarian"),
    ("Germany delivered air defence systems to Moldova on Friday.", "AID", "military"),
    ("The World Bank granted a loan to Sri Lanka on Monday.", "AID", "economic"),
    ("Spain evacuated its citizens from Sudan on Monday.", "AID", "humanitarian"),
    ("Greek rescuers arrived in Albania to assist with the search on Tuesday.", "AID", "humanitarian"),
    # RETREAT
    ("Rwanda withdrew its troops from the border on Monday.", "RETREAT", "withdraw"),
    ("The rebels released 12 hostages on Sunday.", "RETREAT", "release"),
    ("The Bulgarian interior minister resigned on Friday.", "RETREAT", "resign"),
    ("The prime minister stepped down on Friday.", "RETREAT", "resign"),
    ("The militia handed over the bodies of two soldiers on Monday.", "RETREAT", "release"),
    # REQUEST
    ("Honduras urged Guatemala to reopen the border on Monday.", "REQUEST", None),
    ("Fiji called for calm on Monday.", "REQUEST", None),
    ("Haiti sought assistance from the United Nations on Monday.", "REQUEST", None),
    ("The Chadian government appealed for food aid on Monday.", "REQUEST", None),
    # DEMAND
    ("The union demanded higher wages on Monday.", "DEMAND", None),
    ("A Ghanaian court ordered the release of the miners on Friday.", "DEMAND", None),
    # ACCUSE
    ("Slovenia accused Croatia of spying on Monday.", "ACCUSE", None),
    ("The mayor appealed the ruling on Tuesday.", "ACCUSE", None),
    ("The families sued the Portuguese government on Monday.", "ACCUSE", None),
    ("Police declared the rally illegal on Saturday.", "ACCUSE", None),
    ("The Zambian opposition held the minister responsible for the floods.", "ACCUSE", None),
    ("The watchdog filed a lawsuit against the mining firm on Monday.", "ACCUSE", None),
    # DISAPPROVE
    ("Lithuania condemned the missile test on Monday.", "DISAPPROVE", None),
    ("The Austrian chancellor slammed the proposal on Tuesday.", "DISAPPROVE", None),
    ("Sweden summoned the Bolivian ambassador on Monday.", "DISAPPROVE", None),
    ("Bolivia lodged a protest with Chile on Monday.", "DISAPPROVE", "protest-note"),
    # REJECT
    ("Austria opposed the fishing quota on Monday.", "REJECT", None),
    ("Ecuador dismissed the allegations on Tuesday.", "REJECT", None),
    ("The appeals panel dismissed the petition on Friday.", "REJECT", None),
    ("The president ruled out early elections on Monday.", "REJECT", None),
    ("The defendant pleaded not guilty on Monday.", "REJECT", None),
    ("Lawmakers voted to lift the curfew on Tuesday.", "REJECT", None),
    ("Nicaragua withdrew from the fisheries accord in 2017.", "REJECT", None),
    ("The council passed a confidence vote against the mayor on Friday.", "REJECT", None),
    ("Slovakia blocked the proposal on Thursday.", "REJECT", None),
    ("The court overturned the ban on Friday.", "REJECT", None),
    # THREATEN
    ("Georgia threatened to expel the observers on Monday.", "THREATEN", "expel"),
    ("The rebels vowed to punish the traitors on Monday.", "THREATEN", "violence"),
    ("The Bolivian minister warned Paraguay of retaliation on Friday.", "THREATEN", None),
    ("The kingdom warned that any blockade would mean war.", "THREATEN", None),
    ("The junta issued an ultimatum to the rebels on Monday.", "THREATEN", None),
    # PROTEST
    ("Thousands of farmers protested in Paris on Tuesday.", "PROTEST", "demo"),
    ("Students took to the streets of Lima on Monday.", "PROTEST", "demo"),
    ("Dock workers went on strike on Monday.", "PROTEST", "strike-lim"),
    ("The jailed activist began a hunger strike on Monday.", "PROTEST", "strike-hun"),
    ("Protesters blocked the highway on Friday.", "PROTEST", "obstruct"),
    # SANCTION
    ("Estonia expelled two Belarusian diplomats on Monday.", "SANCTION", "expel"),
    ("Guyana broke off ties with Suriname in 2019.", "SANCTION", "sever"),
    ("Ecuador severed diplomatic relations with Honduras on Friday.", "SANCTION", "sever"),
    ("The Nepalese government called off the talks with the Maoists on Monday.", "SANCTION", "cancel"),
    ("Senegal suspended the fisheries agreement on Monday.", "SANCTION", "sever"),
    ("Niger recalled its ambassador from France on Monday.", "SANCTION", "withdraw"),
    ("The State Department designated the militia as a terrorist organization on Monday.", "SANCTION", None),
    ("A court convicted the former mayor of fraud on Friday.", "SANCTION", "convict"),
    ("The judges found the general guilty of war crimes on Friday.", "SANCTION", "convict"),
    ("The assembly removed the governor from office on Thursday.", "SANCTION", None),
    ("The senate impeached the governor on Friday.", "SANCTION", None),
    ("Canada imposed sanctions on Belarus on Monday.", "SANCTION", None),
    ("Italy closed its embassy in Niger on Monday.", "SANCTION", "sever"),
    # MOBILIZE
    ("Greece deployed troops to the border on Monday.", "MOBILIZE", "troops"),
    ("The Navy dispatched two warships to the strait on Monday.", "MOBILIZE", "troops"),
    ("The army put its units on high alert on Monday.", "MOBILIZE", "troops"),
    # COERCE
    ("The Thai army declared martial law on Tuesday.", "COERCE", "martial-law"),
    ("The government declared a state of emergency on Monday.", "COERCE", "martial-law"),
    ("The junta imposed a curfew in the capital on Monday.", "COERCE", "curfew"),
    ("Police arrested 40 protesters in Dhaka on Monday.", "COERCE", "arrest"),
    ("Troops surrounded the radio station on Tuesday.", "COERCE", "restrict"),
    ("Chile closed its border with Bolivia on Monday.", "COERCE", "restrict"),
    ("Authorities shut down the internet in the region on Monday.", "COERCE", "censor"),
    ("Customs officers seized the vessel on Monday.", "COERCE", "confiscate"),
    ("Police raided the offices of the newspaper on Monday.", "COERCE", None),
    ("The coast guard intercepted a fishing vessel on Monday.", "COERCE", "restrict"),
    ("Officers took the mayor into custody on Friday.", "COERCE", "arrest"),
    ("Riot police dispersed the protesters on Saturday.", "COERCE", "restrict"),
    # ASSAULT
    ("Iraq invaded Kuwait in 1990.", "ASSAULT", None),
    ("Soldiers opened fire on the crowd on Monday.", "ASSAULT", "firearms"),
    ("Riot police fired tear gas at striking miners on Saturday.", "ASSAULT", None),
    ("A helicopter dropped two bombs on the warehouse on Monday.", "ASSAULT", "explosives"),
    ("Soldiers raided three farms on Monday.", "ASSAULT", None),
    ("The army shelled the town on Monday.", "ASSAULT", "heavy-weapons"),
    ("Border guards used water cannon against the migrants on Monday.", "ASSAULT", None),
    ("The kingdom executed two men on Monday.", "ASSAULT", "execute"),
    ("Gunmen kidnapped 20 students on Monday.", "ASSAULT", "abduct"),
    ("Protesters stormed the embassy on Friday.", "ASSAULT", None),
    ("The air force struck rebel positions on Monday.", "ASSAULT", None),
    ("The air force launched strikes on the port on Monday.", "ASSAULT", None),
    ("A drone strike destroyed the depot on Monday.", "ASSAULT", "explosives"),
    ("Missiles hit the hospital on Monday.", "ASSAULT", None),
    ("Militants fired rockets at the town on Monday.", "ASSAULT", "explosives"),
    # FIGHT
    ("Rebels clashed with soldiers on Monday.", "FIGHT", None),
    ("The two armies exchanged fire on Monday.", "FIGHT", "firearms"),
    ("Troops repelled an attack on the base on Monday.", "FIGHT", None),
    ("The army responded with artillery on Monday.", "FIGHT", None),
    ("Riot police deployed water cannon in the capital of Ecuador on Tuesday.", "ASSAULT", None),
    ("Students took the streets of Quito on Monday.", "PROTEST", "demo"),
    ("Chilean soldiers responded using mortars, a spokesman said.", "FIGHT", None),
    ("Air defences intercepted two missiles on Monday.", "FIGHT", None),
    ("Insurgents captured a town on the northern highway on Thursday.", "FIGHT", None),
    ("Rebels overran an army outpost near the border on Sunday.", "FIGHT", None),
    # INVESTIGATE
    ("Prosecutors opened an investigation into the fire on Monday.", "INVESTIGATE", None),
    ("The inspectors looked into the complaints on Monday.", "INVESTIGATE", None),
    ("The minister ordered an inquiry into the crash on Monday.", "INVESTIGATE", None),
]

# sentence -> types that must NOT be extracted: mentions, topics, irrealis
NEGATIVE = [
    ("A court in Quito sentenced 12 rebels to life in prison today, declining a prosecution request that they be "
     "executed for treason.", {"ASSAULT"}),
    ("Quito death sentences attacked\n\nA court in Quito jailed 12 rebels for life on Monday.", {"ASSAULT"}),
    ("Welcoming the offer of talks, union spokesman Pedro Ruiz told reporters: \u201cHis call to end the strike was a "
     "right move given the losses.\u201d", {"CONSULT"}),
    ("Juan Perez's supporters have taken to the streets in angry protests in the past.", {"PROTEST"}),
    ("Supporters of Juan Perez have blocked roads over the years to protest low prices.", {"PROTEST"}),
    ("Bolivia's rebels agreed to a truce on Friday, two days after clashes with the army threatened to throw the "
     "country into chaos.", {"THREATEN"}),
    ("The drought threatens to ruin the harvest in the valley.", {"THREATEN"}),
    ("Farmers questioned Bolivia's role in the dispute on Monday.", {"INVESTIGATE"}),
    ("The ministry sent a letter, to which the embassy responded on Monday.", {"FIGHT"}),
    ("The removal of troops from the border began in May.", {"SANCTION"}),
    ("The ministry responded to the letter on Monday.", {"FIGHT"}),
    ("The army responded to questions from reporters on Monday.", {"FIGHT"}),
    ("The talks on a ceasefire were a topic of the conference.", {"AGREE"}),
    ("The army bought new attack helicopters.", {"ASSAULT"}),
    ("The army will invade the island next year.", {"ASSAULT"}),
    ("Officials said the country may impose martial law.", {"COERCE"}),
    ("The country did not sever ties with Spain.", {"SANCTION"}),
    ("If the rebels attack, the army will respond.", {"ASSAULT", "FIGHT"}),
    ("An earthquake struck the region on Monday.", {"ASSAULT"}),
    ("The storm hit the coastal villages on Monday.", {"ASSAULT"}),
    ("The minister executed the plan on Monday.", {"ASSAULT"}),
    ("The union called for an investigation into the dispute.", {"INVESTIGATE"}),
    ("The opposition demanded lifting the curfew.", {"CONCEDE"}),
    ("Campaigners accused the militia of torching homes.", {"ASSAULT"}),
    ("Campaigners accuse the militia of abuses, torching homes and using child soldiers.", {"ASSAULT"}),
    ("Officials must begin the work of lifting the curfew soon.", {"CONCEDE"}),
    ("Impeaching him would require a two-thirds majority.", {"SANCTION"}),
    ("The firm released its annual report on Monday.", {"RETREAT"}),
    ("The minister met the deadline on Monday.", {"CONSULT"}),
    ("The agency fought corruption for years.", {"FIGHT"}),
    ("The town is surrounded by hills.", {"COERCE"}),
    ("The president visited the website.", {"CONSULT"}),
    ("Inflation hit a record high in March.", {"ASSAULT"}),
    ("The court dismissed the minister's chief of staff.", {"REJECT"}),
    ("Protesters demanded the release of the prisoners.", {"RETREAT"}),
    ("The country was under martial law for a decade.", {"COERCE"}),
    ("Analysts warned that prices would rise.", {"THREATEN"}),
    ("The minister vowed to cut taxes.", {"THREATEN"}),
    ("The airline cut ticket prices on Monday.", {"SANCTION"}),
]


@pytest.fixture(scope="module")
def run(nlp):
    return caching_extractor(nlp, PUBLISHED)


@pytest.mark.parametrize(("text", "type_", "mode"), POSITIVE, ids=[p[0][:48] for p in POSITIVE])
def test_sense_gives_its_event(nlp, text, type_, mode):
    # the asserted trigger, whether or not the sentence names a participant the finder needs to keep an event
    triggers = find_triggers(nlp(text))
    found = [(t.type, t.mode, t.token.text) for t in triggers]
    assert any(t.type == type_ and (mode is None or t.mode == mode) for t in triggers), found


@pytest.mark.parametrize(("text", "types"), NEGATIVE, ids=[n[0][:48] for n in NEGATIVE])
def test_mentions_topics_and_irrealis_give_no_event(run, text, types):
    doc = run(text)
    found = [(e.type, e.trigger) for e in doc.events]
    assert not any(e.type in types for e in doc.events), found


def test_named_arguments_are_not_events_of_their_own(run):
    """ "voted to lift the curfew": one REJECT, no CONCEDE for "lift", no COERCE for "curfew"."""
    doc = run("The Nepali assembly voted to lift the curfew on Tuesday.")
    assert [e.type for e in doc.events] == ["REJECT"]
    doc = run("Nepal called off the talks with the rebels on Monday.")
    assert [e.type for e in doc.events] == ["SANCTION"]


def test_threat_verb_is_the_event_though_its_complement_is_future(run):
    doc = run("The Houthi militia threatened to strike Socotra on Monday.")
    assert [(e.type, e.mode) for e in doc.events] == [("THREATEN", "violence")]


def test_asserting_head_asserts_its_complement(run):
    doc = run("Congress voted to remove the governor from office on Thursday.")
    assert [e.type for e in doc.events] == ["SANCTION"]
    assert doc.events[0].trigger == "remove"


def test_removal_target_and_expel_source(run):
    doc = run("Estonia expelled two Belarusian diplomats on Monday.")
    event = next(e for e in doc.events if e.type == "SANCTION")
    names = {doc.actor(p.actor_key).name: p.role for p in event.participants if doc.actor(p.actor_key)}
    assert names.get("Estonia") == "source", names


# ----------------------------------------------------------------------------- every verb sense is reachable

IRREGULAR = {
    "strike": "struck", "break": "broke", "shoot": "shot", "hit": "hit", "fight": "fought", "cut": "cut",
    "put": "put", "set": "set", "take": "took", "hold": "held", "send": "sent", "lend": "lent", "seek": "sought",
    "swear": "swore", "tear": "tore", "withdraw": "withdrew", "find": "found", "meet": "met", "speak": "spoke",
    "freeze": "froze", "begin": "began", "quit": "quit", "shut": "shut", "beat": "beat", "blow": "blew",
    "throw": "threw", "show": "showed", "overthrow": "overthrew", "lead": "led", "bring": "brought",
    "forbid": "forbade", "rebuild": "rebuilt", "test-fire": "test-fired", "wage": "waged",
}
DOUBLED = {"ban", "bar", "drop", "stop", "ship", "step", "stab", "admit", "plan", "snub", "gun", "scrap",
           "slam", "trap", "plot", "ram"}
PARTICLES = {"off", "out", "up", "down", "back", "over", "away", "in"}
ADJECTIVES = {"guilty", "liable", "responsible", "accountable", "illegal", "unlawful", "unconstitutional",
              "invalid", "void", "null", "illegitimate", "persona", "hostage", "captive", "prisoner"}
# sentences for senses whose words a template cannot arrange naturally
EXTRA = {
    "rule": ["The court ruled that the petition lacked merit on Monday."],
    "respond": ["Chilean soldiers responded using mortars on Monday.",
                "Peruvian gunboats shelled a Chilean pier, to which Chilean troops responded."],
    "execute": ["The state executed two prisoners on Monday.", "The kingdom executed on Monday."],
    "designate": ["The ministry designated the militia a terrorist organization on Monday."],
    "take": ["The gunmen took two tourists hostage on Monday."],
    "warn": ["The minister warned Chile of retaliation on Monday.",
             "The minister warned that any attack would mean war."],
    "plead": ["The mayor pleaded not guilty on Monday.", "The mayor pleaded guilty on Monday."],
    "find": ["The court found the mayor not guilty on Monday.", "The court found the mayor guilty on Monday."],
    "hold": ["The court held that the claim lacked merit on Monday.",
             "The party held them responsible for the deaths."],
    "declare": ["The police declared the rally illegal on Monday."],
    "arrive": ["Rescuers arrived in Chile to assist with the search on Monday."],
    "charge": ["Prosecutors charged the mayor with fraud on Monday."],
    "order": ["The general ordered the troops to leave the town.", "The general ordered the soldiers to halt.",
              "The judge ordered the officers to release the men."],
    "direct": ["The ministry directed all foreigners to leave the country."],
    "strike": ["Jets struck rebel positions on Monday.", "Jets struck Chile on Monday."],
    "surround": ["Troops surrounded the palace on Monday."],
    "encircle": ["Troops encircled the palace on Monday."],
    "raid": ["Militants raided the offices on Monday."],
    "reestablish": ["Chile and Uruguay reestablished diplomatic ties last week."],
}


def _past(lemma: str) -> str:
    if lemma in IRREGULAR:
        return IRREGULAR[lemma]
    if lemma in DOUBLED:
        return lemma + lemma[-1] + "ed"
    if lemma.endswith("e"):
        return lemma + "d"
    if lemma.endswith("y") and lemma[-2] not in "aeiou":
        return lemma[:-1] + "ied"
    return lemma + "ed"


def _plural(word: str) -> str:
    if word.endswith("y") and word[-2] not in "aeiou":
        return word[:-1] + "ies"
    return word if word.endswith("s") else word + "s"


def _candidates(lemma: str, sense) -> list[str]:
    subjects = [_plural(sense.subject and sorted(sense.subject)[0] or "official").capitalize()]
    if sense.subject is None:
        subjects = ["The Norwegian government"]
    verb = _past(lemma)
    objects = [""]
    if sense.object is not None:
        objects = [f" the {o}" for o in sorted(sense.object)[:4]]
    elif sense.object_actor:
        objects = [" the ambassador", " Chile"]
    elif "*" not in sense.not_object and (sense.prep and sense.pobj is not None or sense.xcomp):
        objects = ["", " the mayor"]
    particle, phrase = "", ""
    if sense.prep is not None:
        if sense.pobj is not None:
            phrase = f" {sense.prep} the {sorted(sense.pobj)[0]}"
        elif sense.prep in PARTICLES:
            particle = f" {sense.prep}"
        else:
            phrase = f" {sense.prep} Chile"
    tails = [""]
    if sense.xcomp is not None:
        words = sorted(w for w in sense.xcomp if w not in ("*", "neg"))[:3] or ["leave"]
        tails = [f" {w}" if w in ADJECTIVES else f" to {w} the rebels" for w in words]
    if sense.complement_words is not None:
        tails = [f" of {w}" for w in sorted(sense.complement_words)[:3]]
    return [f"{subj} {verb}{particle}{obj}{phrase}{tail} on Monday."
            for subj in subjects for obj in objects for tail in tails]


def _verb_senses():
    for lemma, senses in sorted(lexicon().plover.verbs.items()):
        for n, _ in enumerate(senses):
            yield lemma, n


@pytest.mark.parametrize(("lemma", "index"), list(_verb_senses()))
def test_every_verb_sense_is_reachable(nlp, lemma, index):
    """A sentence built from the sense's own words makes that sense, and no earlier one, match the verb."""
    senses = lexicon().plover.verbs[lemma]
    sense = senses[index]
    tried = []
    for text in EXTRA.get(lemma, []) + _candidates(lemma, sense):
        doc = nlp(text)
        for tok in doc:
            if trigger_lemma(tok) == lemma or tok.lemma_.lower() == lemma:
                got = matching_sense(tok, senses, False)
                if got is sense:
                    return
                tried.append((text, None if got is None else senses.index(got)))
    pytest.fail(f"{lemma}[{index}] ({sense.type}) never matched: {tried}")
