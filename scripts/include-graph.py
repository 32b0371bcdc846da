#!/usr/bin/env python3
"""Draw the include graph of a Folio checkout from its #include lines.

    scripts/include-graph.py [--by module|folder] [--all] [-o FILE] [--title TEXT] [CHECKOUT]

Reads every .c and .h file under CHECKOUT/generator (default: the checkout
this script is in) and follows each `#include "..."` to the file it names,
looked for first beside the including file, then under generator/ (the
compiler's -Igenerator).  System headers (<...>) are left out.

--by module (the default) draws one box per module: a .c file and the .h
of the same name are one module, and a module including its own header is
no edge.  Modules are grouped by folder.  So that the picture stays
readable, an arrow that a chain of other arrows already implies (render
includes buf.h, but also template.h, which includes buf.h) is not drawn;
--all draws every one.  --by folder draws one box per
folder, each arrow labelled with the number of include lines behind it.

An arrow goes from the file that includes to the file it includes, so the
program's top (main.c) is at the top of the picture and base/ at the
bottom.  The layering, bottom to top, is base < content < diagram < pdf <
output < web < build < serve < scaffold < main (main.c, directly in
generator/); an include that goes up, from a folder to one above it, is drawn red and
counted in the title.  Folders not in that list are not checked.

-o FILE.svg or FILE.png renders with Graphviz `dot` (Debian: graphviz);
-o FILE.dot, or no -o, writes the DOT text itself.
"""
import argparse
import os
import re
import shutil
import subprocess
import sys

LAYERS = ["base", "content", "diagram", "pdf", "output", "web", "build", "serve", "scaffold", "main"]
ROOT_FOLDER = "main"  # what the files directly in generator/ are
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)
# One fill a folder, light enough for black text.
FILLS = ["#e8eef7", "#e6f2e6", "#fbeee0", "#f3e6f2", "#e6f0f2", "#f7f3dc", "#efe6f7", "#f2e6e6", "#eeeeee"]


def source_files(gen):
    """Paths of the .c and .h files under gen, relative to it, sorted."""
    found = []
    for folder, dirs, files in os.walk(gen):
        dirs.sort()
        for name in files:
            if name.endswith((".c", ".h")):
                found.append(os.path.relpath(os.path.join(folder, name), gen))
    return sorted(found)


def resolve(gen, includer, name, known):
    """The file an include names, relative to gen, or None if not ours."""
    for candidate in (os.path.join(os.path.dirname(includer), name), name):
        candidate = os.path.normpath(candidate)
        if candidate in known:
            return candidate
    return None


def folder_of(path):
    folder = os.path.dirname(path)
    return folder if folder else ROOT_FOLDER


def module_of(path):
    return os.path.splitext(path)[0]


def layer_index(folder):
    return LAYERS.index(folder) if folder in LAYERS else None


def goes_up(src_folder, dst_folder):
    """True when an include from src_folder to dst_folder breaks the layering."""
    a, b = layer_index(src_folder), layer_index(dst_folder)
    return a is not None and b is not None and b > a


def read_includes(gen):
    """Every (includer, included) pair of files of ours, one per include line."""
    files = source_files(gen)
    known = set(files)
    pairs = []
    for path in files:
        with open(os.path.join(gen, path), encoding="utf-8", errors="replace") as f:
            text = f.read()
        for name in INCLUDE.findall(text):
            target = resolve(gen, path, name, known)
            if target is not None:
                pairs.append((path, target))
    return files, pairs


def quote(text):
    """text as a DOT string; a line break becomes DOT's \\n."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def header(title):
    """The DOT text's opening lines, with the graph's look."""
    return [
        "digraph includes {",
        "  graph [rankdir=TB, ranksep=0.7, nodesep=0.25, newrank=true, labelloc=t, fontsize=20,",
        '         fontname="Helvetica,Arial,sans-serif", label=%s];' % quote(title),
        '  node [shape=box, style="rounded,filled", fillcolor=white, fontsize=13,',
        '        fontname="Helvetica,Arial,sans-serif", height=0.3];',
        '  edge [color="#00000055", arrowsize=0.6];',
    ]


def reachable(edges, start, goal):
    """True when goal can be reached from start along edges (a set of pairs)."""
    seen, todo = {start}, [start]
    while todo:
        node = todo.pop()
        for a, b in edges:
            if a == node and b not in seen:
                if b == goal:
                    return True
                seen.add(b)
                todo.append(b)
    return False


def reduce(edges):
    """The edges left when every edge implied by a chain of others is taken
    out, one at a time, so what can reach what never changes (also with
    cycles).  Edges marked True (going up) always stay."""
    kept = set(edges)
    for edge in sorted(edges):
        if edges[edge]:
            continue
        kept.discard(edge)
        if not reachable(kept, *edge):
            kept.add(edge)
    return {e: edges[e] for e in kept}


def by_module(files, pairs, draw_all):
    """DOT lines of one box a module, grouped by folder; and the counts."""
    modules = sorted({module_of(p) for p in files})
    folders = sorted({folder_of(p) for p in files}, key=lambda f: (layer_index(f) is None, layer_index(f) or 0, f))
    edges = {}
    for src, dst in pairs:
        a, b = module_of(src), module_of(dst)
        if a != b:
            edges[(a, b)] = goes_up(folder_of(src), folder_of(dst))
    up = sum(1 for bad in edges.values() if bad)
    drawn = edges if draw_all else reduce(edges)
    lines = []
    clustered = len(folders) > 1
    for i, folder in enumerate(folders):
        members = [m for m in modules if folder_of(m) == folder]
        fill = FILLS[i % len(FILLS)]
        indent = "  "
        if clustered:
            label = "generator/ (main.c)" if folder == ROOT_FOLDER else folder + "/"
            lines.append("  subgraph %s {" % quote("cluster_" + folder))
            lines.append('    graph [label=%s, style="rounded,filled", fillcolor=%s, color="#888888", fontsize=16];'
                         % (quote(label), quote(fill)))
            indent = "    "
        for m in members:
            lines.append("%s%s [label=%s];" % (indent, quote(m), quote(os.path.basename(m))))
        if clustered:
            lines.append("  }")
    for (a, b), bad in sorted(drawn.items()):
        style = ' [color="#d00000", penwidth=2.2]' if bad else ""
        lines.append("  %s -> %s%s;" % (quote(a), quote(b), style))
    return lines, len(modules), len(edges), len(drawn), up


def by_folder(files, pairs, draw_all):
    """DOT lines of one box a folder; and the counts."""
    folders = sorted({folder_of(p) for p in files})
    counts = {}
    for src, dst in pairs:
        a, b = folder_of(src), folder_of(dst)
        if a != b:
            counts[(a, b)] = counts.get((a, b), 0) + 1
    up = sum(1 for (a, b) in counts if goes_up(a, b))
    lines = []
    for i, folder in enumerate(folders):
        n = sum(1 for p in files if folder_of(p) == folder)
        label = "generator/\\n(main.c)" if folder == ROOT_FOLDER else "%s/\\n%d files" % (folder, n)
        lines.append("  %s [label=\"%s\", fillcolor=%s];" % (quote(folder), label, quote(FILLS[i % len(FILLS)])))
    for (a, b), n in sorted(counts.items()):
        colour = ', color="#d00000", fontcolor="#d00000", penwidth=2.2' if goes_up(a, b) else ""
        lines.append('  %s -> %s [label=" %d"%s];' % (quote(a), quote(b), n, colour))
    return lines, len(folders), len(counts), len(counts), up


def describe(checkout):
    """A few words naming the checkout: its commit when it is a git one."""
    try:
        rev = subprocess.run(["git", "-C", checkout, "log", "-1", "--format=%h"],
                             capture_output=True, text=True, check=True).stdout.strip()
        return "commit " + rev
    except (OSError, subprocess.CalledProcessError):
        return os.path.basename(os.path.abspath(checkout))


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    parts = __doc__.split("\n\n")
    ap = argparse.ArgumentParser(description=parts[0], epilog="\n\n".join(parts[2:]),
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("checkout", nargs="?", default=os.path.dirname(here),
                    help="the checkout to read (default: this one)")
    ap.add_argument("--by", choices=["module", "folder"], default="module",
                    help="one box a module (default) or a folder")
    ap.add_argument("--all", action="store_true", help="with --by module: draw every arrow")
    ap.add_argument("-o", "--out", help="FILE.svg, FILE.png or FILE.dot (default: DOT on standard output)")
    ap.add_argument("--title", help="the picture's title (default: says what was read)")
    args = ap.parse_args()

    gen = os.path.join(args.checkout, "generator")
    if not os.path.isdir(gen):
        sys.exit("include-graph: %s has no generator/ folder" % args.checkout)
    files, pairs = read_includes(gen)
    draw = by_module if args.by == "module" else by_folder
    body, nodes, edges, drawn, up = draw(files, pairs, args.all)
    title = args.title or "Folio includes, %s: %d %ss, %d arrows" % (describe(args.checkout), nodes, args.by, edges)
    if len({folder_of(p) for p in files}) > 1 and not args.title:
        title += ", %d going up (red)" % up
    if drawn < edges and not args.title:
        title += "\n%d arrows drawn: one that a chain of others implies is left out" % drawn
    dot_text = "\n".join(header(title) + body + ["}"]) + "\n"

    if not args.out or args.out.endswith(".dot"):
        if args.out:
            with open(args.out, "w", encoding="utf-8") as f:
                f.write(dot_text)
        else:
            sys.stdout.write(dot_text)
        return
    fmt = os.path.splitext(args.out)[1].lstrip(".")
    if fmt not in ("svg", "png"):
        sys.exit("include-graph: -o wants a .svg, .png or .dot file, not %s" % args.out)
    if shutil.which("dot") is None:
        sys.exit("include-graph: Graphviz's dot is missing (Debian: apt-get install graphviz)")
    subprocess.run(["dot", "-T" + fmt, "-o", args.out], input=dot_text, text=True, check=True)


if __name__ == "__main__":
    main()
