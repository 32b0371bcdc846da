#!/usr/bin/env python3
"""Writes a synthetic site for the page benchmark, twice: in Folio's format
and as the same pages for Hugo.

    gen-site.py RESOURCES OUT_DIR

OUT_DIR/folio gets content/ (RESOURCES resources, each with PATTERNS
patterns and FAQ questions; every pattern body is about 600 words of
Markdown: headings, paragraphs, lists, emphasis, code spans and site
links) and the project's static/ (the publisher's marks); the templates,
styles, scripts and fonts are the built-in theme's.  OUT_DIR/hugo gets
the same pages as Hugo content with the minimal layout of
tests/bench/hugo/.  Folio builds 2 + RESOURCES * (1 + PATTERNS) pages.

The text comes from a fixed linear congruential generator, not from
Python's random module, so the same arguments give the same bytes on any
Python version.
"""
import os
import shutil
import sys

PATTERNS = 9
QUESTIONS = 3
ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

WORDS = """account address agent alert amount approval archive audit backlog balance
batch billing boundary branch broker budget buffer cache campaign catalogue
change channel checkout claim client column commit connector consent contact
contract credit currency customer dashboard data deadline delivery deployment
discount document domain draft duplicate endpoint entity error estimate event
export feed field filter finance forecast format gateway handler header history
identifier import incident index inventory invoice item journal key label lead
ledger license limit line listing log mapping margin master message metric
migration model monitor order outage owner partner payload payment pipeline
platform policy portal price priority process product profile queue quota quote
record refund region release report request retry revenue review role route
rule sample schedule schema segment service session settlement shipment source
stage status stock subscription supplier support table target task team tenant
ticket token topic transfer trigger update upload user value vendor version
warehouse webhook window workflow""".split()

VERBS = """reads writes sends checks keeps moves merges matches copies updates
records rejects repeats splits joins tracks holds marks maps sorts""".split()

HEADINGS = ["How the data flows", "When to choose it", "What to watch for",
            "Ownership and records", "Testing the integration", "Running it in production"]


class Lcg:
    """A 64-bit linear congruential generator (Knuth's MMIX constants)."""

    def __init__(self, seed):
        self.state = seed & 0xFFFFFFFFFFFFFFFF

    def next(self, n):
        self.state = (self.state * 6364136223846793005 + 1442695040888963407) & 0xFFFFFFFFFFFFFFFF
        return (self.state >> 33) % n

    def pick(self, items):
        return items[self.next(len(items))]


def sentence(rng, links):
    n = 8 + rng.next(12)
    words = [rng.pick(WORDS) for _ in range(n)]
    words[2] = rng.pick(VERBS)
    words[0] = words[0].capitalize()
    style = rng.next(10)
    if style == 0:
        words[5] = "*" + words[5] + "*"
    elif style == 1:
        words[6] = "**" + words[6] + "**"
    elif style == 2:
        words[4] = "`" + words[4] + "_id`"
    elif style == 3 and links:
        words[7] = "[" + words[7] + "](" + rng.pick(links) + ")"
    return " ".join(words) + "."


def paragraph(rng, links, sentences):
    return " ".join(sentence(rng, links) for _ in range(sentences))


def body(rng, links, words_wanted):
    """Markdown of about words_wanted words under ## headings."""
    out, count = [], 0
    headings = list(HEADINGS)
    while count < words_wanted:
        if headings and (not out or rng.next(3) == 0):
            out.append("## " + headings.pop(0))
        if rng.next(4) == 0:
            items = ["- " + sentence(rng, links) for _ in range(3 + rng.next(3))]
            out.append("\n".join(items))
        else:
            out.append(paragraph(rng, links, 3 + rng.next(3)))
        count = sum(len(block.split()) for block in out)
    return "\n\n".join(out) + "\n"


def line(rng, words):
    text = " ".join(rng.pick(WORDS) for _ in range(words))
    return text[0].upper() + text[1:]


def summary(rng):
    """A line of 60 to 150 characters, as a meta description wants."""
    text = line(rng, 10)
    while len(text) < 60:
        text += " " + rng.pick(WORDS)
    return text[:150].rstrip() + "."


def write(path, text):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8") as f:
        f.write(text)


def pattern_front(rng, title, weight):
    systems = ["crm", "hub", "erp", "shop"][: 2 + rng.next(3)]
    lines = ["title: " + title, "summary: " + summary(rng), "weight: %d" % weight,
             "best_for: " + line(rng, 8) + ".", "decision: " + line(rng, 12) + ".",
             "complexity: %d" % (1 + rng.next(5)), "effort:",
             "  min: %d" % (2 + rng.next(4)), "  max: %d" % (8 + rng.next(8)), "systems:"]
    for s in systems:
        lines += ["  - id: " + s, "    name: " + s.upper() + " " + rng.pick(WORDS),
                  "    role: " + line(rng, 9) + ".", "    examples:",
                  "      - " + line(rng, 2), "      - " + line(rng, 2)]
    lines.append("flows:")
    for i in range(len(systems) - 1):
        a, b = systems[i], systems[i + 1]
        if rng.next(2):
            a, b = b, a
        lines += ["  - from: " + a, "    to: " + b, "    data: " + line(rng, 5),
                  "    how: " + rng.pick(["realtime", "event", "batch", "warehouse"]),
                  "    owner: " + a]
    return "\n".join(lines) + "\n"


RESOURCE = """title: {title}
kicker: Synthetic resource
summary: {summary}
description: {description}
weight: {weight}
updated: 2026-01-15
audiences:
  - name: Architects
    use: {line1}.
why:
  title: Why it matters
  intro: {line2}.
cards:
  title: What it helps with
  items:
    - title: Planning
      text: {line3}.
steps:
  title: How to use it
  items:
    - title: Read the patterns
      text: {line4}.
patterns:
  title: The patterns
  intro: {line5}.
vocabulary:
  flow_kinds:
    - {{id: realtime, label: real-time call, line: solid}}
    - {{id: event, label: event, line: dashed}}
    - {{id: batch, label: batch, line: dotted}}
    - {{id: warehouse, label: bulk load, line: heavy}}
help:
  title: How we help
  intro: {line6}.
playbook:
  title: {title} playbook
  file: playbook.pdf
  summary: {line7}.
faq:
  title: Questions
"""

SITE = """title: Synthetic Resources
tagline: Generated content for the page benchmark
description: A generated site with many resources, patterns and questions, used to time site generators.
base_url: https://bench.example.org/
language: en
publisher:
  name: Bench Publisher
  url: https://bench.example.org/about/
  logo: images/logo.svg
navigation:
  - label: Home
    url: /
footer:
  text: Generated for the benchmark.
"""


def generate(resources, out):
    folio, hugo = os.path.join(out, "folio"), os.path.join(out, "hugo")
    for d in (folio, hugo):
        if os.path.exists(d):
            shutil.rmtree(d)
    shutil.copytree(os.path.join(ROOT, "static"), os.path.join(folio, "static"))
    shutil.copytree(os.path.join(ROOT, "tests", "bench", "hugo"), hugo)
    write(os.path.join(folio, "content", "site.yaml"), SITE)
    write(os.path.join(hugo, "content", "_index.md"), "---\ntitle: Synthetic Resources\n---\n")
    rng = Lcg(20261126)
    for r in range(1, resources + 1):
        slug = "r%05d" % r
        base = "/resources/%s/" % slug
        links = [base] + [base + "patterns/p%02d/" % p for p in range(1, PATTERNS + 1)]
        fields = {"title": "Resource %d %s" % (r, rng.pick(WORDS)), "summary": summary(rng),
                  "description": summary(rng), "weight": r}
        for i in range(1, 8):
            fields["line%d" % i] = line(rng, 10)
        rdir = os.path.join(folio, "content", "resources", slug)
        write(os.path.join(rdir, "resource.yaml"), RESOURCE.format(**fields))
        faqs = []
        for q in range(1, QUESTIONS + 1):
            question = "What about %s %s?" % (rng.pick(WORDS), rng.pick(WORDS))
            answer = paragraph(rng, links, 3)
            faqs.append((question, answer))
            write(os.path.join(rdir, "faq", "q%02d.md" % q),
                  "---\nquestion: %s\nweight: %d\n---\n%s\n" % (question, q, answer))
        hugo_list = "---\ntitle: %s\nsummary: %s\n---\n" % (fields["title"], fields["summary"])
        hugo_list += "".join("## %s\n\n%s\n\n" % qa for qa in faqs)
        write(os.path.join(hugo, "content", "resources", slug, "_index.md"), hugo_list)
        for p in range(1, PATTERNS + 1):
            title = "Pattern %d.%d %s %s" % (r, p, rng.pick(WORDS), rng.pick(WORDS))
            front = pattern_front(rng, title, p)
            text = "---\n" + front + "---\n" + body(rng, links, 600)
            write(os.path.join(rdir, "patterns", "p%02d.md" % p), text)
            write(os.path.join(hugo, "content", "resources", slug, "patterns", "p%02d.md" % p), text)


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit("usage: gen-site.py RESOURCES OUT_DIR")
    generate(int(sys.argv[1]), sys.argv[2])
