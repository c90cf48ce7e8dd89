"""The red-flag categories a group gives as the reason for a flag, and the generator plants.

Written from the fact sheet's red-flag examples (§3 "Financial investigations"), which draw on
FINTRAC's and FinCEN's published indicators (FinCEN advisory FIN-2020-A008) and the FATF–APG
report "Financial Flows from Human Trafficking" (2018). This is a teaching grouping of those
examples, not an official list.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

FATF = "FATF–APG, Financial Flows from Human Trafficking (July 2018)"
FINCEN = (
    "FinCEN, Supplemental Advisory on Identifying and Reporting Human Trafficking and Related "
    "Activity, FIN-2020-A008 (15 October 2020)"
)
FINTRAC = (
    "FINTRAC, Operational Alerts on laundering of proceeds from human trafficking for sexual "
    "exploitation, FINTRAC-2016-OA003 and FINTRAC-2021-OA001"
)
SOURCE = f"{FATF}; {FINCEN}; {FINTRAC}"


class Category(models.TextChoices):
    THIRD_PARTY = "third_party", _("A third party controls other people's accounts or papers")
    SHARED_DETAILS = (
        "shared_details",
        _("Phone numbers, addresses or photos shared across ads or clients"),
    )
    FUNNEL = "funnel", _("Funnel account: several people's wages paid in and taken out together")
    STRUCTURING = "structuring", _("Cash kept just below the reporting threshold")
    REMITTANCES = "remittances", _("Transfers to the country of recruitment, split among senders")
    FRONT_BUSINESS = (
        "front_business",
        _("Front business: cash-intensive, no normal payroll or social contributions"),
    )
    AD_PAYMENTS = "ad_payments", _("Small recurring payments for online ads, hotels or short lets")
    CRYPTO_PREPAID = "crypto_prepaid", _("Crypto or prepaid top-ups")
    HOUSING = (
        "housing",
        _("Many small rent payments for one address, or housing deducted from wages"),
    )


# What a practitioner looks for, one line per category (shown beside the flag form).
HINTS = {
    Category.THIRD_PARTY: _(
        "One person opens accounts for others, holds their cards, or is their contact number."
    ),
    Category.SHARED_DETAILS: _(
        "The same phone number, address or photo appears in many ads or customer files."
    ),
    Category.FUNNEL: _(
        "Wages of several workers arrive in one account, or their accounts are emptied at the "
        "same cash machine within minutes."
    ),
    Category.STRUCTURING: _(
        "Repeated cash deposits just under the threshold at which the bank must report."
    ),
    Category.REMITTANCES: _(
        "Several senders pay the same recipient in the country where the workers were recruited."
    ),
    Category.FRONT_BUSINESS: _(
        "A massage parlour, nail bar, car wash or cleaning agency with takings but no normal "
        "payroll or social contributions."
    ),
    Category.AD_PAYMENTS: _(
        "Small, regular payments to classified or escort sites, and stays in several cities."
    ),
    Category.CRYPTO_PREPAID: _("Cash turned into crypto-assets or prepaid cards."),
    Category.HOUSING: _(
        "Many small rent payments for one flat, or rent and transport taken from wages."
    ),
}


# Where each category comes from. FinCEN's 2020 advisory names four typologies: front companies,
# exploitative employment practices (incl. wage retention), funnel accounts (several deposits,
# often below the reporting threshold, withdrawn soon elsewhere) and alternative payment
# methods (prepaid cards, mobile payments, virtual currency).
SOURCES = {
    Category.THIRD_PARTY: [FINTRAC, FATF],
    Category.SHARED_DETAILS: [FINTRAC, FATF],
    Category.FUNNEL: [FINCEN],
    Category.STRUCTURING: [FINCEN, FINTRAC],
    Category.REMITTANCES: [FATF, FINTRAC],
    Category.FRONT_BUSINESS: [FINCEN, FATF],
    Category.AD_PAYMENTS: [FINTRAC],
    Category.CRYPTO_PREPAID: [FINCEN, FINTRAC],
    Category.HOUSING: [FINCEN, FINTRAC],
}


class Confidence(models.IntegerChoices):
    LOW = 1, _("Low: worth a look")
    MEDIUM = 2, _("Medium: several indicators")
    HIGH = 3, _("High: we would report it")
