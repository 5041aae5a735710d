#!/usr/bin/env python3
"""An independent Dawid-Skene (1979) for core/stats/DawidSkene, written here with numpy.

Vectorised over items, raters and classes (the engine loops item by item), from the model:
  labels as one-hot L[i, r, l] (a missing label is an all-zero row);
  M-step  prior_k = (sum_i T[i, k] + s) / (n + K s) over the labeled items,
          theta[r, k, l] = (sum_i T[i, k] L[i, r, l] + s) / sum_l (...), s = 0.01;
  E-step  log T[i, k] = log prior_k + sum_r,l L[i, r, l] log theta[r, k, l], normalised;
          the log-likelihood is sum_i logsumexp_k of the same over the labeled items;
  stop    when the log-likelihood changes by less than 1e-8, or after 500 rounds.
The start is given (the engine's seeded majority vote, one class per item; -1: no label): the
test compares the EM, not the tie-break's random draw.

Input: one case per line, "K R N start_1..start_N label_11..label_NR" (labels item-major,
-1 missing). Output: one line per case, "iterations converged loglik priors(K)
theta(R x K x K) posteriors(N x K)" with full precision.
"""
import sys

try:
    import numpy as np
except ImportError as e:
    sys.stderr.write(f"dawid_skene_reference.py: {e}; install python3-numpy\n")
    sys.exit(2)

SMOOTHING = 0.01
TOLERANCE = 1e-8
MAX_ITERATIONS = 500


def logsumexp(a, axis):
    top = a.max(axis=axis, keepdims=True)
    return (top + np.log(np.exp(a - top).sum(axis=axis, keepdims=True))).squeeze(axis)


def fit(K, R, start, labels):
    N = len(start)
    L = np.zeros((N, R, K))
    for i in range(N):
        for r in range(R):
            if labels[i, r] >= 0:
                L[i, r, labels[i, r]] = 1.0
    labeled = start >= 0
    T = np.zeros((N, K))
    T[labeled, start[labeled]] = 1.0
    previous = -np.inf
    converged = False
    for it in range(1, MAX_ITERATIONS + 1):
        Tl, Ll = T[labeled], L[labeled]
        prior = (Tl.sum(axis=0) + SMOOTHING) / (labeled.sum() + K * SMOOTHING)
        counts = np.einsum("ik,irl->rkl", Tl, Ll) + SMOOTHING
        theta = counts / counts.sum(axis=2, keepdims=True)
        logp = np.log(prior)[None, :] + np.einsum("irl,rkl->ik", L, np.log(theta))
        norm = logsumexp(logp, 1)
        T = np.exp(logp - norm[:, None])
        T[~labeled] = prior
        ll = norm[labeled].sum()
        if abs(ll - previous) < TOLERANCE:
            converged = True
            break
        previous = ll
    return it, converged, ll, prior, theta, T


for line in open(sys.argv[1]):
    f = line.split()
    if not f:
        continue
    K, R, N = int(f[0]), int(f[1]), int(f[2])
    start = np.array([int(x) for x in f[3:3 + N]])
    labels = np.array([int(x) for x in f[3 + N:3 + N + N * R]]).reshape(N, R)
    it, converged, ll, prior, theta, T = fit(K, R, start, labels)
    values = [it, int(converged), ll] + list(prior) + list(theta.ravel()) + list(T.ravel())
    print(" ".join(repr(float(v)) if isinstance(v, float) or hasattr(v, "dtype") else str(v) for v in values))
