"""The columns of the representations import file (docs/interchange.md, section 2), in order.

Plain names with no imports, so that scripts outside Django (bench/generate.py) can write files."""

STAGE_OUTCOME_FIELDS = ["stage1_outcome", "stage2_outcome", "stage3_outcome"]
STAGE_EXTENSION_FIELDS = ["stage1_extended_to", "stage2_extended_to", "stage3_extended_to"]

REPRESENTATION_COLUMNS = [
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
    # Added in interchange 1.1, all optional.
    *STAGE_OUTCOME_FIELDS,
    *STAGE_EXTENSION_FIELDS,
    "joint_with",
    "remedy_types",
    "stage2_investigator",
]
