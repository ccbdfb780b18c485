"""Reference data shipped as CSV files beside this module (sources in SOURCES.md).

`load(apps)` upserts every row by its natural key, so running it twice changes nothing.
It takes an app registry so that data migrations can call it with their historical models.
"""

import csv
from pathlib import Path

from django.apps import apps as django_apps

HERE = Path(__file__).resolve().parent


def rows(name: str) -> list[dict[str, str]]:
    with (HERE / name).open(encoding="utf-8", newline="") as handle:
        return [{k: (v or "").strip() for k, v in row.items()} for row in csv.DictReader(handle)]


def _upsert(model, key: dict, values: dict) -> bool:
    obj = model.objects.filter(**key).first()
    if obj is None:
        model.objects.create(**key, **values)
        return True
    changed = [f for f, v in values.items() if getattr(obj, f) != v]
    if changed:
        for field in changed:
            setattr(obj, field, values[field])
        obj.save(update_fields=changed)
    return bool(changed)


def load(apps=django_apps) -> int:
    """Upsert all reference data; returns the number of rows created or changed."""
    get = lambda name: apps.get_model("core", name)  # noqa: E731
    n = 0
    for r in rows("gcm_objectives.csv"):
        n += _upsert(
            get("GCMObjective"),
            {"number": int(r["number"])},
            {"short_title": r["short_title"], "full_title": r["full_title"]},
        )
    for r in rows("gcm_guiding_principles.csv"):
        n += _upsert(
            get("GuidingPrinciple"),
            {"number": int(r["number"])},
            {"letter": r["para_15_letter"], "title": r["title"]},
        )
    goals = {}
    for r in rows("sdg_goals.csv"):
        n += _upsert(
            get("SDGGoal"), {"number": int(r["goal"])}, {"short_title": r["short_title"], "title": r["title"]}
        )
    goals = {g.number: g for g in get("SDGGoal").objects.all()}
    for r in rows("sdg_migration_targets.csv"):
        n += _upsert(
            get("SDGTarget"),
            {"code": r["target"]},
            {"goal": goals[int(r["goal"])], "text": r["text"], "relevance": r["relevance"]},
        )
    admin = rows("bd_admin.csv")
    for r in (r for r in admin if r["level"] == "division"):
        n += _upsert(
            get("Division"),
            {"iso_code": r["division_iso"]},
            {
                "country": "BD",
                "name": r["division"],
                "bbs_code": r["division_bbs_code"],
                "pcode": r["ocha_pcode"],
                "alt_spelling": r["alt_spelling"],
            },
        )
    divisions = {d.iso_code: d for d in get("Division").objects.all()}
    for r in (r for r in admin if r["level"] == "district"):
        n += _upsert(
            get("District"),
            {"iso_code": r["district_iso"]},
            {
                "division": divisions[r["division_iso"]],
                "name": r["district"],
                "bbs_code": r["district_bbs_code"],
                "pcode": r["ocha_pcode"],
                "alt_spelling": r["alt_spelling"],
            },
        )
    for r in rows("un_entities.csv"):
        n += _upsert(get("UNEntity"), {"acronym": r["acronym"]}, {"full_name": r["full_name"]})
    for r in rows("hr_mechanisms.csv"):
        n += _upsert(
            get("HumanRightsMechanism"),
            {"acronym": r["acronym"]},
            {"name": r["name"], "kind": r["type"], "basis": r["basis_or_instrument"]},
        )
    for r in rows("stakeholder_categories.csv"):
        n += _upsert(
            get("StakeholderCategory"),
            {"code": r["code"]},
            {"name": r["category"], "in_gcm_para_44": r["in_gcm_para_44"] == "yes"},
        )
    for r in rows("bd_migration_bodies.csv"):
        # Two bodies have no acronym in the sources; their initials stand in, so each row keeps a key.
        acronym = r["acronym"] or "".join(w[0] for w in r["name"].split() if w[:1].isupper())
        n += _upsert(
            get("GovernmentBody"),
            {"country": "BD", "acronym": acronym},
            {"name": r["name"], "kind": r["type"], "parent_acronym": r["parent"]},
        )
    return n
