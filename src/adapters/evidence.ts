/**
 * The evidence the coaching rests on: `media/coaching-evidence.md`, shipped in the VSIX and
 * shown as a read-only page, opened at the section asked for. Everything that cites evidence
 * (a nudge's "Why?", a habit in My Progress, an exercise's "why", the walkthrough, today's
 * habits) opens it through `openEvidence` or the command `deliberate.showEvidence`.
 */
import * as vscode from 'vscode';
import type { Habit } from '../core/metrics';
import { Disposable } from './disposable';
import { PagePanels, type Page } from './pagePanel';

/** The page's sections, by the anchor each heading names (`{#…}` in the Markdown). */
export const EVIDENCE_SECTIONS = ['top', 'iterate', 'validate', 'decompose', 'learn', 'nudges', 'practice'] as const;
export type EvidenceSection = (typeof EVIDENCE_SECTIONS)[number];

const HABITS: readonly Habit[] = ['iterate', 'validate', 'decompose', 'learn'];

/** The section for a habit, a section name, or anything else (the top of the page). */
export function evidenceSection(what: Habit | EvidenceSection | string | undefined): EvidenceSection {
  if (what === undefined) return 'top';
  const key = what.trim().toLowerCase().replace(/^#/, '');
  if ((EVIDENCE_SECTIONS as readonly string[]).includes(key)) return key as EvidenceSection;
  if (key === 'keep learning' || key === 'keeplearning') return 'learn';
  return HABITS.find((h) => key.startsWith(h)) ?? 'top';
}

let pages: Pages | undefined;

/** Deliberate's read-only pages and the evidence command; one per extension host. */
class Pages extends Disposable {
  readonly panels: PagePanels;

  constructor(private readonly extensionUri: vscode.Uri, log: vscode.LogOutputChannel) {
    super();
    this.panels = this._register(new PagePanels(extensionUri, log, (anchor) => void this.openEvidence(anchor)));
    this._register(vscode.commands.registerCommand('deliberate.showEvidence', (section?: unknown) => this.openEvidence(typeof section === 'string' ? section : undefined)));
  }

  async openEvidence(section: string | undefined): Promise<EvidenceSection> {
    const anchor = evidenceSection(section);
    const file = vscode.Uri.joinPath(this.extensionUri, 'media', 'coaching-evidence.md');
    const markdown = new TextDecoder().decode(await vscode.workspace.fs.readFile(file));
    this.panels.show({ id: 'evidence', title: vscode.l10n.t('Why These Habits'), markdown, anchor });
    return anchor;
  }
}

/**
 * Registers the read-only pages and `deliberate.showEvidence`. Call once from activation:
 * `context.subscriptions.push(registerPages(context, log))`.
 */
export function registerPages(context: { readonly extensionUri: vscode.Uri }, log: vscode.LogOutputChannel): vscode.Disposable {
  pages?.dispose();
  const created = new Pages(context.extensionUri, log);
  pages = created;
  return {
    dispose: () => {
      created.dispose();
      if (pages === created) pages = undefined;
    },
  };
}

function registered(): Pages {
  if (pages === undefined) throw new Error('Deliberate: registerPages() was not called at activation');
  return pages;
}

/**
 * Opens the evidence page at the section for `habit` (a nudge's habit, `iterate`, `validate`,
 * `decompose`, `learn`) or a section (`nudges`, `practice`, `top`). Resolves to the section shown.
 */
export function openEvidence(habitOrSection?: Habit | EvidenceSection | string): Promise<EvidenceSection> {
  return registered().openEvidence(habitOrSection);
}

/** Shows one of Deliberate's read-only pages (today's habits, the hook setup). */
export function showPage(page: Page): void {
  registered().panels.show(page);
}
