// tests/pdfjs-struct.mjs: a tagged PDF's structure as pdf.js (Firefox's
// reader) sees it, for tests/pdfuacheck.py --pdfjs to compare with its own.
//
//   node tests/pdfjs-struct.mjs FILE.pdf > struct.json
//
// Prints {"pages": [{"headings": [{"role", "text"}], "tables": [{"th"}],
// "figures": [{"alt"}]}, ...]}: per page, in the order of the page's
// structure tree, the headings with their text, the tables with the number
// of their header cells on that page, and the figures with their
// alternative text.  pdf.js builds a page's tree from the elements with
// content on that page, so a table over two pages is counted on both.
// pdfjs-dist is pinned in package.json (npm ci, as tests/browser.sh does).
import { readFile } from "node:fs/promises";
import * as pdfjs from "pdfjs-dist/legacy/build/pdf.mjs";

const file = process.argv[2];
if (!file) {
	console.error("usage: node tests/pdfjs-struct.mjs FILE.pdf");
	process.exit(2);
}

// The text of each marked-content id ("p12R_mc3") of a page.
async function markedText(page) {
	const content = await page.getTextContent({ includeMarkedContent: true });
	const texts = new Map();
	const open = [];
	for (const item of content.items) {
		if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
			open.push(item.id ?? null);
		} else if (item.type === "endMarkedContent") {
			open.pop();
		} else if (typeof item.str === "string") {
			const id = open.findLast((x) => x !== null);
			if (id !== undefined) texts.set(id, (texts.get(id) ?? "") + item.str + (item.hasEOL ? " " : ""));
		}
	}
	return texts;
}

function textOf(node, texts) {
	if (node.type === "content") return texts.get(node.id) ?? "";
	return (node.children ?? []).map((kid) => textOf(kid, texts)).join("");
}

function count(node, role) {
	if (!node.children) return 0;
	return node.children.reduce((n, kid) => n + (kid.role === role ? 1 : 0) + count(kid, role), 0);
}

function visit(node, texts, out) {
	if (!node || node.type === "content" || node.type === "annotation" || node.type === "object") return;
	const role = node.role;
	if (/^H[1-6]?$/.test(role ?? "")) {
		out.headings.push({ role, text: textOf(node, texts).replace(/\s+/g, " ").trim() });
	} else if (role === "Table") {
		out.tables.push({ th: count(node, "TH") });
	} else if (role === "Figure") {
		out.figures.push({ alt: node.alt ?? "" });
	}
	for (const kid of node.children ?? []) visit(kid, texts, out);
}

const data = new Uint8Array(await readFile(file));
const doc = await pdfjs.getDocument({ data, isEvalSupported: false, useSystemFonts: false, verbosity: 0 }).promise;
const pages = [];
for (let n = 1; n <= doc.numPages; n++) {
	const page = await doc.getPage(n);
	const out = { headings: [], tables: [], figures: [] };
	const tree = await page.getStructTree();
	if (tree) visit(tree, await markedText(page), out);
	pages.push(out);
}
process.stdout.write(JSON.stringify({ pages }, null, 1) + "\n");
