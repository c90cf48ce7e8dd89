"""The default questions of a seminar's satisfaction survey and of its follow-up survey.

Content, not interface text: each question is written in English, French and German here and
copied into the survey, where the manager may edit it. A conditional question names the `key`
of the earlier question and the index of the choice it depends on.
"""

from datetime import datetime, time, timedelta

SATISFACTION_OPEN_DAYS = 14
FOLLOWUP_MONTHS = 6
FOLLOWUP_OPEN_DAYS = 30
REMIND_AFTER_DAYS = 5

YES_NO = [
    {"en": "Yes", "fr": "Oui", "de": "Ja"},
    {"en": "No", "fr": "Non", "de": "Nein"},
]

SATISFACTION = {
    "title": {
        "en": "How was the seminar?",
        "fr": "Comment s’est passé le séminaire ?",
        "de": "Wie war das Seminar?",
    },
    "intro": {
        "en": "Your answers help us improve the next seminars of the programme. The survey "
        "takes about ten minutes. It is anonymous: your answers are kept without your name.",
        "fr": "Vos réponses nous aident à améliorer les prochains séminaires du programme. "
        "Le questionnaire prend une dizaine de minutes. Il est anonyme : vos réponses sont "
        "conservées sans votre nom.",
        "de": "Ihre Antworten helfen uns, die nächsten Seminare des Programms zu verbessern. "
        "Die Umfrage dauert etwa zehn Minuten. Sie ist anonym: Ihre Antworten werden ohne "
        "Ihren Namen gespeichert.",
    },
    "anonymous": True,
    "questions": [
        {
            "key": "overall",
            "kind": "likert",
            "required": True,
            "indicator": "satisfaction",
            "text": {
                "en": "Overall, I am satisfied with the seminar.",
                "fr": "Dans l’ensemble, je suis satisfait·e du séminaire.",
                "de": "Insgesamt bin ich mit dem Seminar zufrieden.",
            },
        },
        {
            "kind": "likert",
            "required": True,
            "text": {
                "en": "What I learned is relevant to my daily work on trafficking cases.",
                "fr": "Ce que j’ai appris est utile à mon travail quotidien sur les affaires "
                "de traite.",
                "de": "Was ich gelernt habe, ist für meine tägliche Arbeit an "
                "Menschenhandelsfällen relevant.",
            },
        },
        {
            "kind": "likert",
            "required": True,
            "text": {
                "en": "I know better which cross-border tools to use (JITs, European "
                "Investigation Orders, Eurojust, Europol).",
                "fr": "Je sais mieux quels outils de coopération transfrontière utiliser (ECE, "
                "décisions d’enquête européennes, Eurojust, Europol).",
                "de": "Ich weiß besser, welche grenzüberschreitenden Instrumente ich nutzen kann "
                "(GEG, Europäische Ermittlungsanordnungen, Eurojust, Europol).",
            },
        },
        {
            "kind": "likert",
            "required": True,
            "text": {
                "en": "Working with other professions and countries helped me understand their "
                "role in a trafficking case.",
                "fr": "Travailler avec d’autres professions et d’autres pays m’a aidé·e à "
                "comprendre leur rôle dans une affaire de traite.",
                "de": "Die Arbeit mit anderen Berufsgruppen und Ländern hat mir geholfen, ihre "
                "Rolle in einem Menschenhandelsfall zu verstehen.",
            },
        },
        {
            "kind": "session_rating",
            "required": False,
            "text": {
                "en": "How useful was each session you attended for your work?",
                "fr": "Quelle a été l’utilité pour votre travail de chaque session à laquelle "
                "vous avez assisté ?",
                "de": "Wie nützlich war jede Sitzung, an der Sie teilgenommen haben, für Ihre "
                "Arbeit?",
            },
        },
        {
            "kind": "speaker_rating",
            "required": False,
            "text": {
                "en": "How would you rate each speaker you heard?",
                "fr": "Comment évaluez-vous chaque intervenant·e que vous avez entendu·e ?",
                "de": "Wie bewerten Sie die Referentinnen und Referenten, die Sie gehört haben?",
            },
        },
        {
            "kind": "multiple",
            "required": False,
            "text": {
                "en": "Which formats helped you learn most?",
                "fr": "Quels formats vous ont le plus aidé·e à apprendre ?",
                "de": "Welche Formate haben Ihnen beim Lernen am meisten geholfen?",
            },
            "options": [
                {
                    "en": "Keynotes and panels",
                    "fr": "Conférences et tables rondes",
                    "de": "Vorträge und Podien",
                },
                {"en": "Case studies", "fr": "Études de cas", "de": "Fallstudien"},
                {
                    "en": "Workshops in small groups",
                    "fr": "Ateliers en petits groupes",
                    "de": "Workshops in kleinen Gruppen",
                },
                {
                    "en": "Informal exchange with colleagues from other countries",
                    "fr": "Échanges informels avec des collègues d’autres pays",
                    "de": "Informeller Austausch mit Kolleginnen und Kollegen aus anderen Ländern",
                },
            ],
        },
        {
            "kind": "likert",
            "required": False,
            "text": {
                "en": "The organisation (venue, interpretation, materials) worked well.",
                "fr": "L’organisation (lieu, interprétation, documents) a bien fonctionné.",
                "de": "Die Organisation (Tagungsort, Dolmetschen, Unterlagen) hat gut "
                "funktioniert.",
            },
        },
        {
            "key": "recommend",
            "kind": "single",
            "required": True,
            "text": {
                "en": "Would you recommend this seminar to a colleague?",
                "fr": "Recommanderiez-vous ce séminaire à un·e collègue ?",
                "de": "Würden Sie dieses Seminar einer Kollegin oder einem Kollegen empfehlen?",
            },
            "options": [
                {"en": "Yes", "fr": "Oui", "de": "Ja"},
                {"en": "No", "fr": "Non", "de": "Nein"},
                {"en": "Not sure", "fr": "Je ne sais pas", "de": "Weiß nicht"},
            ],
        },
        {
            "kind": "text",
            "required": False,
            "condition": ("recommend", 1),
            "text": {
                "en": "What would have to change for you to recommend it?",
                "fr": "Que faudrait-il changer pour que vous le recommandiez ?",
                "de": "Was müsste sich ändern, damit Sie es empfehlen?",
            },
        },
        {
            "kind": "text",
            "required": False,
            "text": {
                "en": "What was most useful for your work?",
                "fr": "Qu’est-ce qui a été le plus utile pour votre travail ?",
                "de": "Was war für Ihre Arbeit am nützlichsten?",
            },
        },
        {
            "kind": "text",
            "required": False,
            "text": {
                "en": "What should we improve?",
                "fr": "Que devrions-nous améliorer ?",
                "de": "Was sollten wir verbessern?",
            },
        },
    ],
}

FOLLOWUP = {
    "title": {
        "en": "Six months on: what has changed in your work?",
        "fr": "Six mois après : qu’est-ce qui a changé dans votre travail ?",
        "de": "Sechs Monate später: Was hat sich in Ihrer Arbeit verändert?",
    },
    "intro": {
        "en": "Some months ago you took part in the seminar. We would like to know whether "
        "you have used what you learned, and whether you have cooperated across borders since. "
        "Please count only what happened after the seminar. The survey takes about five minutes.",
        "fr": "Il y a quelques mois, vous avez participé au séminaire. Nous aimerions savoir si "
        "vous avez utilisé ce que vous y avez appris et si vous avez coopéré au-delà des "
        "frontières depuis. Ne comptez que ce qui s’est passé après le séminaire. Le "
        "questionnaire prend environ cinq minutes.",
        "de": "Vor einigen Monaten haben Sie am Seminar teilgenommen. Wir möchten wissen, ob Sie "
        "das Gelernte angewendet und seitdem grenzüberschreitend zusammengearbeitet haben. "
        "Bitte zählen Sie nur, was nach dem Seminar geschehen ist. Die Umfrage dauert etwa "
        "fünf Minuten.",
    },
    "anonymous": False,
    "questions": [
        {
            "kind": "likert",
            "required": True,
            "text": {
                "en": "I have used what I learned at the seminar in my work.",
                "fr": "J’ai utilisé dans mon travail ce que j’ai appris au séminaire.",
                "de": "Ich habe das im Seminar Gelernte in meiner Arbeit angewendet.",
            },
        },
        {
            "kind": "number",
            "required": True,
            "indicator": "contacts",
            "text": {
                "en": "How many new contacts with practitioners in other countries have you "
                "made or worked with since the seminar?",
                "fr": "Avec combien de nouveaux contacts, praticien·ne·s d’autres pays, avez-vous "
                "établi une relation ou travaillé depuis le séminaire ?",
                "de": "Wie viele neue Kontakte zu Fachleuten in anderen Ländern haben Sie seit dem "
                "Seminar geknüpft oder mit ihnen zusammengearbeitet?",
            },
        },
        {
            "kind": "single",
            "required": True,
            "indicator": "jit",
            "text": {
                "en": "Since the seminar, have you joined or set up a joint investigation "
                "team (JIT)?",
                "fr": "Depuis le séminaire, avez-vous rejoint ou mis en place une équipe commune "
                "d’enquête (ECE) ?",
                "de": "Haben Sie seit dem Seminar an einer gemeinsamen Ermittlungsgruppe (GEG) "
                "mitgewirkt oder eine eingerichtet?",
            },
            "options": [
                {
                    "en": "Yes, I helped set one up",
                    "fr": "Oui, j’ai contribué à en créer une",
                    "de": "Ja, ich habe an der Einrichtung mitgewirkt",
                },
                {
                    "en": "Yes, I joined one",
                    "fr": "Oui, j’en ai rejoint une",
                    "de": "Ja, ich bin einer beigetreten",
                },
                {"en": "No", "fr": "Non", "de": "Nein"},
            ],
        },
        {
            "kind": "number",
            "required": True,
            "indicator": "referrals",
            "text": {
                "en": "How many cases have you referred to the authorities of another country "
                "(for example through Europol, Eurojust, a European Investigation Order or a "
                "direct request)?",
                "fr": "Combien d’affaires avez-vous transmises aux autorités d’un autre pays (par "
                "exemple via Europol, Eurojust, une décision d’enquête européenne ou une "
                "demande directe) ?",
                "de": "Wie viele Fälle haben Sie an Behörden eines anderen Landes weitergeleitet "
                "(zum Beispiel über Europol, Eurojust, eine Europäische Ermittlungsanordnung "
                "oder ein direktes Ersuchen)?",
            },
        },
        {
            "kind": "number",
            "required": True,
            "indicator": "financial",
            "text": {
                "en": "How many financial investigations into trafficking cases have you opened "
                "or requested?",
                "fr": "Combien d’enquêtes financières sur des affaires de traite avez-vous "
                "ouvertes ou demandées ?",
                "de": "Wie viele Finanzermittlungen in Menschenhandelsfällen haben Sie eingeleitet "
                "oder beantragt?",
            },
        },
        {
            "key": "trained",
            "kind": "single",
            "required": True,
            "text": {
                "en": "Have you passed on what you learned to colleagues (a training, a briefing)?",
                "fr": "Avez-vous transmis ce que vous avez appris à des collègues (formation, "
                "réunion d’information) ?",
                "de": "Haben Sie das Gelernte an Kolleginnen und Kollegen weitergegeben "
                "(Schulung, Briefing)?",
            },
            "options": YES_NO,
        },
        {
            "kind": "number",
            "required": True,
            "indicator": "colleagues",
            "condition": ("trained", 0),
            "text": {
                "en": "How many colleagues took part?",
                "fr": "Combien de collègues y ont participé ?",
                "de": "Wie viele Kolleginnen und Kollegen haben teilgenommen?",
            },
        },
        {
            "kind": "text",
            "required": False,
            "text": {
                "en": "Please describe an example of how you used what you learned, or what "
                "prevented you from using it.",
                "fr": "Décrivez un exemple d’utilisation de ce que vous avez appris, ou ce qui "
                "vous en a empêché·e.",
                "de": "Bitte beschreiben Sie ein Beispiel, wie Sie das Gelernte angewendet haben, "
                "oder was Sie daran gehindert hat.",
            },
        },
    ],
}

TEMPLATES = {"satisfaction": SATISFACTION, "followup": FOLLOWUP}


def default_dates(seminar, kind: str) -> tuple[datetime, datetime] | None:
    """When the survey opens and closes by default: the satisfaction survey at the start of
    the last session, for 14 days; the follow-up six months after the last day (09:00 in the
    seminar's time zone), for 30 days. None when the seminar has no sessions yet."""
    if kind == "satisfaction":
        last = seminar.sessions.exclude(kind="break").order_by("-start").first()
        if last is None:
            return None
        return last.start, last.start + timedelta(days=SATISFACTION_OPEN_DAYS)
    day = add_months(seminar.end_date, FOLLOWUP_MONTHS)
    opens = seminar.local_datetime(day, time(9, 0))
    return opens, opens + timedelta(days=FOLLOWUP_OPEN_DAYS)


def add_months(day, months: int):
    """The same day `months` later (the month's last day where it is shorter)."""
    import calendar

    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )
