"""The validator's findings as text (one per line, as compilers print them),
JSON, or SARIF 2.1.0 for code-scanning UIs."""
from __future__ import annotations

import json

from pipeline.check.rules import OUTPUT_RULES, RULES, Rule
from pipeline.diagnostics import Diagnostic

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"


def as_text(found: list[Diagnostic]) -> str:
    lines = [str(d) for d in found]
    errors = sum(d.severity == "error" for d in found)
    warnings = len(found) - errors
    lines.append(f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}")
    return "\n".join(lines)


def as_json(found: list[Diagnostic]) -> str:
    keys = ("rule", "severity", "file", "line", "column", "message", "fix")
    return json.dumps([{k: d.as_dict()[k] for k in keys} for d in found], indent=2, ensure_ascii=False)


def _sarif_rule(r: Rule) -> dict:
    """A rule as SARIF's reportingDescriptor. Code-scanning UIs (GitHub) show help.markdown and
    the tags; editors' SARIF viewers link helpUri: each leads to the clause the rule enforces."""
    enforces = "; ".join(f"[{clause}]({clause.url})" for clause in r.clauses)
    described = {"id": r.id, "shortDescription": {"text": r.description},
                 "help": {"text": r.fix, "markdown": f"{r.fix}\n\nEnforces {enforces}."},
                 "defaultConfiguration": {"level": r.severity},
                 "properties": {"tags": [*r.tags, *(clause.key for clause in r.clauses)], "impact": r.impact}}
    if r.clauses:
        described["helpUri"] = r.clauses[0].url
    return described


def as_sarif(found: list[Diagnostic]) -> str:
    rules = [_sarif_rule(r) for r in RULES + OUTPUT_RULES]
    known = {r.id for r in RULES + OUTPUT_RULES}
    results = []
    for d in found:
        result = {"ruleId": d.rule or "pipeline", "level": d.severity,
                  "message": {"text": f"{d.message} — {d.fix}" if d.fix else d.message}}
        if d.file is not None:
            region = {"startLine": d.line or 1, "startColumn": d.column or 1}
            result["locations"] = [{"physicalLocation": {
                "artifactLocation": {"uri": d.as_dict()["file"]}, "region": region}}]
        results.append(result)
        if d.rule and d.rule not in known:
            rules.append({"id": d.rule, "shortDescription": {"text": d.rule}})
            known.add(d.rule)
    log = {"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [{
        "tool": {"driver": {"name": "pipeline check", "rules": rules}},
        "results": results}]}
    return json.dumps(log, indent=2, ensure_ascii=False)


FORMATS = {"text": as_text, "json": as_json, "sarif": as_sarif}
