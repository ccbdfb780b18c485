"""The dashboard's charts are SVG documents with their labels as text (readable, searchable), the same
drawing for the same data, and labels that would break markup or mathematics are kept literal."""

from __future__ import annotations

import xml.etree.ElementTree as ET

from mignet.plans import charts

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> str:
    root = ET.fromstring(svg)  # noqa: S314 — our own drawing
    assert root.tag == f"{SVG}svg"
    return " ".join("".join(t.itertext()) for t in root.iter(f"{SVG}text"))


def test_bars_keep_labels_as_text_and_escape_markup():
    svg = charts.bars(
        labels=["Planned", "Ongoing <b>&", "$5 fund"],
        values=[3, 12, 0],
        title="Activities by status",
        value_label="activities",
    )
    words = texts(svg)
    for label in ("Planned", "Ongoing <b>&", "$5 fund", "Activities by status", "12"):
        assert label in words
    assert "<b>&" not in svg  # escaped in the markup
    assert "font-family" in svg and "sans-serif" in svg
    assert svg == charts.bars(
        labels=["Planned", "Ongoing <b>&", "$5 fund"],
        values=[3, 12, 0],
        title="Activities by status",
        value_label="activities",
    )


def test_heatmap_writes_each_nonzero_cell():
    svg = charts.heatmap(
        rows=["6. Skills", "21. Return"],
        columns=["IOM", "UNHCR"],
        values=[[2, 0], [1, 3]],
        title="GCM coverage",
        value_label="Number of activities",
    )
    words = texts(svg)
    for label in ("6. Skills", "21. Return", "IOM", "UNHCR", "GCM coverage", "Number of activities"):
        assert label in words
    assert words.split().count("3") >= 1 and "0" not in words.split()


def test_heatmap_of_nothing_still_draws():
    texts(charts.heatmap(rows=["1. Data"], columns=[], values=[[]], title="Empty", value_label="n"))


def test_grouped_bars_have_a_legend_and_groups():
    svg = charts.grouped_bars(
        groups=["All", "Labour Migration TWG"],
        series=[("Required", [1_200_000, 500]), ("Available", [600_000, 0]), ("Spent", [0, 0])],
        title="Budget",
        value_label="USD",
    )
    words = texts(svg)
    for label in ("All", "Labour Migration TWG", "Required", "Available", "Spent", "USD", "1.2M"):
        assert label in words
