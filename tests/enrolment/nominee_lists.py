"""Nominee lists as national bodies send them, written the way their tools write them.

german_csv(): Excel on a German PC, "CSV (Trennzeichen-getrennt)": cp1252, ";", CRLF, a
quoted cell with a line break. french_csv(): Excel's "CSV UTF-8" on a French PC: BOM, ";".
polish_xlsx(): openpyxl with real booleans, dates and numbers as Excel types.
Each returns (file bytes, {line: expected stored values}) for the rows the tests look at.
"""

import csv
import io
from datetime import date, datetime

GERMAN_HEADER = [
    "E-Mail",
    "Vorname",
    "Nachname",
    "Funktion",
    "Land",
    "Behörde",
    "Geschlecht",
    "Erstteilnahme",
]
LONG_ORGANISATION = ", ".join(["Bundesamt für Fremdenwesen und Asyl"] * 9)[:300]  # 300 chars
# Wording in the generated rows and what it must be stored as.
GERMAN_WORDING = [
    ("Staatsanwalt", "prosecutor"),
    ("Oberstaatsanwältin", "prosecutor"),
    ("Richterin", "judge"),
    ("Ermittlungsrichter", "judge"),
    ("Kriminalpolizei", "law_enforcement"),
    ("Polizistin", "law_enforcement"),
    ("Bundespolizei", "law_enforcement"),
    ("Arbeitsinspektor", "labour_inspector"),
    ("Finanzermittler", "financial_compliance"),
    ("Geldwäschebeauftragte", "financial_compliance"),
    ("FIU analyst", "financial_compliance"),
    ("Sozialarbeiterin", "civil_society"),
    ("NGO", "civil_society"),
]
GERMAN_COUNTRIES = [
    ("Deutschland", "DE"),
    ("Österreich", "AT"),
    ("DE", "DE"),
    ("at", "AT"),
    ("Luxemburg", "LU"),
    ("Belgien", "BE"),
    ("Niederlande", "NL"),
    ("Tschechien", "CZ"),
    ("Polen", "PL"),
    ("Italien", "IT"),
    ("Griechenland", "GR"),
]
GERMAN_GENDERS = [("w", "female"), ("m", "male"), ("d", "other"), ("", "")]
GERMAN_YES_NO = [("Ja", True), ("Nein", False), ("ja", True), ("NEIN", False)]


def german_csv(generated: int = 290) -> tuple[bytes, dict]:
    rows = [
        GERMAN_HEADER,
        [
            "anna.huber@justiz.gv.at",
            "Anna",
            "Huber",
            "Staatsanwältin",
            "Österreich",
            "Staatsanwaltschaft Wien",
            "w",
            "Ja",
        ],
        [
            "j.becker@polizei.berlin.de",
            "Jörg",
            "Becker",
            "Kriminalpolizei",
            "Deutschland",
            "Landeskriminalamt Berlin\nDezernat 43",
            "m",
            "Nein",
        ],
        ["office@bmi.gv.at", "Max", "Muster", "Polizist", "AT", "BMI", "m", "Nein"],
        ["office@bmi.gv.at", "Eva", "Gruber", "Referentin", "AT", "BMI", "w", "Ja"],
        ["kurz@example.de", "Kurt", "Kurz", "Richter"],
        ["lang@example.at", "Lena", "Lang", "Richterin", "AT", LONG_ORGANISATION, "w", "Ja"],
        ["o.koval@example.ua", "Olena", "Koval", "NGO", "Ukraine", "La Strada", "w", ""],
        [
            "anna.huber@justiz.gv.at",
            "Anna",
            "Huber",
            "Staatsanwältin",
            "AT",
            "StA Wien",
            "w",
            "Ja",
        ],
    ]
    expected = {
        2: {
            "email": "anna.huber@justiz.gv.at",
            "first_name": "Anna",
            "last_name": "Huber",
            "profession": "prosecutor",
            "country": "AT",
            "organisation": "Staatsanwaltschaft Wien",
            "gender": "female",
            "first_time": True,
        },
        3: {
            "email": "j.becker@polizei.berlin.de",
            "first_name": "Jörg",
            "last_name": "Becker",
            "profession": "law_enforcement",
            "country": "DE",
            "organisation": "Landeskriminalamt Berlin Dezernat 43",
            "gender": "male",
            "first_time": False,
        },
        5: {
            "email": "office@bmi.gv.at",
            "first_name": "Max",
            "last_name": "Muster",
            "profession": "law_enforcement",
            "country": "AT",
            "organisation": "BMI",
            "gender": "male",
            "first_time": False,
        },
        6: {
            "email": "office+eva.gruber@bmi.gv.at",
            "first_name": "Eva",
            "last_name": "Gruber",
            "profession": "",  # "Referentin": the organiser chooses
            "country": "AT",
            "organisation": "BMI",
            "gender": "female",
            "first_time": True,
        },
        9: {
            "email": "o.koval@example.ua",
            "first_name": "Olena",
            "last_name": "Koval",
            "profession": "civil_society",
            "country": "UA",
            "organisation": "La Strada",
            "gender": "female",
            "first_time": True,  # blank: nothing in our records
        },
    }
    for i in range(generated):
        wording, profession = GERMAN_WORDING[i % len(GERMAN_WORDING)]
        name, code = GERMAN_COUNTRIES[i % len(GERMAN_COUNTRIES)]
        said, gender = GERMAN_GENDERS[i % len(GERMAN_GENDERS)]
        yes_no, first_time = GERMAN_YES_NO[i % len(GERMAN_YES_NO)]
        email = f"teilnehmer{i}@behoerde.example.de"
        rows.append([email, f"Vorname{i}", "Müller", wording, name, "Behörde Süd", said, yes_no])
        expected[11 + i] = {
            "email": email,
            "first_name": f"Vorname{i}",
            "last_name": "Müller",
            "profession": profession,
            "country": code,
            "organisation": "Behörde Süd",
            "gender": gender,
            "first_time": first_time,
        }
    buffer = io.StringIO(newline="")
    csv.writer(buffer, delimiter=";", lineterminator="\r\n").writerows(rows)
    return buffer.getvalue().encode("cp1252"), expected


def french_csv() -> tuple[bytes, dict]:
    text = (
        "Courriel;Prénom;Nom;Fonction;Pays;Organisme;Sexe;Première participation\n"
        "claire.martin@justice.fr;Claire;Martin;procureure;France;Parquet de Lille;F;Oui\n"
        "l.dubois@just.fgov.be;Luc;Dubois;Juge d'instruction;Belgique;Tribunal de Liège;H;Non\n"
        "p.lefevre@gendarmerie.fr;Paul;Lefèvre;gendarme;FR;Gendarmerie nationale;h;NON\n"
        "s.roux@travail.gouv.fr;Sophie;Roux;Inspectrice du travail;france;DREETS;f;oui\n"
        "n.petit@tracfin.fr;Nadia;Petit;Analyste Tracfin;FR;Tracfin;F;VRAI\n"
        "applicant1@example.org;Applicant1;Test;procureur;Belgique;Parquet de Bruxelles;F;FAUX\n"
    )
    expected = {
        2: ("claire.martin@justice.fr", "prosecutor", "FR", "female", True),
        3: ("l.dubois@just.fgov.be", "judge", "BE", "male", False),
        4: ("p.lefevre@gendarmerie.fr", "law_enforcement", "FR", "male", False),
        5: ("s.roux@travail.gouv.fr", "labour_inspector", "FR", "female", True),
        6: ("n.petit@tracfin.fr", "financial_compliance", "FR", "female", True),
    }
    return "\ufeff".encode() + text.encode("utf-8"), expected


def polish_xlsx() -> tuple[bytes, dict]:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.title = "Kandydaci"
    sheet.append(["Lista kandydatów — szkolenie THB"])  # a title row above the table
    sheet.append([])
    sheet.append(
        [
            "E-mail",
            "Imię",
            "Nazwisko",
            "Stanowisko",
            "Kraj",
            "Organizacja",
            "Płeć",
            "Pierwszy udział",
            "Data zgłoszenia",
            "Lata stażu",
        ]
    )
    rows = [
        [
            "k.nowak@prokuratura.gov.pl",
            "Katarzyna",
            "Nowak",
            "Prokurator",
            "Polska",
            "Prokuratura Krajowa",
            "K",
            True,
            datetime(2026, 3, 2),
            12,
        ],
        [
            "p.wisniewski@policja.gov.pl",
            "Piotr",
            "Wiśniewski",
            "Policjant",
            "PL",
            "Komenda Główna Policji",
            "M",
            False,
            datetime(2026, 3, 3),
            7.0,
        ],
        [
            "m.papadopoulou@police.gr",
            "Maria",
            "Papadopoulou",
            "Police officer",
            "Ελλάδα",
            "Hellenic Police",
            "F",
            1,
            date(2026, 3, 4),
            3,
        ],
        [
            "g.nikolaou@hcaa.gr",
            "Giorgos",
            "Nikolaou",
            "FIU analyst",
            "EL",
            "Hellenic FIU",
            "M",
            0,
            datetime(2026, 3, 5),
            4,
        ],
        [
            "o.shevchenko@npu.gov.ua",
            "Oksana",
            "Shevchenko",
            "Inspektor pracy",
            "Україна",
            "Державна служба з питань праці",
            "K",
            True,
            datetime(2026, 3, 6),
            9,
        ],
        [
            "a.zielinska@giif.gov.pl",
            "Anna",
            "Zielińska",
            "Analityk GIIF",
            "Polska",
            "GIIF",
            "",
            None,
            datetime(2026, 3, 7),
            2,
        ],
    ]
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    expected = {
        4: ("k.nowak@prokuratura.gov.pl", "prosecutor", "PL", "female", True),
        5: ("p.wisniewski@policja.gov.pl", "law_enforcement", "PL", "male", False),
        6: ("m.papadopoulou@police.gr", "law_enforcement", "GR", "female", True),
        7: ("g.nikolaou@hcaa.gr", "financial_compliance", "GR", "male", False),
        8: ("o.shevchenko@npu.gov.ua", "labour_inspector", "UA", "female", True),
        9: ("a.zielinska@giif.gov.pl", "financial_compliance", "PL", "", True),
    }
    return buffer.getvalue(), expected
