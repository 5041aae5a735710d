#!/usr/bin/env python3
"""Reference figures for `spinegrade-cli stats --csv FILE --json`, computed independently.

Every figure comes from statsmodels, scikit-learn or numpy working on the raw label vectors,
not from a port of the C++ formulas:
  kappa (value, std_kappa, CI)   statsmodels.stats.inter_rater.cohens_kappa(table, wt=...)
  Wilson CI                      statsmodels.stats.proportion.proportion_confint(method='wilson')
  PABAK                          statsmodels fleiss_kappa(method='uniform') on the two raters
                                 (for two raters it is (k Po - 1)/(k - 1))
  Fleiss' kappa                  statsmodels fleiss_kappa on aggregate_raters(n_cat=k)
  precision/recall/F1/support    sklearn precision_recall_fscore_support, f1_score
  confusion matrix               sklearn confusion_matrix(labels=all classes)
  Gwet's AC1                     numpy, from aggregate_raters' table (no library has it)
  Stuart-Maxwell, Bowker         statsmodels SquareTable(table, shift_zeros=False).homogeneity()
                                 and .symmetry(); a covariance matrix that is singular in exact
                                 arithmetic (fractions) is undefined (null), as statsmodels' NaN
Written here from the publications, in exact fractions where rounding matters (no library in
Debian has them):
  AC1 SE and CI                  Gwet 2008 (Br J Math Stat Psychol 61:29-48) eq. 30, f = 0
  kappa_max                      (sum_c min(p_c., p_.c) - Pe) / (1 - Pe) (Cohen 1960)
  prevalence / bias index        Byrt, Bishop & Carlin 1993: (a - d)/n, (b - c)/n on 2 x 2 only
  Fleiss' kappa SE               Fleiss, Nee & Landis 1979 (as irr::kappam.fleiss)
  Krippendorff's alpha           Krippendorff 2011: coincidences from every pair of values of
                                 different raters within a unit, nominal and ordinal metrics
  kappa defined / degenerate     from docs/domain.md's definition, in exact rational arithmetic
                                 (fractions): undefined only where 1 - Pe = 0; where a rater
                                 used one class only, Pe = Po, kappa exactly 0 (checked against
                                 statsmodels), "degenerate": true, and no SE or CI (null)
Definitions the C++ engine documents and this script shares: last CSV row wins, an empty
label removes; raters sorted by name; an item of a task is any item with a row of that task in
the CSV (even with an empty label), and n_dropped = items of the task minus the items both
raters of the pair labeled; undefined = null (a NaN from the libraries means undefined).

Usage: stats_reference.py FILE.csv [FILE.csv ...]  -> one JSON document per line.
Exits 2 with a message if numpy, statsmodels or scikit-learn is missing.
"""
import csv
import json
from fractions import Fraction
import math
import sys
import warnings

try:
    import numpy as np
    from sklearn.metrics import confusion_matrix, f1_score, precision_recall_fscore_support
    from statsmodels.stats.contingency_tables import SquareTable
    from statsmodels.stats.inter_rater import aggregate_raters, cohens_kappa, fleiss_kappa
    from statsmodels.stats.proportion import proportion_confint
except ImportError as e:  # CI installs python3-numpy, python3-statsmodels, python3-sklearn
    sys.stderr.write(f"stats_reference.py: {e}; install python3-numpy python3-statsmodels python3-sklearn\n")
    sys.exit(2)

warnings.simplefilter("ignore")  # sklearn's zero-division and numpy's 0/0 warnings are expected

TASKS = {"grade": ["A", "B", "C", "D"], "canal": ["rootlet", "cord"]}
VIEWS = {"A vs B-D": (["A", "B-D"], [0, 1, 1, 1]), "A-B vs C-D": (["A-B", "C-D"], [0, 0, 1, 1])}


def num(x):
    """A library's float, or None where it says undefined (NaN)."""
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


def read_labels(path):
    labels = {t: {} for t in TASKS}  # task -> rater -> item -> class index
    given = {t: set() for t in TASKS}  # task -> items the raters were given (a row, labeled or not)
    with open(path, newline="", encoding="utf-8-sig") as f:
        for row in csv.DictReader(f):
            item, rater, task, label = (row[k].strip(" \t\r") for k in ("item", "rater", "task", "label"))
            given[task].add(item)
            by_item = labels[task].setdefault(rater, {})
            if label:
                by_item[item] = TASKS[task].index(label)
            else:
                by_item.pop(item, None)
    return labels, given


def weight(i, j, k, wt):
    """Agreement weight of cells (i, j) on the whole k-class scale, as exact fractions."""
    if wt is None:
        return Fraction(int(i == j))
    d = Fraction(abs(i - j), k - 1)
    return 1 - d if wt == "linear" else 1 - d * d


def kappa_json(table, wt):
    # docs/domain.md: kappa = (Po - Pe)/(1 - Pe) is undefined only where 1 - Pe = 0. Po and Pe are
    # computed here exactly, from their definitions, to decide that and the degenerate case.
    k = table.shape[0]
    n = int(table.sum())
    rows = [Fraction(int(table[i, :].sum()), n) for i in range(k)]
    cols = [Fraction(int(table[:, j].sum()), n) for j in range(k)]
    po = sum(weight(i, j, k, wt) * Fraction(int(table[i, j]), n) for i in range(k) for j in range(k))
    pe = sum(weight(i, j, k, wt) * rows[i] * cols[j] for i in range(k) for j in range(k))
    degenerate = max(rows) == 1 or max(cols) == 1  # a rater used one class only
    if pe == 1:
        return {"value": None, "degenerate": degenerate, "se": None, "ci95": None}
    exact = (po - pe) / (1 - pe)
    res = cohens_kappa(table, wt=wt)
    if degenerate:
        # Po = Pe, kappa exactly 0, and statsmodels agrees to rounding; its variance is 0 by
        # construction, which the engine reports as no SE and no CI.
        assert exact == 0 and abs(float(res.kappa)) < 1e-12, (exact, res.kappa)
        return {"value": 0.0, "degenerate": True, "se": None, "ci95": None}
    value = num(res.kappa)
    assert value is not None and abs(value - float(exact)) < 1e-12, (value, exact)
    var = float(res.var_kappa)
    if -1e-12 < var < 0:  # 0 in exact arithmetic (perfect agreement); rounding made it negative
        return {"value": value, "degenerate": False, "se": 0.0, "ci95": [value, value]}
    return {"value": value, "degenerate": False, "se": num(res.std_kappa),
            "ci95": [num(res.kappa_low), num(res.kappa_upp)]}


def exact_det(rows):
    """Determinant in exact arithmetic (Gaussian elimination over fractions)."""
    a = [[Fraction(x) for x in r] for r in rows]
    n, det = len(a), Fraction(1)
    for c in range(n):
        p = next((r for r in range(c, n) if a[r][c] != 0), None)
        if p is None:
            return Fraction(0)
        if p != c:
            a[c], a[p] = a[p], a[c]
            det = -det
        det *= a[c][c]
        for r in range(c + 1, n):
            f = a[r][c] / a[c][c]
            a[r] = [x - f * y for x, y in zip(a[r], a[c])]
    return det


def square_tests(table):
    k = table.shape[0]
    st = SquareTable(table.astype(float), shift_zeros=False)
    sym = st.symmetry()
    bowker = {"statistic": float(sym.statistic), "df": int(sym.df), "p": float(sym.pvalue)}
    # Stuart-Maxwell's covariance of the first k-1 margin differences (in counts), exactly.
    v = [[(int(table[i, :].sum()) + int(table[:, i].sum()) - 2 * int(table[i, i])) if i == j
          else -(int(table[i, j]) + int(table[j, i])) for j in range(k - 1)] for i in range(k - 1)]
    if exact_det(v) == 0:
        return None, bowker
    hom = st.homogeneity()
    return {"statistic": float(hom.statistic), "df": int(hom.df), "p": float(hom.pvalue)}, bowker


def gwet_ac1_se(table):
    """Gwet 2008 eq. 30 with f = 0, exactly; returns (se, ci95)."""
    k = table.shape[0]
    n = int(table.sum())
    p = [[Fraction(int(table[i, j]), n) for j in range(k)] for i in range(k)]
    pi = [(sum(p[q]) + sum(p[i][q] for i in range(k))) / 2 for q in range(k)]
    pa = sum(p[q][q] for q in range(k))
    pe = sum(x * (1 - x) for x in pi) / (k - 1)
    g = (pa - pe) / (1 - pe)
    diag = sum(p[q][q] * (1 - pi[q]) for q in range(k)) / (k - 1)
    full = sum(p[a][b] * (1 - (pi[a] + pi[b]) / 2) ** 2 for a in range(k) for b in range(k)) / (k - 1) ** 2
    var = (pa * (1 - pa) - 4 * (1 - g) * (diag - pa * pe) + 4 * (1 - g) ** 2 * (full - pe * pe)) / (n * (1 - pe) ** 2)
    se = math.sqrt(float(var))
    z = 1.959963984540054
    return se, [float(g) - z * se, float(g) + z * se]


def kappa_max(table):
    k = table.shape[0]
    n = int(table.sum())
    rows = [Fraction(int(table[i, :].sum()), n) for i in range(k)]
    cols = [Fraction(int(table[:, j].sum()), n) for j in range(k)]
    pe = sum(r * c for r, c in zip(rows, cols))
    if pe == 1:
        return None
    return float((sum(min(r, c) for r, c in zip(rows, cols)) - pe) / (1 - pe))


def pair_json(ref_name, ref, oth_name, oth, classes, given):
    common = sorted(set(ref) & set(oth))
    out = {"reference": ref_name, "other": oth_name, "n": len(common)}
    if not common:
        return out
    k = len(classes)
    y_true = np.array([ref[i] for i in common])
    y_pred = np.array([oth[i] for i in common])
    n = len(common)
    table = confusion_matrix(y_true, y_pred, labels=list(range(k)))
    agree = int(np.sum(y_true == y_pred))
    lo, hi = proportion_confint(agree, n, alpha=0.05, method="wilson")
    two = aggregate_raters(np.column_stack([y_true, y_pred]), n_cat=k)[0]
    pi = two.sum(axis=0) / (2.0 * n)
    chance = np.sum(pi * (1 - pi)) / (k - 1)
    po = np.mean(two.max(axis=1) == 2)
    prec, rec, f1, support = precision_recall_fscore_support(
        y_true, y_pred, labels=list(range(k)), average=None, zero_division=0)
    per_class = {}
    for c, name in enumerate(classes):
        chosen_ref, chosen_oth = bool(np.any(y_true == c)), bool(np.any(y_pred == c))
        per_class[name] = {"precision": float(prec[c]) if chosen_oth else None,
                           "recall": float(rec[c]) if chosen_ref else None,
                           "f1": float(f1[c]) if chosen_ref or chosen_oth else None,
                           "support": int(support[c])}
    out.update({
        # Items of the task that either rater left without a label, nobody's included.
        "n_dropped": sum(1 for i in given if i not in ref or i not in oth),
        "percent_agreement": agree / n,
        "percent_agreement_ci95": [float(lo), float(hi)],
        "kappa": {"unweighted": kappa_json(table, None), "linear": kappa_json(table, "linear"),
                  "quadratic": kappa_json(table, "quadratic")},
        "pabak": num(fleiss_kappa(two, method="uniform")),
        "gwet_ac1": float((po - chance) / (1 - chance)),
        "gwet_ac1_se": gwet_ac1_se(table)[0],
        "gwet_ac1_ci95": gwet_ac1_se(table)[1],
        "kappa_max": kappa_max(table),
        "prevalence_index": (int(table[0, 0]) - int(table[1, 1])) / n if k == 2 else None,
        "bias_index": (int(table[0, 1]) - int(table[1, 0])) / n if k == 2 else None,
        "stuart_maxwell": square_tests(table)[0],
        "bowker": square_tests(table)[1],
        "f1_macro": float(f1_score(y_true, y_pred, average="macro")),
        "f1_weighted": float(f1_score(y_true, y_pred, average="weighted")),
        "per_class": per_class,
        "confusion": table.tolist(),
        "distance_counts": np.bincount(np.abs(y_true - y_pred), minlength=k).tolist(),
    })
    return out


def fleiss_se(data, k):
    """Fleiss, Nee & Landis 1979: SE of Fleiss' kappa under no agreement beyond chance."""
    n_items, m = data.shape
    p = np.bincount(data.ravel(), minlength=k) / (n_items * m)
    pq = float(np.sum(p * (1 - p)))
    var = 2 * (pq ** 2 - float(np.sum(p * (1 - p) * (1 - 2 * p)))) / (n_items * m * (m - 1) * pq ** 2)
    return math.sqrt(max(var, 0.0))


def krippendorff(by_rater, k):
    """Krippendorff 2011, from the reliability data: (nominal, ordinal) alpha."""
    units = {}
    for values in by_rater.values():
        for item, c in values.items():
            units.setdefault(item, []).append(c)
    o = [[Fraction(0)] * k for _ in range(k)]
    for values in units.values():
        m = len(values)
        if m < 2:
            continue
        for a in range(m):
            for b in range(m):
                if a != b:
                    o[values[a]][values[b]] += Fraction(1, m - 1)
    nc = [sum(row) for row in o]
    n = sum(nc)
    if n < 2:
        return {"nominal": None, "ordinal": None}

    def alpha(delta):
        observed = sum(o[c][d] * delta(c, d) for c in range(k) for d in range(k))
        expected = sum(nc[c] * nc[d] * delta(c, d) for c in range(k) for d in range(k))
        return None if expected == 0 else float(1 - (n - 1) * observed / expected)

    def ordinal(c, d):
        lo, hi = min(c, d), max(c, d)
        return (sum(nc[lo:hi + 1]) - (nc[c] + nc[d]) / 2) ** 2

    return {"nominal": alpha(lambda c, d: int(c != d)), "ordinal": alpha(ordinal)}


def scale_json(by_rater, classes, given):
    by_rater = {r: v for r, v in by_rater.items() if v}
    raters = sorted(by_rater)
    items = set().union(*by_rater.values()) if by_rater else set()
    k = len(classes)
    rater_json = {}
    for r in raters:
        counts = np.bincount(list(by_rater[r].values()), minlength=k)
        rater_json[r] = {"n": len(by_rater[r]), "counts": {c: int(counts[i]) for i, c in enumerate(classes)}}
    pairs = [pair_json(a, by_rater[a], b, by_rater[b], classes, given) for a in raters for b in raters if a != b]
    everyone = sorted(set.intersection(*(set(by_rater[r]) for r in raters))) if raters else []
    fleiss = fleiss_kappa_se = None
    if len(raters) >= 2 and everyone:
        data = np.array([[by_rater[r][i] for r in raters] for i in everyone])
        fleiss = num(fleiss_kappa(aggregate_raters(data, n_cat=k)[0], method="fleiss"))
        if fleiss is not None:
            fleiss_kappa_se = fleiss_se(data, k)
    return {"classes": classes, "items": len(items), "raters": rater_json, "pairs": pairs,
            "fleiss_kappa": fleiss, "fleiss_kappa_se": fleiss_kappa_se, "fleiss_items": len(everyone),
            "krippendorff_alpha": krippendorff(by_rater, k)}


def report(path):
    labels, given = read_labels(path)
    tasks = {}
    for task, classes in TASKS.items():
        j = scale_json(labels[task], classes, given[task])
        j["views"] = {}
        if task == "grade":
            for name, (view_classes, collapse) in VIEWS.items():
                collapsed = {r: {i: collapse[c] for i, c in v.items()} for r, v in labels[task].items()}
                j["views"][name] = scale_json(collapsed, view_classes, given[task])
        j["levels"] = {}  # the label CSV carries no level
        tasks[task] = j
    return {"tasks": tasks}


if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.stderr.write("usage: stats_reference.py FILE.csv [FILE.csv ...]\n")
        sys.exit(2)
    for p in sys.argv[1:]:
        print(json.dumps(report(p), allow_nan=False))
