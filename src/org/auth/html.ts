/** The pages of the OAuth authorize endpoint: a login form and an error page, both static HTML without scripts. */

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and double- or single-quoted attribute values. */
export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (ch) => ESCAPES[ch] ?? ch);
}

/** Headers of every page: no caching of credentials pages, no framing (clickjacking), no scripts at all. */
export const PAGE_HEADERS: Record<string, string> = {
  'Content-Type': 'text/html; charset=utf-8',
  'Cache-Control': 'no-store',
  Pragma: 'no-cache',
  'X-Frame-Options': 'DENY',
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  // No form-action: browsers apply it to the redirect that follows the form post, i.e. to the client's callback.
  'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
};

const STYLE = `
body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f3f3f3;color:#181818}
main{max-width:24rem;margin:3rem auto;padding:2rem;background:#fff;border-radius:.5rem;box-shadow:0 2px 6px rgba(0,0,0,.15)}
h1{font-size:1.5rem;margin-top:0}
label{display:block;font-weight:600;margin-top:1rem}
input{box-sizing:border-box;width:100%;padding:.5rem;font:inherit;border:1px solid #747474;border-radius:.25rem}
input:focus,button:focus{outline:3px solid #0b5cab;outline-offset:2px}
button{margin-top:1.5rem;width:100%;padding:.6rem;font:inherit;font-weight:600;color:#fff;background:#0b5cab;border:0;border-radius:.25rem;cursor:pointer}
.error{color:#8e030f;background:#feded8;border-left:4px solid #ba0517;padding:.5rem .75rem}
code{word-break:break-all}
`;

function page(title: string, content: string): string {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)} | Local Org</title>
<style>${STYLE}</style>
</head>
<body>
<main>
${content}
</main>
</body>
</html>
`;
}

export type LoginFormModel = {
  appName: string;
  /** Where the browser goes after login (shown so the user knows who gets access). */
  redirectOrigin: string;
  /** The OAuth request, carried through the form post in hidden fields. */
  hidden: Record<string, string | undefined>;
  username?: string;
  error?: string;
};

export function loginFormPage(model: LoginFormModel): string {
  const hidden = Object.entries(model.hidden)
    .filter((entry): entry is [string, string] => entry[1] !== undefined)
    .map(([name, value]) => `<input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(value)}">`)
    .join('\n');
  const error = model.error ? `<p class="error" id="login-error" role="alert">${escapeHtml(model.error)}</p>\n` : '';
  const describedBy = model.error ? ' aria-describedby="login-error" aria-invalid="true"' : '';
  return page(
    'Log In',
    `<h1>Log in to the local org</h1>
<p><strong>${escapeHtml(model.appName)}</strong> is asking to access the local org as you.
After you log in, your browser goes back to <code>${escapeHtml(model.redirectOrigin)}</code>.</p>
${error}<form method="post" action="/services/oauth2/authorize">
${hidden}
<label for="username">Username</label>
<input id="username" name="username" type="text" autocomplete="username" autocapitalize="none" spellcheck="false" required maxlength="255" value="${escapeHtml(model.username ?? '')}"${describedBy}${model.username ? '' : ' autofocus'}>
<label for="password">Password</label>
<input id="password" name="password" type="password" autocomplete="current-password" required maxlength="1024"${describedBy}${model.username ? ' autofocus' : ''}>
<button type="submit">Log In</button>
</form>`,
  );
}

/** An OAuth error that cannot go back to the client (unknown client, unverified redirect URI). */
export function errorPage(error: string, description: string): string {
  return page(
    'Error',
    `<h1>Can't log in</h1>
<p role="alert">The request to log in was refused: ${escapeHtml(description)}.</p>
<p><code>error=${escapeHtml(error)}&amp;error_description=${escapeHtml(encodeURIComponent(description))}</code></p>
<p>Check the connected app's consumer key and callback URLs, then start the login again from the app.</p>`,
  );
}
