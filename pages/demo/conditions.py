"""Conditions the demo medicines treat, and the broad groups the article names.

ICD-10-CM codes are given only where one code fits the whole condition; groups of diseases,
and conditions split across several codes, leave it blank."""

from typing import NamedTuple


class ConditionData(NamedTuple):
    slug: str
    name: str
    summary: str
    icd10_code: str = ""
    synonyms: tuple[str, ...] = ()


CONDITIONS = [
    # --- Broad groups the article names ---------------------------------------------------
    ConditionData(
        "allergies",
        "Allergies",
        "Your immune system overreacts to something harmless, such as pollen, a food or a "
        "medicine, causing anything from sneezing and itching to dangerous swelling.",
        synonyms=("allergic reactions", "allergic conditions"),
    ),
    ConditionData(
        "autoimmune-disease",
        "Autoimmune disease",
        "A group of illnesses in which the immune system mistakes healthy parts of the body "
        "for a threat and attacks them.",
        synonyms=("autoimmune conditions", "autoimmune disorders"),
    ),
    ConditionData(
        "cancer",
        "Cancer",
        "A group of diseases in which abnormal cells grow out of control and can spread to "
        "other parts of the body.",
    ),
    ConditionData(
        "organ-transplant-rejection",
        "Organ transplant rejection",
        "The immune system attacks a donated organ, such as a kidney, liver or heart, because "
        "it sees the organ as foreign.",
        synonyms=("transplant rejection", "graft rejection"),
    ),
    # --- Joints, muscles and blood vessels --------------------------------------------------
    ConditionData(
        "rheumatoid-arthritis",
        "Rheumatoid arthritis",
        "A long-term autoimmune disease in which the immune system attacks the lining of the "
        "joints, making them painful, swollen and stiff.",
        "M06.9",
        ("RA",),
    ),
    ConditionData(
        "psoriatic-arthritis",
        "Psoriatic arthritis",
        "Joint pain, stiffness and swelling that affects some people who have the skin "
        "condition psoriasis.",
        "L40.50",
        ("PsA",),
    ),
    ConditionData(
        "ankylosing-spondylitis",
        "Ankylosing spondylitis",
        "Long-term inflammation of the joints of the spine and pelvis that causes back pain "
        "and stiffness, and can make the spine less flexible over time.",
        "M45.9",
        ("axial spondyloarthritis", "AS"),
    ),
    ConditionData(
        "juvenile-idiopathic-arthritis",
        "Juvenile idiopathic arthritis",
        "Arthritis that starts before the age of 16 and lasts at least six weeks, with no "
        "other cause found.",
        "M08.90",
        ("JIA", "juvenile rheumatoid arthritis"),
    ),
    ConditionData(
        "stills-disease",
        "Still's disease",
        "A rare inflammatory illness that causes high fevers, a salmon-pink rash and painful "
        "joints; it can start in childhood or in adult life.",
        synonyms=(
            "adult-onset Still's disease",
            "systemic juvenile idiopathic arthritis",
            "sJIA",
        ),
    ),
    ConditionData(
        "gout",
        "Gout",
        "A type of arthritis in which crystals of uric acid build up in a joint, often the big "
        "toe, causing sudden attacks of severe pain and swelling.",
        "M10.9",
    ),
    ConditionData(
        "systemic-lupus-erythematosus",
        "Systemic lupus erythematosus",
        "An autoimmune disease that can inflame many parts of the body, including the skin, "
        "joints, kidneys and blood cells.",
        "M32.9",
        ("lupus", "SLE"),
    ),
    ConditionData(
        "discoid-lupus-erythematosus",
        "Discoid lupus erythematosus",
        "A long-lasting form of lupus that affects the skin, causing scaly, coin-shaped "
        "patches that can leave scars.",
        "L93.0",
        ("chronic discoid lupus erythematosus", "DLE"),
    ),
    ConditionData(
        "giant-cell-arteritis",
        "Giant cell arteritis",
        "Inflammation of the larger arteries, often those at the temples, that can cause "
        "headaches, jaw pain and, without quick treatment, loss of sight.",
        "M31.6",
        ("temporal arteritis", "GCA"),
    ),
    ConditionData(
        "polymyalgia-rheumatica",
        "Polymyalgia rheumatica",
        "An inflammatory condition, mostly in people over 50, that causes aching and "
        "stiffness in the shoulders, neck and hips.",
        "M35.3",
        ("PMR",),
    ),
    ConditionData(
        "granulomatosis-with-polyangiitis",
        "Granulomatosis with polyangiitis",
        "A rare disease in which small blood vessels become inflamed, most often in the nose, "
        "sinuses, lungs and kidneys.",
        "M31.3",
        ("GPA", "Wegener's granulomatosis"),
    ),
    ConditionData(
        "microscopic-polyangiitis",
        "Microscopic polyangiitis",
        "A rare disease that inflames the smallest blood vessels, especially in the kidneys, "
        "lungs, nerves and skin.",
        "M31.7",
        ("MPA",),
    ),
    # --- Bowel --------------------------------------------------------------------------------
    ConditionData(
        "crohns-disease",
        "Crohn's disease",
        "A long-term inflammatory bowel disease that can affect any part of the digestive "
        "tract, causing belly pain, diarrhea and weight loss.",
        "K50.90",
        ("Crohn disease", "regional enteritis"),
    ),
    ConditionData(
        "ulcerative-colitis",
        "Ulcerative colitis",
        "A long-term inflammatory bowel disease in which the lining of the large bowel "
        "becomes inflamed and develops sores, causing bloody diarrhea.",
        "K51.90",
        ("UC",),
    ),
    # --- Skin, hair and eyes ----------------------------------------------------------------
    ConditionData(
        "plaque-psoriasis",
        "Plaque psoriasis",
        "The most common form of psoriasis, in which skin cells build up too fast and form "
        "raised, scaly, itchy patches.",
        "L40.0",
        ("psoriasis", "psoriasis vulgaris"),
    ),
    ConditionData(
        "atopic-dermatitis",
        "Atopic dermatitis",
        "A common long-term skin condition that makes skin dry, itchy and inflamed, often "
        "starting in childhood.",
        "L20.9",
        ("eczema", "atopic eczema"),
    ),
    ConditionData(
        "hidradenitis-suppurativa",
        "Hidradenitis suppurativa",
        "A long-term skin condition that causes painful lumps and abscesses in places where "
        "skin rubs together, such as the armpits and groin.",
        "L73.2",
        ("HS", "acne inversa"),
    ),
    ConditionData(
        "pemphigus-vulgaris",
        "Pemphigus vulgaris",
        "A rare autoimmune disease that causes painful blisters on the skin and inside the mouth.",
        "L10.0",
    ),
    ConditionData(
        "alopecia-areata",
        "Alopecia areata",
        "An autoimmune condition in which the immune system attacks hair follicles, causing "
        "hair to fall out in patches.",
        "L63.9",
    ),
    ConditionData(
        "actinic-keratosis",
        "Actinic keratosis",
        "Rough, scaly patches on sun-damaged skin that can sometimes turn into skin cancer.",
        "L57.0",
        ("solar keratosis",),
    ),
    ConditionData(
        "genital-warts",
        "Genital warts",
        "Small growths on or around the genitals or anus, caused by some types of human "
        "papillomavirus (HPV).",
        "A63.0",
        ("anogenital warts", "condylomata acuminata"),
    ),
    ConditionData(
        "uveitis",
        "Uveitis",
        "Inflammation inside the eye that can cause redness, pain and blurred vision, and can "
        "harm sight if it is not treated.",
    ),
    # --- Cancer and blood disorders ---------------------------------------------------------
    ConditionData(
        "multiple-myeloma",
        "Multiple myeloma",
        "A cancer of plasma cells, the white blood cells in the bone marrow that make antibodies.",
        "C90.00",
        ("myeloma", "plasma cell myeloma"),
    ),
    ConditionData(
        "myelodysplastic-syndromes",
        "Myelodysplastic syndromes",
        "A group of conditions in which the bone marrow makes blood cells that are abnormal "
        "or too few, which can lead to anemia, infections and bleeding.",
        "D46.9",
        ("MDS",),
    ),
    ConditionData(
        "non-hodgkin-lymphoma",
        "Non-Hodgkin lymphoma",
        "A group of cancers that start in lymphocytes, white blood cells of the lymph nodes "
        "and the rest of the lymphatic system.",
        "C85.90",
        ("NHL",),
    ),
    ConditionData(
        "follicular-lymphoma",
        "Follicular lymphoma",
        "A usually slow-growing type of non-Hodgkin lymphoma that starts in B-cells.",
        "C82.90",
    ),
    ConditionData(
        "mantle-cell-lymphoma",
        "Mantle cell lymphoma",
        "An uncommon type of non-Hodgkin lymphoma that starts in B-cells in the outer part "
        "(the mantle zone) of a lymph node.",
        "C83.10",
    ),
    ConditionData(
        "marginal-zone-lymphoma",
        "Marginal zone lymphoma",
        "A group of usually slow-growing non-Hodgkin lymphomas that start in B-cells, in the "
        "lymph nodes, the spleen or other organs.",
        synonyms=("MZL",),
    ),
    ConditionData(
        "chronic-lymphocytic-leukemia",
        "Chronic lymphocytic leukemia",
        "A slow-growing cancer of the blood and bone marrow in which too many abnormal "
        "lymphocytes build up.",
        "C91.10",
        ("CLL",),
    ),
    ConditionData(
        "acute-lymphoblastic-leukemia",
        "Acute lymphoblastic leukemia",
        "A fast-growing cancer of the blood and bone marrow that starts in young white blood "
        "cells; it is the most common cancer in children.",
        "C91.00",
        ("ALL", "acute lymphocytic leukemia"),
    ),
    ConditionData(
        "kaposi-sarcoma",
        "Kaposi sarcoma",
        "A cancer that grows from the cells lining blood and lymph vessels, causing purple or "
        "brown patches on the skin or inside the body.",
        "C46.9",
    ),
    ConditionData(
        "basal-cell-carcinoma",
        "Basal cell carcinoma",
        "The most common type of skin cancer; it grows slowly and rarely spreads.",
        "C44.91",
        ("BCC",),
    ),
    ConditionData(
        "bladder-cancer",
        "Bladder cancer",
        "Cancer that starts in the lining of the bladder, the organ that stores urine.",
        "C67.9",
    ),
    # --- Inflammatory and immune reactions ------------------------------------------------
    ConditionData(
        "cryopyrin-associated-periodic-syndromes",
        "Cryopyrin-associated periodic syndromes",
        "Rare inherited conditions that cause repeated bouts of fever, rash and joint pain, "
        "because the body makes too much interleukin-1.",
        "M04.2",
        (
            "CAPS",
            "neonatal-onset multisystem inflammatory disease",
            "NOMID",
            "Muckle-Wells syndrome",
            "familial cold autoinflammatory syndrome",
        ),
    ),
    ConditionData(
        "periodic-fever-syndromes",
        "Periodic fever syndromes",
        "Rare inherited conditions that cause repeated attacks of fever and inflammation with "
        "no infection to explain them.",
        "M04.1",
        (
            "familial Mediterranean fever",
            "FMF",
            "TNF receptor-associated periodic syndrome",
            "TRAPS",
            "hyperimmunoglobulin D syndrome",
            "HIDS",
            "mevalonate kinase deficiency",
            "MKD",
        ),
    ),
    ConditionData(
        "deficiency-of-il-1-receptor-antagonist",
        "Deficiency of interleukin-1 receptor antagonist",
        "A very rare inherited condition, starting in newborns, in which unchecked "
        "interleukin-1 causes severe inflammation of the skin and bones.",
        synonyms=("DIRA",),
    ),
    ConditionData(
        "recurrent-pericarditis",
        "Recurrent pericarditis",
        "Inflammation of the sac around the heart that keeps coming back, causing sharp "
        "chest pain.",
    ),
    ConditionData(
        "erythema-nodosum-leprosum",
        "Erythema nodosum leprosum",
        "A painful immune reaction in some people with leprosy, causing tender red lumps "
        "under the skin, fever and joint pain.",
        synonyms=("ENL", "type 2 lepra reaction"),
    ),
    ConditionData(
        "cytokine-release-syndrome",
        "Cytokine release syndrome",
        "A serious reaction in which immune cells release a flood of cytokines, causing "
        "fever, low blood pressure and sometimes organ damage; it can follow some cancer "
        "treatments.",
        "D89.839",
        ("CRS", "cytokine storm"),
    ),
    ConditionData(
        "graft-versus-host-disease",
        "Graft-versus-host disease",
        "After a stem cell transplant from a donor, the donor's immune cells attack the "
        "body of the person who received them.",
        "D89.813",
        ("GVHD",),
    ),
    ConditionData(
        "multiple-sclerosis",
        "Multiple sclerosis",
        "An autoimmune disease in which the immune system damages the protective coating of "
        "nerves in the brain and spinal cord.",
        synonyms=("MS",),
    ),
    ConditionData(
        "asthma",
        "Asthma",
        "A long-term condition in which the airways of the lungs swell and narrow, causing "
        "wheezing, coughing and shortness of breath.",
        "J45.909",
    ),
    # --- Infections -------------------------------------------------------------------------
    ConditionData(
        "covid-19",
        "COVID-19",
        "An illness caused by the SARS-CoV-2 virus that can range from a mild cold to severe "
        "lung disease.",
        # U07.1 is the right code, but the model's validator does not accept U codes yet.
        synonyms=("coronavirus disease 2019",),
    ),
    ConditionData(
        "malaria",
        "Malaria",
        "A serious infection spread by mosquito bites, in which a parasite infects red blood "
        "cells, causing fever, chills and sweats.",
        "B54",
    ),
]
