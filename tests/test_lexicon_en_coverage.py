"""English trigger lexicon (data/events/en.yaml): coverage of all 16 PLOVER types and false alarms.

Every sentence here was written for this test (news style, real parser and actor stage). A case
states the type that must be coded and, where the frame is the point of the entry, the source and
target codes. For CONSULT/COOPERATE only the union of the codes is checked (CODEBOOK.md compares
them as one set). The ``xfail`` cases document coder-level problems the lexicon cannot fix.
"""

from __future__ import annotations

from functools import cache

import pytest

from newsevents import process_text


@cache
def _events(text: str) -> tuple:
    doc = process_text(text, language="en", published="2024-06-01")
    return tuple(
        (e.event, frozenset(a.code for a in e.source if a.code), frozenset(a.code for a in e.target if a.code), e)
        for e in doc.events
    )


def _hits(text: str, typ: str) -> list:
    hits = [x for x in _events(text) if x[0] == typ]
    assert hits, f"no {typ} in {text!r}: {[(t, set(s), set(g), e.rule) for t, s, g, e in _events(text)]}"
    return hits


UNION = {"CONSULT", "COOPERATE"}

# (sentence, type, source codes or None, target codes or None, mode or None)
CASES = [
    # CONSULT
    ("Chinese President Xi Jinping visited Serbia in May.", "CONSULT", {"CHN"}, {"SRB"}, "visit"),
    ("The Japanese prime minister paid a visit to Washington last week.", "CONSULT", {"JPN"}, {"USA"}, "visit"),
    ("Blinken held talks with his Chinese counterpart in Beijing.", "CONSULT", {"USA"}, {"CHN"}, None),
    ("Seoul received a delegation from Tokyo.", "CONSULT", {"KOR"}, {"JPN"}, "visit"),
    ("Athens and Ankara resumed talks on maritime borders.", "CONSULT", {"GRC", "TUR"}, set(), None),
    ("Egypt and Qatar mediated between Israel and Hamas.", "CONSULT", None, None, "third-party"),
    # AGREE
    ("Japan pledged $4.5 billion to Ukraine.", "AGREE", {"JPN"}, {"UKR"}, None),
    ("Brazil is seeking to deepen its partnership with the United States.", "AGREE", {"BRA"}, None, None),
    ("The two sides reached an agreement on prisoner exchanges.", "AGREE", None, None, None),
    # SUPPORT
    ("Ukraine signed a security agreement with Germany.", "SUPPORT", {"UKR"}, {"DEU"}, None),
    ("Japan apologized to South Korea for the incident.", "SUPPORT", {"JPN"}, {"KOR"}, None),
    ("Spain recognized the state of Palestine.", "SUPPORT", {"ESP"}, {"PSE"}, None),
    # CONCEDE
    ("Israel declared a unilateral ceasefire in Gaza.", "CONCEDE", {"ISR"}, None, None),
    # COOPERATE
    ("Washington shares intelligence with Kyiv.", "COOPERATE", {"USA"}, {"UKR"}, None),
    ("Russian and Chinese warships conducted joint drills in the Sea of Japan.", "COOPERATE", None, None, None),
    # AID
    ("Germany sent tanks to Ukraine.", "AID", {"DEU"}, {"UKR"}, "military"),
    ("North Korea has supplied Russia with artillery shells.", "AID", {"PRK"}, {"RUS"}, "military"),
    ("Kyiv received air defence systems from Germany.", "AID", None, None, "military"),
    ("The EU delivered humanitarian aid to Gaza.", "AID", {"EUR"}, None, "humanitarian"),
    # RETREAT
    ("Russia withdrew its troops from Kherson.", "RETREAT", {"RUS"}, None, None),
    ("Hamas freed four hostages on Saturday.", "RETREAT", {"PSE"}, None, None),
    ("Washington lifted sanctions on Venezuela.", "RETREAT", {"USA"}, {"VEN"}, None),
    # REQUEST
    ("Kyiv asked Berlin for more air defence.", "REQUEST", {"UKR"}, {"DEU"}, None),
    ("Ukraine sought more weapons from its allies.", "REQUEST", {"UKR"}, None, None),
    ("Washington pressured Cairo to open the border.", "REQUEST", {"USA"}, {"EGY"}, None),
    # ACCUSE
    ("Kyiv accused Moscow of war crimes.", "ACCUSE", {"UKR"}, {"RUS"}, None),
    ("Berlin summoned the Russian ambassador.", "ACCUSE", {"DEU"}, {"RUS"}, None),
    ("Evidence against Russia was presented by the United States.", "ACCUSE", {"USA"}, {"RUS"}, None),
    ("Kyiv and Moscow traded accusations over the attack on the dam.", "ACCUSE", None, None, None),
    # REJECT
    ("Russia vetoed the resolution.", "REJECT", {"RUS"}, None, None),
    ("Berlin resisted pressure to send long-range missiles to Kyiv.", "REJECT", {"DEU"}, None, None),
    # THREATEN
    ("Iran threatened Israel with a harsh response.", "THREATEN", {"IRN"}, {"ISR"}, None),
    ("Tehran vowed to retaliate.", "THREATEN", {"IRN"}, None, None),
    # PROTEST
    ("Thousands of Kenyans staged a protest against the finance bill.", "PROTEST", {"KEN"}, None, None),
    ("Students staged a sit-in at the university.", "PROTEST", None, None, None),
    ("Doctors went on strike over pay.", "PROTEST", None, None, None),
    # SANCTION
    ("The EU imposed sanctions on Iranian officials.", "SANCTION", {"EUR"}, {"IRN"}, None),
    ("Berlin expelled four Russian diplomats.", "SANCTION", {"DEU"}, {"RUS"}, "expel"),
    ("The US State Department advised against travel to Haiti.", "SANCTION", {"USA"}, {"HTI"}, None),
    ("The EU adopted a new package of sanctions against Iran.", "SANCTION", {"EUR"}, {"IRN"}, None),
    # MOBILIZE
    ("China conducted military exercises around Taiwan.", "MOBILIZE", {"CHN"}, {"TWN"}, None),
    ("Russia deployed troops to the border.", "MOBILIZE", {"RUS"}, None, None),
    # COERCE
    ("The ICC issued arrest warrants for Netanyahu and Gallant.", "COERCE", None, {"ISR"}, "arrest"),
    ("A Tunisian court jailed the activist for two years.", "COERCE", {"TUN"}, None, "arrest"),
    ("Germany deported 28 Afghans.", "COERCE", {"DEU"}, {"AFG"}, "deport"),
    ("Iran seized a British tanker in the Strait of Hormuz.", "COERCE", {"IRN"}, {"GBR"}, "seize"),
    ("The journalist was detained by Russian security forces.", "COERCE", {"RUS"}, None, "arrest"),
    # ASSAULT
    ("Hezbollah fired rockets at northern Israel.", "ASSAULT", {"LBN"}, {"ISR"}, "aerial"),
    ("Russia launched drones against Kyiv overnight.", "ASSAULT", {"RUS"}, {"UKR"}, "aerial"),
    ("Syrian rebels engaged Filipino peacekeepers in a firefight.", "ASSAULT", {"SYR"}, {"PHL"}, None),
    ("Syria used chemical weapons against civilians.", "ASSAULT", {"SYR"}, None, "CBRN"),
    ("Two Palestinians were shot dead by Israeli soldiers.", "ASSAULT", {"ISR"}, {"PSE"}, "firearms"),
    ("Militants fired mortars at a military base near Mogadishu.", "ASSAULT", None, None, "explosives"),
    ("Ukrainian drones struck a Russian warship in Sevastopol.", "ASSAULT", {"UKR"}, None, None),
]


@pytest.mark.parametrize("text,typ,src,tgt,mode", CASES, ids=[c[0][:40] for c in CASES])
def test_event_type_and_frame(text, typ, src, tgt, mode):
    hits = _hits(text, typ)
    if src is None and tgt is None and mode is None:
        return

    def fits(h):
        _, s, t, ev = h
        if mode is not None and ev.mode != mode:
            return False
        if typ in UNION and src is not None and tgt is not None:
            return s | t == src | tgt
        return (src is None or s == src) and (tgt is None or t == tgt)

    assert any(fits(h) for h in hits), [(set(s), set(t), e.mode, e.rule) for _, s, t, e in hits]


# sentences whose event must come out as one type and never as the wrong one
@pytest.mark.parametrize(
    "text,typ,wrong",
    [
        ("The ICC issued arrest warrants for Netanyahu and Gallant.", "COERCE", "ACCUSE"),
        ("Police fired tear gas at protesters in Nairobi.", "COERCE", "ASSAULT"),
        ("North Korea test-fired a ballistic missile.", "MOBILIZE", "ASSAULT"),
        ("Pyongyang fired two missiles into the sea.", "MOBILIZE", "ASSAULT"),
        ("Russian and Chinese warships conducted joint drills in the Sea of Japan.", "COOPERATE", "MOBILIZE"),
        ("Ottawa announced asset freezes and travel bans against Russian officers.", "SANCTION", "COERCE"),
        ("Qatar pledged to expel leaders of the Muslim Brotherhood.", "COERCE", "AGREE"),
        ("Gunmen opened fire on a bus in Peshawar.", "ASSAULT", "AID"),
    ],
)
def test_right_type_not_the_wrong_one(text, typ, wrong):
    _hits(text, typ)
    assert not [x for x in _events(text) if x[0] == wrong], _events(text)


def test_announced_sanctions_are_one_event_against_the_named_target():
    evs = [x for x in _events("Ottawa announced asset freezes and travel bans against Russian officers.")]
    assert [x[0] for x in evs] == ["SANCTION"]
    assert evs[0][1] == {"CAN"} and evs[0][2] == {"RUS"}


NO_EVENT = [
    "The minister helped to organise a charity dinner.",
    "An armed group was seen near the border.",
    "Exiled dissidents gathered in a Paris cafe.",
    "Police obtained a search warrant.",
    "Moscow has resisted taking a harder line.",
    "The bomb squad defused a device near the station.",
    "Demand for Russian oil fell sharply in China.",
    "Stocks rallied in Tokyo after the central bank decision.",
    "The senator suffered a heart attack in Washington.",
    "Six people were killed in a bus crash in Peru.",
    "Trump held a campaign rally in Ohio.",
    "The two countries are locked in a trade war.",
    "The minister in charge of defence gave an interview.",
    "Berlin acted in order to protect its economy.",
    "Protesters carried banners reading 'Free Tibet'.",
]


@pytest.mark.parametrize("text", NO_EVENT, ids=[t[:40] for t in NO_EVENT])
def test_no_event(text):
    assert [(t, set(s), set(g), e.rule) for t, s, g, e in _events(text)] == []


# -- coder-level problems (reported to the coder's owner); the lexicon entries are in place ----


@pytest.mark.parametrize(
    "text,typ",
    [
        ("The prime minister stepped down on Friday.", "RETREAT"),
        ("Authorities cracked down on the opposition.", "COERCE"),
        ("Moscow turned down the offer.", "REJECT"),
        pytest.param("Russia pulled out of the grain deal.", "RETREAT",
                     marks=pytest.mark.xfail(reason="coder: 'out of' is parsed as a compound preposition")),
    ],
)
def test_phrasal_verbs(text, typ):
    _hits(text, typ)


def test_receive_from_giver_is_source():
    _, src, tgt, _ = _hits("Kyiv received air defence systems from Germany.", "AID")[0]
    assert src == {"DEU"} and tgt == {"UKR"}


def test_target_in_pp_of_the_object():
    _, src, tgt, _ = _hits("The United States fired anti-aircraft batteries at Russia this week.", "ASSAULT")[0]
    assert src == {"USA"} and tgt == {"RUS"}
