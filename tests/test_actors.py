"""The actor knowledge base and resolver: inflection, compounds, tenures, coreference,
place-versus-actor, groups, user dictionaries, the seed checks of issue 4 and the dev-gold floors."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

import newsevents
from newsevents.actors import ActorStage
from newsevents.actors.kb import default_kb, load_kb, load_kb_cached
from newsevents.actors.resolver import ActorResolver
from newsevents.document import Document

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
SEED = SHARED / "seeds" / "000_0196cf2e184cccf0.txt"

# floors reached on ../shared/gold/dev-de.gold.jsonl (issue 4 targets: 0.90 / 0.75)
DEV_CODE_FLOOR = 0.90
DEV_SECTOR_FLOOR = 0.75


def actors(text: str, published: str = "2024-06-17", lang: str = "de", labels: tuple[str, ...] = ("ACTOR",)):
    """(text, code, sector) of the actor entities of ``text`` after the whole pipeline."""
    doc = newsevents.process_text(text, published=published, language=lang)
    return [(e.text, e.code, e.sector) for e in doc.entities if e.label in labels]


def entities(text: str, published: str = "2024-06-17", lang: str = "de"):
    doc = newsevents.process_text(text, published=published, language=lang)
    return [e for e in doc.entities if e.label in ("ACTOR", "PLACE")]


def bare(text: str, when: date = date(2024, 6, 17), lang: str = "de"):
    """The resolver alone on a document without linguistic analysis (its own tokenisation)."""
    doc = Document.from_text(text, published=when, language=lang)
    return ActorResolver(default_kb()).resolve(doc)


def coded(ents, word: str):
    """(code, sector) of the entity whose text contains ``word``."""
    hits = [(e[1], e[2]) if isinstance(e, tuple) else (e.code, e.sector)
            for e in ents if word in (e[0] if isinstance(e, tuple) else e.text)]
    assert hits, f"no entity with {word!r} in {ents}"
    return hits[0]


# -- inflection ------------------------------------------------------------------------------
@pytest.mark.parametrize("form", ["russisch", "russische", "russischen", "russischer", "russisches", "russischem"])
def test_adjective_in_every_german_ending(form):
    ents = bare(f"Die Rede war {form} geprägt." if form == "russisch" else f"Ein {form} Diplomat sprach.")
    assert any(e.code == "RUS" for e in ents), ents


def test_adjective_with_sector_word():
    assert coded(actors("Der russische Präsident sprach lange."), "russische") == ("RUS", "GOV")
    assert coded(actors("Die russischen Soldaten zogen ab."), "russischen") == ("RUS", "MIL")


def test_genitive_country_and_seat():
    assert coded(actors("Die Regierung Russlands wies das zurück."), "Regierung") == ("RUS", "GOV")
    ents = actors("Ein Sprecher des Weißen Hauses sagte, man prüfe den Vorschlag.")
    assert coded(ents, "Weißen Hauses") == ("USA", "GOV")


def test_seat_of_power_in_every_case():
    assert coded(bare("Das Weiße Haus dementierte."), "Weiße Haus") == ("USA", "GOV")
    assert coded(bare("Der Kreml und Downing Street schwiegen."), "Kreml") == ("RUS", "GOV")
    assert coded(bare("Der Kreml und Downing Street schwiegen."), "Downing Street") == ("GBR", "GOV")


def test_demonym_and_plural_homograph():
    assert coded(actors("In Budapest haben tausende Ungarn protestiert."), "Ungarn") == ("HUN", "CVL")
    assert coded(actors("Ungarn schloss die Grenze."), "Ungarn")[0] == "HUN"
    assert coded(actors("Die Abschiebung von rund 100 Uiguren stieß auf Kritik."), "Uiguren") == ("CHN", "CVL")


def test_adjectival_noun_forms():
    """"Beamte" is a form of "Beamter"; "Täter" does not make "Aktivitäten" an actor."""
    kb = default_kb()
    assert kb.sector_words["beamte"] == "GOV" and kb.sector_words["beamten"] == "GOV"
    assert kb.sector_words["anwälte"] == "JUD"
    assert "täten" not in kb.sector_words
    ents = actors("US-amerikanische und südkoreanische Beamte haben dem Norden vorgeworfen, Waffen zu liefern.")
    assert coded(ents, "US-amerikanische") == ("USA", "GOV")
    assert coded(ents, "südkoreanische") == ("KOR", "GOV")


# -- compounds -------------------------------------------------------------------------------
def test_compound_with_seat_prefix():
    assert coded(actors("Kremlberater Juri Uschakow kündigte Gespräche an."), "Uschakow") == ("RUS", "GOV")
    assert coded(bare("Das sagte ein Kremlberater."), "Kremlberater") == ("RUS", "GOV")


def test_topic_prefix_is_not_the_affiliation():
    ents = actors("Andrei Lankov, ein Nordkorea-Experte an der Kookmin-Universität in Seoul, sagte das.")
    assert coded(ents, "Lankov") == ("KOR", "EDU")
    assert coded(ents, "Nordkorea-Experte") != ("PRK", "EDU")


def test_compounds_with_state_and_organisation_prefixes():
    assert coded(bare("Die US-Regierung reagierte."), "US-Regierung") == ("USA", "GOV")
    assert coded(bare("Der UN-Sicherheitsrat tagte."), "UN-Sicherheitsrat")[0] == "UNO"
    assert coded(bare("Der CSU-Chef drohte."), "CSU-Chef") == ("DEU", "PTY")
    assert coded(bare("Die Hamas-Kämpfer feuerten Raketen."), "Hamas-Kämpfer") == ("PSE", "REB")


def test_compound_of_a_sector_prefix():
    assert coded(actors("Die Armeeangehörigen der Türkei wurden verlegt."), "Armeeangehörigen")[1] == "MIL"
    assert coded(actors("In Istanbul gab es eine Polizeirazzia bei der Zeitung."), "Polizeirazzia") == ("TUR", "COP")


def test_truncated_coordination():
    ents = actors("Die Staats- und Regierungschefs der EU berieten in Brüssel.")
    assert coded(ents, "Regierungschefs") == ("EUR", "GOV")


# -- people and tenures ------------------------------------------------------------------------
def test_tenure_dates_decide_the_sector():
    assert coded(bare("Merkel sagte am Montag, man werde helfen.", date(2015, 6, 1)), "Merkel") == ("DEU", "GOV")
    assert coded(bare("Merkel sagte am Montag, man werde helfen.", date(2023, 6, 1)), "Merkel") == ("DEU", "ELI")


def test_title_gives_the_role_of_an_unknown_person():
    ents = actors("Tschechiens Außenminister Lubomír Zaorálek traf den russischen Botschafter Sergey Kiselev. "
                  "Kiselev schwieg.", published="2015-06-01")
    assert coded(ents, "Zaorálek") == ("CZE", "GOV")
    assert coded(ents, "Sergey Kiselev") == ("RUS", "GOV")
    assert [c for t, *c in ents if t == "Kiselev"] == [["RUS", "GOV"]]


def test_surname_before_the_full_name():
    ents = actors("Ponta unter Druck. Die Staatsanwaltschaft hat Anklage gegen den amtierenden Premier "
                  "Victor Ponta erhoben.", published="2015-09-01")
    assert coded(ents, "Ponta") == ("ROU", "GOV")


def test_former_and_ex_titles_make_eli():
    assert coded(actors("Der frühere Präsident Frankreichs kritisierte die Regierung."), "Präsident") == ("FRA", "ELI")
    assert coded(actors("Altkanzler Helmut Kohl klagte."), "Kohl")[1] == "ELI"


# -- coreference -------------------------------------------------------------------------------
def test_pronoun_takes_the_last_compatible_person():
    ents = actors("Wladimir Putin reist nach Nordkorea. Er will dort Kim Jong-un treffen.")
    assert coded(ents, "Er") == ("RUS", "GOV")


def test_definite_description_and_country_anaphor():
    ents = actors("Nordkorea hat eine Rakete getestet. Das Land hatte das angekündigt.")
    assert coded(ents, "Land")[0] == "PRK"
    ents = actors("Der russische Präsident Wladimir Putin traf Kim. Der Präsident lobte die Gespräche.")
    assert [c for t, *c in ents if t == "Präsident"] == [["RUS", "GOV"]]


def test_the_north_needs_korea_in_play():
    assert coded(actors("Südkorea warnte. Der Norden habe Raketen abgefeuert."), "Norden")[0] == "PRK"
    assert not [t for t, *_ in actors("Im Norden regnete es am Montag.") if t == "Norden"]


def test_no_antecedent_no_coreference():
    assert actors("Er sagte, es werde morgen regnen.") == []


def test_organisation_anaphor():
    ents = actors("Die Terrormiliz Boko Haram verübte einen Anschlag. Bei Angriffen der Gruppe starben viele.")
    assert coded(ents, "Gruppe") == ("NGA", "REB")


def test_we_is_the_speaker():
    ents = actors("Wir haben eine Pause eingelegt, sagte Pentagon-Sprecher Peter Cook am Dienstag.")
    assert coded(ents, "Wir")[0] == "USA"


def test_ellipsis_takes_the_group_before():
    ents = actors("Vier Israelis wurden schwer verletzt, ein weiterer wurde leicht verletzt.")
    assert coded(ents, "weiterer") == ("ISR", "CVL")


# -- place versus actor --------------------------------------------------------------------------
def test_capital_after_locative_preposition_is_a_place():
    ents = entities("Putin wird am Dienstag in Pjöngjang eintreffen.")
    assert [(e.label, e.code) for e in ents if e.text == "Pjöngjang"] == [("PLACE", "PRK")]


def test_capital_as_subject_is_the_government():
    ents = entities("Pjöngjang hofft auf moderne Waffen aus Moskau.")
    assert [(e.label, e.code, e.sector) for e in ents if e.text == "Pjöngjang"] == [("ACTOR", "PRK", "GOV")]
    # "Waffen aus Moskau": the supplier acts
    assert [(e.label, e.code) for e in ents if e.text == "Moskau"] == [("ACTOR", "RUS")]


def test_agent_and_destination_of_sending_are_actors():
    ents = entities("Die Abschiebung von Uiguren durch Thailand wurde kritisiert.")
    assert [e.label for e in ents if e.text == "Thailand"] == ["ACTOR"]
    ents = entities("Die AU plant die Entsendung von Friedenstruppen nach Burundi.")
    assert [e.label for e in ents if e.text == "Burundi"] == ["ACTOR"]
    ents = entities("Flüchtlinge kamen in Wien an.")
    assert [e.label for e in ents if e.text == "Wien"] == ["PLACE"]


def test_sector_only_mentions_take_the_state_of_the_sentence():
    ents = actors("In der Ostukraine kämpfen Regierungstruppen gegen prorussische Separatisten.")
    assert coded(ents, "Regierungstruppen") == ("UKR", "MIL")
    assert coded(ents, "Separatisten") == ("UKR", "REB")


def test_unknown_attackers_keep_no_state():
    ents = actors("Israel meldete Schüsse. An einer heiligen Stätte verletzten Unbekannte zwei Israelis.")
    assert coded(ents, "Unbekannte") == (None, "UAF")


def test_the_federal_government_in_context():
    ents = actors("Ministerpräsident Seehofer droht dem Bund mit einer Klage.", published="2016-01-10")
    assert coded(ents, "Bund") == ("DEU", "GOV")


# -- knowledge-base loader ------------------------------------------------------------------------
def test_loader_honours_the_data_files():
    kb = load_kb()
    kinds = {e.kind for e in kb.lookup(("prorussisch",))}
    assert kinds == {"block"}, "ambiguous forms listed only as ambiguous code nothing by themselves"
    assert any(e.kind == "region" and e.code == "PSE" for e in kb.lookup(("gaza",)))
    assert any(e.kind == "description" and e.code == "PRK" and e.context_only for e in kb.lookup(("norden",)))
    assert any(e.code == "UKR" and e.sector == "PRE" for e in kb.lookup(("volksrepublik", "donezk")))
    assert kb.topic_prefixes.get("nordkorea") == "PRK"
    assert any(e.kind == "sector" and e.sector == "JUD" for e in kb.lookup(("obersten", "gerichts")))
    taliban = [e for e in kb.lookup(("taliban",)) if e.kind == "org"][0]
    assert taliban.sector_at(date(2015, 1, 1)) == "REB" and taliban.sector_at(date(2023, 1, 1)) == "GOV"
    assert kb.grammar["de"].pronouns["er"][0] == "m"


def test_compiled_knowledge_base_is_cached(tmp_path, monkeypatch):
    monkeypatch.setenv("NEWSEVENTS_CACHE_DIR", str(tmp_path))
    kb1 = load_kb_cached(("de",))
    assert list(tmp_path.glob("actors-*.pickle"))
    kb2 = load_kb_cached(("de",))
    assert kb2.lookup(("russland",))[0].code == kb1.lookup(("russland",))[0].code == "RUS"


def test_user_dictionary_adds_actors(tmp_path):
    d = tmp_path / "my.actors.txt"
    d.write_text("ZORBIAN_LIBERATION_FRONT [NGAREB]\nGENERAL_ZORBA_MAXIMUS [NGAMIL]\n", encoding="utf-8")
    stage = ActorStage(extra=str(d))
    doc = Document.from_text("Die Zorbian Liberation Front griff an.", published=date(2024, 6, 1), language="de")
    stage(doc)
    assert [(e.code, e.sector) for e in doc.entities if e.label == "ACTOR"] == [("NGA", "REB")]
    assert ActorStage(extra=[str(d)]).__getstate__()["extra"] == (str(d),)


def test_user_dictionary_option_plumbing(tmp_path):
    """What `newsevents run --actors FILE` passes on: stage settings of the pipeline."""
    from newsevents.pipeline import Pipeline

    d = tmp_path / "x.actors.txt"
    d.write_text("FOO_BAR_PARTY [DEUPTY]\n", encoding="utf-8")
    pipe = Pipeline.from_names(["actors"], {"actors": {"extra": [str(d)]}})
    doc = Document.from_text("Die Foo Bar Party protestierte.", published=date(2024, 6, 1), language="de")
    pipe(doc)
    assert [(e.code, e.sector) for e in doc.entities if e.label == "ACTOR"] == [("DEU", "PTY")]


def test_english_text():
    ents = actors("U.S. and South Korean officials accused the North. The Kremlin said Moscow was not involved.",
                  lang="en")
    assert coded(ents, "U.S.") == ("USA", "GOV")
    assert coded(ents, "South Korean officials") == ("KOR", "GOV")
    assert coded(ents, "Kremlin") == ("RUS", "GOV")
    ents = bare("Saudi Arabia rejected the claims. The Kingdom said it was not involved.", lang="en")
    assert coded(ents, "Kingdom")[0] == "SAU"


# -- the seed and the development gold ------------------------------------------------------------
@pytest.fixture(scope="module")
def seed_entities():
    if not SEED.exists():
        pytest.skip(f"needs {SEED} (the development data folder is absent on user machines)")
    doc = newsevents.process_text(SEED.read_text(encoding="utf-8"), published="2024-06-17")
    return doc, [e for e in doc.entities if e.label in ("ACTOR", "PLACE")]


def _seed(ents, text: str, label: str = "ACTOR"):
    return [(e.code, e.sector) for e in ents if e.label == label and text in e.text]


def test_seed_people(seed_entities):
    _, ents = seed_entities
    assert ("RUS", "GOV") in _seed(ents, "Putin")
    assert ("PRK", "GOV") in _seed(ents, "Kim Jong-un")
    assert [c for c, _ in _seed(ents, "Kim Jong Il")] == ["PRK"]
    assert _seed(ents, "Juri Uschakow") == [("RUS", "GOV")]
    assert _seed(ents, "Andrei Lankov") == [("KOR", "EDU")]


def test_seed_state_media_and_places(seed_entities):
    _, ents = seed_entities
    assert ("PRK", "JRN") in _seed(ents, "nordkoreanische")
    assert ("RUS", "JRN") in _seed(ents, "russische Staatsmedien")
    assert ("PRK", "GOV") in _seed(ents, "Pjöngjang") and ("RUS", "GOV") in _seed(ents, "Moskau")
    assert [c for c, _ in _seed(ents, "Norden")] == ["PRK"]
    assert [c for c, _ in _seed(ents, "Vereinigten Staaten")] == ["USA"]
    assert {c for c, _ in _seed(ents, "UN-Sicherheitsrat")} == {"UNO"}
    assert [c for c, _ in _seed(ents, "China")] == ["CHN"]
    # "in Pjöngjang empfangen" (first line) is the place of the visit
    doc, _ = seed_entities
    first = [e for e in doc.entities if e.text == "Pjöngjang" and e.label in ("ACTOR", "PLACE")][0]
    assert first.label == "PLACE"


def test_dev_gold_accuracy_floors():
    gold, docs = SHARED / "gold" / "dev-de.gold.jsonl", SHARED / "gold" / "dev-de.docs.jsonl"
    if not gold.exists():
        pytest.skip(f"needs {gold} (the development data folder is absent on user machines)")
    from newsevents.eval.actors import evaluate_actors

    result = evaluate_actors(gold, docs)
    assert result["code_accuracy"] >= DEV_CODE_FLOOR, json.dumps(result)
    assert result["sector_accuracy"] >= DEV_SECTOR_FLOOR, json.dumps(result)
