"""The 'Immunomodulators' article: its fields and its body, written in our own words.

The body names medical records by slug; `body()` turns those into the primary keys the
chooser blocks store, using the lookups the loader passes in."""

SLUG = "immunomodulators"
TITLE = "Immunomodulators"
SUMMARY = (
    "Immunomodulators are medicines that adjust your immune system, either making it "
    "stronger or holding it back. They are used to fight some cancers, to calm autoimmune "
    "diseases such as rheumatoid arthritis and lupus, and to protect a transplanted organ."
)

FLU_ADVERT = "House advert: flu vaccination clinics"
MEDICINES_ADVERT = "House advert: medicines check-ups"
CANCER_LINE = "Cancer answer line"

# Conditions listed in the article; the article's own links cover every record.
LISTED_CONDITIONS = [
    "rheumatoid-arthritis",
    "psoriatic-arthritis",
    "ankylosing-spondylitis",
    "juvenile-idiopathic-arthritis",
    "systemic-lupus-erythematosus",
    "crohns-disease",
    "ulcerative-colitis",
    "plaque-psoriasis",
    "atopic-dermatitis",
    "multiple-sclerosis",
    "giant-cell-arteritis",
    "asthma",
    "allergies",
    "multiple-myeloma",
    "non-hodgkin-lymphoma",
    "chronic-lymphocytic-leukemia",
    "bladder-cancer",
    "basal-cell-carcinoma",
    "organ-transplant-rejection",
    "graft-versus-host-disease",
]


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


def _block(block_type: str, value) -> dict:
    return {"type": block_type, "value": value}


def _section(heading: str, *content: dict) -> dict:
    return _block("section", {"heading": heading, "anchor": "", "content": list(content)})


def _paragraph(*paragraphs: str, extra: str = "") -> dict:
    return _block("paragraph", _p(*paragraphs) + extra)


def _drug_class(pk: int, text: str, show: str, list_intro: str) -> dict:
    return _block(
        "drug_class", {"drug_class": pk, "text": text, "show": show, "list_intro": list_intro}
    )


def _what_they_are() -> dict:
    return _section(
        "What is an immunomodulator?",
        _paragraph(
            "Your immune system is your body's defense force. It is made up of white blood "
            "cells, antibodies and other proteins, and organs such as your bone marrow, "
            "spleen and lymph nodes. Its job is to track down and destroy anything harmful, "
            "from bacteria and viruses to cells that have turned cancerous.",
            "Sometimes that defense force does too little, and sometimes it does too much. "
            "An immunomodulator is a medicine that resets the balance. The name says what it "
            "does: it modulates, or adjusts, your immunity.",
            "Your care team may suggest one when your immune system isn't protecting you as "
            "it should, or when it has started to cause harm.",
        ),
    )


def _how_they_work() -> dict:
    return _section(
        "How do these medicines work?",
        _paragraph(
            "Immunomodulators push your immune system in one of two directions:",
            extra=_ul(
                "<b>Up.</b> Some cancers survive by hiding from immune cells or by switching "
                "them off. Medicines that turn the immune response up help your immune "
                "system recognize cancer cells and kill them.",
                "<b>Down.</b> Medicines that hold the immune system back are called "
                "immunosuppressants. They are used when your immune system is doing more "
                "harm than good.",
            ),
        ),
        _paragraph(
            "In an autoimmune disease, such as rheumatoid arthritis, lupus or Crohn's "
            "disease, the immune system mistakes healthy tissue for an invader and attacks "
            "it. An immunosuppressant can slow or stop that attack. This eases symptoms and "
            "helps protect your joints, bowel, skin or other organs from lasting damage.",
            "Immunosuppressants matter after a transplant, too. Your immune system sees a "
            "donated kidney, liver or heart as foreign and tries to reject it. The same is "
            "true after an allogeneic stem cell transplant, in which you receive "
            "blood-forming stem cells from a donor. There, the danger can also run the other "
            "way: the donor's immune cells may attack your body, which is called "
            "graft-versus-host disease. Immunosuppressants help prevent both problems.",
        ),
    )


def _conditions(conditions: dict[str, int]) -> dict:
    return _section(
        "Conditions treated with immunomodulators",
        _paragraph(
            "The immune system plays a part in a huge range of illnesses, so immunomodulators "
            "are used in many areas of medicine: cancer care, joint and muscle medicine "
            "(rheumatology), skin care, bowel medicine and transplant care."
        ),
        _block(
            "condition_list",
            {
                "intro": "Conditions treated with at least one immunomodulator include:",
                "conditions": [conditions[slug] for slug in LISTED_CONDITIONS],
            },
        ),
        _paragraph(
            "Each medicine is approved for its own set of conditions. Open a condition to read "
            "more about it, or look up a medicine to see what it treats."
        ),
    )


def _types(classes: dict[str, int]) -> dict:
    # Each drug-class block shows its class's name as a heading, so it needs no subheading.
    return _section(
        "Types of immunomodulator",
        _paragraph(
            "Immunomodulators are not one medicine but many families of medicines, and they "
            "work in different ways. Some rev up your immune response; others calm it down. "
            "Here are the main groups, with some of the medicines in each."
        ),
        _drug_class(
            classes["immunotherapy-for-cancer"],
            _p(
                "Cancer cells often manage to go unnoticed. Immunotherapy tips the balance back "
                "by giving your immune system the tools or the signals it needs to track "
                "them down. It may be used on its own or alongside surgery, chemotherapy or "
                "radiation therapy."
            ),
            "subclasses",
            "Types include:",
        ),
        _drug_class(
            classes["immune-system-modulators"],
            _p(
                "Immune system modulators are a varied group. They disrupt the steps cancer "
                "cells rely on to grow and multiply, and they stir up your immune response. "
                "Some of them treat conditions other than cancer, too."
            ),
            "subclasses",
            "They include:",
        ),
        _drug_class(
            classes["corticosteroids"],
            _p(
                "Corticosteroids, often just called steroids, are among the medicines "
                "prescribed most often to damp down the immune system. They work fast, which "
                "makes them useful for flare-ups of autoimmune disease, severe allergic "
                "reactions and asthma attacks, and they are part of the treatment for some "
                "cancers. Because long-term use can cause side effects, the aim is usually "
                "the lowest dose that works, for the shortest time.",
                "They are not the same as the anabolic steroids some athletes misuse.",
            ),
            "drugs",
            "Examples include:",
        ),
        _drug_class(
            classes["traditional-dmards"],
            _p(
                "DMARD stands for disease-modifying antirheumatic drug. Rather than only "
                "easing pain, these medicines calm the immune activity behind a disease, "
                "which can slow or prevent damage to your joints. They are often the first "
                "long-term treatment for rheumatoid arthritis, and some are also used for "
                "lupus, bowel disease, psoriasis and some cancers. A few, such as "
                "azathioprine and cyclosporine, help stop the body rejecting a transplanted "
                "organ.",
                "They work slowly: it can take several weeks, or even a few months, to feel "
                "the full benefit.",
            ),
            "drugs",
            "Examples include:",
        ),
        _drug_class(
            classes["biologics"],
            _p(
                "Biologics are a newer kind of DMARD. Instead of being built from chemicals, "
                "they are proteins grown in living cells in a lab. Each one is designed to "
                "block a single messenger or type of cell that drives inflammation, so they "
                "act in a more targeted way than traditional DMARDs. They are given as an "
                "injection or an infusion, because your stomach would digest them if you "
                "swallowed them."
            ),
            "subclasses",
            "Types include:",
        ),
        _drug_class(
            classes["jak-inhibitors"],
            _p(
                "Janus kinases (JAKs) are enzymes inside immune cells that relay signals for "
                "inflammation. JAK inhibitors interrupt that relay. They are known as "
                "targeted synthetic DMARDs: like biologics, they aim at one pathway, but "
                "they are small, lab-made chemicals you take as a tablet.",
                "They carry warnings about serious infections, blood clots, heart problems "
                "and some cancers, so your doctor will check whether they are right for you "
                "before you start.",
            ),
            "drugs",
            "Examples include:",
        ),
    )


def _how_given(routes: dict[str, int]) -> dict:
    def item(slug: str, text: str) -> dict:
        return {"route": routes[slug], "text": _p(text)}

    return _section(
        "How you take or receive them",
        _paragraph(
            "How you receive an immunomodulator depends on the medicine. Your prescription "
            "and your care team will tell you how, and how often, to take it. If anything is "
            "unclear, ask before your first dose."
        ),
        _block(
            "route_list",
            {
                "intro": "You might receive an immunomodulator:",
                "routes": [
                    item(
                        "iv-infusion",
                        "Through a thin plastic tube (catheter) placed in a vein, usually in "
                        "your arm. The medicine goes straight into your bloodstream. An "
                        "infusion can take from about half an hour to several hours.",
                    ),
                    item(
                        "injection-under-the-skin",
                        "With a short needle into the fatty layer under your skin. Many of "
                        "these medicines come in ready-filled pens or syringes, and a nurse "
                        "can show you how to use them at home.",
                    ),
                    item(
                        "injection-into-a-muscle",
                        "As a shot into a muscle, given by a nurse or doctor. Dexamethasone "
                        "can be given this way.",
                    ),
                    item(
                        "by-mouth",
                        "As a tablet, capsule or liquid you swallow. JAK inhibitors, most "
                        "traditional DMARDs and steroids such as prednisone come this way.",
                    ),
                    item(
                        "on-the-skin",
                        "As a cream you rub into your skin. Imiquimod, for example, is a "
                        "cream that treats some early skin cancers. Many corticosteroids also "
                        "come as creams and ointments, for skin conditions such as eczema and "
                        "psoriasis.",
                    ),
                ],
            },
        ),
    )


def _side_effects() -> dict:
    return _section(
        "Common side effects",
        _paragraph(
            "Side effects depend on the medicine, the dose and how long you take it. Frequent "
            "ones include:",
            extra=_ul(
                "Catching infections more often, such as colds, chest infections or urine "
                "infections",
                "Redness, swelling, itching or soreness where an injection went in",
                "A reaction during or soon after an infusion, such as fever, chills, itching "
                "or feeling lightheaded",
                "Nausea (feeling sick), diarrhea or an upset stomach",
                "Feeling very tired",
                "Headaches",
                "Skin rashes",
                "Mouth sores",
                "Changes in blood test results, such as liver tests or blood cell counts",
            ),
        ),
        _paragraph(
            "Corticosteroids have some side effects of their own, especially at high doses or "
            "when taken for a long time. They include a bigger appetite and weight gain, "
            "higher blood sugar, higher blood pressure, trouble sleeping, mood changes and "
            "thinner bones.",
            "Before you start, ask your care team which side effects are likely with your "
            "medicine, and which ones mean you should call them straight away.",
        ),
    )


def _risks() -> dict:
    return _section(
        "Risks, and why check-ups matter",
        _paragraph(
            "Your immune system protects you in countless ways, so changing how it works "
            "always involves a trade-off.",
            "<b>Medicines that hold your immune system back</b> make it harder for your body "
            "to fight germs. You may catch infections more easily, and they can become more "
            "serious. Some of these medicines can also wake up an old infection that has been "
            "lying quiet, such as tuberculosis or hepatitis B, so you may be tested for these "
            "before you start. Ask before having any vaccine, because some live vaccines are "
            "not safe while your immune system is held back. Call your care team promptly if "
            "you get a fever or feel unwell.",
            "<b>Medicines that boost your immune system</b> can push it too far, so that it "
            "turns on healthy parts of your body. When this happens, it most often affects:",
            extra=_ul(
                "Glands that make hormones, such as the thyroid, which can upset your "
                "hormone levels",
                "Your skin, causing a rash",
                "Your bowel, causing diarrhea",
                "Your lungs, causing a cough or shortness of breath",
            ),
        ),
        _paragraph(
            "To catch problems early, you will probably need regular check-ups and blood "
            "tests while you take an immunomodulator. These visits let your care team make "
            "sure the medicine is helping you and not causing harm, and change your "
            "treatment if needed."
        ),
    )


def _effectiveness() -> dict:
    return _section(
        "How effective is treatment?",
        _paragraph(
            "How well an immunomodulator works depends on your condition, the medicine and "
            "how your body responds. For some people it brings a disease under control, or "
            "even into remission. For others it eases symptoms or keeps the condition from "
            "getting worse.",
            "Finding the right medicine can take time. If the first one doesn't help enough, "
            "or its side effects are hard to live with, there are often others to try.",
        ),
    )


def _closing_note() -> dict:
    return _block(
        "note",
        {
            "heading": "A note from us",
            "text": _p(
                "Immunomodulators range from everyday steroid tablets to some of the newest "
                "cancer treatments. What they share is that they change how your immune "
                "system behaves. If you have been offered one, you deserve to know why, what "
                "it could do for you and what to watch out for. Jot down your questions and "
                "bring them to your next appointment. No question is too small."
            ),
        },
    )


def body(
    *,
    classes: dict[str, int],
    routes: dict[str, int],
    conditions: dict[str, int],
    adverts: dict[str, int],
    calls_to_action: dict[str, int],
) -> list[dict]:
    """The article body as raw StreamField data, one section per topic of the reference."""
    return [
        _what_they_are(),
        _how_they_work(),
        _conditions(conditions),
        _block("advert", adverts[FLU_ADVERT]),
        _types(classes),
        _how_given(routes),
        _side_effects(),
        _risks(),
        _block("advert", adverts[MEDICINES_ADVERT]),
        _effectiveness(),
        _closing_note(),
        _block("call_to_action", calls_to_action[CANCER_LINE]),
    ]
