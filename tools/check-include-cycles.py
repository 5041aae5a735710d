#!/usr/bin/env python3
"""Fails (exit 1) when feature folders include each other in a circle.

A feature folder is a folder directly under a layer (ui/main, ui/labeling, core/dicom, ...).
Folder A depends on folder B when a file in A has `#include "B/..."`. A cycle means neither
folder can be understood, tested or split out without the other, so the build refuses it.
Each cycle is printed with one include line per edge, so the way out is plain.

Usage: check-include-cycles.py <source root> [layer ...]   (layers default: core ui app)
"""
import os
import re
import sys

INCLUDE = re.compile(r'^\s*#\s*include\s*"([^"]+)"')
SOURCE_EXTENSIONS = ('.h', '.hpp', '.cpp', '.cc')


def feature_of(path, layers):
    """'ui/main/X.h' -> 'ui/main'; None for files outside a layer's feature folders."""
    parts = path.split('/')
    if len(parts) >= 3 and parts[0] in layers:
        return parts[0] + '/' + parts[1]
    return None


def collect_edges(root, layers):
    """{folder: {other folder: 'file:line: #include ...' (first such include)}}"""
    edges = {}
    for layer in layers:
        for dirpath, _, files in os.walk(os.path.join(root, layer)):
            for name in sorted(files):
                if not name.endswith(SOURCE_EXTENSIONS):
                    continue
                full = os.path.join(dirpath, name)
                rel = os.path.relpath(full, root).replace(os.sep, '/')
                source = feature_of(rel, layers)
                if source is None:
                    continue
                with open(full, encoding='utf-8', errors='replace') as f:
                    for number, line in enumerate(f, 1):
                        m = INCLUDE.match(line)
                        if not m:
                            continue
                        target = feature_of(m.group(1), layers)
                        if target is None or target == source:
                            continue
                        edges.setdefault(source, {}).setdefault(
                            target, '%s:%d: %s' % (rel, number, line.strip()))
    return edges


def strongly_connected(edges):
    """Tarjan's algorithm: the components with more than one folder are the cycles."""
    index, low, on_stack, stack, result = {}, {}, set(), [], []
    counter = [0]

    def visit(v):
        index[v] = low[v] = counter[0]
        counter[0] += 1
        stack.append(v)
        on_stack.add(v)
        for w in sorted(edges.get(v, {})):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                result.append(sorted(component))

    nodes = set(edges) | {t for targets in edges.values() for t in targets}
    for v in sorted(nodes):
        if v not in index:
            visit(v)
    return result


def main(argv):
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    root = argv[1]
    layers = argv[2:] or ['core', 'ui', 'app']
    edges = collect_edges(root, layers)
    cycles = strongly_connected(edges)
    if not cycles:
        print('check-include-cycles: no include cycle between feature folders')
        return 0
    for component in cycles:
        members = set(component)
        print('error: feature folders include each other in a circle: ' + ', '.join(component),
              file=sys.stderr)
        for source in component:
            for target, where in sorted(edges.get(source, {}).items()):
                if target in members:
                    print('  %s -> %s   (%s)' % (source, target, where), file=sys.stderr)
    print('Move what both need into a folder that neither includes back (ui/common, core/util, ...).',
          file=sys.stderr)
    return 1


if __name__ == '__main__':
    sys.exit(main(sys.argv))
