"""The case brief in English, French and German (Markdown): the suspicious-transaction report
the case starts from, what the team has and what it is asked to find. It reveals nothing of
the ground truth beyond what the report itself says about the lead account."""

from datetime import date
from decimal import Decimal

COUNTRY_NAMES = {
    "en": {
        "PT": "Portugal", "ES": "Spain", "DE": "Germany", "BE": "Belgium", "NL": "the Netherlands",
        "AT": "Austria", "FR": "France", "IT": "Italy", "RO": "Romania", "BG": "Bulgaria",
        "HU": "Hungary", "NG": "Nigeria", "VN": "Viet Nam", "UA": "Ukraine", "MD": "Moldova",
    },
    "fr": {
        "PT": "au Portugal", "ES": "en Espagne", "DE": "en Allemagne", "BE": "en Belgique",
        "NL": "aux Pays-Bas", "AT": "en Autriche", "FR": "en France", "IT": "en Italie",
        "RO": "roumaine", "BG": "bulgare", "HU": "hongroise", "NG": "nigériane",
        "VN": "vietnamienne", "UA": "ukrainienne", "MD": "moldave",
    },
    "de": {
        "PT": "Portugal", "ES": "Spanien", "DE": "Deutschland", "BE": "Belgien",
        "NL": "den Niederlanden", "AT": "Österreich", "FR": "Frankreich", "IT": "Italien",
        "RO": "rumänischer", "BG": "bulgarischer", "HU": "ungarischer", "NG": "nigerianischer",
        "VN": "vietnamesischer", "UA": "ukrainischer", "MD": "moldauischer",
    },
}  # fmt: skip

EN = """**Suspicious transaction report of {report}.** {bank} in {country} reports account
{iban} (`{lead}`), held by {holder}, a {nationality_en} national living in {city}. Since
{start} the account has received transfers from several private accounts on the same days,
usually within a few hours of each other, and most of the money has left again in cash
withdrawals the next day. The holder also sends money-transfer payments abroad. The bank
could not establish an economic reason for these movements.

**What your team has.** Bank statements of {transactions} transactions between {start} and
{end} ({accounts} bank and card accounts), company register extracts ({companies}
companies), subscriber data of {phones} phone numbers, {ads} online ads with the hashes of
their photos, {wallets} crypto-asset addresses from an exchange's records, and the
addresses people and companies are registered at ({addresses}). Money-transfer payments
appear as payments between people.

**What to find.** Follow the money from the reported account. Who controls the accounts,
the companies, the phones and the ads? Who are the people whose money passes through them?
Where do the proceeds go? Flag the entities and transactions you suspect, each with the red
flag that makes you suspect it and how confident you are. Be careful: many people and
businesses in these data show one unusual feature and have done nothing wrong. Look for
several independent indicators before you suspect anyone. The cash reporting threshold is
EUR {threshold}.
"""

FR = """**Déclaration de soupçon du {report}.** {bank} {country} signale le compte {iban}
(`{lead}`), détenu par {holder}, de nationalité {nationality_fr}, domicilié à {city}. Depuis
le {start}, le compte reçoit les mêmes jours des virements de plusieurs comptes de
particuliers, en général à quelques heures d'intervalle, et l'essentiel de l'argent en ressort
dès le lendemain par des retraits d'espèces. Le titulaire envoie aussi des fonds à l'étranger
par un service de transfert d'argent. La banque n'a pu établir aucune justification
économique de ces mouvements.

**Ce dont dispose votre équipe.** Les relevés bancaires de {transactions} opérations du
{start} au {end} ({accounts} comptes bancaires et cartes), des extraits du registre du
commerce ({companies} sociétés), les données d'abonnés de {phones} numéros de téléphone,
{ads} annonces en ligne avec l'empreinte de leurs photos, {wallets} adresses de
crypto-actifs tirées des registres d'une plateforme d'échange, et les adresses où personnes et
sociétés sont enregistrées ({addresses}). Les transferts d'argent apparaissent comme des
paiements entre personnes.

**Ce que vous devez trouver.** Suivez l'argent à partir du compte signalé. Qui contrôle les
comptes, les sociétés, les téléphones et les annonces ? Qui sont les personnes dont l'argent
y transite ? Où vont les produits ? Signalez les entités et les opérations que vous
soupçonnez, chacune avec l'indicateur d'alerte qui fonde votre soupçon et votre degré de
certitude. Attention : beaucoup de personnes et d'entreprises présentent dans ces données une
particularité sans avoir rien fait de mal. Cherchez plusieurs indicateurs indépendants avant
de soupçonner quelqu'un. Le seuil de déclaration des espèces est de {threshold} EUR.
"""

DE = """**Verdachtsmeldung vom {report}.** Die {bank} in {country} meldet das Konto {iban}
(`{lead}`), Inhaber {holder}, {nationality_de} Staatsangehörigkeit, wohnhaft in {city}. Seit
dem {start} gehen auf dem Konto an denselben Tagen Überweisungen von mehreren Privatkonten
ein, meist wenige Stunden nacheinander, und der größte Teil des Geldes wird am Folgetag bar
abgehoben. Der Inhaber schickt außerdem Geld über einen Zahlungsdienst ins Ausland. Die Bank
konnte keinen wirtschaftlichen Grund für diese Bewegungen feststellen.

**Was Ihrem Team vorliegt.** Kontoauszüge mit {transactions} Buchungen vom {start} bis
{end} ({accounts} Bank- und Kartenkonten), Handelsregisterauszüge ({companies}
Unternehmen), Bestandsdaten zu {phones} Telefonnummern, {ads} Online-Anzeigen mit den
Hashwerten ihrer Fotos, {wallets} Krypto-Adressen aus den Unterlagen einer Börse und die
Adressen, unter denen Personen und Unternehmen gemeldet sind ({addresses}).
Bargeldtransfers erscheinen als Zahlungen zwischen Personen.

**Was Sie herausfinden sollen.** Folgen Sie dem Geld ab dem gemeldeten Konto. Wer
kontrolliert die Konten, die Unternehmen, die Telefone und die Anzeigen? Wer sind die
Menschen, deren Geld hindurchfließt? Wohin gehen die Erträge? Markieren Sie die Beteiligten
und Buchungen, die Sie verdächtigen, jeweils mit dem Warnsignal, das Ihren Verdacht begründet,
und wie sicher Sie sind. Vorsicht: Viele Menschen und Unternehmen zeigen in diesen Daten eine
Auffälligkeit, ohne etwas Unrechtes getan zu haben. Suchen Sie mehrere unabhängige
Anhaltspunkte, bevor Sie jemanden verdächtigen. Die Meldeschwelle für Bargeld liegt bei
{threshold} EUR.
"""


def _date(value: date, language: str) -> str:
    return value.strftime("%d/%m/%Y") if language != "de" else value.strftime("%d.%m.%Y")


def write_briefs(
    *,
    country,
    city,
    lead_key,
    lead_iban,
    bank,
    holder,
    nationality,
    start,
    end,
    report_date,
    counts,
    transactions,
    threshold: Decimal,
) -> dict[str, str]:
    out = {}
    for language, template in (("en", EN), ("fr", FR), ("de", DE)):
        names = COUNTRY_NAMES[language]
        amount = f"{int(threshold):,}".replace(
            ",", {"en": ",", "fr": "\u202f", "de": "."}[language]
        )
        values = {
            "report": _date(report_date, language),
            "bank": bank,
            "country": names[country],
            "iban": lead_iban,
            "lead": lead_key,
            "holder": holder,
            "city": city,
            "start": _date(start, language),
            "end": _date(end, language),
            "transactions": f"{transactions:,}".replace(
                ",", {"en": ",", "fr": "\u202f", "de": "."}[language]
            ),
            "accounts": counts.get("account", 0),
            "companies": counts.get("company", 0),
            "phones": counts.get("phone", 0),
            "ads": counts.get("ad", 0),
            "wallets": counts.get("wallet", 0),
            "addresses": counts.get("address", 0),
            "threshold": amount,
            "nationality_en": _demonym(nationality),
            "nationality_fr": names[nationality] if language == "fr" else "",
            "nationality_de": names[nationality] if language == "de" else "",
        }
        out[language] = template.format(**values).strip() + "\n"
    return out


def _demonym(country: str) -> str:
    return {
        "RO": "Romanian", "BG": "Bulgarian", "HU": "Hungarian", "NG": "Nigerian",
        "VN": "Vietnamese", "UA": "Ukrainian", "MD": "Moldovan",
    }[country]  # fmt: skip
