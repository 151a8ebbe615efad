/**
 * The typed message map between the extension host and a read-only page (the evidence page,
 * today's habits, the agent hook setup). Both sides validate what arrives before acting on it.
 */
import * as z from 'zod/mini';

export const PAGE_IDS = ['evidence', 'habits', 'hooks'] as const;
export type PageId = (typeof PAGE_IDS)[number];

/** Strings of the page's own controls, translated on the host (vscode.l10n) and sent along. */
export const pageWordsSchema = z.object({ copy: z.string(), copied: z.string(), copyLabel: z.string() });
export type PageWords = z.infer<typeof pageWordsSchema>;

export const hostToWebviewSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('page'),
    id: z.enum(PAGE_IDS),
    markdown: z.string(),
    /** The section to show first, or null for the top. A new anchor scrolls even if the page is the same. */
    anchor: z.nullable(z.string()),
    /** Increases with every show request, so asking for the same section again scrolls to it again. */
    request: z.number(),
    words: pageWordsSchema,
  }),
]);
export type HostToWebview = z.infer<typeof hostToWebviewSchema>;

export const webviewToHostSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('ready') }),
  /** A code block's Copy button: the host writes the clipboard (the webview may not). */
  z.object({ type: z.literal('copy'), text: z.string() }),
  /** A link to a section of the evidence page. */
  z.object({ type: z.literal('openEvidence'), anchor: z.string() }),
]);
export type WebviewToHost = z.infer<typeof webviewToHostSchema>;

/** What the webview keeps across hide and show: the request it already scrolled for, and where it was. */
export const pageStateSchema = z.object({ request: z.number(), scrollY: z.number() });
