"""Driver for scripts/validate-903: runs csc-validator-be-903's rules over a carestats export.

Prints one line per failed rule (code, rows failing, message, and the exemption that covers it
if any), the rules that could not run, and exits 1 when a rule fails (or cannot run) that the
exemption file does not list for the year.
"""
import csv
import importlib
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
    files = [str(p) for p in sorted(Path(folder).glob("*.csv"))]
    uploaded = process_uploaded_files({"This year": files})
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
    crashed = sorted(set(map(str, v.fails)))
    for code in crashed:
        note = f"exempt: {exempt[code]}" if code in exempt else "NOT EXEMPT"
        if code not in exempt:
            unexcused.append(code)
        print(f"{code}\t-\t{note}\tthe rule could not run on this data")
    print(f"{ruleset}: {len(counts)} of {len(registry)} rules failed, {len(crashed)} could not run, "
          f"{len(v.skips)} skipped (tables not in the export); not exempt: {', '.join(unexcused) or 'none'}")
    return 1 if unexcused else 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:5]))
