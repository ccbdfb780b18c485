"""The Bangla (bn) interface: a complete catalogue, and pages and form errors that really switch language."""

from __future__ import annotations

import ast
import gettext
import html
import re
from pathlib import Path

import pytest
from django.utils import translation

import mignet

PO_FILE = Path(mignet.__file__).resolve().parent / "locale" / "bn" / "LC_MESSAGES" / "django.po"
MO_FILE = PO_FILE.with_suffix(".mo")


# --- the catalogue -----------------------------------------------------------------------------------------


def _unquote(lines: list[str]) -> str:
    """Join the quoted pieces of one PO field into its text ("a" "b" → ab, with C escapes undone)."""
    return "".join(ast.literal_eval(line) for line in lines)


def parse_po(path: Path) -> list[dict]:
    """A small PO reader (entries are separated by blank lines, as makemessages writes them).

    One dict per entry: msgctxt, msgid, msgid_plural, msgstr (list of forms), flags, obsolete.
    """
    entries = []
    for block in re.split(r"\n\s*\n", path.read_text(encoding="utf-8")):
        fields: dict[str, list[str]] = {}
        flags: set[str] = set()
        obsolete = False
        name = None
        for raw in block.splitlines():
            line = raw.strip()
            if line.startswith("#~"):
                obsolete, line = True, line[2:].strip()
            elif line.startswith("#,"):
                flags.update(flag.strip() for flag in line[2:].split(","))
                continue
            elif line.startswith("#") or not line:
                continue
            keyword = re.match(r"^(msgctxt|msgid_plural|msgid|msgstr(?:\[\d+\])?)\s+(\".*\")$", line)
            if keyword:
                name = keyword.group(1)
                fields[name] = [keyword.group(2)]
            elif line.startswith('"') and name:
                fields[name].append(line)
            else:
                raise AssertionError(f"unreadable line in {path.name}: {raw!r}")
        if "msgid" not in fields:
            continue
        entries.append(
            {
                "msgctxt": _unquote(fields["msgctxt"]) if "msgctxt" in fields else None,
                "msgid": _unquote(fields["msgid"]),
                "msgid_plural": _unquote(fields["msgid_plural"]) if "msgid_plural" in fields else None,
                "msgstr": [_unquote(v) for k, v in sorted(fields.items()) if k.startswith("msgstr")],
                "flags": flags,
                "obsolete": obsolete,
            }
        )
    return entries


@pytest.fixture(scope="module")
def catalogue() -> list[dict]:
    assert PO_FILE.exists(), f"{PO_FILE} is missing: run makemessages -l bn"
    return parse_po(PO_FILE)


def test_catalogue_header_is_bangla(catalogue):
    header = next(e for e in catalogue if e["msgid"] == "")
    meta = dict(line.split(": ", 1) for line in header["msgstr"][0].splitlines() if ": " in line)
    assert meta["Language"] == "bn"
    assert "charset=UTF-8" in meta["Content-Type"]
    assert meta["Plural-Forms"].startswith("nplurals=2;")
    assert "fuzzy" not in header["flags"], "the header is marked fuzzy"


def test_every_entry_is_translated_and_none_is_fuzzy(catalogue):
    entries = [e for e in catalogue if e["msgid"] and not e["obsolete"]]
    assert len(entries) > 300, "the catalogue looks truncated"
    untranslated = [e["msgid"] for e in entries if not e["msgstr"] or not all(s.strip() for s in e["msgstr"])]
    fuzzy = [e["msgid"] for e in entries if "fuzzy" in e["flags"]]
    assert not untranslated, "untranslated msgids in the bn catalogue:\n" + "\n".join(untranslated)
    assert not fuzzy, "fuzzy msgids in the bn catalogue:\n" + "\n".join(fuzzy)


def test_plural_entries_have_both_forms(catalogue):
    plurals = [e for e in catalogue if e["msgid_plural"]]
    assert plurals
    incomplete = [e["msgid"] for e in plurals if len(e["msgstr"]) != 2]
    assert not incomplete, incomplete


def test_placeholders_are_kept(catalogue):
    placeholder = re.compile(r"%\(\w+\)[sd]|%[sd]")
    broken = []
    for e in catalogue:
        if not e["msgid"]:
            continue
        wanted = sorted(placeholder.findall(e["msgid"]))
        for text in e["msgstr"]:
            if sorted(placeholder.findall(text)) != wanted:
                broken.append(f"{e['msgid']!r} → {text!r}")
    assert not broken, "placeholders changed:\n" + "\n".join(broken)


def test_compiled_catalogue_matches_the_po(catalogue):
    """django.mo is what Django reads: it must hold every translation of django.po (run compilemessages)."""
    assert MO_FILE.exists(), "django.mo is missing: run compilemessages -l bn"
    with MO_FILE.open("rb") as fh:
        compiled = gettext.GNUTranslations(fh)
    stale = []
    for e in catalogue:
        if not e["msgid"] or e["obsolete"] or "fuzzy" in e["flags"]:
            continue
        key = e["msgid"] if e["msgctxt"] is None else f"{e['msgctxt']}\x04{e['msgid']}"
        if e["msgid_plural"]:
            got = [compiled.ngettext(key, e["msgid_plural"], n) for n in (1, 2)]
        else:
            got = [compiled.gettext(key)]
        if got != e["msgstr"]:
            stale.append(e["msgid"])
    assert not stale, "django.mo is out of date (run compilemessages -l bn) for:\n" + "\n".join(stale)


# --- the interface in Bangla -------------------------------------------------------------------------------


def bangla(text: str) -> str:
    with translation.override("bn"):
        translated = translation.gettext(text)
    assert translated != text, f"{text!r} has no Bangla translation"
    assert re.search(r"[\u0980-\u09FF]", translated), f"{text!r} → {translated!r} is not in Bangla script"
    return translated


def page_text(response) -> str:
    return html.unescape(response.content.decode())


@pytest.fixture
def client_in_bangla(client_for):
    def make(role: str):
        client = client_for(role)
        response = client.post("/i18n/setlang/", {"language": "bn", "next": "/"})
        assert response.status_code == 302
        return client

    return make


def test_switching_to_bangla_translates_the_network_home_page(network, client_in_bangla):
    client = client_in_bangla("viewer")
    response = client.get(f"/n/{network.slug}/")
    assert response.status_code == 200
    text = page_text(response)
    assert '<html lang="bn">' in text
    for english in ("Organisations", "Governance health", "Bodies", "Home", "Sign out"):
        assert bangla(english) in text, f"the Bangla for {english!r} is not on the home page"
    assert "Governance health" not in text


def test_signed_in_user_keeps_bangla_on_the_profile(network, users, client_in_bangla):
    client_in_bangla("member")
    users["member"].refresh_from_db()
    assert users["member"].language == "bn"


def test_english_stays_the_default(network, client_for):
    response = client_for("viewer").get(f"/n/{network.slug}/")
    assert '<html lang="en">' in page_text(response)
    assert "Governance health" in page_text(response)


def test_form_errors_appear_in_bangla(network, client_in_bangla):
    client = client_in_bangla("secretariat")
    response = client.post(f"/n/{network.slug}/organisations/new/", {"name": ""})
    assert response.status_code == 400
    text = page_text(response)
    with translation.override("bn"):
        required = translation.gettext("This field is required.")
    assert required != "This field is required.", "Django's own bn catalogue lacks the required-field message"
    assert required in text
    assert bangla("There is a problem") in text
    assert "This field is required." not in text
