"""Facts of the reference page (../shared/seed/immunomodulators-article.txt) that the demo
article must carry. Kept by hand, so a change to the demo content that drops one fails."""

# Every drug the reference names, with every brand it names (Actemra is misspelt there).
REFERENCE_DRUGS = {
    "thalidomide": ["Thalomid"],
    "lenalidomide": ["Revlimid"],
    "pomalidomide": ["Pomalyst"],
    "imiquimod": ["Aldara", "Zyclara"],
    "prednisone": [],
    "prednisolone": [],
    "dexamethasone": [],
    "adalimumab": ["Humira"],
    "certolizumab pegol": ["Cimzia"],
    "etanercept": ["Enbrel"],
    "golimumab": ["Simponi"],
    "infliximab": ["Remicade"],
    "anakinra": ["Kineret"],
    "canakinumab": ["Ilaris"],
    "rilonacept": ["Arcalyst"],
    "tocilizumab": ["Actemra"],
    "sarilumab": ["Kevzara"],
    "abatacept": ["Orencia"],
    "rituximab": ["Rituxan"],
    "baricitinib": ["Olumiant"],
    "tofacitinib": ["Xeljanz"],
    "upadacitinib": ["Rinvoq"],
}

# Filled in where the reference's list is empty.
TRADITIONAL_DMARDS = [
    "methotrexate",
    "hydroxychloroquine",
    "sulfasalazine",
    "leflunomide",
    "azathioprine",
]

# Every drug class and sub-class the reference names.
REFERENCE_CLASSES = [
    "Immunotherapy for cancer",
    "Checkpoint inhibitors",
    "Adoptive cell therapy",
    "Monoclonal antibody therapy",
    "Cancer vaccines",
    "Immune system modulators",
    "Cytokines",
    "Biologic response modifiers",
    "Corticosteroids",
    "Traditional DMARDs",
    "Biologics",
    "TNF inhibitors",
    "IL-1",
    "IL-6",
    "T-cell inhibitor",
    "B-cell inhibitor",
    "Janus kinase",
]

# The reference's sections, in order, as topics our own headings must cover.
REFERENCE_SECTION_TOPICS = [
    "what",  # What are immunomodulators?
    "work",  # How do they work?
    "condition",  # Which conditions do they treat?
    "type",  # Types
    "given|administ|take",  # How they are given
    "side effect",
    "risk",
    "effective|work well",
]

REFERENCE_ROUTES = ["Intravenous", "Subcutaneous", "Oral", "Topical"]
