#!/usr/bin/python3
"""The native SpineGrade networks rebuilt in PyTorch (Python), for bench_proposals.

Loads the weights that `spinegrade-cli train` wrote (LibTorch archives, which
torch.jit.load reads), runs both networks on the inputs the C++ benchmark prepared, writes
their outputs so the benchmark can check both agree, and prints the timings as JSON.
Mirror of core/ml/torch/Networks.h: change both together.

usage: proposal_reference.py MODEL_DIR LOC_INPUT N_LOC CLS_INPUT N_CLS OUT_PREFIX RUNS THREADS
"""
import json
import sys
import time

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


def soft_argmax(heat, stride, centre):
    n, _, h, w = heat.shape
    p = torch.softmax(heat.reshape(n, h * w), 1).reshape(n, h, w)
    xs = torch.arange(w, dtype=heat.dtype) * stride + centre
    ys = torch.arange(h, dtype=heat.dtype) * stride + centre
    return torch.stack([(p.sum(1) * xs).sum(1), (p.sum(2) * ys).sum(1)], 1)


class Localizer(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 8, 3, padding=1)
        self.c2 = nn.Conv2d(8, 16, 3, padding=1)
        self.c3 = nn.Conv2d(16, 24, 3, padding=1)
        self.c4 = nn.Conv2d(24, 24, 3, padding=2, dilation=2)
        self.c5 = nn.Conv2d(24, 24, 3, padding=4, dilation=4)
        self.heat = nn.Conv2d(24, 1, 1)
        self.presence = nn.Linear(48, 1)
        for i, width in enumerate([8, 16, 24, 24, 24]):
            setattr(self, "b%d" % (i + 1), nn.BatchNorm2d(width))

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.b1(self.c1(x))), 2)
        x = F.max_pool2d(F.relu(self.b2(self.c2(x))), 2)
        x = F.relu(self.b3(self.c3(x)))
        x = F.relu(self.b4(self.c4(x)))
        x = F.relu(self.b5(self.c5(x)))
        h = self.heat(x)
        pooled = torch.cat([x.amax((2, 3)), x.mean((2, 3))], 1)
        return torch.cat([self.presence(pooled), soft_argmax(h, 4, 1.5)], 1)


class Classifier(nn.Module):
    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 8, 3, padding=1)
        self.c2 = nn.Conv2d(8, 16, 3, padding=1)
        self.c3 = nn.Conv2d(16, 32, 3, padding=1)
        self.heat = nn.Conv2d(32, 1, 1)
        self.c4 = nn.Conv2d(32, 48, 3, padding=1)
        self.c5 = nn.Conv2d(48, 48, 3, padding=1)
        self.fc1 = nn.Linear(96, 64)
        self.fc2 = nn.Linear(64, 7)
        for i, width in enumerate([8, 16, 32, 48, 48]):
            setattr(self, "b%d" % (i + 1), nn.BatchNorm2d(width))

    def forward(self, x):
        centre = 0.5 * (x.shape[3] - 1)
        x = F.max_pool2d(F.relu(self.b1(self.c1(x))), 2)
        x = F.max_pool2d(F.relu(self.b2(self.c2(x))), 2)
        x = F.relu(self.b3(self.c3(x)))
        offset = soft_argmax(self.heat(x), 4, 1.5) - centre
        x = F.max_pool2d(F.relu(self.b4(self.c4(x))), 2)
        x = F.relu(self.b5(self.c5(x)))
        pooled = torch.cat([x.amax((2, 3)), x.mean((2, 3))], 1)
        return torch.cat([offset, self.fc2(F.relu(self.fc1(pooled)))], 1)


def load(net, path):
    archive = torch.jit.load(path)
    state = {name: p for name, p in archive.named_parameters()}
    state.update({name: b for name, b in archive.named_buffers()})
    net.load_state_dict(state, strict=True)
    return net.eval()


def timed(net, x, runs):
    times = []
    with torch.inference_mode():
        out = net(x)  # warm-up
        for _ in range(runs):
            t = time.perf_counter()
            out = net(x)
            times.append(time.perf_counter() - t)
    return out, sorted(times)[len(times) // 2]


def main():
    model, loc_in, n_loc, cls_in, n_cls, out_prefix, runs, threads = sys.argv[1:9]
    torch.set_num_threads(int(threads))
    n_loc, n_cls, runs = int(n_loc), int(n_cls), int(runs)
    loc = load(Localizer(), model + "/localizer.pt")
    cls = load(Classifier(), model + "/classifier.pt")
    xl = torch.from_numpy(np.fromfile(loc_in, dtype=np.float32)).reshape(n_loc, 1, -1)
    xl = xl.reshape(n_loc, 1, int(round(xl.shape[2] ** 0.5)), -1)
    xc = torch.from_numpy(np.fromfile(cls_in, dtype=np.float32)).reshape(n_cls, 1, -1)
    xc = xc.reshape(n_cls, 1, int(round(xc.shape[2] ** 0.5)), -1)
    yl, tl = timed(loc, xl, runs)
    yc, tc = timed(cls, xc, runs)
    yl.numpy().astype(np.float32).tofile(out_prefix + "_localizer.f32")
    yc.numpy().astype(np.float32).tofile(out_prefix + "_classifier.f32")
    print("PyTorch (Python %s), batch of %d: localizer %.3f ms/slice, classifier %.3f ms/slice (median of %d)"
          % (torch.__version__, n_loc, 1000 * tl / n_loc, 1000 * tc / n_cls, runs))
    print(json.dumps({"localizer_seconds": tl, "classifier_seconds": tc, "torch": torch.__version__,
                      "threads": torch.get_num_threads()}))


if __name__ == "__main__":
    main()
