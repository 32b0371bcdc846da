#!/usr/bin/env python3
"""Writes the corpus of the Mermaid benchmark (tests/bench/mermaid.sh).

    mermaid-corpus.py OUT_DIR

OUT_DIR gets 20 flowcharts (flow01.mmd .. flow20.mmd) and 20 sequence
diagrams (seq01.mmd .. seq20.mmd), their sizes spread evenly from 5 to 60
elements (a flowchart's elements are its nodes and edges; a sequence
diagram's its participants, messages and notes), all within the subset of
Mermaid that Folio draws (folio(5): Diagrams as code).  Each flowchart
also gets flowNN.dot: the same nodes, edges, labels and subgraphs for
Graphviz's `dot`, its shapes the nearest Graphviz has.  The labels speak of
integrating a CRM with the systems around it.

The choices come from a fixed linear congruential generator, not from
Python's random module, so the same command gives the same bytes on any
Python version.
"""
import os
import sys

COUNT = 20
SMALLEST, LARGEST = 5, 60

SYSTEMS = """Web form|CRM|Marketing automation|Billing|ERP|Data warehouse|
Identity provider|Support desk|E-mail service|Payment gateway|Order service|
Product catalogue|Lead scoring|Consent store|Integration hub|Event bus|
Webhook relay|Address check|Tax engine|Invoice archive|Reporting|
Partner portal|Call centre|Chat widget|Survey tool|Contract store|Dedup job|
Retry queue|Dead letter queue|Sync scheduler|Field mapping|Audit log|
Mobile app|Web shop|Newsletter|Enrichment API|Territory rules|Quote builder|
Price list|Subscriptions|Usage meter|Credit check|Fraud check|Fulfilment|
Warehouse|Shipping|Returns|Knowledge base|Case routing|SLA timer|
Customer 360|Master data|Backup|Admin console|Sales team|Finance team""".replace("\n", "").split("|")

QUESTIONS = """Known contact?|Consent given?|Paid in full?|Duplicate?|Credit OK?|
In territory?|Valid address?|VAT number?|Opted out?|Over limit?|Score above 50?|
Contract signed?""".replace("\n", "").split("|")

EDGE_LABELS = """new lead|contact|order|invoice|payment|nightly export|webhook|
yes|no|retry|sync|opt-in|status|refund|score|account|quote|case|
address|usage|credit note|event""".replace("\n", "").split("|")

MESSAGES = """Submit form|Create lead|Lead id|Check consent|Consent recorded|
Sync contact|Contact updated|Create invoice|Invoice number|Charge card|
Payment accepted|Payment declined|Retry later|Publish event|Ack|Score lead|
Score 72|Assign owner|Owner assigned|Open case|Case number|Send receipt|
Look up account|Account found|No match|Enrich company|Company data|
Post order|Order confirmed|Reserve stock|Stock reserved|Ship parcel|
Tracking code|Export changes|Rows written|Validate address|Address valid|
Notify sales|Schedule call|Log activity""".replace("\n", "").split("|")

NOTES = """Deduplicated by e-mail|Within 2 seconds|Idempotent by request id|
Kept for 30 days|Runs every 5 minutes|Signed with HMAC|Batched by 500|
Only for new customers|Double opt-in""".replace("\n", "").split("|")

# Conditions of blocks: loops, options, and the two branches of alt and par.
LOOPS = ["Every 5 minutes", "Until the queue is empty", "For each order line", "Up to 3 retries"]
OPTIONS = ["New customer", "Consent given", "Address invalid", "Large order"]
BRANCHES = {
    "alt": [("Payment accepted", "Payment declined"), ("Known contact", "New contact"),
            ("Consent given", "Contact opted out")],
    "par": [("Notify sales", "Notify finance"), ("Update CRM", "Update ERP"),
            ("Send receipt", "Log activity")],
}

# Mermaid's node shapes: how each is written, and its nearest Graphviz shape.
SHAPES = [
    # name, opening, closing, dot attributes
    ("rect", "[", "]", 'shape=box'),
    ("rounded", "(", ")", 'shape=box, style=rounded'),
    ("stadium", "([", "])", 'shape=box, style=rounded'),
    ("database", "[(", ")]", 'shape=cylinder'),
    ("circle", "((", "))", 'shape=circle'),
    ("decision", "{", "}", 'shape=diamond'),
    ("subroutine", "[[", "]]", 'shape=box, peripheries=2'),
]
SHAPE_WEIGHTS = [6, 4, 2, 3, 1, 2, 2]

# Edge strokes: Mermaid's arrow (with a head, without), Graphviz's attributes.
STROKES = [
    ("solid", "-->", ""),
    ("open", "---", "arrowhead=none"),
    ("dotted", "-.->", "style=dotted"),
    ("thick", "==>", "penwidth=3"),
]
STROKE_WEIGHTS = [6, 1, 2, 1]

DIRECTIONS = ["TD", "LR", "TB", "RL", "BT"]
RANKDIR = {"TD": "TB", "TB": "TB", "LR": "LR", "RL": "RL", "BT": "BT"}

# Sequence arrows: (Mermaid arrow, for a reply or a request)
ARROWS = ["->>", "-->>", "->", "-->", "-x", "--x", "-)", "--)"]


class Lcg:
    """Numerical Recipes' 32-bit generator: the same numbers everywhere."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFF

    def below(self, n):
        self.state = (self.state * 1664525 + 1013904223) & 0xFFFFFFFF
        return (self.state >> 8) % n

    def pick(self, items):
        return items[self.below(len(items))]

    def weighted(self, weights):
        r = self.below(sum(weights))
        for i, w in enumerate(weights):
            if r < w:
                return i
            r -= w
        return len(weights) - 1

    def chance(self, percent):
        return self.below(100) < percent

    def shuffled(self, items):
        items = list(items)
        for i in range(len(items) - 1, 0, -1):
            j = self.below(i + 1)
            items[i], items[j] = items[j], items[i]
        return items


def sizes():
    """COUNT sizes from SMALLEST to LARGEST, evenly spread."""
    return [SMALLEST + round(i * (LARGEST - SMALLEST) / (COUNT - 1)) for i in range(COUNT)]


def ident(label, taken, capital=False):
    """A Mermaid id from a label: 'Web form' -> 'webForm' ('WebForm' with
    capital), unique."""
    words = "".join(c if c.isalnum() else " " for c in label).split()
    first = words[0] if capital else words[0].lower()
    base = first + "".join(w[0].upper() + w[1:] for w in words[1:]) if words else "n"
    name, k = base, 2
    while name in taken:
        name, k = "%s%d" % (base, k), k + 1
    taken.add(name)
    return name


# ---- flowcharts --------------------------------------------------------------

def flowchart(rng, elements):
    """The graph: nodes, groups (a tree of subgraphs) and edges."""
    nnodes = max(3, round(elements * 0.45))
    nedges = elements - nnodes
    taken = set()
    systems = rng.shuffled(SYSTEMS)
    questions = rng.shuffled(QUESTIONS)
    nodes = []
    for i in range(nnodes):
        shape = rng.weighted(SHAPE_WEIGHTS)
        if shape == 5 and questions:
            label = questions.pop()
        else:
            shape = 0 if shape == 5 else shape
            label = systems.pop()
        nodes.append({"id": ident(label, taken), "label": label, "shape": shape, "group": None})

    # Subgraphs over runs of nodes: one from 8 nodes, a second from 14
    # nested in the first, a third beside them from 20.
    groups = []
    if nnodes >= 8:
        groups.append({"id": "backOffice", "title": "Back office", "parent": None, "nodes": range(nnodes // 3, nnodes // 3 + 4)})
    if nnodes >= 14:
        first = groups[0]["nodes"].start
        groups.append({"id": "finance", "title": "Finance systems", "parent": 0, "nodes": range(first + 1, first + 3)})
    if nnodes >= 20:
        groups.append({"id": "edge", "title": "Customer facing", "parent": None, "nodes": range(0, 3)})
    for gi, g in enumerate(groups):
        for n in g["nodes"]:
            nodes[n]["group"] = gi

    # Edges: every node after the first reached from a recent one, then
    # extra edges (some going back) until the count is met.
    edges, seen = [], set()

    def add(a, b):
        if a == b or (a, b) in seen:
            return False
        seen.add((a, b))
        stroke = rng.weighted(STROKE_WEIGHTS)
        label = rng.pick(EDGE_LABELS) if rng.chance(35) else None
        if nodes[a]["shape"] == 5:
            label = "yes" if not any(e["from"] == a for e in edges) else "no"
        edges.append({"from": a, "to": b, "stroke": stroke, "label": label})
        return True

    for i in range(1, nnodes):
        add(max(0, i - 1 - rng.below(3)), i)
    tries = 0
    while len(edges) < nedges and tries < 1000:
        tries += 1
        a, b = rng.below(nnodes), rng.below(nnodes)
        if b < a and not rng.chance(25):
            a, b = b, a
        add(a, b)
    return {"nodes": nodes, "edges": edges, "groups": groups}


def node_text(node):
    s = SHAPES[node["shape"]]
    return "%s%s%s%s" % (node["id"], s[1], node["label"], s[2])


def arrow_text(edge, dashes_label):
    """The arrow and its label: 'A -->|x| B' or 'A -- x --> B' (not for a
    label with a dash of its own, which would read as part of the arrow)."""
    arrow = STROKES[edge["stroke"]][1]
    if edge["label"] is None:
        return " %s " % arrow
    if dashes_label and arrow == "-->" and "-" not in edge["label"]:
        return " -- %s --> " % edge["label"]
    return " %s|%s| " % (arrow, edge["label"])


def flowchart_mermaid(rng, g, index):
    direction = DIRECTIONS[index % len(DIRECTIONS)]
    keyword = "graph" if index % 3 == 2 else "flowchart"
    out = ["%s %s" % (keyword, direction), "  %% generated by tests/bench/mermaid-corpus.py"]
    nodes, groups = g["nodes"], g["groups"]
    declared = set()

    def declare(gi, indent):
        grp = groups[gi]
        out.append("%ssubgraph %s [%s]" % (indent, grp["id"], grp["title"]))
        for ci, child in enumerate(groups):
            if child["parent"] == gi:
                declare(ci, indent + "  ")
        for n in grp["nodes"]:
            if nodes[n]["group"] == gi:
                out.append(indent + "  " + node_text(nodes[n]))
                declared.add(n)
        out.append(indent + "end")

    for gi, grp in enumerate(groups):
        if grp["parent"] is None:
            declare(gi, "  ")

    def ref(n):
        if n in declared:
            return nodes[n]["id"]
        declared.add(n)
        return node_text(nodes[n])

    # Runs of edges become one line each: a fan out (A --> B & C), a fan in
    # (A & B --> C), or a chain (A --> B --> C).
    edges = g["edges"]
    i = 0
    while i < len(edges):
        e = edges[i]
        plain = e["label"] is None
        j = i + 1
        if plain:
            while j < len(edges) and edges[j]["from"] == e["from"] and edges[j]["label"] is None \
                    and edges[j]["stroke"] == e["stroke"] and j - i < 3:
                j += 1
        if j > i + 1:
            targets = " & ".join(ref(edges[k]["to"]) for k in range(i, j))
            out.append("  %s%s%s" % (ref(e["from"]), arrow_text(e, False), targets))
            i = j
            continue
        j = i + 1
        if plain:
            while j < len(edges) and edges[j]["to"] == e["to"] and edges[j]["label"] is None \
                    and edges[j]["stroke"] == e["stroke"] and j - i < 3:
                j += 1
        if j > i + 1:
            sources = " & ".join(ref(edges[k]["from"]) for k in range(i, j))
            out.append("  %s%s%s" % (sources, arrow_text(e, False), ref(e["to"])))
            i = j
            continue
        line = "  " + ref(e["from"])
        j = i
        while True:
            line += arrow_text(edges[j], rng.chance(50)) + ref(edges[j]["to"])
            j += 1
            if j == len(edges) or edges[j]["from"] != edges[j - 1]["to"] or j - i >= 4:
                break
        out.append(line)
        i = j
    for n in range(len(nodes)):
        if n not in declared:
            out.append("  " + node_text(nodes[n]))
    return "\n".join(out) + "\n"


def dot_quote(s):
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def flowchart_dot(g, index):
    direction = DIRECTIONS[index % len(DIRECTIONS)]
    nodes, groups = g["nodes"], g["groups"]
    out = ["digraph flow%02d {" % (index + 1), "  rankdir=%s;" % RANKDIR[direction],
           '  node [fontname="Helvetica", fontsize=14];', '  edge [fontname="Helvetica", fontsize=12];']

    def node_line(n, indent):
        node = nodes[n]
        return "%s%s [label=%s, %s];" % (indent, dot_quote(node["id"]), dot_quote(node["label"]), SHAPES[node["shape"]][3])

    def cluster(gi, indent):
        grp = groups[gi]
        out.append("%ssubgraph cluster_%s {" % (indent, grp["id"]))
        out.append("%s  label=%s;" % (indent, dot_quote(grp["title"])))
        for ci, child in enumerate(groups):
            if child["parent"] == gi:
                cluster(ci, indent + "  ")
        for n in grp["nodes"]:
            if nodes[n]["group"] == gi:
                out.append(node_line(n, indent + "  "))
        out.append(indent + "}")

    for gi, grp in enumerate(groups):
        if grp["parent"] is None:
            cluster(gi, "  ")
    for n, node in enumerate(nodes):
        if node["group"] is None:
            out.append(node_line(n, "  "))
    for e in g["edges"]:
        attrs = [a for a in [STROKES[e["stroke"]][2]] if a]
        if e["label"] is not None:
            attrs.append("label=" + dot_quote(e["label"]))
        out.append("  %s -> %s%s;" % (dot_quote(nodes[e["from"]]["id"]), dot_quote(nodes[e["to"]]["id"]),
                                      " [%s]" % ", ".join(attrs) if attrs else ""))
    out.append("}")
    return "\n".join(out) + "\n"


# ---- sequence diagrams -------------------------------------------------------

def sequence(rng, elements, index):
    """Mermaid text of a sequence diagram with `elements` participants,
    messages and notes; blocks and activations come on top."""
    nparts = min(7, max(2, 2 + elements // 12))
    taken = set()
    names = rng.shuffled(SYSTEMS)
    out = ["sequenceDiagram"]
    if index % 2 == 0:
        out.append("  autonumber")
    out.append("  %% generated by tests/bench/mermaid-corpus.py")
    parts = []
    for i in range(nparts):
        if i == 0 and index % 3 != 1:
            label = rng.pick(["Customer", "Sales rep", "Support agent", "Admin"])
            keyword = "actor"
        else:
            label = names.pop()
            keyword = "participant"
        pid = ident(label, taken, capital=True)
        if pid == label:
            out.append("  %s %s" % (keyword, pid))
        else:
            out.append("  %s %s as %s" % (keyword, pid, label))
        parts.append(pid)

    budget = elements - nparts
    depth = [0]
    arrow_turn = [index]

    def two():
        a = rng.below(nparts)
        b = (a + 1 + rng.below(nparts - 1)) % nparts
        return parts[a], parts[b]

    def message(indent):
        a, b = two()
        arrow = ARROWS[arrow_turn[0] % len(ARROWS)]
        arrow_turn[0] += 1
        out.append("%s%s%s%s: %s" % (indent, a, arrow, b, rng.pick(MESSAGES)))
        return 1

    def call(indent):
        a, b = two()
        out.append("%s%s->>+%s: %s" % (indent, a, b, rng.pick(MESSAGES)))
        out.append("%s%s-->>-%s: %s" % (indent, b, a, rng.pick(MESSAGES)))
        return 2

    def explicit(indent):
        a, b = two()
        out.append("%s%s->>%s: %s" % (indent, a, b, rng.pick(MESSAGES)))
        out.append("%sactivate %s" % (indent, b))
        out.append("%s%s--)%s: %s" % (indent, b, a, rng.pick(MESSAGES)))
        out.append("%sdeactivate %s" % (indent, b))
        return 2

    def note(indent):
        kind = rng.below(4)
        a, b = two()
        if kind == 0:
            out.append("%sNote left of %s: %s" % (indent, a, rng.pick(NOTES)))
        elif kind == 1:
            out.append("%sNote right of %s: %s" % (indent, a, rng.pick(NOTES)))
        elif kind == 2:
            out.append("%sNote over %s: %s" % (indent, a, rng.pick(NOTES)))
        else:
            out.append("%sNote over %s,%s: %s" % (indent, a, b, rng.pick(NOTES)))
        return 1

    def block(indent, room):
        kind = rng.pick(["loop", "alt", "opt", "par", "rect"])
        used = 0
        branches = rng.pick(BRANCHES[kind]) if kind in BRANCHES else None
        if kind == "rect":
            out.append("%srect rgb(235, 244, 255)" % indent)
        elif branches:
            out.append("%s%s %s" % (indent, kind, branches[0]))
        else:
            out.append("%s%s %s" % (indent, kind, rng.pick(LOOPS if kind == "loop" else OPTIONS)))
        depth[0] += 1
        used += steps(indent + "  ", min(room, 1 + rng.below(3)))
        if kind in ("alt", "par") and room - used >= 1:
            out.append("%s%s %s" % (indent, "else" if kind == "alt" else "and", branches[1]))
            used += steps(indent + "  ", min(room - used, 1 + rng.below(2)))
        depth[0] -= 1
        out.append(indent + "end")
        return used

    def steps(indent, room):
        used = 0
        while used < room:
            left = room - used
            r = rng.below(10)
            if r < 3 or left == 1:
                used += message(indent) if r < 2 or left == 1 else note(indent)
            elif r < 5:
                used += call(indent)
            elif r < 6:
                used += explicit(indent)
            elif r < 7:
                used += note(indent)
            elif depth[0] < 2:
                used += block(indent, left)
            else:
                used += message(indent)
        return used

    steps("  ", budget)
    return "\n".join(out) + "\n"


def main():
    if len(sys.argv) != 2:
        sys.exit("usage: mermaid-corpus.py OUT_DIR")
    out = sys.argv[1]
    os.makedirs(out, exist_ok=True)
    for i, n in enumerate(sizes()):
        rng = Lcg(1000 + i)
        g = flowchart(rng, n)
        with open(os.path.join(out, "flow%02d.mmd" % (i + 1)), "w", encoding="utf-8") as f:
            f.write(flowchart_mermaid(rng, g, i))
        with open(os.path.join(out, "flow%02d.dot" % (i + 1)), "w", encoding="utf-8") as f:
            f.write(flowchart_dot(g, i))
        rng = Lcg(2000 + i)
        with open(os.path.join(out, "seq%02d.mmd" % (i + 1)), "w", encoding="utf-8") as f:
            f.write(sequence(rng, n, i))


if __name__ == "__main__":
    main()
