"""Every medicine the article names, and the traditional DMARDs it leaves unnamed.

Brands are spelled as their makers spell them and all carry the ® mark. Conditions are
those each medicine is approved to treat in the United States (its FDA labelling), limited
to uses we are sure of; classes, routes and conditions are given by slug."""

from typing import NamedTuple


class DrugData(NamedTuple):
    slug: str
    generic_name: str
    summary: str
    brands: tuple[str, ...]
    classes: tuple[str, ...]
    routes: tuple[str, ...]
    conditions: tuple[str, ...]


IV = "iv-infusion"
SUBCUTANEOUS = "injection-under-the-skin"
INTRAMUSCULAR = "injection-into-a-muscle"
ORAL = "by-mouth"
TOPICAL = "on-the-skin"
INTRAVESICAL = "into-the-bladder"

RA = "rheumatoid-arthritis"
PSA = "psoriatic-arthritis"
AS = "ankylosing-spondylitis"
JIA = "juvenile-idiopathic-arthritis"
CROHNS = "crohns-disease"
UC = "ulcerative-colitis"
PSORIASIS = "plaque-psoriasis"

# What the prescribing information of prednisone, prednisolone and dexamethasone shares.
STEROID_USES = (
    "allergies",
    "asthma",
    "atopic-dermatitis",
    RA,
    "systemic-lupus-erythematosus",
    UC,
    CROHNS,
    "pemphigus-vulgaris",
    "multiple-sclerosis",
)

DRUGS = [
    # --- Biologic response modifiers ------------------------------------------------------
    DrugData(
        "thalidomide",
        "thalidomide",
        "A capsule taken with other medicines to treat multiple myeloma, and on its own for "
        "a painful skin reaction that can happen with leprosy. Because it can cause severe "
        "birth defects, it is only available through a special safety program.",
        ("Thalomid",),
        ("biologic-response-modifiers",),
        (ORAL,),
        ("multiple-myeloma", "erythema-nodosum-leprosum"),
    ),
    DrugData(
        "lenalidomide",
        "lenalidomide",
        "A capsule related to thalidomide that strengthens the immune response and slows "
        "the growth of some blood cancers, including multiple myeloma and some lymphomas.",
        ("Revlimid",),
        ("biologic-response-modifiers",),
        (ORAL,),
        (
            "multiple-myeloma",
            "myelodysplastic-syndromes",
            "mantle-cell-lymphoma",
            "follicular-lymphoma",
            "marginal-zone-lymphoma",
        ),
    ),
    DrugData(
        "pomalidomide",
        "pomalidomide",
        "A capsule related to thalidomide, used when multiple myeloma has come back after "
        "other treatments, and for Kaposi sarcoma.",
        ("Pomalyst",),
        ("biologic-response-modifiers",),
        (ORAL,),
        ("multiple-myeloma", "kaposi-sarcoma"),
    ),
    DrugData(
        "imiquimod",
        "imiquimod",
        "A cream that prompts the skin's own immune cells to attack abnormal cells. It treats "
        "rough sun-damaged patches, external genital warts and some small, shallow skin "
        "cancers.",
        ("Aldara", "Zyclara"),
        ("biologic-response-modifiers",),
        (TOPICAL,),
        ("actinic-keratosis", "basal-cell-carcinoma", "genital-warts"),
    ),
    DrugData(
        "bcg-live",
        "BCG live",
        "A weakened, live germ passed into the bladder through a thin tube. The immune "
        "reaction it causes treats early bladder cancer and makes it less likely to come back.",
        ("TICE",),
        ("bcg",),
        (INTRAVESICAL,),
        ("bladder-cancer",),
    ),
    # --- Corticosteroids --------------------------------------------------------------------
    DrugData(
        "prednisone",
        "prednisone",
        "A steroid tablet that quickly calms inflammation and an overactive immune system. "
        "It is used for many conditions, from asthma and allergies to arthritis and lupus.",
        (),
        ("corticosteroids",),
        (ORAL,),
        STEROID_USES,
    ),
    DrugData(
        "prednisolone",
        "prednisolone",
        "A steroid very like prednisone that also comes as a liquid or a tablet that "
        "dissolves in the mouth, which many children find easier to take.",
        (),
        ("corticosteroids",),
        (ORAL,),
        STEROID_USES,
    ),
    DrugData(
        "dexamethasone",
        "dexamethasone",
        "A strong, long-acting steroid given as tablets or by injection. As well as calming "
        "inflammation and allergic reactions, it is part of the treatment for multiple "
        "myeloma.",
        (),
        ("corticosteroids",),
        (ORAL, IV, INTRAMUSCULAR),
        (*STEROID_USES, "multiple-myeloma"),
    ),
    # --- Traditional DMARDs -----------------------------------------------------------------
    DrugData(
        "methotrexate",
        "methotrexate",
        "A widely used DMARD taken once a week, never daily, as tablets or an injection, for "
        "rheumatoid arthritis and psoriasis. At much higher doses it is a chemotherapy "
        "medicine for some cancers.",
        ("Trexall", "Otrexup", "Rasuvo"),
        ("traditional-dmards",),
        (ORAL, SUBCUTANEOUS, INTRAMUSCULAR),
        (RA, JIA, PSORIASIS, "acute-lymphoblastic-leukemia", "non-hodgkin-lymphoma"),
    ),
    DrugData(
        "hydroxychloroquine",
        "hydroxychloroquine",
        "A tablet first made to prevent and treat malaria that also calms the immune system "
        "in lupus and rheumatoid arthritis.",
        ("Plaquenil",),
        ("traditional-dmards",),
        (ORAL,),
        (RA, "systemic-lupus-erythematosus", "discoid-lupus-erythematosus", "malaria"),
    ),
    DrugData(
        "sulfasalazine",
        "sulfasalazine",
        "A tablet that calms inflammation in the bowel and the joints. It treats ulcerative "
        "colitis, and its coated, delayed-release form also treats rheumatoid arthritis and "
        "juvenile arthritis.",
        ("Azulfidine", "Azulfidine EN-tabs"),
        ("traditional-dmards",),
        (ORAL,),
        (UC, RA, JIA),
    ),
    DrugData(
        "leflunomide",
        "leflunomide",
        "A once-a-day tablet that slows down the immune cells behind rheumatoid arthritis. "
        "It can harm an unborn baby, so it must not be taken during pregnancy.",
        ("Arava",),
        ("traditional-dmards",),
        (ORAL,),
        (RA,),
    ),
    DrugData(
        "azathioprine",
        "azathioprine",
        "A tablet that damps down the immune system. It helps stop the body rejecting a "
        "transplanted kidney, and treats rheumatoid arthritis.",
        ("Imuran",),
        ("traditional-dmards",),
        (ORAL,),
        ("organ-transplant-rejection", RA),
    ),
    DrugData(
        "cyclosporine",
        "cyclosporine",
        "A strong immunosuppressant that helps stop the body rejecting a transplanted "
        "kidney, liver or heart. Some forms also treat severe rheumatoid arthritis and "
        "psoriasis.",
        ("Sandimmune", "Neoral", "Gengraf"),
        ("traditional-dmards",),
        (ORAL, IV),
        ("organ-transplant-rejection", RA, PSORIASIS),
    ),
    # --- TNF inhibitors ---------------------------------------------------------------------
    DrugData(
        "adalimumab",
        "adalimumab",
        "A TNF inhibitor you inject under your skin, usually every week or every other week. "
        "It treats many inflammatory conditions of the joints, bowel, skin and eyes.",
        ("Humira",),
        ("tnf-inhibitors",),
        (SUBCUTANEOUS,),
        (RA, PSA, AS, CROHNS, UC, PSORIASIS, "hidradenitis-suppurativa", "uveitis", JIA),
    ),
    DrugData(
        "certolizumab-pegol",
        "certolizumab pegol",
        "A TNF inhibitor injected under the skin every two or four weeks, for Crohn's "
        "disease, several kinds of arthritis and plaque psoriasis.",
        ("Cimzia",),
        ("tnf-inhibitors",),
        (SUBCUTANEOUS,),
        (CROHNS, RA, PSA, AS, PSORIASIS),
    ),
    DrugData(
        "etanercept",
        "etanercept",
        "A TNF inhibitor injected under the skin, usually once a week, for several kinds of "
        "arthritis and for plaque psoriasis.",
        ("Enbrel",),
        ("tnf-inhibitors",),
        (SUBCUTANEOUS,),
        (RA, JIA, PSA, AS, PSORIASIS),
    ),
    DrugData(
        "golimumab",
        "golimumab",
        "A TNF inhibitor that comes as a monthly injection under the skin (Simponi®) or as an "
        "infusion into a vein every eight weeks (Simponi Aria®).",
        ("Simponi", "Simponi Aria"),
        ("tnf-inhibitors",),
        (SUBCUTANEOUS, IV),
        (RA, PSA, AS, UC, JIA),
    ),
    DrugData(
        "infliximab",
        "infliximab",
        "A TNF inhibitor given as an infusion into a vein, usually every six to eight weeks "
        "once treatment is under way, for bowel disease, arthritis and plaque psoriasis.",
        ("Remicade",),
        ("tnf-inhibitors",),
        (IV,),
        (CROHNS, UC, RA, AS, PSA, PSORIASIS),
    ),
    # --- IL-1 inhibitors --------------------------------------------------------------------
    DrugData(
        "anakinra",
        "anakinra",
        "An IL-1 inhibitor injected under the skin every day, for rheumatoid arthritis and "
        "some rare inherited inflammatory diseases.",
        ("Kineret",),
        ("il-1-inhibitors",),
        (SUBCUTANEOUS,),
        (
            RA,
            "cryopyrin-associated-periodic-syndromes",
            "deficiency-of-il-1-receptor-antagonist",
        ),
    ),
    DrugData(
        "canakinumab",
        "canakinumab",
        "An IL-1 inhibitor injected under the skin every four or eight weeks for rare "
        "periodic fever syndromes and Still's disease. A single dose can also treat a gout "
        "flare when other medicines are not suitable.",
        ("Ilaris",),
        ("il-1-inhibitors",),
        (SUBCUTANEOUS,),
        (
            "cryopyrin-associated-periodic-syndromes",
            "periodic-fever-syndromes",
            "stills-disease",
            "gout",
        ),
    ),
    DrugData(
        "rilonacept",
        "rilonacept",
        "An IL-1 inhibitor injected under the skin once a week. It treats some rare inherited "
        "inflammatory conditions and helps stop pericarditis from coming back.",
        ("Arcalyst",),
        ("il-1-inhibitors",),
        (SUBCUTANEOUS,),
        (
            "cryopyrin-associated-periodic-syndromes",
            "deficiency-of-il-1-receptor-antagonist",
            "recurrent-pericarditis",
        ),
    ),
    # --- IL-6 inhibitors --------------------------------------------------------------------
    DrugData(
        "tocilizumab",
        "tocilizumab",
        "An IL-6 inhibitor given as an infusion or an injection under the skin. It treats "
        "rheumatoid arthritis, giant cell arteritis and forms of juvenile arthritis, and can "
        "calm a dangerous immune overreaction called cytokine release syndrome.",
        ("Actemra",),
        ("il-6-inhibitors",),
        (IV, SUBCUTANEOUS),
        (
            RA,
            "giant-cell-arteritis",
            JIA,
            "stills-disease",
            "cytokine-release-syndrome",
            "covid-19",
        ),
    ),
    DrugData(
        "sarilumab",
        "sarilumab",
        "An IL-6 inhibitor injected under the skin every two weeks, for rheumatoid arthritis "
        "and polymyalgia rheumatica.",
        ("Kevzara",),
        ("il-6-inhibitors",),
        (SUBCUTANEOUS,),
        (RA, "polymyalgia-rheumatica"),
    ),
    # --- T-cell and B-cell inhibitors -------------------------------------------------------
    DrugData(
        "abatacept",
        "abatacept",
        "A T-cell inhibitor given as an infusion or an injection under the skin. It treats "
        "several kinds of arthritis and helps prevent graft-versus-host disease after a stem "
        "cell transplant from a donor.",
        ("Orencia",),
        ("t-cell-inhibitors",),
        (IV, SUBCUTANEOUS),
        (RA, JIA, PSA, "graft-versus-host-disease"),
    ),
    DrugData(
        "rituximab",
        "rituximab",
        "An antibody, given as an infusion, that clears B-cells from the blood. It treats some "
        "blood cancers, rheumatoid arthritis, some kinds of vasculitis and pemphigus.",
        ("Rituxan",),
        ("b-cell-inhibitors", "monoclonal-antibody-therapy"),
        (IV,),
        (
            "non-hodgkin-lymphoma",
            "chronic-lymphocytic-leukemia",
            RA,
            "granulomatosis-with-polyangiitis",
            "microscopic-polyangiitis",
            "pemphigus-vulgaris",
        ),
    ),
    # --- JAK inhibitors ---------------------------------------------------------------------
    DrugData(
        "baricitinib",
        "baricitinib",
        "A once-a-day JAK inhibitor tablet for rheumatoid arthritis and for alopecia areata "
        "(patchy hair loss). It is also used for some adults in hospital with COVID-19.",
        ("Olumiant",),
        ("jak-inhibitors",),
        (ORAL,),
        (RA, "alopecia-areata", "covid-19"),
    ),
    DrugData(
        "tofacitinib",
        "tofacitinib",
        "A JAK inhibitor tablet or liquid for several kinds of arthritis, including juvenile "
        "arthritis, and for ulcerative colitis.",
        ("Xeljanz",),
        ("jak-inhibitors",),
        (ORAL,),
        (RA, PSA, AS, UC, JIA),
    ),
    DrugData(
        "upadacitinib",
        "upadacitinib",
        "A once-a-day JAK inhibitor tablet for several kinds of arthritis, for ulcerative "
        "colitis and Crohn's disease, and for moderate to severe eczema.",
        ("Rinvoq",),
        ("jak-inhibitors",),
        (ORAL,),
        (RA, PSA, AS, UC, CROHNS, "atopic-dermatitis"),
    ),
]
