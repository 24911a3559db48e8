#!/usr/bin/env python3
# A copy of shared/tools/kbscore.py (the owner's scorer) with only this header added; tests/evaluate use it to
# check that `eventkb evaluate` gives its figures on the same inputs. Refresh it from shared/tools, never edit it.
"""Score a running knowledge-base API against a gold annotation.

Talks only HTTP (the v1 contract), so it scores whatever runs at URL.
  kbscore.py --base URL --gold seeds.gold.json                              # seeds already loaded
  kbscore.py --base URL --gold-dir CORPUS --texts TEXTS --api-key KEY       # POST each article, score it alone,
                                                                            # then check each story's fusion
CORPUS holds manifest.json and gold/ (see ../gold/GUIDELINES.md); TEXTS the article texts named as in the manifest.
Prints a JSON report per article and, last, one summary line.
"""
import argparse
import difflib
import json
import os
import re
import unicodedata
import urllib.error
import urllib.parse
import urllib.request

# the held-out gold uses a plain taxonomy; each maps to the PLOVER types accepted for it (None: not scored)
PLAIN_TO_PLOVER = {
    "CONSULT": ["CONSULT"], "MEET": ["CONSULT"], "TRAVEL": ["CONSULT"], "ACCUSE": ["ACCUSE", "DISAPPROVE"],
    "PROTEST": ["PROTEST", "DISAPPROVE", "ACCUSE"], "DEMAND": ["DEMAND", "REQUEST"], "REQUEST": ["REQUEST", "DEMAND"],
    "AGREE": ["AGREE", "COOPERATE"], "SUPPORT": ["SUPPORT", "AGREE", "AID"], "REJECT": ["REJECT", "DISAPPROVE"],
    "THREATEN": ["THREATEN"], "SANCTION": ["SANCTION", "COERCE"], "RESTRICT": ["COERCE", "SANCTION"],
    "ARREST": ["COERCE"], "ATTACK": ["ASSAULT", "FIGHT"], "KILL": ["ASSAULT"], "INVESTIGATE": ["INVESTIGATE"],
    "STATEMENT": None, "OTHER": None,
}

PRONOUNS = {"it", "its", "he", "she", "they", "his", "her", "their", "him", "them"}
STOP = set("the a an of to and in on at for by with from that this is are was were be been its their his her it as into over about than which who".split())


def norm(s):
    s = unicodedata.normalize("NFKD", s or "").encode("ascii", "ignore").decode().lower()
    s = s.replace("'s", "").replace("’s", "")
    s = re.sub(r"[^a-z0-9 ]+", " ", s)
    toks = [t for t in s.split() if t not in {"the", "a", "an"}]
    return " ".join(toks)


def same_name(a, b):
    a, b = norm(a), norm(b)
    if not a or not b:
        return False
    if a == b:
        return True
    # transliteration variants (Sergey/Sergei) and small typos on multi-word names
    return len(a) > 6 and difflib.SequenceMatcher(None, a, b).ratio() >= 0.9


def words(s):
    return {t for t in norm(s).split() if t not in STOP and len(t) > 2}


def overlap(a, b):
    return word_overlap(words(a), words(b))


def word_overlap(wa, wb):
    if not wa or not wb:
        return 0.0
    return len(wa & wb) / min(len(wa), len(wb))


def get(base, path, params=None):
    url = base.rstrip("/") + path + ("?" + urllib.parse.urlencode(params, doseq=True) if params else "")
    with urllib.request.urlopen(url, timeout=60) as r:
        return json.loads(r.read())


def post(base, path, body, headers=None):
    req = urllib.request.Request(base.rstrip("/") + path, data=json.dumps(body).encode(),
                                 headers={"Content-Type": "application/json", **(headers or {})}, method="POST")
    with urllib.request.urlopen(req, timeout=300) as r:
        return json.loads(r.read())


def get_all(base, path, params=None, cap=5000):
    params = dict(params or {})
    params.setdefault("limit", 100)
    items, cursor = [], None
    while True:
        p = dict(params)
        if cursor:
            p["cursor"] = cursor
        page = get(base, path, p)
        if isinstance(page, list):
            return page
        items += page.get("items", [])
        cursor = page.get("next_cursor")
        if not cursor or len(items) >= cap:
            return items


def wait_visible(base, path, seconds=10.0):
    """Score what was stored, not a race: wait until a read sees the document just posted."""
    import time
    end = time.time() + seconds
    while time.time() < end:
        try:
            get(base, path)
            return
        except urllib.error.HTTPError:
            time.sleep(0.1)


def actor_names(a):
    if not a:
        return []
    if isinstance(a, str):
        return [a]
    names = [a.get("name") or ""] + list(a.get("aliases") or [])
    return [n for n in names if n]


def participants(ev):
    out = []
    for p in ev.get("participants") or ev.get("actors") or []:
        if isinstance(p, dict):
            out.append(p.get("actor") if isinstance(p.get("actor"), dict) else p)
        else:
            out.append(p)
    return out


def date_ok(gold, sysdate):
    if not gold:
        return True
    if not sysdate:
        return False
    sysdate = str(sysdate)
    return sysdate.startswith(gold) or (len(sysdate) < len(gold) and gold.startswith(sysdate) and len(sysdate) >= 7)


SIDES = {}


def build_sides(gold):
    # a country's speaker may be its ministry, and the reverse
    for a in gold["actors"]:
        if a.get("type") == "country":
            SIDES.setdefault(a["name"], {a["name"]})
    for a in gold["actors"]:
        if a.get("type") == "organization" and a.get("country") in SIDES:
            SIDES[a["country"]].add(a["name"])
            SIDES[a["name"]] = SIDES[a["country"]]


def score(gold, actors, events, statements):
    build_sides(gold)
    gold_actors = gold["actors"]
    # map each system actor to the gold actor it names
    everyone = gold_actors + [dict(l, type="location") for l in gold.get("locations", [])]

    def resolve(sysactor):
        # exact canonical names first, then exact aliases, then near spellings
        names = [norm(n) for n in actor_names(sysactor)]
        for g in everyone:
            if norm(g["name"]) in names:
                return g["name"]
        for g in everyone:
            if any(norm(ga) in names for ga in g.get("aliases", [])):
                return g["name"]
        for g in everyone:
            if any(same_name(n, ga) for n in names for ga in [g["name"]] + g.get("aliases", [])):
                return g["name"]
        return None

    sys_to_gold = {}
    for a in actors:
        sys_to_gold[a.get("id")] = resolve(a)
    found = {}
    for a in actors:
        g = sys_to_gold[a.get("id")]
        if g:
            found.setdefault(g, []).append((a.get("type"), a.get("name")))
    req = [g["name"] for g in gold_actors if g.get("required")]
    a_hit = [n for n in req if n in found]
    # a duplicate: two stored actors of the same type for one real actor (a capital stored as a location is fine)
    a_dup = {n: [nm for _, nm in v] for n, v in found.items() if len({t for t, _ in v}) < len(v)}
    # precision counts each real actor once per type: duplicates are errors, like junk actors
    a_prec = sum(len({t for t, _ in v}) for v in found.values()) / max(1, len(actors))
    report = {"actors": {"required": len(req), "found": len(a_hit), "missing": [n for n in req if n not in found],
                         "system_total": len(actors), "precision": round(a_prec, 3), "duplicates": a_dup,
                         "unmatched_system": [a.get("name") for a in actors if not sys_to_gold[a.get("id")]][:40]}}

    def ev_actor_golds(ev):
        out = set()
        for p in participants(ev):
            g = resolve(p) if isinstance(p, dict) else resolve({"name": p})
            if g:
                out.add(g)
        return out

    used, e_hits, e_detail = set(), [], {}
    for ge in gold["events"]:
        best = None
        for ev in events:
            # an unscored gold event (no accepted type) still absorbs the system event that reports it
            if ev.get("id") in used or (ge["types"] and ev.get("type") not in ge["types"]):
                continue
            if not date_ok(ge.get("date"), ev.get("date")):
                continue
            ga = set(ge.get("actors", []))
            if ga and not (ga & ev_actor_golds(ev)):
                continue
            best = ev
            break
        if best:
            used.add(best.get("id"))
            e_hits.append(ge["id"])
            docs = {str(d.get("document_id") if isinstance(d, dict) else d) for d in (best.get("evidence") or best.get("sources") or [])}
            e_detail[ge["id"]] = {"system_id": best.get("id"), "sources": len(docs)}
    req_e = [e for e in gold["events"] if e.get("required")]
    merged_need = [e["id"] for e in req_e if len(e["docs"]) > 1 and e["id"] in e_detail]
    merged_ok = [i for i in merged_need if e_detail[i]["sources"] > 1]
    report["events"] = {"required": len(req_e), "found": len([e for e in req_e if e["id"] in e_hits]),
                        "missing": [e["id"] for e in req_e if e["id"] not in e_hits],
                        "system_total": len(events), "precision": round(len(used) / max(1, len(events)), 3),
                        "matched": e_detail,
                        "merged_across_documents": f"{len(merged_ok)}/{len(merged_need)}"}

    def speaker_ok(gspeaker, st):
        sp = st.get("speaker")
        g = resolve(sp if isinstance(sp, dict) else {"name": sp})
        return g == gspeaker or (g in SIDES.get(gspeaker, set()))

    used_s, s_hits = set(), []
    for gs in gold["statements"]:
        # corpus gold gives the statement as its bag of content words instead of the article's words
        gwords = set(gs["words"]) if "words" in gs else words(gs["text"])
        cands = [(word_overlap(gwords, words(st.get("text") or st.get("content") or "")), st) for st in statements
                 if st.get("id") not in used_s and speaker_ok(gs["speaker"], st)]
        cands = [c for c in cands if c[0] >= 0.4]
        if cands:
            best = max(cands, key=lambda c: c[0])[1]
            used_s.add(best.get("id"))
            s_hits.append(gs["id"])
    req_s = [s for s in gold["statements"] if s.get("required")]
    report["statements"] = {"required": len(req_s), "found": len([s for s in req_s if s["id"] in s_hits]),
                            "missing": [s["id"] for s in req_s if s["id"] not in s_hits],
                            "system_total": len(statements), "precision": round(len(used_s) / max(1, len(statements)), 3)}
    return report


def f1(r):
    rec = r["found"] / max(1, r["required"])
    p = r["precision"]
    return 0 if rec + p == 0 else 2 * p * rec / (p + rec)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True)
    ap.add_argument("--gold")
    ap.add_argument("--gold-dir", help="held-out set: articles/ and gold/ with manifest.json")
    ap.add_argument("--texts", help="folder with the held-out article texts (kept out of the repo)")
    ap.add_argument("--api-key", default=os.environ.get("KB_API_KEY", ""))
    a = ap.parse_args()
    api = "/api/v1"
    if a.gold:
        gold = json.load(open(a.gold))
        rep = score(gold, get_all(a.base, api + "/actors"), get_all(a.base, api + "/events"), get_all(a.base, api + "/statements"))
        print(json.dumps(rep, indent=1))
        print("seeds: actor F1 %.2f, event F1 %.2f (merged %s), statement F1 %.2f" % (
            f1(rep["actors"]), f1(rep["events"]), rep["events"]["merged_across_documents"], f1(rep["statements"])))
        return
    man = json.load(open(os.path.join(a.gold_dir, "manifest.json")))["articles"]
    totals = {"actors": [0, 0, 0.0], "events": [0, 0, 0.0], "statements": [0, 0, 0.0]}
    story_ids = {}  # story_event -> [(article, system event id or None)]
    headers = {"X-API-Key": a.api_key} if a.api_key else {}
    for m in man:
        text = open(os.path.join(a.texts, m["file"])).read()
        gold = json.load(open(os.path.join(a.gold_dir, "gold", m["file"].replace(".txt", ".json"))))
        gold.setdefault("locations", [])
        for g in gold["actors"]:
            g.setdefault("required", g.get("type") in ("person", "organization", "country"))
            g["aliases"] = [x for x in g.get("aliases", []) if x.lower() not in PRONOUNS]
        for e in gold["events"]:
            accepted = PLAIN_TO_PLOVER.get(e.get("type"), [e.get("type")])
            e.setdefault("required", accepted is not None); e.setdefault("docs", ["A"]); e["types"] = e.get("types") or accepted or []
            e.setdefault("id", e["summary"][:40])
            if e.get("story_event"):
                story_ids.setdefault(e["story_event"], [])
        for i, s in enumerate(gold["statements"]):
            s.setdefault("required", True); s.setdefault("id", f"s{i}")
        doc = post(a.base, api + "/documents", {"text": text, "title": m.get("title"), "outlet": m.get("outlet"),
                                                "url": m.get("url"), "published": m.get("published_date")}, headers)
        did = doc.get("id") or doc.get("document", {}).get("id")
        wait_visible(a.base, api + f"/documents/{did}")
        q = {"document": did}
        rep = score(gold, get_all(a.base, api + "/actors", q), get_all(a.base, api + "/events", q), get_all(a.base, api + "/statements", q))
        print(m["file"], json.dumps(rep))
        for e in gold["events"]:
            if e.get("story_event"):
                hit = rep["events"]["matched"].get(e["id"])
                story_ids[e["story_event"]].append((m["file"], hit and hit["system_id"]))
        for k in totals:
            totals[k][0] += rep[k]["required"]; totals[k][1] += rep[k]["found"]; totals[k][2] += rep[k]["precision"]
    n = max(1, len(man))
    out = []
    for k, (req, found, p) in totals.items():
        r = {"required": req, "found": found, "precision": p / n}
        out.append(f"{k} F1 {f1(r):.2f} (recall {found}/{req}, precision {p / n:.2f})")
    stories = {k: v for k, v in story_ids.items() if len(v) > 1}
    if stories:
        # one happening told by several articles: every article's match must be the same stored event
        merged = [k for k, v in stories.items() if None not in {i for _, i in v} and len({i for _, i in v}) == 1]
        print("stories:", json.dumps({k: [i for _, i in v] for k, v in stories.items()}))
        out.append(f"story events fused {len(merged)}/{len(stories)}")
    print(os.path.basename(os.path.normpath(a.gold_dir)) + ": " + "; ".join(out))


if __name__ == "__main__":
    main()
