/**
 * Fetches a picture the platform names by URL (an incident's, a fault ticket's): read up to a
 * size (./read-capped.ts), within a timeout. An answer that is not a JPEG or is too large is
 * refused: logged, and null (asking again will not help). A platform that cannot be reached or
 * answers an error: `unavailable` (ask again).
 */
import { VigilError } from '../../../shared/result';
import { readCapped } from './read-capped';

export interface FetchJpegOptions {
  fetch?: typeof fetch;
  timeoutMs: number;
  maxBytes: number;
  /** What it is, for the errors and the log ("picture p1", "ticket t1 picture"). */
  what: string;
  /** The log line's prefix ("dispatch", "health"). */
  logPrefix: string;
  log?: (line: string) => void;
}

export async function fetchJpeg(url: URL, options: FetchJpegOptions): Promise<Buffer | null> {
  const refuse = (why: string): null => {
    options.log?.(`${options.logPrefix}: ${options.what} from ${url.host}: ${why}; refused`);
    return null;
  };
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  try {
    const response = await (options.fetch ?? fetch)(url, { signal: controller.signal });
    if (!response.ok) {
      throw new VigilError('unavailable', `${options.what}: HTTP ${response.status}`);
    }
    const body = await readCapped(response, options.maxBytes, () => controller.abort());
    if (!body.ok) return refuse(body.why);
    const bytes = body.bytes;
    // A JPEG starts FF D8 FF: anything else is refused, whatever its content type says.
    if (bytes.length < 3 || bytes[0] !== 0xff || bytes[1] !== 0xd8 || bytes[2] !== 0xff) {
      return refuse(`not a JPEG (${response.headers.get('content-type') ?? 'no content type'})`);
    }
    return bytes;
  } catch (error) {
    if (error instanceof VigilError) throw error;
    throw new VigilError(
      'unavailable',
      `${options.what}: ${controller.signal.aborted ? 'timed out' : String(error)}`,
    );
  } finally {
    clearTimeout(timer);
  }
}
