"""German trigger coverage: sentences written for this file (real parser, real actor stage).

Each positive sentence must yield an event of the expected PLOVER type from the lexicon (not from the
sentence classifier); the negative ones (speech verbs, non-political senses of trigger words) must
yield no event at all. Word orders vary: main clause, verb-final subordinate clause, passive, perfect,
and verbless headlines.
"""

from __future__ import annotations

import pytest

from newsevents import process_text


def _lexicon_types(text: str) -> list[str]:
    doc = process_text(text, language="de", published="2024-06-01")
    return [e.event for e in doc.events if ":classifier:" not in e.rule]


POSITIVE = [
    ("ACCUSE", "Der Kreml warf der Nato vor, den Krieg in der Ukraine anzuheizen."),
    ("ACCUSE", "Frankreich äußerte scharfe Kritik an der Entscheidung Washingtons."),
    ("ACCUSE", "Die Ukraine lastete Russland den Angriff auf das Krankenhaus an."),
    ("ACCUSE", "Südafrika reichte beim Internationalen Gerichtshof Klage gegen Israel ein."),
    ("ACCUSE", "Die Bundesanwaltschaft hat Ermittlungen gegen den russischen Agenten aufgenommen."),
    ("ACCUSE", "Israel wies der Hamas die Schuld an der Explosion zu."),
    ("ACCUSE", "Nachdem Kiew Moskau den Angriff angelastet hatte, bestellte Berlin den Botschafter ein."),
    ("ACCUSE", "Die Anklage legt dem russischen Agenten Spionage gegen Deutschland zur Last."),
    ("ACCUSE", "Die Ukraine zog gegen Russland vor den Internationalen Gerichtshof."),
    ("ACCUSE", "Die Opposition in Polen erstattete Anzeige gegen den früheren Innenminister."),
    ("ACCUSE", "Ermittlungsverfahren gegen russischen Diplomaten in Berlin"),
    ("ACCUSE", "Der Rechnungshof in Wien ging mit der österreichischen Regierung hart ins Gericht."),
    ("COERCE", "Russland hält den amerikanischen Reporter seit einem Jahr in Haft."),
    ("COERCE", "Das russische Justizministerium stufte die Journalistin als ausländische Agentin ein."),
    ("COERCE", "Iranische Sicherheitskräfte nahmen zwei französische Touristen gefangen."),
    ("COERCE", "Russland schrieb die estnische Regierungschefin zur Fahndung aus."),
    ("COERCE", "Die Regierung Perus rief den Ausnahmezustand aus."),
    ("COERCE", "Hinter dem Cyberangriff auf den Bundestag steckt der russische Militärgeheimdienst."),
    ("COERCE", "Das Regime in Teheran brachte Hunderte Kritiker hinter Gitter."),
    ("COERCE", "Der amerikanische Journalist wird in Russland seit Monaten in Haft gehalten."),
    ("COERCE", "Massenverhaftung von Oppositionellen in Minsk"),
    ("COERCE", "Die Polizei hat in Hongkong 20 Aktivisten festgenommen."),
    ("SANCTION", "Die EU verlängerte die Sanktionen gegen Russland um sechs Monate."),
    ("SANCTION", "Washington erhob Strafzölle auf chinesische Elektroautos."),
    ("SANCTION", "Ein Gericht in Moskau verurteilte den US-Journalisten zu 16 Jahren Haft."),
    ("SANCTION", "Berlin legte die Zusammenarbeit mit Moskau auf Eis."),
    ("SANCTION", "Russland kündigte das Getreideabkommen mit der Ukraine auf."),
    ("SANCTION", "Frankreich zog seinen Botschafter aus Niger ab."),
    ("SANCTION", "Die Schweiz schloss sich den EU-Sanktionen gegen Russland an."),
    ("SANCTION", "Weil Russland das Getreideabkommen aufgekündigt hatte, protestierte die Türkei."),
    ("SANCTION", "Das Militärgericht fällte ein hartes Urteil gegen die belarussischen Aktivisten."),
    ("SANCTION", "Die Sanktionen gegen Belarus sind von der EU verlängert worden."),
    ("MOBILIZE", "Taiwan erhöhte die Alarmbereitschaft seiner Streitkräfte."),
    ("MOBILIZE", "Nordkorea startete am Montag eine ballistische Rakete."),
    ("MOBILIZE", "Pjöngjang feuerte zwei Raketen ins Meer ab."),
    ("MOBILIZE", "Die russische Armee zog Zehntausende Reservisten ein."),
    ("MOBILIZE", "Seoul meldete, dass Nordkorea erneut eine Interkontinentalrakete gestartet habe."),
    ("CONCEDE", "Nach den Protesten nahm die georgische Regierung das umstrittene Gesetz zurück."),
    ("CONCEDE", "Israel und die Hamas verlängerten die Feuerpause um zwei Tage."),
    ("CONCEDE", "Das umstrittene Gesetz wurde von der georgischen Regierung zurückgenommen."),
    ("CONCEDE", "Die Türkei lenkte im Streit mit Schweden ein."),
    ("THREATEN", "Teheran sprach eine unverhohlene Drohung gegen Israel aus."),
    ("THREATEN", "Moskau rasselte erneut mit dem Säbel."),
    ("THREATEN", "Der russische Präsident hat dem Westen mit Atomwaffen gedroht."),
    ("THREATEN", "Morddrohungen gegen den ukrainischen Präsidenten"),
    ("CONSULT", "Scholz tauschte sich am Telefon mit Macron über die Lage aus."),
    ("CONSULT", "Teheran kehrte an den Verhandlungstisch zurück."),
    ("CONSULT", "Die Vermittlungsbemühungen Katars zwischen Israel und der Hamas gehen weiter."),
    ("CONSULT", "Die nächste Verhandlungsrunde zwischen Washington und Teheran beginnt am Montag."),
    ("CONSULT", "Bei seinem Antrittsbesuch in Paris sprach der Kanzler über die Ukraine."),
    ("AGREE", "Teheran zeigte sich zu neuen Atomgesprächen bereit."),
    ("AGREE", "Washington gab grünes Licht für die Lieferung von Kampfjets an die Ukraine."),
    ("AGREE", "Peking unterbreitete beiden Seiten einen Friedensplan."),
    ("AGREE", "Katar handelte mit Israel und der Hamas eine Feuerpause aus."),
    ("AGREE", "Kim folgte der Einladung Putins nach Moskau."),
    ("SUPPORT", "Macron beglückwünschte den neuen britischen Premier zum Wahlsieg."),
    ("SUPPORT", "Der Kreml nahm Pjöngjang gegen die Kritik des Westens in Schutz."),
    ("SUPPORT", "Die EU wird der Ukraine weiter zur Seite stehen."),
    ("SUPPORT", "Vietnam und Indonesien nahmen diplomatische Beziehungen auf."),
    ("SUPPORT", "Washington stärkte Taipeh den Rücken."),
    ("SUPPORT", "Israel und Saudi-Arabien wollen ihre Beziehungen normalisieren."),
    ("COOPERATE", "Nordkorea treibt seit Jahren Handel mit Russland."),
    ("COOPERATE", "Die Oppositionsparteien in Serbien schlossen sich zu einem Bündnis zusammen."),
    ("COOPERATE", "Russland und China wollen ihre Zusammenarbeit ausweiten."),
    ("COOPERATE", "Die Militärkooperation zwischen Moskau und Teheran wächst."),
    ("AID", "Die Niederlande überließen der Ukraine mehrere Kampfjets."),
    ("AID", "Der US-Kongress gab weitere Militärhilfe für Israel frei."),
    ("AID", "Polen bot Hunderttausenden ukrainischen Flüchtlingen Schutz."),
    ("AID", "Ein Hilfskonvoi der Vereinten Nationen erreichte Gaza."),
    ("AID", "Der Iran beliefert Russland seit Monaten mit Drohnen und Munition."),
    ("RETREAT", "Der Journalist wurde nach zwei Jahren in Russland auf freien Fuß gesetzt."),
    ("RETREAT", "Die belarussischen Behörden entließen den Aktivisten aus der Haft."),
    ("RETREAT", "Der israelische Geheimdienstchef musste seinen Hut nehmen."),
    ("RETREAT", "Moskau nahm einen Teil seiner Truppen von der Grenze zurück."),
    ("RETREAT", "Geiselaustausch zwischen Israel und der Hamas"),
    ("REQUEST", "Kiew stellte Bedingungen für Verhandlungen mit Moskau."),
    ("REQUEST", "Guterres richtete einen dringenden Appell an Israel und die Hamas."),
    ("REQUEST", "Die Familien flehten die israelische Regierung an, die Geiseln zu retten."),
    ("REQUEST", "Ankara stellte ein Auslieferungsersuchen an Schweden."),
    ("REQUEST", "Die Opposition in Belgrad erhob die Forderung nach Neuwahlen."),
    ("REJECT", "Berlin erteilte der Forderung Kiews nach Taurus-Raketen eine Absage."),
    ("REJECT", "Ungarn stellte sich bei den Russland-Sanktionen erneut quer."),
    ("REJECT", "Peking wehrte sich gegen die Vorwürfe aus Washington."),
    ("REJECT", "Das ungarische Parlament schmetterte den Antrag Schwedens ab."),
    ("REJECT", "Moskau wies die Berichte über Verluste von der Hand."),
    ("REJECT", "Russland boykottierte die Sitzung des UN-Menschenrechtsrats."),
    ("PROTEST", "Die Gewerkschaften in Frankreich riefen einen landesweiten Generalstreik aus."),
    ("PROTEST", "Oppositionelle hielten eine Mahnwache vor dem Parlament in Minsk ab."),
    ("PROTEST", "Generalstreik in Argentinien gegen die Regierung Milei"),
    ("ASSAULT", "Russische Einheiten nahmen die Stadt Charkiw unter Artilleriefeuer."),
    ("ASSAULT", "Eine russische Rakete traf ein Wohnhaus in Dnipro."),
    ("ASSAULT", "Die ukrainische Armee eroberte das Dorf Robotyne zurück."),
    ("ASSAULT", "Den russischen Truppen wird vorgeworfen, in Butscha Kriegsverbrechen begangen zu haben."),
    ("ASSAULT", "Unbekannte steckten in Leipzig das Parteibüro der AfD in Brand."),
    ("ASSAULT", "Hinter dem Anschlag auf die Pipeline stehen nach Erkenntnissen der Ermittler russische Saboteure."),
    ("ASSAULT", "Der bewaffnete Aufstand gegen die Junta in Myanmar weitet sich aus."),
    ("ASSAULT", "Ein Wohnhaus in Charkiw ist von einer russischen Rakete getroffen worden."),
    ("ASSAULT", "Die blutige Niederschlagung der Proteste in Iran kostete Hunderte das Leben."),
    ("MOBILIZE", "Russische Truppenkonzentration an der Grenze zu Litauen"),
    ("ASSAULT", "Putschversuch der Armee in Bolivien"),
    ("ASSAULT", "Blutiger Staatsstreich in Myanmar"),
    ("ASSAULT", "Neuer Raketenhagel auf Israel"),
    ("ASSAULT", "Russischer Raketenhagel auf Kiew"),
    ("PROTEST", "Massenkundgebung gegen die Regierung in Budapest"),
    ("COERCE", "Massenfestnahme von Demonstranten in Georgien"),
    ("RETREAT", "Freilassung des US-Reporters durch Russland"),
    ("RETREAT", "Die Regierung in Dhaka teilte mit, dass sie die Internetsperre aufgehoben habe."),
    ("AGREE", "Nachdem Washington grünes Licht gegeben hatte, lieferten die Niederlande Kampfjets."),
    ("SUPPORT", "Der Kreml hat Pjöngjang gegen die Kritik des Westens in Schutz genommen."),
    ("PROTEST", "Die französischen Gewerkschaften haben einen landesweiten Generalstreik ausgerufen."),
    ("COERCE", "Russland hat die Journalistin zur ausländischen Agentin erklärt."),
    ("SANCTION", "Die Europäische Union hat Strafzölle auf chinesische Elektroautos erhoben."),
    ("REJECT", "Die Regierung in Budapest teilte mit, dass sie dem Antrag eine Absage erteilt habe."),
    ("CONSULT", "Die Delegationen aus Kiew und Moskau sind an den Verhandlungstisch zurückgekehrt."),
    ("ACCUSE", "Die Staatsanwaltschaft wirft dem früheren Minister vor, Bestechungsgelder angenommen zu haben."),
    ("THREATEN", "Pjöngjang richtete eine scharfe Warnung an Seoul und Washington."),
    ("MOBILIZE", "Die südkoreanische Armee teilte mit, dass Nordkorea zwei Raketen ins Meer abgefeuert habe."),
    ("CONCEDE", "Die Regierung in Tiflis hat das umstrittene Gesetz zurückgenommen."),
    ("COOPERATE", "Polen hat den mutmaßlichen Spion an Deutschland überstellt."),
    ("AID", "Deutschland hat der Ukraine weitere Luftabwehrsysteme überlassen."),
    ("ASSAULT", "Sicherheitskräfte haben in Nairobi mehrere Demonstranten niedergeschossen."),
    ("ASSAULT", "Nach Angaben Kiews haben russische Truppen die Stadt unter Beschuss genommen."),
    ("COERCE", "Der Oppositionelle wird seit Monaten von den belarussischen Behörden gefangen gehalten."),
    ("COOPERATE", "Die Geheimdienste Deutschlands und Frankreichs arbeiten eng zusammen."),
    ("MOBILIZE", "Russland zog an der Grenze Zehntausende Soldaten zusammen."),
    ("COERCE", "Die Armee schlug den Aufstand nieder."),
    ("AGREE", "Die beiden Regierungen kamen überein, die Grenze wieder zu öffnen."),
    ("ASSAULT", "Milizen im Sudan brannten mehrere Dörfer nieder."),
    ("ASSAULT", "Die Hamas nahm mehr als 200 Israelis als Geiseln."),
]

NEGATIVE = [
    "Der Sprecher der Regierung in Berlin sagte, die Lage sei ernst.",
    "Der Außenminister hält sich derzeit in Moskau auf.",
    "Die Regierung in Paris schlug einen neuen Kurs in der Wirtschaftspolitik ein.",
    "Die Bundesregierung will die Inflation in Deutschland bekämpfen.",
    "Der Kampf gegen den Klimawandel kommt in China kaum voran.",
    "Der Einzelhandel in Frankreich meldete steigende Umsätze.",
    "Die Regierung in Rom kündigte an, den Haushalt zu prüfen.",
    "Der französische Präsident wiederholte seine Position zur Rentenreform.",
    "Die Opposition in Ankara forderte den Amtsinhaber bei der Wahl heraus.",
    "Die Bundesregierung stellte klar, dass keine Entscheidung gefallen sei.",
    "Der Minister gab zu, dass die Lage in Berlin schwierig sei.",
    "Die Zentralbank der USA erhöhte den Leitzins um einen Viertelpunkt.",
    "Die EU-Kommission legte einen Bericht zur Lage der Wirtschaft vor.",
    "Die Regierung in Madrid bezeichnete das Wachstum als erfreulich.",
    "Der britische Premier nannte keine Einzelheiten.",
    "Die Vorurteile gegenüber Migranten in Deutschland nehmen zu.",
    "Der russische Außenminister verwies auf die schwierige Wirtschaftslage.",
    "Die Kosten setzen sich laut dem Bericht aus Ausgaben für Personal und Verwaltung zusammen.",
]


@pytest.mark.parametrize("typ,text", POSITIVE)
def test_trigger_is_coded(typ, text):
    types = _lexicon_types(text)
    assert typ in types, f"no {typ} in {text!r}: {types}"


@pytest.mark.parametrize("text", NEGATIVE)
def test_no_event(text):
    doc = process_text(text, language="de", published="2024-06-01")
    assert doc.events == [], [(e.event, e.trigger_text, e.rule) for e in doc.events]


def test_enough_sentences_of_enough_types():
    assert len(POSITIVE) >= 60 and len(NEGATIVE) >= 15
    assert len({t for t, _ in POSITIVE}) == 16
