/**
 * Reinforcement (区域协作增援, issue #13 item 6): choose a level, see what it would send per ring
 * (units by ETA, how many the ring is short) and which grids it would leave with no available
 * unit, then confirm once: `reinforce.raise` orders the ticked units.
 */
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  Incident,
  ReinforcementLevel,
  ReinforcementProposal,
} from '../../../shared/contract/dispatch';
import { useClient } from '../../transport/use-client';
import { formatEta, summarizeProposal } from './dispatch-model';
import type { Run } from './dispatch-run';

export function ReinforcePanel({
  incident,
  chief,
  run,
  onShow,
}: {
  incident: Incident | null;
  chief: boolean;
  run: Run;
  /** Shows the incident on the map at a level's zoom. */
  onShow: (place: { lat: number; lng: number }, zoom: number) => void;
}) {
  const { t } = useTranslation();
  const client = useClient();
  const [levels, setLevels] = useState<ReinforcementLevel[] | null>(null);
  const [levelId, setLevelId] = useState('');
  const [proposal, setProposal] = useState<ReinforcementProposal | null>(null);
  const [left, setLeft] = useState<ReadonlySet<string>>(new Set());
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let alive = true;
    void client.call('reinforce.levels', {}).then((answer) => {
      if (alive && answer.ok) setLevels(answer.value);
    });
    return () => {
      alive = false;
    };
  }, [client]);

  const incidentId = incident?.id ?? null;
  const current = proposal && proposal.incidentId === incidentId ? proposal : null;
  const summary = current ? summarizeProposal(current) : null;
  const unitIds = summary ? summary.unitIds.filter((id) => !left.has(id)) : [];
  const level = levels?.find((l) => l.id === levelId);

  const propose = async (id: string, levelChosen: string): Promise<void> => {
    setBusy(true);
    const value = await run('reinforce.propose', { incidentId: id, levelId: levelChosen });
    setBusy(false);
    if (value) {
      setProposal(value);
      setLeft(new Set());
    }
  };

  if (!incident) return <div className="muted">{t('dispatch.reinforce.needIncident')}</div>;
  return (
    <section className="reinforce-panel" data-testid="reinforce-panel">
      {levels && levels.length === 0 && (
        <div className="muted">{t('dispatch.reinforce.noLevels')}</div>
      )}
      <div className="dispatch-filters">
        <select
          value={levelId}
          aria-label={t('dispatch.reinforce.level')}
          data-testid="reinforce-level"
          onChange={(e) => {
            setLevelId(e.target.value);
            setProposal(null);
            const chosen = levels?.find((l) => l.id === e.target.value);
            if (chosen?.mapZoom) onShow(incident, chosen.mapZoom);
            if (e.target.value) void propose(incident.id, e.target.value);
          }}
        >
          <option value="">{t('dispatch.reinforce.chooseLevel')}</option>
          {levels?.map((l) => (
            <option key={l.id} value={l.id}>
              {l.name}
            </option>
          ))}
        </select>
        <button
          type="button"
          disabled={!levelId || busy}
          data-testid="reinforce-propose"
          onClick={() => void propose(incident.id, levelId)}
        >
          {t('dispatch.reinforce.propose')}
        </button>
      </div>
      {current && summary && (
        <>
          <div className="muted" data-testid="reinforce-summary">
            {t('dispatch.reinforce.summary', { units: summary.units, wanted: summary.wanted })}
          </div>
          {current.rings.map((ring) => (
            <div
              key={ring.ring}
              className="reinforce-ring"
              data-testid={`reinforce-ring-${ring.ring}`}
            >
              <div className="reinforce-ring-head">
                <strong>{t(`dispatch.reinforce.rings.${ring.ring}`)}</strong>
                <span>
                  {t('dispatch.reinforce.ringLine', {
                    found: ring.units.length,
                    wanted: ring.wanted,
                  })}
                </span>
                {ring.short > 0 && (
                  <span className="tag bad">
                    {t('dispatch.reinforce.short', { count: ring.short })}
                  </span>
                )}
              </div>
              <ul>
                {ring.units.map((u) => (
                  <li key={u.unitId}>
                    <label>
                      <input
                        type="checkbox"
                        checked={!left.has(u.unitId)}
                        onChange={() =>
                          setLeft((before) => {
                            const next = new Set(before);
                            if (next.has(u.unitId)) next.delete(u.unitId);
                            else next.add(u.unitId);
                            return next;
                          })
                        }
                      />
                      <strong>{u.callSign}</strong>
                      <span className="num">{formatEta(u.etaS)}</span>
                      <span className="muted">{t(`dispatch.units.activity.${u.activity}`)}</span>
                    </label>
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <div
            className={current.holes.length > 0 ? 'tag bad holes' : 'muted'}
            data-testid="reinforce-holes"
          >
            {current.holes.length > 0
              ? t('dispatch.reinforce.holes', {
                  grids: current.holes.map((h) => h.name).join('、'),
                })
              : t('dispatch.reinforce.noHoles')}
          </div>
          <button
            type="button"
            className="danger"
            disabled={!chief || busy || unitIds.length === 0}
            title={chief ? undefined : t('dispatch.chiefOnly')}
            data-testid="reinforce-raise"
            onClick={() => {
              setBusy(true);
              void run(
                'reinforce.raise',
                { incidentId: incident.id, levelId: current.levelId, unitIds },
                (orders) =>
                  t('dispatch.reinforce.raised', {
                    level: level?.name ?? current.levelId,
                    count: orders.length,
                  }),
              )
                .then(async (done) => {
                  if (!done) return;
                  setProposal(null);
                  if (level?.viewId)
                    await run('view.load', { name: level.viewId }, () =>
                      t('dispatch.reinforce.viewOpened', {
                        level: level.name,
                        view: level.viewId,
                        count: done.length,
                      }),
                    );
                })
                .finally(() => setBusy(false));
            }}
          >
            {t('dispatch.reinforce.raise', { count: unitIds.length })}
          </button>
        </>
      )}
    </section>
  );
}
