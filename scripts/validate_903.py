"""Driver for scripts/validate-903: runs csc-validator-be-903's rules over a carestats export.

Prints one line per failed rule (code, rows failing, message, and the exemption that covers it
if any), the rules that could not run, and exits 1 when a rule fails (or cannot run) that the
exemption file does not list for the year.
"""
import csv
import importlib
import os
import logging
import sys
from pathlib import Path

from lac_validator import lac_validator
from lac_validator.utils import process_uploaded_files


def exemptions(path: str, year: str) -> dict:
    if not path or not Path(path).exists():
        return {}
    with open(path, newline="") as f:
        return {row["rule"]: row["group"] for row in csv.DictReader(f) if row["year"] in ("all", year)}


def main(folder: str, ruleset: str, start_year: str, exemption_file: str = "") -> int:
    logging.disable(logging.CRITICAL)
    year = f"{start_year}-{str(int(start_year) + 1)[2:]}"
    exempt = exemptions(exemption_file, year)
    names = ("header", "episodes", "reviews", "uasc", "oc2", "oc3", "ad1", "placed_for_adoption", "prev_perm", "missing")
    files = [str(Path(folder) / f"{name}.csv") for name in names if (Path(folder) / f"{name}.csv").exists()]
    # Last year's export, when `carestats export 903 --previous` copied it in, lets the
    # year-on-year rules run.
    previous = [str(Path(folder) / "previous" / f"{name}.csv") for name in names if (Path(folder) / "previous" / f"{name}.csv").exists()]
    uploaded = process_uploaded_files({"This year": files, **({"Prev year": previous} if previous else {})})
    # The validator's collection year is the year the collection ends in (2024-25 → 2025).
    metadata = {"collectionYear": str(int(start_year) + 1), "localAuthority": "E09000027"}
    registry = getattr(importlib.import_module(f"lac_validator.rules.{ruleset}"), "registry")
    v = lac_validator.LacValidator(metadata=metadata, files=uploaded, registry=registry, selected_rules=None)
    v.validate()
    counts = {}
    for table, df in v.ds_results.items():
        if not hasattr(df, "columns"):
            continue
        for col in df.columns:
            if str(col).startswith("ERR_"):
                n = int(df[col].fillna(False).astype(bool).sum())
                if n:
                    counts[col[4:]] = counts.get(col[4:], 0) + n
    messages = {str(rule.code): rule.message for _, rule in registry.items()}
    unexcused = []
    for code, n in sorted(counts.items(), key=lambda kv: -kv[1]):
        note = f"exempt: {exempt[code]}" if code in exempt else "NOT EXEMPT"
        if code not in exempt:
            unexcused.append(code)
        print(f"{code}\t{n}\t{note}\t{messages.get(str(code), '')}")
    write_error_report(Path(folder), v, registry)
    crashed = sorted(set(map(str, v.fails)))
    for code in crashed:
        note = f"exempt: {exempt[code]}" if code in exempt else "NOT EXEMPT"
        if code not in exempt:
            unexcused.append(code)
        print(f"{code}\t-\t{note}\tthe rule could not run on this data")
    # The validator lists some skipped rules twice; a rule is counted once.
    skipped = sorted(set(map(str, v.skips)))
    print(f"{ruleset}: {len(counts)} of {len(registry)} rules failed, {len(crashed)} could not run, "
          f"{len(skipped)} skipped (tables not in the export: {', '.join(skipped)}); not exempt: {', '.join(unexcused) or 'none'}")
    return 1 if unexcused else 0


def write_error_report(folder: Path, v, registry) -> None:
    """Adds one row per child and DfE rule failed to 903-errors.csv (which carestats export wrote
    with its own findings) and writes the same rows as 903-errors.xlsx, for case workers."""
    report = folder / "903-errors.csv"
    header = ["child_id", "source", "rule", "table", "fields", "location", "date", "message"]
    rows = []
    if report.exists():
        with open(report, newline="", encoding="utf-8-sig") as f:
            rows = [r for r in csv.DictReader(f) if r.get("source") != "DfE rule"]
    rules = {str(rule.code): rule for _, rule in registry.items()}
    seen = set()
    for table, df in v.ds_results.items():
        if not hasattr(df, "columns") or "CHILD" not in df.columns:
            continue
        for col in [c for c in df.columns if str(c).startswith("ERR_")]:
            code = col[4:]
            rule = rules.get(code)
            hits = df[df[col].fillna(False).astype(bool)]
            for _, r in hits.iterrows():
                child = str(r["CHILD"])
                date = str(r.get("DECOM", r.get("REVIEW", "")) or "")
                if (child, code, table, date) in seen:
                    continue
                seen.add((child, code, table, date))
                rows.append({"child_id": child, "source": "DfE rule", "rule": code, "table": table,
                             "fields": ", ".join(getattr(rule, "affected_fields", None) or []),
                             "location": f"{table.lower()}.csv", "date": date if date not in ("nan", "NaT") else "",
                             "message": getattr(rule, "message", "") or ""})
    rows.sort(key=lambda r: (r["child_id"], r["source"], r["rule"], r["date"]))
    with open(report, "w", newline="", encoding="utf-8-sig") as f:
        w = csv.DictWriter(f, fieldnames=header)
        w.writeheader()
        w.writerows(rows)
    os.chmod(report, 0o600)
    from openpyxl import Workbook
    from openpyxl.styles import Font, PatternFill
    wb = Workbook()
    ws = wb.active
    ws.title = "Errors to fix"
    ws.append(["Child", "Found by", "Rule", "Table", "Fields", "Where", "Date", "What is wrong"])
    for cell in ws[1]:
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor="D9E2F3")
    for r in rows:
        ws.append([r[k] for k in header])
    ws.freeze_panes = "A2"
    ws.auto_filter.ref = ws.dimensions
    for col, width in zip("ABCDEFGH", [12, 11, 18, 12, 26, 30, 12, 90]):
        ws.column_dimensions[col].width = width
    xlsx = folder / "903-errors.xlsx"
    wb.save(xlsx)
    os.chmod(xlsx, 0o600)


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
