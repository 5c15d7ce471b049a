// A real OpenID Connect provider (panva's certified oidc-provider) for the tests of signing in
// through the council's identity provider. It listens on a free port of 127.0.0.1 and prints one
// line of JSON, {"issuer": ...}, once it is ready. Its own sign-in page takes any login with any
// password; the login typed is the person's email address.
//
//   CLIENT_ID=... CLIENT_SECRET=... REDIRECT_URIS=http://testserver/...,http://localhost:8081/... node oidc_provider.mjs
import { generateKeyPairSync } from 'node:crypto';
import { createServer } from 'node:http';
import Provider from 'oidc-provider';

const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const server = createServer();

server.listen(0, '127.0.0.1', () => {
  const issuer = `http://127.0.0.1:${server.address().port}`;
  const provider = new Provider(issuer, {
    clients: [{
      client_id: process.env.CLIENT_ID,
      client_secret: process.env.CLIENT_SECRET,
      redirect_uris: process.env.REDIRECT_URIS.split(','),
      token_endpoint_auth_method: 'client_secret_post',
    }],
    jwks: { keys: [{ ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' }] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'] },
    async findAccount(ctx, id) {
      return { accountId: id, claims: async () => ({ sub: id, email: id, email_verified: true }) };
    },
    cookies: { keys: ['a key for the tests only'] },
  });
  server.on('request', provider.callback());
  console.log(JSON.stringify({ issuer }));
});

process.on('SIGTERM', () => server.close(() => process.exit(0)));
