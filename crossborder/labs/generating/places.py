# ruff: noqa: E501  (data tables, one row a line)
"""Names, places, banks and number formats the generator draws from (all fictional banks and
sites; names are common ones of each country). Countries of exploitation are EU Member States;
countries of recruitment include EU and non-EU countries."""

# Where the case happens (the exploitation), and where the workers were recruited.
CASE_COUNTRIES = ["PT", "ES", "DE", "BE", "NL", "AT", "FR", "IT"]
RECRUITMENT_COUNTRIES = ["RO", "BG", "HU", "NG", "VN", "UA", "MD"]
# Other countries people of the case come from (background, diaspora).
OTHER_COUNTRIES = ["PL", "GR", "CZ"]

FIRST = {
    "PT": ["João", "Ana", "Pedro", "Maria", "Rui", "Inês", "Tiago", "Sofia", "Miguel", "Catarina"],
    "ES": ["Javier", "Lucía", "Carlos", "Carmen", "Pablo", "Elena", "David", "Marta", "Sergio", "Laura"],
    "DE": ["Lukas", "Anna", "Jonas", "Lea", "Felix", "Hannah", "Tobias", "Julia", "Stefan", "Katrin"],
    "BE": ["Thomas", "Emma", "Lars", "Louise", "Wout", "Marie", "Arne", "Elise", "Bram", "Chloé"],
    "NL": ["Daan", "Sanne", "Bram", "Fleur", "Joost", "Lotte", "Thijs", "Eva", "Ruben", "Noor"],
    "AT": ["Florian", "Lena", "Matthias", "Sarah", "Dominik", "Theresa", "Christoph", "Magdalena", "Lukas", "Verena"],
    "FR": ["Julien", "Camille", "Nicolas", "Chloé", "Antoine", "Manon", "Hugo", "Léa", "Mathieu", "Pauline"],
    "IT": ["Marco", "Giulia", "Luca", "Francesca", "Matteo", "Chiara", "Andrea", "Sara", "Davide", "Elisa"],
    "RO": ["Andrei", "Ioana", "Mihai", "Elena", "Florin", "Alexandra", "Bogdan", "Cristina", "Vasile", "Raluca"],
    "BG": ["Georgi", "Desislava", "Ivan", "Mariya", "Nikolay", "Gergana", "Dimitar", "Teodora", "Stoyan", "Yana"],
    "HU": ["Bence", "Eszter", "Gábor", "Zsófia", "László", "Réka", "Tamás", "Anna", "Péter", "Katalin"],
    "NG": ["Chinedu", "Blessing", "Emeka", "Joy", "Tunde", "Precious", "Ifeanyi", "Esther", "Osas", "Favour"],
    "VN": ["Minh", "Lan", "Tuấn", "Hương", "Dũng", "Mai", "Hùng", "Thảo", "Nam", "Linh"],
    "UA": ["Oleksandr", "Olena", "Andrii", "Iryna", "Serhii", "Natalia", "Dmytro", "Yuliia", "Taras", "Oksana"],
    "MD": ["Ion", "Mariana", "Vasile", "Natalia", "Sergiu", "Cristina", "Victor", "Elena", "Nicolae", "Ana"],
    "PL": ["Piotr", "Katarzyna", "Tomasz", "Agnieszka", "Paweł", "Magdalena", "Marcin", "Joanna", "Krzysztof", "Ewa"],
    "GR": ["Giorgos", "Maria", "Nikos", "Eleni", "Kostas", "Katerina", "Dimitris", "Sofia", "Yannis", "Anna"],
    "CZ": ["Jan", "Tereza", "Petr", "Lucie", "Tomáš", "Kateřina", "Martin", "Veronika", "Jakub", "Hana"],
}  # fmt: skip

LAST = {
    "PT": ["Silva", "Santos", "Ferreira", "Pereira", "Oliveira", "Costa", "Rodrigues", "Martins", "Sousa", "Fernandes"],
    "ES": ["García", "Martínez", "López", "Sánchez", "Pérez", "Gómez", "Martín", "Jiménez", "Ruiz", "Hernández"],
    "DE": ["Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch"],
    "BE": ["Peeters", "Janssens", "Maes", "Jacobs", "Mertens", "Willems", "Claes", "Dubois", "Lambert", "Dupont"],
    "NL": ["de Jong", "Jansen", "de Vries", "van den Berg", "Bakker", "Visser", "Smit", "Meijer", "de Boer", "Mulder"],
    "AT": ["Gruber", "Huber", "Bauer", "Wagner", "Pichler", "Steiner", "Moser", "Mayer", "Hofer", "Leitner"],
    "FR": ["Martin", "Bernard", "Dubois", "Thomas", "Robert", "Richard", "Petit", "Durand", "Leroy", "Moreau"],
    "IT": ["Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino", "Greco"],
    "RO": ["Popescu", "Ionescu", "Popa", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei", "Ciobanu", "Rusu"],
    "BG": ["Ivanov", "Georgiev", "Dimitrov", "Petrov", "Nikolov", "Hristov", "Stoyanov", "Todorov", "Iliev", "Vasilev"],
    "HU": ["Nagy", "Kovács", "Tóth", "Szabó", "Horváth", "Varga", "Kiss", "Molnár", "Németh", "Farkas"],
    "NG": ["Okafor", "Adeyemi", "Eze", "Okonkwo", "Bello", "Nwosu", "Adebayo", "Obi", "Osagie", "Igbinedion"],
    "VN": ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi", "Đỗ", "Ngô"],
    "UA": ["Shevchenko", "Kovalenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Oliinyk", "Lysenko", "Marchenko"],
    "MD": ["Rusu", "Ceban", "Ciobanu", "Lungu", "Munteanu", "Cojocaru", "Țurcanu", "Sîrbu", "Botnaru", "Guțu"],
    "PL": ["Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński", "Szymański", "Woźniak"],
    "GR": ["Papadopoulos", "Vlachos", "Angelopoulos", "Nikolaidis", "Georgiou", "Papadakis", "Oikonomou", "Karagiannis", "Dimitriou", "Pappas"],
    "CZ": ["Novák", "Svoboda", "Novotný", "Dvořák", "Černý", "Procházka", "Kučera", "Veselý", "Horák", "Němec"],
}  # fmt: skip

CITIES = {
    "PT": ["Lisboa", "Porto", "Faro", "Coimbra"],
    "ES": ["Madrid", "Valencia", "Sevilla", "Málaga"],
    "DE": ["Berlin", "Hamburg", "Köln", "Frankfurt am Main"],
    "BE": ["Bruxelles", "Antwerpen", "Liège", "Gent"],
    "NL": ["Amsterdam", "Rotterdam", "Utrecht", "Den Haag"],
    "AT": ["Wien", "Graz", "Linz", "Salzburg"],
    "FR": ["Paris", "Lyon", "Marseille", "Lille"],
    "IT": ["Milano", "Roma", "Torino", "Bologna"],
    "RO": ["Craiova", "Iași", "Bacău", "Constanța"],
    "BG": ["Sliven", "Pleven", "Varna", "Plovdiv"],
    "HU": ["Miskolc", "Debrecen", "Nyíregyháza", "Pécs"],
    "NG": ["Benin City", "Lagos", "Enugu", "Abuja"],
    "VN": ["Nghệ An", "Hà Tĩnh", "Hải Phòng", "Hà Nội"],
    "UA": ["Odesa", "Kharkiv", "Zhytomyr", "Lviv"],
    "MD": ["Chișinău", "Bălți", "Cahul", "Orhei"],
    "PL": ["Kraków", "Łódź", "Lublin", "Gdańsk"],
    "GR": ["Athina", "Thessaloniki", "Patra", "Larisa"],
    "CZ": ["Praha", "Brno", "Ostrava", "Plzeň"],
    "CY": ["Limassol", "Larnaca", "Nicosia", "Paphos"],
}

STREETS = {
    "PT": ("Rua {name} {n}, {floor}º", ["da Prata", "do Ouro", "das Flores", "de Santa Catarina", "Augusta"]),
    "ES": ("Calle {name} {n}, {floor}º", ["Mayor", "del Carmen", "de Alcalá", "San Vicente", "Real"]),
    "DE": ("{name} {n}", ["Hauptstraße", "Bahnhofstraße", "Lindenweg", "Gartenstraße", "Schillerstraße"]),
    "BE": ("{name} {n}", ["Rue Haute", "Kerkstraat", "Rue de la Gare", "Nieuwstraat", "Rue Royale"]),
    "NL": ("{name} {n}", ["Kerkstraat", "Dorpsstraat", "Molenweg", "Stationsweg", "Prinsengracht"]),
    "AT": ("{name} {n}/{floor}", ["Hauptstraße", "Mariahilfer Straße", "Landstraße", "Gürtel", "Kirchengasse"]),
    "FR": ("{n} {name}", ["rue de la République", "avenue Jean Jaurès", "rue Victor Hugo", "boulevard Voltaire", "rue Pasteur"]),
    "IT": ("Via {name} {n}", ["Roma", "Garibaldi", "Mazzini", "Cavour", "Dante"]),
    "CY": ("{n} {name}", ["Archbishop Makarios III Avenue", "Spyrou Kyprianou Avenue", "Agias Fylaxeos Street"]),
}  # fmt: skip

# Fictional banks: (name, bank code used in the IBAN's BBAN).
BANKS = {
    "PT": [("Banco Atlântico", "0002"), ("Caixa Norte", "0035"), ("Banco do Tejo", "0018")],
    "ES": [("Banco Meridiano", "2100"), ("Caja Levante", "0049"), ("Banco Ibérico", "0182")],
    "DE": [("Nordbank", "10010010"), ("Sparkasse am Fluss", "20050550"), ("Rheinische Volksbank", "37050198")],
    "BE": [("Banque du Nord", "001"), ("Kredietbank Schelde", "735"), ("Banque Belfius Sud", "068")],
    "NL": [("Polderbank", "POLB"), ("Grachtenbank", "GRAB"), ("Deltabank", "DELT")],
    "AT": [("Donaubank", "12000"), ("Alpen Sparkasse", "20111"), ("Raiffeisen Tal", "32000")],
    "FR": [("Banque de la Loire", "30004"), ("Crédit Rhône", "30002"), ("Caisse du Midi", "10207")],
    "IT": [("Banca Padana", "X0306909606"), ("Credito Tirrenico", "X0200802435"), ("Banca Adriatica", "X0538712900")],
    "RO": [("Banca Carpați", "CARP"), ("Banca Dunării", "DUNR"), ("Banca Moldovei Noi", "MLDN")],
    "BG": [("Balkan Bank", "BALK"), ("Bank Vitosha", "VITO"), ("Black Sea Bank", "BLSB")],
    "HU": [("Tisza Bank", "117"), ("Duna Takarék", "104"), ("Alföld Bank", "120")],
    "MD": [("Banca Nistru", "NI"), ("Banca Codru", "CO")],
    "UA": [("Dnipro Bank", "305299"), ("Karpaty Bank", "322001")],
    "PL": [("Bank Wisła", "1090"), ("Bank Tatry", "1140")],
    "GR": [("Aegean Bank", "0110"), ("Bank of Epirus", "0172")],
    "CZ": [("Vltava Banka", "0800"), ("Banka Morava", "0300")],
    "CY": [("Bank of Larnaca", "002"), ("Limassol Cooperative Bank", "005")],
}  # fmt: skip

# Countries without IBAN: account numbers as the banks write them.
NON_IBAN_BANKS = {
    "NG": [("Niger Delta Bank", 10), ("Lagoon Microfinance Bank", 10)],
    "VN": [("Mekong Commercial Bank", 13), ("Red River Bank", 12)],
}

IBAN_LENGTH = {
    "PT": 25, "ES": 24, "DE": 22, "BE": 16, "NL": 18, "AT": 20, "FR": 27, "IT": 27, "RO": 24,
    "BG": 22, "HU": 28, "MD": 24, "UA": 29, "PL": 28, "GR": 27, "CZ": 24, "CY": 28,
}  # fmt: skip

PHONE_FORMATS = {
    "PT": "+351 9X# ### ###", "ES": "+34 6## ### ###", "DE": "+49 15# ########",
    "BE": "+32 4## ## ## ##", "NL": "+31 6 #### ####", "AT": "+43 6## #######",
    "FR": "+33 6 ## ## ## ##", "IT": "+39 3## ### ####", "RO": "+40 7## ### ###",
    "BG": "+359 8# ### ####", "HU": "+36 30 ### ####", "NG": "+234 80# ### ####",
    "VN": "+84 9# ### ####", "UA": "+380 6# ### ####", "MD": "+373 6# ### ###",
    "PL": "+48 5## ### ###", "GR": "+30 69# ### ####", "CZ": "+420 6## ### ###",
    "CY": "+357 99 ######",
}  # fmt: skip
OPERATORS = ["Lumo Mobile", "Telvia", "Orbita", "Kappa Prepaid", "Nova Telecom"]

# Words of each case country for the references people write.
WORDS = {
    "PT": {"salary": "Salario", "rent": "Renda", "invoice": "Fatura"},
    "ES": {"salary": "Nomina", "rent": "Alquiler", "invoice": "Factura"},
    "DE": {"salary": "Lohn", "rent": "Miete", "invoice": "Rechnung"},
    "BE": {"salary": "Loon", "rent": "Huur", "invoice": "Facture"},
    "NL": {"salary": "Salaris", "rent": "Huur", "invoice": "Factuur"},
    "AT": {"salary": "Gehalt", "rent": "Miete", "invoice": "Rechnung"},
    "FR": {"salary": "Salaire", "rent": "Loyer", "invoice": "Facture"},
    "IT": {"salary": "Stipendio", "rent": "Affitto", "invoice": "Fattura"},
}

COMPANY_FORMS = {
    "PT": "Lda", "ES": "S.L.", "DE": "GmbH", "BE": "BV", "NL": "B.V.", "AT": "GmbH",
    "FR": "SARL", "IT": "S.r.l.", "CY": "Ltd", "BG": "EOOD", "RO": "SRL",
}  # fmt: skip

# Front businesses the network may run, with what it calls itself (and sells).
FRONT_SECTORS = {
    "cleaning": ["{x} Facility Services", "{x} Cleaning Solutions", "Clean{x} Services"],
    "massage": ["{x} Wellness Spa", "Golden {x} Massage", "{x} Relax Studio"],
    "nails": ["{x} Nails & Beauty", "Nail Bar {x}", "{x} Beauty Corner"],
    "car_wash": ["{x} Car Wash", "Auto Spa {x}", "{x} Hand Car Wash"],
}
FRONT_WORDS = ["Sparkle", "Lotus", "Diamond", "Orchid", "Crystal", "Sunrise", "Jade", "Pearl"]
# Ordinary businesses of the background: (sector, names, cash-intensive takings).
ORDINARY = [
    ("supermarket", ["Mercado {x}", "{x} Market", "{x} Express"]),
    ("restaurant", ["Restaurante {x}", "Trattoria {x}", "Bistro {x}"]),
    ("pharmacy", ["Farmácia {x}", "Apotheke {x}", "Pharmacie {x}"]),
    ("fuel", ["{x} Fuel", "Station {x}"]),
    ("bakery", ["Padaria {x}", "Bäckerei {x}", "Boulangerie {x}"]),
    ("logistics", ["{x} Logistics", "{x} Transport"]),
    ("hotel", ["Hotel {x}", "{x} Suites"]),
    ("construction", ["{x} Construções", "{x} Bau"]),
    ("farm", ["Quinta {x}", "{x} Agro"]),
]
ORDINARY_WORDS = [
    "Central", "Norte", "Sol", "Atlas", "Aurora", "Delta", "Europa", "Horizonte", "Luna",
    "Mar", "Nova", "Oriente", "Porto", "Rio", "Terra", "Vale", "Vista", "Alfa", "Bravo",
    "Costa", "Flora", "Lago", "Monte", "Prado", "Sierra", "Torre", "Verde",
]  # fmt: skip
UTILITIES = ["{x} Energia", "{x} Telecom", "{x} Águas"]

AD_SITES = ["classifieds.example", "citylocal.example", "vivastreet.example", "escortdir.example"]
EXCHANGES = ["Coinbridge", "Bitvault", "Cryptoport"]
PREPAID_ISSUERS = ["PayGo Prepaid", "CardNow"]
MTO = ["Globo Money Transfer", "SwiftCash Remit"]

# Women's first names of the lists above whose surname takes a feminine form.
FEMALE = {
    "BG": {"Desislava", "Mariya", "Gergana", "Teodora", "Yana"},
    "PL": {"Katarzyna", "Agnieszka", "Magdalena", "Joanna", "Ewa"},
    "CZ": {"Tereza", "Lucie", "Kateřina", "Veronika", "Hana"},
    "UA": set(),  # Ukrainian surnames in -enko, -uk, -yk do not change
    "GR": {"Maria", "Eleni", "Katerina", "Sofia", "Anna"},
}
CZECH_FEMININE = {
    "Novák": "Nováková", "Svoboda": "Svobodová", "Novotný": "Novotná", "Dvořák": "Dvořáková",
    "Černý": "Černá", "Procházka": "Procházková", "Kučera": "Kučerová", "Veselý": "Veselá",
    "Horák": "Horáková", "Němec": "Němcová",
}  # fmt: skip
GREEK_FEMININE = {
    "Papadopoulos": "Papadopoulou", "Vlachos": "Vlachou", "Angelopoulos": "Angelopoulou",
    "Nikolaidis": "Nikolaidou", "Georgiou": "Georgiou", "Papadakis": "Papadaki",
    "Oikonomou": "Oikonomou", "Karagiannis": "Karagianni", "Dimitriou": "Dimitriou",
    "Pappas": "Pappa",
}  # fmt: skip


def surname(country: str, first: str, last: str) -> str:
    """The surname as a woman of that country bears it (Ivanova, Kowalska, Nováková, ...)."""
    if first not in FEMALE.get(country, ()):
        return last
    if country == "BG" and last.endswith(("ov", "ev")):
        return last + "a"
    if country == "PL" and last.endswith("ski"):
        return last[:-1] + "a"
    if country == "CZ":
        return CZECH_FEMININE.get(last, last)
    if country == "GR":
        return GREEK_FEMININE.get(last, last)
    return last
