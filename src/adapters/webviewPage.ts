import * as vscode from 'vscode';

/**
 * The HTML page of every Deliberate webview: a strict content security policy (nothing but
 * the extension's own stylesheet, images and fonts, and the one script carrying this page's
 * nonce), the view's bundled script and stylesheet from `dist/webview`, and a placeholder
 * until the script has its first message.
 */
export function webviewPage(webview: vscode.Webview, root: vscode.Uri, options: { bundle: string; title: string; placeholder: string; live?: boolean }): string {
  const nonce = makeNonce();
  const script = webview.asWebviewUri(vscode.Uri.joinPath(root, `${options.bundle}.js`));
  const style = webview.asWebviewUri(vscode.Uri.joinPath(root, `${options.bundle}.css`));
  const csp = ["default-src 'none'", `style-src ${webview.cspSource}`, `script-src 'nonce-${nonce}'`, `img-src ${webview.cspSource}`, `font-src ${webview.cspSource}`].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${escapeHtml(options.title)}</title>
</head>
<body>
<main id="app"${options.live === false ? '' : ' aria-live="polite"'}><p class="muted">${escapeHtml(options.placeholder)}</p></main>
<script nonce="${nonce}" src="${script.toString()}"></script>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);
}

/** 32 characters from a cryptographic source: a fresh nonce for each page. */
function makeNonce(): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  const bytes = new Uint8Array(32);
  globalThis.crypto.getRandomValues(bytes);
  let nonce = '';
  for (const b of bytes) nonce += alphabet[b % alphabet.length];
  return nonce;
}
