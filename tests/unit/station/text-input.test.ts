/**
 * Text from outside (issue #11 item 5): decoding files (UTF-8, UTF-16 with a BOM; GBK and BOM-less
 * UTF-16 refused), the duplicate-key finder, cutting values, redacting URL passwords.
 */
import { describe, expect, it } from 'vitest';
import {
  cutValue,
  decodeTextFile,
  findDuplicateJsonKey,
  redactUrlCredentials,
} from '../../../electron/station/text-input';

describe('decodeTextFile', () => {
  it('reads UTF-8 (dropping a BOM) and UTF-16 with a BOM', () => {
    expect(decodeTextFile(Buffer.from('\uFEFFa,张三\n'))).toEqual({ ok: true, text: 'a,张三\n' });
    const le = Buffer.from('a,张三', 'utf16le');
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xff, 0xfe]), le]))).toEqual({
      ok: true,
      text: 'a,张三',
    });
    const be = Buffer.from(le).swap16();
    expect(decodeTextFile(Buffer.concat([Buffer.from([0xfe, 0xff]), be]))).toEqual({
      ok: true,
      text: 'a,张三',
    });
  });

  it('says GBK when the bytes read as GB18030, gives the line, and never garbles', () => {
    const gbk = Buffer.concat([Buffer.from('id,name\nc1,'), Buffer.from([0xd6, 0xd0, 0xce, 0xc4])]);
    expect(new TextDecoder('gb18030').decode(gbk)).toBe('id,name\nc1,中文'); // full ICU here
    expect(decodeTextFile(gbk)).toEqual({
      ok: false,
      problem: 'not UTF-8 (line 2; it looks like GBK/GB18030; save it as UTF-8)',
    });
    // Latin-1 "café\n" is neither UTF-8 nor GB18030.
    expect(decodeTextFile(Buffer.from([0x63, 0x61, 0x66, 0xe9, 0x0a]))).toEqual({
      ok: false,
      problem: 'not UTF-8 (line 1; save it as UTF-8)',
    });
  });

  it('refuses UTF-16 without a BOM and NUL characters', () => {
    const le = Buffer.from('{"a": 1}', 'utf16le');
    expect(decodeTextFile(le)).toMatchObject({ problem: expect.stringContaining('UTF-16LE') });
    expect(decodeTextFile(Buffer.from(le).swap16())).toMatchObject({
      problem: expect.stringContaining('UTF-16BE'),
    });
    expect(decodeTextFile(Buffer.from('id,name\nc1,name\u0000 of c1\n'))).toEqual({
      ok: false,
      problem: 'not a text file (a NUL character on line 2)',
    });
  });
});

describe('findDuplicateJsonKey', () => {
  it('finds a repeated key with its path and lines', () => {
    expect(findDuplicateJsonKey('{"a": 1,\n "b": 2,\n "a": 3}')).toEqual({
      path: 'a',
      firstLine: 1,
      line: 3,
    });
    expect(findDuplicateJsonKey('{"x": [0, {"y": {"z": 1, "z": 2}}]}')?.path).toBe('x.1.y.z');
    // Equal once decoded.
    expect(findDuplicateJsonKey('{"a": 1, "\\u0061": 2}')?.path).toBe('a');
  });

  it('is not fooled by strings, escapes, sibling objects or arrays', () => {
    expect(findDuplicateJsonKey('{"a": "x\\", \\"a\\": {", "b": "}", "c": ["a", "a"]}')).toBeNull();
    expect(findDuplicateJsonKey('{"a": {"k": 1}, "b": {"k": 2}, "c": [{"k": 1}, {"k": 2}]}')).toBe(
      null,
    );
    expect(findDuplicateJsonKey('[{"k": 1}, {"k": 1, "j": {"k": 1}}]')).toBeNull();
    expect(findDuplicateJsonKey('"a"')).toBeNull();
    expect(findDuplicateJsonKey('{}')).toBeNull();
  });
});

describe('cutValue and redactUrlCredentials', () => {
  it('cuts at 100 characters with "…", never inside a surrogate pair', () => {
    expect(cutValue('short')).toBe('short');
    expect(cutValue('x'.repeat(1_000_000))).toBe(`${'x'.repeat(100)}…`);
    expect(cutValue(`${'x'.repeat(99)}😀😀`)).toBe(`${'x'.repeat(99)}…`);
  });

  it('hides the password of every URL in a line, keeping the user', () => {
    expect(
      redactUrlCredentials(
        'platform http://vigil:s3cret@10.1.2.3:8080/api; mqtt://token@10.1.2.3; http://h/a@b',
      ),
    ).toBe('platform http://vigil:***@10.1.2.3:8080/api; mqtt://***@10.1.2.3; http://h/a@b');
    expect(redactUrlCredentials('http://u:p@ss@host/x')).toBe('http://u:***@host/x');
  });
});
