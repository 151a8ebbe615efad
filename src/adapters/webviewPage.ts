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

/**
 * Opens one of Deliberate's editor panels on `webviewPage`. It is torn down when hidden (its
 * script says `ready` again when shown), so `onHidden` tells the owner to wait for that.
 */
export function openWebviewPanel(
  extensionUri: vscode.Uri,
  options: { viewType: string; title: string; bundle: string; placeholder: string },
  handlers: { onMessage(raw: unknown): void; onHidden(): void; onDisposed(): void },
): vscode.WebviewPanel {
  const root = vscode.Uri.joinPath(extensionUri, 'dist', 'webview');
  const panel = vscode.window.createWebviewPanel(options.viewType, options.title, vscode.ViewColumn.Active, {
    enableScripts: true,
    localResourceRoots: [root, vscode.Uri.joinPath(extensionUri, 'media')],
    retainContextWhenHidden: false,
  });
  panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'deliberate.svg');
  panel.webview.html = webviewPage(panel.webview, root, options);
  const subscriptions = [
    panel.webview.onDidReceiveMessage((raw: unknown) => handlers.onMessage(raw)),
    panel.onDidChangeViewState(() => {
      if (!panel.visible) handlers.onHidden();
    }),
  ];
  panel.onDidDispose(() => {
    subscriptions.forEach((s) => s.dispose());
    handlers.onDisposed();
  });
  return panel;
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
