#!/usr/bin/env python3
"""Every diagnostic says what to do.

Folio reports a problem as one line, "file:line:col: error: what is wrong;
what to do".  This check reads every diag_error() and diag_warn() call in
generator/ and fails for each whose format string has no "; " before an
action: the part after it says what to write, remove, add or run.  A
format chosen by a conditional (a ? "x" : "y") is checked in each branch.

A few calls pass a message made elsewhere ("%s"): those are listed in
ALLOWED below, each with where its texts are made (and checked by hand).

Prints "ok - ..." or "not ok - ..." with file:line of each offending call,
then "N passed, M failed".
"""
import os
import re
import sys

# Functions that pass their format on to diag_error(): (file, name) -> the
# index of the format among their arguments.  Their calls are checked too.
WRAPPERS = {
    ("generator/web/tpl_render.c", "fail"): 3,
    ("generator/pdf/pdf.c", "record"): 1,
    ("generator/content/mermaid.c", "fail"): 2,
    ("generator/content/mermaid.c", "fail_at"): 2,
    ("generator/content/mermaid.c", "advise"): 2,
}

# (file, the format as written) -> why it may have no "; " of its own.
ALLOWED = {
    ("generator/web/tpl_render.c", "%s"):
        "tpl_render.c's fail() reports its message so; unknown_field() builds one with its action",
    ("generator/pdf/pdf.c", "%s"):
        "pdf.c's p->problem: set by record() (checked as a wrapper) and fail(), which adds the action",
    ("generator/base/font.c", "%s"):
        "font.c's report(): `what` is one of the texts in font.c's callers, each with its action",
    ("generator/base/font.c", "the %s font '%s' %s"):
        "font.c's report(): `what` ends with its action",
    ("generator/content/sitefonts.c", "the %s font '%s' %s"):
        "sitefonts.c: `wrong` is one of the texts of font_check_file(), each with its action",
    ("generator/output/output.c", "%s %s: %s%s"):
        "output.c's fail(): remedy() gives the action for every errno",
    ("generator/web/icons.c", "cannot draw the favicons from %s: %s"):
        "icons.c: when librsvg cannot be loaded, `why` ends with '; install the Debian package ...'",
    ("generator/content/mermaid.c", "%s"):
        "mermaid.c's fail(), fail_at() and advise() pass their message on; their calls are checked as wrappers",
    ("generator/content/strings.c", "string '%s' %s"):
        "phrase_error_text() (base/phrase.c): each text ends with its action",
}

CALL = re.compile(r"\bdiag_(error|warn)\s*\(")


def strip_comments(text):
    """Blanks out comments, keeping line numbers and string literals."""
    out = []
    i, n = 0, len(text)
    while i < n:
        c = text[i]
        if c == '"' or c == "'":
            j = i + 1
            while j < n and text[j] != c:
                j += 2 if text[j] == "\\" else 1
            out.append(text[i:j + 1])
            i = j + 1
        elif text.startswith("/*", i):
            j = text.find("*/", i + 2)
            j = n if j < 0 else j + 2
            out.append("".join(ch if ch == "\n" else " " for ch in text[i:j]))
            i = j
        elif text.startswith("//", i):
            j = text.find("\n", i)
            j = n if j < 0 else j
            out.append(" " * (j - i))
            i = j
        else:
            out.append(c)
            i += 1
    return "".join(out)


def literal_end(text, i):
    """Just past the C string or character literal that starts at text[i]."""
    j = i + 1
    while j < len(text) and text[j] != text[i]:
        j += 2 if text[j] == "\\" else 1
    return j + 1


def call_arguments(text, start):
    """The arguments of the call whose '(' is at start, split at top-level commas."""
    depth, i, args, cur = 0, start, [], []
    while i < len(text):
        c = text[i]
        if c == '"' or c == "'":
            j = literal_end(text, i)
            cur.append(text[i:j])
            i = j
            continue
        if c in "([{":
            depth += 1
            if depth == 1:
                i += 1
                continue
        elif c in ")]}":
            depth -= 1
            if depth == 0:
                args.append("".join(cur))
                return args
        elif c == "," and depth == 1:
            args.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    return args


LITERAL = re.compile(r'"((?:[^"\\]|\\.)*)"')


def formats(arg):
    """The format strings an argument can be: one per branch of a ?:,
    adjacent literals joined (a macro between them is left out)."""
    branches, cur, depth, i = [], [], 0, 0
    while i < len(arg):
        c = arg[i]
        if c == '"' or c == "'":
            j = literal_end(arg, i)
            cur.append(arg[i:j])
            i = j
            continue
        if c in "([{":
            depth += 1
        elif c in ")]}":
            depth -= 1
        elif c in "?:" and depth == 0:
            branches.append("".join(cur))
            cur = []
            i += 1
            continue
        cur.append(c)
        i += 1
    branches.append("".join(cur))
    found = []
    for b in branches:
        parts = LITERAL.findall(b)
        if parts:
            found.append("".join(parts))
    return found


def check_file(root, rel, problems):
    with open(os.path.join(root, rel), encoding="utf-8") as f:
        text = strip_comments(f.read())
    calls = [(m, "diag_" + m.group(1), 2) for m in CALL.finditer(text)]
    for (file, name), index in WRAPPERS.items():
        if file == rel:
            calls += [(m, name, index) for m in re.finditer(r"(?<![\w.>])" + name + r"\s*\(", text)]
    for m, callee, index in calls:
        line = text.count("\n", 0, m.start()) + 1
        if re.match(r"\s*(static\s+)?(void|bool)\s+$", text[text.rfind("\n", 0, m.start()) + 1:m.start()]):
            continue        # the wrapper's own definition
        args = call_arguments(text, m.end() - 1)
        if len(args) <= index:
            continue
        fmts = formats(args[index])
        if not fmts:
            problems.append("%s:%d: %s with a format that is no string literal: %s"
                            % (rel, line, callee, args[index].strip()))
            continue
        for fmt in fmts:
            if "; " in fmt:
                continue
            if (rel, fmt) in ALLOWED:
                continue
            problems.append("%s:%d: %s(\"%s\") says what is wrong but not what to do: "
                            "add '; ' and the action (write ..., remove ..., add ...)"
                            % (rel, line, callee, fmt))


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), "..")
    problems = []
    files = []
    for dirpath, _, names in os.walk(os.path.join(root, "generator")):
        for name in names:
            if name.endswith((".c", ".cc")):
                files.append(os.path.relpath(os.path.join(dirpath, name), root))
    for rel in sorted(files):
        if rel == os.path.join("generator", "base", "diag.c"):
            continue        # defines them
        check_file(root, rel, problems)
    name = "lint: every diag_error/diag_warn message in generator/ ends with what to do"
    if problems:
        problems.sort(key=lambda p: (p.split(":")[0], int(p.split(":")[1])))
        print("not ok - " + name)
        for p in problems:
            print("    " + p)
        print("0 passed, 1 failed")
        return 1
    print("ok - " + name)
    print("1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main())
