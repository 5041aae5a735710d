#!/usr/bin/env python3
"""Independent reference for the test-retest figures (tests/core/tst_Rereads.cpp).

Each input line: "k first1,first2,... again1,again2,..." (class indices of the pairs where both
reads hold a label). Each output line: "n agreement kappa linear quadratic", computed by
sklearn's cohen_kappa_score over the whole scale (labels=range(k)), "nan" where undefined.
"""
import math
import sys
import warnings

from sklearn.metrics import cohen_kappa_score


def kappa(a, b, k, weights):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        v = cohen_kappa_score(a, b, labels=list(range(k)), weights=weights)
    return "nan" if v is None or math.isnan(v) else repr(float(v))


for line in open(sys.argv[1]):
    parts = line.split()
    if not parts:
        continue
    k = int(parts[0])
    a = [int(x) for x in parts[1].split(",")]
    b = [int(x) for x in parts[2].split(",")]
    agree = sum(1 for x, y in zip(a, b) if x == y) / len(a)
    print(len(a), repr(agree), kappa(a, b, k, None), kappa(a, b, k, "linear"), kappa(a, b, k, "quadratic"))
