"""The representations import file's columns are a published contract (docs/interchange.md,
section 2): councils' spreadsheets and other systems' exports are written in this order."""

from redress.imports.columns import REPRESENTATION_COLUMNS

PUBLISHED = [
    "reference",
    "kind",
    "procedure",
    "received",
    "acknowledged",
    "method",
    "point_of_receipt",
    "service_area",
    "stage",
    "target_days",
    "stage1_response",
    "stage2_requested",
    "stage2_response",
    "stage3_requested",
    "stage3_response",
    "extended_to",
    "outcome",
    "closed",
    "provider_fault",
    "concerns",
    "complainant_relationship",
    "child_or_young_person",
    "advocate",
    "su_sex",
    "su_age",
    "su_ethnicity",
    "su_disability",
    "su_primary_support_reason",
    "themes",
    "summary",
    "remedy_amount",
    # Interchange 1.1
    "stage1_outcome",
    "stage2_outcome",
    "stage3_outcome",
    "stage1_extended_to",
    "stage2_extended_to",
    "stage3_extended_to",
    "joint_with",
    "remedy_types",
    "stage2_investigator",
]


def test_the_import_columns_are_the_published_ones_in_the_published_order():
    assert REPRESENTATION_COLUMNS == PUBLISHED
