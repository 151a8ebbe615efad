// The Marketplace page's README: the repository's README.md without the sections for people who
// build Deliberate (Try it, Test it, Attribution's corpus and tables, Development). One source:
// README.md; this only leaves parts out. Links into a section left out keep their words and lose
// the link, so the page has no dead anchors.

/** `## ` sections left out of the Marketplace page. */
export const DEVELOPER_SECTIONS = ['Try it', 'Test it', 'Attribution', 'Development'];

/** GitHub's anchor for a heading: lower case, punctuation dropped, spaces as hyphens. */
export function headingAnchor(text) {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function marketplaceReadme(markdown) {
  const lines = markdown.split('\n');
  const kept = [];
  const dropped = new Set();
  let skipping = false;
  let fence = false;
  for (const line of lines) {
    if (/^\s*(```|~~~)/.test(line)) fence = !fence;
    const heading = fence ? null : /^(#{2,6})\s+(.*)$/.exec(line);
    if (heading !== null && heading[1] === '##') skipping = DEVELOPER_SECTIONS.includes(heading[2].trim());
    if (skipping) {
      if (heading !== null) dropped.add(headingAnchor(heading[2]));
      continue;
    }
    kept.push(line);
  }
  const text = kept
    .join('\n')
    .replace(/\[([^\]]+)\]\(#([^)\s]+)\)/g, (whole, words, anchor) => (dropped.has(anchor) ? words : whole))
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd();
  return `${text}\n\nHow Deliberate tells AI edits from yours, its measured accuracy, and how to build and test it: README.md in the source repository.\n`;
}
