#!/usr/bin/env python3
"""Checks the order of `spinegrade-cli review --json` (read on stdin) against the stated rules,
computed here independently from each item's labels and kinds:
  1. the largest grade distance between two analyzers first;
  2. among equals, items where a disagreeing grade pair involves C or D first;
  3. then items with a canal disagreement;
  4. then items whose disagreement is not patch-only, then patch-only;
  5. then the item key: study number, level (L1/L2..L5/S1, then L?), ordinal.
Exit 0 when the order is the stated one, 1 (with both orders printed) otherwise."""
import itertools
import json
import re
import sys

GRADES = "ABCD"
LEVELS = ["L1/L2", "L2/L3", "L3/L4", "L4/L5", "L5/S1"]


def key_tuple(key):
    m = re.fullmatch(r"S(\d+) (L\?|L\d/[LS]\d) #(\d+)", key)
    if not m:
        raise SystemExit("not an item key: %r" % key)
    level = LEVELS.index(m.group(2)) if m.group(2) != "L?" else len(LEVELS)
    return (int(m.group(1)), level, int(m.group(3)))


def rank(item):
    grades = [GRADES.index(l["grade"]) for l in item["labels"].values() if l.get("grade")]
    distance = max((abs(a - b) for a, b in itertools.combinations(grades, 2)), default=0)
    severe = any(a != b and max(a, b) >= 2 for a, b in itertools.combinations(grades, 2))
    canals = {l["canal"] for l in item["labels"].values() if l.get("canal")}
    canal = len(canals) > 1
    patch_only = item["kinds"] == ["patch"]
    if distance != item["grade_distance"]:
        raise SystemExit("grade_distance %d of %s, labels say %d" % (item["grade_distance"], item["key"], distance))
    return (-distance, 0 if severe else 1, 0 if canal else 1, 1 if patch_only else 0, key_tuple(item["key"]))


items = json.load(sys.stdin)["items"]
given = [i["key"] for i in items]
expected = [i["key"] for i in sorted(items, key=rank)]
if given != expected:
    print("given:    %s\nexpected: %s" % (given, expected))
    sys.exit(1)
print("%d item(s) in the stated order" % len(items))
