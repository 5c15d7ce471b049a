"""The first catalogue, as it was seeded: the 2023/24 codes with the previous framework's
meanings. 0004 moves each to the code of what it measures (catalogue.move_to_2023_framework);
it is kept here, frozen, so a new installation follows the same path as an existing one."""

from decimal import Decimal

from django.db import migrations

# code, previous framework's code, objective, name, unit, polarity, cumulative, has fraction,
# national breakdown
ASCOF = [
    ("1A", "1A", "quality_of_life", "Social care-related quality of life score", "score", "higher", False, False, ""),
    ("1B", "1B", "quality_of_life", "People who use services who have control over their daily life",
     "percentage", "higher", False, True, ""),
    ("1C", "1D", "quality_of_life", "Carer-reported quality of life score", "score", "higher", False, False, ""),
    ("1D", "1J", "quality_of_life", "Adjusted social care-related quality of life: the impact of adult social care",
     "score", "higher", False, False, ""),
    ("2A", "2A(1)", "independence",
     "Long-term support needs of younger adults (18 to 64) met by admission to residential and nursing care homes",
     "rate", "lower", True, True, "18-64"),
    ("2B", "2A(2)", "independence",
     "Long-term support needs of older adults (65 and over) met by admission to residential and nursing care homes",
     "rate", "lower", True, True, "65+"),
    ("2C", "2B(1)", "independence",
     "Older people still at home 91 days after discharge from hospital into reablement", "percentage", "higher",
     False, True, ""),
    ("2D", "2D", "independence",
     "People who received short-term services with no further request for ongoing support", "percentage",
     "higher", False, True, ""),
    ("2E", "1G", "independence", "People receiving long-term support who live in their own home or with family",
     "percentage", "higher", False, True, ""),
    ("3A", "3D(1)", "empowerment", "People who use services who find it easy to find information about support",
     "percentage", "higher", False, True, ""),
    ("3B", "3D(2)", "empowerment", "Carers who find it easy to find information about support", "percentage",
     "higher", False, True, ""),
    ("3C", "3C", "empowerment", "Carers who report that they have been included or consulted in discussions",
     "percentage", "higher", False, True, ""),
    ("3D", "1C(2A)", "empowerment", "People who use services who receive direct payments", "percentage", "higher",
     False, True, ""),
    ("4A", "4A", "safety", "People who use services who feel safe", "percentage", "higher", False, True, ""),
    ("4B", "4B", "safety", "People who use services who say those services have made them feel safe and secure",
     "percentage", "higher", False, True, ""),
    ("5A", "1I(1)", "social_connections",
     "People who use services who have as much social contact as they would like", "percentage", "higher", False,
     True, ""),
    ("5B", "1I(2)", "social_connections", "Carers who have as much social contact as they would like",
     "percentage", "higher", False, True, ""),
    ("6A", "", "continuity", "Adult social care staff turnover", "percentage", "lower", False, True, ""),
    ("6B", "", "continuity", "Care providers rated good or outstanding by the Care Quality Commission", "percentage",
     "higher", False, True, ""),
]  # fmt: skip

LOCAL = [
    ("L1", "People in long-term support for 12 months or more who have been reviewed", "percentage", "higher",
     True, True),
    ("L2", "Average wait for a Care Act assessment", "days", "lower", False, False),
    ("L3", "People waiting for a Care Act assessment", "count", "lower", False, False),
    ("L4", "Safeguarding concerns received", "count", "lower", True, False),
    ("L5", "Safeguarding enquiries (section 42) started", "count", "lower", True, False),
    ("L6", "Safeguarding concerns that led to an enquiry (conversion rate)", "percentage", "higher", False, True),
]  # fmt: skip

# Admissions of younger and older adults are one measure in the national data, split by age.
NATIONAL_CODES = {"2A": "2A", "2B": "2A"}
THRESHOLDS = {"percentage": "1", "score": "0.2", "rate": "5", "days": "2", "count": "5"}


def seed(apps, schema_editor) -> None:
    """Add the catalogue's indicators that are not there yet (so it can run again)."""
    Indicator = apps.get_model("performance", "Indicator")
    taken = set(Indicator.objects.values_list("code", flat=True))
    new = []
    for order, (code, previous, objective, name, unit, polarity, cumulative, fraction, breakdown) in enumerate(ASCOF):
        new.append(
            Indicator(
                code=code, previous_code=previous, objective=objective, name=name, unit=unit, polarity=polarity,
                cumulative=cumulative, has_fraction=fraction, disaggregation=breakdown, order=order,
                national_code=NATIONAL_CODES.get(code, ""),
                decimals=2 if code == "1D" else 1, threshold=Decimal("0.02" if code == "1D" else THRESHOLDS[unit]),
            )
        )  # fmt: skip
    for order, (code, name, unit, polarity, cumulative, fraction) in enumerate(LOCAL, start=len(ASCOF)):
        new.append(
            Indicator(
                code=code, objective="local", name=name, unit=unit, polarity=polarity, cumulative=cumulative,
                has_fraction=fraction, local=True, order=order, decimals=0 if unit == "count" else 1,
                threshold=Decimal(THRESHOLDS[unit]),
            )
        )  # fmt: skip
    Indicator.objects.bulk_create([i for i in new if i.code not in taken])


class Migration(migrations.Migration):
    dependencies = [("performance", "0001_initial")]

    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
