import { describe, expect, it } from 'vitest';
import {
  adminDenial,
  adminUrlOf,
  isLoopbackAddress,
  newAdminToken,
  adminTokenPattern,
} from '../../../electron/sim/admin-access';

describe('isLoopbackAddress', () => {
  it('is true for 127.0.0.0/8, ::1 and their IPv4-mapped forms', () => {
    for (const a of [
      '127.0.0.1',
      '127.255.3.4',
      '::1',
      '0:0:0:0:0:0:0:1',
      '::1%lo0',
      '::ffff:127.0.0.1',
      '::ffff:7f00:1',
    ]) {
      expect(isLoopbackAddress(a), a).toBe(true);
    }
  });

  it('is false for the LAN, any other address, and no address', () => {
    for (const a of [
      '10.0.0.1',
      '192.168.1.20',
      '172.16.0.5',
      '128.0.0.1',
      '0.0.0.0',
      '::',
      '::2',
      'fe80::1',
      '::ffff:10.1.2.3',
      '::ffff:192.168.0.1',
      'localhost',
      '',
      undefined,
    ]) {
      expect(isLoopbackAddress(a), String(a)).toBe(false);
    }
  });
});

describe('adminDenial', () => {
  const token = newAdminToken();
  const url = new URL('http://127.0.0.1:7480/admin/faults');
  const ask = (remoteAddress: string | undefined, authorization?: string, at = url) =>
    adminDenial({ remoteAddress, authorization, url: at }, token);

  it('lets a loopback request with the token through', () => {
    expect(ask('127.0.0.1', `Bearer ${token}`)).toBeNull();
    expect(ask('::ffff:127.0.0.1', `bearer  ${token}`)).toBeNull();
    expect(ask('::1', `Bearer ${token}`)).toBeNull();
  });

  it('answers 403 from any other address, token or not', () => {
    for (const address of ['10.20.30.40', '192.168.1.5', '::ffff:10.0.0.1', undefined]) {
      const denial = ask(address, `Bearer ${token}`);
      expect(denial?.status).toBe(403);
      expect(denial?.message).toMatch(/only from this machine \(loopback\)/);
    }
  });

  it('answers 401 without the token, with a wrong one, or with it only in the URL', () => {
    expect(ask('127.0.0.1')).toMatchObject({
      status: 401,
      message: expect.stringMatching(/admin token required/),
      headers: { 'WWW-Authenticate': expect.stringMatching(/^Bearer /) },
    });
    expect(ask('127.0.0.1', `Basic ${token}`)?.status).toBe(401);
    expect(ask('127.0.0.1', `Bearer ${token}x`)?.message).toMatch(/wrong admin token/);
    expect(ask('127.0.0.1', 'Bearer ')?.status).toBe(401);
    const inUrl = ask('127.0.0.1', undefined, new URL(adminUrlOf('http://127.0.0.1:7480', token)));
    expect(inUrl?.status).toBe(401);
    expect(inUrl?.message).toMatch(/not in the URL/);
  });

  it('makes tokens that are random, URL- and shell-safe', () => {
    const other = newAdminToken();
    expect(other).not.toBe(token);
    expect(token).toMatch(adminTokenPattern);
    expect(adminUrlOf('http://127.0.0.1:7480', token)).toBe(
      `http://127.0.0.1:7480/admin?token=${token}`,
    );
  });
});
