#!/usr/bin/env python3
"""Reference figures for core/stats/ClassifierMetrics, computed independently.

  AUROC            sklearn.metrics.roc_auc_score
  DeLong SE        DeLong, DeLong & Clarke-Pearson (1988), written here from the paper:
                   structural components V10_i = mean_j psi(X_i, Y_j), V01_j = mean_i psi(X_i, Y_j)
                   with psi 1 / 0.5 / 0 (greater / tie / less), var = S10/m + S01/n, computed
                   pair by pair (O(mn)), not through midranks as the engine does
  weighted log loss sklearn.metrics.log_loss(y, p, sample_weight=[1, 2, 4][y], labels=[0, 1, 2])

  a classifier vs a reference ("judge" lines): sensitivity and specificity as sklearn's
                   recall_score of the positive / negative class on the binarised grades, AUROC of
                   P(B-D) = 1 - P(A) and P(C-D) = P(C) + P(D), the weighted log loss above, and
                   cohen_kappa_score (unweighted, quadratic) and f1_score(average='macro') of
                   the grades

Input: one case per line, "auroc s1 l1 s2 l2 ..." (score, 0/1 label) or
"logloss p0 p1 p2 t ..." (three probabilities and the true class 0..2).
Output: one line per case: "value se" for auroc ("nan" where undefined), "value" for logloss.
"""
import sys
import warnings

try:
    import numpy as np
    from sklearn.metrics import cohen_kappa_score, f1_score, log_loss, recall_score, roc_auc_score
except ImportError as e:
    sys.stderr.write(f"classifier_reference.py: {e}; install python3-numpy python3-sklearn\n")
    sys.exit(2)

warnings.simplefilter("ignore")


def delong_se(scores, labels):
    x = [s for s, l in zip(scores, labels) if l]
    y = [s for s, l in zip(scores, labels) if not l]
    m, n = len(x), len(y)
    if m < 2 or n < 2:
        return float("nan")
    psi = lambda a, b: 1.0 if a > b else 0.5 if a == b else 0.0
    v10 = [sum(psi(xi, yj) for yj in y) / n for xi in x]
    v01 = [sum(psi(xi, yj) for xi in x) / m for yj in y]
    return float(np.sqrt(np.var(v10, ddof=1) / m + np.var(v01, ddof=1) / n))


for line in open(sys.argv[1]):
    f = line.split()
    if f[0] == "judge":  # judge ref pA pB pC pD predicted ...
        v = [float(x) for x in f[1:]]
        rows = [v[i:i + 6] for i in range(0, len(v), 6)]
        ref = np.array([int(r[0]) for r in rows])
        p = np.array([r[1:5] for r in rows])
        pred = np.array([int(r[5]) for r in rows])
        out = []
        for cut in (1, 2):
            yt, yp = (ref >= cut).astype(int), (pred >= cut).astype(int)
            sens = recall_score(yt, yp, pos_label=1) if yt.any() else float("nan")
            spec = recall_score(yt, yp, pos_label=0) if (yt == 0).any() else float("nan")
            score = p[:, cut:].sum(axis=1)
            auc = roc_auc_score(yt, score) if 0 < yt.sum() < len(yt) else float("nan")
            out += [sens, spec, auc]
        rsna = np.column_stack([p[:, 0], p[:, 1], p[:, 2] + p[:, 3]])
        t = np.minimum(ref, 2)
        out.append(log_loss(t, rsna, sample_weight=np.array([1.0, 2.0, 4.0])[t], labels=[0, 1, 2]))
        # The classifier's grade against the reference's as a pair of raters.
        out.append(cohen_kappa_score(ref, pred))
        out.append(cohen_kappa_score(ref, pred, weights="quadratic"))
        out.append(f1_score(ref, pred, average="macro"))
        print(" ".join(repr(float(x)) for x in out))
    elif f[0] == "auroc":
        scores = [float(v) for v in f[1::2]]
        labels = [int(v) for v in f[2::2]]
        print(repr(float(roc_auc_score(labels, scores))), repr(delong_se(scores, labels)))
    else:
        v = [float(x) for x in f[1:]]
        p = np.array([v[i:i + 3] for i in range(0, len(v), 4)])
        t = np.array([int(v[i + 3]) for i in range(0, len(v), 4)])
        w = np.array([1.0, 2.0, 4.0])[t]
        print(repr(float(log_loss(t, p, sample_weight=w, labels=[0, 1, 2]))))
