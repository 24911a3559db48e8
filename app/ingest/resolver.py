"""Resolve one document's actors against the knowledge base, with the per-document state that keeps it cheap.

The result is the one an actor-at-a-time loop gives (find the match, store the account, refresh the fused actor,
next actor), but each stored actor's other accounts and aliases are read once per document instead of once per
local actor, candidate profiles are loaded in one query per lookup, alias rows go in with Core inserts, and the
document's account and mention evidence is written in two executemany statements at the end. Aliases are still
written as soon as an actor is refreshed: a later local actor of the same document must find it by them.
"""

from __future__ import annotations

from functools import lru_cache

from sqlalchemy import Row
from sqlmodel import Session, select

from app.changes.service import record
from app.extract.types import ExtractedActor, ExtractedDocument
from app.ingest.accounts import (
    ACCOUNT_KIND,
    ActorAccount,
    Tally,
    account_payload,
    accounts_of,
    add_to_tallies,
    stored_accounts,
    tallies_of,
)
from app.ingest.actors import (
    MAX_NAME,
    _candidate_ids,
    _insert,
    apply_fused,
    country_id_of,
    fuse_tally,
    name_keys,
    rekey,
    stem_candidate,
    sync_words,
    wanted_keys,
    word_stems,
)
from app.ingest.matching_actors import SURNAME_SCORE, Profile, match_score, profile, shared_name_part
from app.ingest.prefetch import ACTOR_FACTS, ACTORS, ALIASES_OF, DROP_ALIASES, FOUND, could_match, found_params
from app.models import Actor, ActorAlias, Document, Evidence
from app.sqlcore import insert_rows, run
from app.text import normalize

# Pure functions of their arguments, asked again and again for the same stored actors as documents name them
# (every candidate sharing a surname stem is scored): remembered across documents.
_match_score = lru_cache(maxsize=1 << 16)(match_score)


@lru_cache(maxsize=1 << 16)
def _stored_profile(type_: str, name: str, aliases: tuple[str, ...], role: str | None, country: str | None) -> Profile:
    return profile(type_, [name, *aliases], role, country)


@lru_cache(maxsize=1 << 16)
def _index_entries(aliases: frozenset[str]) -> tuple[frozenset[str], frozenset[str]]:
    """The stems and name keys of an actor's normalised aliases: every candidate is indexed again in each document
    that names its surname, mostly with the same aliases."""
    return frozenset(word_stems(aliases)), frozenset(name_keys(aliases))


def evidence_row(**values) -> dict:
    """An evidence row for a Core insert: every column present, so one executemany takes them all."""
    row = {"event_id": None, "statement_id": None, "actor_id": None}
    row.update(values)
    return row


class ActorResolver:
    """Maps one document's local actors to stored actors, recording the document's account of each."""

    def __init__(self, session: Session, document: Document) -> None:
        self.session = session
        self.document = document
        self.accounts: dict[int, ActorAccount] = {}  # this document's account per stored actor, first seen first
        self.first_mention: dict[int, tuple[int, int]] = {}
        self._others: dict[int, Tally] = {}  # other documents' accounts, tallied, read once
        self._own_stored: dict[int, list[str]] | None = None  # this document's stored accounts, read once
        self._other_accounts: dict[int, list[ActorAccount]] = {}  # whole, read only when a name needs them
        # stored aliases (and their normalised forms) of every actor read or written, kept in step with writes
        self._aliases: dict[int, list[str]] = {}
        self._normalized: dict[int, list[str]] = {}
        # those normalised aliases indexed (by `_reindex`): alias -> actors, name key (`name_keys`) -> actors;
        # and what each actor is indexed under, with the 1-3 letter stems of its words (`stem_candidate`)
        self._by_alias: dict[str, set[int]] = {}
        self._by_key: dict[str, set[int]] = {}
        self._looked_up: frozenset[str] = frozenset()  # the keys the prefetched profiles look up: all that is indexed
        self._indexed: dict[int, tuple] = {}
        self._prefetched: set[Profile] = set()  # profiles whose candidates at document start are all loaded
        self._countries: dict[str, int] = {}  # normalised country name -> country actor id
        # Strong references: the session's identity map holds clean rows weakly, so without these every
        # session.get of an actor seen a moment ago would be a SELECT again.
        self.actors: dict[int, Actor] = {}
        self._rows: dict[int, Row] = {}  # the matching facts of candidates not held as row objects (`_get`)
        self.created: set[int] = set()  # stored actors this document created (for the change feed)

    def resolve(self, account: ActorAccount, first_mention: tuple[int, int] = (0, 0)) -> int:
        """Find or create the stored actor, fold this document's account into it and return its id."""
        wanted = profile(account.type, [account.name, *account.aliases], account.role, account.country,
                         account.context)
        actor = self._find_match(wanted)
        if actor is None:
            actor, created = _insert(self.session, account, wanted)
            self.actors[actor.id] = actor
            if created:
                self.created.add(actor.id)  # nothing stored about it yet: no query for its aliases or other accounts
                self._aliases[actor.id], self._normalized[actor.id], self._others[actor.id] = [], [], Tally()
        if actor.id in self.accounts:
            self.accounts[actor.id].merge(account)
        else:
            account.aliases = sorted(set(account.aliases) | {account.name})
            self.accounts[actor.id] = account
            self.first_mention[actor.id] = first_mention
        self._refresh(actor)
        return actor.id

    def country(self, name: str) -> int:
        """The country actor called `name`, supported by this document."""
        return self.resolve(ActorAccount(name=name, type="country", aliases=[name]))

    def account_rows(self) -> list[dict]:
        """One account evidence row per stored actor this document names, in the order they were resolved."""
        rows = []
        for actor_id, account in self.accounts.items():
            start, end = self.first_mention[actor_id]  # the row account_evidence builds, without the model object
            rows.append(evidence_row(kind=ACCOUNT_KIND, actor_id=actor_id, document_id=self.document.id,
                                     start=start, end=end, sentence=account_payload(account)))
        return rows

    # matching ---------------------------------------------------------------------------------------------

    def prefetch(self, profiles: list[Profile]) -> None:
        """Load, in a few queries, every stored actor (facts and aliases) that may match any of `profiles`:
        those sharing a name or a name key with one of them, less those no profile they share it with could
        match (`could_match`: another type, another country; a name every profile places in a country does not
        even read the namesakes of other countries, `found_params`), and the tallies of the likely matches.

        Later lookups for these profiles filter the loaded aliases in memory. That is exact: an actor can only
        become a candidate during the document by gaining an alias, and aliases are only written through
        this resolver, which keeps its copy of them in step; one left out for its country could only match if
        its facts changed, and they change only for an actor this document resolves, which is a candidate.
        """
        names = sorted({n for p in profiles for n in p.names})
        keys = sorted({k for p in profiles for k in wanted_keys(p)})
        if not self._looked_up.issuperset(keys):
            self._looked_up |= frozenset(keys)
            self._reindex(sorted(self._indexed))  # held actors, indexed under the new keys too
        if names or keys:
            # which stored actors share a name or a key, through what, and their facts, in one statement (those
            # already held may have changed since they were stored, so the held copy stays)
            found: dict[int, set[str]] = {}
            for row in run(self.session, FOUND, found_params(profiles, names, keys)).all():
                if row.id not in self._aliases:
                    found.setdefault(row.id, set()).add(row.via)
                    if row.id not in self.actors and row.id not in self._rows:
                        self._rows[row.id] = row
            self._load_rows(sorted({c for i in found if (c := self._get(i).country_id)}))
            ids = could_match(found, profiles, self._get)
            # those sharing a whole name are most often the match, whose row object `_find_match` then needs:
            # one query for all instead of one per resolved actor
            likely = [i for i in ids if not found[i].isdisjoint(names)]
            self._load_actors(likely)
            # and their tallies, which `_refresh` reads for every actor the document resolves to
            self._load_tallies(likely)
            # the aliases of those that could match, as plain rows (dozens of candidates share a common surname
            # or a generic name in a large knowledge base)
            rows = run(self.session, ALIASES_OF, {"ids": ids}).all() if ids else []
            for actor_id, alias, normalized in rows:
                if actor_id not in self._aliases:
                    self._aliases[actor_id], self._normalized[actor_id] = [], []
                self._aliases[actor_id].append(alias)
                self._normalized[actor_id].append(normalized)
            self._reindex(ids)
        self._prefetched.update(profiles)

    def _candidates(self, wanted: Profile) -> list[int]:
        if wanted not in self._prefetched:
            ids = sorted(_candidate_ids(self.session, wanted))
            self._load_actors(ids)
            self._load_countries(ids)
            self._load_aliases(ids)
            return [i for i in ids if self._stem_candidate(wanted, i)]
        # the held actors sharing a name or a name key, from the index
        found = set().union(*(self._by_alias.get(n, ()) for n in wanted.names),
                            *(self._by_key.get(key, ()) for key in wanted_keys(wanted)))
        return sorted(i for i in found if self._get(i).type == wanted.type and self._stem_candidate(wanted, i))

    def _stem_candidate(self, wanted: Profile, actor_id: int) -> bool:
        if actor_id not in self._indexed:
            self._reindex([actor_id])
        aliases, stems, _ = self._indexed[actor_id]
        return stem_candidate(wanted, aliases, stems)

    def _reindex(self, ids: list[int]) -> None:
        """Bring the in-memory alias index in step with the held aliases of these actors."""
        for actor_id in ids:
            aliases, _, keys = self._indexed.pop(actor_id, ((), (), ()))
            for n in aliases:
                self._by_alias[n].discard(actor_id)
            for key in keys:
                self._by_key[key].discard(actor_id)
            aliases = frozenset(self._normalized.get(actor_id, ()))
            stems, keys = _index_entries(aliases)
            keys = keys & self._looked_up  # only what this document looks up: most keys of a candidate are not
            for n in aliases:
                self._by_alias.setdefault(n, set()).add(actor_id)
            for key in keys:
                self._by_key.setdefault(key, set()).add(actor_id)
            self._indexed[actor_id] = (aliases, stems, keys)

    def _find_match(self, wanted: Profile) -> Actor | None:
        """The stored actor `wanted` most certainly is, or None; ties go to the oldest actor.

        A match on a name part alone ("Choi") with agreeing evidence must be the only one: beside two stored
        people it could be ("Choi Min Ho", "Choi Min Seo") it names neither, and stays an actor of its own.
        """
        scored = sorted((-score, actor_id) for actor_id in self._candidates(wanted)
                        if (score := self._score(wanted, self._get(actor_id))) > 0)
        if not scored:
            return None
        best_score, best_id = -scored[0][0], scored[0][1]
        if best_score <= SURNAME_SCORE and sum(-s <= SURNAME_SCORE for s, _ in scored) > 1:
            return None
        self._load_actors([best_id])
        return self.actors[best_id]

    def _get(self, actor_id: int) -> Actor | Row:
        """The actor as held: its row object when this document loaded or changed it, else the plain row the
        prefetch read (actors are changed only through their row objects, so a plain row is current)."""
        held = self.actors.get(actor_id)
        return held if held is not None else self._rows[actor_id]

    def _load_rows(self, ids: list[int]) -> None:
        """The matching facts (type, name, role, country) of actors not held yet, as plain rows in one query:
        a document's candidates are every person sharing a surname stem, and most of them are only scored."""
        missing = [i for i in ids if i not in self.actors and i not in self._rows]
        if missing:
            for row in run(self.session, ACTOR_FACTS, {"ids": missing}).all():
                self._rows[row.id] = row

    def _load_actors(self, ids: list[int]) -> None:
        """Rows of the actors not held yet, in one query."""
        missing = [i for i in ids if i not in self.actors]
        if missing:
            for actor in self.session.exec(ACTORS, params={"ids": missing}).all():
                self.actors[actor.id] = actor

    def _load_countries(self, ids: list[int]) -> None:
        """The country rows of these held actors, in one query: scoring a candidate reads its country's name."""
        self._load_actors(sorted({c for i in ids if (c := self.actors[i].country_id)}))

    def _load_aliases(self, ids: list[int]) -> None:
        """Stored aliases of the actors not seen yet in this document, in one query."""
        missing = [i for i in ids if i not in self._aliases]
        if not missing:
            return
        for i in missing:
            self._aliases[i], self._normalized[i] = [], []
        for actor_id, alias, normalized in self.session.exec(
                select(ActorAlias.actor_id, ActorAlias.alias, ActorAlias.normalized)
                .where(ActorAlias.actor_id.in_(missing)).order_by(ActorAlias.actor_id, ActorAlias.id)).all():
            self._aliases[actor_id].append(alias)
            self._normalized[actor_id].append(normalized)
        self._reindex(missing)

    def _score(self, wanted: Profile, actor: Actor) -> float:
        """`match_score` against the stored actor; the countries its sources name are read (one query) only when
        a shared name part is all there is and they could be the agreeing evidence."""
        stored = self._profile(actor)
        score = _match_score(wanted, stored)
        if score == 0 and actor.type == "person" and wanted.country and shared_name_part(wanted, stored):
            score = _match_score(wanted, self._profile(actor, with_context=True))
        return score

    def _profile(self, actor: Actor, with_context: bool = False) -> Profile:
        """As `stored_profile`: every alias, the fused role and the country's current name (and, if asked, the
        countries its sources name)."""
        country = None
        if actor.country_id:
            self._load_rows([actor.country_id])
            country = self._get(actor.country_id).name
        if not with_context:  # the same facts give the same profile: normalised once, not per lookup
            return _stored_profile(actor.type, actor.name, tuple(self._aliases[actor.id]), actor.role, country)
        self._load_others(actor.id)
        own = [self.accounts[actor.id]] if actor.id in self.accounts else []
        context = sorted({c for acc in [*self._other_accounts[actor.id], *own] for c in acc.context})
        return profile(actor.type, [actor.name, *self._aliases[actor.id]], actor.role, country, context)

    def _load_others(self, actor_id: int) -> None:
        """The other documents' whole accounts, read only where a name part needs their countries as evidence
        (fusing needs only the tally)."""
        if actor_id not in self._other_accounts:
            self._other_accounts[actor_id] = [acc for doc_id, acc in accounts_of(self.session, actor_id)
                                              if doc_id != self.document.id]

    # fusing -----------------------------------------------------------------------------------------------

    def _refresh(self, actor: Actor) -> None:
        """Recompute the actor from the other documents' accounts and this document's current one."""
        self._load_tallies([actor.id])  # the other documents' accounts, tallied (app.ingest.accounts)
        fused = fuse_tally(actor.type, self._others[actor.id].plus(self.accounts[actor.id]))
        apply_fused(actor, fused, self._country_id(fused.country) if actor.type != "country" else None)
        self._sync_aliases(actor, fused.aliases)
        rekey(self.session, actor)

    def _load_tallies(self, ids: list[int]) -> None:
        """The stored tallies of the actors not held yet, less this document's stored accounts, in one query
        (the stored tallies change only once the document's actors are resolved: `add_to_tallies`)."""
        missing = [i for i in ids if i not in self._others]
        if missing:
            if self._own_stored is None:  # as stored before this document resolves: none once its extraction is cleared
                self._own_stored = stored_accounts(self.session, self.document.id)
            self._others.update(tallies_of(self.session, missing, self._own_stored))

    def _country_id(self, name: str | None) -> int | None:
        if not name:
            return None
        key = normalize(name)
        if key not in self._countries:
            found = country_id_of(self.session, name)
            if found is None:
                return None  # not cached: the document may create it
            self._countries[key] = found
        return self._countries[key]

    def _sync_aliases(self, actor: Actor, wanted: set[str]) -> None:
        self._load_aliases([actor.id])
        stored = self._aliases[actor.id]
        gone = [a for a in stored if a not in wanted]
        new = sorted(wanted - set(stored))
        if gone:
            run(self.session, DROP_ALIASES, {"actor": actor.id, "aliases": gone})
        new_rows = [{"actor_id": actor.id, "alias": a, "normalized": normalize(a)[:MAX_NAME]} for a in new]
        if new_rows:
            insert_rows(self.session, ActorAlias.__table__, new_rows)
        if gone or new_rows:
            kept = [(a, n) for a, n in zip(stored, self._normalized[actor.id], strict=True) if a in wanted]
            kept += [(r["alias"], r["normalized"]) for r in new_rows]
            self._aliases[actor.id] = [a for a, _ in kept]
            self._normalized[actor.id] = [n for _, n in kept]
            self._reindex([actor.id])
            sync_words(self.session, actor, self._normalized[actor.id])
            if actor.type == "country":
                self._countries.clear()  # a lower-id country may now carry a cached name


def resolve_document_actors(session: Session, document: Document, extracted: ExtractedDocument) -> dict[str, int]:
    """Resolve every extracted actor (countries first, so others can point at them); write mention evidence."""
    return resolve_actors(session, document, extracted)[0]


def resolve_actors(session: Session, document: Document,
                   extracted: ExtractedDocument) -> tuple[dict[str, int], dict[int, Actor]]:
    """As `resolve_document_actors`, also returning the stored actors (held, so reading them costs no query)."""
    resolver = ActorResolver(session, document)
    ordered = sorted(extracted.actors, key=lambda a: a.type != "country")
    context = document_countries(extracted)
    wanted = []
    for a in ordered:
        account = _account(a, context)
        wanted.append(profile(account.type, [account.name, *account.aliases], account.role, account.country,
                              account.context))
        if a.country and a.type != "country":
            wanted.append(profile("country", [a.country, a.country], None, None))
    resolver.prefetch(wanted)
    ids: dict[str, int] = {}
    for extracted_actor in ordered:
        if extracted_actor.country and extracted_actor.type != "country":
            resolver.country(extracted_actor.country)
        ids[extracted_actor.key] = resolver.resolve(_account(extracted_actor, context),
                                                    _first_mention(extracted_actor))
    session.flush()
    record(session, "actor", resolver.created, "created")
    record(session, "actor", set(resolver.accounts) - resolver.created, "updated")
    rows = resolver.account_rows()
    for extracted_actor in extracted.actors:
        for span in extracted_actor.mentions:
            rows.append(evidence_row(kind="mention", actor_id=ids[extracted_actor.key], document_id=document.id,
                                     start=span.start, end=span.end, sentence=span.sentence or span.text))
    insert_rows(session, Evidence.__table__, rows)
    add_to_tallies(session, resolver.accounts)  # the accounts just stored, counted for the next fusions
    return ids, {i: resolver.actors[i] for i in ids.values()}


def document_countries(extracted: ExtractedDocument) -> list[str]:
    """The countries a document names, as actors or as the country of one: the co-mentions a person's
    one-word name is checked against ("Moreno" in an article that names Ecuador)."""
    return sorted({a.name for a in extracted.actors if a.type == "country"}
                  | {a.country for a in extracted.actors if a.country})


def _account(a: ExtractedActor, context: list[str] | None = None) -> ActorAccount:
    aliases = sorted({s.strip()[:MAX_NAME] for s in [a.name, *a.aliases] if s and s.strip()})
    return ActorAccount(name=a.name.strip()[:MAX_NAME], type=a.type, role=a.role, country=a.country,
                        description=a.description, aliases=aliases,
                        context=list(context or []) if a.type == "person" else [])


def _first_mention(a: ExtractedActor) -> tuple[int, int]:
    if not a.mentions:
        return (0, 0)
    span = min(a.mentions, key=lambda s: s.start)
    return (span.start, span.end)
