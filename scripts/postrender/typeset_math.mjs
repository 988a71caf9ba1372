// Typesets TeX into MathJax's CommonHTML markup, for scripts/postrender/prerender_math.py.
//
// Reads a JSON list of {"tex": ..., "display": true|false} on stdin and writes one JSON object:
// "wide" holds each formula's markup as it fits a desktop column; "narrow" holds, for each display
// formula too wide for a phone, the markup broken into lines that fit one (else null); "css" is the
// stylesheet all of them need, with its fonts under the folder named by the first argument. The second
// argument is the x-height of the text around the formulas, in em: MathJax scales its font to match it,
// as it does in a browser, where it measures the text.

import MathJax from 'mathjax';

// Widths in CSS pixels: a desktop column, and a 390 px phone's column less its margins and room for the
// equation number; and the site's text size, which Quarto's themes set to 17 px.
const WIDE = 1000;
const NARROW = 330;
const EM = 17;

const fontURL = process.argv[2];
const textXHeight = Number(process.argv[3]);
if (!fontURL || !(textXHeight > 0)) {
  console.error('usage: node scripts/postrender/typeset_math.mjs <font-url> <text-x-height-in-em> < formulas.json');
  process.exit(2);
}

await MathJax.init({
  loader: {load: ['input/tex', 'output/chtml', 'a11y/assistive-mml']},
  // Screen readers read the MathML MathJax puts beside the visual markup.
  options: {enableAssistiveMml: true},
  chtml: {fontURL, displayOverflow: 'linebreak'},
});
const adaptor = MathJax.startup.adaptor;
const scale = textXHeight / MathJax.startup.output.font.params.x_height;
const ex = textXHeight * EM;

// A phone's layout of a display formula too wide for it: formulas set side by side, with \qquad between them
// (outside any {...} group or \left...\right pair), go one under another, as a typesetter would set them by hand.
// MathJax's own choice of breaks split "f(x | y)" between the f and its argument, and left no room for an
// equation's number beside its first line.
function forPhone(tex) {
  let depth = 0;
  let result = '';
  for (let index = 0; index < tex.length; index++) {
    const command = /^\\([a-zA-Z]+|.)/.exec(tex.slice(index));
    if (command) {
      depth += command[1] === 'left' ? 1 : command[1] === 'right' ? -1 : 0;
      result += depth === 0 && command[1] === 'qquad' ? '\\break ' : command[0];
      index += command[0].length - 1;
      continue;
    }
    depth += tex[index] === '{' ? 1 : tex[index] === '}' ? -1 : 0;
    result += tex[index];
  }
  return result;
}

// MathJax marks every node with its TeX (data-latex), for its menu and explorer in the browser, which these pages
// do not run: the marks go from the typeset tree before it is written out.
function withoutTex(node) {
  if (adaptor.kind(node) === '#text' || adaptor.kind(node) === '#comment') return node;
  adaptor.removeAttribute(node, 'data-latex');
  for (const child of adaptor.childNodes(node)) withoutTex(child);
  return node;
}

async function typeset(tex, display, width) {
  const node = await MathJax.tex2chtmlPromise(tex, {display, em: EM, ex, containerWidth: width, scale});
  return adaptor.outerHTML(withoutTex(node));
}

const formulas = JSON.parse(await new Response(process.stdin).text());
const wide = [];
const narrow = [];
for (const {tex, display} of formulas) {
  const full = await typeset(tex, display, WIDE);
  const broken = display ? await typeset(tex, display, NARROW) : full;
  const phoneTex = forPhone(tex);
  wide.push(full);
  // Typeset again only where the phone's layout differs from the formula as written.
  narrow.push(broken === full ? null : phoneTex === tex ? broken : await typeset(phoneTex, display, NARROW));
}
const css = adaptor.textContent(MathJax.chtmlStylesheet());
process.stdout.write(JSON.stringify({wide, narrow, css}));
