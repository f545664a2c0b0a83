"""The drug class tree, in the order the article presents it.

Each summary is what an article's drug-class block shows when it has no text of its own, so
each one explains, in a sentence or two, what the class does."""

from typing import NamedTuple


class DrugClassData(NamedTuple):
    slug: str
    name: str
    summary: str
    also_called: str = ""
    children: tuple["DrugClassData", ...] = ()


IMMUNOTHERAPY_FOR_CANCER = DrugClassData(
    "immunotherapy-for-cancer",
    "Immunotherapy for cancer",
    "Treatments that help your immune system find and destroy cancer cells, which are often "
    "good at slipping past your body's natural defenses.",
    also_called="cancer immunotherapy",
    children=(
        DrugClassData(
            "checkpoint-inhibitors",
            "Checkpoint inhibitors",
            "Cancer cells can flip 'off switches' on T-cells, the white blood cells that hunt "
            "them down. These medicines block those switches so the T-cells keep attacking.",
            also_called="immune checkpoint inhibitors",
        ),
        DrugClassData(
            "adoptive-cell-therapy",
            "Adoptive cell therapy",
            "Doctors collect some of your own T-cells, strengthen them in a laboratory so they "
            "are better at spotting cancer, and then give them back to you.",
            also_called="T-cell transfer therapy",
        ),
        DrugClassData(
            "monoclonal-antibody-therapy",
            "Monoclonal antibody therapy",
            "Lab-made antibodies designed to lock on to a marker on cancer cells. Some flag the "
            "cells so your immune system can destroy them; others carry a drug straight to them.",
            also_called="monoclonal antibodies",
        ),
        DrugClassData(
            "cancer-vaccines",
            "Cancer vaccines",
            "Instead of preventing an infection, these vaccines show your immune system what "
            "cancer cells look like, so it can pick them out and attack them.",
        ),
        DrugClassData(
            "immune-system-modulators",
            "Immune system modulators",
            "A mixed group of treatments that rouse your immune system and disrupt how cancer "
            "cells grow and divide.",
            children=(
                DrugClassData(
                    "cytokines",
                    "Cytokines",
                    "Cytokines are chemical messengers immune cells use to talk to each other. "
                    "Lab-made versions, such as interferons and interleukins, can rally a "
                    "stronger attack on cancer.",
                ),
                DrugClassData(
                    "bcg",
                    "Bacillus Calmette-Guérin (BCG)",
                    "A weakened germ, related to the ones that cause tuberculosis. Put inside "
                    "the bladder, it sets off an immune reaction that helps clear early "
                    "bladder cancer.",
                    also_called="BCG",
                ),
                DrugClassData(
                    "biologic-response-modifiers",
                    "Biologic response modifiers",
                    "Medicines that change how your immune system and abnormal cells behave. "
                    "Some are capsules for blood cancers such as myeloma; one is a cream for "
                    "certain skin conditions.",
                ),
            ),
        ),
    ),
)

CORTICOSTEROIDS = DrugClassData(
    "corticosteroids",
    "Corticosteroids",
    "Man-made versions of hormones your adrenal glands make. They calm inflammation quickly "
    "and turn down an overactive immune system.",
    also_called="steroids, glucocorticoids",
)

TRADITIONAL_DMARDS = DrugClassData(
    "traditional-dmards",
    "Traditional DMARDs",
    "Long-established medicines that slowly calm an overactive immune system, easing joint "
    "pain and swelling and helping to prevent lasting damage.",
    also_called="conventional synthetic DMARDs, csDMARDs",
)

BIOLOGICS = DrugClassData(
    "biologics",
    "Biologics",
    "Medicines made from proteins grown in living cells. Each one targets a particular part "
    "of the immune system that drives inflammation.",
    also_called="biologic DMARDs, bDMARDs",
    children=(
        DrugClassData(
            "tnf-inhibitors",
            "TNF inhibitors",
            "Tumor necrosis factor (TNF) is a substance your body makes that fuels "
            "inflammation. These medicines block it, which calms swelling and pain.",
            also_called="tumor necrosis factor inhibitors, anti-TNF medicines",
        ),
        DrugClassData(
            "il-1-inhibitors",
            "Interleukin-1 (IL-1) inhibitors",
            "Interleukin-1 is a protein that switches on inflammation and fever. These "
            "medicines stop it from passing on that signal.",
            also_called="IL-1 blockers",
        ),
        DrugClassData(
            "il-6-inhibitors",
            "Interleukin-6 (IL-6) inhibitors",
            "Interleukin-6 is another protein that keeps inflammation going. Blocking it eases "
            "problems such as stiff, swollen joints.",
            also_called="IL-6 blockers",
        ),
        DrugClassData(
            "t-cell-inhibitors",
            "T-cell inhibitors",
            "T-cells need a second 'go' signal before they attack. These medicines block that "
            "signal, so T-cells are less likely to harm healthy tissue.",
            also_called="T-cell costimulation modulators",
        ),
        DrugClassData(
            "b-cell-inhibitors",
            "B-cell inhibitors",
            "B-cells make antibodies, and in some diseases those antibodies attack your own "
            "body. These medicines clear out or quiet B-cells to stop that.",
        ),
    ),
)

JAK_INHIBITORS = DrugClassData(
    "jak-inhibitors",
    "Janus kinase (JAK) inhibitors",
    "Tablets that block Janus kinases, enzymes inside immune cells that pass on signals for "
    "inflammation. They aim at a single pathway, like biologics, but you swallow them.",
    also_called="JAK inhibitors, targeted synthetic DMARDs, tsDMARDs",
)

IMMUNOMODULATORS = DrugClassData(
    "immunomodulators",
    "Immunomodulators",
    "Medicines that adjust how strongly your immune system reacts: turning it up to fight a "
    "disease such as cancer, or turning it down when it is harming your own body.",
    also_called="immune modulators",
    children=(
        IMMUNOTHERAPY_FOR_CANCER,
        CORTICOSTEROIDS,
        TRADITIONAL_DMARDS,
        BIOLOGICS,
        JAK_INHIBITORS,
    ),
)

# The roots of the tree; each class's position among its siblings is its sort order.
DRUG_CLASS_TREE = (IMMUNOMODULATORS,)


def walk(tree=DRUG_CLASS_TREE, parent_slug=None):
    """Every class, parents before children: (data, parent slug, sort order)."""
    for position, data in enumerate(tree, start=1):
        yield data, parent_slug, position
        yield from walk(data.children, data.slug)
