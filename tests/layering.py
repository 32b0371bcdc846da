#!/usr/bin/env python3
"""Checks the stage layering of generator/ (doc/architecture.md).

    tests/layering.py [CHECKOUT]

Every `#include "DIR/NAME.h"` of a file in generator/DIR0/ must name a
folder at or below DIR0 in the order
base < content < diagram < pdf < output < web < build < serve < scaffold < main.c,
and the renderers (diagram/, pdf/, web/, output/) may take from content/
only the model and what reads it, never the loader.  Prints one line per
include that breaks a rule, then "N passed, M failed" (one test per rule).
"""
import os
import re
import sys

ORDER = ["base", "content", "diagram", "pdf", "output", "web", "build", "serve", "scaffold", ""]
RENDERERS = {"diagram", "pdf", "web", "output"}
MODEL_SIDE = {"model.h", "schema.h", "markdown.h", "estimate.h", "glyphs.h", "body.h", "brand.h", "images.h", "mermaid.h"}
INCLUDE = re.compile(r'^\s*#\s*include\s+"([^"]+)"', re.M)


def includes(root):
    gen = os.path.join(root, "generator")
    for folder, _, files in sorted(os.walk(gen)):
        stage = os.path.relpath(folder, gen)
        stage = "" if stage == "." else stage
        for name in sorted(files):
            if name.endswith((".c", ".h")):
                path = os.path.join(folder, name)
                with open(path, encoding="utf-8") as f:
                    for target in INCLUDE.findall(f.read()):
                        yield os.path.relpath(path, root), stage, target


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    up, loader, unnamed = [], [], []
    for path, stage, target in includes(root):
        if "/" not in target:
            unnamed.append(f"{path}: #include \"{target}\" does not name its folder")
            continue
        folder, header = target.split("/", 1)
        if folder not in ORDER or stage not in ORDER:
            unnamed.append(f"{path}: #include \"{target}\" names no stage folder")
        elif ORDER.index(folder) > ORDER.index(stage):
            up.append(f"{path}: #include \"{target}\" goes up from {stage or 'main.c'}/ to {folder}/")
        if stage in RENDERERS and folder == "content" and header not in MODEL_SIDE:
            loader.append(f"{path}: #include \"{target}\": a renderer takes only the model from content/")
    failed = 0
    for name, found in (("every include names a stage folder", unnamed),
                        ("no include goes up the stages", up),
                        ("renderers take only the model from content/", loader)):
        print(("not ok - " if found else "ok - ") + "layering: " + name)
        for line in found:
            print("    " + line)
        failed += bool(found)
    print(f"{3 - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
