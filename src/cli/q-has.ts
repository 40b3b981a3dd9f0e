import { loadKnowledgeBase } from '../linking/kb.js';
const kb = loadKnowledgeBase();
const m = new Map(kb.actors.map((a) => [a.slug, a]));
for (const x of process.argv.slice(2)) { const a = m.get(x); console.log(a ? `HAS ${x} | ${a.kind} | ${a.name} | ${a.nameNl} | ${a.aliases.join('; ')}` : `no  ${x}`); }
