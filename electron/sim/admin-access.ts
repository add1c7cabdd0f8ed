/**
 * Who may drive the simulator's admin API (/admin/*: faults, restart, alerts, and what the
 * platform received): a request from this machine (loopback) that carries the simulator's admin
 * token as `Authorization: Bearer <token>`. The token is random per start unless given
 * (SimulatorOptions.adminToken, `npm run sim -- --admin-token`, VIGIL_SIM_ADMIN_TOKEN) and is
 * printed where the simulator's URL is printed.
 *
 * The token travels only in that header, never in the URL: a browser sends an Authorization
 * header cross-origin only after a CORS preflight, which /admin never grants, so a page cannot
 * drive the admin API with a form post or a no-cors fetch even if it guessed the token.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { BlockList } from 'node:net';

/** The environment variable a host (the browser host) sets to choose the simulator's token. */
export const adminTokenEnv = 'VIGIL_SIM_ADMIN_TOKEN';

/** What a token may look like: URL- and shell-safe, long enough not to be guessed. */
export const adminTokenPattern = /^[A-Za-z0-9_-]{16,128}$/;

export function newAdminToken(): string {
  return randomBytes(24).toString('base64url');
}

/** The admin URL printed for the person who runs the simulator (`--admin` takes it as is). */
export function adminUrlOf(baseUrl: string, token: string): string {
  return `${baseUrl}/admin?token=${token}`;
}

const loopback = new BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

/** True for 127.0.0.0/8, ::1 and their IPv4-mapped forms (::ffff:127.0.0.1); false otherwise. */
export function isLoopbackAddress(address: string | undefined): boolean {
  if (!address) return false;
  const bare = address.replace(/%.*$/, ''); // an IPv6 zone ("::1%lo0")
  try {
    if (loopback.check(bare, 'ipv4')) return true;
  } catch {
    // not an IPv4 address
  }
  try {
    return loopback.check(bare, 'ipv6');
  } catch {
    return false;
  }
}

export interface AdminDenial {
  status: 401 | 403;
  message: string;
  headers: Record<string, string>;
}

/** Why an admin request is refused, or null when it may go on. */
export function adminDenial(
  request: { remoteAddress: string | undefined; authorization: string | undefined; url: URL },
  token: string,
): AdminDenial | null {
  if (!isLoopbackAddress(request.remoteAddress)) {
    return {
      status: 403,
      message: `admin API: only from this machine (loopback); ${request.remoteAddress ?? 'this client'} is not`,
      headers: {},
    };
  }
  const unauthorized = (message: string): AdminDenial => ({
    status: 401,
    message: `admin API: ${message}`,
    headers: { 'WWW-Authenticate': 'Bearer realm="vigil-simulator-admin"' },
  });
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(request.authorization ?? '')?.[1];
  if (bearer === undefined) {
    if (request.url.searchParams.has('token')) {
      return unauthorized(
        'send the token in an "Authorization: Bearer <token>" header, not in the URL ' +
          "(npm run sim -- … --admin 'URL?token=…' does that)",
      );
    }
    return unauthorized(
      'admin token required: send "Authorization: Bearer <token>"; the token is printed where ' +
        'the simulator was started (its admin URL ends in ?token=…)',
    );
  }
  if (!sameToken(bearer, token)) {
    return unauthorized('wrong admin token (a new one is made each time the simulator starts)');
  }
  return null;
}

function sameToken(given: string, token: string): boolean {
  const digest = (s: string): Buffer => createHash('sha256').update(s).digest();
  return timingSafeEqual(digest(given), digest(token));
}
