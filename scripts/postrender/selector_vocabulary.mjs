// What PurgeCSS can ask of a page's words when it cuts down the stylesheets named on the command line, for
// scripts/postrender/trim_stylesheets.py.
//
// PurgeCSS keeps a selector by asking, for each class, id, tag and attribute in it, whether the content's words
// (its default extractor's, /[A-Za-z0-9_-]+/) hold that name, or, for an attribute selector such as [class*="col-"],
// whether some word starts with, ends with or holds its value (ExtractorResultSets in purgecss/lib/purgecss.js).
// This lists every such question the stylesheets' selectors can put: "names", asked of the words exactly, and
// "predicates", [operator, value] pairs asked of each word. Two contents whose words answer all of them alike are cut
// down alike, so trim_stylesheets.py can keep PurgeCSS's result under those answers.
//
// The selectors are read with the PostCSS and selector parser that PurgeCSS itself loads.

import {readFileSync} from 'node:fs';
import {createRequire} from 'node:module';

const purgecss = createRequire(import.meta.url).resolve('purgecss');
const requireAsPurgeCSS = createRequire(purgecss);
const postcss = requireAsPurgeCSS('postcss');
const selectorParser = requireAsPurgeCSS('postcss-selector-parser');

const names = new Set();
const predicates = new Map();
for (const file of process.argv.slice(2)) {
  postcss.parse(readFileSync(file, 'utf-8')).walkRules((rule) => {
    selectorParser((selectors) => {
      selectors.walk((node) => {
        if (node.type === 'class' || node.type === 'id' || node.type === 'tag') names.add(node.value);
        if (node.type !== 'attribute') return;
        names.add(node.attribute);
        if (node.value === undefined) return;
        names.add(node.value);
        predicates.set(JSON.stringify([node.operator, node.value]), [node.operator, node.value]);
      });
    }).processSync(rule.selector);
  });
}
process.stdout.write(JSON.stringify({names: [...names].sort(), predicates: [...predicates.values()]}));
