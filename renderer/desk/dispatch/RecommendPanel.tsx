/**
 * Which unit to send (issue #13 item 4): every unit that may go, ranked by ETA over the roads, with
 * road and straight-line distance, its status in words and whether its position is live, at its
 * post or its last fix. Ticking units draws their routes on the map; 派警 orders them with a note.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Incident, RecommendResult, Route } from '../../../shared/contract/dispatch';
import { useClient } from '../../transport/use-client';
import { formatEta, formatKm } from './dispatch-model';
import type { Run } from './dispatch-run';

const LIMIT = 20;
const REFRESH_MS = 30_000;

export function RecommendPanel({
  incident,
  onIt,
  chief,
  run,
  onRoutes,
}: {
  incident: Incident;
  /** Units with a live order on this incident. */
  onIt: ReadonlySet<string>;
  chief: boolean;
  run: Run;
  onRoutes: (routes: Route[]) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [result, setResult] = useState<{ id: string; value: RecommendResult } | null>(null);
  const [failed, setFailed] = useState<string | null>(null);
  const [chosen, setChosen] = useState<{ id: string; units: string[] }>({ id: '', units: [] });
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [nonce, setNonce] = useState(0);
  const id = incident.id;

  useEffect(() => {
    let alive = true;
    const load = (): void => {
      void client.call('dispatch.recommend', { incidentId: id, limit: LIMIT }).then((answer) => {
        if (!alive) return;
        if (answer.ok) {
          setResult({ id, value: answer.value });
          setFailed(null);
        } else {
          setFailed(`${t(`errors.${answer.error.code}`)} (${answer.error.message})`);
        }
      });
    };
    load();
    const timer = setInterval(load, REFRESH_MS);
    return () => {
      alive = false;
      clearInterval(timer);
    };
  }, [client, id, nonce, t]);

  const units = useMemo(() => (chosen.id === id ? chosen.units : []), [chosen, id]);
  const toggle = useCallback(
    (unitId: string) =>
      setChosen((before) => {
        const list = before.id === id ? before.units : [];
        return {
          id,
          units: list.includes(unitId) ? list.filter((u) => u !== unitId) : [...list, unitId],
        };
      }),
    [id],
  );

  // The routes of the chosen units and of those already sent, drawn on the map.
  const routed = useMemo(() => [...new Set([...units, ...onIt])], [units, onIt]);
  useEffect(() => {
    let alive = true;
    if (routed.length === 0) {
      onRoutes([]);
      return;
    }
    void Promise.all(
      routed.map((unitId) => client.call('dispatch.route', { incidentId: id, unitId })),
    ).then((answers) => {
      if (!alive) return;
      const routes: Route[] = [];
      for (const answer of answers) if (answer.ok && answer.value) routes.push(answer.value);
      onRoutes(routes);
    });
    return () => {
      alive = false;
    };
  }, [client, id, routed, onRoutes]);

  const ranked = result?.id === id ? result.value : null;
  const callSign = (unitId: string): string =>
    ranked?.units.find((u) => u.unitId === unitId)?.callSign ?? unitId;

  return (
    <section className="dispatch-recommend" data-testid="dispatch-recommend">
      <h3>
        {t('dispatch.recommend.title')}
        <button type="button" className="small" onClick={() => setNonce((n) => n + 1)}>
          {t('dispatch.recommend.refresh')}
        </button>
      </h3>
      {ranked && (
        <div className="muted small" data-testid="recommend-graph">
          {ranked.graphVersion
            ? t('dispatch.recommend.graph', {
                version: ranked.graphVersion,
                ms: Math.round(ranked.computeMs),
              })
            : t('dispatch.recommend.noGraph')}
        </div>
      )}
      {failed && <div className="tag bad">{failed}</div>}
      {!ranked && !failed && <div className="muted">{t('dispatch.loading')}</div>}
      {ranked && ranked.units.length === 0 && (
        <div className="muted">{t('dispatch.recommend.none')}</div>
      )}
      {ranked && ranked.units.length > 0 && (
        <table className="dispatch-table">
          <thead>
            <tr>
              <th />
              <th>{t('dispatch.recommend.callSign')}</th>
              <th>{t('dispatch.recommend.eta')}</th>
              <th>{t('dispatch.recommend.road')}</th>
              <th>{t('dispatch.recommend.straight')}</th>
              <th>{t('dispatch.recommend.status')}</th>
              <th>{t('dispatch.recommend.position')}</th>
            </tr>
          </thead>
          <tbody>
            {ranked.units.map((u) => {
              const already = onIt.has(u.unitId);
              const checked = units.includes(u.unitId);
              return (
                <tr
                  key={u.unitId}
                  className={`${checked ? 'chosen' : ''} avail-${u.availability}`}
                  data-testid={`recommend-row-${u.unitId}`}
                  onClick={() => !already && toggle(u.unitId)}
                >
                  <td>
                    <input
                      type="checkbox"
                      checked={checked}
                      disabled={already}
                      aria-label={u.callSign}
                      onClick={(e) => e.stopPropagation()}
                      onChange={() => toggle(u.unitId)}
                    />
                  </td>
                  <td>
                    <strong>{u.callSign}</strong>{' '}
                    <span className="muted">{t(`dispatch.units.kinds.${u.kind}`)}</span>
                  </td>
                  <td className="num">{formatEta(u.etaS)}</td>
                  <td className="num">{formatKm(u.roadM)}</td>
                  <td className="num muted">{formatKm(u.straightM)}</td>
                  <td>
                    {already ? (
                      <span className="tag">{t('dispatch.recommend.onIt')}</span>
                    ) : (
                      <>
                        <span className={`avail avail-${u.availability}`}>
                          {t(`dispatch.units.availability.${u.availability}`)}
                        </span>{' '}
                        <span className="muted">{t(`dispatch.units.activity.${u.activity}`)}</span>
                      </>
                    )}
                  </td>
                  <td className={u.fresh ? '' : 'warn-text'}>
                    {u.fresh
                      ? t('dispatch.recommend.fresh')
                      : u.fromPost
                        ? t('dispatch.recommend.atPost')
                        : t('dispatch.recommend.lastSeen')}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      <form
        className="dispatch-order-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (units.length === 0 || busy) return;
          setBusy(true);
          const names = units.map(callSign).join('、');
          void run('dispatch.order', { incidentId: id, unitIds: units, note: note.trim() }, () =>
            t('dispatch.recommend.ordered', { units: names }),
          )
            .then((done) => {
              if (done) {
                setChosen({ id, units: [] });
                setNote('');
              }
            })
            .finally(() => setBusy(false));
        }}
      >
        <input
          value={note}
          maxLength={2000}
          placeholder={t('dispatch.recommend.notePlaceholder')}
          aria-label={t('dispatch.recommend.note')}
          data-testid="dispatch-note"
          onChange={(e) => setNote(e.target.value)}
        />
        <button
          type="submit"
          className="primary"
          disabled={!chief || busy || units.length === 0}
          title={chief ? undefined : t('dispatch.chiefOnly')}
          data-testid="dispatch-order"
        >
          {t('dispatch.recommend.order', { count: units.length })}
        </button>
      </form>
    </section>
  );
}
