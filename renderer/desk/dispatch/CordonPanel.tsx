/**
 * The cordon (封边合围, issue #13 item 7): for the chosen incident, the suspect's mode, speed and
 * minutes since; `cordon.plan` gives where the suspect may be now, the ring to close (reachable
 * within the plan's horizon, "合围圈：15 分钟内") and its exits with the units that beat the
 * suspect there. Each exit gets by default the fastest unit that beats the suspect (one exit per
 * unit); one button orders them all (`cordon.order`).
 */
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CordonPlan, Incident } from '../../../shared/contract/dispatch';
import {
  ageMinutes,
  cordonAssignments,
  defaultCordon,
  defaultSpeed,
  formatEta,
  formatKm,
  summarizeCordon,
  type CordonAssignment,
} from './dispatch-model';
import type { Run } from './dispatch-run';

export interface CordonState {
  incidentId: string;
  plan: CordonPlan;
  assignment: CordonAssignment;
  /** Its orders were given: the button does not order the same units twice (plan again to). */
  ordered: boolean;
}

export function CordonPanel({
  incident,
  chief,
  run,
  now,
  cordon,
  onCordon,
}: {
  incident: Incident | null;
  chief: boolean;
  run: Run;
  now: number;
  cordon: CordonState | null;
  onCordon: (cordon: CordonState | null) => void;
}) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'vehicle' | 'foot'>('vehicle');
  const [speed, setSpeed] = useState(defaultSpeed('vehicle'));
  // Set by hand for one incident; a new incident starts from its own age.
  const [minutesSet, setMinutesSet] = useState<{ id: string; value: number } | null>(null);
  const [busy, setBusy] = useState(false);

  if (!incident) return <div className="muted">{t('dispatch.reinforce.needIncident')}</div>;
  const minutes = minutesSet?.id === incident.id ? minutesSet.value : null;
  const since = minutes ?? Math.min(120, ageMinutes(incident.reportedAt, now));
  const current = cordon && cordon.incidentId === incident.id ? cordon : null;
  const summary = current ? summarizeCordon(current.plan, current.assignment) : null;
  const assignments = current ? cordonAssignments(current.plan, current.assignment) : [];

  return (
    <section className="cordon-panel" data-testid="cordon-panel">
      <form
        className="dispatch-filters cordon-form"
        onSubmit={(e) => {
          e.preventDefault();
          setBusy(true);
          void run('cordon.plan', {
            incidentId: incident.id,
            lat: incident.lat,
            lng: incident.lng,
            mode,
            speedKmh: speed,
            minutesSince: since,
          })
            .then((plan) => {
              if (plan)
                onCordon({
                  incidentId: incident.id,
                  plan,
                  assignment: defaultCordon(plan),
                  ordered: false,
                });
            })
            .finally(() => setBusy(false));
        }}
      >
        <label>
          <span>{t('dispatch.cordon.mode')}</span>
          <select
            value={mode}
            data-testid="cordon-mode"
            onChange={(e) => {
              const next = e.target.value === 'foot' ? 'foot' : 'vehicle';
              setMode(next);
              setSpeed(defaultSpeed(next));
            }}
          >
            <option value="vehicle">{t('dispatch.cordon.modes.vehicle')}</option>
            <option value="foot">{t('dispatch.cordon.modes.foot')}</option>
          </select>
        </label>
        <label>
          <span>{t('dispatch.cordon.speed')}</span>
          <input
            type="number"
            min={1}
            max={200}
            value={speed}
            data-testid="cordon-speed"
            onChange={(e) => setSpeed(Math.min(200, Math.max(1, Number(e.target.value) || 1)))}
          />
        </label>
        <label>
          <span>{t('dispatch.cordon.minutes')}</span>
          <input
            type="number"
            min={0}
            max={120}
            value={since}
            data-testid="cordon-minutes"
            onChange={(e) =>
              setMinutesSet({
                id: incident.id,
                value: Math.min(120, Math.max(0, Number(e.target.value) || 0)),
              })
            }
          />
        </label>
        <button type="submit" className="primary" disabled={busy} data-testid="cordon-plan">
          {t('dispatch.cordon.plan')}
        </button>
        {current && (
          <button type="button" onClick={() => onCordon(null)}>
            {t('dispatch.cordon.clear')}
          </button>
        )}
      </form>
      {current && summary && (
        <>
          <div className="cordon-summary" data-testid="cordon-summary">
            <strong className="cordon-horizon" data-testid="cordon-horizon">
              {t('dispatch.cordon.horizon', { minutes: current.plan.horizonMinutes })}
            </strong>
            <span className="muted">
              {t('dispatch.cordon.reach', {
                km: formatKm(current.plan.reachM),
                exits: current.plan.exits.length,
              })}
            </span>
            <span className={summary.open > 0 ? 'warn-text' : 'muted'}>
              {t('dispatch.cordon.summary', { ...summary })}
            </span>
          </div>
          <ul className="cordon-legend" aria-label={t('dispatch.cordon.title')}>
            <li>
              <span className="cordon-swatch ring" />
              {t('dispatch.cordon.legendRing', { minutes: current.plan.horizonMinutes })}
            </li>
            <li>
              <span className="cordon-swatch now" />
              {t('dispatch.cordon.legendNow')}
            </li>
          </ul>
          {current.plan.exits.length === 0 && (
            <div className="warn-text" data-testid="cordon-no-exits">
              {t('dispatch.cordon.noExits')}
            </div>
          )}
          <table className="dispatch-table" hidden={current.plan.exits.length === 0}>
            <thead>
              <tr>
                <th>{t('dispatch.cordon.exit')}</th>
                <th>{t('dispatch.cordon.suspect')}</th>
                <th>{t('dispatch.cordon.unit')}</th>
              </tr>
            </thead>
            <tbody>
              {[...current.plan.exits]
                .sort((a, b) => a.suspectEtaS - b.suspectEtaS)
                .map((exit) => {
                  const chosen = current.assignment[exit.id] ?? '';
                  const beaten = exit.units.some((u) => u.beats);
                  return (
                    <tr
                      key={exit.id}
                      className={beaten ? '' : 'cordon-open'}
                      data-testid={`cordon-exit-${exit.id}`}
                    >
                      <td>
                        {exit.road}
                        <div className="muted small">
                          {exit.checkpoints.length > 0 &&
                            t('dispatch.cordon.checkpoints', {
                              count: exit.checkpoints.length,
                            })}{' '}
                          {exit.posts.length > 0 &&
                            t('dispatch.cordon.posts', { count: exit.posts.length })}
                        </div>
                      </td>
                      <td className="num">{formatEta(exit.suspectEtaS)}</td>
                      <td>
                        {exit.units.length === 0 ? (
                          <span className="warn-text">{t('dispatch.cordon.nobody')}</span>
                        ) : (
                          <select
                            value={chosen}
                            data-testid={`cordon-assign-${exit.id}`}
                            onChange={(e) =>
                              onCordon({
                                ...current,
                                assignment: { ...current.assignment, [exit.id]: e.target.value },
                                ordered: false,
                              })
                            }
                          >
                            <option value="">{t('dispatch.cordon.noUnit')}</option>
                            {exit.units.map((u) => (
                              <option key={u.unitId} value={u.unitId}>
                                {u.callSign} {formatEta(u.etaS)}{' '}
                                {u.beats ? t('dispatch.cordon.beats') : t('dispatch.cordon.late')}
                              </option>
                            ))}
                          </select>
                        )}
                        {!beaten && exit.units.length > 0 && (
                          <div className="warn-text small">{t('dispatch.cordon.nobody')}</div>
                        )}
                      </td>
                    </tr>
                  );
                })}
            </tbody>
          </table>
          <button
            type="button"
            className="danger"
            disabled={!chief || busy || current.ordered || assignments.length === 0}
            title={chief ? undefined : t('dispatch.chiefOnly')}
            data-testid="cordon-order"
            onClick={() => {
              setBusy(true);
              void run('cordon.order', { incidentId: incident.id, assignments }, (orders) =>
                t('dispatch.cordon.ordered', { count: orders.length }),
              )
                .then((orders) => {
                  if (orders) onCordon({ ...current, ordered: true });
                })
                .finally(() => setBusy(false));
            }}
          >
            {current.ordered
              ? t('dispatch.cordon.orderedButton', { count: assignments.length })
              : t('dispatch.cordon.order', { count: assignments.length })}
          </button>
        </>
      )}
    </section>
  );
}
