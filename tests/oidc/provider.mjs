// A real OpenID Connect provider for the test suite: node-oidc-provider on loopback.
//
//   node provider.mjs /path/to/config.json      (or OIDC_CONFIG=/path/to/config.json)
//
// The JSON file (see tests/oidc/harness.py, which writes it):
//   {
//     "port": 8123,                                  listens on 127.0.0.1:<port>
//     "issuer": "http://127.0.0.1:8123",             optional, that is the default
//     "clients": [{"client_id": "...", "client_secret": "...",
//                  "redirect_uris": ["..."], "post_logout_redirect_uris": ["..."],
//                  "token_endpoint_auth_method": "client_secret_basic"}],
//     "accounts": [{"login": "handler@voorstad.test",
//                   "claims": {"sub": "...", "email": "...", "groups": ["..."],
//                              "amr": ["pwd", "otp"], ...}}]
//   }
//
// Every claim an account has is released in the ID token and at the userinfo
// endpoint for the scope "openid email profile": email and email_verified with
// "email", the standard profile claims with "profile", and every other claim
// (groups, amr, acr, bsn, ...) with "openid". `groups` is also its own scope.
// `amr` and `acr` come from the login, so an account without them sends none.
//
// The interaction UI is this file's own: a login page at /interaction/:uid
// ("Username", "Sign in"), consent is granted without asking, and logout
// (end_session with id_token_hint) submits itself without a click.
//
// Prints `READY <issuer>` on stdout when it listens; exits on SIGTERM/SIGINT (and
// at the end of stdin when OIDC_EXIT_ON_STDIN_EOF=1).

import * as crypto from 'node:crypto';
import { readFileSync } from 'node:fs';

import Provider, { errors } from 'oidc-provider';

const configPath = process.argv[2] || process.env.OIDC_CONFIG;
if (!configPath) {
  console.error('usage: node provider.mjs <config.json>  (or OIDC_CONFIG=<config.json>)');
  process.exit(2);
}
const config = JSON.parse(readFileSync(configPath, 'utf8'));
const port = Number(config.port);
if (!Number.isInteger(port) || port <= 0) {
  console.error(`config: "port" must be a positive integer, not ${JSON.stringify(config.port)}`);
  process.exit(2);
}
const issuer = config.issuer || `http://127.0.0.1:${port}`;

// Accounts ---------------------------------------------------------------------

const accountsByLogin = new Map();
const accountsById = new Map();
for (const { login, claims = {} } of config.accounts || []) {
  if (!login) throw new TypeError('config: every account needs a "login"');
  const accountId = String(claims.sub ?? login);
  const account = { login, accountId, claims: { ...claims, sub: accountId } };
  accountsByLogin.set(login, account);
  accountsById.set(accountId, account);
}

const EMAIL_CLAIMS = ['email', 'email_verified'];
const PROFILE_CLAIMS = [
  'name', 'family_name', 'given_name', 'middle_name', 'nickname',
  'preferred_username', 'profile', 'picture', 'website', 'gender', 'birthdate',
  'zoneinfo', 'locale', 'updated_at',
];
const openidClaims = new Set(['sub', 'acr', 'amr', 'groups', 'bsn']);
for (const account of accountsById.values()) {
  for (const claim of Object.keys(account.claims)) {
    if (!EMAIL_CLAIMS.includes(claim) && !PROFILE_CLAIMS.includes(claim)) {
      openidClaims.add(claim);
    }
  }
}
const acrValues = [...new Set(
  [...accountsById.values()].map(({ claims }) => claims.acr).filter((acr) => typeof acr === 'string'),
)];

// Clients ----------------------------------------------------------------------

const clients = (config.clients || []).map((client) => ({
  grant_types: ['authorization_code', 'refresh_token'],
  response_types: ['code'],
  token_endpoint_auth_method: client.client_secret ? 'client_secret_basic' : 'none',
  post_logout_redirect_uris: [],
  ...client,
}));

// Keys: an ephemeral signing key; the cookie keys are fixed. -------------------

const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
const signingKey = {
  ...privateKey.export({ format: 'jwk' }), kid: 'inspraak-test', use: 'sig', alg: 'RS256',
};

// Pages --------------------------------------------------------------------------

const esc = (value) => String(value ?? '')
  .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
  .replace(/"/g, '&quot;').replace(/'/g, '&#39;');

const STYLE = `body{font-family:system-ui,sans-serif;max-width:28rem;margin:2rem auto;padding:0 1rem;color:#1a1a1a}
label{display:block;font-weight:600;margin-bottom:.25rem}
input[type=text]{display:block;width:100%;box-sizing:border-box;font-size:1rem;padding:.5rem;border:1px solid #555}
button{margin-top:1rem;font-size:1rem;padding:.5rem 1rem;background:#1f4e99;color:#fff;border:0}
.error{color:#a00000;font-weight:600}`;

function page(title, body, { script } = {}) {
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>${STYLE}</style>
${script ? `<script>${script}</script>` : ''}
</head>
<body>
<main>
${body}
</main>
</body>
</html>`;
}

function loginPage(uid, { client, login = '', error } = {}) {
  const clientName = client?.clientName || client?.clientId;
  return page('Test identity provider', `<h1>Test identity provider</h1>
${clientName ? `<p>Sign in to continue to <strong>${esc(clientName)}</strong>.</p>` : ''}
${error ? `<p class="error" id="login-error" role="alert">${esc(error)}</p>` : ''}
<form method="post" action="/interaction/${esc(uid)}/login">
<label for="login">Username</label>
<input type="text" id="login" name="login" value="${esc(login)}" autocomplete="username" autocapitalize="off" spellcheck="false" required autofocus${error ? ' aria-invalid="true" aria-describedby="login-error"' : ''}>
<button type="submit">Sign in</button>
</form>`);
}

async function readForm(req, limit = 64 * 1024) {
  const chunks = [];
  let size = 0;
  for await (const chunk of req) {
    size += chunk.length;
    if (size > limit) throw new errors.InvalidRequest('request body too large');
    chunks.push(chunk);
  }
  return new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
}

// Provider -----------------------------------------------------------------------

const provider = new Provider(issuer, {
  clients,
  jwks: { keys: [signingKey] },
  cookies: {
    keys: ['inspraak-test-oidc-cookie-key-1', 'inspraak-test-oidc-cookie-key-2'],
  },
  claims: {
    openid: [...openidClaims],
    email: EMAIL_CLAIMS,
    profile: PROFILE_CLAIMS,
    groups: ['groups'],
    acr: null,
    sid: null,
    auth_time: null,
    iss: null,
  },
  acrValues,
  // With response_type=code the ID token would otherwise carry only the openid
  // claims and leave email, profile and the rest to the userinfo endpoint.
  conformIdTokenClaims: false,
  async findAccount(ctx, id) {
    const account = accountsById.get(id);
    if (!account) return undefined;
    return {
      accountId: account.accountId,
      async claims() {
        return { ...account.claims };
      },
    };
  },
  features: {
    devInteractions: { enabled: false },
    userinfo: { enabled: true },
    revocation: { enabled: true },
    rpInitiatedLogout: {
      enabled: true,
      // The confirmation form asks to end the whole session (logout=yes) and
      // submits itself: no click is needed, also not in a headless browser.
      async logoutSource(ctx, form) {
        const autoForm = form.replace(
          '</form>',
          '<input type="hidden" name="logout" value="yes"/><noscript><button type="submit">Sign out</button></noscript></form>',
        );
        ctx.type = 'html';
        ctx.body = page('Signing out', `<h1>Signing out</h1>\n${autoForm}`, {
          script: "document.addEventListener('DOMContentLoaded', function () { document.forms[0].submit(); });",
        });
      },
      async postLogoutSuccessSource(ctx) {
        ctx.type = 'html';
        ctx.body = page('Signed out', '<h1>Signed out</h1>\n<p>You are signed out of the test identity provider.</p>');
      },
    },
  },
  // A refresh token with every code, as Keycloak does (Entra ID: offline_access):
  // Inspraak renews with it to learn whether the account still exists.
  async issueRefreshToken(ctx, client) {
    return client.grantTypeAllowed('refresh_token');
  },
  pkce: {
    // Confidential clients may send PKCE (it is checked when sent) or not.
    required: (ctx, client) => client.clientAuthMethod === 'none',
  },
  clientBasedCORS: () => false,
  async renderError(ctx, out) {
    ctx.type = 'html';
    ctx.body = page('Error', `<h1>Error</h1>\n${Object.entries(out)
      .map(([key, value]) => `<p><strong>${esc(key)}</strong>: ${esc(value)}</p>`).join('\n')}`);
  },
  ttl: {
    AccessToken: 3600,
    AuthorizationCode: 60,
    ClientCredentials: 600,
    DeviceCode: 600,
    BackchannelAuthenticationRequest: 600,
    IdToken: 3600,
    RefreshToken: 86400,
    Interaction: 3600,
    Session: 86400,
    Grant: 86400,
  },
});

// Test control: the organisation deletes an account. Its refresh tokens then fail
// with invalid_grant ("referenced account not found"), and it cannot sign in.
provider.use(async (ctx, next) => {
  if (ctx.path !== '/test/delete-account' || ctx.method !== 'POST') return next();
  const form = await readForm(ctx.req);
  const account = accountsByLogin.get(form.get('login') || '');
  if (!account) {
    ctx.status = 404;
    ctx.body = 'Unknown account';
    return;
  }
  accountsByLogin.delete(account.login);
  accountsById.delete(account.accountId);
  ctx.status = 204;
});

// The interaction UI, in front of the provider's own routes.
provider.use(async (ctx, next) => {
  const match = /^\/interaction\/([^/]+)(\/login)?$/.exec(ctx.path);
  if (!match) return next();
  ctx.set('cache-control', 'no-store');

  try {
    const details = await provider.interactionDetails(ctx.req, ctx.res);
    const { uid, prompt, params, session } = details;
    if (uid !== match[1]) throw new errors.SessionNotFound('interaction session mismatch');
    const client = await provider.Client.find(params.client_id);

    if (!match[2] && ctx.method === 'GET') {
      if (prompt.name === 'login') {
        ctx.type = 'html';
        ctx.body = loginPage(uid, { client, login: params.login_hint || '' });
        return undefined;
      }
      if (prompt.name === 'consent') {
        // Consent is granted without asking: the grant covers whatever is missing.
        const grant = details.grantId
          ? await provider.Grant.find(details.grantId)
          : new provider.Grant({ accountId: session.accountId, clientId: params.client_id });
        const { missingOIDCScope, missingOIDCClaims, missingResourceScopes } = prompt.details;
        if (missingOIDCScope) grant.addOIDCScope(missingOIDCScope.join(' '));
        if (missingOIDCClaims) grant.addOIDCClaims(missingOIDCClaims);
        for (const [indicator, scopes] of Object.entries(missingResourceScopes || {})) {
          grant.addResourceScope(indicator, scopes.join(' '));
        }
        const grantId = await grant.save();
        const consent = details.grantId ? {} : { grantId };
        const returnTo = await provider.interactionResult(ctx.req, ctx.res, { consent }, {
          mergeWithLastSubmission: true,
        });
        ctx.status = 303;
        ctx.redirect(returnTo);
        return undefined;
      }
      throw new errors.InvalidRequest(`unsupported prompt: ${prompt.name}`);
    }

    if (match[2] && ctx.method === 'POST' && prompt.name === 'login') {
      const form = await readForm(ctx.req);
      const login = (form.get('login') || '').trim();
      const account = accountsByLogin.get(login);
      if (!account) {
        ctx.type = 'html';
        ctx.body = loginPage(uid, { client, login, error: 'Unknown account' });
        return undefined;
      }
      const { amr, acr } = account.claims;
      const result = {
        login: {
          accountId: account.accountId,
          ...(amr !== undefined ? { amr: Array.isArray(amr) ? amr : [amr] } : {}),
          ...(acr !== undefined ? { acr: String(acr) } : {}),
        },
      };
      const returnTo = await provider.interactionResult(ctx.req, ctx.res, result, {
        mergeWithLastSubmission: false,
      });
      ctx.status = 303;
      ctx.redirect(returnTo);
      return undefined;
    }

    ctx.status = 405;
    ctx.type = 'text';
    ctx.body = 'Method not allowed';
    return undefined;
  } catch (err) {
    if (err instanceof errors.OIDCProviderError) {
      ctx.status = err.statusCode || 400;
      ctx.type = 'html';
      ctx.body = page('Error', `<h1>Error</h1>\n<p>${esc(err.message)}: ${esc(err.error_description)}</p>`);
      return undefined;
    }
    throw err;
  }
});

provider.on('server_error', (ctx, err) => console.error('server_error', err));

// Static clients are validated on first use: validate them now, so that a bad
// client in the configuration stops the provider at start with the reason.
for (const { client_id: clientId } of clients) {
  try {
    if (!await provider.Client.find(String(clientId))) throw new Error('not found');
  } catch (err) {
    console.error(`config: client ${JSON.stringify(clientId)} is invalid: ${err.error_description || err.message}`);
    process.exit(2);
  }
}

const server = provider.listen(port, '127.0.0.1', () => {
  process.stdout.write(`READY ${issuer}\n`);
});
server.on('error', (err) => {
  console.error(`cannot listen on 127.0.0.1:${port}: ${err.message}`);
  process.exit(1);
});

function shutdown() {
  server.close(() => process.exit(0));
  server.closeAllConnections();
  setTimeout(() => process.exit(0), 2000).unref();
}
process.on('SIGTERM', shutdown);
process.on('SIGINT', shutdown);
// Started by the test harness with a pipe on stdin: when the test process dies
// without stopping the provider, the pipe closes and the provider goes too.
if (process.env.OIDC_EXIT_ON_STDIN_EOF === '1') {
  process.stdin.on('end', shutdown);
  process.stdin.on('error', shutdown);
  process.stdin.resume();
}
