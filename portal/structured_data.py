"""schema.org JSON-LD for public pages: MedicalWebPage, Drug, DrugClass, MedicalCondition.

Each builder takes the objects a view already fetched, so structured data costs no queries."""

from portal.site_urls import site_root_url

SCHEMA = "https://schema.org"


def _abs(request, path: str) -> str:
    return site_root_url(request) + path


def _organisation(settings) -> dict:
    return {"@type": "Organization", "name": settings.organisation_name}


def drug_class_ref(request, drug_class) -> dict:
    return {
        "@type": "DrugClass",
        "name": drug_class.name,
        "url": _abs(request, drug_class.get_url()),
    }


def drug_ref(request, drug) -> dict:
    return {
        "@type": "Drug",
        "name": drug.generic_name,
        "nonProprietaryName": drug.generic_name,
        "url": _abs(request, drug.get_url()),
    }


def condition_code(condition) -> dict | None:
    if not condition.icd10_code:
        return None
    return {"@type": "MedicalCode", "code": condition.icd10_code, "codingSystem": "ICD-10-CM"}


def reviewer(obj, settings) -> dict:
    """The reviewer as the public stamp names them: a person, or the organisation."""
    profile = getattr(obj, "reviewed_by", None)
    if settings.stamp_style == settings.STAMP_NAMED and profile is not None:
        person = {"@type": "Person", "name": profile.display_name}
        if profile.credentials:
            person["honorificSuffix"] = profile.credentials
        return person
    return _organisation(settings)


def review_fields(obj, settings) -> dict:
    data = {}
    if getattr(obj, "last_reviewed_on", None):
        data["lastReviewed"] = obj.last_reviewed_on.isoformat()
        data["reviewedBy"] = reviewer(obj, settings)
    return data


def drug(request, drug, classes, routes, conditions, settings) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "Drug",
        "name": drug.generic_name,
        "nonProprietaryName": drug.generic_name,
        "description": drug.summary,
        "url": _abs(request, drug.get_url()),
        "drugClass": [drug_class_ref(request, c) for c in classes],
        "administrationRoute": [r.schema_name for r in routes],
    }
    brands = [brand.name for brand in drug.brand_names.all()]
    if brands:
        data["proprietaryName"] = brands
    if conditions:
        data["indication"] = [
            {"@type": "MedicalIndication", "name": c.name, "url": _abs(request, c.get_url())}
            for c in conditions
        ]
    data["subjectOf"] = {
        "@type": "MedicalWebPage",
        "url": _abs(request, drug.get_url()),
        **review_fields(drug, settings),
    }
    return data


def drug_class(request, drug_class, drugs, parent, settings) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "DrugClass",
        "name": drug_class.name,
        "description": drug_class.summary,
        "url": _abs(request, drug_class.get_url()),
        "drug": [drug_ref(request, d) for d in drugs],
    }
    if parent is not None:
        data["isPartOf"] = drug_class_ref(request, parent)
    data["subjectOf"] = {
        "@type": "MedicalWebPage",
        "url": _abs(request, drug_class.get_url()),
        **review_fields(drug_class, settings),
    }
    return data


def medical_condition(request, condition, synonyms, drugs, settings) -> dict:
    data = {
        "@context": SCHEMA,
        "@type": "MedicalCondition",
        "name": condition.name,
        "description": condition.summary,
        "url": _abs(request, condition.get_url()),
    }
    code = condition_code(condition)
    if code:
        data["code"] = code
    if synonyms:
        data["alternateName"] = [s.name for s in synonyms]
    if drugs:
        data["drug"] = [drug_ref(request, d) for d in drugs]
    data["subjectOf"] = {
        "@type": "MedicalWebPage",
        "url": _abs(request, condition.get_url()),
        **review_fields(condition, settings),
    }
    return data


def medical_web_page(request, page, classes, drugs, conditions, settings) -> dict:
    about = (
        [drug_class_ref(request, c) for c in classes]
        + [drug_ref(request, d) for d in drugs]
        + [{"@type": "MedicalCondition", "name": c.name} for c in conditions]
    )
    data = {
        "@context": SCHEMA,
        "@type": "MedicalWebPage",
        "name": page.title,
        "headline": page.title,
        "description": page.meta_description,
        "url": page.get_full_url(request),  # the address on the site serving the request
        "publisher": _organisation(settings),
        "audience": {"@type": "Patient"},
        **review_fields(page, settings),
    }
    if about:
        data["about"] = about
    if page.last_published_at:
        data["dateModified"] = page.last_published_at.date().isoformat()
    return data
