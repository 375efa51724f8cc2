"""A checklist item is rendered twice: on the static page (sitebuild/checklist_html.py: a paper
checkbox, for readers without JavaScript and for print) and in the live report (report.mjs: a
numbered to-do in the reader's own words, which the report changes by body area). The two stay
separate renderers, and this test keeps them from disagreeing: for every golden case, each item the
report lists shows the same title, severity and its label, why, fix and guide link in both."""

from __future__ import annotations

import json
from pathlib import Path

from nodejs import run_json

from checklist_engine.cases import case_report
from sitebuild.checklist_html import page_of, render_item

CASES = sorted((Path(__file__).parent.parent / "cases").glob("*.json"))
SITE = "https://example.org/second-look/"


def test_the_static_checklist_and_the_live_report_show_each_item_alike():
    requests = []
    for path in CASES:
        report = case_report(json.loads(path.read_text()))
        by_id = {item["id"]: item for item in report["items"]}
        missing = [by_id[i] for i in report["missing"]]
        titles = {page_of(item["link"]): f"Guide for {page_of(item['link'])}" for item in missing if item["link"]}
        static = [render_item(item, lambda link: SITE + link, titles) for item in missing]
        requests.append({"report": report, "static": static, "titles": titles})
    compared = 0
    for path, (static, shown) in zip(CASES, run_json("item_markup.mjs", requests), strict=True):
        assert shown == static, path.stem
        compared += len(shown)
    assert compared > len(CASES)  # the cases do list items
