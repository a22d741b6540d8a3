"""PETRARCH / Phoenix dictionary reader, on the real dictionary files."""

from __future__ import annotations

from datetime import date

from newsevents.actors.kb import ActorKB
from newsevents.actors.petrarch import load_petrarch_actors, parse_actor_file, parse_agent_file, split_cameo


def test_split_cameo_codes():
    assert split_cameo("IGOUNO") == ("UNO", None)
    assert split_cameo("AFGMIL") == ("AFG", "MIL")
    assert split_cameo("USAMED") == ("USA", "JRN")  # CAMEO MED is media
    assert split_cameo("~AGR") == (None, "AGR")
    assert split_cameo("IGOEURGOV") == ("EUR", "GOV")


def test_actor_files_parse(shared):
    d = shared / "data" / "petrarch" / "dictionaries"
    countries = parse_actor_file((d / "Phoenix.Countries.actors.txt").read_text(errors="replace"))
    assert len(countries) > 10000
    afg = next(e for e in countries if e.names[0] == "AFGHANISTAN")
    assert "AFGHAN" in afg.names and afg.codes[0][0] == "AFG"
    validate = parse_actor_file((d / "PETR.Validate.actors.txt").read_text(errors="replace"))
    assert any(e.names[0] == "HAMAS" and e.codes[0][0] == "PSEREBHMS" for e in validate)


def test_dated_codes_become_tenures(shared):
    kb = ActorKB(("en",))
    d = shared / "data" / "petrarch" / "dictionaries"
    assert load_petrarch_actors(kb, d / "Phoenix.International.actors.txt") > 5000
    ban = kb.lookup(("ban", "ki-moon"))[0].person
    assert ban.role_at(date(2010, 1, 1))[:1] == ("UNO",)
    assert ban.role_at(date(2005, 6, 1))[:2] == ("KOR", "GOV")


def test_agent_file_gives_sector_words(shared):
    d = shared / "data" / "petrarch" / "dictionaries"
    pairs = dict(parse_agent_file((d / "Phoenix.agents.txt").read_text(errors="replace")))
    assert pairs["FARMER"] == "AGR" and pairs.get("DAIRYMAN") == "AGR"
    kb = ActorKB(("en",))
    load_petrarch_actors(kb, d / "PETR.Validate.agents.txt")
    assert kb.sector_words["ambassador"] == "GOV" and kb.sector_words["ambassadors"] == "GOV"
