// What pdf.js (Firefox's PDF engine) gives assistive technology for a PDF, as JSON.
// In: `node tests/js/structtree.mjs FILE.pdf`. Out (stdout):
//   {"pages": [{"tree": <page.getStructTree()>, "marked": {"<mcid>": "text", ...}}, ...]}
// "tree" is pdf.js's own serialisation (role, alt, lang, children; content kids are
// {"type": "content", "id": "p<obj>R_mc<mcid>"}); "marked" holds the text drawn inside each
// marked-content sequence of the page, by MCID. Exit 1 with a message on stderr if the file
// cannot be read.
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";

import { getDocument, VerbosityLevel } from "pdfjs-dist/legacy/build/pdf.mjs";

const require = createRequire(import.meta.url);
const PDFJS = path.dirname(require.resolve("pdfjs-dist/package.json"));

// Text goes to the innermost enclosing sequence that has an MCID (sequences without one, such as
// /OC or /Span BMC, belong to the one around them); text inside an /Artifact is nobody's.
function markedTexts(items, pageId) {
  const marked = {};
  const stack = [];
  for (const item of items) {
    if (item.type === "beginMarkedContentProps" || item.type === "beginMarkedContent") {
      const own = item.id && item.id.startsWith(`${pageId}_mc`) ? item.id.slice(pageId.length + 3) : null;
      const around = stack.length ? stack[stack.length - 1] : null;
      stack.push(item.tag === "Artifact" ? null : own ?? around);
      if (own !== null && !(own in marked)) marked[own] = "";
    } else if (item.type === "endMarkedContent") {
      stack.pop();
    } else if (typeof item.str === "string" && stack.length && stack[stack.length - 1] !== null) {
      marked[stack[stack.length - 1]] += item.str + (item.hasEOL ? "\n" : "");
    }
  }
  return marked;
}

async function main(file) {
  const data = new Uint8Array(await readFile(file));
  const task = getDocument({
    data,
    disableFontFace: true,
    useSystemFonts: false,
    isEvalSupported: false,
    verbosity: VerbosityLevel.ERRORS,
    standardFontDataUrl: path.join(PDFJS, "standard_fonts") + path.sep,
    cMapUrl: path.join(PDFJS, "cmaps") + path.sep,
    cMapPacked: true,
  });
  const doc = await task.promise;
  try {
    const pages = [];
    for (let number = 1; number <= doc.numPages; number++) {
      const page = await doc.getPage(number);
      const tree = await page.getStructTree();
      const content = await page.getTextContent({ includeMarkedContent: true });
      const ref = page.ref;
      const pageId = `p${ref.num}R${ref.gen ? ref.gen : ""}`;
      pages.push({ tree, marked: markedTexts(content.items, pageId) });
      page.cleanup();
    }
    process.stdout.write(JSON.stringify({ pages }));
  } finally {
    await doc.destroy();
  }
}

if (process.argv.length !== 3) {
  process.stderr.write("usage: node structtree.mjs FILE.pdf\n");
  process.exit(2);
}
main(process.argv[2]).catch((error) => {
  process.stderr.write(`structtree: ${error?.message ?? error}\n`);
  process.exit(1);
});
