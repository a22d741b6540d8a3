"""The event coder on sentences written for these tests (real parser, real actor stage)."""

from __future__ import annotations

import pytest

import newsevents


def _events(text: str, lang: str = "de"):
    doc = newsevents.process_text(text, language=lang, published="2024-06-17")
    return [
        (e.event, {a.code for a in e.source if a.code}, {a.code for a in e.target if a.code}, e) for e in doc.events
    ]


def _one(text: str, typ: str):
    hits = [x for x in _events(text) if x[0] == typ]
    assert hits, f"no {typ} in {text!r}: {_events(text)}"
    return hits[0]


def test_separable_light_verb_is_one_reject_not_an_accusation():
    evs = _events("Die Regierung in Moskau wies die Vorwürfe zurück.")
    assert [e[0] for e in evs] == ["REJECT"]
    assert evs[0][1] == {"RUS"}


def test_speech_alone_is_no_event():
    assert _events("Der Sprecher sagte, die Lage sei ernst.") == []


def test_negated_assault_with_source_and_target():
    _, src, tgt, ev = _one("Russland hat die Ukraine nicht angegriffen.", "ASSAULT")
    assert src == {"RUS"} and tgt == {"UKR"} and ev.negated


def test_future_visit_to_a_place():
    _, src, tgt, ev = _one("Putin wird am Dienstag in Pjöngjang eintreffen.", "CONSULT")
    assert src == {"RUS"} and tgt == {"PRK"} and ev.future and ev.mode == "visit"


def test_passive_agent_is_source_subject_is_target():
    _, src, tgt, ev = _one("Zwei Palästinenser wurden von israelischen Soldaten erschossen.", "ASSAULT")
    assert src == {"ISR"} and tgt == {"PSE"} and ev.mode == "firearms"


def test_event_under_an_accusation_is_alleged_with_object_control():
    evs = _events("US-amerikanische Beamte warfen Nordkorea vor, Russland Munition zu liefern.")
    acc = [e for e in evs if e[0] == "ACCUSE"][0]
    aid = [e for e in evs if e[0] == "AID"][0]
    assert acc[1] == {"USA"} and acc[2] == {"PRK"} and not acc[3].alleged
    assert aid[1] == {"PRK"} and aid[2] == {"RUS"} and aid[3].alleged


@pytest.mark.parametrize(
    "text,typ,src,tgt",
    [
        ("Die EU verhängte neue Sanktionen gegen den Iran.", "SANCTION", {"EUR"}, {"IRN"}),
        ("Der Iran drohte Israel mit Vergeltung.", "THREATEN", {"IRN"}, {"ISR"}),
        ("Deutschland und Frankreich unterzeichneten ein Abkommen.", "SUPPORT", {"DEU", "FRA"}, set()),
    ],
)
def test_common_events(text, typ, src, tgt):
    _, s, t, _ = _one(text, typ)
    assert s == src and t == tgt


def test_events_carry_evidence_offsets_and_rule():
    text = "Die Polizei nahm in Tiflis 37 Demonstranten fest."
    doc = newsevents.process_text(text, language="de")
    ev = [e for e in doc.events if e.event == "COERCE"][0]
    assert doc.text[ev.trigger.start : ev.trigger.end] == ev.trigger_text == "nahm"
    assert ev.mode == "arrest" and ev.rule.startswith("de:verb:")
    assert doc.text[ev.sentence.start : ev.sentence.end].startswith("Die Polizei")


def test_english_events_and_a_claim_of_violence_is_an_accusation():
    evs = _events("The US claimed that ISIL had attacked Iraq.", lang="en")
    assault = [e for e in evs if e[0] == "ASSAULT"][0]
    accuse = [e for e in evs if e[0] == "ACCUSE"][0]
    assert assault[1] == {"IMG"} and assault[2] == {"IRQ"} and assault[3].alleged
    assert accuse[1] == {"USA"} and accuse[2] == {"IMG"}
    _, src, tgt, _ = [
        e for e in _events("The European Union imposed new sanctions on Iran.", lang="en") if e[0] == "SANCTION"
    ][0]
    assert src == {"EUR"} and tgt == {"IRN"}


def test_a_possessive_event_noun_takes_the_clause_subject_as_source():
    _, src, tgt, _ = _one(
        "Der tschechische Außenminister zeigte sich nach seiner Begegnung mit dem russischen Botschafter besorgt.",
        "CONSULT",
    )
    assert src == {"CZE"} and tgt == {"RUS"}


def test_an_anti_adjective_is_the_target_of_a_protest():
    _, src, tgt, _ = _one("Tausende beteiligten sich an antiamerikanischen Protesten in Teheran.", "PROTEST")
    assert "USA" in tgt and "USA" not in src


def test_an_attribution_is_no_party_to_the_event():
    _, src, tgt, _ = _one(
        "Nach russischen Angaben nahm die ukrainische Polizei drei Journalisten fest.", "COERCE"
    )
    assert src == {"UKR"}


def test_a_dateline_after_a_headline_is_no_actor():
    doc = newsevents.process_text(
        "Israel greift Stellungen im Gazastreifen an. Jerusalem – Die israelische Armee hat einen "
        "Vergeltungsangriff gestartet.",
        language="de", published="2024-06-17",
    )
    assault = [e for e in doc.events if e.event == "ASSAULT" and "Vergeltung" in e.trigger_text]
    assert assault and all(a.text != "Jerusalem" for a in assault[0].source)


def test_two_killings_of_different_people_stay_two_events():
    evs = [e for e in _events(
        "Die Armee erschoss einen Palästinenser, in Hebron wurde eine Palästinenserin von Soldaten getötet."
    ) if e[0] == "ASSAULT"]
    assert len(evs) == 2


def test_the_threatened_act_is_the_threats_content_not_an_event():
    evs = _events("Russland drohte, die Ukraine anzugreifen.")
    assert [(e[0], e[1], e[2]) for e in evs] == [("THREATEN", {"RUS"}, {"UKR"})]


def test_a_refused_release_is_one_rejection():
    assert [e[0] for e in _events("Hamas refused to release the hostages.", lang="en")] == ["REJECT"]


def test_a_participle_restating_an_attack_is_merged():
    evs = [e for e in _events("Insurgents bombarded the city of Aleppo overnight, killing eight civilians.",
                              lang="en") if e[0] == "ASSAULT"]
    assert len(evs) == 1


@pytest.mark.parametrize(
    "text,typ",
    [
        ("Der Minister legte am Montag sein Amt nieder.", "RETREAT"),  # particle labelled "compound"
        ("Bei Vergeltungsangriffen Israels auf Gaza starben zehn Menschen.", "ASSAULT"),  # plural compound
        ("Die Massenproteste gegen die Regierung in Tiflis dauern an.", "PROTEST"),
    ],
)
def test_particles_and_plural_compounds(text, typ):
    _one(text, typ)


def test_a_plural_noun_the_lemmatizer_missed_is_found_by_its_singular():
    _one("Moskau verhängte Einreiseverbote gegen EU-Politiker.", "SANCTION")


def test_witnesses_reporting_violence_accuse_nobody():
    evs = _events("Four children were killed in Israeli tank shelling in Gaza, Palestinian medics said.", lang="en")
    assert "ACCUSE" not in [e[0] for e in evs]


def test_the_agent_inside_a_compound_event_noun():
    _, _, _, ev = _one("Bei einem Armeeangriff auf das Dorf starben zehn Menschen.", "ASSAULT")
    assert [a.sector for a in ev.source] == ["MIL"]


def test_forces_moved_in_the_passive_are_the_source_and_the_destination_the_target():
    _, src, tgt, _ = _one("Zwölf amerikanische Kampfjets wurden von Ramstein nach Polen verlegt.", "MOBILIZE")
    assert src == {"USA"} and tgt == {"POL"}


def test_a_sein_perfect_is_active_and_plural_compounds_meet_object_lists():
    _, src, _, _ = _one("Auf einem Stützpunkt in Polen sind am Montag zwei US-Kampfjets gelandet.", "MOBILIZE")
    assert src == {"USA"}
    _, _, _, ev = _one("Russische Truppen sind in die Ukraine einmarschiert.", "ASSAULT")
    assert [a.code for a in ev.source] == ["RUS"] and [a.code for a in ev.target] == ["UKR"]


def test_named_treaties_and_particle_verbs_are_no_triggers():
    assert "SUPPORT" not in [e[0] for e in _events("Die Staaten des Warschauer Pakts marschierten 1968 ein.")]
    assert _events("Der Premierminister beschwor die Gefahr höherer Preise herauf.") == []


def test_what_a_demand_asks_for_is_no_event():
    evs = _events("Lawrow forderte Verhandlungen über einen neuen Vertrag.")
    assert [e[0] for e in evs] == ["REQUEST"]


def test_genitive_patients_controllers_and_subjects_on_the_auxiliary():
    arrest = "Die Opposition verurteilte die Festnahme des russischen Journalisten durch die Polizei."
    _, src, tgt, _ = _one(arrest, "COERCE")
    assert "RUS" in tgt
    supply = "Die USA werfen Russland vor, die Separatisten in der Ukraine mit Waffen zu versorgen."
    _, src, tgt, _ = _one(supply, "AID")
    assert src == {"RUS"}
    _, src, _, _ = _one("In Budapest haben tausende Ungarn gegen die Regierung protestiert.", "PROTEST")
    assert src == {"HUN"}


def test_origin_of_fire_genitive_pps_and_casualties_of_an_attack():
    _, src, _, _ = _one("Nach einem Raketenangriff aus dem Gazastreifen schlugen die Sirenen an.", "ASSAULT")
    assert src == {"PSE"}
    _, src, tgt, _ = _one("Die Invasion der russischen Truppen in die Ukraine begann im Februar.", "ASSAULT")
    assert src == {"RUS"} and tgt == {"UKR"}
    evs = [e for e in _events(
        "Die israelische Armee hat einen Vergeltungsangriff gestartet, bei dem zwei Palästinenser verletzt wurden."
    ) if e[0] == "ASSAULT"]
    assert len(evs) == 1 and evs[0][2] == {"PSE"}  # the wounded belong to the attack


def test_a_demand_to_another_official_of_the_same_state_keeps_its_target():
    _, src, tgt, ev = _one("Staatschef Klaus Johannis forderte den Premier öffentlich zum Rücktritt auf.", "REQUEST")
    assert src == {"ROU"} and [a.text for a in ev.target] == ["Premier"]


def test_the_state_where_an_arrest_happens_makes_it():
    _, src, tgt, _ = _one("Der amerikanische Student wurde in Nordkorea festgenommen.", "COERCE")
    assert src == {"PRK"} and tgt == {"USA"}


def test_a_light_verb_fight_and_the_partner_of_a_refused_act():
    fight = "In Cizre liefern sich türkische Soldaten und kurdische Rebellen schwere Gefechte."
    _, src, tgt, _ = _one(fight, "ASSAULT")
    assert src == {"TUR"} and tgt == {"TUR"}
    _, src, tgt, ev = _one("Podemos hatte sich geweigert, mit der PSOE zu verhandeln.", "REJECT")
    assert [a.text for a in ev.target] == ["PSOE"]


def test_werden_with_a_t_form_is_passive_even_when_tagged_finite():
    _, src, _, _ = _one("Der Plan werde von Deutschland und Frankreich unterstützt.", "SUPPORT")
    assert "DEU" in src


def test_victims_of_attacks_named_in_a_bei_phrase_and_the_author_of_a_protested_act():
    evs = [e for e in _events("Bei Anschlägen der Miliz wurden in Nigeria mindestens 20 Menschen getötet.")
           if e[0] == "ASSAULT"]
    assert len(evs) == 1 and evs[0][2] == {"NGA"}
    _, src, tgt, _ = _one("Proteste gegen die Schließung der Universität durch die ungarische Regierung.", "PROTEST")
    assert tgt == {"HUN"} and not src


def test_an_english_treaty_name_is_no_event_but_a_title_case_headline_is():
    assert _events("Washington reaffirmed its commitment under the 1951 Mutual Defense Treaty.", lang="en") == []
    assert "ASSAULT" in [e[0] for e in _events("Russia Launches Missile Attack On Kyiv", lang="en")]


def test_an_english_reduced_relative_participle_is_passive():
    evs = [e for e in _events("Two Belarusian journalists detained in Minsk last week were released on Monday.",
                              lang="en") if e[0] == "COERCE"]
    assert evs and evs[0][2] == {"BLR"} and [a.sector for a in evs[0][3].target] == ["JRN"]


@pytest.mark.parametrize(
    "text,lang",
    [("Russia plans to attack Kyiv.", "en"), ("Obama wants to attack Switzerland.", "en"),
     ("Russland will die Ukraine angreifen.", "de"), ("Russland plant, die Ukraine anzugreifen.", "de")],
)
def test_a_stated_wish_to_attack_is_a_threat_not_an_attack(text, lang):
    types = [e[0] for e in _events(text, lang=lang)]
    assert "THREATEN" in types and "ASSAULT" not in types


def test_a_wished_for_attack_by_another_actor_is_hypothetical_and_an_own_wish_is_a_real_threat():
    wished = [e for e in _events("Trump wants Israel to attack Iran.", lang="en") if e[0] == "ASSAULT"]
    assert wished and wished[0][1] == {"ISR"} and wished[0][3].hypothetical
    own = [e for e in _events("Obama wants to attack Switzerland.", lang="en") if e[0] == "THREATEN"]
    assert own and not own[0][3].hypothetical
    plain = [e for e in _events("Israel attacked Iran.", lang="en") if e[0] == "ASSAULT"]
    assert plain and not plain[0][3].hypothetical


@pytest.mark.parametrize(
    "text,lang,src,tgt",
    [
        ("Germany will not deliver Taurus missiles to Ukraine.", "en", {"DEU"}, {"UKR"}),
        ("Biden won't meet Putin.", "en", {"USA"}, {"RUS"}),
        ("Scholz sagte, Deutschland werde keine Taurus-Raketen an die Ukraine liefern.", "de", {"DEU"}, {"UKR"}),
    ],
)
def test_an_announced_refusal_of_cooperation_is_a_rejection(text, lang, src, tgt):
    evs = [e for e in _events(text, lang=lang) if e[0] == "REJECT"]
    assert evs and evs[0][1] == src and evs[0][2] == tgt and not evs[0][3].negated


def test_a_negated_object_negates_the_event_and_a_past_one_stays_a_negated_aid():
    evs = _events("Die Regierung hat der Ukraine keine Waffen geliefert.")
    assert [(e[0], e[3].negated) for e in evs] == [("AID", True)]


@pytest.mark.parametrize(
    "text,typ,src,tgt",
    [
        ("Russia Launches Massive Drone Attack On Kyiv", "ASSAULT", {"RUS"}, {"UKR"}),
        ("Biden Meets Xi In San Francisco", "CONSULT", {"USA"}, {"CHN"}),
    ],
)
def test_an_english_title_case_headline_keeps_its_verb_and_actors(text, typ, src, tgt):
    evs = [e for e in _events(text, lang="en") if e[0] == typ]
    assert evs and evs[0][1] == src and evs[0][2] == tgt
    assert evs[0][3].trigger_text[:1].isupper()  # the tokens keep the text as written


def _toks(spec: list[tuple[str, str, int, str]]):
    from newsevents.document import Token

    out, pos = [], 0
    for i, (text, upos, head, dep) in enumerate(spec):
        out.append(Token(i=i, start=pos, end=pos + len(text), text=text, pos=upos, head=head, dep=dep))
        pos += len(text) + 1
    return out


def test_a_subject_hung_on_an_object_is_given_back_to_the_verb():
    from newsevents.events.coder import _repaired_heads

    # "erschossen Soldaten eine Palästinenserin" parsed with Soldaten -> nsubj of Palästinenserin
    toks = _toks([("erschossen", "VERB", 0, "root"), ("Soldaten", "NOUN", 3, "nsubj"),
                  ("eine", "DET", 3, "det"), ("Palästinenserin", "NOUN", 0, "obj")])
    assert _repaired_heads(toks, {t.i: t for t in toks})[1] == 0
    # a copular predicate keeps its subject: "Putin ist Präsident"
    cop = _toks([("Putin", "PROPN", 2, "nsubj"), ("ist", "AUX", 2, "cop"), ("Präsident", "NOUN", 2, "root")])
    assert _repaired_heads(cop, {t.i: t for t in cop})[0] == 2
    # a verb that has a subject already gets no second one
    both = _toks([("Soldaten", "NOUN", 1, "nsubj"), ("erschossen", "VERB", 1, "root"),
                  ("Männer", "NOUN", 3, "nsubj"), ("Frauen", "NOUN", 1, "obj")])
    assert _repaired_heads(both, {t.i: t for t in both})[2] == 3


def test_verb_second_sentence_with_a_misattached_subject_keeps_its_source():
    evs = [e for e in _events("In Hebron erschossen israelische Soldaten nach Armeeangaben eine Palästinenserin.")
           if e[0] == "ASSAULT"]
    assert evs and evs[0][1] == {"ISR"} and evs[0][2] == {"PSE"}


def test_a_multi_word_dateline_governs_nothing():
    from newsevents.events.coder import _repaired_heads

    # "Tel Aviv – Angriff ... gestartet" with Angriff hung on "Aviv", Aviv on "Tel", Tel on the verb
    toks = _toks([("Tel", "PROPN", 4, "nsubj"), ("Aviv", "PROPN", 0, "flat"), ("–", "PUNCT", 1, "punct"),
                  ("Angriff", "NOUN", 1, "nmod"), ("gestartet", "VERB", 4, "root")])
    assert _repaired_heads(toks, {t.i: t for t in toks}, {0, 1})[3] == 4


def test_a_dateline_governs_nothing():
    from newsevents.events.coder import _repaired_heads

    # "Jerusalem – Nach einem Angriff hat ..." with the Angriff phrase hung on the dateline
    toks = _toks([("Jerusalem", "PROPN", 5, "nsubj"), ("–", "PUNCT", 0, "punct"), ("Nach", "ADP", 3, "case"),
                  ("Angriff", "NOUN", 0, "nmod"), ("hat", "AUX", 5, "aux"), ("gestartet", "VERB", 5, "root")])
    heads = _repaired_heads(toks, {t.i: t for t in toks}, {0})
    assert heads[3] == 5 and heads[1] == 0 and heads[2] == 3


def test_a_feared_attack_does_not_take_the_fearing_subject_as_attacker():
    evs = [e for e in _events("Experten befürchten eine weitere Zunahme von Angriffen auf Flüchtlingsheime.")
           if e[0] == "ASSAULT"]
    assert evs and all(not e[3].source for e in evs)
    # control: a verb that does take part passes its subject on
    evs = [e for e in _events("Russland begann eine Serie von Angriffen auf die Ukraine.") if e[0] == "ASSAULT"]
    assert evs and evs[0][1] == {"RUS"}
    evs = [e for e in _events("Russland kündigte eine Serie von Angriffen auf die Ukraine an.") if e[0] == "ASSAULT"]
    assert evs and evs[0][1] == {"RUS"}


def test_a_noun_phrase_with_a_non_genitive_article_is_no_genitive_actor():
    from newsevents.events.coder import NON_GENITIVE_DETS

    assert "eines" not in NON_GENITIVE_DETS and "des" not in NON_GENITIVE_DETS and "der" not in NON_GENITIVE_DETS
    assert {"ein", "dem", "die"} <= NON_GENITIVE_DETS
    evs = [e for e in _events("Der Angriff der russischen Armee traf die Stadt.") if e[0] == "ASSAULT"]
    assert evs and evs[0][1] == {"RUS"}  # a real genitive still names the attacker
    # the parser hangs "ein Mensch" on "Angriff" as if it were a genitive: it is no attacker
    evs = [e for e in _events("Nach dem Angriff ein Mensch tot.") if e[0] == "ASSAULT"]
    assert evs and not evs[0][3].source
