/**
 * The playlist loader each tile's Hls instance uses: hls.js's own loader, with media playlists'
 * discontinuity sequence rebased (why: discontinuity-rebase.ts). One class per player, so each
 * player has its own base.
 */
import Hls, {
  type HlsConfig,
  type Loader,
  type LoaderCallbacks,
  type LoaderConfiguration,
  type PlaylistLoaderConstructor,
  type PlaylistLoaderContext,
} from 'hls.js';
import { rebaseDiscontinuitySequence, type RebaseState } from './discontinuity-rebase';

export function rebasingPlaylistLoader(): PlaylistLoaderConstructor {
  const state: RebaseState = { base: null };
  const DefaultLoader = Hls.DefaultConfig.loader;

  return class RebasingPlaylistLoader implements Loader<PlaylistLoaderContext> {
    private readonly inner: Loader<PlaylistLoaderContext>;

    constructor(config: HlsConfig) {
      this.inner = new DefaultLoader(config) as unknown as Loader<PlaylistLoaderContext>;
    }

    get context() {
      return this.inner.context;
    }

    get stats() {
      return this.inner.stats;
    }

    load(
      context: PlaylistLoaderContext,
      config: LoaderConfiguration,
      callbacks: LoaderCallbacks<PlaylistLoaderContext>,
    ): void {
      this.inner.load(context, config, {
        ...callbacks,
        onSuccess: (response, stats, loaderContext, networkDetails) => {
          if (typeof response.data === 'string') {
            response.data = rebaseDiscontinuitySequence(response.data, state);
          }
          callbacks.onSuccess(response, stats, loaderContext, networkDetails);
        },
      });
    }

    abort(): void {
      this.inner.abort();
    }

    destroy(): void {
      this.inner.destroy();
    }

    getCacheAge(): number | null {
      return this.inner.getCacheAge?.() ?? null;
    }

    getResponseHeader(name: string): string | null {
      return this.inner.getResponseHeader?.(name) ?? null;
    }
  };
}
